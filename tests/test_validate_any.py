"""`dkg validate --shapes SHAPES --data-graph FILE`: any RDF file against any shapes file, with a
SHACL validation report in Turtle on stdout and the exit code saying whether it conforms."""

from __future__ import annotations

import json

import pytest
import rdflib

from dkg.cli import main

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
EX = rdflib.Namespace("http://example.org/")

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:datatype xsd:string ; sh:message "a person has a name" ] ;
  sh:property [ sh:path ex:born ; sh:datatype xsd:date ] .
"""
GOOD = """@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:ann a ex:Person ; ex:name "Ann" ; ex:born "1990-01-02"^^xsd:date .
"""
BAD = """@prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:ann a ex:Person ; ex:name "Ann" .
ex:bob a ex:Person ; ex:born "1990-02-30"^^xsd:date .
"""


def _run(capsys, shapes, data):
    code = main(["validate", "--shapes", str(shapes), "--data-graph", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def _results(report_text):
    g = rdflib.Graph().parse(data=report_text, format="turtle")
    report = next(g.subjects(rdflib.RDF.type, SH.ValidationReport))
    rows = set()
    for r in g.objects(report, SH.result):
        rows.add((g.value(r, SH.focusNode), g.value(r, SH.resultPath), g.value(r, SH.sourceConstraintComponent), g.value(r, SH.value), g.value(r, SH.resultSeverity), str(g.value(r, SH.resultMessage))))
    return g.value(report, SH.conforms).toPython(), rows


@pytest.fixture
def shapes(tmp_path):
    path = tmp_path / "shapes.ttl"
    path.write_text(SHAPES, encoding="utf-8")
    return path


def test_a_conforming_file_exits_0_with_a_conforming_report(tmp_path, shapes, capsys):
    data = tmp_path / "good.ttl"
    data.write_text(GOOD, encoding="utf-8")
    code, out, _err = _run(capsys, shapes, data)
    assert code == 0
    assert _results(out) == (True, set())


def test_a_violating_file_exits_1_and_the_report_names_each_result(tmp_path, shapes, capsys):
    data = tmp_path / "bad.ttl"
    data.write_text(BAD, encoding="utf-8")
    code, out, _err = _run(capsys, shapes, data)
    assert code == 1
    conforms, rows = _results(out)
    assert conforms is False
    bad_date = rdflib.Literal("1990-02-30", datatype=rdflib.XSD.date)
    assert rows == {
        (EX.bob, EX.name, SH.MinCountConstraintComponent, None, SH.Violation, "a person has a name"),
        (EX.bob, EX.born, SH.DatatypeConstraintComponent, bad_date, SH.Violation, "value is not of type date"),
    }


@pytest.mark.parametrize("fmt", ["nt", "nq", "trig", "rdf", "jsonld"])
def test_every_rdf_format_is_read_by_its_extension(tmp_path, shapes, capsys, fmt):
    graph = rdflib.Graph().parse(data=BAD, format="turtle")
    data = tmp_path / f"bad.{fmt}"
    rdflib_format = {"nt": "nt", "nq": "nquads", "trig": "trig", "rdf": "xml", "jsonld": "json-ld"}[fmt]
    if fmt in ("nq", "trig"):
        ds = rdflib.Dataset()
        for t in graph:
            ds.graph(rdflib.URIRef("http://example.org/g")).add(t)
        data.write_text(ds.serialize(format=rdflib_format), encoding="utf-8")
    else:
        data.write_text(graph.serialize(format=rdflib_format), encoding="utf-8")
    code, out, _err = _run(capsys, shapes, data)
    assert code == 1
    assert {(f, p) for f, p, *_ in _results(out)[1]} == {(EX.bob, EX.name), (EX.bob, EX.born)}


def test_shapes_the_compiler_refuses_are_checked_by_the_fallback(tmp_path, capsys):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES.replace("xsd:string", "xsd:int"), encoding="utf-8")
    data = tmp_path / "bad.ttl"
    data.write_text(BAD, encoding="utf-8")
    code, out, err = _run(capsys, shapes, data)
    assert code == 1 and "rudof" in err and "xsd:int" in err
    rows = _results(out)[1]
    assert {(f, p, c) for f, p, c, *_ in rows} >= {(EX.bob, EX.name, SH.MinCountConstraintComponent), (EX.ann, EX.name, SH.DatatypeConstraintComponent)}


def test_data_whose_types_the_store_folds_goes_to_the_fallback(tmp_path, shapes, capsys):
    """pyoxigraph keeps "1"^^xsd:int as "1"^^xsd:integer: sh:datatype xsd:integer would pass it,
    so such data is checked by rudof, which sees the type as written."""
    shapes.write_text(SHAPES.replace("ex:born ; sh:datatype xsd:date", "ex:age ; sh:datatype xsd:integer"), encoding="utf-8")
    data = tmp_path / "ages.ttl"
    data.write_text(GOOD + 'ex:ann ex:age "41"^^xsd:int .\n', encoding="utf-8")
    code, out, err = _run(capsys, shapes, data)
    assert code == 1 and "rudof" in err and "xsd:int" in err.replace("http://www.w3.org/2001/XMLSchema#", "xsd:")
    rows = _results(out)[1]
    assert {(f, p, c, v) for f, p, c, v, *_ in rows} == {(EX.ann, EX.age, SH.DatatypeConstraintComponent, rdflib.Literal("41", datatype=rdflib.XSD.int))}


@pytest.mark.parametrize(
    "case, said",
    [
        ("data-syntax", "bad.ttl:2:"),
        ("shapes-syntax", "bad.ttl:2:"),
        ("missing", "nothere.ttl"),
        ("extension", "cannot tell the RDF format"),
        ("alone", "--shapes and --data-graph go together"),
    ],
)
def test_what_cannot_run_exits_2_with_one_line_naming_the_file(tmp_path, shapes, capsys, case, said):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "unterminated .\n', encoding="utf-8")
    good = tmp_path / "good.ttl"
    good.write_text(GOOD, encoding="utf-8")
    argv = {
        "data-syntax": ["--shapes", str(shapes), "--data-graph", str(bad)],
        "shapes-syntax": ["--shapes", str(bad), "--data-graph", str(good)],
        "missing": ["--shapes", str(shapes), "--data-graph", str(tmp_path / "nothere.ttl")],
        "extension": ["--shapes", str(shapes), "--data-graph", str(tmp_path / "data.csv")],
        "alone": ["--shapes", str(shapes)],
    }[case]
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert said in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "shape, said",
    [
        ('ex:S sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:pattern "(" ] .', "is not a regular expression"),
        ('ex:S sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:pattern "a" ; sh:flags "zz" ] .', "is not a regular expression"),
        ("ex:S sh:targetClass [] ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .", "sh:targetClass _:"),
        ('ex:S sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:class "Person" ] .', "is not an IRI"),
        ("ex:S sh:targetClass ex:Person ; sh:property [ sh:path ex:name , ex:born ; sh:minCount 1 ] .", "more than one sh:path"),
        ('ex:S sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:minCount "one" ] .', "is not an integer"),
        ("ex:S sh:targetClass ex:Person ; sh:property [ sh:path [ ex:weird ex:name ] ; sh:minCount 1 ] .", "is not exactly one SHACL path"),
    ],
)
def test_shapes_no_engine_could_use_exit_2_naming_the_construct(tmp_path, capsys, shape, said):
    """Ill-formed shapes are refused up front: a bad sh:pattern would otherwise make every
    value fail to match, a blank-node class would make a query that does not parse."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n" + shape + "\n", encoding="utf-8")
    data = tmp_path / "good.ttl"
    data.write_text(GOOD, encoding="utf-8")
    code, out, err = _run(capsys, shapes, data)
    assert code == 2 and out == "" and "Traceback" not in err
    assert "shapes.ttl" in err and said in err and len(err.strip().splitlines()) == 1


