"""A read-only SPARQL 1.1 Protocol endpoint over the built store, with a query page.

Why it is built this way:

- pyoxigraph's `Store.query` cannot be interrupted and has no timeout, so queries run in worker
  processes that each open the on-disk store read-only. A request waits on its worker for at
  most `timeout` seconds; a worker that overruns is killed (SIGKILL) and replaced, so a runaway
  query costs one process, never the server. Rows beyond `max_rows` are not even pulled from the
  engine; the answer says it was truncated (`X-DKG-Truncated: true`).
- Oxigraph (and rdflib) follow `SERVICE <url>` over the network, which would let any visitor
  make this machine send requests anywhere. Every query is parsed with rdflib's SPARQL parser
  first and refused if it is an update (`INSERT`, `LOAD`...), contains a `SERVICE` pattern, or
  names in `FROM`/`FROM NAMED` (or the protocol's `default-graph-uri`/`named-graph-uri`) a graph
  the store does not hold. A second, independent check on the token stream refuses the keyword
  `SERVICE` anywhere outside strings, IRIs and comments, in case the two parsers ever disagree.
- The standard library's ThreadingHTTPServer serves concurrent clients; threads only parse,
  wait and serialise, the work happens in the worker processes.
- The query page is one HTML file and one script served from here (no CDN, works offline); it
  writes every value with `textContent`, never as HTML. A Content-Security-Policy of
  `default-src 'self'` backs that up.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import queue
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from dkg.graph.remote import keywords
from dkg.graph.results import Result
from dkg.schema.iris import PREFIXES

MAX_BODY = 1 << 20
MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
}
ALIASES = {
    "application/json": "json",
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
}
TABLE_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "ntriples")


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


# ---------------------------------------------------------------------------- the guard


def _walk(node):
    """Every node of rdflib's parse tree (CompValue, ParseResults, lists)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, CompValue):
            stack.extend(n.values())
        elif isinstance(n, (ParseResults, list, tuple)):
            stack.extend(n)
        elif isinstance(n, dict):
            stack.extend(n.values())


_PARSER_LOCK = threading.Lock()  # pyparsing's packrat cache is shared state


@functools.lru_cache(maxsize=2048)
def inspect_query(sparql: str) -> tuple[str, tuple[str, ...]]:
    """(query form, IRIs named in FROM / FROM NAMED); raises Refused for what must not run."""
    with _PARSER_LOCK:
        return _inspect(sparql)


