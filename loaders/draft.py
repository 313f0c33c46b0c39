"""A first draft of a source file, read off an article's text.

A curator starts an article by looking up every name in the registry, finding every sentence
that attributes something to someone and copying its words, and turning printed figures into
values. All three are mechanical and slow by hand; this module does them and leaves the
judgement (which property, which value, whether a sentence is a claim at all) to the curator.

Everything here is a pure function of the text, its file name and the registry's entities, so
the same article and registry always give the same draft. The draft's only live YAML is the
document record, which `dkg validate` accepts as written; candidate claims are YAML comments a
curator uncomments and completes. Text from the article is data: every value is written with
PyYAML's emitter (never pasted into YAML), strings holding invisible or control characters are
written double-quoted with escapes, and each dumped value is checked to be one line, so no
article text can end a comment and start live YAML.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from ..schema.errors import UnusableInput
from ..schema.fold import fold, skeleton
from ..schema.models import MAX_ID, MAX_NAME, SLUG_RE, Document, EntityBase
from ..schema.vocab import PROPERTIES, EntityType, ValueKind

MAX_QUOTE = 300  # data/ holds short quotes, never an article's text
MAX_BYTES = 20 * 1024 * 1024  # an article is kilobytes; anything this large is not one
ENTITY_TYPES_SPOKEN = (EntityType.person, EntityType.organization, EntityType.unit)

# --------------------------------------------------------------------------- reading the text

# C0/C1 controls (bar tab and newline), line/paragraph separators and the BOM: the models refuse
# them in any text, so the draft reads them as white space and says how many it met.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


@dataclass
class Text:
    """An article as the draft reads it: line breaks unified, control characters blanked."""

    text: str
    controls: int = 0  # control characters read as spaces


def decode_text(data: bytes, name: str) -> Text:
    """Bytes of an article to text, or UnusableInput saying plainly why not."""
    if len(data) > MAX_BYTES:
        raise UnusableInput(f"{name}: {len(data) / 1e6:.1f} MB is too large for an article (at most {MAX_BYTES // 2**20} MB)")
    if b"\x00" in data:
        raise UnusableInput(f"{name}: holds NUL bytes; this is not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnusableInput(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. `iconv -f windows-1252 -t utf-8 FILE > FILE.utf8`"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, n = _CONTROLS.subn(" ", text)
    if not text.strip():
        raise UnusableInput(f"{name}: the text is empty")
    return Text(text, n)


class Lines:
    """Line numbers of offsets, by bisection (a count per lookup is quadratic on a long text)."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, pos: int) -> int:
        import bisect

        return bisect.bisect_right(self.starts, pos)


# --------------------------------------------------------------------------- names

_WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc][^\W_]+)*")


@lru_cache(maxsize=200_000)
def _keys(word: str) -> tuple[str, ...]:
    return tuple(skeleton(word).split())


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(matching key, start, end) for each word; a word whose fold is several words gives each."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) > 2 and word[-2] in "'\u2019\u02bc" and word[-1] in "sS":
            word = word[:-2]  # a possessive names the same thing: Putin's regime
        for key in _keys(word):
            out.append((key, m.start(), m.end()))
    return out


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    printed: str
    ids: tuple[str, ...]  # several when two entities share the spelling


class NameIndex:
    """Every name, alias and transliteration of the registry, keyed by skeleton words."""

    def __init__(self, entities: Mapping[str, EntityBase]):
        self.entities = dict(entities)
        names: dict[tuple[str, ...], set[str]] = {}
        for ent in self.entities.values():
            for name in ent.all_names():
                key = tuple(k for k, _, _ in _tokens(name))
                if key:
                    names.setdefault(key, set()).add(ent.id)
        self.by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for key, ids in names.items():
            self.by_first.setdefault(key[0], []).append((key, tuple(sorted(ids))))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest match first

    def mentions(self, text: str) -> list[Mention]:
        """Registry names in the text, whole words only, longest first, never overlapping."""
        toks = _tokens(text)
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            for key, ids in self.by_first.get(toks[i][0], ()):
                n = len(key)
                if tuple(t[0] for t in toks[i:i + n]) == key:
                    start, end = toks[i][1], toks[i + n - 1][2]
                    out.append(Mention(start, end, text[start:end], ids))
                    # a word that folds to several keys must not be split between matches
                    while i + n < len(toks) and toks[i + n][1] < end:
                        n += 1
                    i += n
                    break
            else:
                i += 1
        return out

    def type_of(self, entity_id: str) -> EntityType:
        return self.entities[entity_id].entity_type


