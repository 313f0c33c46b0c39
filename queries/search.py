"""Claims by the words around them: "where does 'half a million' come from?"

A journalist remembers a phrase or a number, not a claim key. The search looks at each claim's
label and, in every document that carries it, the value as printed, the quote and the remark,
in any script (folded like names). A query that reads as a number (500000, 500,000, 500 000,
"half a million", "18k", "2.5 million") also finds the claims whose curated figure has that
number as its amount or as a bound, and the printed values that say it in other words.

>>> parse_number("half a million"), parse_number("500,000"), parse_number("2.5 million")
(Decimal('500000'), Decimal('500000'), Decimal('2500000'))
>>> parse_number("More than 18,000"), parse_number("tenfold")
(Decimal('18000'), None)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pydantic import Field

from ..graph.store import Store
from . import library, names
from .rows import Model, short

_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}
_SCALE = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mln": 10**6, "billion": 10**9, "bn": 10**9}
_FRACTION = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}
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


class ClaimMatch(Model):
    claim: str
    claim_label: str | None = None
    matched_in: list[str] = Field(description="where the words or number were found: label, printed, quote, remark, figure")
    excerpts: list[str] = Field(default=[], description="the printed values, quotes or remarks that matched")
    documents: list[str] = []


def _dec(term) -> Decimal | None:
    try:
        return Decimal(term.value) if term is not None else None
    except InvalidOperation:
        return None


def search_claims(store: Store, text: str) -> list[ClaimMatch]:
    """Claims whose label, printed value, quote or remark holds the words, or whose figure is the
    number; best first (more places matched, then the label)."""
    words = names.plain(text)
    number = parse_number(text) if re.search(r"\d|\b(?:half|quarter|thousand|million|billion|hundred)\b", text.casefold()) else None
    if not words and number is None:
        return []
    found: dict[str, dict] = {}
    for r in library.run(store, "claim_text").rows:
        slug = r["slug"].value
        entry = found.setdefault(slug, {"label": short(r.get("claimLabel")), "where": set(), "excerpts": [], "docs": set()})
        if words and words in names.plain(entry["label"] or ""):
            entry["where"].add("label")
        for field in ("printed", "quote", "remark"):
            value = short(r.get(field))
            if not value:
                continue
            ok = bool(words) and words in names.plain(value)
            if not ok and number is not None and field == "printed" and parse_number(value) == number:
                ok = True
            if ok:
                entry["where"].add(field)
                if value not in entry["excerpts"]:
                    entry["excerpts"].append(value)
        if number is not None and number in (_dec(r.get("lower")), _dec(r.get("upper"))):
            entry["where"].add("figure")
        if "document" in r:
            entry["docs"].add(short(r["document"]))
    out = [
        ClaimMatch(claim=k, claim_label=v["label"], matched_in=sorted(v["where"]), excerpts=v["excerpts"], documents=sorted(v["docs"]))
        for k, v in found.items()
        if v["where"]
    ]
    return sorted(out, key=lambda m: (-len(m.matched_in), m.claim_label or "", m.claim))
