"""SHACL: the compiled engine (rudof) finds what pySHACL finds, and the check of only the graphs
an incremental build wrote sees what a full check would see in them, without false alarms from
the links into unchanged graphs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from dkg.graph.build import build, store_path
from dkg.graph.shacl import ENGINES, check, check_store
from dkg.graph.store import OxigraphStore
from dkg.loaders.corpus import load_corpus
from dkg.loaders.rdf import graph_lines
from dkg.schema import iris
from dkg.schema.errors import DataProblems

from .conftest import SEED

T = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
HUR = "000_9dcf5df62fe0ca39"


def _seed_lines() -> str:
    return "".join(line for _g, lines in graph_lines(load_corpus(SEED)) for line in lines)


def _broken(lines: str) -> str:
    d, claims = iris.term, f"<{iris.CLAIMS_GRAPH}>"
    app = next(l.split()[0] for l in lines.splitlines() if l.endswith(f"<{d('Appearance')}> <{iris.graph(HUR)}> ."))
    fig = next(l.split()[0] for l in lines.splitlines() if f" <{T}> <{d('Figure')}> " in l)
    return lines + "".join(
        [
            f"<{iris.claim('orphan--age--00000000')}> <{T}> <{d('Claim')}> {claims} .\n",
            f"<{iris.entity('nameless')}> <{T}> <{d('Person')}> <{iris.REGISTRY_GRAPH}> .\n",
            f'{app} <{d("reliability")}> "Z" {claims} .\n',
            f'{app} <{d("credibility")}> "9"^^<{XSD_INT}> {claims} .\n',
            f'{fig} <{d("minimum")}> "3"^^<{XSD_INT}> {claims} .\n',
            f'{fig} <{d("currency")}> "usd" {claims} .\n',
        ]
    )


def _found(problems) -> set[tuple[str, str]]:
    return {(p.file, p.field) for p in problems}


def test_the_project_shapes_compile_to_sparql():
    """The default engine really is the SPARQL one: dkg's own shapes use nothing it cannot
    translate (otherwise the build would quietly fall back to rudof)."""
    from dkg.graph import shacl
    from dkg.graph.shacl_sparql import compile_shapes

    assert shacl._compiles() and shacl.ENGINE == "sparql"
    assert len(compile_shapes(shacl.SHAPES)) > 50


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_passes_the_seed_graph(engine):
    assert check(_seed_lines(), engine=engine) == []


def test_every_engine_finds_the_same_violations_in_a_broken_graph():
    data = _broken(_seed_lines())
    found = {engine: check(data, engine=engine) for engine in ENGINES}
    assert _found(found["sparql"]) == _found(found["rudof"]) == _found(found["pyshacl"])
    assert len(found["sparql"]) == 14
    messages = [str(p) for p in found["sparql"]]
    assert any("credibility" in m and '"9"^^xsd:integer' in m and "<= 6" in m for m in messages), messages
    messages = [str(p) for p in found["rudof"]]
    # what a curator reads: where, which node and field, and the shapes' own messages
    assert any("orphan--age--00000000 ^claim" in m and "every claim appears in at least one document" in m for m in messages), messages
    assert any("orphan--age--00000000:" in m and "a disputed or deprecated claim says why" in m for m in messages), messages
    assert any(m.startswith("graph registry") and "nameless" in m and "every entity has a name" in m for m in messages), messages
    assert any("reliability" in m and '"Z"' in m for m in messages), messages
    assert len(found["rudof"]) == 14


def _copy_of_built_store(tmp_path, data) -> OxigraphStore:
    out = tmp_path / "out"
    build(data, out, formats=())
    OxigraphStore(store_path(out), read_only=True).backup(tmp_path / "copy")
    return OxigraphStore(tmp_path / "copy")


def test_checking_written_graphs_only_sees_their_problems_and_no_false_alarms(data_copy, tmp_path):
    store = _copy_of_built_store(tmp_path, data_copy)
    docs = sorted(g for g in store.graphs() if g.startswith(iris.GRAPH) and g not in (iris.CLAIMS_GRAPH, iris.REGISTRY_GRAPH, iris.ONTOLOGY_GRAPH))
    written = [iris.CLAIMS_GRAPH, iris.REGISTRY_GRAPH, iris.ONTOLOGY_GRAPH, docs[0]]
    # every claim's appearances in the unchanged graphs count: a clean store passes
    assert check_store(store, written, docs[1:]) == []
    assert check_store(store) == []

    def add(s, p, o, g):
        store.raw.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.NamedNode(g)))

    app_in = lambda g: next(q.subject.value for q in store.raw.quads_for_pattern(None, ox.NamedNode(T), ox.NamedNode(iris.term("Appearance")), ox.NamedNode(g)))  # noqa: E731
    written_app, unchanged_app = app_in(docs[0]), app_in(docs[1])
    add(written_app, iris.term("reliability"), ox.Literal("Z"), docs[0])
    add(unchanged_app, iris.term("reliability"), ox.Literal("Y"), docs[1])
    add(iris.claim("orphan--age--00000000"), T, ox.NamedNode(iris.term("Claim")), iris.CLAIMS_GRAPH)

    partial = [str(p) for p in check_store(store, written, docs[1:])]
    assert any(written_app.rsplit("/", 1)[-1] in m and "reliability" in m for m in partial), partial
    assert any("orphan--age--00000000 ^claim" in m for m in partial), partial
    assert not any(unchanged_app.rsplit("/", 1)[-1] in m for m in partial), partial  # checked by the build that wrote it
    full = [str(p) for p in check_store(store)]
    assert set(partial) < set(full) and any(unchanged_app.rsplit("/", 1)[-1] in m for m in full)


def test_an_incremental_build_checks_shapes_and_a_failure_keeps_the_previous_build(data_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = build(data_copy, out, formats=())
    source = data_copy / "sources" / "003_e82a78f22526c30b.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("Newsweek has contacted", "Newsweek contacted"), encoding="utf-8")
    calls = []
    import dkg.graph.shacl as shacl

    real = shacl.check_store

    def spy(store, graphs=None, context=(), engine=shacl.ENGINE):
        calls.append((graphs, list(context)))
        problems = real(store, graphs, context, engine)
        return problems + [shacl.Problem("graph x", 0, 0, "node", "SHACL: planted")]

    monkeypatch.setattr(shacl, "check_store", spy)
    with pytest.raises(DataProblems) as err:
        build(data_copy, out, formats=())
    assert "planted" in str(err.value.problems[0])
    graphs, context = calls[0]
    assert graphs is not None and len(context) == 4  # only the changed source's graph, with claims, registry, ontology
    assert (out / "current").resolve() == first.path  # nothing half-written became current


def test_checking_in_parts_finds_exactly_what_one_check_finds():
    """Large graphs are validated in parts split by subject (rudof holds ~10 KB per quad); each
    part carries the types and inverse links its shapes read, so nothing is lost or invented."""
    from dkg.graph import shacl

    assert shacl._shapes()[0] is not None  # the shapes allow filtering and parts
    data = shacl.relevant(_broken(_seed_lines()))
    whole = shacl._validate(data, "rudof", chunk=10**9)
    real = shacl._validate_all
    for chunk in (500, 1500):
        sizes = []

        def spy(part, engine):
            sizes.append(part.count("\n"))
            return real(part, engine)

        shacl._validate_all = spy
        try:
            parts = shacl._validate(data, "rudof", chunk=chunk)
        finally:
            shacl._validate_all = real
        assert len(sizes) >= 3 and max(sizes) < data.count("\n")  # really in several parts
        assert sorted(parts) == sorted(whole)
    assert len(whole) == 14


# Every construct the SPARQL compiler translates, each broken at least once, checked against
# pySHACL (the reference implementation) on the same shapes and data.
_SHAPES_ALL = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:S a sh:NodeShape ; sh:targetClass ex:Thing ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ; sh:minLength 2 ; sh:maxLength 5 ] ;
  sh:property [ sh:path ex:code ; sh:pattern "^ab" ; sh:flags "i" ] ;
  sh:property [ sh:path ex:n ; sh:minInclusive 1 ; sh:maxExclusive 10 ; sh:minCount 2 ] ;
  sh:property [ sh:path ex:link ; sh:class ex:Thing ; sh:nodeKind sh:IRI ; sh:maxCount 2 ] ;
  sh:property [ sh:path [ sh:inversePath ex:link ] ; sh:maxCount 1 ] ;
  sh:property [ sh:path ex:kind ; sh:in ( ex:A ex:B ) ; sh:hasValue ex:A ] ;
  sh:property [ sh:path ex:when ; sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYear ] ) ] ;
  sh:not [ sh:property [ sh:path ex:banned ; sh:minCount 1 ] ] ;
  sh:and ( [ sh:property [ sh:path ex:name ; sh:minCount 1 ] ] [ sh:property [ sh:path ex:kind ; sh:minCount 1 ] ] ) .
ex:T a sh:NodeShape ; sh:targetSubjectsOf ex:score ; sh:xone ( [ sh:property [ sh:path ex:a ; sh:minCount 1 ] ] [ sh:property [ sh:path ex:b ; sh:minCount 1 ] ] ) .
ex:U a sh:NodeShape ; sh:targetNode ex:fixed ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
ex:V a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:property [ sh:path ex:name ; sh:maxCount 1 ] .
"""

