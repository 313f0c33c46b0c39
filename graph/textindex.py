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
from typing import TYPE_CHECKING

from ..schema.numbers import key

if TYPE_CHECKING:  # writing the index reads the corpus; a search does not (0.3 s of imports)
    from ..loaders.corpus import Corpus

NAME = "search.sqlite"
SCHEMA = """
CREATE VIRTUAL TABLE texts USING fts5(claim UNINDEXED, field UNINDEXED, document UNINDEXED, original UNINDEXED, folded, tokenize='trigram');
CREATE TABLE numbers(claim TEXT, field TEXT, document TEXT, original TEXT, value TEXT);
CREATE TABLE claims(claim TEXT PRIMARY KEY, label TEXT, documents TEXT);
"""


def rows(corpus: Corpus):
    """(texts rows, numbers rows, claims rows) of the corpus."""
    from ..loaders.rdf import claim_label
    from ..schema.figures import interval
    from ..schema.fold import fold
    from ..schema.numbers import parse_number

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


def _hits(con: sqlite3.Connection, words: str, number) -> list[tuple]:
    """The matching (claim, field, document, original) rows. The trigram index answers a LIKE
    only without an ESCAPE clause, so one is written only when the words hold a wildcard
    character (otherwise every row was read: 71 ms at 100k claims, 10x that at 1M)."""
    found: list[tuple] = []
    if words:
        if any(c in words for c in "%_\\"):
            pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            found += con.execute("SELECT claim, field, document, original FROM texts WHERE folded LIKE ? ESCAPE '\\'", (pattern,)).fetchall()
        else:
            found += con.execute("SELECT claim, field, document, original FROM texts WHERE folded LIKE ?", (f"%{words}%",)).fetchall()
    if number is not None:
        found += con.execute("SELECT claim, field, document, original FROM numbers WHERE value = ?", (key(number),)).fetchall()
    return found


def _labels(con: sqlite3.Connection, keys: list[str]) -> dict[str, tuple[str | None, str | None]]:
    out = {}
    for i in range(0, len(keys), 500):
        part = keys[i:i + 500]
        for claim, label, docs in con.execute(f"SELECT claim, label, documents FROM claims WHERE claim IN ({','.join('?' * len(part))})", part):
            out[claim] = (label, docs)
    return out


def search(con: sqlite3.Connection, words: str, number, limit: int | None = None, offset: int = 0
           ) -> tuple[list[tuple], dict[str, tuple[str | None, list[str]]], int]:
    """(matching (claim, field, document, original) rows, claim -> (label, documents), how many
    claims match in all). With `limit`, only the rows and labels of that page of claims, ranked
    as queries/search.py ranks them (most fields matched first, then label, then key) over
    plain tuples, so a page of a phrase 15,000 claims print builds a page of answers, not
    15,000."""
    found = _hits(con, words, number)
    fields: dict[str, set[str]] = {}
    for r in found:
        fields.setdefault(r[0], set()).add(r[1])
    keys = sorted(fields)
    labels = _labels(con, keys)
    if limit is not None:
        ranked = sorted(keys, key=lambda k: (-len(fields[k]), labels.get(k, (None, None))[0] or "", k))
        keys = sorted(ranked[offset:offset + limit])
        wanted = set(keys)
        found = [r for r in found if r[0] in wanted]
    info = {k: (labels[k][0], labels[k][1].split() if labels[k][1] else []) for k in keys if k in labels}
    return found, info, len(fields)
