'use strict';
// The query page. Every value from the store is written with textContent: data is never parsed
// as HTML. The editor is CodeMirror 6 (vendor/codemirror.js, exposed as window.DkgEditor); if it
// failed to load, the plain textarea is used instead. The bar chart, timeline and graph of a
// result are views.js (window.DkgViews).
//
// A query arriving in a link (#query=... or ?query=...) is put in the editor and waits for Run,
// as the Wikidata Query Service does: any web page can link here, and opening a link must not
// make the server spend a worker on a query nobody has read.
const $ = (id) => document.getElementById(id);
const form = $('form'), textarea = $('query'), statusLine = $('status'), errorBox = $('error');
const results = $('results'), pager = $('pager'), tabs = $('view-tabs');
// the predeclared prefixes, as the server declares them (schema/iris.py), embedded in the page
const PREFIXES = JSON.parse($('dkg-prefixes').textContent);
const OURS = PREFIXES.id;
const MEDIA = {json: 'application/sparql-results+json', csv: 'text/csv', tsv: 'text/tab-separated-values', sheet: 'text/csv'};
const PAGE_SIZE = 50;
let terms = [];  // dkg: terms from the published JSON-LD context, for completion
let state = {vars: [], rows: [], sortVar: null, desc: false, page: 0, view: 'table'};

// ------------------------------------------------------------------ the editor
let editor = null;
function getQuery() { return editor ? editor.state.doc.toString() : textarea.value; }
function setQuery(text) {
  if (editor) editor.dispatch({changes: {from: 0, to: editor.state.doc.length, insert: text}});
  else textarea.value = text;
}

function complete(context) {
  const word = context.matchBefore(/[A-Za-z][\w-]*:?[\w-]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const text = word.text;
  const options = [];
  if (!text.includes(':')) {
    for (const p of Object.keys(PREFIXES)) options.push({label: p + ':', type: 'namespace', detail: PREFIXES[p]});
  } else if (text.startsWith('dkg:')) {
    for (const t of terms) options.push({label: 'dkg:' + t, type: 'property'});
  }
  return {from: word.from, options, validFor: /^[\w-]*:?[\w-]*$/};
}

function styleNonce() {
  const meta = document.querySelector('meta[name="dkg-style-nonce"]');
  return meta ? meta.content : '';
}

function startEditor() {
  const E = window.DkgEditor;
  if (!E) { textarea.hidden = false; return; }
  const run = E.Prec.highest(E.keymap.of([{key: 'Mod-Enter', run: () => { runQuery(); return true; }}]));
  editor = new E.EditorView({
    parent: $('editor'),
    state: E.EditorState.create({
      doc: textarea.value,
      extensions: [E.EditorView.cspNonce.of(styleNonce()), E.basicSetup, E.EditorView.lineWrapping, run, E.StreamLanguage.define(E.sparql), E.autocompletion({override: [complete]})],
    }),
  });
}

// ------------------------------------------------------------------ terms as people read them
function shorten(iri) {
  let best = null;
  for (const [p, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && (!best || ns.length > PREFIXES[best].length)) best = p;
  }
  return best ? best + ':' + iri.slice(PREFIXES[best].length) : iri;
}

function pageLink(iri) {
  // a dkg IRI has a page on this server: /id/<slug> (the same path as the IRI's)
  if (!iri.startsWith(OURS)) return null;
  return '/id/' + iri.slice(OURS.length).split('/').map(encodeURIComponent).join('/');
}

function cell(term) {
  const td = document.createElement('td');
  if (!term) return td;
  if (term.type === 'uri') {
    const href = pageLink(term.value);
    const shown = shorten(term.value);
    if (href) {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = shown;
      a.title = term.value;
      td.appendChild(a);
    } else {
      td.textContent = shown;
      td.title = term.value;
    }
    return td;
  }
  td.textContent = term.value;
  const extra = term['xml:lang'] ? '@' + term['xml:lang'] : (term.datatype ? shorten(term.datatype) : '');
  if (extra) {
    const span = document.createElement('span');
    span.className = term['xml:lang'] ? 'lang' : 'dt';
    span.textContent = extra;
    td.appendChild(span);
  }
  return td;
}

function sortKey(term) {
  if (!term) return [2, ''];
  const n = Number(term.value);
  if (term.type === 'literal' && term.datatype && term.value !== '' && !Number.isNaN(n)) return [0, n];
  return [1, term.value];
}

function compare(a, b) {
  const ka = sortKey(a), kb = sortKey(b);
  if (ka[0] !== kb[0]) return ka[0] - kb[0];
  return ka[1] < kb[1] ? -1 : ka[1] > kb[1] ? 1 : 0;
}

// ------------------------------------------------------------------ results
function sortedRows() {
  const {sortVar, desc} = state;
  if (!sortVar) return state.rows;
  return state.rows.slice().sort((a, b) => compare(a[sortVar], b[sortVar]) * (desc ? -1 : 1));
}

function showResult() {
  // the chosen view of the rows; a view the result cannot fill says why and stays disabled
  tabs.hidden = false;
  for (const tab of tabs.querySelectorAll('[data-view]')) {
    const name = tab.dataset.view;
    const why = name === 'table' ? null : window.DkgViews ? window.DkgViews[name].why(state.vars, state.rows) : 'the views did not load';
    tab.disabled = !!why;
    tab.title = why || '';
    tab.setAttribute('aria-selected', String(name === state.view));
  }
  if (state.view !== 'table' && tabs.querySelector(`[data-view="${state.view}"]`).disabled) state.view = 'table';
  if (state.view === 'table') return showTable();
  pager.textContent = '';
  results.textContent = '';
  const box = document.createElement('div');
  box.id = 'view-' + state.view;
  box.className = 'result-view';
  results.appendChild(box);
  window.DkgViews[state.view].draw(box, state.vars, sortedRows(), {shorten, pageLink});
}

function showTable() {
  results.textContent = '';
  pager.textContent = '';
  const {vars, sortVar, desc} = state;
  const rows = sortedRows();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  state.page = Math.min(state.page, pages - 1);
  const t = document.createElement('table');
  t.id = 'result-table';
  const head = t.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement('th');
    th.textContent = '?' + v;
    if (v === sortVar) th.className = desc ? 'desc' : 'asc';
    th.addEventListener('click', () => {
      state.desc = state.sortVar === v ? !state.desc : false;
      state.sortVar = v;
      showTable();
    });
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const b of rows.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE)) {
    const row = body.insertRow();
    for (const v of vars) row.appendChild(cell(b[v]));
  }
  results.appendChild(t);
  if (pages > 1) {
    const prev = document.createElement('button');
    prev.textContent = '‹ previous';
    prev.disabled = state.page === 0;
    prev.addEventListener('click', () => { state.page -= 1; showTable(); });
    const next = document.createElement('button');
    next.textContent = 'next ›';
    next.id = 'next-page';
    next.disabled = state.page >= pages - 1;
    next.addEventListener('click', () => { state.page += 1; showTable(); });
    const where = document.createElement('span');
    where.textContent = 'page ' + (state.page + 1) + ' of ' + pages + ' (' + rows.length + ' rows)';
    pager.append(prev, where, next);
  }
}

