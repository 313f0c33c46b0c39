"""Printed figures as value skeletons: an amount with its bound and its unit or currency, a
range, an age, and the conversions a text prints beside an amount.

Digits, thousands separators (comma, space, dot), scales ("тис", "тыс.", "k", "млн",
"miljoonaa": schema/numbers.py), currency signs and inflected currency words ("доларів",
"dollarin", "гривень") are read here by hand; number words of Russian and Ukrainian
("пяти", "двоє") by number-parser. Measured on 19 printed figures from real sentences in six
languages (tests/test_draft.py and tests/test_new_source.py):

| reader                         | amount right | currency right |
|--------------------------------|--------------|----------------|
| before (English only)          | 9/19         | 6/12           |
| price-parser 0.5.1             | 9/19         | 4/12           |
| number-parser 0.3.2, phrases   | 0/19         | -              |
| this module (kept)             | 19/19        | 12/12          |

price-parser reads "10 тис доларів" as 10 in an unknown currency, "10 тыс." as 10, "2,5 млн"
as 2.5, and knows no currency words; number-parser reads whole number phrases only. On single
number words of ru/uk (пяти, двоє, двух, трёх, семь, дванадцять, десять тысяч, двое)
number-parser gives 7/8 (not the collective "двое"), where the English word table gives 0/8:
it is used for those. Dates are read by dates.py: dateparser disagreed with schema/dates.py on
5 of its 12 cases (issue 27), and a draft needs only day-and-month dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Mapping

from ...schema.numbers import FRACTIONS, NUMBER_WORDS, SCALE_PATTERNS
from .dates import MONTH_WORD


_CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "₽": "RUB", "₴": "UAH", "¥": "JPY"}
# Currency words in the languages the war is reported in, each a pattern over the inflected
# forms: "dollars", "доларів", "долларов", "dollarin" (Finnish genitive), "гривень", "лева".
_CURRENCY_PATTERNS = (
    (r"(?:US\s)?dollars?|dollari\w*|dolar\w*|доллар\w*|долар\w*|долл\.|дол\.|USD", "USD"),
    (r"pounds?(?:\ssterling)?|фунт\w*|GBP", "GBP"),
    (r"euros?|euroa?|евро|євро|EUR", "EUR"),
    (r"roubles?|rubles?|рубл\w*|руб\.|rupla\w*|RUB", "RUB"),
    (r"hryvni\w*|гривн\w*|гривень|грн\.?|UAH", "UAH"),
    (r"лева|лев|лв\.?|BGN", "BGN"),
)
_CUR_WORD = "|".join(p for p, _ in _CURRENCY_PATTERNS)


def _currency_of_word(word: str) -> str | None:
    for pattern, code in _CURRENCY_PATTERNS:
        if re.fullmatch(pattern, word, re.I):
            return code
    return None


_PEOPLE = frozenset(
    "man men woman women people person persons soldier soldiers troop troops serviceman servicemen "
    "servicewomen personnel officer officers civilian civilians deserter deserters recruit recruits "
    "pilot pilots crew crewmen airman airmen sailor sailors fighter fighters conscript conscripts "
    "prisoner prisoners refugee refugees resident residents citizen citizens individual individuals "
    "name names casualties victims".split()
)
# Court cases, as courts count deserters: "10,025 criminal cases", "951 справа", "3049 дела", "дел"
_CASE = re.compile(r"cases?|дел[оау]?|справ[аиу]?|spraw\w*|sprawy", re.I)
# People counted in other languages, as word starts (the endings inflect): военнослужащих,
# військовослужбовців, солдат, человек, осіб, sotilasta, Soldaten, żołnierzy, войници.
_PEOPLE_STEMS = ("военнослужащ", "військовослужбов", "военн", "військов", "солдат", "человек", "людей", "люди",
                 "осіб", "особ", "член", "дезертир", "пилот", "пілот", "лётчик", "летчик", "льотчик", "войници", "военни", "россиян", "росіян", "rosjan", "граждан", "громадян",
                 "sotila", "henke", "ihmis", "soldat", "mensch", "żołnierz", "osób", "pilot")
_TIME_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
               "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour"}
_TIME_STEMS = (("лет", "year"), ("год", "year"), ("рок", "year"), ("рік", "year"), ("vuo", "year"), ("jahr", "year"),
               ("месяц", "month"), ("місяц", "month"), ("дн", "day"), ("день", "day"), ("дня", "day"))
_BOUNDS = [
    (re.compile(r"(?:more than|over|in excess of|upwards of|above|более|больше|свыше|понад|більше|більш ніж|"
                r"над|yli|über|mehr als|ponad|peste)\s+$", re.I), "more_than"),
    (re.compile(r"(?:at least|no fewer than|no less than|a minimum of|не менее|не меньше|по меньшей мере|"
                r"щонайменше|не менше|принаймні|най-малко|vähintään|mindestens|co najmniej)\s+$", re.I), "at_least"),
    (re.compile(r"(?:less than|fewer than|under|below|менее|меньше|менше|під|alle|unter|weniger als)\s+$", re.I), "less_than"),
    # "almost 7,400" is just under it: at most, as the held-out curators write it
    (re.compile(r"(?:up to|at most|as many as|as much as|could reach|no more than|a maximum of|nearly|almost|до|не более|"
                r"не больше|не більше|почти|майже|jopa|lähes|bis zu|fast|prawie|do|почти)\s+$", re.I), "at_most"),
    (re.compile(r"(?:around|about|some|roughly|approximately|an estimated|estimated|close to|circa|c\.|"
                r"около|примерно|порядка|приблизно|близько|около|noin|etwa|rund|"
                r"około|aproximativ)\s+$", re.I), "approximate"),
]

# Digits: 500,000 | 500 000 (a space, no-break or thin space between thousands) | 2.5 | 2,5
# (a decimal comma: one or two digits after it) | 28
_NUM = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.]\d)|"
        r"\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d|\s?(?:million|billion|bn|m)\b)|\d+,\d{1,2}(?![\d])|\d+(?:\.\d+)?")
_WORDNUM = r"(?:half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a few)"
_SIGN = r"US\$|\$|£|€|₽|₴"
# every case of the Cyrillic scale words ("помог 3 тысячам военных", "тисячами"), beside the
# forms schema/numbers.py reads in a figure's own field
_SCALES = ((r"тысяч\w*|тисяч\w*|хиляд\w*", 10**3), (r"миллион\w*|мільйон\w*|милион\w*", 10**6),
           (r"миллиард\w*|мільярд\w*", 10**9), *SCALE_PATTERNS)
_SCALE = "|".join(p for p, _ in _SCALES) + "|hundred"
_NOT_LETTER = r"(?![^\W\d_])"
_AMOUNT = rf"(?:(?P<sign>{_SIGN})\s?)?(?:(?P<num>{_NUM})|(?P<word>{_WORDNUM}))(?:[\s-]?(?P<scale>{_SCALE}){_NOT_LETTER})?"
_AGE_TAIL = r"-year-old|-year|-летн\w*|-річн\w*|-letni\w*|-vuotia\w*|-jährig\w*"
_FIGURE = re.compile(
    rf"(?<![\w.,$£€₽₴-]){_AMOUNT}"
    rf"(?P<tail>(?:{_AGE_TAIL}|-month|-day|\s?%|\s?per\s?cent|-fold|fold)?)"
    rf"(?:\s(?P<cur>{_CUR_WORD}){_NOT_LETTER}|\s?(?P<sign2>{_SIGN}))?",
    re.I,
)
_RANGE = re.compile(
    rf"(?:between\s+(?P<sign1>{_SIGN})?\s?(?P<a>{_NUM})\s+and|(?<![\w.,-])(?P<sign3>{_SIGN})?(?P<a2>{_NUM})\s?(?:to|-|\u2013)(?=\s?(?:{_SIGN})?\d))"
    rf"\s*(?P<sign2>{_SIGN})?\s?(?P<b>{_NUM})(?:\s(?P<cur>{_CUR_WORD}){_NOT_LETTER})?", re.I)
_VAGUE = re.compile(r"\b(dozens|hundreds|thousands|millions)\b", re.I)
_VAGUE_AMOUNTS = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 10**6}
_TENFOLD = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|a hundred|\d+)-?fold\b", re.I)
# "$500,000 (£397,000)", "90,000 roubles (£865, US$1090)", "(about €460,000)"
_EQUIV = re.compile(rf"\s?\(\s*(?:about |around |some |c\. |approximately |≈\s?)?((?:(?:{_SIGN})\s?(?:{_NUM})(?:\s?(?:million|m|bn|k))?\s*[,;/]?\s*)+)\)")
_EQUIV_ONE = re.compile(rf"(?P<sign>{_SIGN})\s?(?P<num>{_NUM})(?:\s?(?P<scale>million|m|bn|k)\b)?")
# Months a day of the month may be printed with, so "13 февраля" is a date and no figure.
_MONTH_AFTER = re.compile(rf"\s(?:{MONTH_WORD})(?![^\W\d_])", re.I)  # "13 февраля", "5 March": a date


def _scale_value(scale: str) -> int:
    if scale.casefold() == "hundred":
        return 100
    for pattern, value in _SCALES:
        if re.fullmatch(pattern, scale, re.I):
            return value
    return 1


@dataclass
class Figure:
    start: int  # offsets in the sentence
    end: int
    printed: str
    value: dict[str, Any]


def _dec(num: str, scaled: bool = False) -> Decimal:
    """A printed number: thousands separated by commas or spaces; a comma before one or two
    digits is a decimal comma ("2,5 млн")."""
    num = re.sub(r"[ \u00a0\u202f\u2009]", "", num)
    if not scaled and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num):  # "460.000 Euro"; "1.125 million" is a decimal
        return Decimal(num.replace(".", ""))
    if re.fullmatch(r"\d+,\d{1,2}", num):
        return Decimal(num.replace(",", "."))
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


_PEOPLE_NOT = frozenset({"военный", "военная", "военное", "військовий"})  # adjectives before a noun, not the noun


def stem_of(word: str) -> str:
    return next((stem for stem, _ in _TIME_STEMS if word.startswith(stem)), word)


def _unit_after(rest: str, unit_words: Mapping[str, str]) -> tuple[str | None, int]:
    """A unit from the one or two words after a figure ('6,000 men', '18,000 Russian servicemen')."""
    words = list(re.finditer(r"[^\W\d_][\w-]*", rest[:60]))
    for i, w in enumerate(words[:3]):
        if rest[: w.start()].strip(" ") and not re.fullmatch(r"\s*(?:[^\W\d_][\w-]*\s+){0,2}", rest[: w.start()]):
            break
        lw = w.group().casefold()
        if lw in _PEOPLE or (not lw.isascii() or i == 0) and lw.startswith(_PEOPLE_STEMS) and lw not in _PEOPLE_NOT:
            return "person", w.end()
        if lw in _TIME_UNITS:
            return _TIME_UNITS[lw], w.end()
        if _CASE.fullmatch(lw):
            return "case", w.end()
        if not lw.isascii() or lw.startswith(("vuo", "jahr")):
            unit = next((u for stem, u in _TIME_STEMS if lw.startswith(stem)), None)
            if unit and len(lw) <= len(stem_of(lw)) + 4:
                return unit, w.end()
        if lw in unit_words:
            return unit_words[lw], w.end()
        if lw.endswith("s") and lw[:-1] in unit_words:
            return unit_words[lw[:-1]], w.end()
        if i >= 1:  # skip at most one adjective ("Russian servicemen", "criminal cases", "rosyjskich żołnierzy")
            break
    return None, 0


# Languages number-parser reads number words in ("пяти", "двоє", "дванадцять"); English number
# words are schema/numbers.py's.
_NUMBER_WORD_LANGUAGES = frozenset({"ru", "uk", "es", "hi"})


@lru_cache(maxsize=50_000)
def _foreign_number(word: str, language: str) -> Decimal | None:
    from number_parser import parse_number

    try:
        value = parse_number(word.replace("\u2019", "\u02bc").replace("'", "\u02bc"), language=language)
    except Exception:  # noqa: BLE001 - the library refused the word: no number
        return None
    return Decimal(value) if isinstance(value, int) and value > 0 else None


def _number_words(sentence: str, language: str, unit_words: Mapping[str, str], free, taken) -> list[Figure]:
    """Number words of another language before a unit noun or currency: "пяти пулевых
    ранений" is no unit, "двоє членів екіпажу" is, "десять тысяч долларов" is money."""
    out = []
    for m in re.finditer(r"[^\W\d_][\w\u2019\u02bc']*", sentence):
        if not free(m.start(), m.end()):
            continue
        amount = _foreign_number(m.group(), language)
        if amount is None or re.fullmatch(_SCALE, m.group(), re.I) or m.group().casefold() in ("один", "одна", "одно", "одне"):
            continue  # "тысяч" alone is a scale; "один из" is no count
        end = m.end()
        scale = re.match(rf"\s(?P<scale>{_SCALE}){_NOT_LETTER}", sentence[end:], re.I)
        if scale:
            amount *= _scale_value(scale.group("scale"))
            end += scale.end()
        value: dict[str, Any] = {"amount": _plain(amount)}
        cur = re.match(rf"\s(?P<cur>{_CUR_WORD}){_NOT_LETTER}", sentence[end:], re.I)
        if cur:
            value["currency"] = _currency_of_word(cur.group("cur"))
            end += cur.end()
        else:
            unit, n = _unit_after(sentence[end:], unit_words)
            if unit:
                value["unit"], end = unit, end + n
        start = m.start()
        start = _bound_before(sentence, start, value)
        if len(value) == 1:
            continue  # a bare number word ("пять" alone) says too little to propose
        value = {k: value[k] for k in ("amount", "bound", "unit", "currency") if k in value}
        out.append(Figure(start, end, sentence[start:end].strip(), value))
        taken.append((start, end))
    return out


