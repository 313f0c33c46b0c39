"""The store layer: the embedded Oxigraph store and remote SPARQL stores behind one interface,
the atomic build, exports, SHACL checks and parameter binding."""
