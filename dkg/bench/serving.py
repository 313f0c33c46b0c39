"""Serving under load, beside its floor: `dkg serve` and `oxigraph serve-read-only` over the
same store in the same run, each asked the same bound bundled questions by the same clients.

The questions are drawn from the build (a claim's sources and citation chain, a person's claims
and timeline, an outlet's claims, a name lookup, a page of each whole-graph report), bound the way
dkg binds them and sent as the portable text, so both servers run the identical query. Every
answer is checked (HTTP 200 and a SPARQL JSON result); latencies are per request, wall clock, as
a client sees them. Peak memory is the server's process tree, sampled every 50 ms.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

# the bundled questions a client asks, in turn (each takes one parameter)
MIX = ("sources", "citation_chain", "claims_about", "timeline", "reported_by", "entities_named", "corroboration", "hedged", "disagreements")


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def questions(out: Path, count: int, seed: int) -> list[tuple[str, str]]:
    """`count` (name, query text with its value bound) drawn from the build at `out`."""
    from dkg.graph.binding import bind_values
    from dkg.graph.build import store_path
    from dkg.graph.results import Term
    from dkg.graph.store import OxigraphStore
    from dkg.queries import library, listings

    rng = random.Random(seed)
    store = OxigraphStore(store_path(out), read_only=True)
    try:
        def pick(query: str, var: str, n: int = 200) -> list[str]:
            values = sorted(r[var].value for r in store.query(query).rows if var in r)
            rng.shuffle(values)
            return values[:n]

        pools = {
            "claim": [Term.uri(v) for v in pick("SELECT ?c WHERE { ?c a dkg:Claim } LIMIT 20000", "c")],
            "entity": [Term.uri(v) for v in pick("SELECT ?e WHERE { ?e a dkg:Person } LIMIT 20000", "e")],
            "source": [Term.uri(v) for v in pick("SELECT DISTINCT ?o WHERE { ?d dkg:outlet ?o } LIMIT 2000", "o")],
            "key": [Term.literal(v) for v in pick("SELECT ?k WHERE { ?e dkg:nameWord ?k } LIMIT 20000", "k")],
        }
        pages = {}
        for name in listings.QUERY_REPORT:
            every = sorted(listings.all_pages(store, name))
            pages[name] = [Term.uri(p) for p in rng.sample(every, min(len(every), 50))]
    finally:
        store.close()
    todo = []
    for i in range(count):
        name = MIX[i % len(MIX)]
        q = library.load(name)
        param = q.params[0].name
        values = pages.get(name, []) if param == "page" else pools[param]
        if values:
            todo.append((name, bind_values(q.portable_text, {param: rng.choice(values)})))
    return todo


def hammer(url: str, todo: list[tuple[str, str]], clients: int, pid: int) -> dict:
    """Send `todo` to the SPARQL endpoint `url` from `clients` threads, each asking its share one
    after another; latencies, throughput, errors and the server tree's memory."""
    peak, stop = [0.0], threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_mib(pid))
            time.sleep(0.05)

    idle = tree_rss_mib(pid)
    threading.Thread(target=sample, daemon=True).start()
    latencies: list[float] = []
    by_name: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()

    def client(mine):
        for name, text in mine:
            body = urllib.parse.urlencode({"query": text}).encode()
            req = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=300) as r:
                    json.loads(r.read())["results"]["bindings"]
                took = time.perf_counter() - t
                with lock:
                    latencies.append(took)
                    by_name.setdefault(name, []).append(took)
            except Exception as exc:  # noqa: BLE001 - counted and shown
                with lock:
                    errors.append(f"{name}: {exc}")

    try:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(client, [todo[i::clients] for i in range(clients)]))
        wall = time.perf_counter() - t0
    finally:
        stop.set()
    q = statistics.quantiles(latencies, n=20) if len(latencies) >= 2 else [None] * 19
    return {
        "clients": clients, "requests": len(todo), "answered": len(latencies), "errors": len(errors),
        "requests_per_s": round(len(latencies) / wall, 1) if wall else None,
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(q[18] * 1000, 1) if q[18] is not None else None,
        "idle_rss_mib": round(idle, 1), "peak_rss_mib": round(peak[0], 1),
        "per_question_p50_ms": {k: round(statistics.median(v) * 1000, 1) for k, v in sorted(by_name.items())},
        "first_errors": errors[:5],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def oxigraph_serving(binary: str, store: Path, wait: float = 120):
    """`oxigraph serve-read-only` over `store` (union default graph, as dkg queries it) on a
    free loopback port; yields (SPARQL URL, process) once it answers, stops it after."""
    from dkg.server.launch import stop as stop_server

    port = _free_port()
    proc = subprocess.Popen([binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                probe = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}), headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(probe, timeout=5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("oxigraph serve-read-only did not start")
                time.sleep(0.2)
        yield url, proc
    finally:
        stop_server(proc)


def time_serving(out: Path, oxigraph: str | None, *, clients: int = 50, per_client: int = 10, seed: int = 1,
                 progress: Callable[[str], None] = lambda s: None) -> dict:
    """Both servers, one after the other, over the store of the build at `out`, asked the same
    questions; the ratios are dkg's p50 and p95 over Oxigraph's."""
    from dkg.graph.build import store_path
    from dkg.server.launch import serving

    todo = questions(out, clients * per_client, seed)
    result: dict = {"clients": clients, "questions": len(todo)}
    if oxigraph:
        with oxigraph_serving(oxigraph, store_path(out)) as (url, proc):
            result["oxigraph"] = hammer(url, todo, clients, proc.pid)
        progress(f"  oxigraph serve-read-only: p50 {result['oxigraph']['p50_ms']} ms, p95 {result['oxigraph']['p95_ms']} ms")
    else:
        result["oxigraph"] = {"skipped": "the oxigraph CLI is not installed"}
    with serving(out, wait=300) as (base, proc, _lines):
        result["dkg"] = hammer(base + "/sparql", todo, clients, proc.pid)
    progress(f"  dkg serve: p50 {result['dkg']['p50_ms']} ms, p95 {result['dkg']['p95_ms']} ms, peak {result['dkg']['peak_rss_mib']:.0f} MiB")
    ox, dk = result["oxigraph"], result["dkg"]
    for p in ("p50_ms", "p95_ms"):
        if ox.get(p) and dk.get(p):
            result[p.replace("_ms", "_ratio")] = round(dk[p] / ox[p], 2)
    return result
