"""Invariants of the live, growing data/: what must hold for any corpus, however many articles
curators add. No golden value here depends on which articles data/ holds (those run on the
frozen fixture in tests/fixtures/seed).

The last test is the curator's workflow itself: add a new article to a copy of data/ and check
that the same invariants and the whole bundled query suite still hold on it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from dkg.graph import export
from dkg.graph.build import build, current, store_path, validate
from dkg.graph.store import OxigraphStore
from dkg.loaders.corpus import Corpus, load_corpus
from dkg.graph.results import Term
from dkg.loaders.yamlsrc import CuratedLoader
from dkg.queries.listings import QUERY_REPORT, all_pages
from dkg.queries import library
from dkg.schema import iris

from .conftest import DATA, SEEDS, run_dkg

MAX_QUOTE = 300  # data/ holds short quotes, never an article's text


def texts_dir() -> Path | None:
    """Where the article texts are: $DKG_TEXTS, else the shared seeds beside the checkout."""
    for candidate in (os.environ.get("DKG_TEXTS"), SEEDS):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def check_invariants(data: Path) -> Corpus:
    """What holds for any corpus; returns the loaded corpus for further checks."""
    corpus = validate(data, shacl=True)  # models, references, SHACL: clean
    assert corpus.source_documents, "a corpus with no source documents"
    documents = corpus.documents()
    for claim in corpus.claims.values():  # every claim has a source document that carries it
        assert claim.appearances, claim.key
        for app in claim.appearances:
            assert app.document in documents, (claim.key, app.document)
    for path in sorted((data / "sources").glob("*.y*ml")):  # short quotes only, never full text
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=CuratedLoader) or {}
        for entry in (raw.get("claims") or []) + (raw.get("stances") or []):
            assert len(entry.get("quote") or "") <= MAX_QUOTE, (path.name, entry.get("quote"))
    return corpus


def test_live_data_satisfies_the_invariants():
    check_invariants(DATA)


def test_live_quotes_are_verbatim_where_the_text_is_at_hand():
    """Every quote, printed value and time, and every stance's quote, in its article (dkg
    validate --texts does the checking, and raises on a miss)."""
    texts = texts_dir()
    if texts is None:
        pytest.skip("no article texts at hand (set DKG_TEXTS)")
    corpus = load_corpus(DATA, texts=texts)
    if len(corpus.quotes.missing) == len(corpus.source_documents):
        pytest.skip(f"none of the {len(corpus.source_documents)} documents has its text in {texts}")
    assert corpus.quotes.checked > 0


def test_live_build_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):  # separate processes, as a curator would run them
        result = run_dkg("build", "--data", str(DATA), "--out", str(out), "--quiet")
        assert result.returncode == 0, result.stderr
    for fmt in ("nq", "trig"):
        name = f"dkg{export.SUFFIX[fmt]}"
        assert (current(a) / "exports" / name).read_bytes() == (current(b) / "exports" / name).read_bytes(), name


# ------------------------------------------------------------------ a curator adds an article

NEW_REGISTRY = """\
organizations:
  - id: invariant-test-gazette
    name: The Invariant Test Gazette
    kind: news_outlet
persons:
  - id: invariant-test-reporter
    name: Ada Testwriter
"""

NEW_SOURCE = """\
document:
  id: invariant-test-article
  name: A later report on a defector, written for the invariant tests
  kind: news_report
  outlet: invariant-test-gazette
  authors: [invariant-test-reporter]
  published: 2024-03-01
  file: invariant-test-article.txt
claims:
  - subject: {person}
    property: description
    value: {{text: "a defector revisited in a later report"}}
    speaker: invariant-test-reporter
    quote: "revisited in a later report"
  - subject: {person}
    property: nationality
    value: {{entity: {place}}}
    quote: "a defector revisited in a later report"
"""


def _some_person_and_place(corpus: Corpus) -> tuple[str, str]:
    from dkg.schema.vocab import EntityType

    persons = sorted(k for k, e in corpus.entities.items() if e.entity_type is EntityType.person)
    places = sorted(k for k, e in corpus.entities.items() if e.entity_type is EntityType.place)
    assert persons and places
    return persons[0], places[0]


def test_a_new_article_keeps_the_invariants_and_the_query_suite(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    person, place = _some_person_and_place(load_corpus(data))
    (data / "registry" / "invariant-test.yaml").write_text(NEW_REGISTRY, encoding="utf-8")
    (data / "sources" / "invariant-test-article.yaml").write_text(NEW_SOURCE.format(person=person, place=place), encoding="utf-8")
    before = load_corpus(DATA)

    corpus = check_invariants(data)
    assert len(corpus.source_documents) == len(before.source_documents) + 1
    assert len(corpus.claims) >= len(before.claims) + 1

    out = tmp_path / "out"
    report = build(data, out)
    assert report.claims == len(corpus.claims)
    store = OxigraphStore(store_path(out), read_only=True)
    new_claim = next(c.key for c, _a in corpus.claims_in("invariant-test-article"))
    values = {
        "claim": Term.uri(iris.claim(new_claim)),
        "entity": Term.uri(iris.entity(person)),
        "slug": person,
        "source": Term.uri(iris.entity("invariant-test-gazette")),
        "agent": Term.uri(iris.entity("invariant-test-gazette")),
        "document": Term.uri(iris.entity("invariant-test-article")),
    }
    values["listing"] = Term.uri(iris.listing("hedged", "any"))
    values["page"] = [Term.uri(iris.listing_page("said-by", "agent/invariant-test-gazette", 0))]  # what the new outlet said
    values["key"] = Term.literal(person.split("-")[0])
    values["appearance"] = [Term.uri(a) for a in store.query("SELECT ?a WHERE { ?a dkg:claim ?c } LIMIT 3").values("a")]
    # every bundled query runs on the grown corpus, its parameters bound to the new article's things
    # (a paged report to the first page of its own listing)
    for query in library.all_queries():
        given = dict(values)
        if query.name in QUERY_REPORT:
            given["page"] = [Term.uri(p) for p in all_pages(store, query.name)[:1]]
        unknown = {p.name for p in query.params} - set(given)
        assert not unknown, f"{query.name}: give the invariant test a value for {unknown}"
        rows = library.run(store, query.name, {p.name: given[p.name] for p in query.params}).records()
        json.dumps(rows, default=str)  # the rows are plain data
    # and the new article is there for a journalist to find
    carried = library.run(store, "reported_by", {"source": values["source"]}).records()
    assert carried, "the new outlet's claims are not found"
    sources = library.run(store, "sources", {"claim": values["claim"]}).records()
    assert sources, "the new claim has no source"


def test_live_disagreements_never_set_a_thing_against_what_contains_it():
    """For any corpus: no place, unit or equipment is in disagreement with one it lies within
    (a town against its country), no date with a date it lies within, and every pair names two
    different claims the corpus holds."""
    from dkg.loaders.compare import Verdict, comparisons, nesting

    corpus = load_corpus(DATA)
    nest = nesting(corpus)
    for cmp in comparisons(corpus):
        assert cmp.left != cmp.right and cmp.left in corpus.claims and cmp.right in corpus.claims
        if cmp.verdict in (Verdict.contradiction, Verdict.apparent) and cmp.rule == "same-property":
            a, b = corpus.claims[cmp.left].entry.value, corpus.claims[cmp.right].entry.value
            if a.entity and b.entity:
                assert not (nest.within(a.entity, b.entity) or nest.within(b.entity, a.entity)), cmp.explanation
            if a.date and b.date:
                assert not (a.date.startswith(b.date) or b.date.startswith(a.date)), cmp.explanation
