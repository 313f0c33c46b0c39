"""Serialisations of the built graph, written by Oxigraph's streaming serialisers from quads in
a fixed order (graph, subject, predicate, object), with the project's prefixes: a rebuild from
the same data gives byte-identical files, so curators can review changes as diffs.
Turtle holds the union of all graphs (Turtle has no named graphs); TriG, N-Quads and JSON-LD
keep each source document's graph.

JSON-LD is written here rather than by Oxigraph, compacted with the published context
(schema/context.jsonld: the prefixes and one term per ontology name, so `age` reads as
`dkg:age`) and indented, one node per subject: a reader can open it as JSON. Every literal
keeps its datatype (`{"@value": "28", "@type": "xsd:integer"}`) so the file re-parses to the
same dataset; only plain strings are bare JSON strings. The context is embedded in the file
(clients need not fetch it) and the endpoint serves the same one at /context.jsonld.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from ..schema.errors import UnusableInput
from ..schema.iris import PREFIXES, declared_terms
from .formats import EXPORTS

FORMATS = {f.name: f.ox for f in EXPORTS}  # the one table: graph/formats.py
SUFFIX = {f.name: "." + f.name for f in EXPORTS}
CONTEXT_FILE = "context.jsonld"
RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"
LANG_STRING = PREFIXES["rdf"] + "langString"


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
    elif fmt == "jsonld":
        return jsonld(quads)
    else:
        data = ox.serialize(quads, format=FORMATS[fmt], prefixes=PREFIXES)
    return data.decode("utf-8")


# --------------------------------------------------------------------------- JSON-LD


def build_context() -> dict:
    """The JSON-LD context: every prefix, and every name the ontology defines (classes and
    properties of schema/ontology.ttl and properties.ttl) as a term. schema/context.jsonld is
    this, written out (tests/test_pages.py checks the two agree)."""
    context: dict[str, str] = dict(PREFIXES)
    for term in sorted(declared_terms()):
        if term and term not in context:
            context[term] = "dkg:" + term
    return {"@context": context}


def context_text() -> str:
    return json.dumps(build_context(), indent=2, ensure_ascii=False) + "\n"


def published_context() -> dict:
    """The context as shipped (schema/context.jsonld)."""
    return json.loads((resources.files("dkg.schema") / CONTEXT_FILE).read_text(encoding="utf-8"))


def write_context(target: Path | None = None) -> Path:
    """Regenerate schema/context.jsonld (after the ontology gains a term)."""
    target = target or Path(str(resources.files("dkg.schema") / CONTEXT_FILE))
    target.write_text(context_text(), encoding="utf-8")
    return target


class _Compactor:
    """IRIs to the shortest form the context expands back: a term, else prefix:local."""

    def __init__(self, context: dict):
        ctx = context["@context"]
        self.terms = {v: k for k, v in ctx.items() if ":" in v and v.split(":", 1)[0] in ctx and v.split(":", 1)[0] != k}
        self.prefixes = sorted(((ns, p) for p, ns in ctx.items() if "://" in ns), key=lambda x: -len(x[0]))

    def iri(self, value: str, vocab: bool = False) -> str:
        compact = value
        for ns, prefix in self.prefixes:
            if value.startswith(ns) and len(value) > len(ns) and not value[len(ns):].startswith("//"):
                compact = f"{prefix}:{value[len(ns):]}"
                break
        if vocab and compact in self.terms:
            return self.terms[compact]
        return compact

    def node_ref(self, term) -> str:
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        return self.iri(term.value)

    def value(self, term):
        if isinstance(term, ox.Literal):
            if term.language:
                return {"@value": term.value, "@language": term.language}
            if term.datatype.value == XSD_STRING:
                return term.value
            return {"@value": term.value, "@type": self.iri(term.datatype.value, vocab=True)}
        return {"@id": self.node_ref(term)}


def _nodes(triples, compactor: _Compactor) -> list[dict]:
    by_subject: dict[str, dict[str, list]] = {}
    for t in triples:
        node = by_subject.setdefault(compactor.node_ref(t.subject), {})
        if t.predicate.value == RDF_TYPE and not isinstance(t.object, ox.Literal):
            node.setdefault("@type", []).append(compactor.iri(t.object.value, vocab=True))
        else:
            node.setdefault(compactor.iri(t.predicate.value, vocab=True), []).append(compactor.value(t.object))
    out = []
    for subject in sorted(by_subject):
        node = {"@id": subject}
        for key in sorted(by_subject[subject], key=lambda k: (k != "@type", k)):
            values = by_subject[subject][key]
            node[key] = values[0] if len(values) == 1 else values
        out.append(node)
    return out


def jsonld(quads_or_triples, context: dict | None = None) -> str:
    """Compacted, indented JSON-LD of quads (one @graph per named graph) or triples."""
    context = context or build_context()
    compactor = _Compactor(context)
    items = list(quads_or_triples)
    graphs: dict[str | None, list] = {}
    for q in items:
        g = getattr(q, "graph_name", None)
        name = None if g is None or isinstance(g, ox.DefaultGraph) else compactor.node_ref(g)
        graphs.setdefault(name, []).append(q.triple if hasattr(q, "triple") else q)
    top = _nodes(graphs.pop(None, []), compactor)
    for name in sorted(graphs):
        top.append({"@id": name, "@graph": _nodes(graphs[name], compactor)})
    doc = {"@context": context["@context"], "@graph": top}
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