def test_a_blank_node_class_in_the_data_is_followed_exactly(tmp_path, capsys):
    """A subclass that is a blank node cannot be named in a query: the engine follows
    rdf:type/rdfs:subClassOf* instead, so its instances are still targets and instances."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    data = tmp_path / "d.ttl"
    data.write_text(GOOD + "_:Kind <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:Person .\nex:cy a _:Kind .\n", encoding="utf-8")
    code, out, _err = _run(capsys, shapes, data)
    assert code == 1 and {(f, p) for f, p, *_ in _results(out)[1]} == {(EX.cy, EX.name)}


def test_the_report_of_a_blank_node_path_keeps_its_structure(tmp_path, capsys):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES.replace("sh:path ex:born", "sh:path [ sh:inversePath ex:parent ]"), encoding="utf-8")
    data = tmp_path / "d.ttl"
    data.write_text(BAD + 'ex:kid ex:parent ex:ann .\nex:kid2 ex:parent "x" .\n', encoding="utf-8")
    code, out, _err = _run(capsys, shapes, data)
    g = rdflib.Graph().parse(data=out, format="turtle")
    paths = [g.value(p, SH.inversePath) for p in g.objects(None, SH.resultPath) if isinstance(p, rdflib.BNode)]
    assert code == 1 and paths == [EX.parent]  # ex:kid is no xsd:date
    assert json.dumps(sorted(str(x) for x in g.objects(None, SH.value))) == json.dumps([str(EX.kid)])
