"""The W3C SPARQL 1.1 Protocol tests (tests/w3c/sparql/protocol, a manifest of HTTP exchanges)
against a real `dkg serve`, adapted to a read-only endpoint, then what the suite leaves out:
405 with Allow, charsets, the base IRI, content negotiation, SPARQLWrapper's return formats and
rdflib's SPARQLStore.

The server answers a store built here holding the suite's graphs (data1.nt to data3.nt under the
IRIs the tests give them), plus `data0.rdf`, which the query tests name in default-graph-uri but
give no data for, as an empty graph: dkg refuses a graph it does not hold, so that is the
adaptation. Query tests must pass as written. Update tests are adapted: every update must be
refused (403) and change nothing (the follow-up ASK answers false, and the store's count and
graphs are the same after the suite as before). Tests of bad requests must get a 4xx as written.
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.parse
import warnings

import pyoxigraph as ox
import pytest

from dkg.graph import formats
from dkg.server import launch

from .conftest import ROOT
from .w3c.sparql import harness

pytestmark = pytest.mark.live

SUITE = harness.protocol_tests()
DATA0 = "http://kasei.us/2009/09/sparql/data/data0.rdf"


@pytest.fixture(scope="module")
def protocol_out(tmp_path_factory):
    """An OUT folder whose current build's store holds the suite's graphs."""
    out = tmp_path_factory.mktemp("protocol-out")
    build = out / "builds" / "w3c-protocol"
    build.mkdir(parents=True)
    store = ox.Store(str(build / "store"))
    graphs = {iri: path for t in SUITE for iri, path in t["graphs"].items()}
    assert len(graphs) == 3
    for iri, path in graphs.items():
        store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri)) for t in harness.graph_of(path))
    store.add_graph(ox.NamedNode(DATA0))
    store.flush()
    del store
    os.symlink("builds/w3c-protocol", out / "current")
    return out


@pytest.fixture(scope="module")
def server(protocol_out):
    with launch.serving(protocol_out, "--workers", "2", "--timeout", "10", cwd=ROOT) as (base, proc, lines):
        yield base


def send(base: str, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
    """One request exactly as given (no header added but Host and Content-Length): (status, headers, body)."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        return r.status, r.headers, r.read()
    finally:
        conn.close()


def kind_of(headers) -> formats.Format | None:
    media = (headers.get("Content-Type") or "").split(";")[0].strip()
    return next((f for f in (*formats.RESULTS, *formats.GRAPHS) if f.media == media), None)


def read_boolean(headers, body: bytes) -> bool:
    fmt = kind_of(headers)
    assert fmt in (formats.JSON, formats.XML), headers.get("Content-Type")
    answer = ox.parse_query_results(body, format=fmt.ox)
    assert isinstance(answer, ox.QueryBoolean)
    return bool(answer)