# --------------------------------------------------------------------------- sentences

# Words a full stop follows without ending a sentence: titles, months, common Latin.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt cpl adm cmdr gov sen rep rev st jr sr "
    "jan feb mar apr jun jul aug sep sept oct nov dec vs etc eg ie al approx est inc ltd co corp dept univ".split()
)
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    line: int  # 1-based line of its start
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of each paragraph (a line of text); a full stop after an abbreviation or an
    initial does not end one, and neither does one followed by a lower-case word."""
    out: list[Sentence] = []
    pos, line_no = 0, 1
    for para, line in enumerate(text.split("\n")):
        start = 0
        for m in _END.finditer(line):
            before = re.search(r"([^\W\d_]+)\.$", line[: m.start() + 1])
            word = before.group(1) if before and m.group().startswith(".") and len(m.group()) == 1 else None
            nxt = line[m.end():].lstrip()
            if word and (word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
                continue
            if word and word.casefold() in ("no", "nos", "vol", "fig", "p", "pp") and nxt[:1].isdigit():
                continue  # "No. 5"
            if nxt and nxt[0].islower():
                continue
            _add(out, line, start, m.end(), pos, line_no, para)
            start = m.end()
        _add(out, line, start, len(line), pos, line_no, para)
        pos += len(line) + 1
        line_no += 1
    return out


def _add(out, line, a, b, pos, line_no, para) -> None:
    chunk = line[a:b]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if chunk:
        out.append(Sentence(pos + a + lead, pos + a + lead + len(chunk), chunk, line_no, para))


# Attribution: who says so. Common forms of the verbs of saying, reporting and believing, and
# "according to"; lower-case only, so "United States" or a headline's "Says" is no verb.
_ATTRIBUTION = re.compile(
    r"\b(?:[Aa]ccording to|"
    r"sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|"
    r"report(?:s|ed|ing)?|claim(?:s|ed|ing)?|confirm(?:s|ed|ing)?|den(?:y|ies|ied|ying)|"
    r"state(?:s|d)|announce(?:s|d)|add(?:s|ed)|note(?:s|d)|explain(?:s|ed)|insist(?:s|ed)|"
    r"admit(?:s|ted)|acknowledge(?:s|d)|warn(?:s|ed)|argue(?:s|d)|wr(?:ote|ites)|"
    r"believe(?:s|d)?|think(?:s)?|describe(?:s|d)|estimate(?:s|d)|allege(?:s|d)|reveal(?:s|ed)|"
    r"assume(?:s|d)|suggest(?:s|ed)|accuse(?:s|d)|quoted|in a statement|"
    r"propose(?:s|d)|urge(?:s|d)|call(?:s|ed)? (?:for|on)|ask(?:s|ed)|demand(?:s|ed)|"
    r"reportedly|allegedly|purportedly)\b"
)
_OPEN_QUOTE = re.compile(r"[\u201c\"\u00ab]")


def attribution(sentence: str) -> re.Match | None:
    return _ATTRIBUTION.search(sentence)


def _clause(sentence: str, at: int) -> str:
    """At most MAX_QUOTE characters of a long sentence around position `at`, cut at clause ends."""
    if len(sentence) <= MAX_QUOTE:
        return sentence
    cuts = [0] + [m.end() for m in re.finditer(r"[,;:\u2013\u2014]\s+", sentence)] + [len(sentence)]
    best = (0, min(len(sentence), MAX_QUOTE))
    for i, a in enumerate(cuts):
        if a > at:
            break
        for b in cuts[i + 1:]:
            if b - a > MAX_QUOTE:
                break
            if b > at and b - a > best[1] - best[0]:
                best = (a, b)
    if best[1] <= at or best[0] > at:  # no clause fits around it: a window of words
        a = max(0, at - MAX_QUOTE // 2)
        best = (a, min(len(sentence), a + MAX_QUOTE))
    return sentence[best[0]:best[1]].strip(" ,;:\u2013\u2014")


# --------------------------------------------------------------------------- figures

_CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "₽": "RUB", "₴": "UAH", "¥": "JPY"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "euro": "EUR", "euros": "EUR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH",
    "hryvnias": "UAH", "usd": "USD", "gbp": "GBP", "eur": "EUR", "rub": "RUB", "uah": "UAH",
}
_SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9, "m": 10**6, "bn": 10**9, "k": 1000, "mn": 10**6}
_NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "hundred": 100, "dozen": 12, "a": 1, "half": Decimal("0.5")}
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
        return Decimal("0.5")
    if w in ("a", "an", "one"):
        return Decimal(1)
    if w == "a few":
        return None
    v = _NUMBER_WORDS.get(w)
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
            amount *= _SCALES.get(scale, 100 if scale == "hundred" else 1)
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


# --------------------------------------------------------------------------- the document record

_MONTHS = {m.casefold(): i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
_MONTHS |= {m[:3].casefold(): i for m, i in list(_MONTHS.items())} | {"sept": 9}
_MONTH_RE = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DATES = [
    re.compile(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH_RE}\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH_RE}\s+(?P<year>(?:19|20)\d\d)\b"),
]
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?P<year>(?:19|20)\d\d)\b[^\n]{0,80}", re.I)
_DATELINE_HINT = re.compile(r"^\s*(?:published|updated|posted|first published|last updated|date)\b|\(\w[\w .&-]*\)\s*[-\u2013\u2014]", re.I)
_BYLINE = re.compile(r"^\s*(?:by|written by|words by)\s+(?P<names>[^\n]{2,160})$", re.I | re.M)


def _date_in(line: str) -> tuple[str, str] | None:
    """(YYYY[-MM[-DD]], as printed) for the first real date in a line."""
    import datetime as dt

    for pattern in _DATES:
        for m in pattern.finditer(line):
            month = m.group("month").casefold().rstrip(".")
            month = int(month) if month.isdigit() else _MONTHS.get(month) or _MONTHS.get(month[:3])
            day = m.groupdict().get("day")
            try:
                dt.date(int(m.group("year")), month, int(day) if day else 1)
            except (TypeError, ValueError):
                continue
            return f"{m.group('year')}-{month:02d}" + (f"-{int(day):02d}" if day else ""), m.group().strip()
    return None


def published(text: str) -> tuple[str, str, str] | None:
    """(date, as printed, evidence) from a dateline near the top or a copyright line."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:8]):
        if i == 0:
            continue  # the title
        if len(line) <= 120 or _DATELINE_HINT.search(line):
            found = _date_in(line[:200])
            if found:
                return found[0], found[1], f"the dateline on line {i + 1}"
    for m in _COPYRIGHT.finditer(text):
        year = m.group("year")
        line = Lines(text)(m.start())
        printed = m.group().strip().rstrip(",.;")
        return int(year), printed[:MAX_NAME], f"the copyright line on line {line} (a year only)"
    return None


