"""How well a typed name matches a recorded one, in any script and romanisation.

Both sides go through dkg.schema.fold: `fold` (any script to plain ASCII words, via anyascii)
and `skeleton` (the fold with the letters romanisation systems disagree on merged), so
Кузьминов, Kuzminov and Kuz'minov meet, as do Primorje and Primorye, ГУР and GUR.

The score orders what `dkg find` shows. A whole-name match beats a surname (the last word of a
name), which beats the start of the surname (`Kuzmin` for Kuzminov), which beats any other
whole word, which beats a part of a word; spelling slips come last. Short queries (three
letters or fewer, such as DIU) only match whole names or whole words: a fuzzy match of three
letters finds everything and means nothing.
"""

from __future__ import annotations

import difflib
import re

from ..schema.fold import fold as _ascii_fold
from ..schema.fold import skeleton


def plain(text: str) -> str:
    """Any script to lower-case ASCII words: for substring search over text."""
    return _ascii_fold(text)


def fold(text: str) -> str:
    """The matching key of a name: its skeleton (romanisation variants merged)."""
    return skeleton(text)


EXACT, SURNAME, SURNAME_START, WORD, WORD_START, PART = 1.0, 0.95, 0.9, 0.85, 0.8, 0.75


def score(query: str, name: str, person: bool = False) -> float:
    """How well `query` matches `name`, 0..1 (see the module docstring for the order); only a
    person's name has a surname, so only there does the last word rank above the others."""
    q, n = fold(query), fold(name)
    if not q or not n:
        return 0.0
    if q == n:
        return EXACT
    words = n.split()
    qwords = q.split()
    # a "person" named by a description (two unnamed crew members of ...) has no surname
    person = person and len(words) <= 4
    if len(qwords) == 1:
        if person and words[-1] == q:
            return SURNAME
        if q in words:
            return WORD
        if len(q) <= 3:
            return 0.0
        if person and words[-1].startswith(q):
            return SURNAME_START
        if any(w.startswith(q) for w in words):
            return WORD_START
    else:
        if len(n.split()) > len(qwords) and f" {q} " in f" {n} ":
            return WORD
        if len(q) <= 3:
            return 0.0
    if re.search(rf"\b{re.escape(q)}", n):
        return PART
    if len(q) <= 3:
        return 0.0
    return round(difflib.SequenceMatcher(None, q, n).ratio() * 0.7, 3)


def closest(query: str, candidates: list[str], n: int = 3) -> list[str]:
    """The candidates nearest to `query` by folded spelling, best first (for "did you mean")."""
    by_key: dict[str, str] = {}
    for c in candidates:
        by_key.setdefault(fold(c), c)
    keys = difflib.get_close_matches(fold(query), list(by_key), n=n, cutoff=0.6)
    return [by_key[k] for k in keys]
