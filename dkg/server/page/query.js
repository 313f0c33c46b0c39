'use strict';
// The query page. Every value from the store is written with textContent: data is never parsed
// as HTML. The editor is CodeMirror 6 (vendor/codemirror.js, exposed as window.DkgEditor); if it
// failed to load, the plain textarea is used instead.
const $ = (id) => document.getElementById(id);
const form = $('form'), textarea = $('query'), statusLine = $('status'), errorBox = $('error');
const results = $('results'), pager = $('pager');
const PREFIXES = {
  dkg: 'https://w3id.org/dkg/ontology#', claim: 'https://w3id.org/dkg/id/claim/', id: 'https://w3id.org/dkg/id/',
  graph: 'https://w3id.org/dkg/graph/', prov: 'http://www.w3.org/ns/prov#', cito: 'http://purl.org/spar/cito/',
  oa: 'http://www.w3.org/ns/oa#', schema: 'https://schema.org/', skos: 'http://www.w3.org/2004/02/skos/core#',
  dcterms: 'http://purl.org/dc/terms/', rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#', xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#', sh: 'http://www.w3.org/ns/shacl#',
};
const OURS = 'https://w3id.org/dkg/id/';
const MEDIA = {json: 'application/sparql-results+json', csv: 'text/csv', tsv: 'text/tab-separated-values'};
const PAGE_SIZE = 50;
let terms = [];  // dkg: terms from the published JSON-LD context, for completion
let state = {vars: [], rows: [], sortVar: null, desc: false, page: 0};

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
      extensions: [E.EditorView.cspNonce.of(styleNonce()), E.basicSetup, run, E.StreamLanguage.define(E.sparql), E.autocompletion({override: [complete]})],
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
function showTable() {
  results.textContent = '';
  pager.textContent = '';
  const {vars, sortVar, desc} = state;
  let rows = state.rows;
  if (sortVar) {
    rows = rows.slice().sort((a, b) => compare(a[sortVar], b[sortVar]) * (desc ? -1 : 1));
  }
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

async function runQuery(event) {
  if (event) event.preventDefault();
  const query = getQuery();
  errorBox.textContent = '';
  results.textContent = '';
  pager.textContent = '';
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
      state = {vars: ['answer'], rows: [{answer: {type: 'literal', value: data.boolean ? 'yes' : 'no'}}], sortVar: null, desc: false, page: 0};
      showTable();
      statusLine.textContent = 'answered in ' + seconds + ' s';
      return;
    }
    state = {vars: data.head.vars || [], rows: data.results.bindings, sortVar: null, desc: false, page: 0};
    showTable();
    statusLine.textContent = state.rows.length + ' row(s) in ' + seconds + ' s' + note;
  } catch (err) {
    statusLine.textContent = '';
    errorBox.textContent = String(err);
  }
}

async function download(fmt) {
  const query = getQuery();
  errorBox.textContent = '';
  const response = await post(query, MEDIA[fmt]);
  const text = await response.text();
  if (!response.ok) { errorBox.textContent = text; return; }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], {type: MEDIA[fmt]}));
  link.download = 'results.' + fmt;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

// ------------------------------------------------------------------ examples and sharing
async function loadExamples() {
  const select = $('examples');
  try {
    const items = await (await fetch('/examples.json')).json();
    for (const q of items) {
      const option = document.createElement('option');
      option.value = q.name;
      option.textContent = q.name + ': ' + q.summary;
      select.appendChild(option);
    }
    select.addEventListener('change', () => {
      const q = items.find((x) => x.name === select.value);
      const help = $('example-help');
      help.textContent = '';
      if (!q) return;
      setQuery(q.query);
      help.textContent = q.description;
      if (q.params.length) {
        const ul = document.createElement('ul');
        for (const [name, text] of q.params) {
          const li = document.createElement('li');
          li.textContent = '?' + name + ': ' + text + ' (bind it, e.g. VALUES ?' + name + ' { id:maxim-kuzminov })';
          ul.appendChild(li);
        }
        help.appendChild(ul);
      }
    });
  } catch (err) {
    select.disabled = true;
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

startEditor();
const shared = queryFromUrl();
if (shared) setQuery(shared);
form.addEventListener('submit', runQuery);
textarea.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) runQuery(e); });
for (const fmt of ['csv', 'tsv', 'json']) $('dl-' + fmt).addEventListener('click', () => download(fmt));
$('share').href = shareLink(getQuery());
loadExamples();
loadTerms();
if (shared) runQuery();
window.addEventListener('hashchange', () => {  // a shared link opened on this page, or back/forward
  const query = queryFromUrl();
  if (query && query !== getQuery()) { setQuery(query); runQuery(); }
});
