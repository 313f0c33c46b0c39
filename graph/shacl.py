"""SHACL conformance of the built graph, reported as problems a curator can act on.

Engine, chosen by measurement (docs/benchmarks.md, "Validation"): the shapes compiled to SPARQL
and asked of the store the build wrote (graph/shacl_sparql.py), so nothing is copied into a
validator's memory: at 100k claim entries 12 s in 172 MiB, against rudof's 140 s in parts of
several GiB (rudof holds about 10 KB per quad) and pySHACL slower still. All three find the
same violations (tests/test_shacl_engines.py, on the seed graph, a broken one and a file using
every translated construct); rudof (`engine="rudof"`) checks shapes the compiler does not
translate, and pySHACL is the reference the others are compared with.

For rudof and pySHACL, two things keep the check proportional to what changed (the SPARQL
engine reads the store in place and checks only focus nodes typed in the graphs written):

- only the quads the shapes can read are validated: rdf:type and rdfs:subClassOf (targets
  and sh:class) and the predicates of the shapes' paths; labels of claims, comparisons and
  the rest never reach the validator;
- after an incremental build only the graphs the build wrote are checked (check_store), with
  just enough of the unchanged graphs for the shapes that look across graphs: each reused
  source document's own description, and the dkg:claim and dkg:document links of its
  appearances and stances (a claim must appear somewhere; a source document must carry a claim).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..schema.errors import Problem
from ..schema.iris import PREFIXES, local_name

SHAPES = Path(__file__).resolve().parent.parent / "schema" / "shapes.ttl"
ENGINE = "sparql"
ENGINES = ("sparql", "rudof", "pyshacl")
RDF_TYPE = PREFIXES["rdf"] + "type"
SUBCLASS = PREFIXES["rdfs"] + "subClassOf"
SH = PREFIXES["sh"]


@lru_cache(maxsize=1)
def _shapes() -> tuple[frozenset[str] | None, dict[str, str]]:
    """(predicates the shapes read, or None when a path is too complex to tell; the sh:message
    of each named node shape, which rudof does not carry over to a node-level violation)."""
    import rdflib

    g = rdflib.Graph().parse(SHAPES, format="turtle")
    sh = rdflib.Namespace(SH)
    predicates: set[str] | None = {RDF_TYPE, SUBCLASS}
    inverses: set[str] = set()
    for path in g.objects(None, sh.path):
        inverse = g.value(path, sh.inversePath) if isinstance(path, rdflib.BNode) else None
        target = inverse if inverse is not None else path
        if isinstance(target, rdflib.URIRef):
            predicates.add(str(target))
            if inverse is not None:
                inverses.add(str(target))
        else:  # a sequence or alternative path: read everything rather than guess
            predicates = None
            break
    if any(next(g.triples((None, p, None)), None) is not None for p in (sh.node, sh.qualifiedValueShape, sh.sparql, sh.closed, sh.disjoint, sh.equals, sh.lessThan)):
        predicates = None  # constraints that reach past a node's own values and their types
    messages = {str(s): str(m) for s, m in g.subject_objects(sh.message) if isinstance(s, rdflib.URIRef)}
    return (frozenset(predicates) if predicates is not None else None), messages, frozenset(inverses)


def _predicate(line: str) -> str:
    return line.split(" ", 2)[1][1:-1] if line.startswith(("<", "_:")) else ""


def relevant(nquads: str) -> str:
    """The lines of `nquads` the shapes can read (see the module docstring)."""
    wanted = _shapes()[0]
    if wanted is None:
        return nquads
    return "".join(line for line in nquads.splitlines(keepends=True) if _predicate(line) in wanted)


def check(nquads: str, engine: str = ENGINE) -> list[Problem]:
    """Every SHACL violation in the graph given as N-Quads (all graphs, as one union)."""
    data = relevant(nquads)
    found = _validate(data, engine)
    if not found:
        return []
    graphs = _graphs_of_lines(data, {f for f, _p, _m in found})
    return _problems(found, graphs)


def check_store(store, graphs: Iterable[str] | None = None, context: Iterable[str] = (), engine: str = ENGINE) -> list[Problem]:
    """Every SHACL violation among the given graphs of a built store (None: all of them), with
    the cross-graph links of the `context` graphs (unchanged source documents, checked before)."""
    import pyoxigraph as ox

    raw = store.raw
    if engine == "sparql" and _compiles():
        from .shacl_sparql import validate

        found = validate(raw, sorted(graphs) if graphs is not None else None, SHAPES)
        return _problems(found, _where(raw, found)) if found else []
    wanted = _shapes()[0]
    chunks: list[bytes] = []

    def add(quads) -> None:
        chunks.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")

    selected = [None] if graphs is None else [ox.NamedNode(g) for g in graphs]
    for graph in selected:
        if wanted is None:
            add(raw.quads_for_pattern(None, None, None, graph))
        else:
            for p in sorted(wanted):
                add(raw.quads_for_pattern(None, ox.NamedNode(p), None, graph))
    from ..schema import iris

    links = [ox.NamedNode(iris.term("claim")), ox.NamedNode(iris.term("document"))]
    for name in context:
        graph = ox.NamedNode(name)
        # the source document's own description (its graph holds it with its appearances)
        for q in list(raw.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(iris.term("SourceDocument")), graph)):
            add(raw.quads_for_pattern(q.subject, None, None, graph))
        for link in links:
            add(raw.quads_for_pattern(None, link, None, graph))
    data = b"".join(chunks).decode("utf-8")
    found = _validate(data, engine)
    if not found:
        return []
    return _problems(found, _where(raw, found))


def _where(raw, found) -> dict[str, list[str]]:
    """The graphs each focus node is described in (the first names the problem's place)."""
    import pyoxigraph as ox

    where: dict[str, list[str]] = {}
    for focus, _p, _m in found:
        if focus not in where:
            node = ox.BlankNode(focus[2:]) if focus.startswith("_:") else ox.NamedNode(focus)
            where[focus] = sorted({q.graph_name.value for q in raw.quads_for_pattern(node, None, None, None) if isinstance(q.graph_name, ox.NamedNode)})
    return where


@lru_cache(maxsize=1)
def _compiles() -> bool:
    """Whether the shapes compile to SPARQL (graph/shacl_sparql.py); if not, rudof checks them."""
    from .shacl_sparql import Unsupported, compile_shapes

    try:
        compile_shapes(SHAPES)
    except Unsupported:
        return False
    return True


def _problems(found: list[tuple[str, str, str]], graphs: dict[str, list[str]]) -> list[Problem]:
    out = []
    for focus, path, message in found:
        inverse = path.startswith("^")
        shown_path = ("^" if inverse else "") + local_name(path.lstrip("^")) if path else ""
        gs = graphs.get(focus) or []
        where = f"graph {local_name(gs[0])}" if gs else "built graph"
        out.append(Problem(where, 0, 0, f"{local_name(focus)} {shown_path}".strip(), f"SHACL: {message}"))
    return sorted(out, key=lambda p: (p.file, p.field, p.message))


def _graphs_of_lines(data: str, focus: set[str]) -> dict[str, list[str]]:
    terms = {(f if f.startswith("_:") else f"<{f}>"): f for f in focus}
    out: dict[str, set[str]] = {}
    for line in data.splitlines():
        subject = line.split(" ", 1)[0]
        if subject in terms and line.rstrip().endswith("> ."):
            graph = line.rstrip()[:-2].rstrip().rsplit(" ", 1)[-1]
            if graph.startswith("<"):
                out.setdefault(terms[subject], set()).add(graph[1:-1])
    return {k: sorted(v) for k, v in out.items()}


CHUNK_QUADS = 250_000  # rudof holds about 10 KB per quad: 1.4M quads took 14 GB at once


def _validate(data: str, engine: str, chunk: int = CHUNK_QUADS) -> list[tuple[str, str, str]]:
    """(focus node, path or "", message) of each violation; an inverse path as ^IRI.

    Large data is checked in parts, each holding every triple of its subjects (split by
    subject), plus what the shapes read beyond a node's own triples: the types of the nodes it
    points at (sh:class), the triples pointing at it by an inverse path, and rdfs:subClassOf.
    A part reports only violations of its own subjects (the others in it are incomplete there).
    That is exact for shapes whose paths are one predicate or its inverse (_shapes checks)."""
    lines = data.splitlines(keepends=True)
    if len(lines) <= chunk or _shapes()[0] is None or (engine == "sparql" and _compiles()):
        return _validate_all(data, engine)
    inverse = {f"<{p}>" for p in _shapes()[2]}
    type_term, subclass_term = f"<{RDF_TYPE}>", f"<{SUBCLASS}>"
    parts = -(-len(lines) // chunk)
    by_part: list[list[str]] = [[] for _ in range(parts)]
    types: dict[str, list[str]] = {}
    pointing: dict[str, list[str]] = {}
    schema: list[str] = []
    for line in lines:
        subject, predicate, rest = line.split(" ", 2)
        by_part[hash(subject) % parts].append(line)
        if predicate == type_term:
            types.setdefault(subject, []).append(line)
        elif predicate == subclass_term:
            schema.append(line)
        if predicate in inverse:
            pointing.setdefault(rest.split(" ", 1)[0], []).append(line)
    del lines
    out = []
    for part in by_part:
        subjects = {line.split(" ", 1)[0] for line in part}
        extra = set(schema)
        for line in part:
            obj = line.split(" ", 3)[2]
            if obj.startswith("<") and obj not in subjects:
                extra.update(types.get(obj, ()))
        for subject in subjects:
            extra.update(x for x in pointing.get(subject, ()) if x.split(" ", 1)[0] not in subjects)
        found = _validate_all("".join(part) + "".join(extra), engine)
        out += [v for v in found if (v[0] if v[0].startswith("_:") else f"<{v[0]}>") in subjects]
    return out


def _validate_all(data: str, engine: str) -> list[tuple[str, str, str]]:
    if engine == "sparql" and _compiles():
        import pyoxigraph as ox

        from .shacl_sparql import validate

        store = ox.Store()
        store.bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        return validate(store, None, SHAPES)
    if engine in ("rudof", "sparql"):
        return _rudof(data)
    if engine == "pyshacl":
        return _pyshacl(data)
    raise ValueError(f"unknown SHACL engine {engine!r}; one of {', '.join(ENGINES)}")


def _literal_text(text: str) -> str:
    """rudof gives a message as an N-Triples literal ("...", maybe with @lang): its text."""
    if text.startswith('"'):
        end = text.rfind('"')
        if end > 0:
            return text[1:end].replace('\\"', '"').replace("\\\\", "\\")
    return text


def _rudof(data: str) -> list[tuple[str, str, str]]:
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(data, format=pyrudof.RDFFormat.NQuads)
    rudof.read_shacl(str(SHAPES), format=pyrudof.ShaclFormat.Turtle)
    report = rudof.validate_shacl()
    if report.conforms:
        return []
    messages = _shapes()[1]
    out = []
    for v in report.violations:
        path = v.path or ""
        if path.startswith("^(") and path.endswith(")"):
            path = "^" + path[2:-1]
        message = _literal_text(v.message or "")
        if not v.path and v.source_shape in messages:  # a node shape's own sh:message
            message = messages[v.source_shape]
        if v.value and v.value != v.focus_node and v.value not in message:
            message += f" (value {v.value})"
        out.append((v.focus_node, path, message))
    return out


def _pyshacl(data: str) -> list[tuple[str, str, str]]:
    import rdflib
    from pyshacl import validate

    ds = rdflib.Dataset()
    ds.parse(data=data, format="nquads")
    union = rdflib.Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, report, _text = validate(union, shacl_graph=shapes, inference="none", advanced=True)
    if conforms:
        return []
    sh = rdflib.Namespace(SH)
    out = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        if isinstance(path, rdflib.BNode):
            inverse = report.value(path, sh.inversePath)
            path = f"^{inverse}" if inverse is not None else None
        message = report.value(result, sh.resultMessage)
        out.append((str(focus) if not isinstance(focus, rdflib.BNode) else f"_:{focus}", str(path) if path else "", str(message)))
    return out
