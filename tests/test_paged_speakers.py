"""said-by and reported-by read a page from the build's listing of each speaker and source
(loaders/listings.py) instead of walking prov:wasDerivedFrom+ from every appearance. These
tests check, on the seed graph, that the listed rows are exactly what the whole query answers,
in the order it shows them, page after page; and that `dkg sparql` on a bundled report binds
its first page."""

from __future__ import annotations

import json

import pytest

from dkg.queries import listings, reports

from .conftest import run_dkg

SPEAKERS = "SELECT DISTINCT ?x WHERE { { ?a prov:wasAttributedTo ?x } UNION { ?a dkg:onBehalfOf ?x } UNION { ?a dkg:origin ?x FILTER(?x != dkg:UnknownOrigin) } UNION { ?d dkg:outlet ?x } UNION { ?d dkg:issuedBy ?x } }"
SOURCES = "SELECT DISTINCT ?x WHERE { { ?d dkg:outlet ?x } UNION { ?x a dkg:Document } }"


def _slugs(store, query):
    return sorted(r["x"].value.rsplit("/", 1)[-1] for r in store.query(query).rows)


def test_said_by_pages_are_the_whole_answer_in_order(seed_store):
    checked = 0
    for slug in _slugs(seed_store, SPEAKERS):
        whole = reports.said_by(seed_store, slug)
        paged = []
        for page in range(0, max(whole.total, 1), 7):
            part = reports.said_by(seed_store, slug, 7, page)
            assert part.total == whole.total, slug
            assert part.repeaters == whole.repeaters, slug
            assert part.claims == whole.claims, slug
            paged += part.items
        assert paged == whole.items, slug
        checked += bool(whole.items)
    assert checked > 10


def test_reported_by_pages_are_the_whole_answer_in_order(seed_store):
    checked = 0
    for slug in _slugs(seed_store, SOURCES):
        whole = reports.reported_by(seed_store, slug)
        paged = []
        for page in range(0, max(whole.total, 1), 5):
            part = reports.reported_by(seed_store, slug, 5, page)
            assert (part.published_total, part.cited_total) == (whole.published_total, whole.cited_total), slug
            paged += part.items
        assert paged == whole.items, slug
        checked += bool(whole.items)
    assert checked > 10


def test_said_by_prints_a_page_and_says_how_to_see_more(seed_out):
    whole = json.loads(run_dkg("said-by", "hur", "--out", str(seed_out), "--json", "--limit", "0").stdout)
    r = run_dkg("said-by", "hur", "--out", str(seed_out), "--limit", "3", "--wide")
    assert r.returncode == 0, r.stderr
    assert f"in {whole['total']} appearance(s)" in r.stdout
    assert f"rows 1-3 of {whole['total']}" in r.stdout
    second = json.loads(run_dkg("said-by", "hur", "--out", str(seed_out), "--json", "--limit", "3", "--page", "2").stdout)
    assert second["items"] == whole["items"][3:6]


def test_sparql_on_a_bundled_report_reads_its_first_page(seed_out, seed_store):
    total = listings.total(seed_store, "corroboration", "all")
    assert total > listings.PAGE  # the seed's report is longer than one page
    first = run_dkg("sparql", "corroboration", "--out", str(seed_out), "--format", "json")
    assert first.returncode == 0, first.stderr
    rows = json.loads(first.stdout)["results"]["bindings"]
    assert len(rows) == listings.PAGE and "--all for every row" in first.stderr
    every = json.loads(run_dkg("sparql", "corroboration", "--all", "--out", str(seed_out), "--format", "json").stdout)["results"]["bindings"]
    assert len(every) == total
    assert rows == every[: listings.PAGE]  # the listing's order is the query's ORDER BY


@pytest.mark.parametrize("most", [1, 2, 3])
def test_the_biggest_repeaters_are_the_top_of_the_whole_list(seed_store, most):
    """`most`: the repeaters that carried the most, the same counts as the whole answer's top,
    and the number of repeaters in all."""
    whole = reports.said_by(seed_store, "hur")
    top = reports.said_by(seed_store, "hur", 7, 0, most=most)
    assert top.repeater_total == len(whole.repeaters) == 3
    assert len(top.repeaters) == most
    assert [r.appearances for r in top.repeaters] == [r.appearances for r in whole.repeaters][:most]
    assert all(r in whole.repeaters for r in top.repeaters)
