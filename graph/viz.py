"""Interactive HTML and static PNG/SVG pictures of a networkx graph.

The HTML page is one self-contained file a reader can open anywhere, offline: vis-network's
script and stylesheet (the copies bundled in the pyvis package, whose licence travels with that
package) and the page's own pages/view.html, view.css and view.js are inlined, and nothing else
is loaded or written. pyvis's own writer is not used because it falls short three ways: its
template loads Bootstrap from a CDN (or copies a lib/ folder beside the page), it puts
tooltips in with innerHTML and prints the heading unescaped, and its add_edge scans every node
(quadratic). Here the page is written directly:

- data travels as JSON in a <script type="application/json"> block, with <, >, &, U+2028 and
  U+2029 escaped so no text can close the block; the page builds every label, detail and
  search result with textContent, so a quote such as `<img src=x onerror=...>` is shown, never
  run; the content security policy forbids every request;
- positions come from the view (the flows and relations lay themselves out) or are computed
  here (networkx's spring layout for small graphs, a grid-binned force layout for large ones);
  physics is off, so a 10,000-node view opens still and usable;
- the page draws a label only where it fits at the current zoom, keeps a clicked node's
  details in the side panel while pointing previews others, and searches names with the same
  folding as `dkg find` (dkg.schema.fold), the keys precomputed here.

What the nodes and edges mean and say is the views' business (dkg.queries.readerviews); this
module reads only these attributes: nodes `label`, `type`, `lines`, `badges`, `keys`,
`community`, `shape`, `size`; edges `label`, `lines`, `badges`, `width`, `dashes`, `tone`.
"""

from __future__ import annotations

import html
import io
import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import Callable

import networkx as nx
import numpy as np

from ..schema.files import atomic_write

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
    "Origin": ("#37474f", "dot"),
}
COMMUNITY_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#393b79", "#637939", "#843c39"]
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
        pos = np.array([raw[v] for v in members]).reshape(-1, 2) * (90 * math.sqrt(k) + 60)
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

PAGES = resources.files("dkg.graph") / "pages"
TYPE_NAMES = {
    "MilitaryUnit": "Military unit",
    "SourceDocument": "Source document",
    "AircraftType": "Aircraft type",
    "EquipmentType": "Equipment type",
    "EquipmentItem": "Equipment item",
    "Origin": "Origin (where a claim first came from)",
}
TONES = {"contested": ("#c62828", "contested or disagreeing"), "hedged": ("#d98200", "hedged (not verified, from a party to the war, ...)")}


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def _inline(kind: str, text: str) -> str:
    """Text for an inline <script> or <style>: refused if it could end its own element."""
    lowered = text.lower()
    if f"</{kind}" in lowered or "<!--" in text:
        raise RuntimeError(f"text cannot be inlined safely in a <{kind}> element")
    return text


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
    lines += [f"{k}: {v}" for k, v in sorted(a.items()) if k not in ("label", "type") and isinstance(v, (str, int, float))]
    return lines


def edge_lines(data: dict) -> list[str]:
    """An edge's tooltip when its view gave none: its label, then its other plain attributes."""
    extra = [f"{k}: {v}" for k, v in sorted(data.items()) if k not in ("label", "appearance", "id") and isinstance(v, (str, int, float)) and v not in (None, "")]
    return [str(data.get("label", ""))] + extra


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label_text(label) -> str:
    """A node's label as drawn: each line cut at 60 characters, at most 8 lines (views wrap
    their labels themselves; this only bounds what a view did not)."""
    lines = str(label).split("\n")
    return "\n".join(_short(line, 60) for line in lines[:8]) + ("\n…" if len(lines) > 8 else "")


def with_badges(label: str, badges: list[str], limit: int = 2, per_line: bool = False) -> str:
    """A label with its badges (⚑) below it, so a reader sees them without hovering: on one
    line, or one per line for the boxes of a flow."""
    if not badges:
        return label
    shown = list(badges[:limit]) + ([f"+{len(badges) - limit} more"] if len(badges) > limit else [])
    if per_line:
        shown = [_short(b, 44) for b in shown]
    return f"{label}\n⚑ " + ("\n⚑ " if per_line else " · ").join(shown)