_DATA_ALL = """
@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Sub rdfs:subClassOf ex:Thing .
ex:good a ex:Thing ; ex:name "abc" ; ex:code "ABx" ; ex:n 1, 9 ; ex:link ex:sub ; ex:kind ex:A ; ex:when "2024"^^xsd:gYear .
ex:sub a ex:Sub ; ex:name "xy" ; ex:n 2, 3 ; ex:kind ex:A .
ex:bad a ex:Thing ; ex:name "a", "toolongname" ; ex:code "zz", 5 ; ex:n 0, 10, "x" ; ex:link ex:nowhere, "lit", ex:good ;
  ex:kind ex:C ; ex:when "2024-01" ; ex:banned true .
ex:empty a ex:Sub .
ex:other a ex:Thing ; ex:name "okay" ; ex:n 3, 4 ; ex:kind ex:A ; ex:link ex:sub .
ex:both ex:score 1 ; ex:a 1 ; ex:b 2 .
ex:neither ex:score 2 .
ex:one ex:score 3 ; ex:b 1 .
ex:fixed ex:other 1 .
ex:nowhere ex:name "p", "q" .
"""


def test_the_sparql_engine_agrees_with_pyshacl_on_every_construct_it_translates(tmp_path, monkeypatch):
    import rdflib

    from dkg.graph import shacl

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(_SHAPES_ALL, encoding="utf-8")
    data = rdflib.Dataset()
    data.graph(rdflib.URIRef("http://example.org/g")).parse(data=_DATA_ALL, format="turtle")
    nquads = data.serialize(format="nquads")
    monkeypatch.setattr(shacl, "SHAPES", shapes)
    for cached in (shacl._shapes, shacl._compiles):
        cached.cache_clear()
    try:
        ours = {(f, p) for f, p, _m in shacl._validate_all(nquads, "sparql")}
        reference = {(f, p) for f, p, _m in shacl._validate_all(nquads, "pyshacl")}
    finally:
        for cached in (shacl._shapes, shacl._compiles):
            cached.cache_clear()
    assert ours == reference
    ex = "http://example.org/"
    assert (ex + "good", "") not in {(f, p) for f, p in ours} and not any(f == ex + "good" for f, _p in ours)
    for field in ("name", "code", "n", "link", "kind", "when"):
        assert (ex + "bad", ex + field) in ours, field
    assert (ex + "good", "^" + ex + "link") not in ours and (ex + "sub", "^" + ex + "link") in ours  # linked twice
    assert {(ex + "both", ""), (ex + "neither", ""), (ex + "fixed", ex + "name"), (ex + "nowhere", ex + "name")} <= ours
    assert (ex + "one", "") not in ours and (ex + "empty", ex + "n") in ours


