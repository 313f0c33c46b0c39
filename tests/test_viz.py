"""The networkx projection (dkg.queries.graphview), the reader views cut from it
(dkg.queries.readerviews) and the HTML, PNG and SVG files (dkg.graph.viz), checked as data and
files; the browser tests are in test_viz_browser.py."""

from __future__ import annotations

import json
import re
import textwrap
import time
from pathlib import Path

import networkx as nx
import pytest

from dkg.graph import viz
from dkg.graph.build import build
from dkg.graph.store import OxigraphStore
from dkg.queries import graphview as nxview
from dkg.queries import readerviews
from dkg.schema.fold import skeleton

from .conftest import run_dkg

HOSTILE_QUOTE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'
HOSTILE_NAME = "Evil <b onmouseover=alert(3)>href=\"javascript:alert(4)\"</b> & co"


@pytest.fixture(scope="module")
def seed_graph(seed_store):
    return nxview.project(seed_store)


@pytest.fixture(scope="module")
def seed_names(seed_store):
    return nxview.known_names(seed_store)


AGE = "maxim-kuzminov--age--c95e55f3"
SERVED = "maxim-kuzminov--served_in--910e3967"
OTHER_AGE = "dmitry-mishov--age--38b15309"
CODE_NAME = re.compile(r"\b[a-z]+[A-Z][A-Za-z]*\b")  # reportedIn, attributedTo, servedIn ...