def fingerprint(base: str) -> tuple:
    """What the store holds, asked through the endpoint: every graph and its size."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    status, headers, body = send(base, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}), {"Accept": "text/csv"})
    assert status == 200
    return tuple(body.decode().splitlines())


def test_the_suite_is_all_there():
    kinds = [t["name"].split("_", 1)[0] for t in SUITE]
    assert (len(SUITE), kinds.count("query"), kinds.count("update"), kinds.count("bad")) == (34, 13, 7, 14)


@pytest.mark.parametrize("test", SUITE, ids=[t["name"] for t in SUITE])
def test_w3c_protocol(server, test):
    before = fingerprint(server)
    update = test["name"].startswith("update_")
    for i, request in enumerate(test["requests"]):
        path = "/sparql" + request["path"][len("/sparql/"):] if request["path"].startswith("/sparql/") else request["path"]
        status, headers, body = send(server, request["method"], path, request["headers"], request["body"])
        if update and i == 0:  # adapted: the update is refused
            assert status == 403 and b"read-only" in body, (status, body)
            continue
        assert status // 100 in request["statuses"], (status, body[:300])
        if status >= 400:
            assert headers["Content-Type"].startswith("text/plain") and b"<html" not in body.lower()
        if request["format"] == "boolean":
            answer = read_boolean(headers, body)
            # adapted: after a refused update, the ASK that would see its effect answers false
            assert answer is (False if update else request["boolean"]) or request["boolean"] is None
        elif request["format"] == "tabular":
            assert kind_of(headers) in formats.RESULTS
            assert isinstance(ox.parse_query_results(body, format=kind_of(headers).ox), ox.QuerySolutions)
        elif request["format"] == "RDF":
            assert kind_of(headers) in formats.GRAPHS
            list(ox.parse(body, format=kind_of(headers).ox))
    assert fingerprint(server) == before


# ------------------------------------------------------------------ beyond the manifest


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "PROPFIND", "TRACE"])
@pytest.mark.parametrize("path", ["/sparql", "/id/x", "/"])
def test_other_methods_get_405_with_allow(server, method, path):
    """They got http.server's HTML `501 Unsupported method`."""
    status, headers, body = send(server, method, path, {"Content-Type": "text/turtle"}, b"<a> <b> <c> .")
    assert status == 405
    allow = {m.strip() for m in headers["Allow"].split(",")}
    assert allow == ({"GET", "HEAD", "POST", "OPTIONS"} if path == "/sparql" else {"GET", "HEAD", "OPTIONS"})
    assert headers["Content-Type"].startswith("text/plain") and b"read-only" in body
    status, headers, _ = send(server, "OPTIONS", path)
    assert status == 204 and method not in headers["Allow"]


@pytest.mark.parametrize("ctype", ["application/sparql-query; charset=UTF-16", "application/x-www-form-urlencoded; charset=iso-8859-1",
                                   "application/sparql-query;charset=\"latin1\""])
def test_a_charset_other_than_utf8_is_415(server, ctype):
    """A charset=UTF-16 body was read as UTF-8."""
    text = "ASK {}" if "sparql-query" in ctype else "query=ASK%20%7B%7D"
    status, _h, body = send(server, "POST", "/sparql", {"Content-Type": ctype}, text.encode("utf-16" if "16" in ctype else "latin-1"))
    assert status == 415 and b"UTF-8" in body
    status, _h, body = send(server, "POST", "/sparql", {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": "application/sparql-results+json"},
                            "ASK { FILTER(\"é\" = \"\\u00e9\") }".encode())
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _h, body = send(server, "POST", "/sparql", {"Content-Type": "application/sparql-query"}, b"ASK { FILTER(\"\xe9\" = \"e\") }")
    assert status == 400 and b"not UTF-8" in body


def test_relative_iris_resolve_against_the_endpoint(server):
    """With no base IRI a query with <relative> failed to parse."""
    query = "SELECT ?x ?y WHERE { BIND(<thing> AS ?x) BIND(<../other#y> AS ?y) }"
    status, _h, body = send(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}), {"Accept": "application/sparql-results+json"})
    assert status == 200, body
    row = json.loads(body)["results"]["bindings"][0]
    assert row["x"]["value"] == server + "/thing" and row["y"]["value"] == server + "/other#y"
    query = "BASE <http://example.org/a/> SELECT ?x WHERE { BIND(<b> AS ?x) }"  # the query's own BASE wins
    status, _h, body = send(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}), {"Accept": "application/sparql-results+json"})
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == "http://example.org/a/b"


