"""A small `dkg bench` run end to end: every row is there and the reports parse. No timings are
asserted; the numbers live in docs/benchmarks.md. The run starts `dkg serve` (the pages are
timed over HTTP), so it is a live test, and slow."""

from __future__ import annotations

import json
import random
import statistics

import pytest

from dkg.bench.measure import percentiles
from dkg.queries import library

from .conftest import run_dkg

ROWS = ("ingest", "oxigraph_load", "build", "shacl_engines", "dkg_queries", "rdflib", "html", "dkg_disagreements")


def test_percentiles_interpolate_between_ranks():
    assert percentiles([3.0]) == (3.0, 3.0)
    assert percentiles([1.0, 2.0, 3.0, 4.0, 5.0]) == (3.0, pytest.approx(4.8))
    values = [random.Random(4).random() for _ in range(37)]
    assert percentiles(values)[0] == pytest.approx(statistics.median(values))


@pytest.mark.live  # runs `dkg bench`: child processes (oxigraph load, timed builds and queries)
@pytest.mark.slow
def test_small_benchmark_run(tmp_path):
    report_json, report_md = tmp_path / "bench.json", tmp_path / "bench.md"
    result = run_dkg(
        "bench", "--claims", "300", "--runs", "2", "--rdflib-timeout", "60", "--quiet", "--process-runs", "1", "--hot-spots", "30,60",
        "--json", str(report_json), "--markdown", str(report_md), "--work", str(tmp_path / "work"),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(report_json.read_text())
    (size,) = report["sizes"]
    assert size["claim_entries"] == 300 and size["appearances"] == 300
    assert 0 < size["claims"] <= 300 and size["quads"] > 1000
    for row in ROWS:
        assert row in size, row
    assert size["ingest"]["seconds"] > 0 and size["ingest"]["process_peak_rss_mib"] > 0
    assert size["oxigraph_load"]["seconds"] > 0
    # the build a user runs, SHACL on, with its SHACL step timed apart
    assert size["build"]["seconds"] >= size["build"]["shacl_s"] > 0 and size["build"]["process_peak_rss_mib"] > 0
    # both SHACL engines on the same data find the same (no) violations
    engines = size["shacl_engines"]
    assert engines["sparql"]["violations"] == engines["rudof"]["violations"] == engines["pyshacl"]["violations"] == 0
    assert 0 < engines["quads_checked"] < engines["quads_in_store"]
    assert len(size["load_at_start"]) == 3
    assert size["rdflib"]["load"]["quads"] > 0

    names = library.names()
    assert set(size["dkg_queries"]) == set(names)
    for name in names:
        mine, theirs = size["dkg_queries"][name], size["rdflib"]["queries"][name]
        assert mine["p50_ms"] <= mine["p95_ms"] and mine["runs"] >= 1
        assert "p50_ms" in theirs or "timeout_s" in theirs

    # both engines answered the same questions with the same number of rows (same claims bound)
    for name in ("sources", "citation_chain", "claims_about", "reported_by"):
        mine, theirs = size["dkg_queries"][name]["rows_first_runs"], size["rdflib"]["queries"][name]["rows_first_runs"]
        assert mine[:2] == theirs[:2], name
    assert {"1000", "10000"} <= set(size["html"]["views"])

    # what users run, as processes: every command answered, every page 200, the builds and the site
    users = size["users"]
    commands = users["commands"]["commands"]
    assert {c["kind"] for c in commands} == {"startup", "one", "report"}
    assert all(c["returncode"] == 0 and c["seconds"] > 0 for c in commands), [c for c in commands if c["returncode"]]
    assert all(c["floor_s"] > 0 for c in commands if c.get("floor_query"))
    assert {"entity page", "document page", "claim page", "query page"} <= set(users["pages"])
    assert all(p["statuses"] == [200] for p in users["pages"].values())
    assert users["build"]["seconds"] > 0 and users["incremental"]["says"].startswith("Re-derived 1 source document")
    assert users["site"]["seconds"] > 0
    # serving: the same questions to both servers, every one answered
    serving = users["serving"]
    # (every question counted once: answered, or an error the report shows, e.g. a 503 under load)
    assert serving["questions"] > 0
    for server in ("dkg", "oxigraph"):
        assert serving[server]["answered"] + serving[server]["errors"] == serving["questions"]
    assert serving["dkg"]["answered"] > 0 and serving["oxigraph"]["errors"] == 0
    assert serving["p50_ratio"] > 0 and serving["dkg"]["peak_rss_mib"] > 0
    # the build's floor: oxigraph load of the very N-Quads the user build wrote
    assert users["oxigraph_load"]["seconds"] > 0 and users["oxigraph_load"]["quads_file_bytes"] > 0
    hot = report["hot_spots"]["sizes"]
    assert set(hot) == {"30", "60"} and all(c["returncode"] == 0 for row in hot.values() for c in row["commands"].values())

    targets = {t["target"]: t for t in report["targets"]}
    assert len(targets) == 16
    assert all(t["met"] is None for name, t in targets.items() if "1M" in name)  # 1M not measured here
    assert targets["one new article added to a built graph under 60 s"]["met"] is not None
    assert "default build (SHACL on) of 1M claims within 3x `oxigraph load`" in targets

    text = report_md.read_text()
    assert "## Targets" in text and "## Ingest" in text and "| 300 |" in text
    assert "## Command timings: what users run" in text and "## Hot spots" in text and "Oxigraph floor" in text
    assert "## The default build (SHACL on)" in text and "SHACL engines on the same data" in text and "Load average" in text
    for name in names:
        assert f"`{name}`" in text
    assert "not measured" in text
    assert "dkg bench" in result.stdout + text


@pytest.mark.live
@pytest.mark.slow
def test_users_only_run_leaves_the_sparql_tables_out(tmp_path):
    """`--users-only` (how the 1M size is run): builds, commands, pages and serving, no ingest."""
    report_json, report_md = tmp_path / "bench.json", tmp_path / "bench.md"
    result = run_dkg(
        "bench", "--claims", "200", "--users-only", "--quiet", "--process-runs", "1", "--hot-spots", "", "--no-site",
        "--json", str(report_json), "--markdown", str(report_md), "--work", str(tmp_path / "work"),
    )
    assert result.returncode == 0, result.stderr
    (size,) = json.loads(report_json.read_text())["sizes"]
    assert "ingest" not in size and "dkg_queries" not in size
    assert size["users"]["build"]["seconds"] > 0 and "serving" in size["users"]
    text = report_md.read_text()
    assert "## Command timings: what users run" in text and "Serving:" in text
    assert "## Ingest" not in text and "the SPARQL-level figures were not measured in this run" in text


@pytest.mark.live
@pytest.mark.slow
def test_reuse_builds_times_the_commands_on_a_kept_build_only_while_it_is_what_this_version_builds(tmp_path):
    """`--keep-builds` keeps the timed build; `--reuse-builds` then times the commands on it
    without building again, but builds anew once an input file differs from what it was made of."""
    work = tmp_path / "work"
    common = ("bench", "--claims", "200", "--users-only", "--quiet", "--process-runs", "1", "--hot-spots", "", "--no-site", "--no-serving",
              "--work", str(work))
    first = run_dkg(*common, "--keep-builds", "--json", str(tmp_path / "a.json"))
    assert first.returncode == 0, first.stderr
    kept = work / "claims-200" / "user-build"
    assert (kept / "current" / "store").is_dir()

    again = run_dkg(*common, "--reuse-builds", "--json", str(tmp_path / "b.json"), "--markdown", str(tmp_path / "b.md"))
    assert again.returncode == 0, again.stderr
    (size,) = json.loads((tmp_path / "b.json").read_text())["sizes"]
    assert size["users"]["build"] == {"reused": str(kept)}
    assert "incremental" not in size["users"]
    assert all(c.get("returncode") == 0 for c in size["users"]["commands"]["commands"])
    assert "not timed: the commands read a build an earlier run kept" in (tmp_path / "b.md").read_text()

    # the corpus changes: the kept build is no longer what this version would make of it
    table = next((work / "claims-200" / "data" / "tabular").iterdir())
    table.write_text(table.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = run_dkg(*common, "--reuse-builds", "--json", str(tmp_path / "c.json"))
    assert third.returncode == 0, third.stderr
    (size,) = json.loads((tmp_path / "c.json").read_text())["sizes"]
    assert size["users"]["build"]["seconds"] > 0

    # a curated source file changes: built anew too, not read from the build of the old file
    source = sorted((work / "claims-200" / "data" / "sources").iterdir())[0]
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    fourth = run_dkg(*common, "--reuse-builds", "--json", str(tmp_path / "d.json"))
    assert fourth.returncode == 0, fourth.stderr
    (size,) = json.loads((tmp_path / "d.json").read_text())["sizes"]
    assert size["users"]["build"]["seconds"] > 0
