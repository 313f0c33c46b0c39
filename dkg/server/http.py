"""The SPARQL 1.1 Protocol over HTTP, and who may use it.

- The standard library's ThreadingHTTPServer serves concurrent clients; threads only read the
  request, wait on a worker (pool.py) and serialise; checking and running a query happen in the
  worker. A socket that stays silent for `IDLE_SECONDS` is closed, so idle or stalled
  connections cannot pin threads forever.
- A web page the analyst happens to visit can make the browser send requests to this server.
  The Host header must name the address the server is bound to (or loopback), which defeats DNS
  rebinding; a request whose Origin is not this server's own is refused unless `--cors ORIGIN`
  allows that origin, and then only that origin gets CORS headers. Cross-site requests that
  carry no Origin (an image or script tag) are refused by their Sec-Fetch-Site header, except
  a plain navigation (a shared link to a query).
- Malformed requests get a status and a one-line reason; the log gets one line per failure,
  never a traceback for something a client did (a bad Content-Length, a closed connection).
  Two Host headers are refused (which one a proxy in front read is unknown); a method other
  than GET, HEAD, POST and OPTIONS is a 405 with `Allow`; a body is UTF-8 or refused (415).
- Formats and media types come from one table (graph/formats.py), which also reads Accept;
  the worker serialises the answer (pool.py) and this thread only sends its bytes.
- The query page is package data (page/index.html, page/query.js), served from here (no CDN,
  works offline); it writes every value with `textContent`, never as HTML. A
  Content-Security-Policy of `default-src 'self'` backs that up.
"""

from __future__ import annotations

import ipaddress
import json
import re
import secrets
import socket
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

from dkg.graph import formats

from .guard import Refused
from .pool import MAX_BYTES, MEMORY_BYTES, WorkerPool

MAX_BODY = 1 << 20
IDLE_SECONDS = 60
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
WILDCARDS = {"", "0.0.0.0", "::"}
_PAGE = resources.files(__package__) / "page"
STATIC = {  # path -> (package file, media type)
    "/": ("index.html", "text/html"),
    "/index.html": ("index.html", "text/html"),
    "/query.js": ("query.js", "text/javascript"),
    "/query.css": ("query.css", "text/css"),
    "/views.js": ("views.js", "text/javascript"),
}
VENDOR = _PAGE / "vendor"
CSP = "default-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
QUERY_METHODS = "GET, HEAD, POST, OPTIONS"  # /sparql
READ_METHODS = "GET, HEAD, OPTIONS"  # everything else


def _not_acceptable(format_param: str | None, offered: tuple[formats.Format, ...], what: str) -> Refused:
    names = ", ".join(f.name for f in offered)
    if format_param and formats.by_name(format_param, offered) is None:
        return Refused(406, f"format {format_param[:40]!r} is not available for {what}; use one of {names}")
    return Refused(406, f"none of the accepted media types can carry {what}; use one of {', '.join(f.media for f in offered)} (or format= {names})")


def choose(accept: str | None, format_param: str | None) -> dict:
    """The format name for each kind of result, or the 406 to give if that kind comes back:
    the worker learns the kind from what the query returns."""
    out = {}
    for kind, offered, what in (("table", formats.RESULTS, "SELECT and ASK results"), ("graph", formats.GRAPHS, "CONSTRUCT and DESCRIBE results")):
        chosen = formats.negotiate(accept, format_param, offered)
        if chosen is None:
            refusal = _not_acceptable(format_param, offered, what)
            out[kind] = {"status": refusal.status, "error": refusal.message}
        else:
            out[kind] = chosen.name
    return out


def _utf8(body: bytes, charset: str | None) -> str:
    """A request body as text: the protocol's bodies are UTF-8 (SPARQL 1.1 Protocol 2.1.2, 2.1.3)."""
    if charset is not None and charset.strip().lower() not in ("utf-8", "utf8"):
        raise Refused(415, f"the body's charset is {charset[:40]!r}: send SPARQL as UTF-8 (charset=utf-8)")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(400, f"the body is not UTF-8 (byte {exc.start}); send SPARQL as UTF-8") from None