function shareLink(query) {
  return location.pathname + '#query=' + encodeURIComponent(query);
}

async function post(query, accept) {
  return fetch('/sparql', {
    method: 'POST',
    headers: {'Content-Type': 'application/sparql-query', 'Accept': accept},
    body: query,
  });
}

function clearResult() {
  errorBox.textContent = '';
  results.textContent = '';
  pager.textContent = '';
  tabs.hidden = true;
}

function pointAt(message) {
  // put the cursor where the server says the mistake is ("at line 3, column 7")
  const m = /at line (\d+), column (\d+)/.exec(message);
  if (!m || !editor) return;
  const doc = editor.state.doc;
  const line = doc.line(Math.min(Math.max(1, Number(m[1])), doc.lines));
  const at = Math.min(line.to, line.from + Number(m[2]) - 1);
  editor.dispatch({selection: {anchor: at}, scrollIntoView: true});
  editor.focus();
}

async function runQuery(event) {
  if (event) event.preventDefault();
  const query = getQuery();
  clearResult();
  statusLine.textContent = 'running...';
  history.replaceState(null, '', shareLink(query));
  $('share').href = shareLink(query);
  const started = performance.now();
  try {
    const response = await post(query, 'application/sparql-results+json, text/turtle;q=0.9');
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      statusLine.textContent = 'HTTP ' + response.status + ' after ' + seconds + ' s';
      errorBox.textContent = text;
      pointAt(text);
      return;
    }
    const truncated = response.headers.get('X-DKG-Truncated') === 'true';
    const limit = response.headers.get('X-DKG-Row-Limit');
    const note = truncated ? ' (truncated at the ' + limit + '-row limit)' : '';
    if ((response.headers.get('Content-Type') || '').startsWith('text/turtle')) {
      const pre = document.createElement('pre');
      pre.className = 'graph';
      pre.textContent = text;
      results.appendChild(pre);
      statusLine.textContent = 'graph in ' + seconds + ' s' + note;
      return;
    }
    const data = JSON.parse(text);
    if (typeof data.boolean === 'boolean') {
      state = {vars: ['answer'], rows: [{answer: {type: 'literal', value: data.boolean ? 'yes' : 'no'}}], sortVar: null, desc: false, page: 0, view: 'table'};
      showTable();
      statusLine.textContent = 'answered in ' + seconds + ' s';
      return;
    }
    state = {vars: data.head.vars || [], rows: data.results.bindings, sortVar: null, desc: false, page: 0, view: state.view};
    showResult();
    statusLine.textContent = state.rows.length + ' row(s) in ' + seconds + ' s' + note;
  } catch (err) {
    statusLine.textContent = '';
    errorBox.textContent = String(err);
  }
}