_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*(/[A-Za-z0-9_.\-]+)*$")
# node ids a view derives from a projection node: the page is that node's
_DERIVED = (re.compile(r"^(?:said|stance):[^:]+:(?P<slug>[^:]+)$"), re.compile(r"^origin:(?P<slug>.+)$"))


def page_path(node, attrs: dict) -> str | None:
    """The path of a node's page below the pages' root (id/<slug> or id/claim/<key>), or None
    for a node that has none (an unknown origin, a group). A view may name it (`page`)."""
    if "page" in attrs:
        return attrs["page"]
    slug = str(node)
    for pattern in _DERIVED:
        m = pattern.match(slug)
        if m:
            slug = m.group("slug")
            break
    if slug == "unknown" or not _SLUG.match(slug):
        return None
    from urllib.parse import quote

    return ("id/claim/" if attrs.get("type") == "Claim" or "--" in slug else "id/") + quote(slug, safe="/")


def pages_base(base: str) -> tuple[str, str]:
    """(base, suffix) for `dkg viz --pages`: a server's address links extensionless pages, a
    folder (a `dkg site`) its .html files. Only http(s) addresses and relative or absolute
    paths are accepted, so a link can never run a script."""
    from ..schema.errors import UnusableInput

    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:", base) and not re.match(r"^https?://", base):
        raise UnusableInput(f"--pages {base!r}: give the address of dkg serve (http://...) or the folder dkg site wrote")
    server = base.startswith(("http://", "https://"))
    base = base if base.endswith("/") else base + "/"
    return base, "" if server else ".html"


def page_data(G: nx.Graph, positions: dict | None = None, describe: Callable | None = None, header: list | None = None, hidden_types=(), pages: tuple[str, str] | None = None) -> dict:
    """The JSON the page reads: short keys, so a 10,000-node view stays a few megabytes.
    `pages`: (base, suffix) of the pages nodes link to, e.g. ("http://127.0.0.1:8000/", "")
    for `dkg serve` or ("../", ".html") for a view inside a `dkg site` folder; None: no links."""
    from ..schema.fold import SKELETON_RULES

    describe = describe or plain_lines
    free = positions is None
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
        x, y = positions[v]
        size = a.get("size") or (7 if a.get("type") == "Claim" else 10 + 2 * math.sqrt(min(degree[v], 100)))
        row = {
            "i": str(v),
            "l": with_badges(_label_text(a.get("label", v)), a.get("badges") or [], 3, True),
            "t": type_index[a.get("type", "node")],
            "x": round(x, 1),
            "y": round(y, 1),
            "s": round(size, 1),
            "d": a.get("lines") or describe(G, v),
        }
        for key, attr in (("b", "badges"), ("k", "keys"), ("c", "community"), ("f", "shape")):
            if a.get(attr) not in (None, [], ""):
                row[key] = a[attr]
        if "k" not in row:
            row["k"] = [str(a.get("label", v)).lower(), str(v).lower()]
        if pages is not None:
            path = page_path(v, a)
            if path:
                row["p"] = path
        node_rows.append(row)
    edge_rows = []
    for u, v, d in G.edges(data=True):
        row = {"f": index[u], "t": index[v], "l": with_badges(str(d.get("label", "")), d.get("badges") or [], 1), "d": d.get("lines") or edge_lines(d)}
        if d.get("width"):
            row["w"] = round(float(d["width"]), 2)
        if d.get("dashes"):
            row["ds"] = 1
        if d.get("tone"):
            row["tone"] = d["tone"]
        if d.get("badges"):
            row["b"] = d["badges"]
        edge_rows.append(row)
    key = []
    if any(r.get("w", 1.2) > 2 for r in edge_rows):
        key.append(["more independent origins: thicker", "#8a8a8a", 0, 5])
    if any(r.get("ds") for r in edge_rows):
        key.append(["one origin only (or none known): dashed", "#8a8a8a", 1, 1.5])
    for tone, (colour, words) in TONES.items():
        if any(r.get("tone") == tone for r in edge_rows):
            key.append([words, colour, 0, 2.5])
    return {
        "types": [[t, kinds[t][0], kinds[t][1]] for t in type_names],
        "typeNames": {t: TYPE_NAMES.get(t, t) for t in type_names},
        "nodes": node_rows,
        "edges": edge_rows,
        "header": header or [],
        "hiddenTypes": sorted(hidden_types),
        "palette": COMMUNITY_PALETTE,
        "edgeKey": key,
        "fold": [[p.pattern, r] for p, r in SKELETON_RULES],
        "freeLabels": free,  # laid out here: labels keep their size on screen when zoomed out
        "pages": {"base": pages[0], "suffix": pages[1]} if pages is not None else None,
    }


