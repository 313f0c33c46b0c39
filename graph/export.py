"""Serialisations of the built graph, written by Oxigraph's streaming serialisers from quads in
a fixed order (graph, subject, predicate, object), with the project's prefixes: a rebuild from
the same data gives byte-identical files, so curators can review changes as diffs.
Turtle holds the union of all graphs (Turtle has no named graphs); TriG, N-Quads and JSON-LD
keep each source document's graph."""

from __future__ import annotations

import pyoxigraph as ox

from ..schema.errors import UnusableInput
from ..schema.iris import PREFIXES

FORMATS = {"nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD}
SUFFIX = {"nq": ".nq", "trig": ".trig", "ttl": ".ttl", "jsonld": ".jsonld"}


def _key(q) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def serialize(nquads: str, fmt: str) -> str:
    """nquads: the N-Quads dump of a store (Store.dump_nquads())."""
    if fmt not in FORMATS:
        raise UnusableInput(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}, graphml, gexf")
    quads = sorted(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS), key=_key)
    if fmt == "ttl":
        seen, triples = set(), []
        for q in sorted(quads, key=lambda q: _key(q)[1:]):
            t = q.triple
            if t not in seen:
                seen.add(t)
                triples.append(t)
        data = ox.serialize(triples, format=FORMATS[fmt], prefixes=PREFIXES)
    elif fmt == "nq":
        data = ox.serialize(quads, format=FORMATS[fmt])
    else:
        data = ox.serialize(quads, format=FORMATS[fmt], prefixes=PREFIXES)
    return data.decode("utf-8")
