"""Printed figures as value skeletons: an amount with its bound and its unit or currency, a
range, an age, and the conversions a text prints beside an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

from ...schema.numbers import FRACTIONS, NUMBER_WORDS, SCALES


_CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "₽": "RUB", "₴": "UAH", "¥": "JPY"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "euro": "EUR", "euros": "EUR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH",
    "usd": "USD", "gbp": "GBP", "eur": "EUR", "rub": "RUB", "uah": "UAH",
}
_PEOPLE = frozenset(
    "man men woman women people person persons soldier soldiers troop troops serviceman servicemen "
    "servicewomen personnel officer officers civilian civilians deserter deserters recruit recruits "
    "pilot pilots crew crewmen airman airmen sailor sailors fighter fighters conscript conscripts "
    "prisoner prisoners refugee refugees resident residents citizen citizens individual individuals "
    "name names casualties victims".split()
)
_TIME_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
               "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour"}
_BOUNDS = [
    (re.compile(r"(?:more than|over|in excess of|upwards of|above)\s+$", re.I), "more_than"),
    (re.compile(r"(?:at least|no fewer than|no less than|a minimum of)\s+$", re.I), "at_least"),
    (re.compile(r"(?:less than|fewer than|under|below)\s+$", re.I), "less_than"),
    (re.compile(r"(?:up to|at most|as many as|as much as|could reach|no more than|a maximum of)\s+$", re.I), "at_most"),
    (re.compile(r"(?:around|about|some|roughly|approximately|nearly|almost|an estimated|estimated|close to|circa|c\.)\s+$", re.I), "approximate"),
]

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = r"(?:half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a few)"
_SIGN = r"US\$|\$|£|€|₽|₴"
_AMOUNT = rf"(?:(?P<sign>{_SIGN})\s?)?(?:(?P<num>{_NUM})|(?P<word>{_WORDNUM}))(?:[\s-]?(?P<scale>thousand|million|billion|bn|mn|m|k|hundred)\b)?"
_FIGURE = re.compile(
    rf"(?<![\w.,$£€₽₴-]){_AMOUNT}"
    rf"(?P<tail>(?:-year-old|-year|-month|-day|%|\s?per\s?cent|-fold|fold)?)"
    rf"(?:\s(?P<cur>dollars?|pounds?|euros?|roubles?|rubles?|hryvnias?|USD|GBP|EUR|RUB|UAH)\b)?",
    re.I,
)
_RANGE = re.compile(
    rf"(?:between\s+(?P<sign1>{_SIGN})?\s?(?P<a>{_NUM})\s+and|(?<![\w.,-])(?P<sign3>{_SIGN})?(?P<a2>{_NUM})\s?(?:to|-|\u2013)(?=\s?(?:{_SIGN})?\d))"
    rf"\s*(?P<sign2>{_SIGN})?\s?(?P<b>{_NUM})(?:\s(?P<cur>dollars|pounds|euros|roubles|rubles)\b)?", re.I)
_VAGUE = re.compile(r"\b(dozens|hundreds|thousands|millions)\b", re.I)
_VAGUE_AMOUNTS = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 10**6}
_TENFOLD = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|a hundred|\d+)-?fold\b", re.I)
_EQUIV = re.compile(rf"\s?\(\s*((?:(?:{_SIGN})\s?(?:{_NUM})(?:\s?(?:million|m|bn|k))?\s*[,;/]?\s*)+)\)")
_EQUIV_ONE = re.compile(rf"(?P<sign>{_SIGN})\s?(?P<num>{_NUM})")


@dataclass
class Figure:
    start: int  # offsets in the sentence
    end: int
    printed: str
    value: dict[str, Any]


def _dec(num: str) -> Decimal:
    return Decimal(num.replace(",", ""))


def _plain(d: Decimal):
    """A Decimal as YAML writes a number: an int when whole."""
    d = d.normalize()
    return int(d) if d == d.to_integral_value() else float(d)


def _word_value(word: str) -> Decimal | None:
    w = word.casefold()
    if w.startswith("half"):
        return FRACTIONS["half"]
    if w in ("a", "an", "one"):
        return Decimal(1)
    if w == "a few":
        return None
    v = NUMBER_WORDS.get(w)
    return Decimal(v) if v is not None else None


def _unit_after(rest: str, unit_words: Mapping[str, str]) -> tuple[str | None, int]:
    """A unit from the one or two words after a figure ('6,000 men', '18,000 Russian servicemen')."""
    words = list(re.finditer(r"[A-Za-z][\w-]*", rest[:60]))
    for i, w in enumerate(words[:3]):
        if rest[: w.start()].strip(" ") and not re.fullmatch(r"\s*(?:[A-Za-z][\w-]*\s+){0,2}", rest[: w.start()]):
            break
        lw = w.group().casefold()
        if lw in _PEOPLE:
            return "person", w.end()
        if lw in _TIME_UNITS:
            return _TIME_UNITS[lw], w.end()
        if lw in unit_words:
            return unit_words[lw], w.end()
        if lw.endswith("s") and lw[:-1] in unit_words:
            return unit_words[lw[:-1]], w.end()
        if i >= 1 or not w.group()[0].isupper():  # skip at most one capitalised adjective ("Russian")
            break
    return None, 0


def find_figures(sentence: str, unit_words: Mapping[str, str] = {}) -> list[Figure]:
    """Printed figures as value skeletons: amounts with their bound, unit or currency; ranges;
    ages ('28-year-old'); conversions printed in brackets become equivalents."""
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= x or a >= y for x, y in taken)

    for m in _RANGE.finditer(sentence):
        cur = _CURRENCY_SIGNS.get(m.group("sign1") or m.group("sign2") or m.group("sign3") or "") or _CURRENCY_WORDS.get((m.group("cur") or "").casefold())
        a, b = _dec(m.group("a") or m.group("a2")), _dec(m.group("b"))
        if a > b or all(re.fullmatch(r"(?:18|19|20|21)\d\d", x or "") for x in (m.group("a") or m.group("a2"), m.group("b"))):
            continue
        value: dict[str, Any] = {"min": _plain(a), "max": _plain(b)}
        end = m.end()
        if cur:
            value["currency"] = cur
        else:
            unit, n = _unit_after(sentence[end:], unit_words)
            if unit:
                value["unit"], end = unit, end + n
        out.append(Figure(m.start(), end, sentence[m.start():end], value))
        taken.append((m.start(), end))
    for m in _VAGUE.finditer(sentence):  # "hundreds of servicemen": more than a hundred
        value = {"amount": _VAGUE_AMOUNTS[m.group(1).casefold()], "bound": "more_than"}
        unit, n = _unit_after(re.sub(r"^\s+of\b", lambda x: " " * len(x.group()), sentence[m.end():]), unit_words)
        end = m.end() + n if unit else m.end()
        if unit:
            value["unit"] = unit
        out.append(Figure(m.start(), end, sentence[m.start():end], value))
        taken.append((m.start(), end))
    for m in _TENFOLD.finditer(sentence):
        if free(m.start(), m.end()):
            w = m.group(1)
            n = _dec(w) if w[0].isdigit() else (_word_value(w.split()[-1]) or Decimal(100))
            pre = re.search(r"(?:increased|rose|grew|fell|decreased|dropped|jumped)\s+$", sentence[: m.start()], re.I)
            a = pre.start() if pre else m.start()
            out.append(Figure(a, m.end(), sentence[a:m.end()], {"amount": _plain(n), "unit": "times"}))
            taken.append((a, m.end()))
    for m in _FIGURE.finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        num, word, scale = m.group("num"), m.group("word"), (m.group("scale") or "").casefold()
        sign, cur_word, tail = m.group("sign"), m.group("cur"), (m.group("tail") or "").casefold()
        if word and not scale and not cur_word:
            # a number word alone ('one', 'a') is a figure only before a unit noun
            amount = _word_value(word)
            if amount is None:
                continue
            unit, n = _unit_after(sentence[m.end():], unit_words)
            if not unit or word.casefold() in ("a", "an"):
                continue
        if word and _word_value(word) is None:
            continue
        amount = _dec(num) if num else _word_value(word)
        if scale:
            amount *= SCALES.get(scale, 100 if scale == "hundred" else 1)
        if num and not (sign or scale or cur_word or tail):
            # a bare number: a year, a day of a month or a unit's number is no figure
            after = sentence[m.end():m.end() + 3]
            if re.match(r"(?:st|nd|rd|th)\b", after, re.I) or (len(num) == 4 and 1800 <= int(num[:4]) <= 2100 and "," not in num):
                continue
            before = sentence[max(0, m.start() - 12):m.start()]
            if re.search(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s$", before):
                continue
        value: dict[str, Any] = {"amount": _plain(amount)}
        start, end = m.start(), m.end()
        if tail in ("-year-old", "-year"):
            value["unit"] = "year"
        elif tail in ("-month",):
            value["unit"] = "month"
        elif tail in ("-day",):
            value["unit"] = "day"
        elif tail.endswith("%") or "cent" in tail:
            value["unit"] = "percent"
        elif tail.endswith("fold"):
            value["unit"] = "times"
        currency = _CURRENCY_SIGNS.get(sign or "") or _CURRENCY_WORDS.get((cur_word or "").casefold())
        if currency:
            value["currency"] = currency
            eq = _EQUIV.match(sentence, end)
            if eq:
                value["equivalents"] = [
                    {"amount": _plain(_dec(e.group("num"))), "currency": _CURRENCY_SIGNS[e.group("sign")]}
                    for e in _EQUIV_ONE.finditer(eq.group(1))
                ]
                end = eq.end()
        elif "unit" not in value:
            unit, n = _unit_after(sentence[end:], unit_words)
            if unit:
                value["unit"] = unit
                end += n
        for pattern, bound in _BOUNDS:
            b = pattern.search(sentence[max(0, start - 25):start])
            if b:
                start = max(0, start - 25) + b.start()
                value["bound"] = bound
                break
        value = {k: value[k] for k in ("amount", "bound", "unit", "currency", "equivalents") if k in value}
        out.append(Figure(start, end, sentence[start:end].strip(), value))
        taken.append((start, end))
    out.sort(key=lambda f: f.start)
    return out

