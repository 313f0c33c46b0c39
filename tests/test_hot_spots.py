"""Costs that grow with what is shown, not with the square of it: a synthetic corpus with hot
spots (dkg.synth `hot_spots`: N stances on one claim in one curated file, 2N claims about one
person, one document cited by N/5) at two sizes. Sizes of what is read and printed are checked,
never times (those are the benchmark's): doubling N must not quadruple them."""

from __future__ import annotations

import json

import pytest

from dkg.graph.build import build, store_path
from dkg.graph.store import OxigraphStore
from dkg.queries import disagreements as dis
from dkg.synth import generate

from .conftest import run_dkg

SIZES = (60, 120)


@pytest.fixture(scope="module")
def hot_builds(tmp_path_factory):
    out = {}
    for n in SIZES:
        root = tmp_path_factory.mktemp(f"hot{n}")
        generate(root / "data", 200, seed=3, hot_spots=n)
        build(root / "data", root / "out", shacl=False, formats=())
        out[n] = root / "out"
    return out


def _hot_claim(store) -> str:
    rows = store.query("SELECT ?c WHERE { ?c <https://w3id.org/dkg/ontology#statusReason> ?r } ORDER BY DESC(STRLEN(?r)) LIMIT 1").rows
    return rows[0]["c"].value.rsplit("/", 1)[-1]


def test_the_hot_claim_has_every_stance_and_its_reason_once(hot_builds):
    for n, out in hot_builds.items():
        store = OxigraphStore(store_path(out), read_only=True)
        key = _hot_claim(store)
        found = dis.stances(store, claim=key)
        assert len(found) == n
        # the reason names the disputing sources: one string shared by every stance, not a copy each
        assert len({id(s.status_reason) for s in found}) == 1
        assert "stance number 0 on the hot claim" in found[0].status_reason


def test_disagreements_json_grows_linearly_with_the_stances(hot_builds):
    sizes = {}
    for n, out in hot_builds.items():
        r = run_dkg("disagreements", "--json", "--limit", "0", "--out", str(out))
        assert r.returncode == 0, r.stderr
        payload = json.loads(r.stdout)
        hot = [s for s in payload["stances"] if "stance number" in (s["quote"] or "")]
        assert len(hot) == n
        assert "status_reason" not in hot[0]  # once per claim, in status_reasons
        disputes = sum(1 for s in hot if s["kind"] == "disputes")
        assert disputes == n // 3  # the reason names each disputing source
        assert payload["status_reasons"][hot[0]["claim"]].count("stance number") == disputes
        sizes[n] = len(r.stdout)
    small, large = SIZES
    assert sizes[large] < 2.5 * sizes[small], sizes  # quadratic output would be 4x


def test_provenance_of_the_hot_claim_carries_its_stances_in_json(hot_builds):
    out = hot_builds[SIZES[0]]
    store = OxigraphStore(store_path(out), read_only=True)
    key = _hot_claim(store)
    r = run_dkg("provenance", key, "--json", "--out", str(out))
    assert r.returncode == 0, r.stderr
    (claim,) = json.loads(r.stdout)["claims"]
    assert len(claim["stances"]) == SIZES[0]
    assert claim["status_reason"].count("stance number") == SIZES[0] // 3
    assert {s["kind"] for s in claim["stances"]} == {"disputes", "confirms", "could not verify"}
