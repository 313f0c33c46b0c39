"""Quotes anchored in their article: `dkg validate --texts` finds every quote, printed value and
printed time verbatim in the text a document names (typographic quotes, dashes and spaces
folded), reports a miss at the claim's file:line:column with the closest passage, counts what it
could not check, and the build records each quote's place as Web Annotation selectors."""

from __future__ import annotations

from pathlib import Path

import pytest

from dkg.graph.build import build, store_path
from dkg.graph.store import OxigraphStore
from dkg.loaders.corpus import load_corpus
from dkg.loaders.texts import anchor, closest_passage

from .conftest import SEED, SEEDS, run_dkg

ARTICLE = "Brigadier Jones said on Monday: \u201cThe 41\u2011year\u2011old  pilot\u201d flew out.\nOfficials could not confirm it.\n"
SOURCE = """\
document:
  id: jones-report
  name: A report quoting Brigadier Jones
  kind: news_report
  file: jones-report.txt
claims:
  - subject: jones
    property: age
    value: {amount: 41, unit: year}
    printed: 41-year-old
    quote: "\\"The 41-year-old pilot\\" flew out"
  - subject: jones
    property: description
    value: {text: a pilot}
    quote: "Officials could not confirm it."
"""


@pytest.fixture
def small(tmp_path) -> tuple[Path, Path]:
    data, texts = tmp_path / "data", tmp_path / "texts"
    (data / "registry").mkdir(parents=True)
    (data / "sources").mkdir()
    texts.mkdir()
    (data / "registry" / "people.yaml").write_text("persons:\n  - {id: jones, name: Brigadier Jones}\n")
    (data / "sources" / "jones-report.yaml").write_text(SOURCE)
    (texts / "jones-report.txt").write_text(ARTICLE, encoding="utf-8")
    return data, texts


def test_typography_is_folded_but_words_are_not():
    found = anchor('"The 41-year-old pilot"', ARTICLE)
    assert found is not None and found.exact == "\u201cThe 41\u2011year\u2011old  pilot\u201d"
    assert ARTICLE[found.start : found.end] == found.exact
    assert anchor("The 42-year-old pilot", ARTICLE) is None
    assert anchor("the 41-year-old pilot", ARTICLE) is None  # case is part of a verbatim quote


def test_clean_quotes_validate_and_are_counted(small):
    data, texts = small
    corpus = load_corpus(data, texts=texts)
    assert (corpus.quotes.checked, corpus.quotes.unchecked, corpus.quotes.missing) == (3, 0, [])
    result = run_dkg("validate", "--data", str(data), "--texts", str(texts), "--no-shacl")
    assert result.returncode == 0, result.stderr
    assert "quotes: 3 quote(s), printed value(s) and time(s) found verbatim" in result.stdout


def test_a_wrong_quote_is_located_with_the_closest_passage(small):
    data, texts = small
    path = data / "sources" / "jones-report.yaml"
    path.write_text(SOURCE.replace("Officials could not confirm it.", "Officials could not verify it."))
    line = SOURCE.splitlines().index('    quote: "Officials could not confirm it."') + 1
    result = run_dkg("validate", "--data", str(data), "--texts", str(texts), "--no-shacl")
    assert result.returncode == 1
    expected = f"data/sources/jones-report.yaml:{line}:12: claims[1].quote: not found verbatim in jones-report.txt; the closest passage is \u00abOfficials could not confirm it.\u00bb"
    assert expected in result.stderr, result.stderr


def test_texts_from_the_environment_and_a_missing_text_is_counted(small):
    data, texts = small
    (texts / "jones-report.txt").unlink()
    result = run_dkg("validate", "--data", str(data), "--no-shacl", env={"DKG_TEXTS": str(texts)})
    assert result.returncode == 0, result.stderr
    assert "quotes: 3 could not be checked: no text in" in result.stdout and "jones-report" in result.stdout


def test_without_texts_nothing_is_checked(small):
    data, _texts = small
    (data / "sources" / "jones-report.yaml").write_text(SOURCE.replace("flew out", "drove off"))
    result = run_dkg("validate", "--data", str(data), "--no-shacl", env={"DKG_TEXTS": ""})
    assert result.returncode == 0 and "quotes:" not in result.stdout


def test_the_build_records_selectors_and_a_changed_text_re_derives(small, tmp_path):
    data, texts = small
    out = tmp_path / "out"
    build(data, out, shacl=False, formats=(), texts=texts)
    store = OxigraphStore(store_path(out), read_only=True)
    rows = store.query(
        """SELECT ?exact ?prefix ?suffix ?start ?end WHERE {
             ?a dkg:quote ?q ; oa:hasSelector ?s, ?p ; oa:hasSource id:jones-report .
             ?s a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
             ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end
             FILTER(CONTAINS(?q, "Officials")) }"""
    ).records()
    (row,) = rows
    start = ARTICLE.index("Officials")
    exact = "Officials could not confirm it."
    assert (row["exact"], int(row["start"]), int(row["end"])) == (exact, start, start + len(exact))
    assert row["prefix"].endswith("flew out.\n") and row["suffix"] == "\n"
    store.close()
    (texts / "jones-report.txt").write_text("Intro.\n" + ARTICLE, encoding="utf-8")
    report = build(data, out, shacl=False, formats=(), texts=texts)
    assert report.rederived == ["jones-report"]
    store = OxigraphStore(store_path(out), read_only=True)
    starts = store.query("SELECT ?start WHERE { ?p a oa:TextPositionSelector ; oa:start ?start }").values("start")
    assert start + 7 in [int(s) for s in starts]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed article texts are not beside the checkout")
def test_every_seed_quote_is_anchored():
    corpus = load_corpus(SEED, texts=SEEDS)
    assert corpus.quotes.unchecked == 0 and corpus.quotes.checked > 300
    quotes = [a for c in corpus.claims.values() for a in c.appearances if a.entry.quote]
    assert all(a.anchor is not None for a in quotes)


def test_closest_passage_widens_to_words():
    text = "Last September, Defence Minister Sergei Shoigu said Russia had lost around 6,000 men, a figure."
    assert closest_passage("Sergei Shoigu said Russia lost about 6,000 men", text).startswith("Sergei Shoigu said")
