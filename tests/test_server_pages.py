"""`dkg serve` beyond the protocol basics: pages for every minted IRI by content negotiation,
HEAD and OPTIONS, graph results in every RDF format, the service description, the CLI's syntax
errors, and real clients (SPARQLWrapper, rdflib's SPARQLStore) running all four query forms.
The browser tests drive the query page in Debian's chromium with every outside request
blocked, and write screenshots to out/test-artifacts/."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from .conftest import ROOT, run_dkg
from .test_server import KUZMINOV, get, http, serving
from .test_viz import HOSTILE_NAME, HOSTILE_QUOTE, hostile_out  # noqa: F401  (fixture)

pytestmark = pytest.mark.live
ARTIFACTS = ROOT / "out" / "test-artifacts"
AGE = rdflib.URIRef("https://w3id.org/dkg/ontology#age")


@pytest.fixture(scope="module")
def endpoint(seed_out):
    with serving(seed_out, "--workers", "2") as (base, _proc, _lines):
        yield base


# ------------------------------------------------------------------ pages by content negotiation


@pytest.mark.parametrize(
    "accept, fmt, media, rdflib_format",
    [
        ("text/html,application/xhtml+xml,*/*;q=0.8", None, "text/html", None),
        ("text/turtle", None, "text/turtle", "turtle"),
        ("application/ld+json", None, "application/ld+json", "json-ld"),
        ("application/n-triples", None, "application/n-triples", "nt"),
        ("application/rdf+xml", None, "application/rdf+xml", "xml"),
        (None, "ttl", "text/turtle", "turtle"),
        ("text/html", "jsonld", "application/ld+json", "json-ld"),
    ],
)
def test_entity_by_content_negotiation(endpoint, accept, fmt, media, rdflib_format):
    url = endpoint + "/id/maxim-kuzminov" + (f"?format={fmt}" if fmt else "")
    status, headers, body = http(url, headers={"Accept": accept} if accept else {})
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    if rdflib_format is None:
        assert "<h1>Maxim Kuzminov</h1>" in body and "default-src 'none'" in headers["Content-Security-Policy"]
    else:
        g = rdflib.Graph().parse(data=body, format=rdflib_format)
        assert [o.toPython() for o in g.objects(rdflib.URIRef(KUZMINOV), AGE)] == [28]


def test_claim_document_and_other_minted_nodes_have_pages(endpoint):
    for path, words in (
        ("/id/claim/maxim-kuzminov--age--c95e55f3", "Provenance"),
        ("/id/002_bd55ee8a1af82e1f", "Lilly Larkin"),
        ("/id/", "Everything dkg minted"),
    ):
        status, headers, body = http(endpoint + path, headers={"Accept": "text/html"})
        assert status == 200 and words in body, path
    # an appearance is minted too: found from a query, it has a page
    status, _h, body = get(endpoint, "SELECT ?a WHERE { ?a dkg:claim claim:maxim-kuzminov--age--c95e55f3 } LIMIT 1", "text/csv")
    appearance = body.splitlines()[1]
    status, _h, body = http(endpoint + "/id/" + appearance.split("/id/", 1)[1], headers={"Accept": "text/html"})
    assert status == 200 and "maxim-kuzminov--age--c95e55f3" in body


def test_unknown_page_is_404_with_suggestions(endpoint):
    status, headers, body = http(endpoint + "/id/maxim-kuzmin", headers={"Accept": "text/html"})
    assert status == 404 and headers["Content-Type"].startswith("text/html") and 'href="maxim-kuzminov"' in body
    status, _h, body = http(endpoint + "/id/maxim-kuzmin", headers={"Accept": "text/turtle"})
    assert status == 404 and "maxim-kuzminov" in body


def test_head_and_options_on_every_route(endpoint):
    for path in ("/", "/query.js", "/sparql", "/id/maxim-kuzminov", "/context.jsonld", "/pages.css", "/vendor/codemirror.js"):
        status, headers, body = http(endpoint + path, method="HEAD")
        assert status == 200 and body == "" and int(headers["Content-Length"]) > 0, path
        status, headers, body = http(endpoint + path, method="OPTIONS")
        assert status == 204 and "GET" in headers["Allow"] and "HEAD" in headers["Allow"], path
    assert "POST" in http(endpoint + "/sparql", method="OPTIONS")[1]["Allow"]


def test_service_description_at_the_endpoint(endpoint):
    status, headers, body = http(endpoint + "/sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    me = rdflib.URIRef(endpoint + "/sparql")
    assert (me, rdflib.RDF.type, sd.Service) in g and (me, sd.supportedLanguage, sd.SPARQL11Query) in g


def test_context_is_served(endpoint):
    status, headers, body = http(endpoint + "/context.jsonld")
    assert status == 200 and json.loads(body)["@context"]["age"] == "dkg:age"


# ------------------------------------------------------------------ protocol: graphs, errors, clients


@pytest.mark.parametrize("accept, rdflib_format", [("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"), ("text/turtle", "turtle")])
def test_construct_and_describe_in_every_rdf_format(endpoint, accept, rdflib_format):
    for query in ("DESCRIBE id:maxim-kuzminov", "CONSTRUCT { id:maxim-kuzminov dkg:age ?a } WHERE { id:maxim-kuzminov dkg:age ?a }"):
        status, headers, body = get(endpoint, query, accept)
        assert status == 200 and headers["Content-Type"].startswith(accept), (query, body[:200])
        g = rdflib.Graph().parse(data=body, format=rdflib_format)
        assert [o.toPython() for o in g.objects(rdflib.URIRef(KUZMINOV), AGE)] == [28]


def test_syntax_errors_read_as_on_the_command_line(endpoint, seed_out):
    bad = "SELECT ?x WHERE { ?x ?y }"
    status, _h, body = get(endpoint, bad)
    cli = run_dkg("sparql", "--out", str(seed_out), bad)
    assert status == 400 and "line 1, column 19" in body and "Expected SelectQuery" not in body
    where = body.split(":")[0]  # the server words what is expected more briefly (guard.syntax_message)
    assert where == "SPARQL syntax error at line 1, column 19" and where in cli.stderr


def test_sparqlwrapper_runs_all_four_forms(endpoint):
    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery("SELECT ?age WHERE { id:maxim-kuzminov dkg:age ?age }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["age"]["value"] == "28"
    client.setQuery("ASK { id:maxim-kuzminov dkg:age 28 }")
    assert client.query().convert()["boolean"] is True
    for query in ("CONSTRUCT { id:maxim-kuzminov dkg:age ?a } WHERE { id:maxim-kuzminov dkg:age ?a }", "DESCRIBE id:maxim-kuzminov"):
        client = SPARQLWrapper(endpoint + "/sparql")  # its default for graphs: RDF/XML
        client.setQuery(query)
        g = client.query().convert()
        assert [o.toPython() for o in g.objects(rdflib.URIRef(KUZMINOV), AGE)] == [28], query


def test_rdflib_sparqlstore_runs_all_four_forms(endpoint):
    store = SPARQLStore(endpoint + "/sparql")
    g = rdflib.Graph(store)
    prefix = "PREFIX dkg: <https://w3id.org/dkg/ontology#> PREFIX id: <https://w3id.org/dkg/id/> "
    assert [r.age.toPython() for r in g.query(prefix + "SELECT ?age WHERE { id:maxim-kuzminov dkg:age ?age }")] == [28]
    assert g.query(prefix + "ASK { id:maxim-kuzminov dkg:age 28 }").askAnswer is True
    for query in ("CONSTRUCT { id:maxim-kuzminov dkg:age ?a } WHERE { id:maxim-kuzminov dkg:age ?a }", "DESCRIBE id:maxim-kuzminov"):
        result = g.query(prefix + query)
        assert [o.toPython() for o in result.graph.objects(rdflib.URIRef(KUZMINOV), AGE)] == [28], query


# ------------------------------------------------------------------ in a browser


def _browser(p):
    from .conftest import require_program
    from .test_viz_browser import ARGS

    return p.chromium.launch(executable_path=require_program("chromium"), args=ARGS)


def _open(browser, base, downloads=False):
    """A page whose every request outside the server is refused and recorded, as are dialogs."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=downloads)
    outside, dialogs, errors = [], [], []

    def route(r):
        if r.request.url.startswith(base + "/"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, outside, dialogs, errors


@pytest.mark.browser
def test_analyst_runs_a_query_follows_a_link_and_downloads_csv(endpoint):
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = _browser(p)
        try:
            page, outside, dialogs, errors = _open(browser, endpoint, downloads=True)
            page.goto(endpoint + "/")
            page.wait_for_selector(".cm-editor .cm-content")  # the editor loaded under the CSP
            # type a query into the editor, with prefix completion offering dkg:
            page.click(".cm-content")
            page.keyboard.press("Control+a")
            page.keyboard.press("Delete")
            page.keyboard.type("SELECT ?person ?name WHERE { ?person a dk")
            page.keyboard.press("Control+Space")
            page.wait_for_selector(".cm-tooltip-autocomplete")
            assert "dkg:" in page.inner_text(".cm-tooltip-autocomplete")
            page.keyboard.press("Escape")
            page.keyboard.type("g:Person ; rdfs:label ?name } ORDER BY ?name")
            keyword = page.locator(".cm-line span", has_text="SELECT").first  # highlighted: its own colour
            assert keyword.evaluate("e => getComputedStyle(e).color") != page.locator(".cm-line").first.evaluate("e => getComputedStyle(e).color")
            page.keyboard.press("Control+Enter")
            page.wait_for_selector("#result-table td a")
            page.screenshot(path=str(ARTIFACTS / "query-page-results.png"))
            link = page.locator("#result-table td a", has_text="id:maxim-kuzminov")
            assert link.count() == 1
            # the query is in the URL: a shared link opens it again, to run on a click
            shared = page.url
            assert "#query=" in shared
            # sorting: a click on the header reverses the order
            first = page.locator("#result-table tbody tr td").first.inner_text()
            page.click("#result-table th:nth-child(2)")
            page.click("#result-table th:nth-child(2)")
            assert page.locator("#result-table tbody tr td").first.inner_text() != first
            # download CSV
            with page.expect_download() as info:
                page.click("#dl-csv")
            rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
            assert rows[0] == ["person", "name"] and ["https://w3id.org/dkg/id/maxim-kuzminov", "Maxim Kuzminov"] in rows
            # follow the result link to the entity page
            link.click()
            page.wait_for_selector("h1")
            assert page.inner_text("h1") == "Maxim Kuzminov" and page.url.endswith("/id/maxim-kuzminov")
            assert page.locator("h3", has_text="fled or escaped to").count() == 1
            page.screenshot(path=str(ARTIFACTS / "entity-page.png"), full_page=True)
            # the shared link, opened fresh
            page2, outside2, _d, _e = _open(browser, endpoint)
            page2.goto(shared)
            page2.click("#run")
            page2.wait_for_selector("#result-table td a")
            assert page2.locator("#result-table td a", has_text="id:maxim-kuzminov").count() == 1
            # CONSTRUCT shows Turtle
            page2.goto(endpoint + "/#query=" + "DESCRIBE%20id%3Amaxim-kuzminov")
            page2.click("#run")
            page2.wait_for_selector("pre.graph")
            assert "dkg:age 28" in page2.inner_text("pre.graph")
            # an example from the library
            page2.click("#examples-box summary")  # folded when a link opened the page
            page2.click("#examples li[data-name=claims_about] button")
            assert "?entity" in page2.inner_text("#example-help")
            page2.screenshot(path=str(ARTIFACTS / "query-page-example.png"))
            # a syntax error names line and column
            page2.goto(endpoint + "/#query=" + "SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20%3Fy%20%7D")
            page2.click("#run")
            sync_api.expect(page2.locator("#error")).to_contain_text("line 1, column 19")
            page2.goto(endpoint + "/id/claim/russian-armed-forces--personnel_losses--8d24849b")
            page2.screenshot(path=str(ARTIFACTS / "claim-page.png"), full_page=True)
            page2.goto(endpoint + "/id/002_bd55ee8a1af82e1f")
            page2.screenshot(path=str(ARTIFACTS / "document-page.png"), full_page=True)
            assert outside == [] and outside2 == [] and dialogs == [] and errors == []
        finally:
            browser.close()


@pytest.mark.browser
def test_hostile_data_never_runs_on_any_page(hostile_out):  # noqa: F811
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serving(hostile_out, "--workers", "1") as (base, _proc, _lines), sync_api.sync_playwright() as p:
        browser = _browser(p)
        try:
            page, outside, dialogs, errors = _open(browser, base)
            for path in ("/id/hostile-person", "/id/zz-hostile-doc", "/id/", "/id/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"):
                page.goto(base + path)
                page.wait_for_selector("h1")
                page.mouse.move(200, 200)
                page.mouse.move(400, 300)
            page.goto(base + "/id/hostile-person")
            assert HOSTILE_NAME in page.inner_text("h1")
            assert HOSTILE_QUOTE in page.inner_text("main")
            page.screenshot(path=str(ARTIFACTS / "hostile-entity-page.png"), full_page=True)
            claim = page.locator("a", has_text="claim").first.get_attribute("href")
            page.goto(base + "/id/" + claim)
            page.wait_for_selector("h1")
            page.goto(base + "/#query=" + "SELECT%20%3Fp%20%3Fn%20WHERE%20%7B%20%3Fp%20rdfs%3Alabel%20%3Fn%20FILTER(CONTAINS(%3Fn%2C%20%22Evil%22))%20%7D")
            page.click("#run")
            page.wait_for_selector("#result-table td a")
            assert HOSTILE_NAME in page.inner_text("#result-table")
            page.screenshot(path=str(ARTIFACTS / "hostile-query-results.png"))
            assert page.locator("main img, main b, main script").count() == 0
            assert dialogs == [] and outside == [] and errors == []
        finally:
            browser.close()


# ------------------------------------------------------------------ long lists paged, views served


@pytest.mark.parametrize("number", [1, 2, 3])
def test_long_lists_on_a_served_page_are_paged(seed_store, monkeypatch, number):
    """HUR said 34 things in the seeds; at 15 rows a page it takes three pages, each linking
    the ones beside it, and a fourth is not found (a static site keeps the command instead)."""
    import re

    from dkg.pages import site
    from dkg.pages.render import Links
    from dkg.queries import pages as q

    monkeypatch.setattr(q, "PAGE_ITEMS", 15)
    links = Links("id/hur")
    links.number = number
    status, _media, text = site.respond(seed_store, "hur", "html", links)
    assert status == 200
    shown = re.findall(r'<a href="claim/[^"]+">', text.split("said (34 appearances)", 1)[1].split("<h2>", 1)[0])
    assert len(shown) == (15 if number < 3 else 4)
    assert f"Showing {(number - 1) * 15 + 1} to {(number - 1) * 15 + len(shown)} of 34 (page {number} of 3)" in text
    assert ('href="hur?page=%d" rel="next"' % (number + 1) in text) == (number < 3)
    assert ('rel="prev"' in text) == (number > 1)
    links.number = 4
    assert site.respond(seed_store, "hur", "html", links)[0] == 404
    static = Links("id/hur", ".html", server=False)
    assert "dkg said-by hur" in site.html(seed_store, "hur", static) and "?page=" not in site.html(seed_store, "hur", static)


def test_a_page_past_the_last_says_so_and_links_the_last(seed_store):
    """Not 'nothing by that name' (HUR exists): which page is missing, and a link back."""
    from dkg.pages import site
    from dkg.pages.render import Links

    links = Links("id/hur")
    links.number = 2
    status, _media, text = site.respond(seed_store, "hur", "html", links)
    assert status == 404 and "No page 2" in text and "fits on one page" in text
    assert 'href="hur"' in text and "minted no entity" not in text


def test_a_served_page_number_is_checked(endpoint):
    status, _h, body = http(endpoint + "/id/hur?page=0", headers={"Accept": "text/html"})
    assert status == 400 and "page number" in body
    status, _h, body = http(endpoint + "/id/hur?page=2", headers={"Accept": "text/html"})
    assert status == 404  # 34 things said fit on one page of 100
    assert http(endpoint + "/id/hur?page=1", headers={"Accept": "text/html"})[0] == 200


def test_views_are_served_and_linked_both_ways(endpoint):
    import re

    status, _h, index = http(endpoint + "/id/", headers={"Accept": "text/html"})
    assert status == 200 and 'href="../views/graph.html"' in index and 'href="../views/sources.html"' in index
    key = "southern-military-district--deserters--205b1748"  # unverified: `dkg site` draws its flow too
    status, _h, claim = http(endpoint + f"/id/claim/{key}", headers={"Accept": "text/html"})
    assert status == 200 and f'href="../../views/claim/{key}.html"' in claim
    for path, base in (("graph.html", "../"), ("sources.html", "../"), (f"claim/{key}.html", "../../")):
        status, headers, view = http(endpoint + "/views/" + path)
        assert status == 200 and headers["Content-Type"].startswith("text/html"), path
        data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', view, re.S).group(1))
        assert data["pages"] == {"base": base, "suffix": ""}  # each node links to its page under /id/
        policy = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in policy and policy.count("'sha256-") == 4  # two scripts, two styles: those only
    for missing in ("claim/no-such-claim.html", "nothing.html", "claim/maxim-kuzminov.html"):
        status, _h, body = http(endpoint + "/views/" + missing)
        assert status == 404 and "graph.html, sources.html" in body
