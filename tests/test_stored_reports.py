"""The whole-graph reports read what the build stored (dkg:hedges per appearance, dkg:originList
and dkg:singleOrigin per claim) instead of grouping every appearance at query time. These tests
check the stored facts against the grouping they replace, on the seed graph and after an
incremental build that changes hedges and origins."""

from __future__ import annotations

import yaml

from dkg.graph.build import build, store_path
from dkg.graph.store import OxigraphStore
from dkg.queries import listings, reports

NEWSWEEK = "003_e82a78f22526c30b"

GROUPED_HEDGES = """SELECT ?appearance (GROUP_CONCAT(DISTINCT ?h; separator=" ") AS ?hedges)
WHERE { ?appearance dkg:hedge ?h } GROUP BY ?appearance"""
GROUPED_ORIGINS = """SELECT ?claim (COUNT(DISTINCT ?o) AS ?n) (GROUP_CONCAT(DISTINCT STR(?o); separator=" ") AS ?list)
WHERE { ?claim dkg:subject ?s . OPTIONAL { ?a dkg:claim ?claim ; dkg:origin ?o FILTER(?o != dkg:UnknownOrigin) } }
GROUP BY ?claim"""


def _by_grouping(store):
    hedges = {r["appearance"].value: set(r["hedges"].value.split()) for r in store.query(GROUPED_HEDGES).rows}
    origins = {}
    for r in store.query(GROUPED_ORIGINS).rows:
        listed = r["list"].value.split() if "list" in r else []
        origins[r["claim"].value] = sorted(listed)
    return hedges, origins


def assert_stored_equals_grouped(store):
    hedges, origins = _by_grouping(store)
    stored_hedges = {r["appearance"].value: r["hedges"].value.split() for r in listings.read(store, "hedged", "hedged", "any")[0]}
    assert {k: set(v) for k, v in stored_hedges.items()} == hedges
    assert all(len(v) == len(set(v)) for v in stored_hedges.values())  # distinct, as the grouping was
    stored = {r["claim"].value: r["originList"].value.split() for r in listings.read(store, "corroboration", "corroboration", "all")[0]}
    assert stored == origins  # every claim, its known origins in IRI order
    single = {r["claim"].value: r["origin"].value for r in listings.read(store, "single_origin", "single-origin", "all")[0]}
    assert single == {c: o[0] for c, o in origins.items() if len(o) == 1}
    return stored_hedges, stored


def test_stored_report_facts_equal_the_grouping_on_the_seed_graph(seed_store):
    hedges, origins = assert_stored_equals_grouped(seed_store)
    assert hedges and any(len(v) > 1 for v in hedges.values())
    assert any(len(v) > 1 for v in origins.values()) and any(len(v) == 1 for v in origins.values())
    # the curator's order of hedges is kept (the seed writes [unverified, party_to_conflict])
    assert ["unverified", "party_to_conflict"] in hedges.values()


def test_incremental_build_keeps_the_stored_report_facts_right(data_copy, tmp_path):
    out = tmp_path / "out"
    build(data_copy, out, shacl=False, formats=())
    with OxigraphStore(store_path(out), read_only=True) as store:
        _, before = assert_stored_equals_grouped(store)
        headline_before = [h for h in reports.unverified(store, ("party_to_conflict",)) if h.document == NEWSWEEK]

    path = data_copy / "sources" / f"{NEWSWEEK}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    headline = record["claims"][0]
    headline["hedges"] = ["reportedly"]  # no longer party_to_conflict
    del headline["speaker"]  # its origin changes with its speaker
    record["claims"][1]["hedges"] = ["unverified"]  # a claim that was not hedged now is
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")

    report = build(data_copy, out, shacl=False, formats=())
    assert NEWSWEEK in report.rederived and report.reused  # an incremental build, not a full one
    with OxigraphStore(store_path(out), read_only=True) as store:
        _, after = assert_stored_equals_grouped(store)
        headline_after = [h for h in reports.unverified(store, ("party_to_conflict",)) if h.document == NEWSWEEK]
        newly = [h for h in reports.unverified(store, ("unverified",)) if h.document == NEWSWEEK and "putin" in (h.quote or "").lower()]
    assert len(headline_after) == len(headline_before) - 1
    assert newly and newly[0].hedges == ["unverified"]
    assert after != before  # the headline's origins changed, and the stored lists with them
