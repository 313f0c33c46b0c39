"""dkg's SPARQL results writers (graph/results.py: JSON, XML, CSV, TSV, what `dkg sparql
--format` and `dkg serve` send) against the W3C results tests, vendored under tests/w3c/sparql:
sparql11/csv-tsv-res and sparql11/json-res (each query's answer written by dkg and compared with
the expected file), and for XML sparql10/basic (each answer written as XML by dkg, read back by
a SPARQL XML parser and compared with the expected .srx). Data is loaded into an in-memory store
as one named graph, and queries go through OxigraphStore.query, as `dkg sparql` does.

Comparisons are as the suites mean them: rows as a multiset, blank nodes up to renaming, and
numbers by value where TSV abbreviates them. CSV carries no types, so CSV is compared as text
cells, with `_:` labels renamed consistently."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from dkg.graph.results import NotRepresentable, Result, Term
from dkg.graph.store import OxigraphStore

from .conftest import run_dkg
from .w3c.sparql import harness

CSV_TSV = harness.evaluation_tests("csv-tsv-res")
JSON_RES = harness.evaluation_tests("json-res")
BASIC = harness.evaluation_tests("basic")
RESULTS_NS = "{http://www.w3.org/2005/sparql-results#}"


def answer(test) -> Result:
    store = OxigraphStore(None)
    for path in test["data"]:
        graph = ox.NamedNode(harness.url(path))
        store.raw.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in harness.graph_of(path))
    return store.query(test["query"].read_text(encoding="utf-8"), base_iri=harness.url(test["query"]))


def csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def same_csv(want: list[list[str]], got: list[list[str]]) -> bool:
    """Same columns (in any order: Oxigraph orders SELECT * by name), same rows in the same order
    (the queries ORDER BY), `_:` labels renamed consistently, numbers by value (Oxigraph stores
    1.0E6 as 1000000)."""
    if len(want) != len(got) or sorted(want[0]) != sorted(got[0]):
        return False
    order = [got[0].index(name) for name in want[0]]
    labels: dict[str, str] = {}
    for w_row, g_row in zip(want[1:], got[1:]):
        if len(w_row) != len(g_row):
            return False
        for w, g in zip(w_row, (g_row[i] for i in order)):
            if w.startswith("_:") and g.startswith("_:"):
                if labels.setdefault(w, g) != g:
                    return False
            elif w != g and (_number(w) is None or _number(w) != _number(g)):
                return False
    return len(set(labels.values())) == len(labels)


# Not the writer's: Oxigraph stores "-3"^^xsd:negativeInteger as "-3"^^xsd:integer (the value
# kept, the derived datatype not), so this answer differs before any writer sees it.
ENGINE = {"tsv03 - TSV Result Format": "Oxigraph stores xsd:negativeInteger as xsd:integer"}


def test_the_suites_are_all_there():
    assert (len(CSV_TSV), len(JSON_RES), len(BASIC)) == (6, 4, 27)


@pytest.mark.parametrize(
    "test",
    [pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=ENGINE[t["name"]])) if t["name"] in ENGINE else t for t in CSV_TSV],
    ids=[t["name"] for t in CSV_TSV],
)
def test_w3c_csv_and_tsv(test):
    result = answer(test)
    if test["result"].suffix == ".csv":
        got, want = result.to_csv(), test["result"].read_text(encoding="utf-8")
        assert got.endswith("\r\n") and "\n" not in got.replace("\r\n", "")  # CSV lines end CRLF (RFC 4180)
        assert same_csv(csv_cells(want), csv_cells(got)), got
    else:
        got = harness.parse_results(result.to_tsv().encode("utf-8"), ox.QueryResultsFormat.TSV)
        assert harness.same_answer(harness.expected(test["result"]), got), result.to_tsv()


@pytest.mark.parametrize("test", JSON_RES, ids=[t["name"] for t in JSON_RES])
def test_w3c_json(test):
    result = answer(test)
    text = result.serialize("json")
    assert json.loads(text)  # well-formed
    got = harness.parse_results(text.encode("utf-8"), ox.QueryResultsFormat.JSON)
    assert harness.same_answer(harness.expected(test["result"]), got), text


@pytest.mark.parametrize("test", BASIC + JSON_RES, ids=[t["name"] for t in BASIC + JSON_RES])
def test_w3c_answers_written_as_xml(test):
    result = answer(test)
    text = result.to_xml()
    ET.fromstring(text)  # well-formed XML 1.0
    got = harness.parse_results(text.encode("utf-8"), ox.QueryResultsFormat.XML)
    assert harness.same_answer(harness.expected(test["result"]), got), text


# ------------------------------------------------------------------ what the suites do not cover

HOSTILE = Result(["b", "s"], [{"b": Term("bnode", "n1"), "s": Term("literal", "line\r\nnext\ttab <&> ]]> \"q\" 'a'", None, "en")}])


def test_csv_writes_blank_nodes_with_their_prefix():
    """CSV wrote a blank node as its bare label, which reads as a string."""
    rows = csv_cells(HOSTILE.to_csv())
    assert rows[1][0] == "_:n1"
    assert rows[1][1] == "line\r\nnext\ttab <&> ]]> \"q\" 'a'"


def test_xml_keeps_a_carriage_return():
    """A raw CR in XML is read back as a newline; written &#13; it survives."""
    text = HOSTILE.to_xml()
    assert "&#13;" in text and "\r" not in text
    literal = ET.fromstring(text).find(f".//{RESULTS_NS}literal")
    assert literal.text == HOSTILE.rows[0]["s"].value
    assert literal.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    back = harness.parse_results(text.encode("utf-8"), ox.QueryResultsFormat.XML)
    assert back.rows[0]["s"].value == HOSTILE.rows[0]["s"].value


@pytest.mark.parametrize("char", ["\x01", "\x08", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_xml_refuses_what_xml_1_0_cannot_carry(char):
    """U+0001 was written raw and made the whole answer unparseable."""
    result = Result(["a", "x"], [{"a": Term("literal", "fine")}, {"a": Term("literal", "fine"), "x": Term("literal", f"a{char}b")}])
    with pytest.raises(NotRepresentable) as err:
        result.to_xml()
    assert f"U+{ord(char):04X}" in str(err.value) and "?x in row 2" in str(err.value) and "JSON" in str(err.value)
    # the other formats carry it
    assert json.loads(result.serialize("json"))["results"]["bindings"][1]["x"]["value"] == f"a{char}b"
    assert csv_cells(result.to_csv())[2][1] == f"a{char}b"


def test_dkg_sparql_xml_with_a_control_character_says_why(seed_out):
    r = run_dkg("sparql", "--out", str(seed_out), "--format", "xml", 'SELECT ?x WHERE { BIND("a\\u0001b" AS ?x) }')
    assert r.returncode == 2, r.stdout + r.stderr
    assert "U+0001" in r.stderr and "Traceback" not in r.stderr
    r = run_dkg("sparql", "--out", str(seed_out), "--format", "csv", 'SELECT ?x WHERE { BIND(BNODE() AS ?x) }')
    assert r.returncode == 0 and r.stdout.splitlines()[1].startswith("_:")
