"""`dkg bench`: how fast dkg stays as the graph grows, against what a user could do instead.

For each corpus size it generates a synthetic corpus (dkg/synth.py), then in one run measures:

- ingest: curated files -> queryable store along dkg's own path (load_corpus, graph_lines,
  OxigraphStore.replace_graphs; SHACL off), in a child process so its peak memory is that
  process's RSS high-water mark (os.wait4 rusage);
- the build a user runs: `graph.build.build` with SHACL on (exports off), in its own child,
  with the SHACL step timed apart; at small sizes also both SHACL engines on the same data;
- the floor: `oxigraph load` of the N-Quads dkg produced, same machine, same run;
- every bundled query (queries/rq, by name through queries/library.py) in the dkg store:
  p50/p95 latency over varied parameters;
- the same query texts in plain rdflib (an in-memory Dataset with the union default graph,
  loaded from dkg's N-Quads), in a child process with a per-query time limit, skipped above
  a size where rdflib's load alone would not fit the run;
- HTML export (graph/viz.py) of a 1,000-node and a 10,000-node view of the projected graph.

It writes a JSON file with every number and a markdown page with the targets and whether each
is met. No number here is asserted anywhere: the test suite only checks that a small run
produces every row.
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

MiB = 1024 * 1024
GiB = 1024 * MiB

# What each bundled query is for, in the words; queries not named here are still timed.
CATEGORIES = {
    "sources": "one-claim provenance",
    "citation_chain": "one-claim provenance",
    "reported_by": "who reported what (outlet)",
    "corroboration": "corroboration",
    "single_origin": "corroboration",
    "claim_values": "contradictions",
    "claims_about": "profile",
    "claims_mentioning": "profile",
    "timeline": "profile",
    "said_by": "who said what (speaker)",
    "document": "one document",
    "document_claims": "one document",
    "claim_text": "text search",
}
PROVENANCE = ("sources", "citation_chain")

TARGETS = {
    "ingest_vs_oxigraph": 3.0,
    "build_vs_oxigraph": 3.0,  # the default build, SHACL included, at 1M claims
    "build_memory_gib": 4.0,
    "report_p50_s": 1.0,  # every bundled query at 1M claims
    "query_speedup": 20.0,
    "provenance_p50_ms": 20.0,
    "peak_memory_gib": 8.0,
    "disagreements_s": 1.0,  # `dkg disagreements` (the typed API behind it) at 1M claims
    "disagreement_share": 0.20,  # the build's comparisons and standing, as a share of ingest at 1M
}


def _run_measured(args: list[str], timeout: float | None = None) -> dict:
    """Like _child, but reaps with os.wait4 so the peak RSS is this child's alone."""
    started = time.perf_counter()
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"dkg-bench-{os.getpid()}-{time.monotonic_ns()}.out"
    with out_path.open("w+") as out_fh:
        proc = subprocess.Popen(args, stdout=out_fh, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        deadline = None if timeout is None else started + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                timed_out = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out_fh.seek(0)
        output = out_fh.read()
    out_path.unlink(missing_ok=True)
    return {
        "seconds": seconds,
        "peak_rss_mib": usage.ru_maxrss / 1024,  # Linux: KiB
        "returncode": proc.returncode,
        "output": output,
        "timed_out": timed_out,
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _summary(latencies: list[float]) -> dict:
    ms = [x * 1000 for x in latencies]
    return {"p50_ms": round(_percentile(ms, 0.5), 3), "p95_ms": round(_percentile(ms, 0.95), 3), "runs": len(ms)}


# ------------------------------------------------------------------ child: dkg ingest


def ingest(data_dir: str | Path, store_dir: str | Path, nq_path: str | Path | None = None) -> dict:
    """dkg's ingest path, timed by phase; optionally dumps the store's N-Quads afterwards."""
    from dkg.graph.store import OxigraphStore
    from dkg.loaders.corpus import load_corpus
    from dkg.loaders.rdf import graph_lines

    from dkg.loaders.compare import comparisons
    from dkg.loaders.corpus import few_collections
    from dkg.loaders.evidence import evidence

    t0 = time.perf_counter()
    corpus = load_corpus(data_dir)
    t1 = time.perf_counter()
    with few_collections():  # as graph_lines runs it; both results are cached on the corpus
        pairs = len(comparisons(corpus))
        evidence(corpus)
    td = time.perf_counter()
    store = OxigraphStore(store_dir)
    store.replace_graphs(graph_lines(corpus))
    t2 = time.perf_counter()
    result = {
        "validate_s": round(t1 - t0, 3),
        "disagreements_s": round(td - t1, 3),
        "comparisons": pairs,
        "derive_and_load_s": round(t2 - t1, 3),
        "ingest_s": round(t2 - t0, 3),
        "claims": len(corpus.claims),
        "appearances": sum(len(c.appearances) for c in corpus.claims.values()),
        "entities": len(corpus.entities),
        "peak_rss_mib_at_ingest": _peak_rss_mib(),
    }
    del corpus
    result["quads"] = len(store)
    if nq_path is not None:
        store.raw.dump(str(nq_path), format=_ox().RdfFormat.N_QUADS)
        result["nquads_bytes"] = Path(nq_path).stat().st_size
    store.close()
    return result


def _ox():
    import pyoxigraph

    return pyoxigraph


def _peak_rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build_with_validation(data_dir: str | Path, out_dir: str | Path) -> dict:
    """The build a user runs (graph.build.build, SHACL on), timed as a whole and its SHACL step
    apart; exports are left out (they are the same for every engine and run after the check)."""
    from dkg.graph.build import build

    marks: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    report = build(data_dir, out_dir, shacl=True, formats=(), incremental=False, progress=lambda m: marks.append((time.perf_counter(), m)))
    t1 = time.perf_counter()
    shacl_start = next((t for t, m in marks if m.startswith("checking SHACL")), None)
    return {
        "build_s": round(t1 - t0, 3),
        "shacl_s": round(t1 - shacl_start, 3) if shacl_start else None,
        "quads": report.quads,
        "peak_rss_mib": _peak_rss_mib(),
    }


ENGINE_COMPARE_MAX = 10_000  # pySHACL takes minutes above this


def compare_engines(store_dir: str | Path) -> dict:
    """Both SHACL engines on the same data: the quads of a built store the shapes read."""
    import pyoxigraph as ox

    from dkg.graph import shacl
    from dkg.graph.store import OxigraphStore

    store = OxigraphStore(store_dir, read_only=True)
    data = b"".join(
        ox.serialize(store.raw.quads_for_pattern(None, ox.NamedNode(p), None, None), format=ox.RdfFormat.N_QUADS) or b""
        for p in sorted(shacl._shapes()[0] or ())
    ).decode("utf-8")
    out = {"quads_checked": data.count("\n"), "quads_in_store": len(store)}
    from dkg.graph import shacl_sparql

    t = time.perf_counter()  # the default engine asks the store in place: nothing to copy
    found = shacl_sparql.validate(store.raw, None, shacl.SHAPES)
    out["sparql"] = {"seconds": round(time.perf_counter() - t, 2), "violations": len(found), "peak_rss_mib": round(_peak_rss_mib(), 1)}
    for engine in ("rudof", "pyshacl"):
        t = time.perf_counter()
        found = shacl._validate(data, engine)
        out[engine] = {"seconds": round(time.perf_counter() - t, 2), "violations": len(found), "peak_rss_mib": round(_peak_rss_mib(), 1)}
    return out


# ------------------------------------------------------------------ queries


def bundled_queries() -> list[tuple[str, tuple[str, ...], str]]:
    """(name, parameter names, text) of every bundled query."""
    from dkg.queries import library

    return [(q.name, tuple(p.name for p in q.params), q.text) for q in library.all_queries()]


def sample_parameters(store, seed: int, count: int = 40) -> dict[str, list[str]]:
    """IRIs (or slugs) to bind, drawn reproducibly from what the store holds."""
    rng = random.Random(seed)

    def pick(query: str, var: str) -> list[str]:
        values = [r[var].value for r in store.query(query).rows if var in r]
        rng.shuffle(values)
        return values[:count]

    claims = pick("SELECT ?c WHERE { ?c a dkg:Claim } LIMIT 50000", "c")
    outlets = pick("SELECT DISTINCT ?o WHERE { ?d dkg:outlet ?o }", "o")
    entities = pick("SELECT ?e WHERE { { ?e a dkg:Person } UNION { ?e a dkg:MilitaryUnit } UNION { ?e a dkg:Event } } LIMIT 50000", "e")
    slugs = pick("SELECT ?s WHERE { ?c a dkg:Claim ; dkg:slug ?s } LIMIT 50000", "s")
    agents = pick("SELECT DISTINCT ?a WHERE { ?x prov:wasAttributedTo ?a } LIMIT 50000", "a")
    documents = pick("SELECT ?d WHERE { ?d a dkg:SourceDocument } LIMIT 50000", "d")
    keys = pick("SELECT ?k WHERE { ?e dkg:nameWord ?k } LIMIT 50000", "k")  # words of names, as typed
    pool = {"claim": claims, "source": outlets, "entity": entities, "slug": slugs, "agent": agents, "document": documents, "key": keys}
    # a paged report is asked for pages of its own listing (queries/listings.py), any page
    from dkg.queries import listings
    from dkg.schema import iris

    lists = []
    for query in sorted(listings.QUERY_REPORT):
        pages = listings.all_pages(store, query)
        rng.shuffle(pages)
        pool[f"page@{query}"] = pages[:count]
        lists += [p.rsplit("/", 1)[0] for p in pages[:2]]
    pool["listing"] = lists
    return pool


LITERAL_PARAMS = ("slug", "key")  # bound as strings; every other parameter is an IRI


def _binding_values(params: tuple[str, ...], pool: dict[str, list[str]], i: int, query: str = "") -> dict[str, str]:
    def values(p: str) -> list[str]:
        return pool.get(f"{p}@{query}") or pool[p]

    return {p: values(p)[i % len(values(p))] for p in params}


def time_dkg_queries(store, queries, pool, runs: int, global_runs: int, progress: Callable[[str], None]) -> dict:
    from dkg.graph.results import Term

    out = {}
    for name, params, text in queries:
        n = runs if params else global_runs
        try:
            first = _binding_values(params, pool, 0, name)
        except (KeyError, ZeroDivisionError):
            out[name] = {"skipped": f"no values to bind for {', '.join(params)}"}
            continue

        def bind(values):
            return {k: (Term.literal(v) if k in LITERAL_PARAMS else Term.uri(v)) for k, v in values.items()}

        if params:  # warm-up, not counted (whole-graph reports are too slow at 1M to run twice)
            store.query(text, bindings=bind(first))
        latencies, rows = [], []
        for i in range(n):
            values = bind(_binding_values(params, pool, i, name))
            t = time.perf_counter()
            result = store.query(text, bindings=values or None)
            latencies.append(time.perf_counter() - t)
            rows.append(len(result.rows))
        out[name] = {**_summary(latencies), "mean_rows": round(sum(rows) / n, 1), "rows_first_runs": rows[:5]}
        progress(f"  dkg {name}: p50 {out[name]['p50_ms']:.1f} ms")
    return out


def rdflib_child(nq_path: str, spec_path: str, out_path: str) -> None:
    """Load dkg's N-Quads into plain rdflib and run the same queries; one JSON line per event."""
    import rdflib
    from rdflib.plugins.sparql import prepareQuery  # noqa: F401  (import cost outside timings)

    from dkg.schema.iris import sparql_prefixes

    spec = json.loads(Path(spec_path).read_text())
    prefixes = sparql_prefixes()

    def emit(record):
        with open(out_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")

    class Timeout(Exception):
        pass

    def on_alarm(signum, frame):
        raise Timeout()

    signal.signal(signal.SIGALRM, on_alarm)
    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(nq_path, format="nquads")
    emit({"event": "load", "seconds": time.perf_counter() - t, "quads": len(ds), "peak_rss_mib": _peak_rss_mib()})
    for q in spec["queries"]:
        name, params, text, runs = q["name"], q["params"], prefixes + q["text"], q["runs"]
        latencies, rows = [], []
        signal.setitimer(signal.ITIMER_REAL, spec["per_query_timeout"])
        try:
            for i in range(runs):
                values = _binding_values(tuple(params), spec["pool"], i, name)
                bindings = {k: (rdflib.Literal(v) if k in LITERAL_PARAMS else rdflib.URIRef(v)) for k, v in values.items()}
                started = time.perf_counter()
                result = list(ds.query(text, initBindings=bindings))
                latencies.append(time.perf_counter() - started)
                rows.append(len(result))
        except Timeout:
            pass
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if latencies:
            emit({"event": "query", "name": name, **_summary(latencies), "mean_rows": round(sum(rows) / len(latencies), 1), "rows_first_runs": rows[:5],
                  "timed_out_after_runs": len(latencies) if len(latencies) < runs else None})
        else:
            emit({"event": "query", "name": name, "timeout_s": spec["per_query_timeout"]})


def time_rdflib(nq_path: Path, queries, pool, runs: int, global_runs: int, per_query_timeout: float, load_timeout: float, work: Path) -> dict:
    spec = work / "rdflib-spec.json"
    out = work / "rdflib-results.jsonl"
    out.unlink(missing_ok=True)
    spec.write_text(json.dumps({
        "per_query_timeout": per_query_timeout,
        "pool": pool,
        "queries": [{"name": n, "params": list(p), "text": t, "runs": runs if p else global_runs} for n, p, t in queries],
    }))
    budget = load_timeout + per_query_timeout * (len(queries) + 1)
    child = _run_measured([sys.executable, "-m", "dkg.bench", "_rdflib", str(nq_path), str(spec), str(out)], timeout=budget)
    records = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
    load = next((r for r in records if r["event"] == "load"), None)
    result = {"peak_rss_mib": round(child["peak_rss_mib"], 1), "queries": {}}
    if load is None:
        result["load"] = {"skipped": f"load did not finish within {load_timeout:.0f} s" if child["timed_out"] else f"failed: {child['output'][-300:]}"}
        return result
    result["load"] = {"seconds": round(load["seconds"], 2), "quads": load["quads"]}
    for r in records:
        if r["event"] == "query":
            name = r.pop("name")
            r.pop("event")
            result["queries"][name] = r
    return result


# ------------------------------------------------------------------ HTML views


def time_disagreements(store, runs: int) -> dict:
    """What `dkg disagreements` does before printing: the first 50 stored pairs that do not
    agree, with both sides, and the first 50 claims of each standing with their stances."""
    from dkg.queries.disagreements import STANDINGS, disagreements, stances

    latencies, pairs = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        pairs = len(disagreements(store, limit=50))  # what `dkg disagreements` shows by default
        for standing in STANDINGS:  # and the first 50 claims of each standing with their stances
            stances(store, standing=standing, limit=50)
        latencies.append(time.perf_counter() - t)
    return {**_summary(latencies), "pairs": pairs}


def time_html(store, work: Path, sizes=(1000, 10000), progress: Callable[[str], None] = lambda s: None) -> dict:
    """Project the store to networkx, cut views of the given node counts, write each as HTML."""
    import networkx as nx

    from dkg.graph import viz
    from dkg.queries import graphview

    t = time.perf_counter()
    G = graphview.project(store)
    projected = time.perf_counter() - t
    out = {"project_s": round(projected, 2), "graph_nodes": G.number_of_nodes(), "views": {}}
    undirected = G.to_undirected(as_view=True)
    start = max(G.nodes, key=lambda n: (undirected.degree(n), n))
    order = [start] + [v for _, v in nx.bfs_edges(undirected, start)]
    for n in sizes:
        if len(order) < n:
            out["views"][str(n)] = {"skipped": f"the graph has only {len(order)} connected nodes"}
            continue
        view = G.subgraph(order[:n]).copy()
        path = work / f"view-{n}.html"
        t = time.perf_counter()
        try:
            viz.render_html(view, f"{n}-node view", path)
        except Exception as exc:  # a broken renderer is a result to report, not a reason to lose the run
            out["views"][str(n)] = {"skipped": f"render_html failed: {type(exc).__name__}: {exc}"}
            continue
        seconds = time.perf_counter() - t
        out["views"][str(n)] = {"seconds": round(seconds, 2), "nodes": view.number_of_nodes(), "edges": view.number_of_edges(), "bytes": path.stat().st_size}
        progress(f"  HTML {n} nodes: {seconds:.2f} s")
    return out


# ------------------------------------------------------------------ one size


def bench_size(
    claims: int,
    work: Path,
    *,
    seed: int,
    runs: int,
    global_runs: int,
    rdflib_max: int,
    rdflib_query_timeout: float,
    rdflib_load_timeout: float,
    html: bool,
    progress: Callable[[str], None],
) -> dict:
    from dkg.graph.store import OxigraphStore
    from dkg.synth import generate

    here = work / f"claims-{claims}"
    data = here / "data"
    marker = data / "synth.json"
    if not (marker.exists() and json.loads(marker.read_text()).get("seed") == seed):
        shutil.rmtree(data, ignore_errors=True)
        progress(f"{claims:,} claims: generating the corpus")
        t = time.perf_counter()
        generate(data, claims, seed=seed)
        progress(f"  generated in {time.perf_counter() - t:.1f} s")
    row: dict = {"claim_entries": claims, "corpus": json.loads(marker.read_text()), "load_at_start": _load()}

    store_dir, nq = here / "dkg-store", here / "dkg.nq"
    shutil.rmtree(store_dir, ignore_errors=True)
    progress(f"{claims:,} claims: dkg ingest")
    child = _run_measured([sys.executable, "-m", "dkg.bench", "_ingest", str(data), str(store_dir), str(nq)])
    if child["returncode"] != 0:
        raise RuntimeError(f"ingest of {claims} claims failed:\n{child['output'][-2000:]}")
    inner = json.loads(child["output"].strip().splitlines()[-1])
    row["ingest"] = {
        "seconds": round(inner["ingest_s"], 2),
        "process_seconds": round(child["seconds"], 2),
        "validate_s": inner["validate_s"],
        "derive_and_load_s": inner["derive_and_load_s"],
        "disagreements_s": inner["disagreements_s"],
        "comparisons": inner["comparisons"],
        "peak_rss_mib": round(inner["peak_rss_mib_at_ingest"], 1),
        "process_peak_rss_mib": round(child["peak_rss_mib"], 1),
    }
    row.update({k: inner[k] for k in ("claims", "appearances", "entities", "quads", "nquads_bytes")})
    progress(f"  ingest {inner['ingest_s']:.1f} s, peak {inner['peak_rss_mib_at_ingest']:.0f} MiB, {inner['quads']:,} quads")

    oxi = _oxigraph_binary()
    if oxi:
        floor_dir = here / "oxigraph-load"
        shutil.rmtree(floor_dir, ignore_errors=True)
        child = _run_measured([oxi, "load", "--location", str(floor_dir), "--file", str(nq)])
        if child["returncode"] != 0:
            row["oxigraph_load"] = {"skipped": f"oxigraph load failed: {child['output'][-300:]}"}
        else:
            row["oxigraph_load"] = {"seconds": round(child["seconds"], 2), "peak_rss_mib": round(child["peak_rss_mib"], 1)}
            progress(f"  oxigraph load {child['seconds']:.1f} s")
        shutil.rmtree(floor_dir, ignore_errors=True)
    else:
        row["oxigraph_load"] = {"skipped": "the oxigraph CLI is not installed"}

    build_dir = here / "dkg-build"
    shutil.rmtree(build_dir, ignore_errors=True)
    progress(f"{claims:,} claims: dkg build (SHACL on)")
    child = _run_measured([sys.executable, "-m", "dkg.bench", "_build", str(data), str(build_dir)])
    if child["returncode"] != 0:
        row["build"] = {"skipped": f"build failed: {child['output'][-500:]}"}
    else:
        inner = json.loads(child["output"].strip().splitlines()[-1])
        row["build"] = {
            "seconds": round(inner["build_s"], 2),
            "shacl_s": inner["shacl_s"],
            "process_seconds": round(child["seconds"], 2),
            "process_peak_rss_mib": round(child["peak_rss_mib"], 1),
        }
        progress(f"  build {inner['build_s']:.1f} s (SHACL {inner['shacl_s'] or 0:.1f} s), peak {child['peak_rss_mib']:.0f} MiB")
    shutil.rmtree(build_dir, ignore_errors=True)
    if claims <= ENGINE_COMPARE_MAX:
        progress(f"{claims:,} claims: SHACL engines on the same data")
        child = _run_measured([sys.executable, "-m", "dkg.bench", "_engines", str(store_dir)])
        if child["returncode"] == 0:
            row["shacl_engines"] = json.loads(child["output"].strip().splitlines()[-1])
        else:
            row["shacl_engines"] = {"skipped": f"failed: {child['output'][-300:]}"}

    queries = bundled_queries()
    store = OxigraphStore(store_dir, read_only=True)
    pool = sample_parameters(store, seed)
    progress(f"{claims:,} claims: bundled queries in dkg")
    row["dkg_queries"] = time_dkg_queries(store, queries, pool, runs, global_runs, progress)
    if claims <= rdflib_max:
        progress(f"{claims:,} claims: the same queries in plain rdflib")
        row["rdflib"] = time_rdflib(nq, queries, pool, max(3, runs // 4), 1, rdflib_query_timeout, rdflib_load_timeout, here)
    else:
        row["rdflib"] = {"skipped": f"above --rdflib-max {rdflib_max:,} claims: rdflib's in-memory load of {row['quads']:,} quads would not fit the run"}
    row["dkg_disagreements"] = time_disagreements(store, max(3, global_runs))
    progress(f"  dkg disagreements p50 {row['dkg_disagreements']['p50_ms']:.0f} ms ({row['dkg_disagreements']['pairs']:,} pairs shown)")
    if html:
        progress(f"{claims:,} claims: HTML views")
        row["html"] = time_html(store, here, progress=progress)
    store.close()
    row["load_at_end"] = _load()
    return row


def _load() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine slows every number."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


# ------------------------------------------------------------------ targets and report


def evaluate(rows: list[dict]) -> list[dict]:
    """Each target with the measured value and whether it is met (None: not measured)."""
    by_size = {r["claim_entries"]: r for r in rows}
    largest = max(by_size) if by_size else None
    million = by_size.get(1_000_000)
    out = []

    def target(name, value, met, note):
        out.append({"target": name, "measured": value, "met": met, "note": note})

    if million and "seconds" in million.get("oxigraph_load", {}):
        ratio = million["ingest"]["seconds"] / million["oxigraph_load"]["seconds"]
        target("ingest of 1M claims within 3x `oxigraph load`", f"{ratio:.2f}x", ratio <= TARGETS["ingest_vs_oxigraph"], "")
    else:
        target("ingest of 1M claims within 3x `oxigraph load`", None, None, f"1M claims not measured in this run (largest: {largest:,})" if largest else "")

    name = "default build (SHACL on) of 1M claims within 3x `oxigraph load`"
    if million and "seconds" in million.get("oxigraph_load", {}) and "seconds" in million.get("build", {}):
        ratio = million["build"]["seconds"] / million["oxigraph_load"]["seconds"]
        b = million["build"]
        target(name, f"{ratio:.2f}x", ratio <= TARGETS["build_vs_oxigraph"], f"{b['seconds']:.0f} s, of which SHACL {b.get('shacl_s') or 0:.0f} s; exports not included")
        gib = b["process_peak_rss_mib"] / 1024
        target("default build of 1M claims in <= 4 GiB peak memory", f"{gib:.2f} GiB", gib <= TARGETS["build_memory_gib"], "peak RSS of the build process, SHACL included")
    else:
        note = f"1M claims not measured in this run (largest: {largest:,})" if largest else ""
        target(name, None, None, note)
        target("default build of 1M claims in <= 4 GiB peak memory", None, None, note)

    speedups, missing = [], []
    for size, r in sorted(by_size.items()):
        if size < 100_000:
            continue
        rq = r.get("rdflib", {}).get("queries") or {}
        for name, d in r["dkg_queries"].items():
            other = rq.get(name)
            if not other or "p50_ms" not in d:
                missing.append(f"{name}@{size:,}")
                continue
            if "p50_ms" in other:
                speedups.append((other["p50_ms"] / max(d["p50_ms"], 1e-6), name, size, False))
            elif "timeout_s" in other:  # rdflib did not finish one run: a lower bound
                speedups.append((other["timeout_s"] * 1000 / max(d["p50_ms"], 1e-6), name, size, True))
    if speedups:
        worst = min(speedups)
        met = worst[0] >= TARGETS["query_speedup"]
        note = f"slowest ratio: {worst[1]} at {worst[2]:,} claims" + (" (rdflib timed out: lower bound)" if worst[3] else "")
        if missing:
            note += f"; not compared: {', '.join(missing)}"
        target("every bundled query >= 20x faster than rdflib, at >= 100k claims", f"{worst[0]:.1f}x (min)", met, note)
    else:
        target("every bundled query >= 20x faster than rdflib, at >= 100k claims", None, None, "no size >= 100k compared with rdflib in this run")

    if million:
        p50 = max(million["dkg_queries"][q]["p50_ms"] for q in PROVENANCE if q in million["dkg_queries"])
        target("one-claim provenance p50 <= 20 ms at 1M claims", f"{p50:.1f} ms", p50 <= TARGETS["provenance_p50_ms"], "slower of `sources` and `citation_chain`")
        timed = {q: d["p50_ms"] for q, d in million["dkg_queries"].items() if "p50_ms" in d}
        slow = sorted(((ms, q) for q, ms in timed.items() if ms > TARGETS["report_p50_s"] * 1000), reverse=True)
        worst = max(timed.values()) if timed else None
        target(
            "every bundled query p50 <= 1 s at 1M claims",
            f"{worst / 1000:.2f} s (max)" if worst is not None else None,
            (not slow) if timed else None,
            ("over 1 s: " + ", ".join(f"{q} {ms / 1000:.1f} s" for ms, q in slow)) if slow else "",
        )
        gib = million["ingest"]["process_peak_rss_mib"] / 1024
        target("1M claims ingested in <= 8 GiB peak memory", f"{gib:.2f} GiB", gib <= TARGETS["peak_memory_gib"], "peak RSS of the ingest process")
        d = million.get("dkg_disagreements")
        if d:
            s = d["p50_ms"] / 1000
            target("`dkg disagreements` under 1 s at 1M claims", f"{s:.2f} s", s <= TARGETS["disagreements_s"], f"p50; the first {d['pairs']:,} pairs that do not agree, with both sides, and the first 50 claims of each standing with their stances")
        share = million["ingest"].get("disagreements_s")
        if share is not None:
            ratio = share / million["ingest"]["seconds"]
            target(
                "the build's comparisons and standing under 20% of ingest at 1M",
                f"{ratio:.1%}",
                ratio <= TARGETS["disagreement_share"],
                f"{share:.1f} s of {million['ingest']['seconds']:.1f} s; {million['ingest'].get('comparisons', 0):,} pairs compared",
            )
    else:
        for name in (
            "one-claim provenance p50 <= 20 ms at 1M claims",
            "every bundled query p50 <= 1 s at 1M claims",
            "1M claims ingested in <= 8 GiB peak memory",
            "`dkg disagreements` under 1 s at 1M claims",
            "the build's comparisons and standing under 20% of ingest at 1M",
        ):
            target(name, None, None, "1M claims not measured in this run")
    return out


def machine() -> dict:
    import pyoxigraph
    import rdflib

    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gib": mem,
        "pyoxigraph": pyoxigraph.__version__ if hasattr(pyoxigraph, "__version__") else "?",
        "rdflib": rdflib.__version__,
        "pyrudof": _version("pyrudof"),
        "load": _load(),
        "date": time.strftime("%Y-%m-%d"),
    }


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def _fmt(value, unit="") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}{unit}" if value >= 10 else f"{value:,.2f}{unit}"
    return f"{value:,}{unit}"


def _fmt_load(load) -> str:
    return "/".join(f"{x:.1f}" for x in load) if load else "?"


def _verdict(met) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[met]


def markdown(report: dict) -> str:
    rows, m = report["sizes"], report["machine"]
    loads = [f"{r['claim_entries']:,}: {_fmt_load(r.get('load_at_start'))} -> {_fmt_load(r.get('load_at_end'))}" for r in rows]
    lines = [
        "# Benchmarks",
        "",
        "Written by `dkg bench` "
        f"({m['date']}; {m['cpus']} CPUs, {m['memory_gib']} GiB; Python {m['python']}, pyoxigraph {m['pyoxigraph']}, rdflib {m['rdflib']}, pyrudof {m.get('pyrudof', '?')}).",
        "Load average (1/5/15 min) when each size started and ended, which slows every number on a shared machine: "
        + ("; ".join(loads) if loads else "–") + ".",
        "Corpora are synthetic (`dkg synth`, seed " + str(report["seed"]) + "): *claim entries* are appearances as curators",
        "write them; re-reports of the same proposition merge, so distinct claims are fewer.",
        "Regenerate with `dkg bench --json bench.json --markdown docs/benchmarks.md`.",
        "",
        "## Targets",
        "",
        "| target | measured | verdict | note |",
        "|---|---|---|---|",
    ]
    for t in report["targets"]:
        lines.append(f"| {t['target']} | {t['measured'] or '–'} | {_verdict(t['met'])} | {t['note']} |")
    lines += [
        "",
        "## Ingest",
        "",
        "dkg: `load_corpus` (YAML + bulk rows, models, references) -> `graph_lines` -> `OxigraphStore.replace_graphs`",
        "(SHACL off), one child process; peak = that process's RSS high-water mark. Floor: `oxigraph load` of the N-Quads",
        "dkg wrote, the same data.",
        "",
        "| claim entries | distinct claims | quads | dkg ingest (s) | validate (s) | derive+load (s) | peak RSS (MiB) | `oxigraph load` (s) | ratio | oxigraph peak (MiB) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ing, oxl = r["ingest"], r.get("oxigraph_load", {})
        ratio = f"{ing['seconds'] / oxl['seconds']:.2f}x" if "seconds" in oxl else "–"
        lines.append(
            f"| {r['claim_entries']:,} | {r['claims']:,} | {r['quads']:,} | {_fmt(ing['seconds'])} | {_fmt(ing['validate_s'])} | "
            f"{_fmt(ing['derive_and_load_s'])} | {_fmt(ing['process_peak_rss_mib'])} | {_fmt(oxl.get('seconds'))} | {ratio} | {_fmt(oxl.get('peak_rss_mib'))} |"
        )
    lines += [
        "",
        "## The default build (SHACL on)",
        "",
        "`graph.build.build` as `dkg build` runs it, SHACL included (exports left out), in its own child process.",
        "SHACL checks the quads the shapes read in the store just written (graph/shacl.py); an incremental build checks",
        "only the graphs it wrote. `dkg disagreements`: the typed API behind the command, p50. Comparisons: the build's",
        "pairwise comparisons and standing, timed inside the ingest, and their share of it.",
        "",
        "| claim entries | build (s) | SHACL (s) | build peak (MiB) | `oxigraph load` (s) | build ratio | comparisons (s) | share of ingest | pairs compared | `dkg disagreements` p50 (ms) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        b, oxl, ing, dis = r.get("build", {}), r.get("oxigraph_load", {}), r["ingest"], r.get("dkg_disagreements", {})
        ratio = f"{b['seconds'] / oxl['seconds']:.2f}x" if "seconds" in b and "seconds" in oxl else "–"
        share = f"{ing['disagreements_s'] / ing['seconds']:.1%}" if ing.get("disagreements_s") is not None and ing["seconds"] else "–"
        lines.append(
            f"| {r['claim_entries']:,} | {_fmt(b.get('seconds')) if 'seconds' in b else b.get('skipped', '–')} | {_fmt(b.get('shacl_s'))} | "
            f"{_fmt(b.get('process_peak_rss_mib'))} | {_fmt(oxl.get('seconds'))} | {ratio} | {_fmt(ing.get('disagreements_s'))} | {share} | "
            f"{_fmt(ing.get('comparisons'))} | {_fmt(dis.get('p50_ms'))} |"
        )
    engines = [(r["claim_entries"], r["shacl_engines"]) for r in rows if "rudof" in r.get("shacl_engines", {})]
    if engines:
        lines += ["", "SHACL engines on the same data (the quads of the built store the shapes read), same shapes:", "",
                  "| claim entries | quads checked (of) | SPARQL in the store (s) | violations | pyrudof (s) | violations | pySHACL (s) | violations | pyrudof / SPARQL |", "|---|---|---|---|---|---|---|---|---|"]
        for size, e in engines:
            sq, ru, py = e.get("sparql", {}), e["rudof"], e["pyshacl"]
            ratio = f"{ru['seconds'] / max(sq['seconds'], 1e-6):.1f}x" if sq.get("seconds") is not None else "–"
            lines.append(f"| {size:,} | {e['quads_checked']:,} ({e['quads_in_store']:,}) | {_fmt(sq.get('seconds'))} | {sq.get('violations', '–')} | {_fmt(ru['seconds'])} | {ru['violations']} | {_fmt(py['seconds'])} | {py['violations']} | {ratio} |")
    lines += ["", "## Bundled queries", "",
              "p50 / p95 in milliseconds over varied parameters (claims, outlets, entities drawn from the store); queries without",
              "parameters are whole-graph reports and run fewer times. rdflib: the same query text and bindings on a plain",
              "`rdflib.Dataset(default_union=True)` loaded from dkg's N-Quads, fewer runs, with a per-query time limit.", ""]
    for r in rows:
        rd = r.get("rdflib", {})
        lines.append(f"### {r['claim_entries']:,} claim entries")
        lines.append("")
        if "skipped" in rd:
            lines.append(f"rdflib: skipped ({rd['skipped']}).")
            lines.append("")
        elif "load" in rd:
            load = rd["load"]
            lines.append(f"rdflib load: {_fmt(load.get('seconds'))} s" if "seconds" in load else f"rdflib load: {load.get('skipped')}")
            lines.append(f" (peak {_fmt(rd.get('peak_rss_mib'))} MiB).")
            lines.append("")
        lines.append("| query | question | dkg p50 | dkg p95 | rdflib p50 | rdflib p95 | speed-up (p50) |")
        lines.append("|---|---|---|---|---|---|---|")
        for name, d in r["dkg_queries"].items():
            o = (rd.get("queries") or {}).get(name, {})
            if "p50_ms" in o:
                rp50, rp95 = _fmt(o["p50_ms"]), _fmt(o["p95_ms"])
                speed = f"{o['p50_ms'] / max(d.get('p50_ms', 0), 1e-6):,.0f}x" if "p50_ms" in d else "–"
                if o.get("timed_out_after_runs"):
                    rp95 += f" ({o['timed_out_after_runs']} runs in limit)"
            elif "timeout_s" in o:
                rp50 = rp95 = f"> {o['timeout_s'] * 1000:,.0f} (timed out)"
                speed = f"> {o['timeout_s'] * 1000 / max(d.get('p50_ms', 0), 1e-6):,.0f}x" if "p50_ms" in d else "–"
            else:
                rp50 = rp95 = speed = "–"
            lines.append(
                f"| `{name}` | {CATEGORIES.get(name, 'other')} | {_fmt(d.get('p50_ms'))} | {_fmt(d.get('p95_ms'))} | {rp50} | {rp95} | {speed} |"
            )
        lines.append("")
    html_rows = [(r["claim_entries"], r["html"]) for r in rows if "html" in r]
    if html_rows:
        lines += ["## HTML export", "", "`graph/viz.py` `render_html` of a connected view cut (breadth-first from the busiest node) out of",
                  "`queries/graphview.project` of the whole store.", "",
                  "| corpus (claim entries) | projection (s) | graph nodes | view | nodes | edges | render (s) | file (MiB) |", "|---|---|---|---|---|---|---|---|"]
        for size, h in html_rows:
            for n, v in h["views"].items():
                if "skipped" in v:
                    lines.append(f"| {size:,} | {_fmt(h['project_s'])} | {h['graph_nodes']:,} | {int(n):,} | – | – | skipped: {v['skipped']} | – |")
                else:
                    lines.append(f"| {size:,} | {_fmt(h['project_s'])} | {h['graph_nodes']:,} | {int(n):,} | {v['nodes']:,} | {v['edges']:,} | {_fmt(v['seconds'])} | {v['bytes'] / MiB:.1f} |")
        lines.append("")
    notes = report.get("notes") or []
    if notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(lines)


def run(
    sizes: list[int],
    work: Path,
    *,
    seed: int = 1,
    runs: int = 30,
    global_runs: int = 3,
    rdflib_max: int = 100_000,
    rdflib_query_timeout: float = 300.0,
    rdflib_load_timeout: float = 1800.0,
    html_size: int | None = None,
    progress: Callable[[str], None] = lambda s: None,
    on_size: Callable[[dict], None] | None = None,
) -> dict:
    """Benchmark each size; html_size picks the corpus the HTML views are cut from (default: the
    smallest size >= 100k claims, else the largest)."""
    work.mkdir(parents=True, exist_ok=True)
    sizes = sorted(sizes)
    if html_size is None:
        html_size = next((s for s in sizes if s >= 100_000), sizes[-1])
    report = {"machine": machine(), "seed": seed, "sizes": [], "targets": [], "notes": []}
    for claims in sizes:
        row = bench_size(
            claims, work, seed=seed, runs=runs, global_runs=global_runs, rdflib_max=rdflib_max,
            rdflib_query_timeout=rdflib_query_timeout, rdflib_load_timeout=rdflib_load_timeout,
            html=claims == html_size, progress=progress,
        )
        report["sizes"].append(row)
        report["targets"] = evaluate(report["sizes"])
        if on_size:
            on_size(report)
    return report


def main(argv: list[str]) -> int:
    """Entry points of the child processes (python -m dkg.bench _ingest|_rdflib ...)."""
    if argv[:1] == ["_ingest"]:
        print(json.dumps(ingest(argv[1], argv[2], argv[3] if len(argv) > 3 else None)), flush=True)
        return 0
    if argv[:1] == ["_build"]:
        print(json.dumps(build_with_validation(argv[1], argv[2])), flush=True)
        return 0
    if argv[:1] == ["_engines"]:
        print(json.dumps(compare_engines(argv[1])), flush=True)
        return 0
    if argv[:1] == ["_rdflib"]:
        rdflib_child(argv[1], argv[2], argv[3])
        return 0
    print("usage: dkg bench (this module's own arguments are for its child processes)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