def _inspect(sparql: str) -> tuple[str, tuple[str, ...]]:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(sparql)
    except ParseException as exc:
        try:
            parseUpdate(sparql)
        except ParseException:
            raise Refused(400, f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
        raise Refused(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP...) is refused") from None
    except Exception as exc:  # rdflib raises assorted errors on odd input
        raise Refused(400, f"SPARQL syntax error: {exc}") from None
    form, graphs, dataset = "", [], []
    prefixes = dict(PREFIXES)
    for node in _walk(tree):
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                raise Refused(403, "SERVICE is refused: this endpoint never sends requests to other servers")
            if node.name == "DatasetClause":
                dataset.append(node.get("default") if node.get("default") is not None else node.get("named"))
            if node.name == "PrefixDecl":
                prefixes[node.get("prefix") or ""] = str(node.get("iri"))
            if node.name.endswith("Query") and not form:
                form = node.name[: -len("Query")].upper()
    for name in dataset:
        if isinstance(name, CompValue) and name.name == "pname":  # graph:claims
            namespace = prefixes.get(name.get("prefix") or "")
            # an undeclared prefix cannot name a graph held here; refused below as unknown
            graphs.append(namespace + (name.get("localname") or "") if namespace is not None else f"{name.get('prefix')}:")
        else:
            graphs.append(str(name))  # a relative IRI never matches a graph held here
    if "SERVICE" in keywords(sparql):
        raise Refused(403, "SERVICE is refused: this endpoint never sends requests to other servers")
    return form, tuple(graphs)


# ---------------------------------------------------------------------------- workers


def _worker_main(store_dir: str, conn) -> None:
    """Answer jobs from one connection until it closes. Runs in its own process."""
    import pyoxigraph as ox

    from dkg.graph.store import _to_term

    store = ox.Store.read_only(store_dir)
    conn.send({"ready": True})
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            kwargs = {"prefixes": PREFIXES}
            if job["default_graphs"]:
                kwargs["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]]
            else:
                kwargs["use_default_graph_as_union"] = True
            if job["named_graphs"]:
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
            answer = store.query(job["query"], **kwargs)
            limit = job["max_rows"]
            if isinstance(answer, ox.QueryBoolean):
                out = {"kind": "boolean", "boolean": bool(answer)}
            elif isinstance(answer, ox.QuerySolutions):
                names = [v.value for v in answer.variables]
                rows, truncated = [], False
                for sol in answer:
                    if len(rows) >= limit:
                        truncated = True
                        break
                    rows.append({n: _to_term(sol[n]) for n in names if sol[n] is not None})
                out = {"kind": "solutions", "vars": names, "rows": rows, "truncated": truncated}
            else:
                triples, truncated = [], False
                for t in answer:
                    if len(triples) >= limit:
                        truncated = True
                        break
                    triples.append(t)
                fmt = ox.RdfFormat.TURTLE if job["graph_format"] == "turtle" else ox.RdfFormat.N_TRIPLES
                text = ox.serialize(triples, format=fmt, prefixes=PREFIXES) if fmt == ox.RdfFormat.TURTLE else ox.serialize(triples, format=fmt)
                out = {"kind": "graph", "text": text.decode("utf-8"), "truncated": truncated}
        except SyntaxError as exc:
            out = {"error": f"SPARQL syntax error: {exc}", "status": 400}
        except Exception as exc:  # an evaluation error is the query's, not the server's
            out = {"error": f"query failed: {exc}", "status": 400}
        conn.send(out)


class Worker:
    def __init__(self, ctx, store_dir: str):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(store_dir, child), daemon=True)
        self.process.start()
        child.close()
        if not self.conn.poll(60) or not self.conn.recv().get("ready"):
            self.kill()
            raise RuntimeError(f"a query worker could not open {store_dir}")

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query processes; one request uses one worker at a time."""

    def __init__(self, store_dir: Path, size: int, timeout: float, max_rows: int):
        self.store_dir, self.timeout, self.max_rows = str(store_dir), timeout, max_rows
        self.ctx = multiprocessing.get_context("spawn")  # no fork from a threaded process
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.replaced = 0
        for _ in range(size):
            self.idle.put(Worker(self.ctx, self.store_dir))

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        self.replaced += 1

        def start():
            try:
                self.idle.put(Worker(self.ctx, self.store_dir))
            except Exception as exc:  # e.g. the build was removed by a newer `dkg build`
                print(f"dkg serve: could not start a query worker: {exc}", file=sys.stderr, flush=True)

        threading.Thread(target=start, daemon=True).start()

    def run(self, sparql: str, default_graphs=(), named_graphs=(), graph_format="turtle") -> dict:
        deadline = time.monotonic() + self.timeout
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Refused(503, f"all query workers stayed busy for {self.timeout:g} s; try again") from None
        job = {
            "query": sparql,
            "default_graphs": list(default_graphs),
            "named_graphs": list(named_graphs),
            "max_rows": self.max_rows,
            "graph_format": graph_format,
        }
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.05, deadline - time.monotonic())):
                self._replace(worker)
                raise Refused(503, f"the query ran longer than the {self.timeout:g} s limit and was stopped")
            answer = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise Refused(500, "the query worker died; it has been replaced") from None
        self.idle.put(worker)
        if "error" in answer:
            raise Refused(answer["status"], answer["error"])
        return answer

    def close(self) -> None:
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                return


# ---------------------------------------------------------------------------- HTTP


def negotiate(accept: str | None, format_param: str | None, kind: str) -> str:
    """The result format: the `format` parameter, else the best match of the Accept header."""
    allowed = GRAPH_FORMATS if kind == "graph" else TABLE_FORMATS
    if format_param:
        name = ALIASES.get(format_param.lower(), format_param.lower())
        if name in ("ttl", "nt"):
            name = {"ttl": "turtle", "nt": "ntriples"}[name]
        if name not in allowed:
            raise Refused(406, f"format {format_param!r} is not available here; use one of {', '.join(allowed)}")
        return name
    choices = []
    for i, part in enumerate((accept or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        choices.append((-q, i, media.lower()))
    for neg_q, _i, media in sorted(choices):
        if neg_q >= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            return allowed[0]
        name = ALIASES.get(media)
        if name in allowed:
            return name
    raise Refused(406, f"none of the accepted media types can carry this result; use one of {', '.join(MEDIA[a] for a in allowed)}")


def render(answer: dict, fmt: str) -> bytes:
    if answer["kind"] == "graph":
        return answer["text"].encode("utf-8")
    result = Result(boolean=answer["boolean"]) if answer["kind"] == "boolean" else Result(answer["vars"], answer["rows"])
    text = {
        "json": lambda: json.dumps(result.to_json(), ensure_ascii=False),
        "xml": result.to_xml,
        "csv": result.to_csv,
        "tsv": result.to_tsv,
    }[fmt]()
    return text.encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server_version = "dkg-sparql/0.1"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: errors are logged in _fail
        pass

    # routes
    def do_GET(self):
        path, _, query_string = self.path.partition("?")
        if path in ("/", "/index.html"):
            return self._static(PAGE_HTML, "text/html; charset=utf-8")
        if path == "/query.js":
            return self._static(PAGE_JS, "text/javascript; charset=utf-8")
        if path == "/sparql":
            params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
            return self._protocol(params)
        self._fail(404, "not found: the endpoint is /sparql, the query page is /")

    def do_POST(self):
        path = self.path.partition("?")[0]
        if path != "/sparql":
            return self._fail(404, "not found: the endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._fail(413, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(self.path.partition("?")[2], keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/sparql-update":
            return self._fail(403, "this endpoint is read-only: SPARQL Update is refused")
        else:
            return self._fail(415, "send application/sparql-query or application/x-www-form-urlencoded")
        self._protocol(params)

    # the protocol
    def _protocol(self, params: dict) -> None:
        server: SparqlServer = self.server  # type: ignore[assignment]
        if "update" in params:
            return self._fail(403, "this endpoint is read-only: SPARQL Update is refused")
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            return self._fail(400, "pass exactly one SPARQL query in the `query` parameter")
        sparql = queries[0]
        default_graphs = params.get("default-graph-uri", [])
        named_graphs = params.get("named-graph-uri", [])
        try:
            form, dataset_iris = inspect_query(sparql)
            named = set(dataset_iris) | set(default_graphs) | set(named_graphs)
            unknown = sorted(g for g in named if g not in server.local_graphs)
            if unknown:
                raise Refused(403, f"only graphs held here may be named; refused: {', '.join(unknown)}")
            kind = "graph" if form in ("CONSTRUCT", "DESCRIBE") else "table"
            fmt = negotiate(self.headers.get("Accept"), (params.get("format") or [None])[0], kind)
            answer = server.pool.run(sparql, default_graphs, named_graphs, graph_format=fmt)
        except Refused as exc:
            return self._fail(exc.status, exc.message)
        body = render(answer, fmt)
        headers = {"X-DKG-Row-Limit": str(server.pool.max_rows)}
        if answer.get("truncated"):
            headers["X-DKG-Truncated"] = "true"
        self._send(200, MEDIA[fmt] + "; charset=utf-8", body, headers)
        server.record()

    # plumbing
    def _static(self, text: str, ctype: str) -> None:
        body = text.encode("utf-8")
        self._send(
            200,
            ctype,
            body,
            {"Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'", "Cache-Control": "no-cache"},
        )

    def _send(self, status: int, ctype: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _fail(self, status: int, message: str) -> None:
        if status >= 500:
            print(f"dkg serve: {status} {message}", file=sys.stderr, flush=True)
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # 50 clients connecting at once must not overflow the backlog

    def __init__(self, address, store_dir: Path, workers: int, timeout: float, max_rows: int):
        import pyoxigraph as ox

        probe = ox.Store.read_only(str(store_dir))
        self.local_graphs = {g.value for g in probe.named_graphs()}
        del probe
        self.pool = WorkerPool(store_dir, workers, timeout, max_rows)
        self.answered = 0
        self._lock = threading.Lock()
        super().__init__(address, Handler)

    def record(self) -> None:
        with self._lock:
            self.answered += 1

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


# ---------------------------------------------------------------------------- the query page
# Kept here, not in separate files, so that it ships with the module in any install.

PAGE_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>dkg SPARQL</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
  textarea { width: 100%; height: 14em; font: 13px/1.4 ui-monospace, monospace; box-sizing: border-box; }
  table { border-collapse: collapse; margin-top: 1em; }
  th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; max-width: 40em; overflow-wrap: anywhere; }
  th { background: #f3f3f3; }
  #status { margin-left: 1em; color: #555; }
  #error { color: #a00; white-space: pre-wrap; }
  .prefixes { color: #666; font-size: 12px; }
</style>
</head>
<body>
<h1>dkg SPARQL endpoint</h1>
<p class="prefixes">Read-only. Prefixes predeclared: dkg: id: claim: graph: prov: schema: skos: dcterms: rdf: rdfs: xsd: owl:.
The default graph is the union of all named graphs. Ctrl+Enter runs the query.</p>
<form id="form">
<textarea id="query" name="query" spellcheck="false">SELECT ?claim ?label (COUNT(?appearance) AS ?appearances) WHERE {
  ?appearance dkg:claim ?claim .
  OPTIONAL { ?claim rdfs:label ?label }
}
GROUP BY ?claim ?label
ORDER BY DESC(?appearances) ?claim
LIMIT 20</textarea>
<p><button id="run" type="submit">Run</button>
<label>download as <select id="format"><option value="">table</option><option>json</option><option>xml</option><option>csv</option><option>tsv</option></select></label>
<span id="status"></span></p>
</form>
<div id="error"></div>
<div id="results"></div>
<script src="/query.js"></script>
</body>
</html>
"""

PAGE_JS = r"""'use strict';
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
"""
