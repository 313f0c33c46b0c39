"""Interactive HTML and static PNG/SVG pictures of a networkx graph.

The HTML page is one self-contained file a reader can open anywhere, offline: vis-network's
script and stylesheet (the copies bundled in the pyvis package) are inlined, and nothing else
is loaded or written. pyvis's own writer is not used because it falls short three ways: its
template loads Bootstrap from a CDN (or copies a lib/ folder beside the page), it puts
tooltips in with innerHTML and prints the heading unescaped, and its add_edge scans every node
(quadratic). Here the page is written directly:

- data travels as JSON in a <script type="application/json"> block, with <, >, &, U+2028 and
  U+2029 escaped so no text can close the block; the page builds every label, tooltip and
  panel with textContent, so a quote such as `<img src=x onerror=...>` is shown, never run;
- positions are computed here (networkx's spring layout for small graphs, a grid-binned force
  layout for large ones) and physics is off, so a 5,000-node view opens still and usable;
- a legend shows each type's colour and shape and doubles as a type filter; a search box
  finds nodes by name or id; clicking a node shows its description in a side panel.
"""

from __future__ import annotations

import html
import json
import math
import os
from importlib import resources
from pathlib import Path
from typing import Callable

import networkx as nx
import numpy as np

# type -> (colour, vis shape); unknown types get colours from PALETTE.
STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#d62728", "dot"),
    "MilitaryUnit": ("#2ca02c", "hexagon"),
    "Organization": ("#9467bd", "square"),
    "Outlet": ("#ff7f0e", "star"),
    "SourceDocument": ("#1f77b4", "square"),
    "Document": ("#6baed6", "square"),
    "Claim": ("#bcbd22", "diamond"),
    "Place": ("#8c564b", "triangle"),
    "Event": ("#e377c2", "triangleDown"),
    "EquipmentType": ("#7f7f7f", "hexagon"),
    "AircraftType": ("#525252", "hexagon"),
    "EquipmentItem": ("#17becf", "hexagon"),
    "Aircraft": ("#0e7c86", "hexagon"),
}
PALETTE = ["#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"]
MARKERS = {"dot": "o", "hexagon": "h", "square": "s", "star": "*", "diamond": "D", "triangle": "^", "triangleDown": "v"}
SPRING_LIMIT = 1500  # above this, networkx's dense spring layout gets slow


def styles(G: nx.Graph) -> dict[str, tuple[str, str]]:
    """Colour and shape of every type present in G (known types first, in STYLE's order)."""
    present = {t for _, t in G.nodes(data="type", default="node")}
    out = {t: STYLE[t] for t in STYLE if t in present}
    for i, t in enumerate(sorted(present - set(out))):
        out[t] = (PALETTE[i % len(PALETTE)], "dot")
    return out


# ---- layout --------------------------------------------------------------------------------


def _edge_index(G: nx.Graph, index: dict) -> np.ndarray:
    pairs = [(index[u], index[v]) for u, v in G.edges() if u != v]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _spread_layout(n: int, edges: np.ndarray, iterations: int = 120, seed: int = 7) -> np.ndarray:
    """Force layout in O(nodes + edges) per step: springs along edges, and repulsion as a push
    down the gradient of a blurred node-density grid instead of all-pairs forces."""
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.uniform(-side, side, (n, 2))
    cells = max(8, int(side / 1.5))
    for step in range(iterations):
        temperature = side * 0.1 * (1 - step / iterations) + 0.05
        lo = pos.min(axis=0)
        span = np.maximum(pos.max(axis=0) - lo, 1e-9)
        cell = np.minimum(((pos - lo) / span * cells).astype(np.int64), cells - 1)
        density = np.zeros((cells + 4, cells + 4))
        np.add.at(density, (cell[:, 0] + 2, cell[:, 1] + 2), 1.0)
        for _ in range(2):  # box blur, 5x5
            density = sum(np.roll(np.roll(density, dx, 0), dy, 1) for dx in (-2, -1, 0, 1, 2) for dy in (-2, -1, 0, 1, 2)) / 25.0
        gx, gy = np.gradient(density)
        ci, cj = cell[:, 0] + 2, cell[:, 1] + 2
        push = -np.stack([gx[ci, cj], gy[ci, cj]], axis=1) * (cells / span) * 4.0
        push += rng.normal(0, 0.02, (n, 2))  # separates nodes sharing a cell
        if len(edges):
            d = pos[edges[:, 1]] - pos[edges[:, 0]]
            dist = np.linalg.norm(d, axis=1, keepdims=True)
            pull = d * dist / 4.0
            np.add.at(push, edges[:, 0], pull)
            np.add.at(push, edges[:, 1], -pull)
        push -= pos * 0.002  # gentle gravity keeps islands in view
        length = np.maximum(np.linalg.norm(push, axis=1, keepdims=True), 1e-9)
        pos += push / length * np.minimum(length, temperature)
    return pos


