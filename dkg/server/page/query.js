'use strict';
// Every value from the store is written with textContent: data is never parsed as HTML.
const form = document.getElementById('form');
const queryBox = document.getElementById('query');
const statusLine = document.getElementById('status');
const errorBox = document.getElementById('error');
const results = document.getElementById('results');
const format = document.getElementById('format');

function show(term) {
  if (!term) return '';
  if (term.type === 'literal' && term['xml:lang']) return term.value + ' @' + term['xml:lang'];
  return term.value;
}

function table(data) {
  const t = document.createElement('table');
  if (typeof data.boolean === 'boolean') {
    const row = t.insertRow();
    row.insertCell().textContent = data.boolean ? 'yes' : 'no';
    return t;
  }
  const vars = data.head.vars || [];
  const head = t.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement('th');
    th.textContent = '?' + v;
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const b of data.results.bindings) {
    const row = body.insertRow();
    for (const v of vars) {
      const cell = row.insertCell();
      cell.textContent = show(b[v]);
      if (b[v] && b[v].datatype) cell.title = b[v].datatype;
    }
  }
  return t;
}

async function run(event) {
  if (event) event.preventDefault();
  errorBox.textContent = '';
  results.textContent = '';
  statusLine.textContent = 'running...';
  const started = performance.now();
  const wanted = format.value;
  const accept = wanted ? {json: 'application/sparql-results+json', xml: 'application/sparql-results+xml',
                           csv: 'text/csv', tsv: 'text/tab-separated-values'}[wanted]
                        : 'application/sparql-results+json';
  try {
    const response = await fetch('/sparql', {
      method: 'POST',
      headers: {'Content-Type': 'application/sparql-query', 'Accept': accept},
      body: queryBox.value,
    });
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      statusLine.textContent = 'HTTP ' + response.status + ' after ' + seconds + ' s';
      errorBox.textContent = text;
      return;
    }
    const truncated = response.headers.get('X-DKG-Truncated') === 'true';
    const limit = response.headers.get('X-DKG-Row-Limit');
    if (wanted) {
      const blob = new Blob([text], {type: accept});
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'results.' + wanted;
      link.textContent = 'download results.' + wanted;
      results.appendChild(link);
      statusLine.textContent = seconds + ' s';
      return;
    }
    const data = JSON.parse(text);
    results.appendChild(table(data));
    const n = data.results ? data.results.bindings.length : 1;
    statusLine.textContent = n + ' row(s) in ' + seconds + ' s' + (truncated ? ' (truncated at the ' + limit + '-row limit)' : '');
  } catch (err) {
    statusLine.textContent = '';
    errorBox.textContent = String(err);
  }
}

form.addEventListener('submit', run);
queryBox.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(e); });