def slug_id(stem: str) -> str | None:
    """A document id from a file name stem: ASCII, lower case, single '-' or '_' between words."""
    from anyascii import anyascii

    s = re.sub(r"['\u2019\u02bc\u02b9`]", "", anyascii(unicodedata.normalize("NFKC", stem))).casefold()
    s = re.sub(r"[^a-z0-9_]+", "-", s)
    s = re.sub(r"[-_]*([-_])[-_]*", r"\1", s).strip("-_")
    s = s[:MAX_ID].strip("-_")
    return s if s and SLUG_RE.match(s) else None


def _clean_title(line: str) -> tuple[str, bool]:
    """The first line as a document name: invisible characters out, at most MAX_NAME characters."""
    cleaned = "".join(ch if ch.isprintable() else " " if ch.isspace() else "" for ch in line)
    cleaned = " ".join(cleaned.split())
    changed = cleaned != " ".join(line.split())
    if len(cleaned) > MAX_NAME:
        cleaned = cleaned[:MAX_NAME - 1].rsplit(" ", 1)[0] + "…"
        changed = True
    return cleaned, changed


# --------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    """A commented candidate claim: one sentence with an attribution, direct speech or a figure."""

    line: int
    why: str  # what made it a candidate
    quote: str
    speaker: str | None = None
    speaker_note: str | None = None
    subject: str | None = None
    others: list[str] = field(default_factory=list)  # other registry entities in the sentence
    figures: list[Figure] = field(default_factory=list)


@dataclass
class NewName:
    name: str
    section: str  # registry section it probably belongs in
    line: int
    count: int = 1


@dataclass
class Draft:
    document: dict[str, Any]
    notes: dict[str, str]  # document field -> a comment for it
    mentions: dict[str, list[str]]  # entity id -> printed forms, in order of first mention
    mention_lines: dict[str, int]
    counts: Counter
    candidates: list[Candidate]
    new_names: list[NewName]
    index: NameIndex
    controls: int = 0
    title_changed: bool = False


_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|they|it|we)\s+(?:also\s+|then\s+|later\s+)?$", re.I)
_SUBJECT_ORDER = (EntityType.person, EntityType.unit, EntityType.organization, EntityType.event,
                  EntityType.equipment_item, EntityType.equipment_type, EntityType.place, EntityType.document)


