"""Query worker processes: where every query is checked and run, under its time limit.

pyoxigraph's `Store.query` cannot be interrupted and has no timeout, so queries run in worker
processes that each open the on-disk store read-only. A request waits on its worker for at most
`timeout` seconds; a worker that overruns is killed (SIGKILL), reaped and replaced, so a runaway
query costs one process, never the server. The guard (guard.py) runs in the worker too, inside
the same time limit: parsing half a megabyte of SPARQL takes rdflib seconds, and in the server
process it held up every other client. Rows beyond `max_rows` are not even pulled from the
engine; the answer says it was truncated.

A worker reads whatever build OUT/current names: it leases that build (graph/build.py), so a
`dkg build` never deletes it underneath, and before each query it checks whether `current` has
moved; if so it opens the new build and drops its lease on the old one. A replacement worker
starts on the current build, and keeps being retried if it cannot start, so the pool never
shrinks for good.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from dkg.schema.iris import PREFIXES

from . import guard
from .guard import Refused

CACHE_BYTES = 32 << 20  # the parse caches of all workers together


class _Reader:
    """The build a worker answers from, followed as OUT/current moves."""

    def __init__(self, out_dir: str):
        self.out_dir = Path(out_dir)
        self.lease = None
        self.open()

    def open(self) -> None:

        from dkg.graph.build import lease_current

        lease = lease_current(self.out_dir)
        try:
            store = ox.Store.read_only(str(lease.build / "store"))
            graphs = {g.value for g in store.named_graphs()}
        except BaseException:
            lease.release()
            raise
        old, self.lease, self.store, self.graphs = self.lease, lease, store, graphs
        if old is not None:
            old.release()

    def follow(self) -> None:
        """Switch to the newest complete build if `current` moved (one readlink per query)."""
        try:
            moved = os.path.realpath(self.out_dir / "current") != os.path.realpath(self.lease.build)
        except OSError:
            return
        if moved:
            try:
                self.open()
            except Exception as exc:  # keep answering from the build we hold
                print(f"dkg serve: staying on build {self.lease.build.name}: {exc}", file=sys.stderr, flush=True)



# the result and graph formats the endpoint serves, by the name clients give them
OX_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}

def _answer(reader: _Reader, job: dict) -> dict:

    from dkg.graph.store import _to_term

    form, dataset_iris = guard.inspect_query(job["query"])
    guard.check_graphs(set(dataset_iris) | set(job["default_graphs"]) | set(job["named_graphs"]), reader.graphs)
    kind = "graph" if form in ("CONSTRUCT", "DESCRIBE") else "table"
    fmt = job["formats"][kind]
    if isinstance(fmt, dict):  # no acceptable format for this kind of result
        raise Refused(fmt["status"], fmt["error"])
    kwargs = {"prefixes": PREFIXES}
    if job["default_graphs"]:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]]
    else:
        kwargs["use_default_graph_as_union"] = True
    if job["named_graphs"]:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
    answer = reader.store.query(job["query"], **kwargs)
    limit = job["max_rows"]
    if isinstance(answer, ox.QueryBoolean):
        return {"kind": "boolean", "boolean": bool(answer), "format": fmt}
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        rows, truncated = [], False
        for sol in answer:
            if len(rows) >= limit:
                truncated = True
                break
            rows.append({n: _to_term(sol[n]) for n in names if sol[n] is not None})
        return {"kind": "solutions", "vars": names, "rows": rows, "truncated": truncated, "format": fmt}
    triples, truncated = [], False
    for t in answer:
        if len(triples) >= limit:
            truncated = True
            break
        triples.append(t)
    if fmt == "jsonld":
        from dkg.graph.export import jsonld

        text = jsonld(triples)
    else:
        text = ox.serialize(triples, format=OX_FORMATS[fmt], prefixes=PREFIXES if fmt != "ntriples" else None).decode("utf-8")
    return {"kind": "graph", "text": text, "truncated": truncated, "format": fmt}


def _page(reader: _Reader, job: dict) -> dict:
    """A page (HTML) or a node's description (RDF) for GET /id/..., rendered in the worker so
    it follows the current build and runs under the same time limit as a query."""
    from dkg.graph.store import OxigraphStore
    from dkg.pages.render import Links
    from dkg.pages.site import respond

    store = OxigraphStore.over(reader.store, reader.lease.build / "store")  # the store this worker holds
    status, media, text = respond(store, job["page"], job["format"], Links(job["here"]))
    return {"kind": "page", "status": status, "media": media, "text": text}


def _worker_main(out_dir: str, cache_bytes: int, conn) -> None:
    """Answer jobs from one connection until it closes. Runs in its own process."""
    guard.CACHE = guard.ByteBoundedCache(cache_bytes)
    reader = _Reader(out_dir)
    guard.inspect_query("ASK {}")  # import and warm the parser before the first visitor's query
    conn.send({"ready": True, "build": reader.lease.build.name})
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        reader.follow()
        try:
            out = _page(reader, job) if "page" in job else _answer(reader, job)
        except Refused as exc:
            out = {"error": exc.message, "status": exc.status}
        except SyntaxError as exc:
            out = {"error": f"SPARQL syntax error: {exc}", "status": 400}
        except Exception as exc:  # an evaluation error is the query's, not the server's
            out = {"error": f"query failed: {exc}", "status": 400}
        out["build"] = reader.lease.build.name
        conn.send(out)


class Worker:
    def __init__(self, ctx, out_dir: str, cache_bytes: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(out_dir, cache_bytes, child), daemon=True)
        self.process.start()
        child.close()
        try:
            if not self.conn.poll(60):
                raise RuntimeError("it did not start within 60 s")
            self.conn.recv()
        except Exception as exc:
            self.kill()  # and reap: a worker that failed to start must not stay defunct
            detail = f"it exited with code {self.process.exitcode}" if isinstance(exc, (EOFError, OSError)) else str(exc)
            raise RuntimeError(f"a query worker could not open the current build in {out_dir}: {detail}") from None

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query processes; one request uses one worker at a time."""

    def __init__(self, out_dir: Path, size: int, timeout: float, max_rows: int):
        self.out_dir, self.timeout, self.max_rows = str(out_dir), timeout, max_rows
        self.cache_bytes = CACHE_BYTES // size
        self.ctx = multiprocessing.get_context("spawn")  # no fork from a threaded process
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.replaced = 0
        self.closing = threading.Event()
        for _ in range(size):
            self.idle.put(self._start())

    def _start(self) -> Worker:
        return Worker(self.ctx, self.out_dir, self.cache_bytes)

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        self.replaced += 1

        def start():
            delay = 0.5
            while not self.closing.is_set():
                try:
                    new = self._start()
                except Exception as exc:
                    print(f"dkg serve: {exc}; retrying in {delay:g} s", file=sys.stderr, flush=True)
                    self.closing.wait(delay)
                    delay = min(delay * 2, 10)
                    continue
                if self.closing.is_set():
                    new.kill()
                else:
                    self.idle.put(new)
                return

        threading.Thread(target=start, daemon=True).start()

    def run(self, sparql: str, default_graphs=(), named_graphs=(), formats=None) -> dict:
        """Check and run one query on an idle worker; raise Refused with the reason it did not answer."""
        job = {
            "query": sparql,
            "default_graphs": list(default_graphs),
            "named_graphs": list(named_graphs),
            "max_rows": self.max_rows,
            "formats": formats or {"table": "json", "graph": "turtle"},
        }
        return self._submit(job)

    def page(self, slug: str, fmt: str, here: str) -> dict:
        """The page of a minted node (fmt html) or its RDF (ttl, jsonld, nt, rdf)."""
        return self._submit({"page": slug, "format": fmt, "here": here})

    def _submit(self, job: dict) -> dict:
        deadline = time.monotonic() + self.timeout
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise Refused(503, f"all query workers stayed busy for {self.timeout:g} s; try again") from None
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.05, deadline - time.monotonic())):
                self._replace(worker)
                raise Refused(503, f"the query ran longer than the {self.timeout:g} s limit and was stopped")
            answer = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise Refused(500, "the query worker died; it has been replaced") from None
        self.idle.put(worker)
        if "error" in answer:
            raise Refused(answer["status"], answer["error"])
        return answer

    def close(self) -> None:
        self.closing.set()
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                return
