"""Stored listings (loaders/listings.py, queries/listings.py): a whole-graph report read a page
at a time gives exactly the rows, in exactly the order, of the whole report sorted at once."""

from __future__ import annotations

import pytest

from dkg.loaders.listings import PAGE
from dkg.queries import api, listings
from dkg.queries.disagreements import matching, stances


def test_every_page_of_corroboration_is_the_whole_report_in_order(seed_store):
    whole = api.corroboration(seed_store)
    assert len(whole) == listings.total(seed_store, "corroboration", "all") == 234  # the frozen seed's claims
    assert [c.origins for c in whole] == sorted((c.origins for c in whole), reverse=True)
    assert len({c.claim for c in whole}) == len(whole)
    # any window, across page boundaries (100 rows a page), is that slice of the whole
    for offset, limit in ((0, 10), (95, 10), (99, 102), (200, 50), (230, 10), (234, 5)):
        assert api.corroboration(seed_store, limit=limit, offset=offset) == whole[offset:offset + limit], (offset, limit)
    assert PAGE == 100 and api.corroboration(seed_store, limit=0) == []


def test_single_origin_by_origin_is_its_own_section(seed_store):
    everything = api.single_origin(seed_store)
    hur = api.single_origin(seed_store, "hur")
    assert hur and {s.origin for s in hur} == {"hur"}
    assert hur == [s for s in everything if s.origin == "hur"]
    assert api.single_origin(seed_store, "HUR", limit=3, offset=2) == hur[2:5]  # the name resolves
    assert api.single_origin_total(seed_store, "hur") == len(hur) == 24


def test_hedged_by_one_kind_and_by_several_agree_with_filtering_the_whole(seed_store):
    everything = api.unverified(seed_store, ("unverified", "party_to_conflict", "reportedly", "disputed_by_speaker"))
    for wanted in (("unverified",), ("reportedly",), ("unverified", "party_to_conflict")):
        expected = [h for h in everything if set(wanted) & set(h.hedges)]
        assert api.unverified(seed_store, wanted) == expected, wanted
        assert api.unverified(seed_store, wanted, limit=5, offset=3) == expected[3:8], wanted
    assert api.hedged_total(seed_store, ("unverified",)) == (7, True)
    assert api.hedged_total(seed_store)[0] == len(everything) == 50


@pytest.mark.parametrize("kinds", [None, {"apparent"}, {"agree"}, {"contradiction", "apparent", "not_comparable", "agree"}, {"agree", "apparent"}])
def test_disagreement_pages_match_the_unpaged_listing(seed_store, kinds):
    whole, total = matching(seed_store, kinds)
    assert total == len(whole)
    first, same_total = matching(seed_store, kinds, limit=2)
    assert first == whole[:2] and same_total == total


def test_stances_of_one_claim_are_read_by_its_subject(seed_store):
    every = stances(seed_store)
    assert len(every) == 13
    key = every[0].claim
    assert stances(seed_store, claim=key) == [s for s in every if s.claim == key]


def test_stances_by_standing_are_the_first_claims_of_their_section(seed_store):
    from dkg.queries.disagreements import STANDINGS

    every = stances(seed_store)
    seen = []
    for standing, section in STANDINGS.items():
        mine = [s for s in every if s.standing == standing]
        claims = sorted({s.claim for s in mine})
        assert listings.total(seed_store, "stances", section) == len(claims)
        assert stances(seed_store, standing=standing) == mine
        first = stances(seed_store, standing=standing, limit=1)
        assert first == [s for s in mine if claims and s.claim == claims[0]]
        seen += mine
    assert sorted(seen, key=lambda s: s.model_dump_json()) == sorted(every, key=lambda s: s.model_dump_json())
    assert {s.standing for s in every} >= {"Contested", "Confirmed", "Unverified"}


def test_several_sections_read_as_one_listing_in_order(seed_store):
    """Pairs of every verdict are the verdicts' sections one after the other: any window over
    them, across section and page boundaries, is that slice of the whole."""
    sections = ["contradiction", "apparent_disagreement", "not_comparable", "agree"]
    sizes = [listings.total(seed_store, "disagreements", s) for s in sections]
    rows, size, skip = listings.read(seed_store, "disagreements", "disagreements", sections)
    # 14 pairs on the seed: 11 in the verdicts' sections, 3 one origin's own figures for
    # different scopes, kept in a section of their own (shown with --all)
    assert size == sum(sizes) == 11 and skip == 0 and len({r["comparison"].value for r in rows}) == 11
    assert listings.total(seed_store, "disagreements", "related") == 3
    key = lambda r: (["Contradiction", "ApparentDisagreement", "NotComparable", "Agree"].index(r["verdict"].value.rsplit("#", 1)[-1]), r["left"].value, r["right"].value)  # noqa: E731
    whole = [r["comparison"].value for r in sorted({r["comparison"].value: r for r in rows}.values(), key=key)]
    for offset, limit in ((0, 3), (5, 4), (7, 7), (10, 5)):
        part, _size, skip = listings.read(seed_store, "disagreements", "disagreements", sections, offset, limit)
        got = [r["comparison"].value for r in sorted({r["comparison"].value: r for r in part}.values(), key=key)]
        assert got[skip:skip + limit] == whole[offset:offset + limit], (offset, limit)
