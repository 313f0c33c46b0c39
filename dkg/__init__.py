"""dkg: a knowledge graph of military defectors and of the claims made about them, with
their provenance. The layers are dkg.schema, dkg.loaders, dkg.graph and dkg.queries (the
top-level folders schema/, loaders/, graph/, queries/); this package holds the interfaces:
the `dkg` command, the SPARQL endpoint and the benchmark."""

__version__ = "0.1.0"
