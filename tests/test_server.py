"""`dkg serve` as a user meets it: started as a real process on a free loopback port, queried
with SPARQLWrapper (a real SPARQL client) and urllib, then stopped."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pytest
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from dkg.server import launch

from .conftest import ROOT

pytestmark = pytest.mark.live

KUZMINOV = "https://w3id.org/dkg/id/maxim-kuzminov"


def serving(out, *options: str):
    """Run `dkg serve --port 0` and yield (base URL, the process, its stderr lines so far)."""
    return launch.serving(out, *options, cwd=ROOT)


@pytest.fixture(scope="module")
def endpoint(seed_out):
    # --queue-wait: 20 clients queue for 2 workers (one of them restarting after the runaway
    # query's test); with the wait bounded by the 3 s --timeout, a loaded machine (load 8) made
    # test_concurrent_clients get 503 "all query workers stayed busy". The 3 s run limit stays.
    with serving(seed_out, "--timeout", "3", "--queue-wait", "60", "--max-rows", "100", "--workers", "2") as (base, proc, lines):
        yield base, proc, lines


def sparql(base: str) -> SPARQLWrapper:
    client = SPARQLWrapper(base + "/sparql")
    client.setTimeout(30)
    return client


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) without raising on 4xx/5xx."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def get(base: str, query: str, accept: str | None = None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return http(f"{base}/sparql?{qs}", headers={"Accept": accept} if accept else {})


AGE = "SELECT ?age WHERE { id:maxim-kuzminov dkg:age ?age }"
CLAIMS_GRAPH = "https://w3id.org/dkg/graph/claims"


class Listener:
    """A loopback socket that records any connection: proof that a query made the server call out."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.hits = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits.append(conn.recv(200))
            conn.close()

    def close(self):
        time.sleep(0.5)
        self.stop.set()
        self.thread.join()
        self.sock.close()


# ------------------------------------------------------------------------ answers and formats


def test_binds_loopback_by_default(endpoint):
    base, _proc, lines = endpoint
    assert base.startswith("http://127.0.0.1:")
    assert not any("warning" in line for line in lines)


def test_sparqlwrapper_json_gives_the_seed_values(endpoint):
    client = sparql(endpoint[0])
    client.setQuery(AGE)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert [b["age"]["value"] for b in data["results"]["bindings"]] == ["28"]
    assert data["results"]["bindings"][0]["age"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_sparqlwrapper_post_xml_csv_tsv(endpoint):
    query = """SELECT ?title WHERE { ?d a dkg:SourceDocument ; dcterms:title ?title } ORDER BY ?title"""
    client = sparql(endpoint[0])
    client.setQuery(query)
    client.setMethod(POST)

    client.setReturnFormat(XML)
    doc = client.query().convert()  # an xml.dom document
    titles = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert "Thousands of Russian soldiers deserting army: Kyiv" in titles and len(titles) == 5

    client.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(client.query().convert().decode("utf-8"))))
    assert rows[0] == ["title"] and [r[0] for r in rows[1:]] == titles

    client.setReturnFormat(TSV)
    lines = client.query().convert().decode("utf-8").splitlines()
    assert lines[0] == "?title" and '"Grant asylum to defecting Russian soldiers"' in lines


