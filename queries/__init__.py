"""dkg.queries: the bundled SPARQL questions (rq/*.rq), loaded by name (library), and typed Python
functions over them (api) that work on any Store, embedded or remote."""