def test_shapes_the_compiler_does_not_translate_are_named(tmp_path):
    """What the compiler cannot answer exactly is refused by name (graph/shacl.py then falls
    back to rudof): SPARQL-based constraints, and an XSD type the store folds into another."""
    from dkg.graph.shacl_sparql import Unsupported, compile_shapes

    head = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    refused = {
        "sh:sparql is not translated": "ex:S sh:targetClass ex:T ; sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .",
        "sh:datatype xsd:int": "ex:S sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:datatype xsd:int ] .",
        "a recursive shape": "ex:S sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:node ex:S ] .",
        "sh:foo is not translated": "ex:S sh:targetClass ex:T ; sh:foo 1 .",
        "sh:in .*xsd:int": 'ex:S sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:in ( "1"^^xsd:int ) ] .',
        "a blank node": "ex:S sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:hasValue [] ] .",
    }
    for i, (said, shape) in enumerate(refused.items()):
        shapes = tmp_path / f"s{i}.ttl"
        shapes.write_text(head + shape + "\n", encoding="utf-8")
        with pytest.raises(Unsupported, match=said):
            compile_shapes(shapes)


def test_ill_formed_literals_fail_the_project_datatypes():
    """An ill-formed literal is not of its datatype (SHACL 4.1.2): "aldi"^^xsd:integer and an
    impossible date fail dkg's own shapes in the build's engine, as in the reference."""
    lines = _seed_lines()
    claim = next(l.split()[0] for l in lines.splitlines() if f" <{T}> <{iris.term('Claim')}> " in l)
    claims = f"<{iris.CLAIMS_GRAPH}>"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    broken = lines + f'{claim} <{iris.term("appearanceCount")}> "aldi"^^<{xsd}integer> {claims} .\n'
    broken += f'{claim} <{iris.term("when")}> "2023-02-30"^^<{xsd}date> {claims} .\n'
    found = {engine: {(p.field, p.message) for p in check(broken, engine=engine)} for engine in ("sparql", "pyshacl")}
    fields = {engine: {f for f, _m in found[engine]} for engine in found}
    name = claim[1:-1].rsplit("/", 1)[-1]
    assert {f"{name} appearanceCount", f"{name} when"} <= fields["sparql"]
    assert fields["sparql"] == fields["pyshacl"]