def _speaker(sentence: "Unit | Sentence", verb: re.Match, ms: list[Mention], index: NameIndex) -> tuple[str | None, bool]:
    """The registry agent a sentence attributes to: after 'according to', else the agent
    nearest the verb (before it, or right after it: 'said Yusov'). (id, was it a pronoun)."""
    agents = [m for m in ms if index.type_of(m.ids[0]) in ENTITY_TYPES_SPOKEN]
    pos = verb.start()
    if verb.group().casefold() == "according to":
        # the head of the phrase after it is its last name: "according to Kyiv's spokesman Andriy Yusov,"
        stop = re.compile(r"[,;:.]").search(sentence.text, verb.end())
        stop = stop.start() if stop else len(sentence.text)
        after = [m for m in agents if verb.end() <= m.start - sentence.start < stop]
        if after:
            return after[-1].ids[0], False
    # the nearest agent before the verb, unless a clause mark parts them ("Ivan, who ... Putin ..., said")
    before = [m for m in agents if m.end - sentence.start <= pos]
    if _PRONOUN_BEFORE.search(sentence.text[:pos]) and not (before and pos - (before[-1].end - sentence.start) < 4):
        return None, True
    if before and not re.search(r"[,;:\u2013\u2014]", sentence.text[before[-1].end - sentence.start:pos]):
        return before[-1].ids[0], False
    if before and before[0].start - sentence.start <= 4 and re.search(r",\s*$", sentence.text[:pos]):
        return before[0].ids[0], False  # the sentence's subject with an apposition: "Yusov, a spokesman, said"
    after = [m for m in agents if m.start - sentence.start >= verb.end()]
    if after and after[0].start - sentence.start - verb.end() < 8:
        return after[0].ids[0], False
    return None, False


def _subject(ms: list[Mention], speaker: str | None, index: NameIndex) -> tuple[str | None, list[str]]:
    ids: list[str] = []
    for m in ms:
        for i in m.ids:
            if i not in ids:
                ids.append(i)
    pool = [i for i in ids if i != speaker] or ids
    pool.sort(key=lambda i: _SUBJECT_ORDER.index(index.type_of(i)))
    return (pool[0] if pool else None), [i for i in ids if i != (pool[0] if pool else None)]


def properties_for(entity_type: EntityType | None, figures: bool) -> list[str]:
    """Properties a subject of this type can take; figure properties first when a figure is printed."""
    names = [p.name for p in PROPERTIES.values() if entity_type is None or p.subjects is None or entity_type in p.subjects]
    if figures:
        names.sort(key=lambda n: ValueKind.quantity not in PROPERTIES[n].values)
    return names


