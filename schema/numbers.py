"""Numbers as people write them: 500000, 500,000, 500 000, "half a million", "18k", "2.5 million".

Read by the claim search (queries/search.py) from what a journalist types, and by the build from
each printed value (graph/textindex.py), so both sides read a number the same way.

>>> parse_number("half a million"), parse_number("500,000"), parse_number("2.5 million")
(Decimal('500000'), Decimal('500000'), Decimal('2500000'))
>>> parse_number("More than 18,000"), parse_number("tenfold")
(Decimal('18000'), None)
>>> key(Decimal("500000.0")), key(Decimal("2.50"))
('500000', '2.5')
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Number words, once for the project: the claim search, the build's index of printed values and
# the draft (loaders/draft/figures.py) all read them from here.
NUMBER_WORDS: dict[str, int] = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "hundred": 100, "dozen": 12}
SCALES: dict[str, int] = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mln": 10**6, "mn": 10**6,
                          "billion": 10**9, "bn": 10**9}
FRACTIONS: dict[str, Decimal] = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}
# Thousands, millions and billions as articles abbreviate or inflect them in the languages the
# war is reported in (ru, uk, bg, fi, de, pl): "10 тыс.", "10 тис", "5 млн", "2 miljoonaa". A
# pattern per scale; matched case-insensitively after a number (loaders/draft/figures.py).
SCALE_PATTERNS: tuple[tuple[str, int], ...] = (
    (r"thousand|k|тыс\.?|тысяч[аи]?|тис\.?|тисяч[аіи]?|хил\.?|хиляди|tuhatta|tuhat|tuh\.|tausend|tys\.?|tysięcy|tysiące", 10**3),
    (r"million|mln\.?|mn|m|млн\.?|миллион(?:а|ов)?|мільйон(?:а|ів)?|милиона?|miljoonaa|miljoona|milj\.?|millionen|mio\.?|milion(?:y|ów)?", 10**6),
    (r"billion|bn|млрд\.?|миллиард(?:а|ов)?|мільярд(?:а|ів)?|милиарда?|miljardia|miljardi|mrd\.?|milliarden|miliard(?:y|ów)?", 10**9),
)
_SMALL = NUMBER_WORDS | {"a": 1, "an": 1}
_SCALE = SCALES
_FRACTION = FRACTIONS
_DIGITS = re.compile(r"(\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+(?:\.\d+)?)")


def parse_number(text: str) -> Decimal | None:
    """The first amount a short text states, in digits or words; None if it states none."""
    value = _parse_number(text)
    if value is None:
        return None
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


def _parse_number(text: str) -> Decimal | None:
    t = text.casefold().replace("$", " ").replace("£", " ").replace("€", " ")
    m = _DIGITS.search(t)
    if m:
        try:
            value = Decimal(re.sub(r"[,\u00a0 ]", "", m.group(1)))
        except InvalidOperation:
            return None
        rest = t[m.end():].split()
        if rest and rest[0] in _SCALE:
            value *= _SCALE[rest[0]]
        elif t[m.end():m.end() + 1] in ("k", "m") and (m.end() + 1 == len(t) or not t[m.end() + 1].isalpha()):
            value *= _SCALE[t[m.end()]]
        return value
    words = re.findall(r"[a-z]+", t)
    for i, w in enumerate(words):
        if w in _FRACTION or w in _SMALL and w not in ("a", "an"):
            base = _FRACTION.get(w) or Decimal(_SMALL[w])
            j = i + 1
            if j < len(words) and words[j] in ("a", "an"):
                j += 1
            if j < len(words) and words[j] in _SCALE and words[j] not in ("k", "m"):
                return base * _SCALE[words[j]]
            if w in _SMALL:
                return base
        if w in ("a", "an") and i + 1 < len(words) and words[i + 1] in ("thousand", "million", "billion"):
            return Decimal(_SCALE[words[i + 1]])
    return None


def key(value: Decimal) -> str:
    """A number as one string however it was written (500000, 500000.0, 5E+5 -> "500000")."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def mentions_number(text: str) -> bool:
    """Whether a typed text may be meant as a number (digits or number words)."""
    return bool(re.search(r"\d|\b(?:half|quarter|thousand|million|billion|hundred)\b", text.casefold()))
