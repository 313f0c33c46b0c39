"""Pydantic models, closed vocabularies, IRIs, ontology and SHACL shapes: the lowest layer."""
