"""What users run, measured as they run it: every command of the README's table as its own
process (start-up included, median of `runs`), every kind of page of `dkg serve` over HTTP,
`dkg site`, the default `dkg build` exactly as the README runs it (validation and exports on)
and the incremental build after one new source file; and, beside each command, the Oxigraph
floor: a bare pyoxigraph process that opens the same store and runs the one bundled query the
command rests on (start-up included), so what dkg adds above the store is visible.

Arguments are drawn from the corpus (a seeded choice of a person with claims, one of its
claims, an outlet, an agency, a document, a printed figure), never fixed names, so the same
code measures any corpus. `hot_spots` builds the shapes a uniform corpus never has (dkg/synth.py
`hot_spots`: N stances on one claim, 2N claims about one person, one document cited by N/5) at
two sizes and times the commands they load, to show that cost grows linearly with them.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import sys
import time
import urllib.request
from pathlib import Path
from typing import Callable

from .measure import _load, _run_measured

# targets of issue 24 at 1M claims (wall time, start-up included)
ONE_THING_S = 1.0  # profile, provenance of a claim, sources, document, said-by, timeline, find, search, a page
REPORT_PAGE_S = 1.0  # the first page of a whole-graph report
BUILD_VS_OXIGRAPH = 3.0
BUILD_GIB = 4.0
ADD_ONE_ARTICLE_S = 60.0
SERVE_VS_OXIGRAPH = 1.5  # p50 and p95 of `dkg serve` over `oxigraph serve-read-only`, 50 clients
SERVE_GIB = 2.0

CLI = [sys.executable, "-m", "dkg.cli"]


def _median_process(argv: list[str], runs: int, env: dict | None = None, timeout: float = 900) -> dict:
    """Median wall time (and peak RSS) of `runs` runs of a process; exit code of the last."""
    seconds, rss, code = [], [], None
    old = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        for _ in range(runs):
            child = _run_measured(argv, timeout=timeout)
            seconds.append(child["seconds"])
            rss.append(child["peak_rss_mib"])
            code = child["returncode"]
            if child["timed_out"]:
                return {"seconds": None, "timed_out": timeout, "returncode": code}
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return {"seconds": round(statistics.median(seconds), 3), "runs": runs, "min_s": round(min(seconds), 3), "peak_rss_mib": round(max(rss), 1), "returncode": code}


# ------------------------------------------------------------------ what to ask


def choose(store, seed: int) -> dict:
    """Realistic arguments drawn from the corpus: reproducible for a seed, any corpus."""
    rng = random.Random(seed)

    def one(query: str, var: str = "x") -> str | None:
        rows = [r[var].value for r in store.query(query).rows if var in r]
        return rng.choice(sorted(rows)) if rows else None

    # a person with claims, named by a name no one else has (an ambiguous name lists candidates
    # instead of a profile), written in Cyrillic too where the corpus has it
    unique = (
        "SELECT ?x WHERE { { SELECT ?l (COUNT(DISTINCT ?p) AS ?n) (SAMPLE(?p) AS ?x) WHERE { ?p a dkg:Person ; rdfs:label ?l } GROUP BY ?l } "
        "FILTER(?n = 1 && CONTAINS(?l, \" \") && !STRSTARTS(?l, \"an \")) ?c dkg:subject ?x . %s } LIMIT 2000"
    )
    person = one(unique % "?x dkg:transliteration ?t .") or one(unique % "")
    by_slug = person is None  # at 1M the synthetic name pool repeats: every full name is shared
    if by_slug:
        person = one("SELECT DISTINCT ?x WHERE { ?x a dkg:Person . ?c dkg:subject ?x } LIMIT 2000")
    picks = {"person": person}
    if person:
        # named as a user names one person among several of the same name: by its id
        picks["person_name"] = _slug(person) if by_slug else one(f"SELECT ?x WHERE {{ <{person}> rdfs:label ?x }}")
        picks["person_cyrillic"] = one(f"SELECT ?x WHERE {{ <{person}> dkg:transliteration ?x }}")
        picks["claim"] = one(f"SELECT ?x WHERE {{ ?x dkg:subject <{person}> ; a dkg:Claim }}")
    picks["outlet"] = one("SELECT DISTINCT ?x WHERE { ?d dkg:outlet ?x } LIMIT 2000")
    picks["agent"] = one("SELECT DISTINCT ?x WHERE { ?a dkg:onBehalfOf ?x } LIMIT 2000") or one("SELECT DISTINCT ?x WHERE { ?a prov:wasAttributedTo ?x } LIMIT 2000")
    picks["document"] = one("SELECT ?x WHERE { ?x a dkg:SourceDocument } LIMIT 2000")
    picks["printed"] = one('SELECT ?x WHERE { ?a dkg:printedValue ?x FILTER(CONTAINS(?x, " ")) } LIMIT 2000') or one("SELECT ?x WHERE { ?a dkg:printedValue ?x } LIMIT 2000")
    picks["contradiction_subject"] = one("SELECT DISTINCT ?x WHERE { ?c dkg:verdict dkg:Contradiction ; dkg:about ?x } LIMIT 2000")
    return picks


def _slug(iri: str | None) -> str | None:
    from dkg.schema.iris import local_name

    return local_name(iri) if iri else None


def command_list(picks: dict) -> list[dict]:
    """(label, dkg arguments, kind, floor query and bindings) for each command of the README's
    table; kinds: startup, one (one thing), report (a page of a whole-graph report)."""
    s = {k: _slug(v) for k, v in picks.items() if k in ("person", "claim", "outlet", "agent", "document", "contradiction_subject")}
    out = [{"label": "--help (start-up)", "args": ["--help"], "kind": "startup"}]

    def add(label, args, kind, floor=None, bind=None, needs=()):
        if all(picks.get(n) for n in needs):
            out.append({"label": label, "args": args, "kind": kind, "floor": floor, "bind": bind or {}})

    add(f"said-by {s.get('agent')}", ["said-by", s.get("agent") or ""], "one", "said_by", {"agent": picks.get("agent")}, ("agent",))
    add(f"document {s.get('document')}", ["document", s.get("document") or ""], "one", "document_claims", {"document": picks.get("document")}, ("document",))
    add(f"search {picks.get('printed')!r}", ["search", *(picks.get("printed") or "").split()], "one", None, None, ("printed",))
    add(f"reported-by {s.get('outlet')}", ["reported-by", s.get("outlet") or ""], "one", "reported_by", {"source": picks.get("outlet")}, ("outlet",))
    add("sources <claim key>", ["sources", s.get("claim") or ""], "one", "sources", {"claim": picks.get("claim")}, ("claim",))
    add("provenance <claim key>", ["provenance", s.get("claim") or ""], "one", "citation_chain", {"claim": picks.get("claim")}, ("claim",))
    add("provenance <person>", ["provenance", s.get("person") or ""], "one", "claims_about", {"entity": picks.get("person")}, ("person",))
    add("corroboration", ["corroboration"], "report", "corroboration", {"page": "corroboration"})
    add("corroboration --single-origin --origin <agency>", ["corroboration", "--single-origin", "--origin", s.get("agent") or ""], "report", "single_origin", {"page": "single_origin"}, ("agent",))
    add("disagreements", ["disagreements"], "report", "disagreements", {"page": "disagreements"})
    add("disagreements --kind contradiction --subject <entity>", ["disagreements", "--kind", "contradiction", "--subject", s.get("contradiction_subject") or ""], "one",
        "disagreements_about", {"entity": picks.get("contradiction_subject")}, ("contradiction_subject",))
    add(f"profile {picks.get('person_name')}", ["profile", *(picks.get("person_name") or "").split()], "one", "claims_about", {"entity": picks.get("person")}, ("person_name",))
    add("timeline <person>", ["timeline", s.get("person") or ""], "one", "timeline", {"entity": picks.get("person")}, ("person",))
    add("unverified", ["unverified"], "report", "hedged", {"page": "hedged"})
    add(f"find {picks.get('person_name')}", ["find", *(picks.get("person_name") or "").split()], "one", "entities_named", {"key": "name"}, ("person_name",))
    add(f"find {picks.get('person_cyrillic')}", ["find", *(picks.get("person_cyrillic") or "").split()], "one", "entities_named", {"key": "cyrillic"}, ("person_cyrillic",))
    add("sparql corroboration", ["sparql", "corroboration"], "report", "corroboration", {"page": "corroboration"})
    return out


def _floor_text(store, query: str, bind: dict, picks: dict) -> str:
    """The bundled query with its values written in (graph/binding.py serialises each term
    strictly), for a bare pyoxigraph process."""
    from dkg.graph.binding import bind_values
    from dkg.graph.results import Term
    from dkg.queries import library, listings, names
    from dkg.schema.iris import sparql_prefixes

    values = {}
    for var, value in bind.items():
        if var == "page":
            values[var] = Term.uri(listings.all_pages(store, value)[0])
        elif var == "key":
            values[var] = Term.literal(names.fold(picks["person_name" if value == "name" else "person_cyrillic"]).split()[-1])
        else:
            values[var] = Term.uri(value)
    return sparql_prefixes() + bind_values(library.load(query).text, values)


FLOOR = (
    "import sys, pyoxigraph as ox\n"
    "store = ox.Store.read_only(sys.argv[1])\n"
    "text = open(sys.argv[2], encoding='utf-8').read()\n"
    "rows = sum(1 for _ in store.query(text, use_default_graph_as_union=True))\n"
    "print(rows)\n"
)


# ------------------------------------------------------------------ one build


def _compiled() -> None:
    """Byte-compile dkg's modules before timing, as an installed program has them: with
    PYTHONDONTWRITEBYTECODE set (some shells and containers set it), every command would
    otherwise compile some sixty modules afresh, 0.4-0.9 s a run that no user pays twice."""
    import compileall

    root = Path(__file__).resolve().parents[2]
    for folder in ("dkg", "graph", "loaders", "queries", "schema"):
        if (root / folder).is_dir():
            compileall.compile_dir(root / folder, quiet=1)


def time_commands(out: Path, runs: int, seed: int, work: Path, progress: Callable[[str], None]) -> dict:
    """Every command as a process, with its Oxigraph floor, against the build in `out`."""
    _compiled()
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore

    store = OxigraphStore(store_path(out), read_only=True)
    picks = choose(store, seed)
    env = {"DKG_OUT": str(out), "COLUMNS": "120"}
    rows = []
    for c in command_list(picks):
        measured = _median_process([*CLI, *c["args"]], runs, env)
        row = {"label": c["label"], "kind": c["kind"], **measured}
        if c.get("floor"):
            text_file = work / f"floor-{c['floor']}.rq"
            text_file.write_text(_floor_text(store, c["floor"], c["bind"], picks), encoding="utf-8")
            floor = _median_process([sys.executable, "-c", FLOOR, str(store_path(out)), str(text_file)], runs)
            row["floor_query"] = c["floor"]
            row["floor_s"] = floor["seconds"]
        rows.append(row)
        progress(f"  {c['label']}: {row['seconds']} s" + (f" (floor {row['floor_s']} s)" if row.get("floor_s") is not None else ""))
    store.close()
    return {"picks": {k: v for k, v in picks.items()}, "commands": rows}


def time_pages(out: Path, runs: int, seed: int, progress: Callable[[str], None]) -> dict:
    """Each kind of page of `dkg serve` over HTTP (entity, document, claim, the query page),
    `runs` different items of each, as a browser asks (Accept: text/html); the server is
    started for this and stopped after."""
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore
    from dkg.server.launch import serving

    store = OxigraphStore(store_path(out), read_only=True)
    rng = random.Random(seed)

    def some(query: str) -> list[str]:
        values = sorted(r["x"].value for r in store.query(query).rows)
        rng.shuffle(values)
        return values[:runs]

    kinds = {
        "entity page": some("SELECT DISTINCT ?x WHERE { ?c dkg:subject ?x . ?x a dkg:Person } LIMIT 5000"),
        "document page": some("SELECT ?x WHERE { ?x a dkg:SourceDocument } LIMIT 5000"),
        "claim page": some("SELECT ?x WHERE { ?x a dkg:Claim } LIMIT 5000"),
    }
    store.close()
    result = {}
    with serving(out) as (base, _proc, _lines):
        for kind, iris_ in kinds.items():
            seconds, statuses = [], []
            for iri in iris_:
                url = base + "/id/" + iri.split("/id/", 1)[1]
                t = time.perf_counter()
                status, _size = _get(url)
                seconds.append(time.perf_counter() - t)
                statuses.append(status)
            result[kind] = {"seconds": round(statistics.median(seconds), 3) if seconds else None, "max_s": round(max(seconds), 3) if seconds else None,
                            "runs": len(seconds), "statuses": sorted(set(statuses))}
            progress(f"  {kind}: {result[kind]['seconds']} s")
        seconds = []
        for _ in range(runs):
            t = time.perf_counter()
            _get(base + "/")
            seconds.append(time.perf_counter() - t)
        result["query page"] = {"seconds": round(statistics.median(seconds), 3), "runs": runs, "statuses": [200]}
    return result


def _get(url: str) -> tuple[int, int]:
    req = urllib.request.Request(url, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, len(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, 0


NEW_SOURCE = """document:
  id: bench-added-article
  name: An article added to a built graph
  kind: news_report
  outlet: {outlet}
  published: "2024-03-01"