# --- the compiled engine against pySHACL on shapes and data it was not written for -----------

def _keys(report):
    import rdflib

    from .w3c.shacl.suite import SH, report_keys

    return report_keys(report, next(report.subjects(rdflib.RDF.type, SH.ValidationReport)))


def _both(shapes_ttl: str, data_ttl: str):
    """(dkg's report keys, pySHACL's) for the shapes and data given as Turtle."""
    import rdflib
    from pyshacl import validate

    from dkg.graph import shacl_sparql

    head = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    shapes = rdflib.Graph().parse(data=head + shapes_ttl, format="turtle")
    data = rdflib.Graph().parse(data=head + data_ttl, format="turtle")
    found = shacl_sparql.results(shacl_sparql.store_of(data), checks=shacl_sparql.compile_graph(shapes))
    _conforms, reference, _text = validate(data, shacl_graph=shapes, inference="none")
    return _keys(shacl_sparql.report_graph(found, shapes)), _keys(reference)


@pytest.mark.parametrize(
    "shapes, data",
    [
        # the targets' variables once clashed with sh:lessThan's own (?_o): no result at all
        ("ex:S sh:targetSubjectsOf ex:r ; sh:property [ sh:path ex:start ; sh:lessThan ex:end ] .",
         "ex:a ex:r 1 ; ex:start 5 ; ex:end 3 . ex:b ex:r 2 ; ex:start 1 ; ex:end 4 ."),
        # an empty path's BIND in a group of its own joined every focus node with every target
        ("ex:S sh:targetNode ex:a, ex:b ; sh:path [ sh:zeroOrOnePath ex:p ] ; sh:property [ sh:path ex:q ; sh:maxCount 1 ] .",
         "ex:a ex:p ex:c ; ex:q 1, 2 . ex:b ex:q 3 . ex:c ex:q 4, 5 ."),
        # BIND rebinding a value already bound: sh:equals missed the values only the other has
        ("ex:S sh:targetNode ex:a ; sh:path [ sh:zeroOrMorePath ex:p ] ; sh:equals ex:q .",
         "ex:a ex:p ex:b ; ex:q ex:a, ex:c ."),
        # sh:closed on a property shape: one result per offending triple, even of the same (path, value)
        ("ex:S sh:targetNode ex:a ; sh:path ex:p ; sh:closed true .",
         "ex:a ex:p ex:b, ex:c . ex:b ex:r ex:z . ex:c ex:r ex:z ."),
    ],
)
def test_constructs_once_answered_wrongly_now_agree_with_pyshacl(shapes, data):
    ours, reference = _both(shapes, data)
    assert ours == reference and ours[0] is False


