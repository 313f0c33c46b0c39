'use strict';
// Pictures of a SELECT result for the query page: a bar chart, a timeline and a graph, drawn as
// plain SVG. Vendoring would take two libraries (a chart library for bars and a time axis, a
// layout library for the network), each to build, license and keep current; this file is about
// 25 KB unminified and does only what the page shows. Every text from the store goes in with
// textContent; nothing is parsed as HTML or markup. A view the result cannot fill says which
// columns it needs.
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const MAX_BARS = 60, MAX_EVENTS = 300, MAX_NODES = 150;
  const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|nonPositiveInteger|negativeInteger|unsignedInt|unsignedLong)$/;
  const DATE = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T|$|\s|Z|[+-]\d{2}:)/;

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svg(width, height, label) {
    const root = el('svg', {width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'view'});
    return root;
  }

  function isNumber(term) {
    return !!term && term.type === 'literal' && NUMERIC.test(term.datatype || '') && term.value !== '' && !Number.isNaN(Number(term.value));
  }

  function dateOf(term) {
    // a year, year-month or date at the start of a literal: what the claims state
    if (!term || term.type !== 'literal') return null;
    const m = DATE.exec(term.value);
    if (!m) return null;
    const year = Number(m[1]), month = m[2] ? Number(m[2]) : null, day = m[3] ? Number(m[3]) : null;
    if ((month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || day > 31))) return null;
    return {year, month, day, at: year + ((month || 1) - 1) / 12 + ((day || 1) - 1) / 372, text: term.value};
  }

  function share(rows, v, test) {
    let n = 0, seen = 0;
    for (const r of rows) { if (r[v]) { seen += 1; if (test(r[v])) n += 1; } }
    return seen ? n / seen : 0;
  }

  function columns(vars, rows) {
    // what each column holds, judged on every row: numbers, dates, IRIs or text
    const out = {};
    for (const v of vars) {
      out[v] = {
        number: share(rows, v, isNumber) === 1,
        date: share(rows, v, (t) => dateOf(t) !== null) >= 0.5,
        node: share(rows, v, (t) => t.type === 'uri' || t.type === 'bnode') === 1,
        filled: rows.some((r) => r[v]),
      };
    }
    return out;
  }

  function labelColumn(vars, kinds, of) {
    // WDQS's convention: ?xLabel names ?x
    const named = vars.find((v) => v === of + 'Label' && kinds[v].filled);
    return named || null;
  }

  function shown(term, helpers) {
    if (!term) return '';
    return term.type === 'uri' ? helpers.shorten(term.value) : term.value;
  }

  function clip(text, n) {
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }

  function fit(container, text, room, size) {
    // the text, clipped with an ellipsis until the browser draws it within `room` pixels (the
    // width it then takes is left in fit.width)
    const probe = svg(10, 10, '');
    const t = el('text', {'font-size': size}, text);
    probe.appendChild(t);
    container.appendChild(probe);
    let shown = text;
    for (let n = text.length; t.getComputedTextLength() > room && n > 4; n -= 2) {
      shown = clip(text, n);
      t.textContent = shown;
    }
    const width = t.getComputedTextLength();
    probe.remove();
    fit.width = width;
    return shown;
  }

  function picker(container, title, vars, chosen, onChange) {
    const label = document.createElement('label');
    label.className = 'picker';
    label.append(title + ' ');
    const select = document.createElement('select');
    for (const v of vars) {
      const o = document.createElement('option');
      o.value = v;
      o.textContent = '?' + v;
      o.selected = v === chosen;
      select.appendChild(o);
    }
    select.addEventListener('change', () => onChange(select.value));
    label.appendChild(select);
    container.appendChild(label);
  }

  // the pickers above a chart: [title, the choice's list of columns, the key of the chosen one];
  // picking another column draws the chart again with it
  function controls(container, c, redraw, pickers) {
    const box = document.createElement('div');
    box.className = 'view-controls';
    for (const [title, options, key] of pickers) {
      picker(box, title, c[options], c[key], (v) => redraw({...c, [key]: v}));
    }
    container.appendChild(box);
  }

  function note(container, text) {
    const p = document.createElement('p');
    p.className = 'note view-note';
    p.textContent = text;
    container.appendChild(p);
  }

  function link(node, term, helpers) {
    // a dkg IRI opens its page; the link wraps the SVG element
    const href = term && term.type === 'uri' ? helpers.pageLink(term.value) : null;
    if (!href) return node;
    const a = el('a', {href});
    a.appendChild(node);
    return a;
  }

  // ---------------------------------------------------------------- bar chart
  function barChoice(vars, rows) {
    const kinds = columns(vars, rows);
    const values = vars.filter((v) => kinds[v].number);
    const labels = vars.filter((v) => !kinds[v].number && kinds[v].filled);
    if (!values.length) return {why: 'A bar chart needs a column of numbers (e.g. a COUNT).'};
    if (!labels.length) return {why: 'A bar chart needs a column to name each bar.'};
    const text = labels.find((v) => !kinds[v].node);
    return {values, labels, value: values[0], label: text && labels.indexOf(text) < 2 ? text : labels[0]};
  }

  function bar(container, vars, rows, helpers, choice) {
    const c = choice || barChoice(vars, rows);
    container.textContent = '';
    if (c.why) { note(container, c.why); return; }
    controls(container, c, (next) => bar(container, vars, rows, helpers, next),
      [['bars named by', 'labels', 'label'], ['length from', 'values', 'value']]);
    const data = rows.filter((r) => isNumber(r[c.value])).slice(0, MAX_BARS)
      .map((r) => ({label: shown(r[c.label], helpers), term: r[c.label], n: Number(r[c.value].value)}));
    const width = Math.max(640, Math.min(1200, container.clientWidth || 960));
    // each name measured as drawn, shortened until it fits a third of the width at most
    const room = width / 3;
    for (const d of data) { d.shown = fit(container, d.label, room, 12); d.width = fit.width; }
    const labelWidth = 16 + Math.max(...data.map((d) => d.width));
    const barArea = width - labelWidth - 80;
    const rowH = 22, height = 30 + data.length * rowH;
    const lo = Math.min(0, ...data.map((d) => d.n)), hi = Math.max(0, ...data.map((d) => d.n));
    const scale = (x) => labelWidth + ((x - lo) / ((hi - lo) || 1)) * barArea;
    const root = svg(width, height, 'bar chart of ?' + c.value + ' by ?' + c.label);
    root.appendChild(el('line', {x1: scale(0), x2: scale(0), y1: 4, y2: height - 20, stroke: '#888'}));
    data.forEach((d, i) => {
      const y = 8 + i * rowH;
      const g = el('g', {class: 'bar'});
      const name = el('text', {x: labelWidth - 8, y: y + 14, 'text-anchor': 'end', 'font-size': 12, fill: '#1d1d1f'}, d.shown);
      name.appendChild(el('title', {}, d.label));
      g.appendChild(link(name, d.term, helpers));
      const x0 = scale(Math.min(0, d.n)), x1 = scale(Math.max(0, d.n));
      const rect = el('rect', {x: x0, y: y + 2, width: Math.max(1, x1 - x0), height: rowH - 6, fill: '#3b6ea8'});
      rect.appendChild(el('title', {}, d.label + ': ' + d.n.toLocaleString('en')));
      g.appendChild(rect);
      g.appendChild(el('text', {x: x1 + 5, y: y + 14, 'font-size': 11, fill: '#444'}, d.n.toLocaleString('en')));
      root.appendChild(g);
    });
    root.appendChild(el('text', {x: labelWidth, y: height - 4, 'font-size': 11, fill: '#666'}, '?' + c.value));
    container.appendChild(root);
    const dropped = rows.length - data.length;
    if (dropped > 0) note(container, `The first ${data.length} of ${rows.length} rows, in the table's order.`);
  }

  // ---------------------------------------------------------------- timeline
  function timelineChoice(vars, rows) {
    const kinds = columns(vars, rows);
    const dates = vars.filter((v) => kinds[v].date);
    if (!dates.length) return {why: 'A timeline needs a column of dates (YYYY, YYYY-MM or YYYY-MM-DD).'};
    const labels = vars.filter((v) => !dates.includes(v) && kinds[v].filled);
    if (!labels.length) return {why: 'A timeline needs a column to name each event.'};
    // names first (?xLabel), then IRIs (shortened), then any other text
    const rank = (v) => (/label$/i.test(v) ? 0 : kinds[v].node ? 1 : 2);
    const fallback = labels.slice().sort((a, b) => rank(a) - rank(b));
    return {dates, labels, date: dates[0], label: fallback[0], fallback};
  }

  function ticks(lo, hi, width) {
    // the finest step (a month, a quarter ... fifty years) whose labels stand 56 px apart or more
    const steps = [1 / 12, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100];
    const step = steps.find((st) => (width * st) / ((hi - lo) || 1) >= 56) || steps[steps.length - 1];
    const out = [];
    for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9; t += step) out.push(t);
    return {out: out.length ? out : [lo], step};
  }

  function tickText(t, step) {
    if (step >= 1) return String(Math.round(t));
    const y = Math.floor(t + 1e-9), m = Math.round((t - y) * 12);
    return y + '-' + String(m + 1).padStart(2, '0');
  }

  const BREAK = 28;  // the width of a cut in the time axis

  function segments(times, width) {
    // whole years covering the times; a gap longer than 4 years and half the span cuts the axis
    // in two, so one far date (a projection for 2050) does not squeeze every other into a dot
    const sorted = [...new Set(times)].sort((a, b) => a - b);
    const parts = [[sorted[0], sorted[0]]];
    const span = sorted[sorted.length - 1] - sorted[0];
    for (let i = 1; i < sorted.length; i++) {
      const gap = sorted[i] - sorted[i - 1];
      if (gap > 4 && gap > span / 2) parts.push([sorted[i], sorted[i]]);
      else parts[parts.length - 1][1] = sorted[i];
    }
    const years = parts.map(([a, b]) => [Math.floor(a), Math.max(Math.floor(a) + 1, Math.ceil(b + 1e-9))]);
    const total = years.reduce((n, [a, b]) => n + (b - a), 0), room = width - BREAK * (years.length - 1);
    let x0 = 0;
    return years.map(([lo, hi]) => {
      const w = Math.max(60, (room * (hi - lo)) / total);
      const out = {lo, hi, x0, w};
      x0 += w + BREAK;
      return out;
    });
  }

  function timeline(container, vars, rows, helpers, choice) {
    const c = choice || timelineChoice(vars, rows);
    container.textContent = '';
    if (c.why) { note(container, c.why); return; }
    controls(container, c, (next) => timeline(container, vars, rows, helpers, next),
      [['dates from', 'dates', 'date'], ['events named by', 'labels', 'label']]);
    const seen = new Set();
    const events = [];
    for (const r of rows) {
      const d = dateOf(r[c.date]);
      if (!d) continue;
      // the chosen column names the event; where a row leaves it empty, the next one that names it
      const by = [c.label, ...c.fallback].find((v) => r[v]);
      const label = shown(r[by], helpers);
      const key = d.text + '\u0000' + label;
      if (seen.has(key)) continue;  // one mark per dated event, however many rows repeat it
      seen.add(key);
      events.push({d, label, term: r[by]});
    }
    events.sort((a, b) => a.d.at - b.d.at || (a.label < b.label ? -1 : 1));
    const undated = rows.filter((r) => !dateOf(r[c.date])).length;
    const shownEvents = events.slice(0, MAX_EVENTS);
    const width = Math.max(720, Math.min(1200, container.clientWidth || 960));
    const left = 110, axisW = Math.max(200, width * 0.45), rowH = 20, top = 34;
    const spans = segments(shownEvents.map((e) => e.d.at), axisW);
    const x = (t) => { const s = spans.find((p) => t <= p.hi + 1e-9) || spans[spans.length - 1]; return left + s.x0 + ((t - s.lo) / ((s.hi - s.lo) || 1)) * s.w; };
    const height = top + shownEvents.length * rowH + 12;
    const root = svg(width, height, 'timeline of ?' + c.label + ' by ?' + c.date);
    spans.forEach((span, k) => {
      const {out, step} = ticks(span.lo, span.hi, span.w);
      for (const t of out) {
        if (k < spans.length - 1 && t >= span.hi - 1e-9) continue;  // the cut stands there
        root.appendChild(el('line', {x1: x(t), x2: x(t), y1: top - 8, y2: height - 6, stroke: '#e3e6ea'}));
        root.appendChild(el('text', {x: x(t), y: top - 14, 'text-anchor': 'middle', 'font-size': 11, fill: '#555', class: 'tick'}, tickText(t, step)));
      }
      if (k > 0) {  // the axis is cut where nothing happens for a long time
        const at = left + span.x0 - BREAK / 2;
        root.appendChild(el('line', {x1: at, x2: at, y1: top - 20, y2: height - 6, stroke: '#a00', 'stroke-dasharray': '4 4'}));
      }
    });
    shownEvents.forEach((e, i) => {
      const y = top + i * rowH + 10;
      const g = el('g', {class: 'event'});
      g.appendChild(el('text', {x: 8, y: y + 4, 'font-size': 11, fill: '#666', 'font-family': 'ui-monospace, monospace'}, e.d.text.slice(0, 10)));
      g.appendChild(el('line', {x1: x(e.d.at) + 8, x2: left + axisW + 12, y1: y, y2: y, stroke: '#d0d7de', 'stroke-dasharray': '2 3'}));
      const dot = el('circle', {cx: x(e.d.at), cy: y, r: e.d.day ? 5 : e.d.month ? 6 : 7, fill: e.d.day ? '#3b6ea8' : '#fff', stroke: '#3b6ea8', 'stroke-width': 2});
      dot.appendChild(el('title', {}, e.d.text + ': ' + e.label));
      g.appendChild(dot);
      const name = el('text', {x: left + axisW + 18, y: y + 4, 'font-size': 12, fill: '#1d1d1f'}, clip(e.label, Math.floor((width - left - axisW - 24) / 6.6)));
      name.appendChild(el('title', {}, e.label));
      g.appendChild(link(name, e.term, helpers));
      root.appendChild(g);
    });
    container.appendChild(root);
    const parts = ['Filled dots: a day; open: a month or a year only.'];
    if (spans.length > 1) parts.push('The red dashed line cuts the time axis: the years between, when nothing happens, are left out.');
    if (events.length > shownEvents.length) parts.push(`The first ${shownEvents.length} of ${events.length} dated events.`);
    if (undated) parts.push(`${undated} row(s) without a date are not shown.`);
    note(container, parts.join(' '));
  }

  // ---------------------------------------------------------------- graph
  function graphChoice(vars, rows) {
    const kinds = columns(vars, rows);
    const nodes = vars.filter((v) => kinds[v].node && kinds[v].filled);
    if (nodes.length < 2) return {why: 'A graph needs two or more columns of IRIs (a subject and what it links to).'};
    return {nodes, kinds};
  }

  function graph(container, vars, rows, helpers) {
    const c = graphChoice(vars, rows);
    container.textContent = '';
    if (c.why) { note(container, c.why); return; }
    // ?s ?p ?o: the middle column labels the edge; otherwise each column links to the next
    const byName = new Map(), edges = new Map();
    const predicate = c.nodes.length === 3 && /^(p|pred|predicate|property|relation)$/i.test(c.nodes[1]) ? c.nodes[1] : null;
    const ends = predicate ? [c.nodes[0], c.nodes[2]] : c.nodes;
    const node = (term, row, v) => {
      const key = term.type + ' ' + term.value;
      if (!byName.has(key)) {
        if (byName.size >= MAX_NODES) return null;
        const labelVar = labelColumn(vars, c.kinds, v);
        const label = labelVar && row[labelVar] ? row[labelVar].value : shown(term, helpers).replace(/^id:/, '');
        byName.set(key, {key, term, label, column: v, x: 0, y: 0, vx: 0, vy: 0, degree: 0});
      }
      return byName.get(key);
    };
    let truncated = false;
    for (const r of rows) {
      for (let i = 0; i + 1 < ends.length; i++) {
        const a = r[ends[i]], b = r[ends[i + 1]];
        if (!a || !b) continue;
        const na = node(a, r, ends[i]), nb = node(b, r, ends[i + 1]);
        if (!na || !nb) { truncated = true; continue; }
        if (na === nb) continue;
        const label = predicate ? (r[predicate] ? shown(r[predicate], helpers) : '') : '?' + ends[i + 1];
        const key = na.key + '\u0000' + nb.key + '\u0000' + label;
        if (!edges.has(key)) { edges.set(key, {a: na, b: nb, label}); na.degree += 1; nb.degree += 1; }
      }
    }
    const nodes = [...byName.values()], links = [...edges.values()];
    const width = Math.max(720, Math.min(1200, container.clientWidth || 960));
    const height = layout(nodes, links, width);
    const columnsShown = [...new Set(nodes.map((n) => n.column))];
    const colours = ['#3b6ea8', '#c2571a', '#2e8b57', '#8e44ad', '#b8860b', '#555'];
    const key = document.createElement('p');
    key.className = 'view-key';
    columnsShown.forEach((v, i) => {
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colours[i % colours.length];
      key.append(swatch, '?' + v + ' ');
    });
    container.appendChild(key);
    const root = svg(width, height, 'graph of the result');
    root.appendChild(el('defs', {})).appendChild(arrowHead());
    for (const l of links) {
      const g = el('g', {class: 'edge'});
      const {x1, y1, x2, y2} = trim(l.a, l.b, 9);
      const line = el('line', {x1, y1, x2, y2, stroke: '#9aa5b1', 'stroke-width': 1.2, 'marker-end': 'url(#arrow)'});
      line.appendChild(el('title', {}, l.a.label + ' → ' + l.label + ' → ' + l.b.label));
      g.appendChild(line);
      root.appendChild(g);
    }
    const labels = [];
    for (const n of nodes) {
      const g = el('g', {class: 'node'});
      const colour = colours[columnsShown.indexOf(n.column) % colours.length];
      const dot = el('circle', {cx: n.x, cy: n.y, r: 6 + Math.min(6, n.degree), fill: colour, stroke: '#fff', 'stroke-width': 1.5});
      dot.appendChild(el('title', {}, n.label + (n.term.type === 'uri' ? '\n' + n.term.value : '')));
      g.appendChild(link(dot, n.term, helpers));
      const text = el('text', {x: n.x + 11, y: n.y + 4, 'font-size': 11, fill: '#1d1d1f', stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke'}, clip(n.label, 28));
      g.appendChild(link(text, n.term, helpers));
      root.appendChild(g);
      labels.push({n, text});
    }
    container.appendChild(root);
    const hidden = placeLabels(labels, nodes, links, width, height);
    const words = [`${nodes.length} nodes, ${links.length} links${predicate ? ' (?' + predicate + ' names each link)' : ', each column linked to the next'}. A node of this graph opens its page.`];
    if (hidden) words.push(`${hidden} label(s) that would cover another are left off: point at a node to read its name.`);
    if (truncated) words.push(`Only the first ${MAX_NODES} nodes are drawn.`);
    note(container, words.join(' '));
  }

  function placeLabels(labels, nodes, links, width, height) {
    // each label beside its node where it covers no other label and no node, the busiest nodes
    // first; a label with no free place is left off (its node keeps the name as a tooltip)
    const placed = nodes.map((n) => { const r = 6 + Math.min(6, n.degree); return {x0: n.x - r, y0: n.y - r, x1: n.x + r, y1: n.y + r, node: n}; });
    const crosses = (b, l) => {  // does the link's line pass through the box? (sampled every 3 px)
      const steps = Math.ceil(Math.hypot(l.b.x - l.a.x, l.b.y - l.a.y) / 3);
      for (let k = 1; k < steps; k++) {
        const x = l.a.x + ((l.b.x - l.a.x) * k) / steps, y = l.a.y + ((l.b.y - l.a.y) * k) / steps;
        if (x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1) return true;
      }
      return false;
    };
    const free = (b, own) => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= width && b.y1 <= height &&
      placed.every((o) => o.node === own || b.x1 <= o.x0 || o.x1 <= b.x0 || b.y1 <= o.y0 || o.y1 <= b.y0) &&
      !links.some((l) => crosses(b, l));
    let hidden = 0;
    labels.sort((a, b) => b.n.degree - a.n.degree);
    for (const {n, text} of labels) {
      const w = text.getComputedTextLength() + 4, h = 14, r = 6 + Math.min(6, n.degree);
      const spots = [[n.x + r + 4, n.y + 4], [n.x - r - 4 - w, n.y + 4], [n.x - w / 2, n.y - r - 4], [n.x - w / 2, n.y + r + 13],
        [n.x - 8, n.y + r + 13], [n.x - w + 8, n.y + r + 13], [n.x - 8, n.y - r - 4], [n.x - w + 8, n.y - r - 4],
        [n.x + r + 4, n.y - r - 2], [n.x + r + 4, n.y + r + 10], [n.x - r - 4 - w, n.y - r - 2], [n.x - r - 4 - w, n.y + r + 10]];
      // the box with the white halo drawn round the letters, and a little air
      const spot = spots.map(([x, y]) => ({x, y, box: {x0: x - 4, y0: y - 13, x1: x + w + 2, y1: y + 5}})).find((s) => free(s.box, null));
      if (!spot) { text.remove(); hidden += 1; continue; }
      text.setAttribute('x', spot.x);
      text.setAttribute('y', spot.y);
      placed.push({...spot.box, node: null});
    }
    return hidden;
  }

  function arrowHead() {
    const m = el('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse'});
    m.appendChild(el('path', {d: 'M 0 0 L 10 5 L 0 10 z', fill: '#9aa5b1'}));
    return m;
  }

  function trim(a, b, by) {
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
    const ra = 6 + Math.min(6, a.degree), rb = 6 + Math.min(6, b.degree) + 2;
    return {x1: a.x + (dx / len) * ra, y1: a.y + (dy / len) * ra, x2: b.x - (dx / len) * rb, y2: b.y - (dy / len) * rb};
  }

  function components(nodes, links) {
    const next = new Map(nodes.map((n) => [n, []]));
    for (const l of links) { next.get(l.a).push(l.b); next.get(l.b).push(l.a); }
    const seen = new Set(), out = [];
    for (const start of nodes) {
      if (seen.has(start)) continue;
      const part = [start];
      seen.add(start);
      for (let i = 0; i < part.length; i++) {
        for (const m of next.get(part[i])) if (!seen.has(m)) { seen.add(m); part.push(m); }
      }
      out.push(part);
    }
    return out.sort((a, b) => b.length - a.length);
  }

  function layout(nodes, links, width) {
    // Fruchterman and Reingold's force layout for each connected part on its own, run to rest
    // before drawing and seeded on a circle (the same result is drawn the same way), then the
    // parts packed in rows, largest first, so no part is flung to the edge by another.
    // Returns the height the drawing needs.
    const margin = 24, gapX = 190, gapY = 40;  // room for labels beside a part
    let x = margin, y = margin, rowHeight = 0;
    for (const part of components(nodes, links)) {
      const n = part.length, side = Math.min(width - 2 * margin - gapX, Math.max(60, Math.sqrt(n) * 85));
      const inPart = new Set(part), own = links.filter((l) => inPart.has(l.a));
      const k = Math.sqrt((side * side) / n);
      part.forEach((node, i) => {
        const angle = (2 * Math.PI * i) / n;
        node.x = n === 1 ? 0 : Math.cos(angle) * side / 2;
        node.y = n === 1 ? 0 : Math.sin(angle) * side / 2;
      });
      for (let step = 0, t = side / 8; step < 250 && n > 1; step++, t *= 0.985) {
        for (const a of part) { a.vx = 0; a.vy = 0; }
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            const a = part[i], b = part[j];
            let dx = a.x - b.x, dy = a.y - b.y, d = Math.hypot(dx, dy);
            if (d < 0.01) { dx = 0.01 * (i - j); dy = 0.01; d = Math.hypot(dx, dy); }
            const f = (k * k) / d;
            a.vx += (dx / d) * f; a.vy += (dy / d) * f; b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
          }
        }
        for (const l of own) {
          const dx = l.a.x - l.b.x, dy = l.a.y - l.b.y, d = Math.hypot(dx, dy) || 0.01, f = (d * d) / k;
          l.a.vx -= (dx / d) * f; l.a.vy -= (dy / d) * f; l.b.vx += (dx / d) * f; l.b.vy += (dy / d) * f;
        }
        for (const a of part) {
          const v = Math.hypot(a.vx, a.vy) || 1, move = Math.min(v, t);
          a.x += (a.vx / v) * move; a.y += (a.vy / v) * move;
        }
      }
      const x0 = Math.min(...part.map((a) => a.x)), y0 = Math.min(...part.map((a) => a.y));
      const w = Math.max(...part.map((a) => a.x)) - x0, h = Math.max(...part.map((a) => a.y)) - y0;
      if (x > margin && x + w + gapX > width - margin) { x = margin; y += rowHeight + gapY; rowHeight = 0; }
      for (const a of part) { a.x += x - x0; a.y += y - y0; }
      x += w + gapX;
      rowHeight = Math.max(rowHeight, h);
    }
    return y + rowHeight + margin + 10;
  }

  window.DkgViews = {
    bar: {draw: bar, why: (vars, rows) => barChoice(vars, rows).why || null},
    timeline: {draw: timeline, why: (vars, rows) => timelineChoice(vars, rows).why || null},
    graph: {draw: graph, why: (vars, rows) => graphChoice(vars, rows).why || null},
  };
})();