def _split_host(value: str) -> tuple[str, int | None] | None:
    """(lower-case host without brackets, port or None) of a Host header; None if malformed."""
    try:
        parts = urllib.parse.urlsplit("//" + value.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host or parts.path or parts.username is not None:
        return None
    return host.rstrip("."), port


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class Handler(BaseHTTPRequestHandler):
    server_version = "dkg-sparql/0.1"
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS
    # Headers and body leave in two writes: with Nagle's algorithm on, the second waited for
    # the client's delayed ACK of the first (40 ms on Linux), and most answers are small
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):  # quiet: failures are logged one line each in _log
        pass

    # routes
    def do_GET(self):
        self._dispatch(self._get)

    def do_HEAD(self):
        self._dispatch(self._get)

    def do_POST(self):
        self._dispatch(self._post)

    def do_OPTIONS(self):
        self._dispatch(self._options)

    def __getattr__(self, name: str):
        """Any other method (PUT, DELETE, PATCH, PROPFIND...): 405 with the methods the path
        takes, not http.server's HTML 501. The endpoint is read-only, so no method that writes
        is ever implemented."""
        if name.startswith("do_"):
            return lambda: self._dispatch(self._not_allowed)
        raise AttributeError(name)

    def _allowed(self) -> str:
        return QUERY_METHODS if self.path.partition("?")[0] == "/sparql" else READ_METHODS

    def _not_allowed(self) -> None:
        self.close_connection = True  # a body, if any, is not read
        raise Refused(405, f"{self.command[:20]} is not allowed here: this endpoint is read-only; it takes {self._allowed()}",
                      {"Allow": self._allowed()})

    def _dispatch(self, route) -> None:
        """Run a route; a client that went away is one log line, an internal error a 500."""
        self._cors_origin, self._body_read = None, False
        try:
            self._check_host_and_origin()
            route()
        except Refused as exc:
            if self.command == "POST" and not self._body_read:
                self.close_connection = True  # an unread body must not be taken for the next request
            self._fail(exc.status, exc.message, exc.headers)
        except (ConnectionError, TimeoutError):
            raise  # the client is gone: SparqlServer.handle_error logs one line
        except Exception as exc:
            self.close_connection = True
            self.server.log(f"{self.client_address[0]}: internal error on {self.command} {self.path[:80]!r}: {type(exc).__name__}: {exc}")
            self._fail(500, "internal error; the server log says more")

    def _get(self) -> None:
        path, _, query_string = self.path.partition("?")
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if path in STATIC:
            name, media = STATIC[path]
            if media == "text/html":
                return self._query_page()
            return self._static((_PAGE / name).read_bytes(), media)
        if path.startswith("/vendor/"):
            return self._vendor(path[len("/vendor/"):])
        if path == "/pages.css":
            return self._static(page_render().CSS.encode("utf-8"), "text/css")
        if path == "/context.jsonld":
            return self._static(_context_bytes(), formats.JSONLD.media)
        if path == "/examples.json":
            return self._static(_examples_bytes(), "application/json")
        if path == "/sparql":
            if "query" not in params and "update" not in params:
                return self._service_description()
            return self._protocol(params)
        if path.startswith("/id/"):
            return self._page(urllib.parse.unquote(path[len("/id/"):]), params)
        if path.startswith("/views/"):
            return self._view(urllib.parse.unquote(path[len("/views/"):]))
        raise Refused(404, "not found: the endpoint is /sparql, the query page is /, pages are under /id/, views under /views/")

    def _query_page(self) -> None:
        """The query page. The editor (CodeMirror) writes its own stylesheet into the page; a
        fresh nonce per response lets that one <style> element in, and nothing else inline."""
        nonce = secrets.token_urlsafe(18)
        from dkg.schema.iris import PREFIXES  # the page's prefixes, never retyped in query.js

        prefixes = json.dumps(PREFIXES).replace("<", "\\u003c")  # inert inside its <script type="application/json">
        body = (_PAGE / "index.html").read_text(encoding="utf-8").replace("__STYLE_NONCE__", nonce).replace("__PREFIXES__", prefixes).encode("utf-8")
        csp = CSP.replace("style-src 'self'", f"style-src 'self' 'nonce-{nonce}'")
        self._send(200, "text/html; charset=utf-8", body, {"Content-Security-Policy": csp, "Cache-Control": "no-store"})

    def _page(self, slug: str, params: dict) -> None:
        """/id/<slug>, /id/claim/<key> (and other minted nodes): HTML for a browser, RDF by
        content negotiation or ?format=; /id/ lists every page."""
        server: SparqlServer = self.server  # type: ignore[assignment]
        fmt = _page_format(self.headers.get("Accept"), (params.get("format") or [None])[0])
        slug = slug.removeprefix("claim/") if slug.startswith("claim/") else slug
        here = self.path.partition("?")[0].lstrip("/")
        number = (params.get("page") or ["1"])[-1]
        if not re.fullmatch(r"[1-9][0-9]{0,5}", number):
            raise Refused(400, f"page={number[:20]!r}: give a page number, 1 or more")
        answer = server.pool.page(slug, fmt, here, int(number))
        body = answer["text"].encode("utf-8")
        headers = {"Vary": "Accept", "X-DKG-Build": answer["build"]}
        if answer["media"] == "text/html":
            headers.update({"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                            "Cache-Control": "no-cache"})
        self._send(answer["status"], answer["media"] + "; charset=utf-8", body, headers)

    def _view(self, name: str) -> None:
        """/views/graph.html, /views/sources.html, /views/claim/<key>.html (views.py), drawn in a worker."""
        from .views import csp

        server: SparqlServer = self.server  # type: ignore[assignment]
        answer = server.pool.view(name)
        body = answer["text"].encode("utf-8")
        headers = {"X-DKG-Build": answer["build"], "Cache-Control": "no-cache"}
        if answer["media"] == "text/html":
            headers["Content-Security-Policy"] = csp(answer["text"])
        self._send(answer["status"], answer["media"] + "; charset=utf-8", body, headers)

    def _service_description(self) -> None:
        """GET /sparql with no query: what this endpoint is, in the SPARQL 1.1 Service Description vocabulary."""
        fmt = formats.negotiate(self.headers.get("Accept"), None, formats.GRAPHS)
        if fmt is None:
            raise _not_acceptable(None, formats.GRAPHS, "the service description")
        text = service_description(self._endpoint(), fmt)
        self._send(200, fmt.media + "; charset=utf-8", text.encode("utf-8"))

    def _endpoint(self) -> str:
        """This endpoint's URL as the client addressed it (the Host header is checked already):
        the service description's subject and the base IRI of queries (Protocol 2.1.3 allows the
        endpoint), so `<relative>` IRIs in a query resolve."""
        host = self.headers.get("Host")
        if not host:  # HTTP/1.0 without Host: the bound address (bracketed if IPv6)
            address, port = self.server.server_address[:2]
            host = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
        return f"http://{host.strip()}/sparql"

    def _vendor(self, name: str) -> None:
        files = {p.name: p for p in VENDOR.iterdir()} if VENDOR.is_dir() else {}
        if name not in files:
            raise Refused(404, f"not found: /vendor/{name[:80]}")
        media = {"js": "text/javascript", "css": "text/css", "txt": "text/plain"}.get(name.rsplit(".", 1)[-1], "text/plain")
        self._static(files[name].read_bytes(), media)

    def _post(self) -> None:
        path = self.path.partition("?")[0]
        body = self._body()  # read (or refuse) the body first, so the connection stays in step
        if path != "/sparql":
            raise Refused(404, "not found: the endpoint is /sparql")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = _utf8(body, self.headers.get_param("charset") if self.headers.get("Content-Type") else None)
        params = urllib.parse.parse_qs(self.path.partition("?")[2], keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/sparql-update":
            raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
        else:
            raise Refused(415, "send application/sparql-query or application/x-www-form-urlencoded")
        self._protocol(params)

    def _options(self) -> None:
        """The methods a path takes; for an origin `--cors` allows (checked already), a CORS preflight."""
        allow = self._allowed()
        headers = {"Allow": allow}
        if self._cors_origin is not None:
            headers.update(
                {
                    "Access-Control-Allow-Methods": allow,
                    "Access-Control-Allow-Headers": "Content-Type, Accept",
                    "Access-Control-Max-Age": "600",
                }
            )
        self._send(204, None, b"", headers)

    # who may ask
    def _check_host_and_origin(self) -> None:
        server: SparqlServer = self.server  # type: ignore[assignment]
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1:  # which one a proxy or cache in front read is anyone's guess (RFC 9112 3.2: 400)
            self.close_connection = True
            raise Refused(400, f"refused: {len(hosts)} Host headers; send one")
        host = hosts[0] if hosts else None
        if host is not None and not server.host_allowed(host):
            self.close_connection = True
            raise Refused(421 if _split_host(host) else 400, f"refused: Host {host[:100]!r} is not this server's address")
        origin = self.headers.get("Origin")
        if origin is not None:
            origin = origin.strip().lower().rstrip("/")
            own = host is not None and origin in (f"http://{host.strip().lower()}",)
            if own:
                return
            if origin in server.cors:
                self._cors_origin = origin
                return
            raise Refused(403, f"cross-origin request from {origin[:100]!r} refused; start `dkg serve --cors {origin[:100]}` to allow it")
        site = (self.headers.get("Sec-Fetch-Site") or "").lower()
        mode = (self.headers.get("Sec-Fetch-Mode") or "").lower()
        if site in ("cross-site", "same-site") and mode != "navigate":
            raise Refused(403, "cross-site request refused (Sec-Fetch-Site: " + site + ")")

    # the protocol
    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise Refused(411, "send the body with a Content-Length, not chunked")
        values = self.headers.get_all("Content-Length") or ["0"]
        if len(set(values)) != 1 or not re.fullmatch(r"\d{1,12}", values[0].strip()):
            self.close_connection = True
            raise Refused(400, f"bad Content-Length header: {', '.join(values)[:60]!r}")
        length = int(values[0])
        if length > MAX_BODY:
            self.close_connection = True
            raise Refused(413, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length)
        self._body_read = True
        return body

    def _protocol(self, params: dict) -> None:
        server: SparqlServer = self.server  # type: ignore[assignment]
        if "update" in params:
            raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            raise Refused(400, "pass exactly one SPARQL query in the `query` parameter")
        chosen = choose(self.headers.get("Accept"), (params.get("format") or [None])[0])
        answer = server.pool.run(queries[0], params.get("default-graph-uri", []), params.get("named-graph-uri", []), chosen, self._endpoint())
        headers = {"X-DKG-Row-Limit": str(server.pool.max_rows), "X-DKG-Build": answer["build"], "Vary": "Accept"}
        if answer.get("truncated"):
            headers["X-DKG-Truncated"] = "true"
        self._send(200, answer["media"] + "; charset=utf-8", answer["body"], headers)
        server.record()

    # plumbing
    def _static(self, body: bytes, media: str) -> None:
        self._send(200, media + "; charset=utf-8", body, {"Content-Security-Policy": CSP, "Cache-Control": "no-cache"})

    def _send(self, status: int, ctype: str | None, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if self._cors_origin is not None:
            self.send_header("Access-Control-Allow-Origin", self._cors_origin)
            self.send_header("Access-Control-Expose-Headers", "X-DKG-Truncated, X-DKG-Row-Limit, X-DKG-Build")
            self.send_header("Vary", "Origin")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _fail(self, status: int, message: str, headers: dict | None = None) -> None:
        if status >= 500:
            self.server.log(f"{status} {message}")
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), headers)


def _page_format(accept: str | None, format_param: str | None) -> str:
    """html, ttl, jsonld, nt or rdf for a page: ?format=, else the best Accept match."""
    chosen = formats.negotiate(accept, format_param, formats.PAGES)
    if chosen is None:
        raise _not_acceptable(format_param, formats.PAGES, "pages")
    return chosen.name


def page_render():
    from dkg.pages import render

    return render


def _context_bytes() -> bytes:
    from dkg.graph.export import CONTEXT_FILE

    return (resources.files("dkg.schema") / CONTEXT_FILE).read_bytes()


def _examples_bytes() -> bytes:
    """The bundled questions (queries/library.py) as examples for the query page."""
    from dkg.queries import library

    items = [
        {"name": q.name, "title": q.title, "summary": q.summary, "description": q.description, "params": [[p.name, p.description] for p in q.params], "query": q.portable_text}
        for q in library.all_queries()
    ]
    return json.dumps(items, ensure_ascii=False).encode("utf-8")


def service_description(endpoint: str, fmt: formats.Format) -> str:
    """A SPARQL 1.1 Service Description of this endpoint (built as triples, serialised by Oxigraph)."""
    import pyoxigraph as ox

    from dkg.graph.export import jsonld
    from dkg.schema.iris import PREFIXES, REGISTRY_GRAPH

    sd = "http://www.w3.org/ns/sparql-service-description#"
    me = ox.NamedNode(endpoint)
    dataset = ox.BlankNode("dataset")
    a = ox.NamedNode(PREFIXES["rdf"] + "type")
    triples = [
        ox.Triple(me, a, ox.NamedNode(sd + "Service")),
        ox.Triple(me, ox.NamedNode(sd + "endpoint"), me),
        ox.Triple(me, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")),
        ox.Triple(me, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph")),
        ox.Triple(me, ox.NamedNode(sd + "defaultDataset"), dataset),
        ox.Triple(dataset, a, ox.NamedNode(sd + "Dataset")),
        ox.Triple(dataset, ox.NamedNode(PREFIXES["rdfs"] + "comment"), ox.Literal("Unless the query (FROM, FROM NAMED) or the request (default-graph-uri, named-graph-uri) names a dataset, the default graph is the union of all named graphs, one per source document plus registry, claims and ontology; read-only, no SERVICE.")),
        ox.Triple(dataset, ox.NamedNode(sd + "namedGraph"), ox.NamedNode(REGISTRY_GRAPH)),
    ]
    for served in (*formats.RESULTS, *formats.GRAPHS):
        triples.append(ox.Triple(me, ox.NamedNode(sd + "resultFormat"), ox.NamedNode(served.w3)))
    if fmt is formats.JSONLD:
        return jsonld(triples)
    return ox.serialize(triples, format=fmt.ox, prefixes={"sd": sd, **PREFIXES} if fmt is not formats.NTRIPLES else None).decode("utf-8")


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # 50 clients connecting at once must not overflow the backlog

    def __init__(self, address, out_dir: Path, workers: int, timeout: float, max_rows: int, cors: tuple[str, ...] = (),
                 max_bytes: int = MAX_BYTES, worker_memory: int = MEMORY_BYTES, queue_wait: float | None = None,
                 threads: int = 1):
        self.cors = {c.lower().rstrip("/") for c in cors}
        self.answered = 0
        self._lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)  # bind first: a taken port fails before workers start
        try:
            self.pool = WorkerPool(out_dir, workers, timeout, max_rows, max_bytes, worker_memory, queue_wait, threads)
        except BaseException:
            super().server_close()
            raise
        self._allowed_hosts = self._hosts()

    def _hosts(self) -> set[str]:
        """Host names (lower case) that address this server."""
        bound = self.server_address[0].lower()
        names = set(LOOPBACK_NAMES) | {bound}
        if bound in WILDCARDS:
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        return names

    def host_allowed(self, value: str) -> bool:
        parsed = _split_host(value)
        if parsed is None:
            return False
        host, port = parsed
        if (port or 80) != self.server_address[1]:
            return False
        if host in self._allowed_hosts:
            return True
        # bound to every interface: any address of this machine may be used; a DNS rebinding
        # attack needs a name, so IP literals are safe to accept
        return self.server_address[0] in WILDCARDS and _is_ip(host)

    def log(self, line: str) -> None:
        print(f"dkg serve: {line}", file=sys.stderr, flush=True)

    def handle_error(self, request, client_address) -> None:
        """One line per failed connection, never a traceback."""
        exc = sys.exc_info()[1]
        who = client_address[0] if client_address else "a client"
        if isinstance(exc, (ConnectionError, TimeoutError)):
            self.log(f"{who}: the client closed or stalled the connection ({type(exc).__name__}); nothing more was sent")
        else:
            self.log(f"{who}: the connection failed: {type(exc).__name__}: {exc}")

    def record(self) -> None:
        with self._lock:
            self.answered += 1

    def server_close(self) -> None:
        super().server_close()
        pool = getattr(self, "pool", None)  # none yet when binding failed (socketserver closes then)
        if pool is not None:
            pool.close()
