"""The words and numbers around every claim, indexed for search beside the store.

A journalist searches claims by a phrase or a number ("half a million"): the label, and in each
document that carries the claim the value as printed, the quote and the remark. Matching is a
substring of the text folded to plain ASCII words (schema/fold.py), which RDF stores answer by
reading every claim (14 s at 100k claims). SQLite, in Python's standard library, has full-text
tables with a trigram tokenizer whose index answers exactly that substring test, so the build
writes one small database per build (`search.sqlite` beside `store/`), from the same corpus the
graph is made from, and queries/search.py asks it; a store without one (a remote endpoint) is
searched with claim_text.rq as before.

Numbers are kept apart, as their key (schema/numbers.py): each printed value that reads as a
number, and each figure's lower and upper bound, so 500000, "500,000" and "half a million" meet.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..loaders.corpus import Corpus
from ..schema.fold import fold
from ..schema.figures import interval
from ..schema.numbers import key, parse_number

NAME = "search.sqlite"
SCHEMA = """
CREATE VIRTUAL TABLE texts USING fts5(claim UNINDEXED, field UNINDEXED, document UNINDEXED, original UNINDEXED, folded, tokenize='trigram');
CREATE TABLE numbers(claim TEXT, field TEXT, document TEXT, original TEXT, value TEXT);
CREATE TABLE claims(claim TEXT PRIMARY KEY, label TEXT, documents TEXT);
"""


def rows(corpus: Corpus):
    """(texts rows, numbers rows, claims rows) of the corpus."""
    from ..loaders.rdf import claim_label

    texts, numbers, claims = [], [], []
    for claim in corpus.claims.values():
        label = claim_label(claim, corpus)
        if label:
            texts.append((claim.key, "label", None, label, fold(label)))
        value = claim.entry.value
        if value.amount is not None or value.min is not None:  # a figure: its bounds (as figure_triples)
            span = interval(value)
            for bound in {b for b in (span.low, span.high) if b is not None}:
                numbers.append((claim.key, "figure", None, None, key(bound)))
        docs = set()
        for app in claim.appearances:
            e, doc = app.entry, app.document
            docs.add(doc)
            for field, text in (("printed", e.printed), ("quote", e.quote), ("remark", e.remarks)):
                if text:
                    texts.append((claim.key, field, doc, text, fold(text)))
            if e.printed:
                n = parse_number(e.printed)
                if n is not None:
                    numbers.append((claim.key, "printed", doc, e.printed, key(n)))
        claims.append((claim.key, label, " ".join(sorted(docs))))
    return texts, numbers, claims


def write(corpus: Corpus, path: Path) -> None:
    """Write the index of the corpus at `path` (a new file)."""
    texts, numbers, claims = rows(corpus)
    con = sqlite3.connect(path)
    try:
        with con:
            con.executescript(SCHEMA)
            con.executemany("INSERT INTO texts VALUES (?, ?, ?, ?, ?)", texts)
            con.executemany("INSERT INTO numbers VALUES (?, ?, ?, ?, ?)", numbers)
            con.executemany("INSERT INTO claims VALUES (?, ?, ?)", claims)
            con.execute("CREATE INDEX numbers_value ON numbers(value)")
    finally:
        con.close()


def open_beside(store_dir: Path) -> sqlite3.Connection | None:
    """The index written with the store in `store_dir`, read-only; None if there is none."""
    path = Path(store_dir).parent / NAME
    if not path.is_file():
        return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def search(con: sqlite3.Connection, words: str, number) -> tuple[list[tuple], dict[str, tuple[str | None, list[str]]]]:
    """(matching (claim, field, document, original) rows, claim -> (label, documents))."""
    found: list[tuple] = []
    if words:
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found += con.execute("SELECT claim, field, document, original FROM texts WHERE folded LIKE ? ESCAPE '\\'", (pattern,)).fetchall()
    if number is not None:
        found += con.execute("SELECT claim, field, document, original FROM numbers WHERE value = ?", (key(number),)).fetchall()
    keys = sorted({r[0] for r in found})
    info: dict[str, tuple[str | None, list[str]]] = {}
    for i in range(0, len(keys), 500):
        part = keys[i:i + 500]
        for claim, label, docs in con.execute(f"SELECT claim, label, documents FROM claims WHERE claim IN ({','.join('?' * len(part))})", part):
            info[claim] = (label, docs.split() if docs else [])
    return found, info
