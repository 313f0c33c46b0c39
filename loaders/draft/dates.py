"""Dates printed in a sentence, in the languages of the measurement set: "February 13",
"13 February 2024", "13 февраля", "9 серпня 2023 року", "13. helmikuuta".

A day and month without a year take the document's year, and say so (an inference the curator
checks). schema/dates.py resolves English relative times against a document's date; this reads
day-and-month dates in any of these languages, which is what a draft's date values need.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

# month names in the genitive (ru, uk, fi) or the nominative (en, bg, de), 1..12
_MONTH_NAMES = {
    "en": [m.casefold() for m in calendar.month_name[1:]],
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня".split(),
    "bg": "януари февруари март април май юни юли август септември октомври ноември декември".split(),
    "fi": "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta "
          "lokakuuta marraskuuta joulukuuta".split(),
    "de": "januar februar märz april mai juni juli august september oktober november dezember".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia".split(),
}
# the forms a month takes before a year alone: nominative, and after "in" (ru prepositional,
# uk locative, pl locative): "август 2023", "в августе 2023 года", "у серпні 2023 року", "w sierpniu 2023"
_MONTH_ALONE = {
    "ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split(),
    "ru_in": "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре".split(),
    "uk": "січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень".split(),
    "uk_in": "січні лютому березні квітні травні червні липні серпні вересні жовтні листопаді грудні".split(),
    "pl": "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień".split(),
    "pl_in": "styczniu lutym marcu kwietniu maju czerwcu lipcu sierpniu wrześniu październiku listopadzie grudniu".split(),
    "bg": "януари февруари март април май юни юли август септември октомври ноември декември".split(),
}
MONTHS: dict[str, int] = {}
for names in _MONTH_NAMES.values():
    for i, name in enumerate(names, 1):
        MONTHS.setdefault(name, i)
for i, abbr in enumerate(calendar.month_abbr[1:], 1):
    MONTHS.setdefault(abbr.casefold(), i)
MONTHS["sept"] = 9
MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTHS_ALONE: dict[str, int] = dict(MONTHS)
for names in _MONTH_ALONE.values():
    for i, name in enumerate(names, 1):
        MONTHS_ALONE.setdefault(name, i)
_ALONE_WORD = "|".join(sorted(MONTHS_ALONE, key=len, reverse=True))

_YEAR_AFTER = r"(?:,?\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:года|году|року|рік|г\.|р\.))?)?"
_DAY_MONTH = re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\.?\s+(?:of\s+)?(?P<month>{MONTH_WORD})\.?(?![^\W\d_]){_YEAR_AFTER}", re.I)
_MONTH_DAY = re.compile(rf"(?<![^\W\d_])(?P<month>{MONTH_WORD})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d){_YEAR_AFTER}", re.I)


# a month and its year, no day: "in August 2023", "в августе 2023 года", "agosto de 2023", "grudzień 2023 roku"
_MONTH_YEAR = re.compile(rf"(?<![^\W\d_])(?P<month>{_ALONE_WORD})\.?(?:,|\s+(?:de|del|of))?\s+(?P<year>(?:19|20)\d\d)(?!\d)"
                         r"(?:\s*(?:года|году|року|рік|roku|г\.|р\.))?", re.I)


def find_date(sentence: str, year: int | None = None) -> tuple[str, str, bool] | None:
    """(YYYY-MM-DD, as printed, whether the year was taken from `year`) for the first real
    day-and-month date of the sentence, else (YYYY-MM, as printed, False) for its first month
    printed with its year; None if it prints neither (or no year is known)."""
    hits = [m for p in (_DAY_MONTH, _MONTH_DAY) for m in p.finditer(sentence)]
    if not hits:
        m = _MONTH_YEAR.search(sentence)
        if m:
            return f"{int(m.group('year')):04d}-{MONTHS_ALONE[m.group('month').casefold()]:02d}", m.group().strip(), False
    for m in sorted(hits, key=lambda m: m.start()):
        month = MONTHS[m.group("month").casefold()]
        y = int(m.group("year")) if m.group("year") else year
        if y is None:
            continue
        try:
            d = dt.date(y, month, int(m.group("day")))
        except ValueError:
            continue
        printed = m.group().strip()
        if printed.endswith(".") and not m.group("year") and len(m.group("month")) > 4:
            printed = printed[:-1]  # the sentence's full stop, not an abbreviation's
        return d.isoformat(), printed, not m.group("year")
    return None
