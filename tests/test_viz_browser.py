"""The HTML view as a reader meets it: headless Chromium (Debian's package, driven by
Playwright) opens the file with every network request blocked, and we check that nothing was
requested, the network holds the expected nodes and edges, tooltips show hostile text as
text, no dialog ever opens, and the picture is not blank."""

from __future__ import annotations

import io
import json
import re

import pytest

from .conftest import require_program, run_dkg
from .test_viz import HOSTILE_NAME, HOSTILE_QUOTE, hostile_out  # noqa: F401  (fixture)

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


def open_page(browser, path):
    """Open a file:// page with every other request refused and recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    requests, dialogs, errors = [], [], []

    def route(r):
        url = r.request.url
        if url.startswith(("file://", "data:", "about:")):
            r.continue_()
        else:
            requests.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda req: None if req.url.startswith(("file://", "data:", "about:")) else requests.append(req.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_function("window.dkg && window.dkg.network")
    return page, requests, dialogs, errors


def hover_node(page, node_id: str) -> None:
    pos = page.evaluate(
        """(id) => { const n = window.dkg.network; const p = n.getPositions([id])[id];
                     const d = n.canvasToDOM(p); const r = document.querySelector('#graph canvas').getBoundingClientRect();
                     return [r.left + d.x, r.top + d.y]; }""",
        node_id,
    )
    page.mouse.move(pos[0] + 40, pos[1] + 40)
    page.mouse.move(pos[0], pos[1])
    page.wait_for_timeout(400)


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB").resize((320, 215))
    return len(img.getcolors(maxcolors=1 << 20) or [])


def test_seed_view_loads_offline_with_its_nodes_and_edges(browser, seed_out, tmp_path):
    target = tmp_path / "kuzminov.html"
    result = run_dkg("viz", "--out", str(seed_out), "--focus", "maxim-kuzminov", "--depth", "2", "-o", str(target))
    assert result.returncode == 0, result.stderr
    nodes, edges = map(int, re.search(r"\((\d+) nodes, (\d+) edges\)", result.stdout).groups())
    page, requests, dialogs, errors = open_page(browser, target)
    counts = page.evaluate("[window.dkg.nodes.length, window.dkg.edges.length]")
    assert counts == [nodes, edges]
    assert nodes > 30
    legend = page.inner_text("#legend")
    assert "Person" in legend and "Claim" in legend
    page.fill("#search", "319th")
    assert re.match(r"\d+ match", page.inner_text("#matches"))
    assert "319th-helicopter-regiment" in page.evaluate("window.dkg.network.getSelectedNodes()")
    png = page.screenshot()
    assert distinct_colours(png) > 20, "the page looks blank"
    canvas_png = page.locator("#graph canvas").screenshot()
    assert distinct_colours(canvas_png) > 10, "the graph canvas is blank"
    assert requests == [] and dialogs == [] and errors == []
    page.close()


def test_hostile_text_is_shown_literally_and_runs_nothing(browser, hostile_out, tmp_path):  # noqa: F811
    target = tmp_path / "hostile.html"
    result = run_dkg("viz", "--out", str(hostile_out), "--focus", "hostile-person", "--depth", "1", "-o", str(target))
    assert result.returncode == 0, result.stderr
    page, requests, dialogs, errors = open_page(browser, target)
    claim = page.evaluate("window.dkg.nodes.getIds({filter: (n) => n.dkgType === 'Claim'})[0]")
    hover_node(page, claim)
    tip = page.locator(".vis-tooltip")
    assert tip.is_visible()
    assert HOSTILE_QUOTE in tip.inner_text()
    assert tip.locator("img, script, b").count() == 0
    hover_node(page, "hostile-person")
    assert HOSTILE_NAME in page.inner_text("#details")
    assert page.locator("#details img, #details b, #details script").count() == 0
    title = page.evaluate("document.title")
    assert title.startswith("Evil <b onmouseover")
    page.wait_for_timeout(300)
    assert dialogs == [] and requests == [] and errors == []
    page.close()


def test_claim_provenance_view(browser, seed_out, tmp_path):
    target = tmp_path / "claim.html"
    result = run_dkg("viz", "--out", str(seed_out), "--claim", "maxim-kuzminov--age--c95e55f3", "-o", str(target))
    assert result.returncode == 0, result.stderr
    page, requests, dialogs, errors = open_page(browser, target)
    ids = set(page.evaluate("window.dkg.nodes.getIds()"))
    assert {"maxim-kuzminov--age--c95e55f3", "000_9dcf5df62fe0ca39", "001_03936b38e0261b39", "hur", "kyiv-independent"} <= ids
    hover_node(page, "maxim-kuzminov--age--c95e55f3")
    text = page.inner_text("#details")
    assert "printed: 28-year-old" in text and "identified the 28-year-old Russian pilot as Maxim Kuzminov" in text
    assert requests == [] and dialogs == [] and errors == []
    page.close()