// ------------------------------------------------------------------ downloads
function parseCsv(text) {
  // RFC 4180, as the server writes SPARQL CSV: quoted fields may hold commas, quotes and newlines
  const rows = [];
  let row = [], field = '', quoted = false, i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i += 1; continue; }
      field += ch; i += 1; continue;
    }
    if (ch === '"') { quoted = true; i += 1; continue; }
    if (ch === ',') { row.push(field); field = ''; i += 1; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { i += 1; continue; }
    if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; continue; }
    field += ch; i += 1;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// OWASP's advice against CSV injection: a cell a spreadsheet would read as a formula starts
// with one of these; a leading apostrophe makes it text, and every cell is quoted
const FORMULA_START = /^[=+\-@\t\r]/;

function forSpreadsheets(csv) {
  const cell = (v) => '"' + (FORMULA_START.test(v) ? "'" + v : v).replace(/"/g, '""') + '"';
  // a byte-order mark, so a spreadsheet reads the file as UTF-8 (Cyrillic names stay legible)
  return '\ufeff' + parseCsv(csv).map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

async function download(fmt) {
  const query = getQuery();
  errorBox.textContent = '';
  const response = await post(query, MEDIA[fmt]);
  let text = await response.text();
  if (!response.ok) { errorBox.textContent = text; return; }
  if (fmt === 'sheet') text = forSpreadsheets(text);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], {type: MEDIA[fmt]}));
  link.download = fmt === 'sheet' ? 'results-for-spreadsheets.csv' : 'results.' + fmt;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

// ------------------------------------------------------------------ examples and sharing
function showExample(q, button) {
  const help = $('example-help');
  help.textContent = '';
  for (const b of document.querySelectorAll('#examples button.chosen')) b.classList.remove('chosen');
  button.classList.add('chosen');
  setQuery(q.query);
  clearResult();
  statusLine.textContent = '';
  const title = document.createElement('strong');
  title.textContent = q.title;
  help.append(title, ': ' + q.description + ' Press Run to answer it.');
  if (q.params.length) {
    const ul = document.createElement('ul');
    for (const [name, text] of q.params) {
      const li = document.createElement('li');
      const unbound = /unbound/.test(text) ? '' : ' Unbound, it is asked of every one.';
      li.textContent = '?' + name + ': ' + text + '.' + unbound + ' To ask it of one, bind it: VALUES ?' + name + ' { ' + example(text) + ' }';
      ul.appendChild(li);
    }
    help.appendChild(ul);
  }
}

function example(text) {
  // the "e.g." of a parameter's description, else a placeholder
  const m = /e\.g\. ([^\s;,]+)/.exec(text);
  return m ? m[1] : '...';
}

async function loadExamples() {
  const list = $('examples');
  try {
    const items = await (await fetch('/examples.json')).json();
    for (const q of items) {
      const li = document.createElement('li');
      li.dataset.name = q.name;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'example';
      button.textContent = q.title || q.name;
      button.title = q.name + '.rq';
      button.addEventListener('click', () => showExample(q, button));
      const about = document.createElement('span');
      about.textContent = q.description;
      li.append(button, about);
      list.appendChild(li);
    }
    $('example-filter').addEventListener('input', (e) => {
      const words = e.target.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const li of list.children) {
        const text = li.textContent.toLowerCase() + ' ' + li.dataset.name;
        li.hidden = !words.every((w) => text.includes(w));
      }
    });
  } catch (err) {
    $('examples-box').hidden = true;
  }
}

async function loadTerms() {
  try {
    const ctx = (await (await fetch('/context.jsonld')).json())['@context'];
    terms = Object.entries(ctx).filter(([k, v]) => typeof v === 'string' && v.startsWith('dkg:')).map(([, v]) => v.slice(4));
  } catch (err) { terms = []; }
}

function queryFromUrl() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const search = new URLSearchParams(location.search);
  return hash.get('query') || search.get('query');
}

function openShared(query) {
  // a query from a link: shown, not run
  setQuery(query);
  clearResult();
  statusLine.textContent = 'Opened from a link: read the query, then press Run.';
  $('examples-box').open = false;
}

$('prefixes').textContent = Object.keys(PREFIXES).map((p) => p + ':').join(' ');
startEditor();
const shared = queryFromUrl();
if (shared) openShared(shared);
form.addEventListener('submit', runQuery);
textarea.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) runQuery(e); });
for (const fmt of ['sheet', 'csv', 'tsv', 'json']) $('dl-' + fmt).addEventListener('click', () => download(fmt));
for (const tab of tabs.querySelectorAll('[data-view]')) {
  tab.addEventListener('click', () => { state.view = tab.dataset.view; showResult(); });
}
$('share').href = shareLink(getQuery());
loadExamples();
loadTerms();
window.addEventListener('hashchange', () => {  // a shared link opened on this page, or back/forward
  const query = queryFromUrl();
  if (query && query !== getQuery()) openShared(query);
});