@pytest.mark.parametrize(
    "query, accept, fmt, media",
    [
        ("CONSTRUCT WHERE { ?s ?p ?o }", "application/rdf+xml", "rdf+xml", "application/rdf+xml"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "application/turtle,text/turtle,text/rdf+n3,application/n-triples", "n3", "text/turtle"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "application/ld+json,application/x-json+ld", "json-ld", "application/ld+json"),
        ("SELECT * WHERE { ?s ?p ?o }", "text/csv", "unknown-format", "text/csv"),
        ("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+xml", "csv", "text/csv"),  # a known format= still wins
    ],
)
def test_a_satisfiable_accept_wins_over_a_format_it_cannot_use(server, query, accept, fmt, media):
    """SPARQLWrapper's RDF/XML, N3 and JSON-LD got 406: `format=rdf+xml` etc. overrode an Accept dkg could satisfy."""
    status, headers, body = send(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": query, "format": fmt}), {"Accept": accept})
    assert status == 200, body
    assert headers["Content-Type"].split(";")[0] == media


def test_not_acceptable_names_what_is(server):
    status, _h, body = send(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}), {"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body
    status, _h, body = send(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK {}", "format": "xlsx"}))
    assert status == 406 and b"xlsx" in body


SELECT = "SELECT ?s ?type WHERE { ?s a ?type } ORDER BY ?s"
CONSTRUCT = "CONSTRUCT { ?s a ?type } WHERE { ?s a ?type }"


@pytest.mark.parametrize("name", ["JSON", "XML", "CSV", "TSV"])
def test_sparqlwrapper_result_formats(server, name):
    import SPARQLWrapper as sw

    client = sw.SPARQLWrapper(server + "/sparql")
    client.setQuery(SELECT)
    client.setReturnFormat(getattr(sw, name))
    result = client.query().convert()
    if name == "JSON":
        subjects = [b["s"]["value"] for b in result["results"]["bindings"]]
    elif name == "XML":
        subjects = [u.firstChild.data for u in result.getElementsByTagName("uri") if u.parentNode.getAttribute("name") == "s"]
    else:
        lines = result.decode().splitlines()
        subjects = [line.split("," if name == "CSV" else "\t")[0].strip("<>") for line in lines[1:]]
    assert subjects == [f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)]


@pytest.mark.parametrize("name", ["TURTLE", "RDFXML", "N3", "JSONLD", "XML", "JSON"])
def test_sparqlwrapper_graph_formats(server, name):
    import SPARQLWrapper as sw
    from rdflib import RDF, URIRef

    client = sw.SPARQLWrapper(server + "/sparql")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(getattr(sw, name))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # SPARQLWrapper's own use of rdflib's ConjunctiveGraph
        result = client.query().convert()
    if isinstance(result, (bytes, str)):  # SPARQLWrapper leaves Turtle and JSON-LD as text
        import rdflib

        result = rdflib.Graph().parse(data=result, format="turtle" if name in ("TURTLE", "N3") else "json-ld")
    subjects = sorted(str(s) for s in result.subjects(RDF.type, None))
    assert subjects == [f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)]
    assert (URIRef(subjects[0]), RDF.type, None) in result


def test_rdflib_sparqlstore(server):
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(store=SPARQLStore(server + "/sparql", returnFormat="xml"))
    rows = list(graph.query(SELECT))
    assert [str(r.s) for r in rows] == [f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)]
    assert graph.query("ASK { ?s a ?t }").askAnswer is True
    assert len(graph.query(CONSTRUCT).graph) == 3
    json_store = rdflib.Graph(store=SPARQLStore(server + "/sparql", returnFormat="json"))
    assert len(list(json_store.query(SELECT))) == 3
    assert len(graph) == 3  # SPARQLStore's own COUNT query


def test_xml_it_cannot_write_is_406_and_json_carries_it(server):
    """U+0001 was written raw into XML, which no parser then reads."""
    query = urllib.parse.urlencode({"query": 'SELECT ?x WHERE { BIND("a\\u0001b\\rc" AS ?x) }'})
    status, _h, body = send(server, "GET", "/sparql?" + query, {"Accept": "application/sparql-results+xml"})
    assert status == 406 and b"U+0001" in body and b"?x in row 1" in body
    status, _h, body = send(server, "GET", "/sparql?" + query, {"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["x"]["value"] == "a\x01b\rc"
    query = urllib.parse.urlencode({"query": 'SELECT ?x WHERE { BIND("a\\rb" AS ?x) }'})
    status, _h, body = send(server, "GET", "/sparql?" + query, {"Accept": "application/sparql-results+xml"})
    assert status == 200 and b"a&#13;b" in body
    assert harness.parse_results(body, ox.QueryResultsFormat.XML).rows[0]["x"].value == "a\rb"
