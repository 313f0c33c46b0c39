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

import json
import re
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
from .binding import (  # noqa: F401  (re-exported: the endpoint and tests use them)
    QUERY_FORMS,
    UPDATE_FORMS,
    bind_values,
    declared_prefixes,
    keywords,
    query_form,
    term_text,
    tokens,
    with_prefixes,
)
from .store import Binding, OxigraphStore, Store, as_term

GRAPH_PREFIX = iris.GRAPH

def _opener(urls: list[str], auth: tuple[str, str] | None) -> urllib.request.OpenerDirector:
    handlers: list = []
    if auth:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, urls, auth[0], auth[1])
        # Digest (Virtuoso's /sparql-auth) or Basic (Fuseki, GraphDB, proxies), as the server asks.
        handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def parse_auth(text: str | None) -> tuple[str, str] | None:
    if not text:
        return None
    user, sep, password = text.partition(":")
    if not sep:
        raise UnusableInput("--auth must be user:password")
    return user, password


class RemoteStore(Store):
    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        gsp_endpoint: str | None = None,
        auth: tuple[str, str] | str | None = None,
        timeout: float = 120.0,
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
        self.timeout = timeout
        self.batch_size = max(1, batch_size)
        self.dataset = dataset
        self.progress = progress or (lambda s: None)
        self._opener = _opener([u for u in (endpoint, self.update_endpoint, gsp_endpoint) if u], self.auth)
        self._graph_cache: list[str] | None = None
        self.requests = 0
        self.server_software = ""

    # ------------------------------------------------------------------ HTTP

    def _send(self, url: str, data: bytes | None, headers: dict, method: str = "POST") -> bytes:
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                self.server_software = response.headers.get("Server", "")
                return response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip()
            message = f"{url} answered {exc.code} {exc.reason}: {body[:500]}"
            if exc.code in (400, 413, 500) and data and len(data) > 100_000:
                message += "\n(a large request: if the server refuses its size, lower --batch-size)"
            if exc.code == 400:
                raise QuerySyntaxError(message) from None
            raise UnusableInput(message) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise UnusableInput(f"{url}: cannot reach the store: {getattr(exc, 'reason', exc)}") from None

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
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {nt.literal(GRAPH_PREFIX)})) }}",
                dataset=False,
            )
            self._graph_cache = sorted(r["g"].value for r in found.rows if "g" in r)
        return list(self._graph_cache)

    def graph_sizes(self) -> dict[str, int]:
        found = self._select_raw(
            f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {nt.literal(GRAPH_PREFIX)})) }} GROUP BY ?g",
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
        g = nt.iri(graph)
        if self.gsp_endpoint:
            url = self.gsp_endpoint + ("&" if "?" in self.gsp_endpoint else "?") + urllib.parse.urlencode({"graph": graph})
            self._send(url, "".join(triples).encode("utf-8"), {"Content-Type": "application/n-triples"}, method="PUT")
            return
        batches = [triples[i : i + self.batch_size] for i in range(0, len(triples), self.batch_size)] or [[]]
        for i, batch in enumerate(batches):
            insert = f"INSERT DATA {{ GRAPH {g} {{\n{''.join(batch)}}} }}" if batch else ""
            if i == 0:
                self.update(f"DROP SILENT GRAPH {g}" + (" ;\n" + insert if insert else ""))
            else:
                self.update(insert)
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
    xsd_string = "http://www.w3.org/2001/XMLSchema#string"
    for row in result.rows:
        for k, t in row.items():
            if t.type == "literal" and t.datatype == xsd_string:
                row[k] = Term("literal", t.value, None, t.lang)
    return result


@dataclass
class PushReport:
    graphs: list[str]
    triples: int
    requests: int
    dropped: list[str]
    remote_triples: int


def push(local: OxigraphStore, remote: RemoteStore, progress: Callable[[str], None] = lambda s: None) -> PushReport:
    """Replace each of the build's named graphs in the remote store, and drop dkg graphs the build
    no longer has (a source document removed). Re-pushing gives the same store: no duplicates."""
    graphs = local.graphs()
    before = set(remote.graphs())
    start_requests = remote.requests
    total = 0
    progress(f"pushing {len(graphs)} named graph(s) to {remote.endpoint}")
    for i, graph in enumerate(graphs, 1):
        triples = [f"{q.subject} {q.predicate} {q.object} .\n" for q in local.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
        remote.put_graph(graph, triples)
        total += len(triples)
        progress(f"[{i}/{len(graphs)}] {iris.local_name(graph)}: {len(triples):,} triples")
    dropped = sorted(before - set(graphs))
    if dropped:
        progress(f"dropping {len(dropped)} graph(s) the build no longer has")
        remote.drop_graphs(dropped)
    remote_triples = sum(remote.graph_sizes().values())
    return PushReport(graphs, total, remote.requests - start_requests, dropped, remote_triples)
