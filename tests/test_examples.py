"""The bundled questions as a reader meets them on the query page and in `dkg queries`: a title
and a one-line description in a reader's words, and, run as shown there (no parameter bound),
no repeated rows, one row per thing where the description says "each ... once", and the order
the description promises. Runs on the frozen seed build."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from dkg.queries import library

NAMES = library.names()

# the column(s) a row stands for, where the question is "each X once" or "one row per X"
ONE_ROW_PER = {
    "corroboration": ("claim",),
    "claim_keys": ("claim",),
    "single_origin": ("claim",),
    "hedged": ("appearance",),
    "stances": ("stance",),
    "stances_about": ("stance",),
    "listing_size": ("listing",),
    "disagreements": ("comparison", "reason"),
    "disagreements_about": ("comparison", "reason"),
    "claims_about": ("claim",),
    "sources": ("appearance",),
    "document_claims": ("appearance",),
}


def _number(term) -> float:
    return float(term.value)


def _text(term) -> str:
    return "" if term is None else term.value


# the order each description promises, as a sort key over a row
ORDERED = {
    "corroboration": ("most origins first", lambda r: (-_number(r["origins"]), -_number(r["appearances"]), _text(r["claim"]))),
    "single_origin": ("by origin", lambda r: (_text(r["origin"]), _text(r["claim"]))),
    "hedged": ("by document", lambda r: (_text(r.get("document")), _text(r.get("claim")))),
    "stances": ("by claim", lambda r: _text(r["claim"])),
    "claims_about": ("by property", lambda r: _text(r["property"])),
    "claims_mentioning": ("by property", lambda r: _text(r["property"])),
    "timeline": ("in date order", lambda r: (r.get("date") is None, _text(r.get("date")))),
}


def _row_key(row: dict) -> str:
    return json.dumps({k: [v.type, v.value, v.datatype, getattr(v, "lang", None)] for k, v in row.items()}, sort_keys=True)


@pytest.fixture(scope="module")
def answers(seed_store):
    """Each bundled question run as the query page runs it: the text it shows, nothing bound."""
    return {name: seed_store.query(library.load(name).portable_text) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_example_has_no_repeated_rows(answers, name):
    rows = answers[name].rows
    assert rows, f"{name} answers nothing on the seed"
    repeated = {k: n for k, n in Counter(_row_key(r) for r in rows).items() if n > 1}
    assert not repeated, f"{name}: {sum(repeated.values()) - len(repeated)} repeated rows of {len(rows)}"


@pytest.mark.parametrize("name", sorted(ONE_ROW_PER))
def test_example_gives_one_row_per_thing(answers, name):
    columns = ONE_ROW_PER[name]
    keys = Counter(tuple(_text(r.get(c)) for c in columns) for r in answers[name].rows)
    twice = [k for k, n in keys.items() if n > 1]
    assert not twice, f"{name}: {len(twice)} {'/'.join(columns)} on more than one row, e.g. {twice[:2]}"


def test_corroboration_is_one_row_per_claim_with_counts(answers, seed_store):
    """The issue's case: one row per claim that has appearances, not one per listing page."""
    claims = seed_store.query("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?a dkg:claim ?c }").values("n")[0]
    assert len(answers["corroboration"].rows) == claims


@pytest.mark.parametrize("name", sorted(ORDERED))
def test_example_comes_in_the_order_it_promises(answers, name):
    words, key = ORDERED[name]
    assert words in library.load(name).description, f"{name}'s description no longer says {words!r}"
    rows = answers[name].rows
    assert [key(r) for r in rows] == sorted(key(r) for r in rows)


@pytest.mark.parametrize("name", NAMES)
def test_example_reads_as_a_question_not_as_code(name):
    q = library.load(name)
    assert q.title and len(q.title) <= 60 and not q.title.endswith("."), q.title
    assert 40 < len(q.description) <= 220, (name, len(q.description))
    first = q.text.splitlines()
    assert first[0] == f"# {q.title}" and first[1] == f"# {q.description}", "title and description are the first two lines"
    shown = " ".join([q.title, q.description, *(p.description for p in q.params)])
    for code in (r"\bloaders/", r"\w+\.py\b", r"\bDISTINCT\b", r"\bIRI\b"):
        assert not re.search(code, shown), f"{name} talks about {code!r} to the reader: {shown}"
    assert len({x.title for x in library.all_queries()}) == len(NAMES)  # titles tell them apart
