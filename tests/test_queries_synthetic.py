"""Edge cases of corroboration and contradiction on a small invented corpus (tests/synthetic):
each assertion is what an analyst would conclude reading the three invented articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from dkg.queries import api

from .conftest import run_dkg

SYNTHETIC = Path(__file__).parent / "synthetic"


@pytest.fixture(scope="module")
def syn_out(tmp_path_factory):
    from dkg.graph.build import build

    out = tmp_path_factory.mktemp("synthetic-out")
    build(SYNTHETIC, out)
    return out


@pytest.fixture(scope="module")
def store(syn_out):
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore

    return OxigraphStore(store_path(syn_out), read_only=True)


def _by_label(items, text):
    return [i for i in items if text in (i.claim_label or "")]


def test_two_outlets_repeating_one_agency_count_once(store):
    [fled] = _by_label(api.corroboration(store), "fled or escaped to")
    assert fled.appearances == 2  # Outlet One (speaker Agency X) and Outlet Two (citing its statement)
    assert fled.origins == 1 and fled.origin_list == ["agency-x"]
    single = {s.claim_label: s for s in api.single_origin(store, "Agency X")}
    assert "Pavel Sokolov · fled or escaped to · Neighbour Land" in single


def test_a_claim_with_no_known_origin_is_never_independent(store):
    [captain] = _by_label(api.corroboration(store), "military rank · Captain")
    assert (captain.origins, captain.unknown_appearances, captain.origin_list) == (0, 1, [])
    assert not _by_label(api.single_origin(store), "Captain")
    assert api.sources(store, captain.claim).sources[0].origins == ["unknown"]


def _pairs(found, prop):
    return {(c.verdict, frozenset((c.a.value, c.b.value))) for c in found if c.property == prop}


def test_a_range_and_a_point_inside_it_agree(store):
    rewards = _pairs(api.contradictions(store), "reward_received")
    assert ("contradiction", frozenset({"500,000 USD", "between 450,000 and 500,000 USD"})) not in rewards
    assert not [p for p in rewards if p[0] == "contradiction"]


def test_two_different_payments_for_the_same_thing_contradict(store):
    found = [c for c in api.contradictions(store) if c.property == "reward_for_equipment"]
    [c] = found
    assert c.verdict == "contradiction" and c.qualifiers == {"equipment": "tank"}
    assert {c.a.value, c.b.value} == {"100,000 USD", "250,000 USD"}
    assert {s.quote for s in c.a.sources + c.b.sources} == {"a tank fetches $100,000", "a tank brings in $250,000"}


def test_a_currency_mismatch_is_not_silently_compared(store):
    rewards = _pairs(api.contradictions(store), "reward_received")
    assert rewards == {
        ("not comparable", frozenset({"500,000 USD", "40,000,000 RUB"})),
        ("not comparable", frozenset({"between 450,000 and 500,000 USD", "40,000,000 RUB"})),
    }
    assert not _pairs(api.contradictions(store, include_not_comparable=False), "reward_received")


def test_printed_equivalents_make_currencies_comparable(store):
    [c] = [c for c in api.contradictions(store) if c.property == "salary"]
    assert c.verdict == "contradiction"  # 90,000 roubles printed as US$1090 vs $2,000
    assert "USD equivalent" in c.reason


def test_functional_text_values_contradict(store):
    [c] = [c for c in api.contradictions(store) if c.property == "rank"]
    assert {c.a.value, c.b.value} == {"Captain", "Major"}


def test_find_matches_transliterations_and_keeps_hostile_names_as_data(store):
    assert api.find(store, "Павел Соколов")[0].slug == "pavel-sokolov"
    assert api.find(store, "pawel sokolow")[0].slug == "pavel-sokolov"
    hostile = 'Evil " } ; DROP GRAPH <x> ; ") } UNION { ?s ?p ?o'
    ref = api.resolve_entity(store, hostile)
    assert ref.slug == "hostile-name" and ref.label == hostile
    assert api.profile(store, hostile).about == []


def test_cli_contradictions_side_by_side(syn_out):
    r = run_dkg("contradictions", "--out", str(syn_out), "--wide")
    assert r.returncode == 0, r.stderr
    # names and property labels, not slugs and keys
    assert "CONTRADICTION: Reward Programme · reward offered for equipment (equipment tank)" in r.stdout
    assert "NOT COMPARABLE: Pavel Sokolov · reward received" in r.stdout
    assert "USD and RUB with no printed equivalent" in r.stdout
    assert r.stdout.rstrip().endswith("3 contradiction(s), 2 pair(s) not comparable")
