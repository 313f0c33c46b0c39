"""Serving under load, beside Oxigraph's own server: many clients asking the bundled questions.

Issue 24's serving target is relative: `dkg serve` with 50 clients on bound bundled questions
within 1.5x of `oxigraph serve-read-only` over the same store, in the same run, p50 and p95, in
at most 2 GiB. An absolute figure on a shared 2-core machine says little (the same run read
35 req/s at one load and 3x that at another), so `compare` asks both servers the same texts,
one after the other, and reports the ratio with the load average before and after.

The request mix is drawn from the store before any server starts: each request is a bundled
question (provenance of a claim, a profile, an outlet's claims, a name lookup, a page of a
whole-graph report) with its value bound the way dkg binds it (graph/binding.py), so nearly
every text is new to the server, as it is in use. Each client sends its share one request after
another. Every answer is checked (HTTP 200, a SPARQL JSON result) and the number of rows of
each text is compared between the two servers: a fast wrong answer is not a result.

Resident memory is of the server and all its processes (the query workers), sampled every
50 ms from /proc. Nothing here passes or fails on speed: the numbers are for the benchmark
(dkg/bench) and docs/benchmarks.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

MIX = ("sources", "citation_chain", "claims_about", "timeline", "reported_by", "entities_named", "corroboration", "hedged", "disagreements")


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB."""
    total = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def tree_cpu_s(pid: int) -> dict[int, float]:
    """CPU seconds (user and system) used so far by a process and each of its descendants."""
    tick, out = os.sysconf("SC_CLK_TCK"), {}
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[p] = (int(fields[11]) + int(fields[12])) / tick
    return out


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def request_mix(out: Path, count: int, seed: int = 1) -> list[tuple[str, str]]:
    """`count` (question name, query text with its value bound), drawn from the build in OUT.
    The texts are portable (they declare their prefixes), so any SPARQL server runs them."""
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
            every = listings.all_pages(store, name)
            pages[name] = [Term.uri(p) for p in rng.sample(every, min(len(every), 50))]
    finally:
        store.close()
    todo = []
    for i in range(count):
        name = MIX[i % len(MIX)]
        q = library.load(name)
        param = q.params[0].name
        values = pages[name] if param == "page" else pools[param]
        if values:
            todo.append((name, bind_values(q.portable_text, {param: rng.choice(values)})))
    return todo