def disputed_quads(seed_store) -> bytes:
    """The seed graph plus what the disagreements work will add: a standing, a stance and a
    comparison, in the terms the views read."""
    D, C = "https://w3id.org/dkg/ontology#", "http://purl.org/spar/cito/"
    ID, G = "https://w3id.org/dkg/id/", "https://w3id.org/dkg/graph/"
    claims = f"<{G}claims>"
    extra = [
        f"<{ID}claim/{SERVED}> <{D}standing> <{D}Contested> {claims} .",
        f"<{ID}stance-test> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{D}Stance> <{G}001_03936b38e0261b39> .",
        f"<{ID}stance-test> <{D}target> <{ID}claim/{AGE}> <{G}001_03936b38e0261b39> .",
        f"<{ID}stance-test> <{D}stanceKind> <{C}disputes> <{G}001_03936b38e0261b39> .",
        f"<{ID}stance-test> <{D}document> <{ID}001_03936b38e0261b39> <{G}001_03936b38e0261b39> .",
        f"<{ID}stance-test> <http://www.w3.org/ns/prov#wasAttributedTo> <{ID}kyiv-independent> <{G}001_03936b38e0261b39> .",
        f'<{ID}stance-test> <{D}quote> "we could not confirm his age" <{G}001_03936b38e0261b39> .',
        f"<{ID}cmp-test> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{D}Comparison> {claims} .",
        f"<{ID}cmp-test> <{D}left> <{ID}claim/{AGE}> {claims} .",
        f"<{ID}cmp-test> <{D}right> <{ID}claim/{OTHER_AGE}> {claims} .",
        f"<{ID}cmp-test> <{D}verdict> <{D}ApparentDisagreement> {claims} .",
        f"<{ID}cmp-test> <{D}reason> <{D}DifferentTime> {claims} .",
        f'<{ID}cmp-test> <http://www.w3.org/2000/01/rdf-schema#comment> "ages stated in different years" {claims} .',
    ]
    return (seed_store.dump_nquads() + "\n".join(extra) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def disputed_graph(seed_store):
    store = OxigraphStore(None)
    store.bulk_load(disputed_quads(seed_store))
    return nxview.project(store)


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


def edge_labels(V) -> list[str]:
    return [d["label"] for _, _, d in V.edges(data=True)]


def test_relations_view_folds_claims_into_labelled_edges(seed_graph, seed_names):
    view = readerviews.relations_view(seed_graph, "maxim-kuzminov", 1, seed_names)
    V = view.graph
    rel = {(u, v): d for u, v, d in V.edges(data=True) if V.nodes[u]["type"] != "Claim"}
    assert rel[("maxim-kuzminov", "319th-helicopter-regiment")]["label"] == "served in"
    assert rel[("maxim-kuzminov", "kuzminov-mi-8")]["label"] == "defected with"
    events = [v for (u, v), d in rel.items() if d["label"] == "took part in" and u == "maxim-kuzminov"]
    assert events and all(V.nodes[e]["type"] == "Event" for e in events)
    assert any(d["label"].startswith("reported by · ") for d in rel.values())
    # the claims are folded into the edge: its details hold the sources and their quotes
    served = rel[("maxim-kuzminov", "319th-helicopter-regiment")]
    assert served["claims"] == SERVED and served["dashes"] is True  # one independent origin
    assert any(line.startswith("   “") for line in served["lines"])
    assert "from a party to the war" in served["badges"]
    # claim nodes exist for who asks, hidden by default; no code names on any edge
    assert view.hidden_types == {"Claim"} and SERVED in V
    assert not [lab for lab in edge_labels(V) if CODE_NAME.search(lab)]
    # what names no other entity (age, role) is listed in the centre's details
    assert any("age: 28 year" in line for line in V.nodes["maxim-kuzminov"]["lines"])
    assert skeleton("Maksim Kuzminov") in V.nodes["maxim-kuzminov"]["keys"]


def test_flow_view_hangs_each_attribution_off_its_appearance(seed_graph, seed_names):
    view = readerviews.flow_view(seed_graph, AGE, seed_names)
    V = view.graph
    said = {(u, v) for u, v, d in V.edges(data=True) if d["label"].startswith("said")}
    assert said == {("said:000_9dcf5df62fe0ca39:hur", "000_9dcf5df62fe0ca39"), ("said:001_03936b38e0261b39:kyiv-independent", "001_03936b38e0261b39")}
    assert V.nodes["said:000_9dcf5df62fe0ca39:hur"]["label"] == "HUR"  # the short name a reader knows
    labels = {(u, v): d["label"] for u, v, d in V.edges(data=True)}
    assert labels[(AGE, "000_9dcf5df62fe0ca39")] == "reported in"
    assert labels[("001_03936b38e0261b39", "kyiv-independent-report-kuzminov-reward")] == "cites"
    assert {"origin:hur", "origin:kyiv-independent"} <= set(V)
    # left to right: origins, cited document, carrying documents, the claim
    x = {n: p[0] for n, p in view.positions.items()}
    assert x["origin:hur"] < x["kyiv-independent-report-kuzminov-reward"] < x["001_03936b38e0261b39"] < x[AGE]
    assert "from a party to the war" in V.nodes["000_9dcf5df62fe0ca39"]["badges"]
    assert view.header[0]["text"].startswith("2 independent origins")
    assert not [lab for lab in labels.values() if CODE_NAME.search(lab)]


def test_sources_view_shows_articles_resting_on_one_agency(seed_graph, seed_names):
    view = readerviews.sources_view(seed_graph, seed_names)
    V = view.graph
    relying = {u for u, v in V.in_edges("origin:hur")}
    assert len(relying) == 3 and all(V.nodes[d]["type"] == "SourceDocument" for d in relying)
    weights = [d["claims"] for _, _, d in V.in_edges("origin:hur", data=True)]
    assert sum(weights) == 28 and all(d["label"].startswith("relies on: ") for _, _, d in V.in_edges("origin:hur", data=True))
    # the node and the header name HUR alike: it was "DIU" on the node, the full name alone above
    assert V.nodes["origin:hur"]["label"] == "HUR"
    assert "Main Intelligence Directorate of the Ukrainian Defence Ministry (HUR) (28 claim appearances" in view.header[0]["text"]


def test_contested_and_disagreeing_claims_are_marked(disputed_graph, seed_graph, seed_names):
    G = disputed_graph
    assert G.nodes[SERVED]["standing"] == "Contested"
    rel = readerviews.relations_view(G, "maxim-kuzminov", 1, seed_names).graph
    served = rel.get_edge_data("maxim-kuzminov", "319th-helicopter-regiment")[0]
    assert served["tone"] == "contested" and "contested" in served["badges"]
    flow = readerviews.flow_view(G, AGE, seed_names)
    V = flow.graph
    assert "The Kyiv Independent disputes" in V.nodes[AGE]["badges"] and "disagreement" in V.nodes[AGE]["badges"]
    other = V.get_edge_data(AGE, OTHER_AGE)[0]
    assert other["label"] == "seems to disagree with (different time)" and other["tone"] == "contested"
    assert any(h.get("node") == OTHER_AGE for h in flow.header)
    assert "disagreement" in readerviews.flow_view(G, OTHER_AGE, seed_names).graph.nodes[OTHER_AGE]["badges"]
    # the seed graph, without that data, carries no such mark
    seed_flow = readerviews.flow_view(seed_graph, AGE, seed_names).graph
    assert seed_flow.nodes[AGE]["badges"] == ["from a party to the war"] and OTHER_AGE not in seed_flow


def test_whole_view_is_entities_with_communities(seed_graph, seed_names):
    view = readerviews.whole_view(seed_graph, seed_names)
    V = view.graph
    assert {t for _, t in V.nodes(data="type")} <= readerviews.ENTITY_TYPES
    assert all("community" in a for _, a in V.nodes(data=True))
    assert V.has_edge("maxim-kuzminov", "319th-helicopter-regiment")
    assert not [lab for lab in edge_labels(V) if CODE_NAME.search(lab)]


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


def test_static_picture_is_legible(seed_out, tmp_path):
    """Title whole, key beside the picture (right of every label), no text under 9 pt."""
    target = tmp_path / "k.svg"
    result = run_dkg("viz", "--out", str(seed_out), "--focus", "maxim-kuzminov", "--format", "svg", "-o", str(target))
    assert result.returncode == 0, result.stderr
    svg = target.read_text(encoding="utf-8")
    texts = re.findall(r'<text style="[^"]*?font-size: ([0-9.]+)px;[^"]*" x="([0-9.-]+)" y="[0-9.-]+"[^>]*>(.*?)</text>', svg, re.S)
    assert texts and min(float(size) for size, _, _ in texts) >= 9
    words = " ".join(re.sub(r"<[^>]+>", " ", body) for _, _, body in texts)
    assert "Maxim Kuzminov: relations and who reported them" in " ".join(words.split())
    key_x = min(float(x) for _, x, body in texts if "Person (1)" in body)
    label_x = max(float(x) for _, x, body in texts if "319th helicopter regiment" in body or "Ukraine" == body.strip())
    assert key_x > label_x + 40


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


# ------------------------------------------------------------------ issue 26: the outlet view and page links


def test_outlet_view_names_who_said_how_much_about_what(seed_graph, seed_names):
    view = readerviews.outlet_view(seed_graph, "newsweek", seed_names)
    V = view.graph
    assert not [n for n, a in V.nodes(data=True) if a["type"] == "Claim"], "claims are folded into the edges"
    labels = {n: a["label"] for n, a in V.nodes(data=True)}
    assert labels["hur"].split("\n") == ["HUR", "said: 7 claims"]
    assert labels["newsweek"].split("\n") == ["Newsweek", "in its own voice: 18 claims"]
    assert "3 claims ⚑ hedged" in labels["southern-military-district"]
    # every claim appearance the outlet carried is behind exactly one speaker edge
    said = [d for _u, _v, d in V.edges(data=True) if d["lines"][0].split(",")[0].endswith(("said", "in its own voice"))]
    assert sum(len(d["lines"]) - 1 for d in said) == 35
    assert view.header[0]["text"].startswith("1 document · 35 claim appearances")
    assert not [t for t in labels.values() if re.search(r"\b[a-z0-9]+(-[a-z0-9]+){2,}\b", t)], "no slug is a label"


def test_outlet_view_groups_what_it_cannot_name(seed_graph, seed_names, monkeypatch):
    monkeypatch.setattr(readerviews, "GROUP_AFTER", 3)
    V = readerviews.outlet_view(seed_graph, "newsweek", seed_names).graph
    groups = {n: a for n, a in V.nodes(data=True) if a["type"] == "Group"}
    assert set(groups) == {"group:speakers", "group:subjects"}
    speakers = groups["group:speakers"]
    assert speakers["label"].startswith("3 other speakers") and len(speakers["lines"]) == 4
    assert len([n for n in V if V.nodes[n]["type"] != "Group" and V.in_degree(n) == 0 and V.out_degree(n) > 0 and n != "newsweek"]) <= 3 + 4


def test_nodes_link_to_their_pages_only_when_asked(seed_graph, seed_names):
    view = readerviews.flow_view(seed_graph, AGE, seed_names)
    plain = viz.page_data(view.graph, view.positions)
    assert plain["pages"] is None and not [r for r in plain["nodes"] if "p" in r]
    linked = viz.page_data(view.graph, view.positions, pages=viz.pages_base("http://127.0.0.1:8000"))
    paths = {r["i"]: r.get("p") for r in linked["nodes"]}
    assert linked["pages"] == {"base": "http://127.0.0.1:8000/", "suffix": ""}
    assert paths[AGE] == f"id/claim/{AGE}" and paths["said:000_9dcf5df62fe0ca39:hur"] == "id/hur" and paths["origin:hur"] == "id/hur"
    assert viz.pages_base("site") == ("site/", ".html")
    with pytest.raises(Exception) as refused:
        viz.pages_base("javascript:alert(1)//")
    assert "dkg serve" in str(refused.value)


def _static_views(seed_graph, seed_names):
    from dkg.queries.resolve import claim_index  # noqa: F401  (the keys come from the graph)

    shoigu = next(n for n, a in seed_graph.nodes(data=True) if a.get("type") == "Claim" and str(a.get("value", "")).endswith("6,000 person"))
    yield "flow-shoigu", readerviews.flow_view(seed_graph, shoigu, seed_names)
    yield "flow-age", readerviews.flow_view(seed_graph, AGE, seed_names)
    yield "sources", readerviews.sources_view(seed_graph, seed_names)
    yield "outlet-newsweek", readerviews.outlet_view(seed_graph, "newsweek", seed_names)
    yield "relations-kuzminov", readerviews.relations_view(seed_graph, "maxim-kuzminov", 1, seed_names)


def test_static_views_have_no_overlapping_or_clipped_labels(seed_graph, seed_names, tmp_path):
    """Every label of the PNG/SVG views measured with matplotlib's renderer: none overlaps
    another, none is cut off by the figure's edge or runs into the key."""
    import matplotlib.pyplot as plt

    for name, view in _static_views(seed_graph, seed_names):
        fig, texts = viz.static_figure(view.graph, view.title, view.positions, view.header, view.hidden_types)
        try:
            boxes = viz.label_boxes(fig, texts)
            W, H = fig.bbox.width, fig.bbox.height
            key = fig.axes[1].get_window_extent(fig.canvas.get_renderer())
            legend = fig.axes[1].get_legend().get_window_extent(fig.canvas.get_renderer())
            assert boxes, name
            for text, (x0, y0, x1, y1) in boxes:
                assert x0 >= 0 and y0 >= 0 and x1 <= W and y1 <= H, (name, text, "clipped")
                assert not (min(x1, legend.x1) > max(x0, legend.x0) and min(y1, legend.y1) > max(y0, legend.y0)), (name, text, "over the key")
            pairs = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:] if viz._overlap(a[1], b[1])]
            print(f"{name}: {len(boxes)} labels, {len(pairs)} overlapping, {len([t for t in texts if not t.get_visible()])} edge label(s) left out")
            assert pairs == [], (name, pairs)
            del key
        finally:
            plt.close(fig)
        artifacts = Path(__file__).resolve().parent.parent / "out" / "test-artifacts"
        artifacts.mkdir(parents=True, exist_ok=True)
        viz.render_static(view.graph, view.title, artifacts / f"static-{name}.png", positions=view.positions, header=view.header, hidden_types=view.hidden_types)
    # and the file is written from the same figure
    out = viz.render_static(view.graph, view.title, tmp_path / "v.svg", fmt="svg", positions=view.positions, header=view.header)
    assert "<text" in out.read_text(encoding="utf-8")
