"""The synthetic corpus: deterministic, valid for `dkg validate`, and shaped like real reporting."""

from __future__ import annotations

import filecmp
from collections import defaultdict

from dkg.loaders.corpus import load_corpus
from dkg.synth import generate

from .conftest import run_dkg


def _same_tree(a, b) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path):
    generate(tmp_path / "a", 1500, seed=7)
    generate(tmp_path / "b", 1500, seed=7)
    generate(tmp_path / "c", 1500, seed=8)
    assert _same_tree(tmp_path / "a", tmp_path / "b")
    assert not _same_tree(tmp_path / "a", tmp_path / "c")


def test_generated_corpus_passes_dkg_validate(tmp_path):
    out = tmp_path / "data"
    result = run_dkg("synth", "--claims", "2000", "--seed", "3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "tabular" / "claims.jsonl").exists() and list((out / "sources").glob("*.yaml"))
    result = run_dkg("validate", "--data", str(out))
    assert result.returncode == 0, result.stderr
    assert "2000 appearances" in result.stdout + result.stderr


def test_csv_and_jsonl_give_the_same_claims(tmp_path):
    generate(tmp_path / "j", 800, seed=5, fmt="jsonl")
    generate(tmp_path / "c", 800, seed=5, fmt="csv")
    assert (tmp_path / "c" / "tabular" / "claims.csv").exists()
    assert sorted(load_corpus(tmp_path / "j").claims) == sorted(load_corpus(tmp_path / "c").claims)


def test_shapes_of_real_reporting(tmp_path):
    generate(tmp_path / "d", 4000, seed=1)
    corpus = load_corpus(tmp_path / "d")
    claims = list(corpus.claims.values())
    docs = corpus.documents()

    # many outlets re-reporting one origin: a claim carried by several outlets' documents, via a speaker
    # speaking for an agency and citing the agency's statement
    def outlets(c):
        return {docs[a.document].outlet for a in c.appearances}

    rereported = [c for c in claims if len(outlets(c)) >= 3]
    assert rereported
    attributed = [a for c in rereported for a in c.appearances if a.entry.on_behalf_of and a.entry.cites]
    assert attributed and all(docs[a.entry.cites[0]].issued_by for a in attributed)

    # contradicting figures: one subject and property, different amounts
    figures = defaultdict(set)
    for c in claims:
        if c.entry.value.amount is not None:
            figures[(c.entry.subject, c.entry.property, c.entry.when, c.entry.group)].add(c.entry.value.amount)
    assert any(len(v) > 1 for v in figures.values())

    assert any(c.entry.value.min is not None for c in claims)  # ranges
    assert any(c.entry.value.bound.value == "approximate" for c in claims)
    assert any(c.entry.value.bound.value in ("more_than", "at_least") for c in claims)
    assert any(c.entry.when is None for c in claims) and any(c.entry.when for c in claims)
    assert any(a.entry.hedges for c in claims for a in c.appearances)
    people = [e for e in corpus.entities.values() if e.entity_type.value == "person"]
    assert any(p.aliases for p in people) and any(p.transliterations for p in people)
    assert any(d.rereports for d in docs.values())
