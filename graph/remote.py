"""Any SPARQL 1.1 store over HTTP, behind the same `Store` interface as the embedded one.

Teams whose data outgrow one machine run a real triple store (Oxigraph server, Virtuoso,
Fuseki, GraphDB...) and point dkg at it. Only the W3C protocols are used, with the standard
library's urllib, so nothing here is tied to one vendor:

- SPARQL 1.1 Protocol (queries): POST, form-encoded, results as SPARQL JSON;
- SPARQL 1.1 Update (writes): `DROP SILENT GRAPH` then `INSERT DATA` in batches, so no request
  is too large for the server and none is sent per triple;
- SPARQL 1.1 Graph Store Protocol (writes, when `gsp_endpoint` is given): one PUT per named
  graph, which replaces it in a single request.

The dataset. The embedded store answers queries over the union of the named graphs. A remote
store may hold other data too (Virtuoso keeps its own system graphs), so by default every query
is sent with the protocol's `default-graph-uri` and `named-graph-uri` set to dkg's own graphs
(those under `https://w3id.org/dkg/graph/`): the default graph is their merge and `GRAPH ?g`
sees only them, the same answers as the embedded store. With thousands of graphs this list gets
long; `dataset="server"` instead trusts a server configured to use the union as its default
graph (`oxigraph serve --union-default-graph`; Virtuoso's default). `dataset="auto"` (the
default) picks "server" for Virtuoso, whose property paths (`+`, `?`) match nothing under an
explicit dataset (found by the live tests; its system graphs are then visible to `?s ?p ?o`),
and "graphs" for every other store.

Bindings: see graph/binding.py; the same rewriting serves the embedded store.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.client
import io
import json
import re
import secrets
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import pyoxigraph as ox

from ..loaders import nt
from ..schema import iris
from ..schema.errors import QuerySyntaxError, UnusableInput
from .results import Result, Term
from .binding import bind_values, query_form, term_text, with_prefixes
from .store import Binding, OxigraphStore, Store

GRAPH_PREFIX = iris.GRAPH
STAGING_PREFIX = GRAPH_PREFIX + "staging/"  # a graph being filled batch by batch before it replaces its target


def _dkg_graphs_filter(var: str = "?g") -> str:
    """Graphs dkg owns: under GRAPH_PREFIX, but not half-filled staging graphs."""
    return f"FILTER(STRSTARTS(STR({var}), {nt.literal(GRAPH_PREFIX)}) && !STRSTARTS(STR({var}), {nt.literal(STAGING_PREFIX)}))"

# A reply bigger than this is refused as it arrives: a SPARQL JSON reply takes about ten times
# its size once parsed (a 300 MB reply took 3.28 GB), and push replies are a few bytes.
MAX_REPLY_BYTES = 64 * 1024 * 1024
_CHUNK = 1 << 20


class _Deadline:
    """The whole of one request (connecting, sending, every byte of the reply) within `seconds`.

    urllib's `timeout` bounds each socket operation, so a server that drips a byte every two
    seconds keeps a request going for as long as it drips (at --timeout 5: 42 s). A timer shuts the
    request's sockets down when the time is up, which ends whatever read or write is waiting."""

    def __init__(self, seconds: float):
        self.seconds, self.expired = seconds, False
        self.sockets: list = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock) -> None:
        self.sockets.append(sock)
        if self.expired:
            self._expire()

    def _expire(self) -> None:
        self.expired = True
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self._timer.cancel()


def _deadline_connection(base):
    class Connection(base):
        def __init__(self, *args, deadline: _Deadline, **kwargs):
            super().__init__(*args, **kwargs)
            self._deadline = deadline

        def connect(self):
            super().connect()
            self._deadline.watch(self.sock)

    return Connection


_HTTP, _HTTPS = _deadline_connection(http.client.HTTPConnection), _deadline_connection(http.client.HTTPSConnection)


class _DeadlineHTTP(urllib.request.HTTPHandler):
    def do_open(self, http_class, req, **kwargs):
        return super().do_open(functools.partial(_HTTP, deadline=req.deadline), req, **kwargs)


