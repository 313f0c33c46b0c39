"""Name folding: one key for the many ways a name is written.

The same person is Максим Кузьминов, Maxim Kuzminov and Maksim Kuzmin'ov; the same agency is
ГУР, HUR and GUR. Curators record the spellings the articles print; readers type whatever they
know. Two keys, used wherever a name is looked up (the CLI's `find`, the HTML views' search):

- `fold`: any script to ASCII through anyascii (a maintained transliteration table, not hand
  rules), case-folded, apostrophes (soft signs) dropped, punctuation to spaces, spaces collapsed.
- `skeleton`: the fold with the letters romanisation systems disagree on merged (ks/x, kh/h,
  j/y/i, ie/ye/e, doubled letters), so that Primorje, Primorye and Primorie meet.

>>> fold("Максим Кузьминов")
'maksim kuzminov'
>>> fold("  The 319th  Helicopter-Regiment ")
'the 319th helicopter regiment'
>>> skeleton("Maxim") == skeleton("Maksim"), skeleton("Primorje") == skeleton("Приморье")
(True, True)
>>> skeleton("Shoigu") == skeleton("Шойгу"), skeleton("GUR") == skeleton("ГУР")
(True, True)
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['\u2019\u02bc\u02b9`]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# order matters: multi-letter spellings first (graph/viz.py ships these rules to the page, so its search folds as `dkg find` does)
SKELETON_RULES = [
    (re.compile(r"ks|x"), "x"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"(?<=[aeiou])(?:iy|yi|ii|y|j|i)(?=[^aeiou]|$)"), "i"),
    (re.compile(r"[jy]"), "i"),
    (re.compile(r"ie|ye|ie"), "e"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]


def fold(text: str) -> str:
    """Any script to lower-case ASCII words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = anyascii(text).casefold()
    text = _APOSTROPHES.sub("", text)
    return _NOT_WORD.sub(" ", text).strip()


def skeleton(text: str) -> str:
    """The fold with romanisation differences merged; for matching, never for display."""
    out = fold(text)
    for pattern, repl in SKELETON_RULES:
        out = pattern.sub(repl, out)
    return out