def run_clients(url: str, todo: list[tuple[str, str]], clients: int, pid: int | None = None) -> dict:
    """Send `todo` to the SPARQL endpoint `url` from `clients` threads, each its share in turn;
    latency figures, errors, rows per text, and the peak memory of process `pid` and its children."""
    peak, stop = [0.0], threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_mib(pid))
            time.sleep(0.05)

    idle = tree_rss_mib(pid) if pid else None
    cpu_before = tree_cpu_s(pid) if pid else {}
    if pid:
        threading.Thread(target=sample, daemon=True).start()
    latencies: list[float] = []
    errors: list[str] = []
    by_name: dict[str, list[float]] = {}
    rows: dict[str, int] = {}
    lock = threading.Lock()

    def client(mine):
        for name, text in mine:
            body = urllib.parse.urlencode({"query": text}).encode()
            req = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json",
                                                                  "Content-Type": "application/x-www-form-urlencoded"})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=120) as r:
                    n = len(json.loads(r.read())["results"]["bindings"])
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    by_name.setdefault(name, []).append(took)
                    rows[text] = n
            except Exception as exc:  # noqa: BLE001 - counted and shown
                with lock:
                    errors.append(f"{name}: {exc}")

    shares = [todo[i::clients] for i in range(clients)]
    t0 = time.perf_counter()
    try:
        with ThreadPoolExecutor(max_workers=clients) as pool:  # one thread a client
            list(pool.map(client, shares))
    finally:
        stop.set()
    wall = time.perf_counter() - t0
    cpu_after = tree_cpu_s(pid) if pid else {}
    used = {p: cpu_after[p] - cpu_before.get(p, 0.0) for p in cpu_after}
    q = statistics.quantiles(latencies, n=20) if len(latencies) >= 2 else [float("nan")] * 19
    return {
        "requests": len(todo), "answered": len(latencies), "errors": len(errors),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(q[18] * 1000, 1),
        "idle_rss_mib": round(idle, 1) if idle is not None else None, "peak_rss_mib": round(peak[0], 1) if pid else None,
        "cpu_s": round(sum(used.values()), 1) if pid else None,
        "cpu_s_main_process": round(used.get(pid, 0.0), 1) if pid else None,  # the rest is its workers
        "per_question_p50_ms": {k: round(statistics.median(v) * 1000, 1) for k, v in sorted(by_name.items())},
        "first_errors": errors[:5], "rows": rows,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    """The `oxigraph` server (PyPI's `oxigraph` package puts it beside this Python)."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("no `oxigraph` binary: pip install oxigraph (the test extra has it)")
    return found


@contextlib.contextmanager
def oxigraph_serving(store: Path, timeout: float = 60, wait: float = 60):
    """`oxigraph serve-read-only` over STORE on a free loopback port, union default graph (as
    `dkg serve` answers when no dataset is named); yields (query URL, process); stopped after."""
    from dkg.server.launch import stop

    port = free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph", "--timeout-s", str(int(timeout))],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}), timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve-read-only did not start (exit {proc.poll()})") from None
                time.sleep(0.2)
        yield url, proc
    finally:
        stop(proc)


def measure_dkg(out: Path, todo, clients: int, workers: int | None = None, threads: int | None = None) -> dict:
    """`dkg serve` as a user starts it: its default workers and threads unless given."""
    from dkg.server.launch import serving

    given = (["--workers", str(workers)] if workers else []) + (["--threads", str(threads)] if threads else [])
    with serving(out, *given, "--timeout", "60", wait=120) as (base, proc, lines):
        figures = run_clients(base + "/sparql", todo, clients, proc.pid)
    ran = re.search(r"(\d+) worker\(s\) of (\d+) thread", "".join(lines))  # what the server says it runs
    if ran:
        figures["workers"], figures["threads"] = int(ran[1]), int(ran[2])
    return figures


def measure_oxigraph(out: Path, todo, clients: int) -> dict:
    from dkg.graph.build import store_path

    with oxigraph_serving(store_path(out)) as (url, proc):
        return run_clients(url, todo, clients, proc.pid)


def compare(out: str | Path, clients: int = 50, requests: int = 10, workers: int | None = None, seed: int = 1, oxigraph: bool = True,
            threads: int | None = None) -> dict:
    """Both servers over the build in OUT, the same `clients * requests` texts, one after the
    other: {"dkg": figures, "oxigraph": figures, "ratio": {"p50", "p95"}, "rows_differ", "load_before",
    "load_after"}. This is what the benchmark calls (`python -m dkg.server.load OUT` prints it)."""
    out = Path(out)
    todo = request_mix(out, clients * requests, seed)
    report: dict = {"clients": clients, "requests_each": requests, "load_before": load_average()}
    report["dkg"] = measure_dkg(out, todo, clients, workers, threads)
    if oxigraph:
        report["oxigraph"] = measure_oxigraph(out, todo, clients)
        d, o = report["dkg"], report["oxigraph"]
        if d["p50_ms"] and o["p50_ms"]:
            report["ratio"] = {"p50": round(d["p50_ms"] / o["p50_ms"], 2), "p95": round(d["p95_ms"] / o["p95_ms"], 2),
                               "requests_per_s": round(d["requests_per_s"] / o["requests_per_s"], 2)}
        report["rows_differ"] = sorted(t[:60] for t in d["rows"] if t in o["rows"] and d["rows"][t] != o["rows"][t])[:5]
    report["load_after"] = load_average()
    for side in ("dkg", "oxigraph"):
        if side in report:
            report[side].pop("rows")
    return report


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m dkg.server.load", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="a build directory (OUT/current/store)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=10, help="per client")
    ap.add_argument("--workers", type=int, help="dkg serve --workers (default: its own)")
    ap.add_argument("--threads", type=int, help="dkg serve --threads (default: its own)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-oxigraph", action="store_true", help="measure dkg serve alone")
    args = ap.parse_args(argv)
    report = compare(args.out, args.clients, args.requests, args.workers, args.seed, not args.no_oxigraph, args.threads)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    sides = [report[s] for s in ("dkg", "oxigraph") if s in report]
    return 0 if all(s["errors"] == 0 for s in sides) and not report.get("rows_differ") else 1


if __name__ == "__main__":
    sys.exit(main())