def render_html(G: nx.Graph, title: str, path: str | Path, positions: dict | None = None, describe: Callable | None = None, header: list | None = None, hidden_types=(), pages: tuple[str, str] | None = None) -> Path:
    """Write G as one self-contained, offline HTML page at `path` (nothing else is written);
    with `pages`, each node links to its page (see page_data)."""
    path = Path(path)
    js, css = _vis_assets()
    data = page_data(G, positions, describe, header, hidden_types, pages)
    counts = f"{G.number_of_nodes():,} nodes · {G.number_of_edges():,} edges"
    parts = {
        "title": html.escape(title),
        "counts": html.escape(counts),
        "vis_css": _inline("style", css),
        "page_css": _inline("style", (PAGES / "view.css").read_text(encoding="utf-8")),
        "vis_js": _inline("script", js),
        "page_js": _inline("script", (PAGES / "view.js").read_text(encoding="utf-8")),
        "data": script_json(data),
    }
    template = (PAGES / "view.html").read_text(encoding="utf-8")
    # one pass, so nothing substituted is read again as a placeholder
    text = re.sub(r"@@(\w+)@@", lambda m: parts[m.group(1)], template)
    atomic_write(path, text.encode("utf-8"))
    return path


# ---- static pictures -----------------------------------------------------------------------


def _plain(text: str) -> str:
    """Matplotlib reads $...$ as mathematics; data is shown as typed."""
    return text.replace("\\", "\\\\").replace("$", r"\$")


def render_static(G: nx.Graph, title: str, path: str | Path, fmt: str = "png", positions: dict | None = None, header: list | None = None, hidden_types=()) -> Path:
    """A PNG or SVG of G for reports: the page's colours and shapes, the title whole (wrapped),
    the key beside the picture (never over it), and no text under 9 pt; labels are drawn when
    the view is small enough to read them, and none overlaps another or a node, or is cut off
    (measured with matplotlib's renderer, as the browser tests measure vis-network's boxes)."""
    path = Path(path)
    fig, _texts = static_figure(G, title, positions, header, hidden_types)
    try:
        metadata = {"Date": None} if fmt == "svg" else {}
        buf = io.BytesIO()
        import matplotlib.pyplot as plt

        with plt.rc_context({"svg.fonttype": "none"}):  # SVG text stays text (searchable, its size checkable)
            fig.savefig(buf, format=fmt, metadata=metadata)
        atomic_write(path, buf.getvalue())
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return path