def _random_case(seed: int):
    """Random shapes (every construct the compiler translates but the range comparisons, where
    pySHACL takes an incomparable value as in range and SHACL does not) over random data."""
    import random

    import rdflib
    from rdflib import RDF, RDFS, XSD, BNode, Literal
    from rdflib.collection import Collection

    rng = random.Random(seed)
    ex, sh = rdflib.Namespace("http://example.org/"), rdflib.Namespace("http://www.w3.org/ns/shacl#")
    preds, classes, nodes = [ex.p, ex.q, ex.r], [ex.A, ex.B], [ex[n] for n in "abcdef"]
    literals = [Literal(1), Literal(5), Literal("x"), Literal("hello"), Literal("x", lang="en"), Literal("y", lang="en"),
                Literal("z", lang="fr"), Literal(2.5), Literal("2020-01-01", datatype=XSD.date), Literal(True)]
    shapes, data = rdflib.Graph(), rdflib.Graph()

    def listed(items):
        head = BNode()
        Collection(shapes, head, items)
        return head

    def path(depth=0):
        r = rng.random()
        if depth > 1 or r < 0.55:
            return rng.choice(preds)
        if 0.65 <= r < 0.75:
            return listed([path(depth + 1), path(depth + 1)])
        b = BNode()
        if r < 0.65:
            shapes.add((b, sh.inversePath, rng.choice(preds)))
        elif r < 0.85:
            shapes.add((b, sh.alternativePath, listed([path(depth + 1), path(depth + 1)])))
        else:
            shapes.add((b, rng.choice([sh.zeroOrMorePath, sh.oneOrMorePath, sh.zeroOrOnePath]), rng.choice(preds)))
        return b

    def shape(depth, prop):
        s = BNode()
        if prop:
            shapes.add((s, sh.path, path()))
        for _ in range(rng.choice([1, 1, 2])):
            constraint(s, depth, prop)
        return s

    def constraint(s, depth, prop):
        k = rng.choice(["class", "datatype", "nodeKind", "minCount", "maxCount", "minLength", "maxLength", "pattern", "languageIn",
                        "uniqueLang", "equals", "disjoint", "in", "hasValue", "not", "and", "or", "xone", "node", "property",
                        "qualified", "closed"])
        if not prop and k in ("minCount", "maxCount", "uniqueLang", "qualified"):
            k = "property"
        if depth > 2 and k in ("not", "and", "or", "xone", "node", "property", "qualified"):
            k = "datatype"
        add = lambda p, o: shapes.add((s, p, o))  # noqa: E731
        if k == "class":
            add(sh["class"], rng.choice(classes))
        elif k == "datatype":
            add(sh.datatype, rng.choice([XSD.integer, XSD.string, RDF.langString, XSD.date, XSD.decimal, XSD.boolean]))
        elif k == "nodeKind":
            add(sh.nodeKind, rng.choice([sh.IRI, sh.Literal, sh.BlankNodeOrIRI, sh.IRIOrLiteral]))
        elif k in ("minCount", "maxCount", "minLength", "maxLength"):
            add(sh[k], Literal(rng.choice([0, 1, 2, 3])))
        elif k == "pattern":
            add(sh.pattern, Literal(rng.choice(["^h", "x", "^[a-z]+$"])))
        elif k == "languageIn":
            add(sh.languageIn, listed([Literal("en")]))
        elif k in ("uniqueLang", "closed"):
            add(sh[k], Literal(True))
            if k == "closed":
                add(sh.ignoredProperties, listed([RDF.type]))
        elif k in ("equals", "disjoint"):
            add(sh[k], rng.choice(preds))
        elif k == "in":
            add(sh["in"], listed(rng.sample(nodes + literals, 3)))
        elif k == "hasValue":
            add(sh.hasValue, rng.choice(nodes + literals))
        elif k == "not":
            add(sh["not"], shape(depth + 1, rng.random() < 0.5))
        elif k in ("and", "or", "xone"):
            add(sh[k], listed([shape(depth + 1, rng.random() < 0.5) for _ in range(2)]))
        elif k == "node":
            add(sh.node, shape(depth + 1, False))
        elif k == "property":
            add(sh.property, shape(depth + 1, True))
        else:
            add(sh.qualifiedValueShape, shape(depth + 1, False))
            add(rng.choice([sh.qualifiedMinCount, sh.qualifiedMaxCount]), Literal(rng.choice([0, 1, 2])))

    top = ex.S
    target = rng.random()
    if target < 0.4:
        shapes.add((top, sh.targetClass, ex.A))
    elif target < 0.8:
        shapes.add((top, sh.targetSubjectsOf if target < 0.6 else sh.targetObjectsOf, rng.choice(preds)))
    else:
        for n in rng.sample(nodes + literals, 2):
            shapes.add((top, sh.targetNode, n))
    prop = rng.random() < 0.5
    if prop:
        shapes.add((top, sh.path, path()))
    else:
        shapes.add((top, RDF.type, sh.NodeShape))
    for _ in range(rng.choice([1, 2])):
        constraint(top, 0, prop)
    data.add((ex.B, RDFS.subClassOf, ex.A))
    for n in nodes:
        for c in classes:
            if rng.random() < 0.35:
                data.add((n, RDF.type, c))
        for p in preds:
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
                data.add((n, p, rng.choice(nodes + literals)))
    return shapes, data


def _agree(seeds) -> tuple[int, list[int]]:
    """(cases compared, seeds where dkg's engine and pySHACL disagree)."""
    from pyshacl import validate

    from dkg.graph import shacl_sparql

    compared, differ = 0, []
    for seed in seeds:
        shapes, data = _random_case(seed)
        try:
            checks = shacl_sparql.compile_graph(shapes)
            _c, reference, _t = validate(data, shacl_graph=shapes, inference="none")
        except Exception:  # two sh:datatype on a shape and the like: pySHACL or dkg refuses the shapes
            continue
        compared += 1
        ours = shacl_sparql.report_graph(shacl_sparql.results(shacl_sparql.store_of(data), checks=checks), shapes)
        if _keys(ours) != _keys(reference):
            differ.append(seed)
    return compared, differ


def test_random_shapes_agree_with_pyshacl():
    compared, differ = _agree(range(150))
    assert compared > 130 and differ == []


@pytest.mark.slow
def test_many_random_shapes_agree_with_pyshacl():
    compared, differ = _agree(range(150, 3150))
    assert compared > 2800 and differ == []