def find_figures(sentence: str, unit_words: Mapping[str, str] = {}, language: str | None = None) -> list[Figure]:
    """Printed figures as value skeletons: amounts with their bound, unit or currency; ranges;
    ages ('28-year-old'); conversions printed in brackets become equivalents. `language` (ISO
    639-1) lets number words of that language count too."""
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= x or a >= y for x, y in taken)

    for m in _RANGE.finditer(sentence):
        cur = _CURRENCY_SIGNS.get(m.group("sign1") or m.group("sign2") or m.group("sign3") or "") or (_currency_of_word(m.group("cur")) if m.group("cur") else None)
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
        sign, cur_word, tail = m.group("sign") or m.group("sign2"), m.group("cur"), (m.group("tail") or "").strip().casefold()
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
        amount = _dec(num, scaled=bool(scale)) if num else _word_value(word)
        if scale:
            amount *= _scale_value(scale)
        if num and not (sign or scale or cur_word or tail):
            # a bare number: a year, a day of a month or a unit's number is no figure
            after = sentence[m.end():m.end() + 3]
            if re.match(r"(?:st|nd|rd|th)\b", after, re.I) or (len(num) == 4 and 1800 <= int(num[:4]) <= 2100 and "," not in num):
                continue
            if _MONTH_AFTER.match(sentence, m.end()):
                continue  # "13 февраля", "5 March"
            before = sentence[max(0, m.start() - 12):m.start()]
            if re.search(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s$", before):
                continue
        value: dict[str, Any] = {"amount": _plain(amount)}
        start, end = m.start(), m.end()
        if tail and re.fullmatch(_AGE_TAIL, tail, re.I):
            value["unit"] = "year"
        elif tail in ("-month",):
            value["unit"] = "month"
        elif tail in ("-day",):
            value["unit"] = "day"
        elif tail.endswith("%") or "cent" in tail:
            value["unit"] = "percent"
        elif tail.endswith("fold"):
            value["unit"] = "times"
        currency = _CURRENCY_SIGNS.get(sign or "") or (_currency_of_word(cur_word) if cur_word else None)
        if currency:
            value["currency"] = currency
            eq = _EQUIV.match(sentence, end)
            if eq:
                value["equivalents"] = [
                    {"amount": _plain(_dec(e.group("num")) * (_scale_value(e.group("scale")) if e.group("scale") else 1)),
                     "currency": _CURRENCY_SIGNS[e.group("sign")]}
                    for e in _EQUIV_ONE.finditer(eq.group(1))
                ]
                end = eq.end()
        elif "unit" not in value:
            unit, n = _unit_after(sentence[end:], unit_words)
            if unit:
                value["unit"] = unit
                end += n
        start = _bound_before(sentence, start, value)
        value = {k: value[k] for k in ("amount", "bound", "unit", "currency", "equivalents") if k in value}
        out.append(Figure(start, end, sentence[start:end].strip(), value))
        taken.append((start, end))
    if language in _NUMBER_WORD_LANGUAGES:
        out += _number_words(sentence, language, unit_words, free, taken)
    out.sort(key=lambda f: f.start)
    return out


def _bound_before(sentence: str, start: int, value: dict) -> int:
    """A bound printed just before a figure ("more than", "не менее"): set in `value`, and the
    figure's start moved back over its words."""
    for pattern, bound in _BOUNDS:
        b = pattern.search(sentence[max(0, start - 25):start])
        if b:
            value["bound"] = bound
            return max(0, start - 25) + b.start()
    return start