def label_boxes(fig, texts) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, (x0, y0, x1, y1)) in figure pixels for every label drawn, as the renderer lays
    them out; what a test checks for overlaps and clipping."""
    renderer = fig.canvas.get_renderer()
    out = []
    for t in texts:
        if t.get_visible() and t.get_text().strip():
            e = t.get_window_extent(renderer)
            out.append((t.get_text(), (e.x0, e.y0, e.x1, e.y1)))
    return out


def _overlap(a, b, margin: float = 1.0) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > margin and min(a[3], b[3]) - max(a[1], b[1]) > margin


def static_figure(G: nx.Graph, title: str, positions: dict | None = None, header: list | None = None, hidden_types=()):
    """The matplotlib figure render_static saves, and the label texts on it."""
    import textwrap

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    positions = positions or layout(G)
    kinds = styles(G)
    n = G.number_of_nodes()
    xs = [x for x, _ in positions.values()] or [0]
    ys = [y for _, y in positions.values()] or [0]
    labelled = n <= 80
    # room for the widest label on either side (9 pt is about 7 px a character at 100 dpi)
    widest = max((max(len(t) for t in str(G.nodes[v].get("label", v)).split("\n")) for v in G), default=0) * 7.0 if labelled else 0
    pad_x, pad_y = widest / 2 + 30, 60
    span_x, span_y = max(xs) - min(xs) + 2 * pad_x, max(ys) - min(ys) + 2 * pad_y
    # vis-network pixels at zoom 1 -> inches, so labels print at their size
    scale = min(1.0, 28 / max(span_x / 100, span_y / 100, 1))
    width_in, height_in = max(6.0, span_x / 100 * scale), max(4.5, span_y / 100 * scale)
    legend_in = 3.6
    title_lines = textwrap.wrap(title, max(30, int((width_in + legend_in) * 9))) or [""]
    extra = [str(h.get("text", "")) for h in (header or [])]
    extra_lines = [w for line in extra for w in textwrap.wrap(line, max(30, int((width_in + legend_in) * 11)))]
    top_in = 0.35 * len(title_lines) + 0.25 * len(extra_lines) + 0.3
    fig = plt.figure(figsize=(width_in + legend_in, height_in + top_in), dpi=100)
    node_texts, edge_texts = [], []
    total_w, total_h = width_in + legend_in, height_in + top_in
    ax = fig.add_axes([0.02, 0.02, (width_in - 0.1) / total_w, (height_in - 0.1) / total_h])
    key = fig.add_axes([width_in / total_w, 0.02, (legend_in - 0.1) / total_w, (height_in - 0.1) / total_h])
    fig.text(0.01, 1 - 0.12 / total_h, _plain("\n".join(title_lines)), fontsize=13, weight="bold", va="top")
    if extra_lines:
        fig.text(0.01, 1 - (0.2 + 0.35 * len(title_lines)) / total_h, _plain("\n".join(extra_lines)), fontsize=10, va="top")
    # vis draws y downwards; flip so the picture matches the page.
    xy = {v: (x, -y) for v, (x, y) in positions.items()}
    visible = [v for v in G if G.nodes[v].get("type") not in hidden_types]
    shown = set(visible)
    segs, colours, widths, styles_ = [], [], [], []
    for u, v, d in G.edges(data=True):
        if u != v and u in shown and v in shown:
            segs.append((xy[u], xy[v]))
            colours.append(TONES.get(d.get("tone"), ("#999999",))[0])
            widths.append(0.6 + 0.5 * float(d.get("width", 1.2)))
            styles_.append((0, (4, 3)) if d.get("dashes") else "solid")
    ax.add_collection(LineCollection(segs, colors=colours, linewidths=widths, linestyles=styles_, zorder=1))
    handles = []
    for t, (colour, shape) in kinds.items():
        members = [v for v in visible if G.nodes[v].get("type", "node") == t]
        if members:
            pts = np.array([xy[v] for v in members])
            ax.scatter(pts[:, 0], pts[:, 1], s=90 if n < 300 else 12, c=colour, marker=MARKERS.get(shape, "s" if shape == "box" else "o"), zorder=2, edgecolors="white", linewidths=0.5)
            handles.append(Line2D([], [], linestyle="", marker=MARKERS.get(shape, "s" if shape == "box" else "o"), color=colour, markersize=9, label=f"{TYPE_NAMES.get(t, t)} ({len(members)})"))
    # too many to name all: name the most connected, each at 9 pt
    named = visible if labelled else sorted(visible, key=lambda v: (-G.degree(v), str(v)))[:25]
    if named:
        for v in named:
            x, y = xy[v]
            text = str(G.nodes[v].get("label", v))
            badges = G.nodes[v].get("badges") or []
            node_texts.append(ax.annotate(_plain(with_badges(text, badges, 3, True)), (x, y), fontsize=9, xytext=(0, -9), textcoords="offset points", ha="center", va="top", zorder=3,
                                          bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9}))
    labelled_edges = [(u, v, d) for u, v, d in G.edges(data=True) if u in shown and v in shown and u != v]
    if len(labelled_edges) <= 60:
        for u, v, d in labelled_edges:
            (x1, y1), (x2, y2) = xy[u], xy[v]
            if not str(d.get("label", "")).strip():
                continue
            t = ax.text((x1 + x2) / 2, (y1 + y2) / 2, _plain(with_badges(str(d.get("label", "")), d.get("badges") or [], 1)), fontsize=9,
                        color=TONES.get(d.get("tone"), ("#444444",))[0], ha="center", va="center", zorder=3,
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.9})
            t._dkg_ends = ((x1, y1), (x2, y2))
            edge_texts.append(t)
    ax.set_axis_off()
    ax.set_xlim(min(xs) - pad_x / scale, max(xs) + pad_x / scale)
    ax.set_ylim(-max(ys) - pad_y / scale, -min(ys) + pad_y / scale)
    for words, colour in [(w, c) for c, w in TONES.values()]:
        if any(d.get("tone") and TONES[d["tone"]][1] == words for _, _, d in G.edges(data=True)):
            handles.append(Line2D([], [], color=colour, linewidth=2.5, label=words))
    if any(d.get("dashes") for _, _, d in G.edges(data=True)):
        handles.append(Line2D([], [], color="#999999", linestyle=(0, (4, 3)), linewidth=1.5, label="one origin only: dashed"))
    key.set_axis_off()
    key.legend(handles=handles, loc="upper left", fontsize=9, frameon=False, title="Key", title_fontsize=10, alignment="left")
    marks = [xy[v] for v in visible]
    _unclip(fig, ax, node_texts + edge_texts)
    _separate(fig, ax, node_texts, edge_texts, marks)
    return fig, node_texts + edge_texts


def _unclip(fig, ax, texts) -> None:
    """Widen the picture's limits until every label lies inside its part of the figure."""
    renderer = fig.canvas.get_renderer()
    for _round in range(4):
        box = ax.get_window_extent(renderer)
        out = [t.get_window_extent(renderer) for t in texts if t.get_text().strip()]
        if not out:
            return
        left = max(0.0, box.x0 - min(e.x0 for e in out)) + 4
        right = max(0.0, max(e.x1 for e in out) - box.x1) + 4
        bottom = max(0.0, box.y0 - min(e.y0 for e in out)) + 4
        top = max(0.0, max(e.y1 for e in out) - box.y1) + 4
        if max(left, right, bottom, top) <= 4.5:
            return
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        per_x, per_y = (x1 - x0) / box.width, (y1 - y0) / box.height
        ax.set_xlim(x0 - left * per_x * 1.1, x1 + right * per_x * 1.1)
        ax.set_ylim(y0 - bottom * per_y * 1.1, y1 + top * per_y * 1.1)


