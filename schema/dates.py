"""Times as articles print them, resolved against the article's own date where that settles them.

"Last September", "in August", "on Tuesday", "February 13", "this year" mean nothing alone; in
a document published on 2023-09-06 they are 2022-09, 2023-08, 2023-09-05, 2023-02-13 and 2023.
A resolution is an inference, so it comes with the rule used, and it is made only when the
document's date is precise enough to settle it: a weekday needs the day of publication, "last
September" the month; "in August" in a document dated only 2023 is read as August 2023 and says
so. What cannot be settled stays text.

>>> resolve("Last September", "2023-09-06")
('2022-09', "'Last September' before publication on 2023-09-06: the latest September before that month")
>>> resolve("in August", "2023")[0], resolve("on September 5", "2023")[0]
('2023-08', '2023-09-05')
>>> resolve("on Tuesday", "2023-09-07")[0], resolve("on Tuesday", "2023-09")
('2023-09-05', None)
>>> resolve("March 5, 2023", None)
('2023-03-05', 'printed in full')
>>> resolve("In January this year", "2024-02")[0], resolve("Last year", "2023")[0]
('2024-01', '2022')
>>> resolve("recently", "2023-09-06") is None
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_LEAD = r"^(?:(?:in|on|since|by|from|during|early|late|mid|until)\s+)*"
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(_LEAD + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})$"), "full"),
    (re.compile(_LEAD + r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})$"), "full"),
    (re.compile(_LEAD + _MONTH + r",?\s+(?P<year>\d{4})$"), "full"),
    (re.compile(_LEAD + r"(?P<year>\d{4})$"), "full"),
    (re.compile(_LEAD + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?$"), "day-no-year"),
    (re.compile(_LEAD + r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"$"), "day-no-year"),
    (re.compile(_LEAD + _MONTH + r"\s+(?:of\s+)?this\s+year$"), "month-this-year"),
    (re.compile(_LEAD + r"last\s+" + _MONTH + r"$"), "last-month-name"),
    (re.compile(_LEAD + _MONTH + r"$"), "month-no-year"),
    (re.compile(_LEAD + r"(?:last|past)\s+year$"), "last-year"),
    (re.compile(_LEAD + r"this\s+year$"), "this-year"),
    (re.compile(_LEAD + r"next\s+year$"), "next-year"),
    (re.compile(_LEAD + r"last\s+month$"), "last-month"),
    (re.compile(_LEAD + r"this\s+month$"), "this-month"),
    (re.compile(r"^(?:today|on\s+today)$"), "today"),
    (re.compile(r"^yesterday$"), "yesterday"),
    (re.compile(_LEAD + r"(?:last\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")$"), "weekday"),
]


def _parts(published: str | None) -> tuple[int | None, int | None, int | None]:
    if not published:
        return None, None, None
    bits = [int(b) for b in published.split("-")]
    return (bits + [None, None])[:3]  # type: ignore[return-value]


def _valid(year: int, month: int, day: int | None = None) -> str | None:
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _after(found: str, published: str) -> bool:
    """Whether a resolved time lies wholly after the document's date, at the coarser precision."""
    n = min(len(found), len(published))
    return found[:n] > published[:n]


def resolve(printed: str, published: str | None, forward: bool = False) -> tuple[str, str] | None:
    """(date as YYYY, YYYY-MM or YYYY-MM-DD, the rule used), or None when it cannot be settled.

    A month or a day printed without a year is the last one on or before the document's date:
    a report tells what happened, so "in August" in a February article is last August. Only a
    claim printed as a plan or forecast (`forward`) may resolve to a time after its document.

    >>> resolve("in August", "2024-02-20")[0], resolve("in August", "2024-02-20", forward=True)[0]
    ('2023-08', '2024-08')
    >>> resolve("on February 9", "2024-02-20")[0], resolve("December 25", "2024-02-20")[0]
    ('2024-02-09', '2023-12-25')
    """
    text = " ".join(printed.strip().lower().split())
    year, month, day = _parts(published)
    for pattern, kind in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        g = m.groupdict()
        mon = MONTHS.get((g.get("month") or "").rstrip("."))
        if kind == "full":
            y = int(g["year"])
            if mon is None:
                return f"{y:04d}", "printed in full"
            found = _valid(y, mon, int(g["day"]) if g.get("day") else None)
            return (found, "printed in full") if found else None
        if year is None:
            return None
        on = f"publication on {published}" if day else f"publication in {published}"
        if kind in ("day-no-year", "month-no-year"):
            day_of = int(g["day"]) if kind == "day-no-year" else None
            found = _valid(year, mon, day_of)
            if found and not forward and _after(found, published):
                earlier = _valid(year - 1, mon, day_of)
                if earlier:
                    return earlier, f"'{printed.strip()}' in a document of {published}: the latest one before publication, since a report tells what has happened"
            if not found:
                return None
            return found, f"'{printed.strip()}' in a document of {published}: the year of publication"
        if kind == "month-this-year":
            return _valid(year, mon), f"'{printed.strip()}' in a document of {published}: the year of publication"
        if kind == "last-month-name":
            if month is None:
                return None
            y = year if mon < month else year - 1
            return _valid(y, mon), f"'{printed.strip()}' before {on}: the latest {calendar.month_name[mon]} before that month"
        if kind in ("last-year", "this-year", "next-year"):
            y = year + {"last-year": -1, "this-year": 0, "next-year": 1}[kind]
            return f"{y:04d}", f"'{printed.strip()}' relative to {on}"
        if kind in ("last-month", "this-month"):
            if month is None:
                return None
            y, mo = (year, month) if kind == "this-month" else ((year, month - 1) if month > 1 else (year - 1, 12))
            return _valid(y, mo), f"'{printed.strip()}' relative to {on}"
        if day is None:  # today, yesterday, a weekday: only a dated day settles them
            return None
        pub = dt.date(year, month, day)
        if kind == "today":
            return pub.isoformat(), f"'{printed.strip()}' is the day of {on}"
        if kind == "yesterday":
            return (pub - dt.timedelta(days=1)).isoformat(), f"'{printed.strip()}' is the day before {on}"
        back = (pub.weekday() - WEEKDAYS[g["weekday"]]) % 7 or 7
        return (pub - dt.timedelta(days=back)).isoformat(), f"'{printed.strip()}' is the latest such weekday before {on}"
    return None