_CAPWORD = r"(?:[A-Z][a-z]{0,2}\.|[A-Z][\w'\u2019.-]*[\w]|[A-Z])"  # "Mr." and "Gen." keep their stop
_NAME_RUN = re.compile(rf"{_CAPWORD}(?:[ \t]+(?:(?:of|the|for|de|al|von|van|bin|and)[ \t]+)?{_CAPWORD})+")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_STOP_CAP = frozenset(
    "the a an in on at by for and but or if as it he she they we i this that these those his her their our "
    "mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
_ORG_WORDS = frozenset("ministry directorate agency council committee party service government parliament "
                       "office bureau department commission project foundation institute news times post "
                       "independent union guard company".split())
_UNIT_WORDS = frozenset("army brigade regiment division district corps battalion squadron forces fleet "
                        "force command group".split())
_PLACE_WORDS = frozenset("region oblast city republic province district island river".split())


def _guess_section(words: list[str]) -> str:
    last = words[-1].casefold()
    if any(w.casefold() in _UNIT_WORDS for w in words):
        return "units"
    if last in _ORG_WORDS or any(w.casefold() in _ORG_WORDS for w in words):
        return "organizations"
    if last in _PLACE_WORDS:
        return "places"
    return "persons"


def new_names(text: str, mentions: list[Mention], first_line_end: int, line_of: "Lines | None" = None) -> list[NewName]:
    """Capitalised multi-word names and acronyms the registry does not know, with a section guess."""
    import bisect

    starts = [m.start for m in mentions]  # mentions are sorted and never overlap
    line_of = line_of or Lines(text)
    found: dict[str, NewName] = {}

    def known(a: int, b: int) -> bool:  # wholly a registry name
        i = bisect.bisect_right(starts, a) - 1
        return 0 <= i < len(mentions) and mentions[i].start <= a and b <= mentions[i].end

    for m in list(_NAME_RUN.finditer(text, first_line_end)) + list(_ACRONYM.finditer(text, first_line_end)):
        words = m.group().split()
        # an adjective before a lower-case noun is no part of a name ("Latvia-based Russian newspaper")
        nxt = text[m.end():m.end() + 2]
        while words and re.search(r"(?:ian|ean|ese|ish|ic|an)$", words[-1]) and re.match(r" [a-z]", nxt):
            words, nxt = words[:-1], " x"
        while words and words[-1].casefold() in _STOP_CAP | {"of", "for", "de", "al", "von", "van", "bin"}:
            words = words[:-1]
        titled = False
        while words and (words[0].casefold().rstrip(".") in _STOP_CAP or re.search(r"['\u2019]s$", words[0])):
            titled = titled or words[0].casefold().rstrip(".") in ("mr", "mrs", "ms", "dr")
            words = words[1:]
        a = m.start() + m.group().find(words[0]) if words else m.end()
        if not words or known(a, m.end()):
            continue
        if all(w.casefold().rstrip(".") in _STOP_CAP for w in words):
            continue
        if len(words) == 1 and not (_ACRONYM.fullmatch(words[0]) or titled):
            continue
        name = " ".join(words)
        key = skeleton(name)
        if key in found:
            found[key].count += 1
            continue
        section = "persons" if titled else "organizations" if len(words) == 1 else _guess_section(words)
        found[key] = NewName(name, section, line_of(a))
    return sorted(found.values(), key=lambda n: n.line)


@dataclass(frozen=True)
class Unit:
    """What a candidate claim quotes: a sentence, or a quotation of several sentences."""

    start: int
    end: int
    text: str
    line: int
    paragraph: int
    speech: bool  # direct speech, or holds some


_MARKS = {"\u201c": "\u201d", "\u00ab": "\u00bb", '"': '"'}


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans (inner text) of direct quotations of six words or more, one paragraph at most; a
    quotation left open runs to the end of its paragraph, as news style prints long ones."""
    out = []
    pos = 0
    for line in text.split("\n"):
        i = 0
        while i < len(line):
            close = _MARKS.get(line[i])
            if close is None:
                i += 1
                continue
            j = line.find(close, i + 1)
            end = j if j >= 0 else len(line)
            if len(re.findall(r"\w+", line[i + 1:end])) >= 6:
                out.append((pos + i + 1, pos + end))
            i = end + 1
        pos += len(line) + 1
    return out


def _units(text: str, sentences: list[Sentence], first_end: int) -> list[Unit]:
    """Sentences after the title, with the sentences of one quotation of at most MAX_QUOTE
    characters joined into one unit, so a quote that runs over a full stop is proposed whole."""
    spans = quotations(text)
    out: list[Unit] = []
    k = 0
    i = 0
    body = [s for s in sentences if s.start >= first_end]
    while i < len(body):
        s = body[i]
        while k < len(spans) and spans[k][1] <= s.start:
            k += 1
        span = spans[k] if k < len(spans) and spans[k][0] < s.end else None
        if span and span[1] - span[0] <= MAX_QUOTE:
            inside = []
            for x in range(i, len(body)):
                t = body[x]
                if not (t.start >= span[0] - 1 and t.end <= span[1] + 2 and t.paragraph == s.paragraph):
                    break
                inside.append(t)
            if len(inside) >= 2 and inside[0] is s:
                a, b = span
                while b > a and text[b - 1] in " ":
                    b -= 1
                out.append(Unit(a, b, text[a:b], s.line, s.paragraph, True))
                i += len(inside)
                continue
        out.append(Unit(s.start, s.end, s.text, s.line, s.paragraph, span is not None))
        i += 1
    return out


def make_draft(source: Text | str, file_name: str, entities: Mapping[str, EntityBase], doc_id: str | None = None) -> Draft:
    """Everything the draft proposes for one article, before it is written out."""
    t = source if isinstance(source, Text) else Text(source)
    text = t.text
    # a document already recorded from this very text is not a name the text prints
    entities = {i: e for i, e in entities.items() if not (isinstance(e, Document) and e.file == file_name)}
    index = NameIndex(entities)
    mentions = index.mentions(text)
    line_of = Lines(text)

    # ---- the document record
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    first_end = text.find(first) + len(first)
    title, title_changed = _clean_title(first)
    ident = doc_id or slug_id(Path(file_name).stem)
    if ident is None:
        raise UnusableInput(f"cannot make a document id from the file name {file_name!r}: give one with --id")
    doc: dict[str, Any] = {"id": ident}
    notes: dict[str, str] = {}
    if re.fullmatch(r"[A-Za-z0-9._-]+", file_name) and len(file_name) <= 200:
        doc["file"] = file_name
    else:
        notes["id"] = "the text's file name has characters `file:` refuses; rename it to letters, digits, . _ - and add `file:`"
    doc["name"] = title or ident
    if title_changed:
        notes["name"] = "the first line, without invisible characters and shortened to 200 characters: check it"
    elif not title:
        notes["name"] = "the text has no title line: write the document's title"
    doc["kind"] = "news_report"
    notes["kind"] = "news_report opinion interview official_statement social_media_post video law research other"

    outlets = {i for i, e in entities.items() if e.entity_type is EntityType.organization
               and getattr(e, "kind", None) in ("news_outlet", "news_agency")}
    outlet, outlet_note = None, "no registry outlet is named near the top or in a byline: unknown"
    top = text[: min(len(text), 600)]
    lines = text.split("\n")
    # bylines are printed at the head or the foot of an article; a few suffice
    head, foot = text[:5000], max(5000, len(text) - 3000)
    bylines = list(_BYLINE.finditer(head))[:3] + list(_BYLINE.finditer(text, foot))[:3]
    for m in mentions:
        hit = [i for i in m.ids if i in outlets]
        if not hit:
            continue
        line_no = line_of(m.start)
        line = lines[line_no - 1]
        in_byline = any(b.start() <= m.start < b.end() for b in bylines)
        in_copyright = bool(_COPYRIGHT.search(line))
        near_top = m.start < len(top) and line_no > 1 and (
            len(line.split()) <= 8 or re.search(r"\(\s*" + re.escape(m.printed) + r"\s*\)", line) is not None)
        if in_byline or in_copyright or near_top:
            outlet = hit[0]
            outlet_note = f"named on line {line_no}" + (" (byline)" if in_byline else " (copyright line)" if in_copyright else "")
            break
    if outlet is None:
        selfref = re.search(r"\b(\w[\w ]{0,40}?) (?:has|have) (?:contacted|reached out|been unable to verify|not been able to verify|could not (?:independently )?verify)", text)
        if selfref:
            ids = [i for m in mentions if selfref.start(1) <= m.start < selfref.end(1) for i in m.ids if i in outlets]
            if ids:
                outlet_note = f"the text says {fold(selfref.group(1))!r} contacted or could not verify: its outlet may be {ids[0]}"
    doc["outlet"] = outlet
    notes["outlet"] = outlet_note

    persons = {i for i, e in entities.items() if e.entity_type is EntityType.person}
    authors: list[str] = []
    import bisect

    starts = [m.start for m in mentions]
    for b in bylines:
        for m in mentions[bisect.bisect_left(starts, b.start("names")):bisect.bisect_left(starts, b.end())]:
            if m.ids[0] in persons and m.ids[0] not in authors:
                authors.append(m.ids[0])
    doc["authors"] = authors
    if bylines and not authors:
        notes["authors"] = f"byline on line {line_of(bylines[0].start())} names no registry person"
    pub = published(text)
    if pub:
        doc["published"], doc["published_printed"], doc["published_evidence"] = pub
    else:
        doc["published"] = None
        notes["published"] = "no date printed in a dateline or copyright line"
    common = len(re.findall(r"\b(?:the|and|of|to|in|is|was|that)\b", text[:20000], re.I))
    if common >= max(3, len(_WORD.findall(text[:20000])) // 20):
        doc["language"] = "en"
    doc["rereports"] = None
    doc["derived_from"] = []
    notes["derived_from"] = "documents it draws on: see the documents named below"

    # ---- registry entities, in order of first mention
    names: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    counts: Counter = Counter()
    for m in mentions:
        for i in m.ids:
            counts[i] += 1
            forms = names.setdefault(i, [])
            printed = " ".join(m.printed.split())
            if printed not in forms:
                forms.append(printed)
            if i not in first_line:
                first_line[i] = line_of(m.start)

    # ---- candidate claims
    unit_words = {}
    for e in entities.values():
        if e.entity_type is EntityType.equipment_type:
            for n in e.all_names():
                if " " not in n:
                    unit_words[n.casefold()] = e.id if SLUG_RE.match(e.id) else n.casefold()
    units = _units(text, split_sentences(text), first_end)
    cands: list[Candidate] = []
    last_speaker: tuple[str, int] | None = None  # (id, paragraph)
    pending: list[Candidate] = []  # direct speech still waiting for its "he said" in the paragraph
    j = 0
    for u in units:
        while j < len(mentions) and mentions[j].start < u.start:
            j += 1
        ms = []
        k = j
        while k < len(mentions) and mentions[k].start < u.end:
            ms.append(mentions[k])
            k += 1
        verb = attribution(u.text)
        figures = find_figures(u.text, unit_words)
        if not (verb or u.speech or figures):
            continue
        speaker, pronoun, note = None, False, None
        if verb:
            speaker, pronoun = _speaker(u, verb, ms, index)
            why = f"attribution {verb.group()!r}"
        elif u.speech:
            why, pronoun = "direct speech", True
        else:
            why = "figure"
        if pending and (pending[0].line != u.line or (verb and speaker)):
            for c in pending:  # speech closed by an attribution in the same paragraph: "..., he said."
                if c.speaker is None and verb and speaker and c.line == u.line:
                    c.speaker = speaker
            pending = []
        if speaker is None and pronoun and last_speaker and u.paragraph - last_speaker[1] <= 2:
            speaker = last_speaker[0]
            note = "speaker taken from an earlier sentence: check it"
        if verb and not pronoun:
            last_speaker = (speaker, u.paragraph) if speaker else None  # a speaker the registry lacks ends the run
        at = verb.start() if verb else 0 if u.speech else figures[0].start
        quote = " ".join(_clause(u.text, at).split())
        subject, others = _subject(ms, speaker, index)
        qfig = [f for f in figures if " ".join(f.printed.split()) in quote]
        cand = Candidate(u.line, why, quote, speaker, note, subject, others, qfig)
        cands.append(cand)
        if u.speech and not verb:
            pending.append(cand)
    return Draft(doc, notes, names, first_line, counts, cands, new_names(text, mentions, first_end, line_of), index,
                 t.controls, title_changed)


# --------------------------------------------------------------------------- writing YAML


def _unsafe(ch: str) -> bool:
    """Control, format (bidi), separator, private or unassigned: str.isprintable() says no to all."""
    return not ch.isprintable()


def _has_unsafe(value: Any) -> bool:
    if isinstance(value, str):
        return not value.isprintable()
    if isinstance(value, dict):
        return any(_has_unsafe(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_unsafe(v) for v in value)
    return False


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter when present: same output, faster
    """Strings with invisible or control characters go double-quoted (escaped when ASCII only)."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = '"' if not value.isprintable() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_field(key: str, value: Any) -> str:
    """`key: value` on one line, the value as PyYAML writes it (flow style; escaped ASCII when it
    holds invisible or control characters). Keys are our own identifiers, never article text."""
    assert re.fullmatch(r"[a-z_]+", key), key
    text = yaml.dump(value, Dumper=_Dumper, default_flow_style=True, allow_unicode=not _has_unsafe(value),
                     width=10**6, sort_keys=False)
    if text.endswith("\n...\n"):
        text = text[:-5]
    text = text.rstrip("\n")
    if not text.isprintable():  # a line break or an invisible character got through
        raise AssertionError(f"a draft field did not fit one line: {key}")  # the emitter broke our rule
    return f"{key}: {text}"


def _comment(line: str, prefix: str = "# ") -> str:
    return prefix + line


def render(draft: Draft, source_name: str) -> str:
    """The draft file: the live document record, then commented entities, candidates and names."""
    d = draft
    out: list[str] = [
        f"# Draft written by `dkg new-source` from the text {dump_field('file', source_name)[6:]}.",
        "# Only `document:` is live. Below it, commented out: the registry entities the text names,",
        "# candidate claims (one per sentence that attributes, quotes or prints a figure) and names",
        "# the registry lacks. Uncomment `claims:` and the candidates you keep (remove the leading '# '),",
        "# choose each one's property and value, check subject and speaker, delete the rest, then run",
        "# `dkg validate --texts DIR`. Quotes are verbatim with white space collapsed.",
    ]
    if d.controls:
        out.append(f"# The text held {d.controls} control character(s); they were read as spaces.")
    out.append("document:")
    for key, value in d.document.items():
        line = "  " + dump_field(key, value)
        if key in d.notes:
            line += "  # " + d.notes[key]
        out.append(line)
    index = d.index

    out += ["", "# ---------------------------------------------------------------- registry entities named",
            "# id  (type): as printed, times named"]
    if not d.mentions:
        out.append("#   (none: the registry knows no name in this text)")
    for ent_id in sorted(d.mentions, key=lambda i: (d.mention_lines[i], i)):
        forms = ", ".join(dump_field("x", f)[3:] for f in d.mentions[ent_id][:4])
        out.append(f"#   {ent_id}  ({index.type_of(ent_id).value}): {forms}, x{d.counts[ent_id]}")

    out += ["", "# ---------------------------------------------------------------- candidate claims",
            "# claims:"]
    for n, c in enumerate(d.candidates, 1):
        etype = index.type_of(c.subject) if c.subject else None
        props = properties_for(etype, bool(c.figures))
        out.append(f"#   # [{n}] line {c.line}: {c.why}")
        subj = "  - " + dump_field("subject", c.subject)
        subj += "  # " + (f"guessed; also named: {', '.join(c.others[:6])}" if c.others else "guessed" if c.subject else "no registry entity in the sentence")
        out.append(_comment(subj))
        out.append(_comment("    property: ~  # " + (f"a {etype.value} takes" if etype else "one of") + ": " + ", ".join(props[:14])
                            + (", ..." if len(props) > 14 else "")))
        if c.figures:
            f = c.figures[0]
            out.append(_comment("    " + dump_field("value", f.value)))
            out.append(_comment("    " + dump_field("printed", " ".join(f.printed.split()))))
            for g in c.figures[1:4]:
                out.append(_comment("    # or " + dump_field("value", g.value) + "  " + dump_field("printed", " ".join(g.printed.split()))))
        else:
            out.append(_comment("    value: ~  # {entity: id}, {text: ...}, {date: YYYY-MM-DD} or a figure"))
        if c.speaker:
            line = "    " + dump_field("speaker", c.speaker)
            if c.speaker_note:
                line += "  # " + c.speaker_note
            out.append(_comment(line))
        out.append(_comment("    " + dump_field("quote", c.quote)))

    out += ["", "# ---------------------------------------------------------------- names not in the registry",
            "# Candidate registry entries (section guessed; look each up with `dkg find` first):"]
    if not d.new_names:
        out.append("#   (none)")
    for nn in d.new_names:
        sid = slug_id(nn.name) or "choose-an-id"
        entry = {"id": sid.replace("_", "-"), "name": nn.name}
        out.append(f"#   {nn.section}: " + dump_field("x", entry)[3:] + f"  # line {nn.line}, x{nn.count}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- the registry


def known_entities(data_dir: Path) -> tuple[dict[str, EntityBase], int]:
    """The registry's entities (source documents included) to match names against, and how
    many problems the data has. A clean corpus is read through the loader; one with problems
    is read entry by entry, keeping every entry that validates, so a half-finished draft
    elsewhere in data/ does not stop the next one."""
    from ..schema.errors import DataProblems
    from ..schema.models import ENTITY_MODELS
    from .corpus import load_corpus
    from .yamlsrc import read_yaml

    try:
        return dict(load_corpus(data_dir).entities), 0
    except DataProblems as exc:
        problems = len(exc.problems)
    out: dict[str, EntityBase] = {}
    for path in sorted((data_dir / "registry").glob("*.y*ml")):
        located, _ = read_yaml(path)
        data = located.data if located and isinstance(located.data, dict) else {}
        for section, items in data.items():
            model = ENTITY_MODELS.get(section)
            for raw in items if model and isinstance(items, list) else []:
                try:
                    ent = model.model_validate(raw)
                except Exception:  # noqa: BLE001 - a bad entry is skipped, validate reports it
                    continue
                out.setdefault(ent.id, ent)
    for path in sorted((data_dir / "sources").glob("*.y*ml")):
        located, _ = read_yaml(path)
        raw = located.data.get("document") if located and isinstance(located.data, dict) else None
        try:
            ent = Document.model_validate(raw)
        except Exception:  # noqa: BLE001
            continue
        out.setdefault(ent.id, ent)
    return out, problems


def normalise_quote(text: str) -> str:
    """For comparing quotes: NFC, typographic quotes as straight ones, white space collapsed."""
    text = unicodedata.normalize("NFC", text)
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    return " ".join(text.split())


def recall(curated: Iterable[str], proposed: Iterable[str]) -> tuple[int, int, list[str]]:
    """(found, total, missed): a curated quote is found when it lies within a proposed quote."""
    props = [normalise_quote(p) for p in proposed]
    found, total, missed = 0, 0, []
    for q in curated:
        total += 1
        n = normalise_quote(q)
        if any(n in p for p in props):
            found += 1
        else:
            missed.append(q)
    return found, total, missed


def iter_quotes(raw: Any) -> Iterable[str]:
    """Every `quote:` of a parsed source file (claims and stances)."""
    if isinstance(raw, dict):
        for section in ("claims", "stances"):
            for entry in raw.get(section) or []:
                if isinstance(entry, dict) and isinstance(entry.get("quote"), str):
                    yield entry["quote"]
