"""`dkg synth` (a synthetic corpus of any size) and `dkg bench` (ingest, queries and HTML export
against rdflib and `oxigraph load`): the numbers behind docs/benchmarks.md."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from dkg.schema.errors import UnusableInput

from . import Progress


def _sizes(text: str) -> int:
    try:
        value = int(float(text.lower().replace("k", "e3").replace("m", "e6").replace(",", "").replace("_", "")))
    except ValueError:
        raise UnusableInput(f"--claims {text!r}: give a number such as 10000, 100k or 1m") from None
    if value < 1:
        raise UnusableInput(f"--claims {text!r}: must be at least 1")
    return value


def synth(args) -> int:
    from dkg.synth import generate

    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        raise UnusableInput(f"{out}: not empty; give a new directory")
    counts = generate(out, _sizes(args.claims), seed=args.seed, fmt=args.format, hot_spots=args.hot_spots)
    print(json.dumps({"out": str(out), **counts}, indent=1))
    return 0


def heldout(fixtures: Path) -> int:
    """The disagreements measured on the labelled held-out corpora (dkg/evaluate.py): each
    folder of `fixtures` with an expected.yaml, built together with the seed fixture and the
    sets before it, reported as precision, recall and the pairs still missed."""
    from dkg.evaluate import evaluate, merged

    sets = sorted(p.parent for p in fixtures.glob("*/expected.yaml"))
    if not sets:
        raise UnusableInput(f"{fixtures}: no labelled corpus (a folder with expected.yaml)")
    seed = fixtures / "seed"
    for i, labelled in enumerate(sets):
        data = merged(*([seed] if seed.is_dir() else []), *sets[: i + 1])
        report = evaluate(data, labelled / "expected.yaml")
        print(f"{labelled.name}:")
        for line in report.summary():
            print(f"  {line}")
    return 0


def bench(args) -> int:
    from dkg import bench as b

    if args.heldout is not None:
        return heldout(Path(args.heldout))

    sizes = [_sizes(c) for c in (args.claims or ["10k", "100k", "1m"])]
    progress = Progress(args.quiet)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="dkg-bench-"))

    def write(report) -> None:
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        if args.markdown:
            Path(args.markdown).write_text(b.markdown(report), encoding="utf-8")

    report = b.run(
        sizes, work, seed=args.seed, runs=args.runs, global_runs=args.global_runs, rdflib_max=_sizes(args.rdflib_max),
        rdflib_query_timeout=args.rdflib_timeout, progress=progress, on_size=write,
        process_runs=args.process_runs, build_runs=args.build_runs, users=not args.no_users, site=not args.no_site,
        users_only=args.users_only, serving=not args.no_serving, site_max=_sizes(args.site_max),
        keep_builds=args.keep_builds, reuse_builds=args.reuse_builds,
        hot_spot_sizes=tuple(_sizes(n) for n in args.hot_spots.split(",")) if args.hot_spots else (),
    )
    write(report)
    if not args.json and not args.markdown:
        print(b.markdown(report))
    else:
        for t in report["targets"]:
            print(f"{t['target']}: {t['measured'] or '-'} ({ {True: 'met', False: 'MISSED', None: 'not measured'}[t['met']] })")
    return 0


def register(sub) -> None:
    p = sub.add_parser("synth", help="write a synthetic corpus of N claim entries (deterministic)")
    p.add_argument("--claims", required=True, help="number of claim entries (appearances), e.g. 10000, 100k, 1m")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True, help="new data directory to write")
    p.add_argument("--format", choices=("jsonl", "csv", "yaml"), default="jsonl", help="bulk format for most claims (yaml: all in source files)")
    p.add_argument("--hot-spots", type=int, default=0, metavar="N", help="also N stances on one claim, 2N claims about one person, one document cited by N/5")
    p.set_defaults(func=synth)

    p = sub.add_parser("bench", help="benchmark ingest, bundled queries and HTML export against rdflib and oxigraph load")
    p.add_argument("--claims", action="append", help="corpus size; repeat for several (default: 10k, 100k, 1m)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--runs", type=int, default=30, help="timed runs of each parameterised query (default 30)")
    p.add_argument("--global-runs", type=int, default=3, help="timed runs of each whole-graph query (default 3)")
    p.add_argument("--rdflib-max", default="100k", help="largest size to load into rdflib (default 100k)")
    p.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds per query in rdflib before it counts as timed out")
    p.add_argument("--json", help="write every number to this JSON file")
    p.add_argument("--markdown", help="write the report (e.g. docs/benchmarks.md)")
    p.add_argument("--work", help="directory for corpora and stores (kept; corpora are reused)")
    p.add_argument("--process-runs", type=int, default=5, help="runs of each command and page as a process (median; default 5)")
    p.add_argument("--build-runs", type=int, default=1, help="runs of the default build as a process (median; default 1)")
    p.add_argument("--no-users", action="store_true", help="leave out what users run (commands, pages, site, builds as processes)")
    p.add_argument("--no-site", action="store_true", help="leave out `dkg site`")
    p.add_argument("--site-max", default="1m", help="largest corpus to time `dkg site` on (default 1m)")
    p.add_argument("--no-serving", action="store_true", help="leave out `dkg serve` and `oxigraph serve-read-only` under 50 clients")
    p.add_argument("--users-only", action="store_true",
                   help="only what users run (builds, commands, pages, serving, site, as processes); leave out the "
                        "SPARQL-level tables (ingest, SHACL engines, bundled queries, rdflib, HTML views)")
    p.add_argument("--hot-spots", default="1000,5000", help="hot-spot corpus sizes, comma-separated (N stances on one claim ...; default 1000,5000; empty: none)")
    p.add_argument("--keep-builds", action="store_true", help="keep the build of each size (WORK/claims-N/user-build) for --reuse-builds")
    p.add_argument("--reuse-builds", action="store_true",
                   help="time commands, pages, serving and site on the build a --keep-builds run left, if this version would build the "
                        "same (format, mapping code, input files); the builds are then not timed again. Implies --keep-builds")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--heldout", nargs="?", const="tests/fixtures", metavar="FIXTURES",
                   help="only measure the disagreements on the labelled held-out corpora (folders with expected.yaml; default tests/fixtures): precision, recall, misses")
    p.set_defaults(func=bench)
