"""What `dkg bench` measures at the SPARQL level: how fast dkg stays as the graph grows, against
what a user could do instead. (dkg/bench/commands.py times what users run, as processes;
dkg/bench/report.py holds the targets and writes the report.)

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

No number here is asserted anywhere: the test suite only checks that a small run produces
every row.
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

MiB = 1024 * 1024


def _run_measured(args: list[str], timeout: float | None = None) -> dict:
    """Run a child process to the end (or `timeout`), reaped with os.wait4 so the peak RSS is
    this child's alone."""
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


def percentiles(values: list[float]) -> tuple[float, float]:
    """(p50, p95), interpolated between the closest ranks: statistics.quantiles' "inclusive"
    method, which gives the numbers the hand-written percentile this replaced gave (checked on
    3,960 random samples of 2 to 199 values: largest difference 1.2e-14)."""
    if len(values) == 1:
        return values[0], values[0]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94]


def _summary(latencies: list[float]) -> dict:
    p50, p95 = percentiles([x * 1000 for x in latencies])
    return {"p50_ms": round(p50, 3), "p95_ms": round(p95, 3), "runs": len(latencies)}


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
    appearances = pick("SELECT ?a WHERE { ?a a dkg:Appearance } LIMIT 50000", "a")
    pool = {"claim": claims, "source": outlets, "entity": entities, "slug": slugs, "agent": agents, "document": documents, "key": keys,
            "appearance": appearances}
    # a paged report is asked for pages of its own listing (queries/listings.py), any page
    from dkg.queries import listings

    lists = []
    for query in sorted(listings.QUERY_REPORT):
        pages = listings.all_pages(store, query)
        rng.shuffle(pages)
        pool[f"page@{query}"] = pages[:count]
        lists += [p.rsplit("/", 1)[0] for p in pages[:2]]
    pool["listing"] = lists
    # any other page (listing_rows.rq reads one): the first page of each agent's said-by listing
    from dkg.schema import iris

    prefix = iris.listing("said-by", "")
    sections = sorted(r["l"].value[len(prefix):] for r in store.query("SELECT ?l WHERE { ?l a dkg:Listing }").rows if r["l"].value.startswith(prefix))
    rng.shuffle(sections)
    pool["page"] = [iris.listing_page("said-by", s, 0) for s in sections[:count]]
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
    process_runs: int = 5,
    build_runs: int = 1,
    users: bool = True,
    site: bool = True,
    users_only: bool = False,
    serving: bool = True,
    keep_builds: bool = False,
    reuse_builds: bool = False,
) -> dict:
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
    if not users_only:
        _sparql_level(row, claims, data, here, seed=seed, runs=runs, global_runs=global_runs, rdflib_max=rdflib_max,
                      rdflib_query_timeout=rdflib_query_timeout, rdflib_load_timeout=rdflib_load_timeout, html=html, progress=progress)
    if users:
        from .commands import KEPT, users as time_users

        progress(f"{claims:,} claims: what users run, as processes (median of {process_runs})")
        row["users"] = time_users(data, here, runs=process_runs, build_runs=build_runs, seed=seed, site=site, serve=serving, progress=progress,
                                  reuse=reuse_builds)
        if not (keep_builds or reuse_builds):
            shutil.rmtree(here / "user-build", ignore_errors=True)
            (here / KEPT).unlink(missing_ok=True)
    row["load_at_end"] = _load()
    return row


def _sparql_level(row: dict, claims: int, data: Path, here: Path, *, seed: int, runs: int, global_runs: int, rdflib_max: int,
                  rdflib_query_timeout: float, rdflib_load_timeout: float, html: bool, progress: Callable[[str], None]) -> None:
    """The second table's figures: ingest and `oxigraph load`, the build with SHACL, the SHACL
    engines, the bundled queries in dkg and rdflib, disagreements and the HTML views."""
    from dkg.graph.store import OxigraphStore

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


def _load() -> list[float] | None:
    """The 1, 5 and 15 minute load averages: other work on the machine slows every number."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _oxigraph_binary() -> str | None:
    """The `oxigraph` CLI as dkg/server/load.py finds it, or None when it is not installed."""
    from dkg.server.load import oxigraph_binary

    try:
        return oxigraph_binary()
    except RuntimeError:
        return None


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
    process_runs: int = 5,
    build_runs: int = 1,
    users: bool = True,
    site: bool = True,
    hot_spot_sizes: tuple[int, ...] = (),
    users_only: bool = False,
    serving: bool = True,
    site_max: int = 1_000_000,
    keep_builds: bool = False,
    reuse_builds: bool = False,
) -> dict:
    """Benchmark each size; html_size picks the corpus the HTML views are cut from (default: the
    smallest size >= 100k claims, else the largest)."""
    work.mkdir(parents=True, exist_ok=True)
    sizes = sorted(sizes)
    if html_size is None:
        html_size = next((s for s in sizes if s >= 100_000), sizes[-1])
    from .report import evaluate

    report = {"machine": machine(), "seed": seed, "sizes": [], "targets": [], "notes": []}
    for claims in sizes:
        row = bench_size(
            claims, work, seed=seed, runs=runs, global_runs=global_runs, rdflib_max=rdflib_max,
            rdflib_query_timeout=rdflib_query_timeout, rdflib_load_timeout=rdflib_load_timeout,
            html=claims == html_size, progress=progress, process_runs=process_runs, build_runs=build_runs, users=users,
            site=site and claims <= site_max, users_only=users_only, serving=serving, keep_builds=keep_builds, reuse_builds=reuse_builds,
        )
        report["sizes"].append(row)
        report["targets"] = evaluate(report["sizes"])
        if on_size:
            on_size(report)
    if hot_spot_sizes:
        from .commands import hot_spots

        progress(f"hot spots at {', '.join(f'{n:,}' for n in hot_spot_sizes)}")
        report["hot_spots"] = hot_spots(work, tuple(hot_spot_sizes), process_runs, progress)
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