def _component_layout(U: nx.Graph, members: list, seed: int) -> np.ndarray:
    """Positions of one connected component, in pixels, centred on the origin."""
    k = len(members)
    if k == 1:
        return np.zeros((1, 2))
    if k <= SPRING_LIMIT:
        raw = nx.spring_layout(U.subgraph(members), seed=seed, iterations=80)
        pos = np.array([raw[v] for v in members]).reshape(-1, 2) * (55 * math.sqrt(k) + 40)
    else:
        index = {v: i for i, v in enumerate(members)}
        pos = _spread_layout(k, _edge_index(U.subgraph(members), index), seed=seed) * 60
    return pos - (pos.max(axis=0) + pos.min(axis=0)) / 2


def layout(G: nx.Graph, seed: int = 7, gap: float = 90.0) -> dict:
    """Positions in screen pixels, deterministic for a given graph. Each connected component
    is laid out on its own and the components are packed in rows, largest first, so that
    isolated nodes neither fly off to the edges nor squeeze the main component to a dot."""
    nodes = list(G)
    if not nodes:
        return {}
    U = nx.Graph()
    U.add_nodes_from(nodes)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    order = {v: i for i, v in enumerate(nodes)}
    components = sorted((sorted(c, key=order.__getitem__) for c in nx.connected_components(U)), key=lambda c: (-len(c), order[c[0]]))
    pieces = [(members, _component_layout(U, members, seed)) for members in components]
    sizes = [(p.max(axis=0) - p.min(axis=0)) + gap for _, p in pieces]
    row_width = max(max(w for w, _ in sizes), math.sqrt(sum(w * h for w, h in sizes)) * 1.3)
    out: dict = {}
    x = y = row_height = 0.0
    for (members, pos), (w, h) in zip(pieces, sizes):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        shifted = pos + np.array([x + w / 2, y + h / 2])
        for v, (px, py) in zip(members, shifted):
            out[v] = (float(px), float(py))
        x += w
        row_height = max(row_height, h)
    return out


# ---- HTML ----------------------------------------------------------------------------------


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # Inlined code must not be able to end its own <script>/<style> element.
    if "</script" in js.lower() or "<!--" in js or "</style" in css.lower():
        raise RuntimeError("bundled vis-network cannot be inlined safely")
    return js, css


def script_json(value) -> str:
    """JSON safe inside a <script> element: nothing in it can close the element or start
    markup, and the line separators old parsers choke on are escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def plain_lines(G: nx.Graph, n) -> list[str]:
    """Fallback description: label, type and the node's other attributes."""
    a = G.nodes[n]
    lines = [str(a.get("label", n)), f"{a.get('type', 'node')} · {n}"]
    lines += [f"{k}: {v}" for k, v in sorted(a.items()) if k not in ("label", "type")]
    return lines


