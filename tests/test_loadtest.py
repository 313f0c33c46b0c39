"""Load test: 50 concurrent clients x 10 requests each against `dkg serve` on loopback. Bounded
(500 requests), asserts every answer is complete and correct, and prints requests per second
and p50/p95 latency. No timing is asserted: speed lives in printed figures, not in pass/fail."""

from __future__ import annotations

import json
import statistics
import threading
import time
import urllib.parse
import urllib.request

import pytest

from .test_server import serving

pytestmark = pytest.mark.live

CLIENTS = 50
REQUESTS_EACH = 10

# A mix an analyst would send: a lookup, a join with aggregates, a provenance walk, CSV output.
QUERIES = [
    ("SELECT ?age WHERE { id:maxim-kuzminov dkg:age ?age }", "application/sparql-results+json"),
    (
        """SELECT ?claim (COUNT(DISTINCT ?app) AS ?appearances) (COUNT(DISTINCT ?origin) AS ?origins) WHERE {
             ?app dkg:claim ?claim ; dkg:origin ?origin } GROUP BY ?claim ORDER BY DESC(?appearances) ?claim LIMIT 20""",
        "application/sparql-results+json",
    ),
    (
        """SELECT ?app ?doc WHERE { ?app dkg:claim ?c ; prov:wasDerivedFrom+ ?doc . ?c dkg:subject id:maxim-kuzminov }""",
        "application/sparql-results+json",
    ),
    ("SELECT ?d ?title WHERE { ?d a dkg:SourceDocument ; dcterms:title ?title } ORDER BY ?d", "text/csv"),
]


def test_fifty_concurrent_clients(seed_out, capsys):
    with serving(seed_out, "--workers", "2", "--timeout", "60") as (base, _proc, _lines):
        url = base + "/sparql"
        expected = {}
        for text, accept in QUERIES:  # the reference answers, one at a time
            with urllib.request.urlopen(urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": accept})) as r:
                expected[text] = r.read()
        assert json.loads(expected[QUERIES[0][0]])["results"]["bindings"][0]["age"]["value"] == "28"

        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        start_line = threading.Barrier(CLIENTS)

        def client(n: int) -> None:
            start_line.wait()
            for i in range(REQUESTS_EACH):
                text, accept = QUERIES[(n + i) % len(QUERIES)]
                body = urllib.parse.urlencode({"query": text}).encode()
                req = urllib.request.Request(url, data=body, headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(req, timeout=120) as r:
                        got = r.read()
                        status = r.status
                except Exception as exc:  # every failure is counted, none hidden
                    with lock:
                        errors.append(f"client {n} request {i}: {exc!r}")
                    continue
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if status != 200 or got != expected[text]:
                        errors.append(f"client {n} request {i}: status {status}, answer differs")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        wall = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - wall

    assert errors == []
    assert len(latencies) == CLIENTS * REQUESTS_EACH
    ordered = sorted(latencies)
    p50 = statistics.median(ordered)
    p95 = ordered[int(0.95 * len(ordered)) - 1]
    with capsys.disabled():
        print(
            f"\nload test: {CLIENTS} clients x {REQUESTS_EACH} requests = {len(latencies)} in {wall:.2f} s: "
            f"{len(latencies) / wall:.0f} requests/s, latency p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
            f"max {ordered[-1] * 1000:.1f} ms (2 query workers, loopback)"
        )
