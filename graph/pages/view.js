"use strict";
// dkg's graph page: draws the view in graph-data with vis-network. Every text from the data
// goes in through textContent or vis-network's canvas labels, never as markup.
(function () {
  const timings = { start: performance.now() };
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  timings.parsed = performance.now();
  const container = document.getElementById("graph");
  const types = data.types;
  const TONE = { contested: "#c62828", hedged: "#d98200" };
  const NODE_FONT = 14, EDGE_FONT = 12;

  const text = (tag, value, cls) => { const el = document.createElement(tag); el.textContent = value; if (cls) el.className = cls; return el; };

  // ---- nodes and edges ------------------------------------------------------------------
  const nodeRows = data.nodes, edgeRows = data.edges;
  // A big view starts with no labels drawn; placeLabels gives them to those that fit.
  const startBare = nodeRows.length > 2000;
  const BLANK = " ";
  const hiddenTypes = new Set(data.hiddenTypes || []);
  const nodeColour = (r) => (r.c !== undefined && data.palette.length ? data.palette[r.c % data.palette.length] : types[r.t][1]);
  const isBox = (r) => (r.f || types[r.t][2]) === "box";
  // (On a big view the outline, in the node's own colour, is left out: stroking it was 40% of a
  // drawing of 10,000 nodes; a selected node still gets vis-network's selection border.)
  // Styles travel as vis-network groups (one per type, shape and colour), so each node item
  // holds only its id, place, size and group: thousands of nodes are set up quickly.
  const groups = {};
  const groupOf = (r) => {
    const shape = r.f || types[r.t][2], colour = nodeColour(r), key = shape + colour;
    if (!groups[key]) {
      groups[key] = shape === "box"
        ? { shape, color: { background: "#ffffff", border: colour, highlight: { background: "#fff8e1", border: "#333" }, hover: { background: "#fff8e1", border: "#333" } }, borderWidth: 2, margin: 8, font: { align: "left" } }
        : { shape, color: { background: colour, border: colour, highlight: { background: colour, border: "#222" }, hover: { background: colour, border: "#222" } }, borderWidth: startBare ? 0 : 1 };
    }
    return key;
  };
  const rowById = new Map(nodeRows.map((r) => [r.i, r]));
  const indexOf = new Map(nodeRows.map((r, i) => [r.i, i]));
  const nodes = new vis.DataSet(nodeRows.map((r) => {
    const node = { id: r.i, x: r.x, y: r.y, size: r.s, group: groupOf(r), dkgType: types[r.t][0] };
    if (!startBare) node.label = r.l;
    if (hiddenTypes.has(types[r.t][0])) node.hidden = true;
    return node;
  }));
  const edgeFont = (r, size) => (r.tone ? { color: TONE[r.tone], size } : { size });
  const edges = new vis.DataSet(edgeRows.map((r, i) => {
    const edge = { id: i, from: nodeRows[r.f].i, to: nodeRows[r.t].i };
    if (!startBare) edge.label = r.l;
    if (r.w) edge.width = r.w;
    if (r.ds && !startBare) edge.dashes = true;  // dashes are drawn dash by dash: too slow for thousands
    if (r.tone) { edge.color = { color: TONE[r.tone], highlight: "#222", hover: "#222" }; edge.font = edgeFont(r, EDGE_FONT); }
    return edge;
  }));
  // The header and the key are laid out before the network measures its canvas, so the canvas
  // keeps its size (a later change of size costs vis-network another full drawing).
  // ---- header ---------------------------------------------------------------------------
  const summary = document.getElementById("summary");
  for (const line of data.header || []) {
    if (line.node) {
      const b = text("button", line.text);
      b.addEventListener("click", () => focusNode(line.node));
      const row = document.createElement("div"); row.appendChild(b); summary.appendChild(row);
    } else summary.appendChild(text("div", line.text));
  }

  // ---- key: node types (click to show or hide) and what the edges mean ----------------------
  const legend = document.getElementById("legend");
  const svgNS = "http://www.w3.org/2000/svg";
  const marks = { dot: ["circle", { cx: 9, cy: 9, r: 7 }], square: ["rect", { x: 2, y: 2, width: 14, height: 14 }], box: ["rect", { x: 1, y: 4, width: 16, height: 10, rx: 2 }],
    diamond: ["path", { d: "M9 1 17 9 9 17 1 9z" }], triangle: ["path", { d: "M9 1 17 17 1 17z" }], triangleDown: ["path", { d: "M1 1 17 1 9 17z" }],
    star: ["path", { d: "M9 1 11 7 17 7 12 10 14 17 9 13 4 17 6 10 1 7 7 7z" }], hexagon: ["path", { d: "M5 1 13 1 17 9 13 17 5 17 1 9z" }], ellipse: ["ellipse", { cx: 9, cy: 9, rx: 8, ry: 5 }] };
  const svg = (w, h, children) => { const s = document.createElementNS(svgNS, "svg"); s.setAttribute("width", w); s.setAttribute("height", h); children.forEach((c) => s.appendChild(c)); return s; };
  const mark = (tag, attrs) => { const m = document.createElementNS(svgNS, tag); for (const [k, v] of Object.entries(attrs)) m.setAttribute(k, String(v)); return m; };
  const communities = data.palette.length && nodeRows.some((r) => r.c !== undefined);
  const icon = (shape, colour) => { const [tag, attrs] = marks[shape] || marks.dot; return svg(18, 18, [mark(tag, { ...attrs, fill: colour })]); };
  const counts = {};
  nodeRows.forEach((r) => { counts[r.t] = (counts[r.t] || 0) + 1; });
  types.forEach(([name, colour, shape], i) => {
    if (!counts[i]) return;
    const row = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = !hiddenTypes.has(name); box.dataset.type = name;
    row.append(box, icon(shape, communities ? "#777" : colour), text("span", (data.typeNames[name] || name) + " (" + counts[i] + ")"));
    legend.appendChild(row);
    box.addEventListener("change", () => {
      if (box.checked) hiddenTypes.delete(name); else hiddenTypes.add(name);
      hiddenType[i] = !box.checked;
      quietly(() => nodes.update(nodes.get({ filter: (n) => n.dkgType === name }).map((n) => ({ id: n.id, hidden: hiddenTypes.has(name) }))));
      placeLabels();
    });
  });
  if (communities) legend.appendChild(text("div", "Colour: community (groups more linked among themselves)", "muted"));
  const edgeKey = document.getElementById("edge-key");
  for (const [label, colour, dash, width] of data.edgeKey) {
    const line = mark("line", { x1: 1, y1: 8, x2: 33, y2: 8, stroke: colour, "stroke-width": width });
    if (dash) line.setAttribute("stroke-dasharray", "5 3");
    const row = document.createElement("div");
    row.append(svg(34, 16, [line]), text("span", label));
    edgeKey.appendChild(row);
  }

  const nodeRow = (id) => { const r = rowById.get(id); return { label: r.l, lines: r.d, badges: r.b || [], type: types[r.t][0] }; };
  const edgeRow = (i) => { const r = edgeRows[i]; return { label: r.l, lines: r.d || [r.l], badges: r.b || [], tone: r.tone || "", from: nodeRows[r.f].i, to: nodeRows[r.t].i }; };
  timings.datasets = performance.now();
  const big = nodeRows.length > 2000;
  // The data goes in after the network exists, so that its setup draws nothing (see quietly).
  const network = new vis.Network(container, {}, {
    physics: { enabled: false },
    layout: { improvedLayout: false },
    groups,
    nodes: { borderWidth: 1, font: { size: NODE_FONT }, scaling: { label: { drawThreshold: 1 } } },
    edges: { width: 1.2, color: { color: "#8a8a8a", highlight: "#222", hover: "#222" }, font: { size: EDGE_FONT, color: "#444", strokeWidth: 4, strokeColor: "#ffffff" }, arrows: { to: { enabled: !startBare, scaleFactor: 0.5 } }, smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 },
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false },
  });

  // With physics off, vis-network redraws the whole graph synchronously on every DataSet
  // change (its "startSimulation" becomes an immediate "_redraw"), and once more while setting
  // the data: seven full drawings of 10,000 nodes before a reader saw one. Changes are made
  // with drawing held (the renderer's allowRedraw flag, in the copy of vis-network 9.1.2 that
  // pyvis bundles; if it were gone this only costs the extra drawings) and one drawing is
  // asked for at the next frame. Only on a big view: on a small one, drawing at once is cheap
  // and re-measures the labels of nodes coming into view, so their boxes are right at once.
  const quietly = (work) => {
    const renderer = network.renderer, held = big && renderer && renderer.allowRedraw === true;
    if (held) renderer.allowRedraw = false;
    try { work(); } finally { if (held) renderer.allowRedraw = true; }
    network.body.emitter.emit("_requestRedraw");
  };
  timings.drawings = 0;  // full drawings of the canvas so far (fewer is faster: see quietly)
  network.on("afterDrawing", () => { timings.drawings += 1; });
  quietly(() => network.setData({ nodes, edges }));
  timings.network = performance.now();

  // ---- details: the panel keeps the click; pointing previews elsewhere ----------------------
  const pinned = document.getElementById("pinned"), preview = document.getElementById("preview");
  const show = (box, rows) => box.replaceChildren(...rows.map((t) => text("div", t)));
  const nodeLines = (id) => nodeRow(id).lines;
  const edgeLines = (id) => edgeRow(id).lines;
  // A node with a page (dkg serve or dkg site) links to it; the link is built from the node's
  // slug (quoted by Python) and the base the view was written for, never from markup.
  const pages = data.pages || null;
  const pageLink = (id) => {
    const r = rowById.get(id);
    if (!pages || !r || !r.p) return null;
    const a = text("a", "Open its page →", "page-link");
    a.href = pages.base + r.p + pages.suffix;
    return a;
  };
  // Expand on demand: the node's neighbours the view holds but keeps hidden (a hidden type),
  // shown for this node alone; the button says how many.
  const hiddenNeighbours = (id) => network.getConnectedNodes(id).filter((n) => { const x = nodes.get(n); return x && x.hidden; });
  const expandButton = (id) => {
    const more = hiddenNeighbours(id);
    if (!more.length) return null;
    const b = text("button", "Show " + more.length + " more linked to it", "expand");
    b.addEventListener("click", () => expand(id));
    return b;
  };
  const expand = (id) => {
    const more = hiddenNeighbours(id);
    quietly(() => nodes.update(more.map((n) => ({ id: n, hidden: false }))));
    placeLabels();
    showNode(id);
    return more.length;
  };
  const showNode = (id) => {
    show(pinned, nodeLines(id));
    for (const extra of [pageLink(id), expandButton(id)]) if (extra) pinned.appendChild(extra);
  };
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) show(pinned, edgeLines(p.edges[0]));
  });
  network.on("doubleClick", (p) => { if (p.nodes.length) expand(p.nodes[0]); });
  network.on("hoverNode", (p) => show(preview, nodeLines(p.node)));
  network.on("hoverEdge", (p) => show(preview, edgeLines(p.edge)));
  network.on("blurNode", () => show(preview, ["Point at a node or an edge."]));
  network.on("blurEdge", () => show(preview, ["Point at a node or an edge."]));
  const focusNode = (id) => {
    if (!nodes.get(id)) return;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    showNode(id);
    placeLabels();
  };

  // ---- labels only where they fit at the current zoom ----------------------------------------
  const measure = document.createElement("canvas").getContext("2d");
  let measureFont = "";
  const textWidth = (s, size) => {
    const font = size + "px arial";
    if (measureFont !== font) { measure.font = font; measureFont = font; }  // setting it costs more than measuring
    return Math.max(...s.split("\n").map((line) => measure.measureText(line).width));
  };
  // Per row, in arrays: widths at the base font size (measured once, when first needed),
  // line counts, and whether the row's type is hidden; place() runs on every zoom of a
  // 10,000-node view, so it looks nothing up by string.
  const nodeWidth = new Float64Array(nodeRows.length).fill(-1), edgeWidth = new Float64Array(edgeRows.length).fill(-1);
  const nodeLinesN = nodeRows.map((r) => (r.l ? r.l.split("\n").length : 0)), edgeLinesN = edgeRows.map((r) => (r.l ? r.l.split("\n").length : 0));
  const nodeBox = nodeRows.map(isBox);
  const hiddenType = types.map(([name]) => hiddenTypes.has(name));
  // Boxes (a flow's documents and claims) are the content itself: placed first, never left out.
  const order = nodeRows.map((r, i) => i).sort((a, b) => (nodeBox[b] - nodeBox[a]) || (nodeRows[b].s || 0) - (nodeRows[a].s || 0));
  const shownNode = new Array(nodeRows.length).fill(!startBare), shownEdge = new Array(edgeRows.length).fill(!startBare);
  const sx = new Float64Array(nodeRows.length), sy = new Float64Array(nodeRows.length);
  // Zoomed out, labels keep a readable size on screen (fewer of them fit) instead of shrinking.
  let fontScale = 1;
  const place = () => {
    const scale = network.getScale(), view = network.getViewPosition();
    // (only where the view has no layout of its own: a flow is drawn to scale)
    const wanted = !data.freeLabels || scale >= 0.9 ? 1 : 0.9 / Math.max(scale, 0.05);
    let resize = false;
    if (Math.abs(wanted - fontScale) > 0.02) { fontScale = wanted; resize = true; }
    const nodePx = NODE_FONT * fontScale * scale, edgePx = EDGE_FONT * fontScale * scale;
    const W = container.clientWidth, H = container.clientHeight;
    const positions = network.getPositions();
    nodeRows.forEach((r, i) => {  // (hidden nodes have no position: NaN is never visible)
      const p = positions[r.i];
      sx[i] = p ? (p.x - view.x) * scale + W / 2 : NaN; sy[i] = p ? (p.y - view.y) * scale + H / 2 : NaN;
    });
    // taken boxes in a grid of 80 px cells, keyed by number (boxes are near the screen)
    const cell = 80, grid = new Map(), boxes = [];
    const cellKey = (gx, gy) => (gx + 4096) * 8192 + gy + 4096;
    const free = (b) => {
      const x0 = Math.floor(b[0] / cell), x1 = Math.floor(b[2] / cell), y0 = Math.floor(b[1] / cell), y1 = Math.floor(b[3] / cell);
      for (let gx = x0; gx <= x1; gx++) for (let gy = y0; gy <= y1; gy++) {
        const taken = grid.get(cellKey(gx, gy));
        if (taken) for (const o of taken) if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return false;
      }
      return true;
    };
    const fits = (b) => {
      if (!free(b)) return false;
      const x0 = Math.floor(b[0] / cell), x1 = Math.floor(b[2] / cell), y0 = Math.floor(b[1] / cell), y1 = Math.floor(b[3] / cell);
      for (let gx = x0; gx <= x1; gx++) for (let gy = y0; gy <= y1; gy++) {
        const k = cellKey(gx, gy), taken = grid.get(k);
        if (taken) taken.push(b); else grid.set(k, [b]);
      }
      boxes.push(b);
      return true;
    };
    const nodeUpdates = [], edgeUpdates = [];
    const visible = (x, y) => x > -200 && y > -100 && x < W + 200 && y < H + 100;
    // a selected node (a search's answer, a click) is named first: it is what the reader asked for
    const chosen = network.getSelectedNodes().map((id) => indexOf.get(id)).filter((i) => i !== undefined);
    const seenFirst = new Set(chosen);
    for (const i of chosen.concat(order.filter((j) => !seenFirst.has(j)))) {
      const r = nodeRows[i];
      let ok = false;
      if (!hiddenType[r.t] && r.l) {
        const x = sx[i], y = sy[i], box = nodeBox[i];
        if (visible(x, y) || box) {
          const h = nodeLinesN[i] * nodePx * 1.25;
          const top = box ? y - h / 2 - 8 * scale : y + (r.s || 10) * scale + 2;
          const pad = box ? 10 * scale : 2;
          const r0 = (r.s || 10) * 1.3 * scale;  // the node's own shape counts too (triangles and stars reach past their size), as in getBoundingBox
          const by0 = Math.min(top - 2, y - r0), by1 = top + h + (box ? 16 * scale : 6);
          // the label's box holds at least the node and the label's height: if that is taken,
          // the text need not be measured (on a crowded 10,000-node view, most are)
          if (box || free([x - r0 - 3, by0 - 2, x + r0 + 3, by1 + 2])) {
            if (nodeWidth[i] < 0) nodeWidth[i] = textWidth(r.l, NODE_FONT);
            const w = nodeWidth[i] * nodePx / NODE_FONT;
            const bx0 = Math.min(x - w / 2 - pad, x - r0), bx1 = Math.max(x + w / 2 + pad, x + r0);
            ok = (visible(x, y) && fits([bx0 - 3, by0 - 2, bx1 + 3, by1 + 2])) || box;
          }
        }
      }
      if (ok !== shownNode[i] || (ok && resize)) { shownNode[i] = ok; nodeUpdates.push(nodeBox[i] ? { id: r.i, label: ok ? r.l : BLANK } : { id: r.i, label: ok ? r.l : BLANK, font: { size: NODE_FONT * fontScale } }); }
    }
    edgeRows.forEach((r, i) => {
      let ok = false;
      const f = r.f, t = r.t;
      if (r.l && !hiddenType[nodeRows[f].t] && !hiddenType[nodeRows[t].t]) {
        const x = (sx[f] + sx[t]) / 2, y = (sy[f] + sy[t]) / 2;
        if (visible(x, y)) {
          if (edgeWidth[i] < 0) edgeWidth[i] = textWidth(r.l, EDGE_FONT);
          const w = edgeWidth[i] * edgePx / EDGE_FONT, h = edgeLinesN[i] * edgePx * 1.25;
          // a label longer than the edge between the two nodes would sit on them: left out
          const dx = Math.abs(sx[f] - sx[t]), dy = Math.abs(sy[f] - sy[t]), length = Math.hypot(dx, dy) || 1;
          const ends = ((nodeBox[f] ? 0 : nodeRows[f].s || 10) + (nodeBox[t] ? 0 : nodeRows[t].s || 10)) * 1.3 * scale;
          ok = length - ends > (dx * w + dy * h) / length + 8 && fits([x - w / 2 - 5, y - h / 2 - 5, x + w / 2 + 5, y + h / 2 + 5]);  // the white halo is 4 px
        }
      }
      if (ok !== shownEdge[i] || (ok && resize)) { shownEdge[i] = ok; edgeUpdates.push({ id: i, label: ok ? r.l : BLANK, font: edgeFont(r, EDGE_FONT * fontScale) }); }
    });
    if (nodeUpdates.length || edgeUpdates.length) quietly(() => { if (nodeUpdates.length) nodes.update(nodeUpdates); if (edgeUpdates.length) edges.update(edgeUpdates); });
    return boxes.length;
  };
  let pending = 0;
  const placeLabels = () => { clearTimeout(pending); pending = setTimeout(place, 60); };
  network.on("zoom", placeLabels);
  network.on("dragEnd", placeLabels);
  window.addEventListener("resize", placeLabels);

  // ---- search: the same folding as `dkg find` --------------------------------------------------
  // Cyrillic letters to Latin as anyascii writes them; Python precomputes every node's keys.
  const CYR = { а: "a", б: "b", в: "v", г: "g", ґ: "g", д: "d", е: "e", ё: "e", є: "ie", ж: "zh", з: "z", и: "i", і: "i", ї: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "iu", я: "ia" };
  const rules = data.fold.map(([p, r]) => [new RegExp(p, "g"), r.replace(/\\(\d)/g, "$$$1")]);
  const fold = (s) => Array.from(s.normalize("NFKD").toLowerCase()).map((c) => (c in CYR ? CYR[c] : c)).join("")
    .replace(/\p{M}/gu, "").replace(/['\u2019\u02bc\u02b9`]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  const skeleton = (s) => rules.reduce((acc, [p, r]) => acc.replace(p, r), fold(s));
  // Edit distance (insertions, deletions, substitutions, adjacent swaps) as a similarity in
  // 0..1, the measure queries/names.py's fuzzy matching uses for misspelt names.
  const distance = (a, b) => {
    const m = a.length, n = b.length;
    if (!m || !n) return Math.max(m, n);
    let prev2 = null, prev = Array.from({ length: n + 1 }, (_, j) => j);
    for (let i = 1; i <= m; i++) {
      const cur = [i];
      for (let j = 1; j <= n; j++) {
        let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur.push(d);
      }
      prev2 = prev; prev = cur;
    }
    return prev[n];
  };
  const similarity = (a, b) => 1 - distance(a, b) / Math.max(a.length, b.length);
  const CLOSE = 0.75;
  const nearest = (q1, q2) => {
    const scored = [];
    for (const r of nodeRows) {
      if (hiddenTypes.has(types[r.t][0])) continue;
      let best = 0, whole = 0;
      for (const k of r.k || []) {
        whole = Math.max(whole, similarity(q1, k));  // the closer the whole name, the earlier it is listed
        for (const candidate of [k, ...k.split(" ")]) {
          if (Math.abs(candidate.length - q1.length) > Math.max(2, q1.length / 3)) continue;
          best = Math.max(best, similarity(q1, candidate), q2 ? similarity(q2, skeleton(candidate)) : 0);
        }
      }
      if (best >= CLOSE) scored.push([best, r, whole]);
    }
    scored.sort((a, b) => b[0] - a[0] || b[2] - a[2]);
    const top = scored.length ? scored[0][0] : 0;
    return scored.filter(([s]) => s >= top - 0.1).map(([, r]) => r);
  };
  const search = document.getElementById("search"), matches = document.getElementById("matches");
  search.addEventListener("input", () => {
    const raw = search.value.trim();
    matches.replaceChildren();
    if (!raw) { network.unselectAll(); return; }
    const q1 = fold(raw), q2 = skeleton(raw);
    let found = nodeRows.filter((r) => !hiddenTypes.has(types[r.t][0]) && (r.k || []).some((k) => (q1 && k.includes(q1)) || (q2 && k.includes(q2))));
    let close = false;
    if (!found.length && q1.length >= 3) {  // nothing contains it: the names spelled closest, as `dkg find` suggests
      found = nearest(q1, q2);
      close = found.length > 0;
    }
    matches.appendChild(text("div", close ? "no exact match; closest spelling: " + found.length : found.length + (found.length === 1 ? " match" : " matches"), "count"));
    for (const r of found.slice(0, 12)) {
      const b = text("button", r.l.split("\n")[0]);
      b.addEventListener("click", () => focusNode(r.i));
      matches.appendChild(b);
    }
    network.selectNodes(found.map((r) => r.i));
    if (found.length === 1 || close) { if (close) network.selectNodes([found[0].i]); focusNode(found[0].i); }
    else if (found.length) { network.fit({ nodes: found.slice(0, 200).map((r) => r.i), animation: false }); placeLabels(); }
  });

  // ---- first draw ------------------------------------------------------------------------------
  // Milestones as data attributes on <body> (ms since navigation), for a timing script to read.
  const milestone = (name) => { timings[name] = performance.now(); document.body.dataset[name] = String(Math.round(timings[name])); };
  let firstDraw = null;
  network.once("afterDrawing", () => { milestone("drawn"); firstDraw = timings.drawn; timings.firstDraw = firstDraw; });
  // A small view is fitted to its nodes and labels together, which vis-network measures when it
  // draws them; a big one is fitted to its node positions (labels are few and short), so its
  // first drawing is already the fitted one.
  const measuredFit = nodeRows.length <= 3000;
  const fitAll = () => {
    // vis-network's fit() leaves labels out; fit the boxes of nodes and labels together.
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const r of nodeRows) {
      if (hiddenTypes.has(types[r.t][0])) continue;
      const b = measuredFit ? network.getBoundingBox(r.i) : { left: r.x - 60, right: r.x + 60, top: r.y - 20, bottom: r.y + 30 };
      x0 = Math.min(x0, b.left); x1 = Math.max(x1, b.right); y0 = Math.min(y0, b.top); y1 = Math.max(y1, b.bottom);
    }
    if (x0 === Infinity) return;
    const W = container.clientWidth, H = container.clientHeight;
    const scale = Math.min(1.1, 0.96 * Math.min(W / Math.max(x1 - x0, 1), H / Math.max(y1 - y0, 1)));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale, animation: false });
    place();
  };
  let ready = false;  // the fitted view has been drawn: what a reader first sees
  const settle = () => {
    quietly(fitAll);
    network.once("afterDrawing", () => { ready = true; milestone("ready"); timings.drawingsToReady = timings.drawings; });
  };
  if (measuredFit) {
    fitAll();
    network.once("afterDrawing", () => requestAnimationFrame(settle));
  } else settle();
  timings.placed = performance.now();
  window.dkg = { network, nodes, edges, nodeRow, edgeRow, fold, skeleton, place, expand, similarity, fit: () => quietly(fitAll), firstDraw: () => firstDraw, ready: () => ready, timings };
})();