claims:
  - subject: {person}
    property: motivation
    value: {{text: "a motivation only the added article reports"}}
    quote: "a motivation only the added article reports"
  - subject: {person}
    property: rank
    value: {{text: Captain}}
    quote: "Captain"
"""


def time_builds(data: Path, here: Path, runs: int, progress: Callable[[str], None]) -> tuple[dict, Path]:
    """The default `dkg build` (validation and exports on) into a fresh folder, then the same
    build again after one new source file of two claims (incremental); each a process."""
    out = here / "user-build"
    shutil.rmtree(out, ignore_errors=True)
    result = {}
    full = []
    for i in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        full.append(_run_measured([*CLI, "build", "--data", str(data), "--out", str(out), "--quiet"]))
    ok = [c for c in full if c["returncode"] == 0]
    if not ok:
        return {"build": {"skipped": f"dkg build failed: {full[-1]['output'][-500:]}"}}, out
    result["build"] = {"seconds": round(statistics.median(c["seconds"] for c in ok), 2), "runs": len(ok), "peak_rss_mib": round(max(c["peak_rss_mib"] for c in ok), 1)}
    progress(f"  dkg build (validation and exports on): {result['build']['seconds']} s, peak {result['build']['peak_rss_mib']:.0f} MiB")
    result["oxigraph_load"] = _oxigraph_load(out / "current" / "exports" / "dkg.nq", here)
    if "seconds" in result["oxigraph_load"]:
        progress(f"  oxigraph load of the build's own N-Quads: {result['oxigraph_load']['seconds']} s")

    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore

    store = OxigraphStore(store_path(out), read_only=True)
    person = store.query("SELECT ?s WHERE { ?p a dkg:Person ; dkg:slug ?s } ORDER BY ?s LIMIT 1").rows[0]["s"].value
    outlet = store.query("SELECT ?s WHERE { ?d dkg:outlet ?o . ?o dkg:slug ?s } ORDER BY ?s LIMIT 1").rows[0]["s"].value
    store.close()
    added = data / "sources" / "bench-added-article.yaml"
    added.write_text(NEW_SOURCE.format(person=person, outlet=outlet), encoding="utf-8")
    try:
        child = _run_measured([*CLI, "build", "--data", str(data), "--out", str(out)])
    finally:
        added.unlink()
    if child["returncode"] != 0:
        result["incremental"] = {"skipped": f"failed: {child['output'][-500:]}"}
    else:
        said = next((line for line in child["output"].splitlines() if line.startswith("Re-derived")), "")
        result["incremental"] = {"seconds": round(child["seconds"], 2), "peak_rss_mib": round(child["peak_rss_mib"], 1), "says": said}
        progress(f"  dkg build after one new article: {child['seconds']:.1f} s ({said})")
    return result, out


def _oxigraph_load(nq: Path, here: Path) -> dict:
    """The floor of the build: `oxigraph load` of exactly the quads the build wrote, into a
    fresh folder, as a process."""
    from .measure import _oxigraph_binary

    oxi = _oxigraph_binary()
    if not oxi:
        return {"skipped": "the oxigraph CLI is not installed"}
    if not nq.exists():
        return {"skipped": f"the build wrote no {nq.name}"}
    floor = here / "oxigraph-load-floor"
    shutil.rmtree(floor, ignore_errors=True)
    try:
        child = _run_measured([oxi, "load", "--location", str(floor), "--file", str(nq)])
    finally:
        shutil.rmtree(floor, ignore_errors=True)
    if child["returncode"] != 0:
        return {"skipped": f"oxigraph load failed: {child['output'][-300:]}"}
    return {"seconds": round(child["seconds"], 2), "peak_rss_mib": round(child["peak_rss_mib"], 1), "quads_file_bytes": nq.stat().st_size}


def time_site(out: Path, here: Path, progress: Callable[[str], None]) -> dict:
    target = here / "site"
    shutil.rmtree(target, ignore_errors=True)
    child = _run_measured([*CLI, "site", "--out", str(out), "-o", str(target), "--quiet"])
    shutil.rmtree(target, ignore_errors=True)
    if child["returncode"] != 0:
        return {"skipped": f"failed: {child['output'][-300:]}"}
    progress(f"  dkg site: {child['seconds']:.1f} s")
    return {"seconds": round(child["seconds"], 2), "peak_rss_mib": round(child["peak_rss_mib"], 1)}


KEPT = "user-build.json"  # beside HERE/user-build: what the kept build was made of


def corpus_digest(data: Path) -> dict:
    """What a build of `data` depends on: graph/build.py's digest of the format, the mapping code
    (schema/, loaders/, graph/) and the bulk tables, and a hash of every other file it reads."""
    import hashlib

    from dkg.graph import build as b
    from dkg.loaders.corpus_files import FOLDERS, data_files

    h = hashlib.sha256()
    for p in sorted(p for folder in FOLDERS if folder != "tabular" for p in data_files(data, folder)[0]):  # tabular: in the first
        h.update(str(p.relative_to(data)).encode() + b"\0" + p.read_bytes())
    return {**b._inputs_digest(data), "curated": h.hexdigest()}


def reusable_build(data: Path, here: Path) -> Path | None:
    """HERE/user-build if an earlier run kept it (`--keep-builds`) and made it of the corpus as
    it is now, with this version's mapping code (corpus_digest); else None. Query and command
    code may differ: they read the store, they do not shape it. The kept build is the one the
    run timed its commands on: the corpus and the one article the incremental build added."""
    out = here / "user-build"
    try:
        kept = json.loads((here / KEPT).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # no record, or an unreadable one: build anew
        return None
    return out if kept == corpus_digest(data) and (out / "current" / "store").is_dir() else None


def users(data: Path, here: Path, *, runs: int, build_runs: int, seed: int, site: bool, progress: Callable[[str], None], serve: bool = True,
          reuse: bool = False) -> dict:
    """Everything above for one corpus; the build it makes is the one the commands read. With
    `reuse`, a build kept by an earlier run of the same mapping code is read instead, and the
    builds are not timed again (the report says so)."""
    row = {"load_at_start": _load()}
    out = reusable_build(data, here) if reuse else None
    if out is not None:
        progress(f"  reusing the kept build {out} (the builds are not timed again)")
        row["build"] = {"reused": str(out)}
    else:
        (here / KEPT).unlink(missing_ok=True)
        builds, out = time_builds(data, here, build_runs, progress)
        row.update(builds)
        if "seconds" in row["build"]:
            (here / KEPT).write_text(json.dumps(corpus_digest(data)) + "\n", encoding="utf-8")
    if "seconds" not in row["build"] and "reused" not in row["build"]:
        return row
    row["commands"] = time_commands(out, runs, seed, here, progress)
    row["pages"] = time_pages(out, runs, seed, progress)
    if serve:
        from .measure import _oxigraph_binary
        from .serving import time_serving

        progress("  50 clients x 10 bound bundled questions: dkg serve, then oxigraph serve-read-only")
        try:
            row["serving"] = time_serving(out, _oxigraph_binary(), seed=seed, progress=progress)
        except RuntimeError as exc:
            row["serving"] = {"skipped": str(exc)}
    if site:
        row["site"] = time_site(out, here, progress)
    row["load_at_end"] = _load()
    return row


# ------------------------------------------------------------------ hot spots


HOT_LABELS = {
    "disagreements": "dkg disagreements (N stances on one claim)",
    "provenance": "dkg provenance <the claim with N stances>",
    "profile": "dkg profile <the person with 2N claims>",
    "reported-by": "dkg reported-by <the document cited by N/5>",
}


def hot_spots(work: Path, sizes: tuple[int, ...], runs: int, progress: Callable[[str], None], claims: int = 2000) -> dict:
    """The hot-spot corpus at each size: its build, then the commands that read the hot spots."""
    from dkg.synth import generate

    out = {"sizes": {}, "load_at_start": _load()}
    for n in sizes:
        here = work / f"hot-{n}"
        data, build = here / "data", here / "out"
        shutil.rmtree(here, ignore_errors=True)
        counts = generate(data, claims, seed=1, hot_spots=n)
        progress(f"hot spots {n:,}: building")
        child = _run_measured([*CLI, "build", "--data", str(data), "--out", str(build), "--quiet", "--no-shacl"])
        if child["returncode"] != 0:
            out["sizes"][str(n)] = {"skipped": child["output"][-500:]}
            continue
        from dkg.graph.build import store_path
        from dkg.graph.store import OxigraphStore

        store = OxigraphStore(store_path(build), read_only=True)
        hot = store.query("SELECT ?c WHERE { ?c dkg:statusReason ?r } ORDER BY DESC(STRLEN(?r)) LIMIT 1").rows[0]["c"].value.rsplit("/", 1)[-1]
        store.close()
        env = {"DKG_OUT": str(build), "COLUMNS": "120"}
        asks = {"disagreements": ["disagreements"], "provenance": ["provenance", hot], "profile": ["profile", counts["hot_person"]], "reported-by": ["reported-by", counts["hot_cited"]]}
        row = {"build_s": round(child["seconds"], 2), "build_peak_rss_mib": round(child["peak_rss_mib"], 1), "commands": {}}
        for key, args in asks.items():
            row["commands"][key] = _median_process([*CLI, *args], runs, env)
            progress(f"  {HOT_LABELS[key]} (N = {n:,}): {row['commands'][key]['seconds']} s")
        out["sizes"][str(n)] = row
        shutil.rmtree(here, ignore_errors=True)
    out["load_at_end"] = _load()
    return out