def edge_lines(data: dict) -> list[str] | None:
    extra = [f"{k}: {v}" for k, v in sorted(data.items()) if k not in ("label", "appearance", "id") and v not in (None, "")]
    return [str(data.get("label", ""))] + extra if extra else None


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def page_data(G: nx.Graph, positions: dict | None = None, describe: Callable | None = None) -> dict:
    """The JSON the page reads: compact rows, so a 10,000-node view stays a few megabytes."""
    describe = describe or plain_lines
    positions = positions or layout(G)
    kinds = styles(G)
    type_names = list(kinds)
    type_index = {t: i for i, t in enumerate(type_names)}
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    degree = dict(G.degree())
    node_rows = []
    for v in nodes:
        a = G.nodes[v]
        label = str(a.get("label", v))
        x, y = positions[v]
        size = 7 if a.get("type") == "Claim" else 10 + 2 * math.sqrt(min(degree[v], 100))
        node_rows.append([str(v), _short(label), type_index[a.get("type", "node")], round(x, 1), round(y, 1), round(size, 1), describe(G, v)])
    edge_rows = []
    for u, v, d in G.edges(data=True):
        edge_rows.append([index[u], index[v], str(d.get("label", "")), edge_lines(d)])
    return {
        "types": [[t, kinds[t][0], kinds[t][1]] for t in type_names],
        "nodes": node_rows,
        "edges": edge_rows,
    }


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{vis_css}</style>
<style>
html, body {{ margin: 0; height: 100%; font: 14px/1.4 system-ui, sans-serif; color: #222; }}
body {{ display: grid; grid-template-columns: 300px 1fr; grid-template-rows: auto 1fr; height: 100vh; }}
header {{ grid-column: 1 / 3; padding: 6px 12px; border-bottom: 1px solid #ddd; }}
header h1 {{ font-size: 17px; margin: 0; display: inline; }}
header span {{ color: #666; margin-left: 1em; }}
aside {{ min-height: 0; overflow: auto; padding: 8px 12px; border-right: 1px solid #ddd; }}
aside h2 {{ font-size: 13px; text-transform: uppercase; color: #666; margin: 12px 0 4px; }}
#graph {{ position: relative; min-width: 0; min-height: 0; overflow: hidden; }}
#search {{ width: 100%; box-sizing: border-box; padding: 4px; }}
#legend label {{ display: flex; align-items: center; gap: 6px; cursor: pointer; }}
#legend svg {{ flex: none; }}
#details div {{ white-space: pre-wrap; word-break: break-word; }}
#details div:first-child, .tip div:first-child {{ font-weight: bold; }}
.tip {{ max-width: 480px; white-space: pre-wrap; font-size: 12px; }}
</style>
</head>
<body>
<header><h1>{title}</h1><span id="counts">{counts}</span></header>
<aside>
<h2>Search</h2>
<input id="search" type="search" placeholder="name or id" autocomplete="off">
<div id="matches"></div>
<h2>Types (click to show or hide)</h2>
<div id="legend"></div>
<h2>Details</h2>
<div id="details">Point at or click a node or edge.</div>
</aside>
<div id="graph"></div>
<script type="application/json" id="graph-data">{data}</script>
<script>{vis_js}</script>
<script>
"use strict";
(function () {{
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const types = data.types;
  const lines = (rows) => {{
    const box = document.createElement("div");
    box.className = "tip";
    for (const row of rows) {{ const d = document.createElement("div"); d.textContent = row; box.appendChild(d); }}
    return box;
  }};
  const big = data.nodes.length > 2000;
  const nodes = new vis.DataSet(data.nodes.map((r) => ({{
    id: r[0], label: r[1], x: r[3], y: r[4], size: r[5], shape: types[r[2]][2],
    color: types[r[2]][1], title: lines(r[6]), dkgType: types[r[2]][0], dkgLines: r[6],
  }})));
  const edges = new vis.DataSet(data.edges.map((r, i) => ({{
    id: i, from: data.nodes[r[0]][0], to: data.nodes[r[1]][0], label: r[2],
    title: r[3] ? lines(r[3]) : undefined, dkgLines: r[3] || [r[2]],
  }})));
  const network = new vis.Network(document.getElementById("graph"), {{ nodes, edges }}, {{
    physics: {{ enabled: false }},
    layout: {{ improvedLayout: false }},
    nodes: {{ font: {{ size: 12 }}, borderWidth: 1 }},
    edges: {{ arrows: {{ to: {{ enabled: true, scaleFactor: 0.4 }} }}, color: {{ color: "#aaa", highlight: "#333" }},
             font: {{ size: 9, color: "#555", strokeWidth: 2 }}, smooth: false, width: 0.7 }},
    interaction: {{ hover: true, tooltipDelay: 80, hideEdgesOnDrag: big, hideEdgesOnZoom: big }},
  }});
  const details = document.getElementById("details");
  const show = (rows) => details.replaceChildren(...rows.map((t) => {{ const d = document.createElement("div"); d.textContent = t; return d; }}));
  network.on("click", (p) => {{
    if (p.nodes.length) show(nodes.get(p.nodes[0]).dkgLines);
    else if (p.edges.length) show(edges.get(p.edges[0]).dkgLines);
  }});
  network.on("hoverNode", (p) => show(nodes.get(p.node).dkgLines));

  const hiddenTypes = new Set();
  const legend = document.getElementById("legend");
  const svgNS = "http://www.w3.org/2000/svg";
  const marks = {{ dot: ["circle", {{ cx: 8, cy: 8, r: 6 }}], square: ["rect", {{ x: 2, y: 2, width: 12, height: 12 }}],
    diamond: ["path", {{ d: "M8 1 15 8 8 15 1 8z" }}], triangle: ["path", {{ d: "M8 1 15 15 1 15z" }}],
    triangleDown: ["path", {{ d: "M1 1 15 1 8 15z" }}], star: ["path", {{ d: "M8 1 10 6 15 6 11 9 13 15 8 11 3 15 5 9 1 6 6 6z" }}],
    hexagon: ["path", {{ d: "M4 1 12 1 15 8 12 15 4 15 1 8z" }}] }};
  const icon = (shape, colour) => {{
    const svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16");
    const [tag, attrs] = marks[shape] || marks.dot;
    const mark = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs)) mark.setAttribute(k, String(v));
    mark.setAttribute("fill", colour);
    svg.appendChild(mark);
    return svg;
  }};
  const counts = {{}};
  data.nodes.forEach((r) => {{ counts[r[2]] = (counts[r[2]] || 0) + 1; }});
  types.forEach(([name, colour, shape], i) => {{
    const row = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.dataset.type = name;
    const text = document.createElement("span");
    text.textContent = name + " (" + (counts[i] || 0) + ")";
    row.append(box, icon(shape, colour), text);
    legend.appendChild(row);
    box.addEventListener("change", () => {{
      if (box.checked) hiddenTypes.delete(name); else hiddenTypes.add(name);
      nodes.update(nodes.get().map((n) => ({{ id: n.id, hidden: hiddenTypes.has(n.dkgType) }})));
    }});
  }});

  const search = document.getElementById("search");
  const matches = document.getElementById("matches");
  search.addEventListener("input", () => {{
    const q = search.value.trim().toLowerCase();
    if (!q) {{ network.unselectAll(); matches.textContent = ""; return; }}
    const found = nodes.getIds({{ filter: (n) => !n.hidden && (n.id.toLowerCase().includes(q) || n.dkgLines[0].toLowerCase().includes(q)) }});
    matches.textContent = found.length + " match(es)";
    network.selectNodes(found);
    if (found.length) network.fit({{ nodes: found.slice(0, 200), animation: false }});
    if (found.length === 1) show(nodes.get(found[0]).dkgLines);
  }});
  window.dkg = {{ network, nodes, edges }};
}})();
</script>
</body>
</html>
"""


def render_html(G: nx.Graph, title: str, path: str | Path, positions: dict | None = None, describe: Callable | None = None) -> Path:
    """Write G as one self-contained, offline HTML page at `path` (nothing else is written)."""
    path = Path(path)
    js, css = _vis_assets()
    data = page_data(G, positions, describe)
    counts = f"{G.number_of_nodes():,} nodes · {G.number_of_edges():,} edges"
    text = _PAGE.format(
        title=html.escape(title),
        counts=html.escape(counts),
        vis_css=css,
        vis_js=js,
        data=script_json(data),
    )
    _write(path, text.encode("utf-8"))
    return path


def _write(path: Path, payload: bytes) -> None:
    tmp = path.with_name(path.name + ".partial")
    tmp.write_bytes(payload)
    os.replace(tmp, path)


# ---- static pictures -----------------------------------------------------------------------


def _plain(text: str) -> str:
    """Matplotlib reads $...$ as mathematics; data is shown as typed."""
    return text.replace("\\", "\\\\").replace("$", r"\$")


def render_static(G: nx.Graph, title: str, path: str | Path, fmt: str = "png", positions: dict | None = None) -> Path:
    """A PNG or SVG of G for reports: same colours and shapes as the HTML page, a legend,
    labels when the graph is small enough to read them."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    path = Path(path)
    positions = positions or layout(G)
    kinds = styles(G)
    n = G.number_of_nodes()
    inches = min(8 + n / 40, 30)
    fig, ax = plt.subplots(figsize=(inches, inches * 0.75), dpi=100)
    try:
        # vis draws y downwards; flip so the picture matches the page.
        xy = {v: (x, -y) for v, (x, y) in positions.items()}
        segments = [(xy[u], xy[v]) for u, v in G.edges() if u != v]
        ax.add_collection(LineCollection(segments, colors="#aaaaaa", linewidths=0.5, zorder=1))
        for t, (colour, shape) in kinds.items():
            members = [v for v, kind in G.nodes(data="type", default="node") if kind == t]
            if members:
                pts = np.array([xy[v] for v in members])
                ax.scatter(pts[:, 0], pts[:, 1], s=40 if n < 300 else 8, c=colour, marker=MARKERS.get(shape, "o"), label=f"{t} ({len(members)})", zorder=2, edgecolors="none")
        if n <= 150:
            for v, (x, y) in xy.items():
                ax.annotate(_plain(_short(str(G.nodes[v].get("label", v)), 40)), (x, y), fontsize=6, xytext=(4, 4), textcoords="offset points", zorder=3)
        if G.number_of_edges() <= 80:
            for u, v, d in G.edges(data=True):
                if u != v:
                    (x1, y1), (x2, y2) = xy[u], xy[v]
                    ax.text((x1 + x2) / 2, (y1 + y2) / 2, _plain(str(d.get("label", ""))), fontsize=5, color="#666", ha="center", zorder=3)
        ax.set_title(_plain(title))
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
        ax.set_axis_off()
        ax.autoscale()
        ax.margins(0.05)
        fig.tight_layout()
        metadata = {"Date": None} if fmt == "svg" else {}
        tmp = path.with_name(path.name + ".partial")
        fig.savefig(tmp, format=fmt, metadata=metadata)
        os.replace(tmp, path)
    finally:
        plt.close(fig)
    return path
