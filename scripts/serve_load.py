"""Serving at scale: `dkg serve` over a large build, 50 clients asking the bundled questions.

    python scripts/serve_load.py OUT [--clients 50] [--requests 10] [--workers 4]

OUT is a build directory (OUT/current/store), e.g. a 1M-claim build. Parameters are drawn
from the store before the server starts; each client sends its requests one after another,
each a bundled question (provenance of a claim, a profile, an outlet's claims, a name lookup,
a page of a whole-graph report) with its values bound the way dkg binds them. Every answer is
checked (HTTP 200, a SPARQL JSON result); the script prints requests per second, p50/p95
latency, errors, and the peak resident memory of the server and its workers together, sampled
every 50 ms. No pass/fail on speed: the numbers are for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
import time
import urllib.parse
import urllib.request
from pathlib import Path


def _tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
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


def _requests(out: Path, count: int, seed: int) -> list[tuple[str, str]]:
    """(name, query text with values bound) drawn from the build."""
    from dkg.graph.binding import bind_values
    from dkg.graph.build import store_path
    from dkg.graph.results import Term
    from dkg.graph.store import OxigraphStore
    from dkg.queries import library, listings

    rng = random.Random(seed)
    store = OxigraphStore(store_path(out), read_only=True)

    def pick(query: str, var: str, n: int = 200) -> list[str]:
        values = [r[var].value for r in store.query(query).rows if var in r]
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
    mix = ["sources", "citation_chain", "claims_about", "timeline", "reported_by", "entities_named", "corroboration", "hedged", "disagreements"]
    out_list = []
    for i in range(count):
        name = mix[i % len(mix)]
        q = library.load(name)
        param = q.params[0].name
        values = pages[name] if param == "page" else pools[param]
        if not values:
            continue
        out_list.append((name, bind_values(q.portable_text, {param: rng.choice(values)})))
    return out_list


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=10, help="per client")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    from dkg.server.launch import serving

    todo = _requests(args.out, args.clients * args.requests, args.seed)
    with serving(args.out, "--workers", str(args.workers), "--timeout", "60", wait=120) as (base, proc, _lines):
        return _load(args, todo, proc, base + "/sparql")


def _load(args, todo, proc, url) -> int:
    peak = [0.0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss_mib(proc.pid))
            time.sleep(0.05)

    threading.Thread(target=sample, daemon=True).start()
    try:
        idle = _tree_rss_mib(proc.pid)
        latencies: list[float] = []
        errors: list[str] = []
        by_name: dict[str, list[float]] = {}
        lock = threading.Lock()

        def client(mine):
            for name, text in mine:
                body = urllib.parse.urlencode({"query": text}).encode()
                req = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
                t = time.perf_counter()
                try:
                    with urllib.request.urlopen(req, timeout=120) as r:
                        json.loads(r.read())["results"]["bindings"]
                    took = time.perf_counter() - t
                    with lock:
                        latencies.append(took)
                        by_name.setdefault(name, []).append(took)
                except Exception as exc:  # noqa: BLE001 - counted and shown
                    with lock:
                        errors.append(f"{name}: {exc}")

        shares = [todo[i:: args.clients] for i in range(args.clients)]
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:  # one thread a client
            list(pool.map(client, shares))
        wall = time.perf_counter() - t0
        q = statistics.quantiles(latencies, n=20) if len(latencies) >= 20 else [0] * 19
        report = {
            "clients": args.clients, "requests": len(todo), "answered": len(latencies), "errors": len(errors),
            "requests_per_s": round(len(latencies) / wall, 1), "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
            "p95_ms": round(q[18] * 1000, 1), "server_idle_rss_mib": round(idle, 1), "server_peak_rss_mib": round(peak[0], 1),
            "per_question_p50_ms": {k: round(statistics.median(v) * 1000, 1) for k, v in sorted(by_name.items())},
            "first_errors": errors[:5],
        }
        print(json.dumps(report, indent=1))
        return 0 if not errors else 1
    finally:
        stop.set()


if __name__ == "__main__":
    sys.exit(main())
