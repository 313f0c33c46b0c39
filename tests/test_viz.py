"""The networkx projection and the HTML, PNG and SVG views, checked as files (the browser
tests are in test_viz_browser.py)."""

from __future__ import annotations

import json
import re
import textwrap
import time
from pathlib import Path

import networkx as nx
import pytest

from dkg.graph import nxview, viz
from dkg.graph.build import build, store_path
from dkg.graph.store import OxigraphStore

from .conftest import run_dkg

HOSTILE_QUOTE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'
HOSTILE_NAME = "Evil <b onmouseover=alert(3)>href=\"javascript:alert(4)\"</b> & co"


@pytest.fixture(scope="module")
def seed_graph(seed_store):
    return nxview.project(seed_store)


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    """The seed data plus a source document whose title, person name and quote are hostile."""
    import shutil

    from .conftest import SEED as DATA

    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(DATA, data)
    (data / "registry" / "zz-hostile.yaml").write_text(
        textwrap.dedent(
            f"""\
            persons:
              - id: hostile-person
                name: {json.dumps(HOSTILE_NAME)}
            """
        ),
        encoding="utf-8",
    )
    (data / "sources" / "zz-hostile-doc.yaml").write_text(
        textwrap.dedent(
            f"""\
            document:
              id: zz-hostile-doc
              name: {json.dumps("<script>alert('title')</script>")}
              kind: news_report
            claims:
              - subject: hostile-person
                property: role
                value: {{text: {json.dumps(HOSTILE_QUOTE)}}}
                speaker: hostile-person
                quote: {json.dumps(HOSTILE_QUOTE)}
            """
        ),
        encoding="utf-8",
    )
    out = root / "out"
    build(data, out, shacl=False)
    return out


def test_projection_types_and_provenance_edges(seed_graph):
    G = seed_graph
    assert G.nodes["maxim-kuzminov"]["type"] == "Person"
    assert G.nodes["newsweek"]["type"] == "Outlet"
    assert G.nodes["319th-helicopter-regiment"]["type"] == "MilitaryUnit"
    assert G.nodes["kuzminov-mi-8"]["type"] == "Aircraft"
    age = "maxim-kuzminov--age--c95e55f3"
    assert G.nodes[age]["type"] == "Claim" and G.nodes[age]["value"] == "28 year"
    reported = sorted((v, e["speaker"], e["printed"]) for _, v, e in G.out_edges(age, data=True) if e["label"] == "reportedIn")
    assert reported == [("000_9dcf5df62fe0ca39", "hur", "28-year-old"), ("001_03936b38e0261b39", "kyiv-independent", "28-year-old")]


def test_analysis_on_the_seed_graph(seed_graph):
    sources = nxview.most_cited_sources(seed_graph, 3)
    assert sources[0][0] == "bbc-mishov-interview"
    speakers = [s[0] for s in nxview.top_speakers(seed_graph, 2)]
    assert speakers == ["dmitry-mishov", "hur"]
    central = [c[0] for c in nxview.centrality(seed_graph, n=5)]
    assert "russian-armed-forces" in central and "dmitry-mishov" in central
    chain = nxview.shortest_connection(seed_graph, "dmitry-mishov", "maxim-kuzminov")
    assert chain[0][0] == "dmitry-mishov" and chain[-1][0] == "maxim-kuzminov" and len(chain) >= 3


def test_views_select_the_right_neighbourhood(seed_graph):
    prov = nxview.provenance(seed_graph, "maxim-kuzminov--reward_received--" + next(
        n.split("--")[-1] for n in seed_graph if n.startswith("maxim-kuzminov--reward_received--")))
    assert {"001_03936b38e0261b39", "kyiv-independent", "kyiv-independent-report-kuzminov-reward", "maxim-kuzminov"} <= set(prov)
    ego = nxview.ego(seed_graph, "maxim-kuzminov", 1)
    assert all(seed_graph.nodes[n]["type"] == "Claim" for n in ego if n != "maxim-kuzminov")
    outlet = nxview.outlet_view(seed_graph, "newsweek")
    assert "003_e82a78f22526c30b" in outlet and "southern-military-district" in outlet
    assert "000_9dcf5df62fe0ca39" not in outlet


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_gephi_exports_reparse(seed_out, seed_graph, fmt, tmp_path):
    target = tmp_path / f"g.{fmt}"
    result = run_dkg("export", "--out", str(seed_out), "--format", fmt, "-o", str(target))
    assert result.returncode == 0, result.stderr
    back = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
    assert back.number_of_nodes() == seed_graph.number_of_nodes()
    assert back.number_of_edges() == seed_graph.number_of_edges()


def test_html_is_self_contained_and_writes_nothing_beside_it(seed_out, tmp_path):
    before = set(tmp_path.iterdir())
    result = run_dkg("viz", "--out", str(seed_out), "--focus", "Dmitry Mishov", "-o", "mishov.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert set(tmp_path.iterdir()) - before == {tmp_path / "mishov.html"}
    page = (tmp_path / "mishov.html").read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "default-src 'none'" in page  # the page's CSP forbids any request


def test_hostile_text_is_escaped_in_the_page(hostile_out, tmp_path):
    target = tmp_path / "h.html"
    result = run_dkg("viz", "--out", str(hostile_out), "--focus", "hostile-person", "-o", str(target))
    assert result.returncode == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    data_block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data_block and ">" not in data_block
    assert HOSTILE_QUOTE in json.dumps(json.loads(data_block), ensure_ascii=False).replace("\\/", "/")
    assert HOSTILE_NAME.replace('"', '\\"') in json.dumps(json.loads(data_block), ensure_ascii=False)
    assert "<img src=x" not in page


def test_unknown_names_are_refused_with_suggestions(seed_out, tmp_path):
    result = run_dkg("viz", "--out", str(seed_out), "--claim", "maxim-kuzminov--age--0000", cwd=tmp_path)
    assert result.returncode == 1
    assert "maxim-kuzminov--age--c95e55f3" in result.stderr
    result = run_dkg("viz", "--out", str(seed_out), "--outlet", "Newsweak Weekly Gazette", cwd=tmp_path)
    assert result.returncode == 1 and "no " in result.stderr


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_static_views(seed_out, tmp_path, fmt):
    target = tmp_path / f"v.{fmt}"
    result = run_dkg("viz", "--out", str(seed_out), "--outlet", "newsweek", "--format", fmt, "-o", str(target))
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    if fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    else:
        assert b"<svg" in data and b"Newsweek" in data


def synthetic_graph(n: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    types = ["Person", "Claim", "SourceDocument", "Outlet", "MilitaryUnit"]
    for i in range(n):
        G.add_node(f"n{i}", type=types[i % len(types)], label=f"node {i}")
    for i in range(1, n):
        G.add_edge(f"n{i}", f"n{(i * 7919) % i}", label="subject")
    return G


def test_ten_thousand_node_page_is_written(tmp_path):
    """No timing assertion here (dkg bench measures it); the page must simply be complete."""
    G = synthetic_graph(10_000)
    started = time.perf_counter()
    viz.render_html(G, "10k", tmp_path / "big.html")
    print(f"10,000-node HTML written in {time.perf_counter() - started:.1f} s")
    page = (tmp_path / "big.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == 10_000 and len(data["edges"]) == 9_999
