"""Quotes anchored in the article they come from.

Article texts are others' work and stay out of data/: a curator keeps them in a folder of their
own (`dkg validate --texts DIR`, or $DKG_TEXTS), and each document names its text with `file:`.
Every quote, printed value and printed time is then found in its text, after folding what
typing and copying change (typographic quotes and apostrophes, dashes, white space, Unicode
normal form), and located there as a W3C Web Annotation selector would locate it: the exact
text with a little context before and after (TextQuoteSelector), and its character offsets in
the text as stored (TextPositionSelector). A quote that is not found is reported with the
closest passage of the text, so the curator sees what they mistyped.

>>> a = anchor("the 28-year-old Russian pilot", "He said: “The 28‑year‑old  Russian pilot” landed.")
>>> a is None
True
>>> a = anchor("28-year-old Russian pilot", "He said: “The 28‑year‑old  Russian pilot” landed.")
>>> (a.exact, a.start, a.end, a.prefix[-5:], a.suffix[:3])
('28‑year‑old  Russian pilot', 14, 40, '“The ', '” l')
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix and suffix kept with a quote
_FOLD = {
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc`´"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033«»"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2026": "...",
}


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits in its text: offsets into the text as stored, and the text around it."""

    exact: str
    start: int
    end: int
    prefix: str
    suffix: str


def _folded(text: str) -> tuple[str, list[int]]:
    """The text folded for matching, and for each folded character its offset in the original."""
    out: list[str] = []
    where: list[int] = []
    last_space = True
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", _FOLD.get(ch, ch)):
            c = _FOLD.get(c, c)
            if c.isspace():
                if last_space:
                    continue
                c, last_space = " ", True
            else:
                last_space = False
            for part in c:
                out.append(part)
                where.append(i)
    return "".join(out), where


def fold(text: str) -> str:
    return _folded(text)[0].strip()


def anchor(quote: str, text: str) -> Anchor | None:
    """The first place the quote occurs in the text, however its quotes, dashes and spaces were
    typed; None when it is not there (case matters: a quote is verbatim)."""
    needle = fold(quote)
    if not needle:
        return None
    haystack, where = _folded(text)
    at = haystack.find(needle)
    if at < 0:
        return None
    start, end = where[at], where[at + len(needle) - 1] + 1
    return Anchor(text[start:end], start, end, text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT])


def closest_passage(quote: str, text: str, limit: int = 160) -> str | None:
    """The passage of the text most like the quote, to show beside a quote that is not found."""
    needle, haystack = fold(quote), fold(text)
    if not needle or not haystack:
        return None
    size = len(needle)
    step = max(1, size // 4)
    best, best_ratio, best_at = None, 0.0, 0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    for i in range(0, max(1, len(haystack) - size + 1), step):
        window = haystack[i : i + size]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio, best_at = window, ratio, i
    if best is None or best_ratio < 0.5:
        return None
    for i in range(max(0, best_at - step), min(len(haystack) - size, best_at + step) + 1):  # refine
        matcher.set_seq1(haystack[i : i + size])
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_at = ratio, i
    start = haystack.rfind(" ", 0, best_at) + 1  # whole words: widen to the spaces around it
    end = haystack.find(" ", best_at + size)
    best = haystack[start : end if end >= 0 else len(haystack)]
    return best if len(best) <= limit else best[: limit - 1] + "…"
