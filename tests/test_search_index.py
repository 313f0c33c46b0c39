"""The claim search answered from the build's text index (graph/textindex.py) finds exactly what
reading every claim from the store finds (claim_text.rq), for words in any script, numbers
however printed, and text that is not there."""

from __future__ import annotations

import pytest

from dkg.graph import textindex
from dkg.queries.search import search_claims

QUERIES = [
    "half a million", "500,000", "500000", "$500,000", "half", "Kuzminov", "Кузьминов", "28", "28-year-old",
    "could not verify", "Mi-8", "pilot", "HUR", "2,000", "eighteen", "tenfold", "%", "_", "a", "zz-not-there",
    "losses among air crews", "Primorje", "primorye", "million", "thousands",
]


@pytest.mark.parametrize("text", QUERIES)
def test_the_index_finds_what_reading_every_claim_finds(seed_store, monkeypatch, text):
    assert textindex.open_beside(seed_store.path) is not None  # the index is really asked
    indexed = search_claims(seed_store, text)
    monkeypatch.setattr(textindex, "open_beside", lambda _path: None)
    scanned = search_claims(seed_store, text)
    key = lambda m: (m.claim, tuple(m.matched_in), tuple(sorted(m.excerpts)), tuple(m.documents), m.claim_label)  # noqa: E731
    assert [key(m) for m in indexed] == [key(m) for m in scanned]
    FOUND[text] = len(indexed)


FOUND: dict[str, int] = {}


def test_the_comparison_was_not_of_empty_answers():
    assert len(FOUND) == len(QUERIES)
    assert sum(1 for n in FOUND.values() if n) >= 15, FOUND  # most find something (18 on the frozen seed)
    assert FOUND["zz-not-there"] == 0 and FOUND["half a million"] >= 1 and FOUND["Кузьминов"] >= 1


def test_the_build_writes_the_index_beside_the_store(seed_out):
    con = textindex.open_beside(seed_out / "current" / "store")
    assert con is not None
    try:
        (claims,) = con.execute("SELECT COUNT(*) FROM claims").fetchone()
        assert claims == 234  # the frozen seed's claims
    finally:
        con.close()
    assert search_claims_count(seed_out, "half a million") >= 1


def search_claims_count(out, text):
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore

    return len(search_claims(OxigraphStore(store_path(out), read_only=True), text))


@pytest.mark.parametrize("text", ["pilot", "2,000", "a", "HUR", "zz-not-there"])
@pytest.mark.parametrize("limit", [1, 3, 7])
def test_a_page_ranked_by_the_index_is_that_page_of_every_match(seed_store, monkeypatch, text, limit):
    """The index pages in SQLite (a page costs a page); each page is the slice of the whole
    ranked answer that reading every claim gives, and the total is the same."""
    from dkg.queries.search import search_page

    monkeypatch.setattr(textindex, "open_beside", lambda _path: None)
    every = search_claims(seed_store, text)
    monkeypatch.undo()
    key = lambda m: (m.claim, tuple(m.matched_in), tuple(sorted(m.excerpts)), tuple(m.documents), m.claim_label)  # noqa: E731
    for offset in range(0, len(every) + limit, limit):
        page, total = search_page(seed_store, text, limit, offset)
        assert total == len(every)
        assert [key(m) for m in page] == [key(m) for m in every[offset:offset + limit]], (text, limit, offset)
