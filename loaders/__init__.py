"""Curated files to validated records to RDF: YAML and bulk tables read with their positions,
references resolved, claims merged, comparisons and stances worked out, quads written."""