@pytest.mark.parametrize(
    "accept, fmt, media",
    [
        ("application/sparql-results+json", None, "application/sparql-results+json"),
        ("application/sparql-results+xml", None, "application/sparql-results+xml"),
        ("text/csv", None, "text/csv"),
        ("text/tab-separated-values", None, "text/tab-separated-values"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", None, "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml", None, "application/sparql-results+xml"),
        (None, "csv", "text/csv"),
        ("application/sparql-results+json", "tsv", "text/tab-separated-values"),
    ],
)
def test_format_by_accept_header_and_format_parameter(endpoint, accept, fmt, media):
    status, headers, body = get(endpoint[0], AGE, accept, **({"format": fmt} if fmt else {}))
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == media
    if media.endswith("json"):
        assert json.loads(body)["results"]["bindings"][0]["age"]["value"] == "28"
    elif media.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert ET.fromstring(body).find(".//r:literal", ns).text == "28"
    elif media == "text/csv":
        assert body.splitlines() == ["age", "28"]
    else:
        assert body.splitlines()[1] in ("28", '"28"^^<http://www.w3.org/2001/XMLSchema#integer>')


def test_not_acceptable(endpoint):
    status, _h, body = get(endpoint[0], AGE, "image/png")
    assert status == 406 and "application/sparql-results+json" in body


def test_post_form_and_sparql_query_body(endpoint):
    base = endpoint[0]
    form = urllib.parse.urlencode({"query": AGE}).encode()
    for data, ctype in ((form, "application/x-www-form-urlencoded"), (AGE.encode(), "application/sparql-query")):
        status, _h, body = http(base + "/sparql", data, {"Content-Type": ctype, "Accept": "text/csv"})
        assert status == 200 and body.splitlines() == ["age", "28"]


def test_ask_and_construct(endpoint):
    base = endpoint[0]
    status, _h, body = get(base, "ASK { id:maxim-kuzminov dkg:age 28 }", "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = get(base, "CONSTRUCT { id:maxim-kuzminov dkg:age ?a } WHERE { id:maxim-kuzminov dkg:age ?a }", "application/n-triples")
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert body.strip() == f'<{KUZMINOV}> <https://w3id.org/dkg/ontology#age> "28"^^<http://www.w3.org/2001/XMLSchema#integer> .'


def test_syntax_error_is_400_with_position(endpoint):
    client = sparql(endpoint[0])
    client.setQuery("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryBadFormed) as err:
        client.query()
    assert "line 1" in str(err.value)


def test_data_text_stays_data(endpoint):
    """A value with markup and quotes comes back as the same string in every format."""
    hostile = '<script>alert("x")</script> & "quoted", comma\ttab'
    # the value travels as a SPARQL string literal (JSON's string escapes are valid SPARQL ones)
    values_query = 'SELECT ?v WHERE { VALUES ?v { ' + json.dumps(hostile) + " } }"
    status, _h, body = get(endpoint[0], values_query, "application/sparql-results+json")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["v"]["value"] == hostile
    status, _h, body = get(endpoint[0], values_query, "text/csv")
    assert list(csv.reader(io.StringIO(body)))[1] == [hostile]
    status, _h, body = get(endpoint[0], values_query, "application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert ET.fromstring(body).find(".//r:literal", ns).text == hostile


# ------------------------------------------------------------------------ what is refused


def test_update_is_refused_and_changes_nothing(endpoint):
    base = endpoint[0]
    client = sparql(base)
    client.setMethod(POST)
    client.setQuery(f'INSERT DATA {{ GRAPH <https://w3id.org/dkg/graph/x> {{ <{KUZMINOV}> <https://w3id.org/dkg/ontology#age> 99 }} }}')
    with pytest.raises(urllib.error.HTTPError) as err:  # SPARQLWrapper passes a 403 through as is
        client.query()
    assert err.value.code == 403 and "read-only" in err.value.read().decode()
    for body, ctype in (
        (b"DELETE WHERE { ?s ?p ?o }", "application/sparql-update"),
        (urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(), "application/x-www-form-urlencoded"),
        (urllib.parse.urlencode({"query": "DROP ALL"}).encode(), "application/x-www-form-urlencoded"),
    ):
        status, _h, text = http(base + "/sparql", body, {"Content-Type": ctype})
        assert status == 403 and "read-only" in text
    status, _h, body = get(base, AGE, "text/csv")
    assert body.splitlines() == ["age", "28"]


def test_load_service_and_remote_from_are_refused_without_any_request(endpoint):
    base = endpoint[0]
    listener = Listener()
    try:
        attempts = [
            f"LOAD <{listener.url}>",
            f"LOAD <{listener.url}> INTO GRAPH <https://w3id.org/dkg/graph/x>",
            f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<{listener.url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ {{ SELECT * WHERE {{ sErViCe <{listener.url}> {{ ?s ?p ?o }} }} }} }} }} LIMIT 1",
            f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}",
            f"SELECT * FROM NAMED <{listener.url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            f"ASK FROM <{listener.url}> {{ ?s ?p ?o }}",
            f"CONSTRUCT {{ ?s ?p ?o }} FROM <{listener.url}> WHERE {{ ?s ?p ?o }}",
            f"DESCRIBE <{listener.url}> FROM <{listener.url}>",
        ]
        for query in attempts:
            status, _h, body = get(base, query)
            assert status == 403, (query, status, body)
        status, _h, body = get(base, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", **{"default-graph-uri": listener.url})
        assert status == 403 and listener.url in body
        status, _h, body = get(base, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", **{"named-graph-uri": listener.url})
        assert status == 403
    finally:
        listener.close()
    assert listener.hits == []


def test_from_a_graph_held_here_is_allowed(endpoint):
    query = "SELECT (COUNT(DISTINCT ?c) AS ?n) FROM graph:claims WHERE { ?c a dkg:Claim }"
    status, _h, body = get(endpoint[0], query, "text/csv")
    assert status == 200 and int(body.splitlines()[1]) > 200
    status, _h, body = get(endpoint[0], "SELECT (COUNT(*) AS ?n) WHERE { ?c a dkg:Claim }", "text/csv", **{"default-graph-uri": "https://w3id.org/dkg/graph/registry"})
    assert status == 200 and body.splitlines()[1] == "0"


def test_the_endpoint_gives_a_query_exactly_the_dataset_named(endpoint):
    """FROM was ignored (every query ran on the union); default-graph-uri alone left every named
    graph visible; named-graph-uri alone left the whole store as the default graph."""
    base = endpoint[0]
    n = lambda query, **params: int(get(base, query, "text/csv", **params)[2].splitlines()[1])  # noqa: E731
    claims = n("SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:claims { ?s ?p ?o } }")
    everything = n("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert 0 < claims < everything
    assert n("SELECT (COUNT(*) AS ?n) FROM graph:claims WHERE { ?s ?p ?o }") == claims
    assert n("SELECT (COUNT(*) AS ?n) FROM NAMED graph:claims WHERE { ?s ?p ?o }") == 0
    assert n("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", **{"default-graph-uri": CLAIMS_GRAPH}) == 0
    assert n("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"named-graph-uri": CLAIMS_GRAPH}) == 0
    assert n("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": CLAIMS_GRAPH}) == claims


# ------------------------------------------------------------------------ limits


def test_row_limit_truncates_and_says_so(endpoint):
    status, headers, body = get(endpoint[0], "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "application/sparql-results+json")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 100
    assert headers["X-DKG-Truncated"] == "true" and headers["X-DKG-Row-Limit"] == "100"
    status, headers, body = get(endpoint[0], AGE, "application/sparql-results+json")
    assert "X-DKG-Truncated" not in headers


def test_a_runaway_query_is_stopped_and_the_server_keeps_answering(endpoint):
    base = endpoint[0]
    started = time.monotonic()
    status, _h, body = get(base, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    elapsed = time.monotonic() - started
    assert status == 503 and "3 s limit" in body
    assert elapsed < 30  # the 3 s limit, with room for a loaded machine
    # the worker was replaced: several queries in a row still work
    for _ in range(4):
        status, _h, body = get(base, AGE, "text/csv")
        assert status == 200 and body.splitlines() == ["age", "28"]


def test_concurrent_clients(endpoint):
    base = endpoint[0]

    def one(i):
        client = sparql(base)
        client.setQuery(f"SELECT ?age ({i} AS ?i) WHERE {{ id:maxim-kuzminov dkg:age ?age }}")
        client.setReturnFormat(JSON)
        b = client.query().convert()["results"]["bindings"][0]
        return b["age"]["value"], b["i"]["value"]

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(one, range(60)))
    assert answers == [("28", str(i)) for i in range(60)]


# ------------------------------------------------------------------------ the query page


def test_query_page_is_self_contained(endpoint):
    status, headers, page = http(endpoint[0] + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    status, _h, script = http(endpoint[0] + "/query.js")
    assert status == 200
    for text in (page, script):
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", text), "no external resources"
        assert "innerHTML" not in text


@pytest.mark.browser
def test_query_page_in_a_headless_browser(endpoint):
    """Chromium runs a query from the page, offline, and shows markup from the data as text."""
    chromium = pytest.importorskip("playwright.sync_api")
    from .conftest import require_program

    browser_path = require_program("chromium")
    base = endpoint[0]
    with chromium.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            outside = []
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) else None)
            hostile = 'SELECT ?age ?note WHERE { id:maxim-kuzminov dkg:age ?age BIND("<img src=x id=injected>" AS ?note) }'
            page.goto(base + "/#query=" + urllib.parse.quote(hostile))  # a shared link opens its query
            page.click("#run")
            page.wait_for_selector("table td")
            cells = page.locator("table td").all_inner_texts()
            assert cells == ["28xsd:integer", "<img src=x id=injected>"]
            assert page.locator("#injected").count() == 0
            assert "1 row(s)" in page.inner_text("#status")
            page.goto(base + "/#query=" + urllib.parse.quote("INSERT DATA { <http://a> <http://b> <http://c> }"))
            page.click("#run")
            # (no wait_for_function: the page's CSP forbids evaluating strings, as it should)
            chromium.expect(page.locator("#error")).to_contain_text("read-only")
            assert outside == []
        finally:
            browser.close()