class _DeadlineHTTPS(urllib.request.HTTPSHandler):
    def do_open(self, http_class, req, **kwargs):
        return super().do_open(functools.partial(_HTTPS, deadline=req.deadline), req, **kwargs)


def read_capped(response, limit: int, url: str) -> bytes:
    """The whole body of a reply, refused as soon as it is larger than `limit` bytes."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise UnusableInput(f"{url}: the answer is {int(declared) / 1048576:.0f} MB, more than the {limit / 1048576:.0f} MB allowed (dkg push --max-reply raises it)")
    parts, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise UnusableInput(f"{url}: the answer is larger than the {limit / 1048576:.0f} MB allowed; stopped reading (dkg push --max-reply raises it)")
        parts.append(chunk)
    return b"".join(parts)


class _Auth:
    """HTTP authentication sent with the request, never after it.

    urllib's auth handlers send each request bare, wait for the server's 401 and send it again
    with credentials. For a PUT of a large graph that is wrong twice over: the body crosses the
    network twice, and a server that answers 401 before reading the body and closes the
    connection (Virtuoso does, and under load it does so while the client is still writing)
    makes the first send fail with a broken pipe or a reset, which no handler retries. So the
    challenge is fetched once with a bodiless request, and every later request carries its
    Authorization header from the start: Digest (RFC 7616, MD5 with qop=auth, the nonce reused
    with a counting nc, as the RFC allows) or Basic, whichever the server asked for.

    Kept rather than httpx's `DigestAuth`, measured on the strict loopback server of
    tests/test_remote_auth.py (401 before reading the body, then a reset), three PUTs of 12 MB:
    this class sent no body bare (HEAD + 3 PUTs, 0.07-0.12 s); httpx.DigestAuth alone sent the
    first 12 MB bare, as urllib's handlers do; with a HEAD sent first through the same client it
    reuses the challenge too (0 bare bodies) but took 0.25-0.28 s. Moving would mean a new
    dependency and all of this module's HTTP on httpx, whose timeouts are per operation as
    urllib's are (the total deadline, _Deadline, would stay hand-written), for ~40 lines here.
    """

    def __init__(self, user: str, password: str):
        self.user, self.password = user, password
        self.challenges: dict[str, dict[str, str]] = {}  # scheme://host:port -> challenge
        self.counts: dict[str, int] = {}

    @staticmethod
    def origin(url: str) -> str:
        parts = urllib.parse.urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def learn(self, url: str, header: str | None) -> bool:
        """Remember a WWW-Authenticate challenge; False when there is none we can answer."""
        challenge = parse_challenge(header or "")
        if challenge is None:
            return False
        self.challenges[self.origin(url)] = challenge
        self.counts[self.origin(url)] = 0
        return True

    def known(self, url: str) -> bool:
        return self.origin(url) in self.challenges

    def header(self, url: str, method: str) -> str | None:
        challenge = self.challenges.get(self.origin(url))
        if challenge is None:
            return None
        if challenge["scheme"] == "basic":
            token = base64.b64encode(f"{self.user}:{self.password}".encode("utf-8")).decode("ascii")
            return "Basic " + token
        parts = urllib.parse.urlsplit(url)
        uri = parts.path + (("?" + parts.query) if parts.query else "") or "/"
        algorithm = challenge.get("algorithm", "MD5")
        realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
        md5 = lambda text: hashlib.md5(text.encode("utf-8")).hexdigest()  # noqa: E731 - the RFC's H()
        ha1 = md5(f"{self.user}:{realm}:{self.password}")
        cnonce = secrets.token_hex(8)
        if algorithm.upper() == "MD5-SESS":
            ha1 = md5(f"{ha1}:{nonce}:{cnonce}")
        ha2 = md5(f"{method}:{uri}")
        fields = {"username": self.user, "realm": realm, "nonce": nonce, "uri": uri, "algorithm": algorithm}
        qops = [q.strip() for q in challenge.get("qop", "").split(",") if q.strip()]
        if "auth" in qops:
            self.counts[self.origin(url)] += 1
            nc = f"{self.counts[self.origin(url)]:08x}"
            fields |= {"qop": "auth", "nc": nc, "cnonce": cnonce, "response": md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")}
        else:
            fields["response"] = md5(f"{ha1}:{nonce}:{ha2}")
        if "opaque" in challenge:
            fields["opaque"] = challenge["opaque"]
        bare = ("qop", "nc", "algorithm")  # unquoted tokens in the RFC's grammar
        return "Digest " + ", ".join(f'{k}={v}' if k in bare else f'{k}="{v}"' for k, v in fields.items())


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects as a store client must take them. urllib's own handler follows a 302 anywhere,
    keeps an Authorization header it was given (so another host receives the credentials) and
    turns a POST into a GET (so a write silently becomes a read). Here a write (anything but GET
    and HEAD) is never redirected, and with credentials no redirect leaves the origin; either
    is a message naming both addresses, so the user can give the final URL."""

    def __init__(self, with_credentials: bool):
        super().__init__()
        self.with_credentials = with_credentials

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old = req.full_url
        new = urllib.parse.urljoin(old, newurl)
        method = req.get_method()
        if method not in ("GET", "HEAD"):
            raise UnusableInput(
                f"{old} answered {code} {msg}, a redirect to {new}: dkg does not re-send a {method} "
                "to another address (it could turn a write into a read); give the final URL"
            )
        if (self.with_credentials or req.has_header("Authorization")) and _Auth.origin(new) != _Auth.origin(old):
            raise UnusableInput(
                f"{old} answered {code} {msg}, a redirect to another origin ({_Auth.origin(new)}): "
                "dkg does not send credentials there; give the final URL if you trust it"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def parse_challenge(header: str) -> dict[str, str] | None:
    """The Digest (preferred) or Basic challenge of a WWW-Authenticate header.

    >>> parse_challenge('Digest realm="SPARQL", nonce="abc", qop="auth"')["nonce"]
    'abc'
    >>> parse_challenge('Basic realm="x"')["scheme"]
    'basic'
    >>> parse_challenge('Bearer') is None
    True
    """
    found: dict[str, dict[str, str]] = {}
    for scheme, params in re.findall(r"(?i)\b(digest|basic)\b((?:\s*,?\s*[a-zA-Z-]+=(?:\"[^\"]*\"|[^\s,]+))*)", header):
        fields = {k.lower(): v.strip('"') for k, v in re.findall(r'([a-zA-Z-]+)=("[^"]*"|[^\s,]+)', params)}
        found[scheme.lower()] = {"scheme": scheme.lower(), **fields}
    return found.get("digest") or found.get("basic")


def parse_auth(text: str | None) -> tuple[str, str] | None:
    """`--auth user:password` as (user, password); None when not given."""
    if not text:
        return None
    user, sep, password = text.partition(":")
    if not sep:
        raise UnusableInput("--auth must be user:password")
    return user, password


class RemoteStore(Store):
    """A SPARQL 1.1 store over HTTP as a `Store`: queries, writes by Update or the Graph Store
    Protocol, and dkg's own graphs as the dataset (see the module docstring); `requests` counts
    what was sent, for push reports and tests."""

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        gsp_endpoint: str | None = None,
        auth: tuple[str, str] | str | None = None,
        timeout: float = 120.0,
        max_reply: int = MAX_REPLY_BYTES,
        batch_size: int = 2000,
        dataset: str = "auto",
        progress: Callable[[str], None] | None = None,
    ):
        if dataset not in ("auto", "graphs", "server"):
            raise UnusableInput("dataset is 'auto', 'graphs' or 'server'")
        for url in (endpoint, update_endpoint, gsp_endpoint):
            if url and urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise UnusableInput(f"{url}: not an http(s) URL")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.gsp_endpoint = gsp_endpoint
        self.auth = parse_auth(auth) if isinstance(auth, str) else auth
        self.timeout = timeout  # seconds each request may take in all (see _Deadline)
        self.max_reply = max_reply
        self.batch_size = max(1, batch_size)
        self.dataset = dataset
        self.progress = progress or (lambda s: None)
        self._auth = _Auth(*self.auth) if self.auth else None
        # no auth handlers (_Auth sends credentials up front), no redirect followed blindly, and
        # connections that keep to a deadline
        self._opener = urllib.request.build_opener(_Redirects(bool(self.auth)), _DeadlineHTTP(), _DeadlineHTTPS())
        self._graph_cache: list[str] | None = None
        self.requests = 0
        self.server_software = ""

    # ------------------------------------------------------------------ HTTP

    def _send(self, url: str, data: bytes | None, headers: dict, method: str = "POST") -> bytes:
        """One request; with credentials, sent with its Authorization header from the start."""
        self.requests += 1
        if self._auth and not self._auth.known(url):
            self._probe(url)
        for attempt in range(3):
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            if self._auth and (value := self._auth.header(url, method)):
                request.add_header("Authorization", value)
            try:
                return self._fetch(request, url)
            except urllib.error.HTTPError as exc:
                # 401 again: a stale nonce or a challenge first met now; learn it and resend once more
                if exc.code == 401 and self._auth and attempt < 2 and self._auth.learn(url, exc.headers.get("WWW-Authenticate")):
                    exc.read()
                    continue
                body = exc.read().decode("utf-8", "replace").strip()
                message = f"{url} answered {exc.code} {exc.reason}: {body[:500]}"
                if exc.code == 401:
                    message += "\n(check --auth user:password)"
                if exc.code in (400, 413, 500) and data and len(data) > 100_000:
                    message += "\n(a large request: if the server refuses its size, lower --batch-size)"
                if exc.code == 400:
                    raise QuerySyntaxError(message) from None
                raise UnusableInput(message) from None
            except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, (TimeoutError, OSError)) and "timed out" in str(reason):
                    raise UnusableInput(f"{url}: no answer within {self.timeout:g} s (raise --timeout for a slow store)") from None
                raise UnusableInput(f"{url}: cannot reach the store: {reason}") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _fetch(self, request: urllib.request.Request, url: str) -> bytes:
        """One request and its whole reply within the total deadline (--timeout) and the size
        cap (--max-reply); a refusal's body, read under the same bounds, comes with its HTTPError."""
        request.deadline = deadline = _Deadline(self.timeout)
        late = UnusableInput(f"{url}: no answer within {self.timeout:g} s, counting the whole answer (raise --timeout for a slow store)")
        try:
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    self.server_software = response.headers.get("Server", "")
                    body = read_capped(response, self.max_reply, url)
            except urllib.error.HTTPError as exc:
                body = exc.read(64 * 1024)
                if deadline.expired:
                    raise late from None
                raise urllib.error.HTTPError(exc.url, exc.code, exc.reason, exc.headers, io.BytesIO(body)) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if deadline.expired and not isinstance(exc, urllib.error.HTTPError):
                raise late from None
            raise
        finally:
            deadline.cancel()
        if deadline.expired:  # a shut socket can also read as the end of the reply
            raise late
        return body

    def _probe(self, url: str) -> None:
        """Fetch the server's challenge with a bodiless request and try the credentials on it, so
        that no body is ever sent bare and wrong credentials are told before any data goes out."""
        for attempt in range(2):
            request = urllib.request.Request(url, method="HEAD")
            if attempt and (value := self._auth.header(url, "HEAD")):
                request.add_header("Authorization", value)
            try:
                self._fetch(request, url)
                return
            except urllib.error.HTTPError as exc:
                if exc.code != 401:
                    return  # HEAD not offered here: the real request is answered as it comes
                if attempt:
                    raise UnusableInput(f"{url} refused the credentials (401 Unauthorized): check --auth user:password") from None
                if not self._auth.learn(url, exc.headers.get("WWW-Authenticate")):
                    return
            except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException):
                return  # the real request will report what is wrong

    def _select_raw(self, sparql: str, dataset: bool = True) -> Result:
        params = [("query", sparql)]
        if dataset and self.dataset == "auto":
            self._select_raw("ASK {}", dataset=False)
            # Virtuoso's default graph is already the union of its graphs, and its property paths
            # (`+`, `?`) silently match nothing under an explicit dataset: let it use its own.
            self.dataset = "server" if self.server_software.lower().startswith("virtuoso") else "graphs"
        if dataset and self.dataset == "graphs":
            graphs = self.graphs() or [GRAPH_PREFIX]  # no graphs yet: an empty dataset, not the server's
            params += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
        body = urllib.parse.urlencode(params).encode()
        raw = self._send(
            self.endpoint,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
        )
        try:
            return normalise(Result.from_json(json.loads(raw)))
        except (ValueError, KeyError) as exc:
            raise UnusableInput(f"{self.endpoint}: not a SPARQL JSON result: {exc}") from None

    def update(self, sparql_update: str) -> None:
        """Send one SPARQL Update request to the update endpoint."""
        self._send(self.update_endpoint, sparql_update.encode("utf-8"), {"Content-Type": "application/sparql-update; charset=utf-8"})

    # ------------------------------------------------------------------ Store

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> Result:
        form = query_form(sparql)
        if form not in ("SELECT", "ASK"):
            raise QuerySyntaxError("only SELECT and ASK queries return tables; use `dkg export` for graphs")
        return self._select_raw(with_prefixes(bind_values(sparql, bindings or {})))

    def construct(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> str:
        if query_form(sparql) not in ("CONSTRUCT", "DESCRIBE"):
            raise QuerySyntaxError("not a CONSTRUCT or DESCRIBE query")
        body = urllib.parse.urlencode([("query", with_prefixes(bind_values(sparql, bindings or {})))]).encode()
        raw = self._send(self.endpoint, body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/turtle"})
        return raw.decode("utf-8", "replace")

    def graphs(self) -> list[str]:
        if self._graph_cache is None:
            found = self._select_raw(
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_dkg_graphs_filter()} }}",
                dataset=False,
            )
            self._graph_cache = sorted(r["g"].value for r in found.rows if "g" in r)
        return list(self._graph_cache)

    def graph_sizes(self) -> dict[str, int]:
        """Triples per dkg graph in the remote store, in one query: what a push reports it holds."""
        found = self._select_raw(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_dkg_graphs_filter()} }} GROUP BY ?g",
            dataset=False,
        )
        return {r["g"].value: int(r["n"].value) for r in found.rows}

    def __len__(self) -> int:
        return sum(self.graph_sizes().values())

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        for g in graphs:
            self.update(f"DROP SILENT GRAPH {nt.iri(g)}")
        self._graph_cache = None

    def replace_graphs(self, graphs: Iterable[tuple[str, list[str]]]) -> None:
        """Each graph replaced whole: one GSP PUT, or DROP + the first batch in one update request,
        then the remaining batches of `batch_size` triples."""
        for graph, lines in graphs:
            triples = ntriples_of(lines)
            self.put_graph(graph, triples)
        self._graph_cache = None

    def put_graph(self, graph: str, triples: list[str]) -> None:
        """Replace one graph whole, atomically where the protocol allows: one GSP PUT; or, over
        SPARQL Update, the batches go into a staging graph that one MOVE then puts in place, so
        a push that fails part-way never leaves a graph half-filled."""
        g = nt.iri(graph)
        if self.gsp_endpoint:
            url = self.gsp_endpoint + ("&" if "?" in self.gsp_endpoint else "?") + urllib.parse.urlencode({"graph": graph})
            self._send(url, "".join(triples).encode("utf-8"), {"Content-Type": "application/n-triples"}, method="PUT")
            return
        if len(triples) <= self.batch_size:  # one request is atomic by itself
            insert = f" ;\nINSERT DATA {{ GRAPH {g} {{\n{''.join(triples)}}} }}" if triples else ""
            self.update(f"DROP SILENT GRAPH {g}{insert}")
            return
        staging = nt.iri(STAGING_PREFIX + iris.digest(graph, 16))
        self.update(f"DROP SILENT GRAPH {staging}")
        try:
            for i in range(0, len(triples), self.batch_size):
                self.update(f"INSERT DATA {{ GRAPH {staging} {{\n{''.join(triples[i : i + self.batch_size])}}} }}")
            self.update(f"MOVE SILENT GRAPH {staging} TO GRAPH {g}")
        except BaseException:
            try:
                self.update(f"DROP SILENT GRAPH {staging}")
            except Exception:  # noqa: BLE001 - the first error is the one to report
                pass
            raise
        finally:
            self._graph_cache = None

    def dump_nquads(self) -> str:
        found = self._select_raw("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        lines = []
        for r in found.rows:
            s = term_text(r["s"]) if r["s"].type == "uri" else "_:" + r["s"].value
            o = term_text(r["o"]) if r["o"].type != "bnode" else "_:" + r["o"].value
            lines.append(nt.quad(s, term_text(r["p"]), o, term_text(r["g"])))
        return "".join(sorted(lines))


def ntriples_of(nquad_lines: list[str]) -> list[str]:
    """N-Quads lines of one graph as N-Triples lines, through a real parser (never by cutting text)."""
    if not nquad_lines:
        return []
    quads = ox.parse("".join(nquad_lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return [f"{q.subject} {q.predicate} {q.object} .\n" for q in quads]


def normalise(result: Result) -> Result:
    """Terms as the embedded store gives them: plain strings without the xsd:string datatype."""
    xsd_string = iris.PREFIXES["xsd"] + "string"
    for row in result.rows:
        for k, t in row.items():
            if t.type == "literal" and t.datatype == xsd_string:
                row[k] = Term("literal", t.value, None, t.lang)
    return result


@dataclass
class PushReport:
    """What `dkg push` did: the graphs replaced and dropped, triples and requests sent, and how
    many triples the remote store holds afterwards."""

    graphs: list[str]
    triples: int
    requests: int
    dropped: list[str]
    remote_triples: int


class PushFailed(UnusableInput):
    """A push stopped part-way: says which graphs were replaced and what the store now holds."""


def push(local: OxigraphStore, remote: RemoteStore, progress: Callable[[str], None] = lambda s: None) -> PushReport:
    """Replace each of the build's named graphs in the remote store, and drop dkg graphs the build
    no longer has (a source document removed). Re-pushing gives the same store: no duplicates.
    Each graph is replaced atomically (see put_graph); a failure says which were replaced."""
    graphs = local.graphs()
    before = set(remote.graphs())
    start_requests = remote.requests
    total = 0
    done: list[str] = []
    progress(f"pushing {len(graphs)} named graph(s) to {remote.endpoint} (each request may take up to {remote.timeout:g} s)")
    for i, graph in enumerate(graphs, 1):
        triples = [f"{q.subject} {q.predicate} {q.object} .\n" for q in local.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
        progress(f"[{i}/{len(graphs)}] {iris.local_name(graph)}: sending {len(triples):,} triples")
        try:
            remote.put_graph(graph, triples)
        except UnusableInput as exc:
            raise PushFailed(_failure(exc, graph, done, graphs)) from None
        total += len(triples)
        done.append(graph)
    dropped = sorted(before - set(graphs))
    if dropped:
        progress(f"dropping {len(dropped)} graph(s) the build no longer has")
        remote.drop_graphs(dropped)
    remote_triples = sum(remote.graph_sizes().values())
    return PushReport(graphs, total, remote.requests - start_requests, dropped, remote_triples)


def _failure(exc: Exception, graph: str, done: list[str], graphs: list[str]) -> str:
    names = lambda gs: ", ".join(iris.local_name(g) for g in gs) or "none"  # noqa: E731
    rest = [g for g in graphs if g not in done and g != graph]
    return (
        f"push stopped at graph {iris.local_name(graph)}: {exc}\n"
        f"replaced with this build ({len(done)} of {len(graphs)}): {names(done)}\n"
        f"unchanged, still as before the push: {iris.local_name(graph)} (its replacement is atomic)"
        + (f", {names(rest)}" if rest else "")
        + "\nthe store now mixes two builds; push again to finish"
    )