def _separate(fig, ax, node_texts, edge_texts, marks) -> None:
    """Node labels first, then edge labels: an edge label that overlaps a label or a node
    already placed slides along its edge, and is left out (the page and the view's details
    keep it) when no place on the edge is free."""
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    taken = []
    for x, y in marks:  # the nodes themselves, as 12 px squares
        px, py = to_px((x, y))
        taken.append((px - 6, py - 6, px + 6, py + 6))
    for t in node_texts:
        e = t.get_window_extent(renderer)
        box = (e.x0, e.y0, e.x1, e.y1)
        if any(_overlap(box, o) for o in taken):
            for dy in (18, -30, 34, -46):  # above or further below the node
                t.set_position((0, dy if dy > 0 else dy))
                t.set_va("bottom" if dy > 0 else "top")
                e = t.get_window_extent(renderer)
                box = (e.x0, e.y0, e.x1, e.y1)
                if not any(_overlap(box, o) for o in taken):
                    break
            else:
                t.set_visible(False)
                continue
        taken.append(box)
    for t in edge_texts:
        (x1, y1), (x2, y2) = t._dkg_ends
        for f in (0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85):
            t.set_position((x1 + (x2 - x1) * f, y1 + (y2 - y1) * f))
            e = t.get_window_extent(renderer)
            box = (e.x0, e.y0, e.x1, e.y1)
            if not any(_overlap(box, o) for o in taken):
                taken.append(box)
                break
        else:
            t.set_visible(False)
