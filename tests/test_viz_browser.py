"""The HTML views as a reader meets them: headless Chromium (Debian's package, driven by
Playwright) opens each file at 1400x900 with every network request blocked, and we check what
a reader sees: the nodes and edges, plain-language edge labels, badges, no two visible labels
overlapping at the default zoom (measured from vis-network's own label boxes), the panel
keeping a click while pointing previews, a search that forgives spelling and script, hostile
text shown as text with no dialog, and nothing requested. Each test writes a screenshot to
out/test-artifacts/ for a reviewer to look at (the path is printed)."""

from __future__ import annotations

import importlib.util
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dkg.graph import viz
from dkg.graph.store import OxigraphStore
from dkg.queries import graphview, readerviews

from .conftest import ROOT, require_program, run_dkg
from .test_viz import AGE, CODE_NAME, HOSTILE_NAME, HOSTILE_QUOTE, OTHER_AGE, SERVED, disputed_quads, hostile_out  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "out" / "test-artifacts"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    path = require_program("chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=ARGS)
        yield b
        b.close()


def open_page(browser, path: Path):
    """Open a file:// page with every other request refused and recorded."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests, dialogs, errors = [], [], []

    def route(r):
        url = r.request.url
        if url.startswith(("file://", "data:", "about:")):
            r.continue_()
        else:
            requests.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    # a function, not an expression: polling an expression evaluates a string in the page,
    # which its content security policy refuses
    page.wait_for_function("() => window.dkg && window.dkg.ready()")
    return page, requests, dialogs, errors


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target))
    print(f"screenshot: {target}")
    return target


# Every label box vis-network drew on screen: nodes through getBoundingBox (which includes the
# label), edges through their label module; in screen pixels. A label left out for lack of
# room is " ". Off screen, vis-network does not re-measure labels, so only what is on the
# canvas counts (which is also all a reader sees).
LABEL_BOXES = """() => {
  const n = window.dkg.network, out = [];
  const canvas = document.querySelector('#graph canvas'), W = canvas.clientWidth, H = canvas.clientHeight;
  const dom = (x, y) => n.canvasToDOM({x, y});
  const onScreen = (a, z) => a.x < W && z.x > 0 && a.y < H && z.y > 0;
  for (const node of window.dkg.nodes.get()) {
    if (node.hidden || !node.label || !node.label.trim()) continue;
    const b = n.getBoundingBox(node.id), a = dom(b.left, b.top), z = dom(b.right, b.bottom);
    if (onScreen(a, z)) out.push({kind: "node", id: node.id, text: node.label, box: [a.x, a.y, z.x, z.y]});
  }
  for (const edge of window.dkg.edges.get()) {
    if (!edge.label || !edge.label.trim()) continue;
    const from = window.dkg.nodes.get(edge.from), to = window.dkg.nodes.get(edge.to);
    if (from.hidden || to.hidden) continue;
    const m = n.body.edges[edge.id].labelModule.size;
    const a = dom(m.left, m.top), z = dom(m.left + m.width, m.top + m.height);
    if (onScreen(a, z)) out.push({kind: "edge", id: edge.id, text: edge.label, box: [a.x, a.y, z.x, z.y]});
  }
  return out;
}"""


def overlaps(labels: list[dict]) -> list[tuple[str, str]]:
    """Pairs of visible labels whose boxes overlap by more than a pixel each way."""
    out = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            ax0, ay0, ax1, ay1 = a["box"]
            bx0, by0, bx1, by1 = b["box"]
            if min(ax1, bx1) - max(ax0, bx0) > 1 and min(ay1, by1) - max(ay0, by0) > 1:
                out.append((a["text"], b["text"]))
    return out


def check_readable(page, name: str) -> list[dict]:
    """Labels as drawn: print the overlap count and return the labels."""
    page.evaluate("window.dkg.network.redraw()")  # label sizes are measured when drawn
    page.wait_for_timeout(150)
    labels = page.evaluate(LABEL_BOXES)
    pairs = overlaps(labels)
    hidden = page.evaluate("window.dkg.nodes.get().filter((n) => !n.hidden && n.label === ' ').length")
    print(f"{name}: {len(labels)} visible labels, {len(pairs)} overlapping pair(s), {hidden} node label(s) left out for lack of room")
    assert pairs == [], pairs
    return labels


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB").resize((320, 215))
    return len(img.getcolors(maxcolors=1 << 20) or [])


def point_at(page, node_id: str) -> None:
    pos = page.evaluate(
        """(id) => { const n = window.dkg.network; const d = n.canvasToDOM(n.getPositions([id])[id]);
                     const r = document.querySelector('#graph canvas').getBoundingClientRect();
                     return [r.left + d.x, r.top + d.y]; }""",
        node_id,
    )
    page.mouse.move(pos[0] + 60, pos[1] + 60)
    page.mouse.move(pos[0], pos[1])
    page.wait_for_timeout(200)


def click_node(page, node_id: str) -> None:
    point_at(page, node_id)
    pos = page.evaluate(
        """(id) => { const n = window.dkg.network; const d = n.canvasToDOM(n.getPositions([id])[id]);
                     const r = document.querySelector('#graph canvas').getBoundingClientRect();
                     return [r.left + d.x, r.top + d.y]; }""",
        node_id,
    )
    page.mouse.click(pos[0], pos[1])
    page.wait_for_timeout(200)


def write_view(seed_out, tmp_path, name, *args) -> tuple[Path, int, int]:
    target = tmp_path / f"{name}.html"
    result = run_dkg("viz", "--out", str(seed_out), *args, "-o", str(target))
    assert result.returncode == 0, result.stderr
    nodes, edges = map(int, re.search(r"\((\d+) nodes, (\d+) edges\)", result.stdout).groups())
    return target, nodes, edges


def test_entity_view_reads_without_hovering(browser, seed_out, tmp_path):
    target, n_nodes, n_edges = write_view(seed_out, tmp_path, "kuzminov", "--focus", "maxim-kuzminov")
    page, requests, dialogs, errors = open_page(browser, target)
    assert page.evaluate("[window.dkg.nodes.length, window.dkg.edges.length]") == [n_nodes, n_edges]
    labels = check_readable(page, "entity view (maxim-kuzminov)")
    edge_texts = [x["text"] for x in labels if x["kind"] == "edge"]
    assert {"served in", "defected with", "took part in"} <= {t.split("\n")[0] for t in edge_texts}
    assert any(t.startswith("reported by · ") for t in edge_texts)
    assert not [t for t in edge_texts if CODE_NAME.search(t)]
    assert any("⚑ from a party to the war" in t for t in edge_texts), "hedge badges are drawn on the edges"
    node_texts = {x["id"] for x in labels if x["kind"] == "node"}
    assert {"maxim-kuzminov", "319th-helicopter-regiment", "kuzminov-mi-8"} <= node_texts
    assert page.evaluate("window.dkg.nodes.get().filter((n) => !n.hidden && n.label === ' ').length") == 0
    # claims on demand: hidden until the reader ticks them in the key
    assert page.evaluate(f"window.dkg.nodes.get('{SERVED}').hidden") is True
    shot = screenshot(page, "entity-maxim-kuzminov")
    assert distinct_colours(shot.read_bytes()) > 20
    page.check("#legend input[data-type=Claim]")
    assert page.evaluate(f"!window.dkg.nodes.get('{SERVED}').hidden")
    page.uncheck("#legend input[data-type=Claim]")
    # the panel keeps the click; pointing elsewhere previews without replacing it
    click_node(page, "319th-helicopter-regiment")
    assert page.inner_text("#pinned").startswith("319th helicopter regiment")
    point_at(page, "maxim-kuzminov")
    assert page.inner_text("#preview").startswith("Maxim Kuzminov")
    assert page.inner_text("#pinned").startswith("319th helicopter regiment")
    assert "age: 28 years" in page.inner_text("#preview")
    # clicking the edge lists its sources with quotes
    edge = page.evaluate("window.dkg.edges.getIds().find((i) => window.dkg.edgeRow(i).label.startsWith('served in'))")
    page.evaluate(f"window.dkg.network.selectEdges([{edge}])")
    lines = page.evaluate(f"window.dkg.edgeRow({edge}).lines")
    assert lines[0].startswith("Maxim Kuzminov · served in · 319th") and any(line.startswith("   “") for line in lines)
    assert requests == [] and dialogs == [] and errors == []
    page.close()


def test_claim_flow_shows_who_says_it_and_where_it_comes_from(browser, seed_out, tmp_path):
    target, n_nodes, n_edges = write_view(seed_out, tmp_path, "age", "--claim", AGE)
    page, requests, dialogs, errors = open_page(browser, target)
    assert page.evaluate("[window.dkg.nodes.length, window.dkg.edges.length]") == [n_nodes, n_edges]
    labels = check_readable(page, "claim flow (Kuzminov's age)")
    assert page.evaluate("window.dkg.nodes.get().filter((n) => !n.hidden && n.label === ' ').length") == 0
    edges = page.evaluate("window.dkg.edges.getIds().map((i) => window.dkg.edgeRow(i)).map((e) => [e.from, e.to, e.label.split('\\n')[0]])")
    assert ["said:000_9dcf5df62fe0ca39:hur", "000_9dcf5df62fe0ca39", "said"] in edges
    assert ["said:001_03936b38e0261b39:kyiv-independent", "001_03936b38e0261b39", "said"] in edges
    assert {e[2] for e in edges} == {"said", "reported in", "cites", "comes from"}
    texts = [x["text"] for x in labels]
    assert any("“28-year-old”" in t and "⚑ from a party to the war" in t for t in texts)
    assert page.inner_text("#summary").startswith("2 independent origins: Main Intelligence Directorate")
    # left to right: origin, cited document, carrying documents, the claim
    xs = page.evaluate(f"(() => {{ const p = window.dkg.network.getPositions(); return [p['origin:hur'].x, p['kyiv-independent-report-kuzminov-reward'].x, p['001_03936b38e0261b39'].x, p['{AGE}'].x]; }})()")
    assert xs == sorted(xs) and len(set(xs)) == 4
    screenshot(page, "claim-kuzminov-age")
    assert requests == [] and dialogs == [] and errors == []
    page.close()


def test_sources_view_shows_who_relies_on_whom(browser, seed_out, tmp_path):
    target, n_nodes, n_edges = write_view(seed_out, tmp_path, "sources", "--sources")
    page, requests, dialogs, errors = open_page(browser, target)
    assert page.evaluate("[window.dkg.nodes.length, window.dkg.edges.length]") == [n_nodes, n_edges]
    check_readable(page, "sources view")
    assert page.evaluate("window.dkg.nodes.get().filter((n) => !n.hidden && n.label === ' ').length") == 0
    assert page.evaluate("window.dkg.nodes.get('origin:hur').label") == "HUR"
    relying = page.evaluate("window.dkg.edges.getIds().map((i) => window.dkg.edgeRow(i)).filter((e) => e.to === 'origin:hur').map((e) => e.label)")
    assert len(relying) == 3 and all(re.fullmatch(r"relies on: (1 claim|\d+ claims)", t) for t in relying)
    assert "Main Intelligence Directorate" in page.inner_text("#summary")
    screenshot(page, "sources")
    assert requests == [] and dialogs == [] and errors == []
    page.close()


def test_whole_graph_places_labels_where_they_fit(browser, seed_out, tmp_path):
    target, n_nodes, n_edges = write_view(seed_out, tmp_path, "graph")
    page, requests, dialogs, errors = open_page(browser, target)
    assert page.evaluate("[window.dkg.nodes.length, window.dkg.edges.length]") == [n_nodes, n_edges]
    labels = check_readable(page, "whole graph")
    assert len([x for x in labels if x["kind"] == "node"]) >= 25, "many entities are named at the default zoom"
    screenshot(page, "whole-graph")
    # zoomed in, more labels fit; still none overlap
    page.evaluate("window.dkg.network.moveTo({scale: window.dkg.network.getScale() * 2.5, animation: false}); window.dkg.place()")
    check_readable(page, "whole graph zoomed in")
    assert requests == [] and dialogs == [] and errors == []
    page.close()


def test_search_folds_spelling_and_script(browser, seed_out, tmp_path):
    target, _, _ = write_view(seed_out, tmp_path, "graph-search")
    page, requests, dialogs, errors = open_page(browser, target)
    for typed in ("Maksim Kuzminov", "Кузьминов", "kuzminov"):
        page.fill("#search", typed)
        assert "maxim-kuzminov" in page.evaluate("window.dkg.network.getSelectedNodes()"), typed
        assert "Maxim Kuzminov" in page.inner_text("#matches")
    # the page's folding agrees with dkg.schema.fold on what it can fold
    from dkg.schema.fold import fold, skeleton

    for text in ("Primorje", "Maksim", "Zelenskiy", "The 319th  Helicopter-Regiment"):
        assert page.evaluate("(t) => [window.dkg.fold(t), window.dkg.skeleton(t)]", text) == [fold(text), skeleton(text)]
    page.fill("#search", "Primorye")
    assert re.match(r"\d+ match", page.inner_text("#matches"))
    assert requests == [] and dialogs == [] and errors == []
    page.close()


def test_contested_and_disagreeing_badges_are_drawn(browser, seed_store, tmp_path):
    store = OxigraphStore(None)
    store.bulk_load(disputed_quads(seed_store))
    G = graphview.project(store)
    names = graphview.known_names(store)
    view = readerviews.flow_view(G, AGE, names)
    target = viz.render_html(view.graph, view.title, tmp_path / "disputed.html", positions=view.positions, header=view.header)
    page, requests, dialogs, errors = open_page(browser, target)
    claim_label = page.evaluate(f"window.dkg.nodes.get('{AGE}').label")
    assert "⚑ " in claim_label and "The Kyiv Independent disputes" in claim_label
    edge = page.evaluate(f"window.dkg.edges.get().find((e) => e.from === '{AGE}' && e.to === '{OTHER_AGE}')")
    assert edge["label"] == "seems to disagree with (different time)" and edge["color"]["color"] == "#c62828"
    assert page.evaluate(f"window.dkg.edgeRow({edge['id']}).tone") == "contested"
    page.click("#summary button")  # the header links to the other side
    assert page.evaluate("window.dkg.network.getSelectedNodes()") == [OTHER_AGE]
    check_readable(page, "claim flow with a stance and a disagreement")
    screenshot(page, "claim-disputed")
    rel = readerviews.relations_view(G, "maxim-kuzminov", 1, names)
    target = viz.render_html(rel.graph, rel.title, tmp_path / "disputed-rel.html", positions=rel.positions, header=rel.header, hidden_types=rel.hidden_types)
    page2, *_ = open_page(browser, target)
    served = page2.evaluate("window.dkg.edges.get().find((e) => (e.label || '').startsWith('served in'))")
    assert served["color"]["color"] == "#c62828" and "contested" in served["label"]
    screenshot(page2, "entity-disputed")
    assert requests == [] and dialogs == [] and errors == []
    page.close()
    page2.close()


def test_hostile_text_is_shown_literally_and_runs_nothing(browser, hostile_out, tmp_path):  # noqa: F811
    for args in (["--focus", "hostile-person"], ["--sources"], []):
        target = tmp_path / "hostile.html"
        result = run_dkg("viz", "--out", str(hostile_out), *args, "-o", str(target))
        assert result.returncode == 0, result.stderr
        page, requests, dialogs, errors = open_page(browser, target)
        if args:
            page.fill("#search", "Evil")
            assert "Evil <b onmouseover" in page.inner_text("#matches") or args == ["--sources"]
        if args == ["--focus", "hostile-person"]:
            point_at(page, "hostile-person")
            preview = page.inner_text("#preview")
            assert HOSTILE_NAME in preview and HOSTILE_QUOTE in preview
            click_node(page, "hostile-person")
            assert HOSTILE_NAME in page.inner_text("#pinned")
            assert page.evaluate("document.title").startswith("Evil <b onmouseover")
        assert page.locator("aside img, aside b, aside script, header img, header b").count() == 0
        page.wait_for_timeout(300)
        assert dialogs == [] and requests == [] and errors == []
        page.close()
    # the hostile quote in a provenance flow, shown in the panel as text
    from dkg.graph.build import store_path

    G = graphview.project(OxigraphStore(store_path(hostile_out), read_only=True))
    claim = next(n for n in G if n.startswith("hostile-person--role--"))
    target = tmp_path / "hostile-claim.html"
    assert run_dkg("viz", "--out", str(hostile_out), "--claim", claim, "-o", str(target)).returncode == 0
    page, requests, dialogs, errors = open_page(browser, target)
    click_node(page, "zz-hostile-doc")
    assert HOSTILE_QUOTE in page.inner_text("#pinned")
    assert page.locator("aside img, aside script").count() == 0
    assert dialogs == [] and requests == [] and errors == []
    page.close()


def page_timing():
    """scripts/page_timing.py as a module: the synthetic corpus and the measured opening."""
    spec = importlib.util.spec_from_file_location("page_timing", ROOT / "scripts" / "page_timing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Counts full drawings of the graph's canvas (vis-network clears it once per drawing), from
# outside the page: installed through the browser's debugging protocol before the page runs.
COUNT_DRAWINGS = """
window.__drawings = 0;
const clear = CanvasRenderingContext2D.prototype.clearRect;
CanvasRenderingContext2D.prototype.clearRect = function (...args) {
  if (this.canvas.isConnected && this.canvas.closest("#graph")) window.__drawings += 1;
  return clear.apply(this, args);
};
"""


def drawings_until_ready(browser, target: Path) -> tuple[int, object]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.add_init_script(COUNT_DRAWINGS)
    page.goto(target.as_uri())
    page.wait_for_function("() => window.dkg && window.dkg.ready()", timeout=60_000)
    return page.evaluate("window.__drawings"), page


def test_timing_script_measures_a_page(seed_out, tmp_path):
    """scripts/page_timing.py on the seed whole graph: every measure printed as p50 and max,
    the click answered and the search found the node (exit 0)."""
    require_program("chromium")
    target, _, _ = write_view(seed_out, tmp_path, "timed")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "page_timing.py"), "--html", str(target), "--runs", "2", "--node", "maxim-kuzminov", "--query", "kuzminov"],
                            capture_output=True, text=True, timeout=300)
    print(result.stdout)
    assert result.returncode == 0, result.stderr
    for words in ("DOMContentLoaded", "first drawing", "fitted view with labels drawn", "search typed at first drawing, answered", "after ready: click", "one frame, whole view: drawing"):
        line = next(x for x in result.stdout.splitlines() if x.startswith(words))
        p50, worst = map(float, line.split()[-2:])
        assert 0 <= p50 <= worst, line
    assert "full drawings until ready: " in result.stdout


@pytest.mark.slow
def test_ten_thousand_entity_page_opens(browser, tmp_path):
    """The whole graph of a synthetic 10,000-entity corpus, measured as scripts/page_timing.py
    measures it. No timing assertion (speed targets live in benchmarks): the times are printed.
    What is asserted: the page is drawn once before a reader sees it (it was drawn seven times,
    each a full drawing of 10,000 nodes), a click shows the details, a search finds Kuzminov."""
    timing = page_timing()
    target = tmp_path / "big.html"
    made = timing.write_synthetic_page(target, 10_000)
    print(f"10,000 entities: view {made['view_s']:.1f} s, HTML {made['html_s']:.1f} s ({made['bytes'] / 1e6:.1f} MB)")
    run = timing.open_once(browser, target, "e7", "kuzminov")
    print("\n".join(timing.summary([run])))
    assert run["errors"] == [] and run["nodes"] == made["nodes"] >= 10_000
    assert run["clicked_shown"] and run["found"]
    count, page = drawings_until_ready(browser, target)
    shown = page.evaluate("window.dkg.nodes.get().filter((x) => x.label && x.label.trim()).length")
    print(f"{count} drawing(s) until ready, {shown} labels shown")
    screenshot(page, "whole-10k")
    assert count == 1
    page.close()


# ------------------------------------------------------------------ issue 26: views a reader uses unaided

SHOIGU_LABEL = "about 6,000 person"


def _shoigu_key(seed_store) -> str:
    from dkg.queries.resolve import claim_index

    return next(c.slug for c in claim_index(seed_store, "russian-armed-forces") if (c.label or "").endswith(SHOIGU_LABEL))


def test_claim_flow_reads_the_figure_speaker_and_disputing_party(browser, seed_out, seed_store, tmp_path):
    key = _shoigu_key(seed_store)
    target, _n, _e = write_view(seed_out, tmp_path, "shoigu", "--claim", key)
    page, requests, dialogs, errors = open_page(browser, target)
    labels = check_readable(page, "claim flow (Shoigu's casualty figure)")
    card = page.evaluate(f"window.dkg.nodes.get('{key}').label")
    # the claim's card, whole: what, the figure in words, who said it for whom
    assert "about 6,000 people" in card and "said by Sergei Shoigu for Ministry of" in card and "…" not in card.split("⚑")[0]
    # the disputing party is a node, its words on its edge to the claim
    party = next(x for x in labels if x["kind"] == "node" and x["text"].startswith("unnamed analysts"))
    edges = page.evaluate("window.dkg.edges.getIds().map((i) => window.dkg.edgeRow(i)).map((e) => [e.from, e.to, e.label])")
    assert [party["id"], key, "disputes"] in edges
    # both claims it disagrees with are on the canvas with their figures
    texts = " ".join(x["text"] for x in labels)
    assert "at least 25,000 people" in texts and "0 people" in texts
    screenshot(page, "claim-flow-shoigu")
    assert requests == [] and dialogs == [] and errors == []
    page.close()


def test_search_forgives_a_misspelling_and_nodes_open_their_pages(browser, seed_out, tmp_path):
    site = tmp_path / "site"
    done = run_dkg("site", "--out", str(seed_out), "-o", str(site))
    assert done.returncode == 0, done.stderr
    page, requests, dialogs, errors = open_page(browser, site / "views" / "graph.html")
    page.fill("#search", "Kuzminof")  # no name contains it; the CLI suggests Maxim Kuzminov
    assert page.inner_text("#matches").startswith("no exact match; closest spelling")
    assert page.evaluate("window.dkg.network.getSelectedNodes()") == ["maxim-kuzminov"]
    assert page.inner_text("#pinned").startswith("Maxim Kuzminov")
    page.wait_for_timeout(200)
    check_readable(page, "whole graph after a misspelt search")
    assert any(x["id"] == "maxim-kuzminov" for x in page.evaluate(LABEL_BOXES)), "the answer is named on the canvas"
    screenshot(page, "site-graph-search-kuzminof")
    link = page.locator("#pinned a.page-link")
    assert link.get_attribute("href") == "../id/maxim-kuzminov.html"
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/id/maxim-kuzminov.html") and page.title().startswith("Maxim Kuzminov")
    assert requests == [] and dialogs == [] and errors == []
    page.close()
    # a claim's page in the site links its flow, whose nodes link back
    key = next(p.stem for p in (site / "views" / "claim").glob("*.html"))
    claim_page = (site / "id" / "claim" / f"{key}.html").read_text(encoding="utf-8")
    assert f'href="../../views/claim/{key}.html"' in claim_page


def test_expand_on_demand_shows_what_the_file_holds(browser, seed_out, tmp_path):
    target, _n, _e = write_view(seed_out, tmp_path, "kuzminov-expand", "--focus", "maxim-kuzminov")
    page, requests, dialogs, errors = open_page(browser, target)
    hidden = page.evaluate("window.dkg.nodes.get().filter((n) => n.hidden).length")
    assert hidden > 0  # claims are kept hidden in the file
    click_node(page, "maxim-kuzminov")
    button = page.locator("#pinned button.expand")
    assert re.fullmatch(r"Show \d+ more linked to it", button.inner_text())
    button.click()
    page.wait_for_timeout(200)
    shown = page.evaluate("window.dkg.network.getConnectedNodes('maxim-kuzminov').filter((n) => window.dkg.nodes.get(n).hidden).length")
    assert shown == 0 and page.evaluate("window.dkg.nodes.get().filter((n) => n.hidden).length") < hidden
    screenshot(page, "entity-kuzminov-expanded")
    assert requests == [] and dialogs == [] and errors == []
    page.close()


def test_outlet_view_labels_what_it_shows(browser, seed_out, tmp_path):
    target, n_nodes, n_edges = write_view(seed_out, tmp_path, "newsweek", "--outlet", "Newsweek")
    page, requests, dialogs, errors = open_page(browser, target)
    labels = check_readable(page, "outlet view (Newsweek)")
    assert page.evaluate("window.dkg.nodes.get().filter((n) => !n.hidden && n.label === ' ').length") == 0, "every node shown is named"
    assert n_nodes == len([x for x in labels if x["kind"] == "node"]) < 35  # not 35 unlabelled diamonds
    assert "HUR\nsaid: 7 claims" in [x["text"] for x in labels]
    assert len(page.inner_text("#legend").strip().splitlines()) >= 3  # the key names what is drawn
    screenshot(page, "outlet-newsweek")
    assert requests == [] and dialogs == [] and errors == []
    page.close()


def test_site_pages_as_a_reader_sees_them(browser, seed_out, seed_store, tmp_path):
    """Screenshots of the pages issue 26 changed, whole, for a reviewer; and what each answers."""
    site = tmp_path / "site"
    assert run_dkg("site", "--out", str(seed_out), "-o", str(site)).returncode == 0
    key = _shoigu_key(seed_store)
    for name, rel, expect in (
        ("page-hur", "id/hur.html", "Who repeated it"),
        ("page-newsweek", "id/newsweek.html", "What Newsweek carried (35 appearances)"),
        ("page-shoigu-claim", f"id/claim/{key}.html", "disputes by unnamed analysts"),
        ("page-shoigu-statement", "id/shoigu-casualty-statement.html", "Cited by (1 appearance)"),
        ("page-sergei-shoigu", "id/sergei-shoigu.html", "What Sergei Shoigu said (1 appearance)"),
    ):
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto((site / rel).as_uri())
        assert expect in " ".join(page.inner_text("main").split()), name
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        print(f"screenshot: {ARTIFACTS / name}.png")
        page.close()
