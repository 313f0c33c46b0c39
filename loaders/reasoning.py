"""Time as the comparisons reason with it: when each claim holds, and the arithmetic of change.

A claim's time is what its curator wrote (`when`), else what each appearance's printed time
resolves to, else, for a present-tense state, its report's publication date ("the 28-year-old
pilot" is 28 as of the report; loaders/provenance.py). A time of any precision is the interval
of days it covers ("2023-09" is 1 to 30 September), and a date value with a bound ("on or
before 13 February") is an open interval. On these the vocabulary's declarations are worked out:

- growth (`growth="age"`): an age grows by exactly one a year, so each (age, time) gives an
  interval of possible birth dates; two ages agree exactly when those intervals meet;
- cumulative (`cumulative=True`): a running total never falls, so a larger figure at a time
  wholly before a smaller one is a contradiction;
- order rules (ORDER_RULES): a birth before a death, a death on or before the body is found;
- happened (`happened=True`): an event is not after the document that reports it as past.

Each finding comes with the arithmetic in words, because a reader must be able to check it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..schema.figures import interval as figure_interval
from ..schema.models import Value
from ..schema.vocab import Bound, Hedge
from .corpus import Claim, Corpus
from .provenance import cached, documents, resolved_when

DAY = dt.timedelta(days=1)
EARLIEST, LATEST = dt.date(1, 1, 1), dt.date(9999, 12, 31)


@dataclass(frozen=True)
class Span:
    """The days a time may be: [first, last], both included."""

    first: dt.date
    last: dt.date

    def meets(self, other: "Span") -> bool:
        return self.first <= other.last and other.first <= self.last

    def before(self, other: "Span") -> bool:
        """Wholly before the other: every day of it precedes every day of the other."""
        return self.last < other.first


def span(date: str, bound: Bound = Bound.exact) -> Span:
    """The days a partial date (YYYY, YYYY-MM, YYYY-MM-DD) covers, widened or opened by its bound."""
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    if len(parts) == 1:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    elif len(parts) == 2:
        first, last = dt.date(year, parts[1], 1), dt.date(year, parts[1], calendar.monthrange(year, parts[1])[1])
    else:
        first = last = dt.date(year, parts[1], parts[2])
    if bound is Bound.at_most:
        return Span(EARLIEST, last)
    if bound is Bound.less_than:
        return Span(EARLIEST, first - DAY)
    if bound is Bound.at_least:
        return Span(first, LATEST)
    if bound is Bound.more_than:
        return Span(last + DAY, LATEST)
    if bound is Bound.approximate:  # "around" a date: one unit of its precision either side
        widen = {1: 365, 2: 31, 3: 7}[len(parts)]
        return Span(first - dt.timedelta(days=widen), last + dt.timedelta(days=widen))
    return Span(first, last)


@dataclass(frozen=True)
class At:
    """One time a claim is said to hold: the time, in words a reader checks, and how it is known."""

    time: str  # YYYY, YYYY-MM or YYYY-MM-DD
    words: str  # "in 2023-09", "as of 2023-09-06, the report's date"
    inferred: bool
    document: str | None  # the appearance's document, where the time is its own


def times(claim: Claim, corpus: Corpus) -> list[At]:
    """The distinct times a claim holds at: its `when` (for every appearance), else each
    appearance's resolved or as-of time; empty when nothing states one. Worked out once per
    claim: a claim is compared with every other of its subject and property."""
    memo = cached(corpus, "claim-times", dict)
    if claim.key not in memo:
        memo[claim.key] = _times(claim, corpus)
    return memo[claim.key]


def _times(claim: Claim, corpus: Corpus) -> list[At]:
    if claim.entry.when:
        return [At(claim.entry.when, f"in {claim.entry.when}", False, None)]
    out: dict[str, At] = {}
    for app in claim.appearances:
        found = resolved_when(app, corpus)
        if found is None:
            continue
        date, rule = found
        words = f"as of {date}, the report's date" if rule.startswith("as of ") else f"in {date} (from \u201c{app.entry.when_printed}\u201d)"
        out.setdefault(date, At(date, words, True, app.document))
    return [out[k] for k in sorted(out)]


def time_words(ats: list[At]) -> str:
    return " or ".join(a.words for a in ats) if ats else "no time given"


def no_time_words(claim: Claim, corpus: Corpus) -> str:
    """Why a claim has no time: none printed, or one printed that its report's date cannot place."""
    docs = documents(corpus)
    for app in claim.appearances:
        if app.entry.when_printed:
            why = "its report has no date" if not docs[app.document].published else "its report's date does not settle it"
            return f"“{app.entry.when_printed}”, not placed in time: {why}"
    return "no time given"


def simultaneous(a: list[At], b: list[At]) -> bool:
    """Both hold on one known day: the only times at which two values of a property that changes
    are proved to hold together (a rank as of 1 March and one as of "March" may be a promotion
    apart)."""
    return any(x.time == y.time and len(x.time) == 10 for x in a for y in b)


def same_time(a: list[At], b: list[At]) -> bool:
    """Both state a time, and some time of one lies within a time of the other (2023-08 within 2023)."""
    return any(x.time.startswith(y.time) or y.time.startswith(x.time) for x in a for y in b)


def is_forecast(claim: Claim, corpus: Corpus) -> bool:
    """Printed as a plan or forecast, or about a time after every document that carries it."""
    if any(Hedge.forecast in app.entry.hedges for app in claim.appearances):
        return True
    when = claim.entry.when
    if not when:
        return False
    docs = documents(corpus)
    pubs = [docs[app.document].published for app in claim.appearances]
    return bool(pubs) and all(p and span(p).before(span(when)) for p in pubs)


# ------------------------------------------------------------------------------ growth (age)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def birth_span(age: Value, at: At) -> Span | None:
    """The birth dates an age at a time allows: aged a on day t means born in (t - a - 1 years, t - a years]."""
    iv = figure_interval(age)
    if iv is None:
        return None
    low = iv.low if iv.low is not None else Decimal(0)
    high = iv.high
    when = span(at.time)
    latest = _years_before(when.last, int(low) + (1 if iv.low_open and low == int(low) else 0))
    if high is None:
        return Span(EARLIEST, latest)
    top = int(high) - (1 if iv.high_open and high == int(high) else 0)
    earliest = _years_before(when.first, top + 1) + DAY
    return Span(earliest, latest)


def ages_agree(a: Claim, b: Claim, ta: list[At], tb: list[At]) -> tuple[bool, str]:
    """Whether two ages can both hold at their times, with the arithmetic: born within both
    birth intervals of some pair of their times."""
    va, vb = a.entry.value, b.entry.value
    best = None
    for x in ta:
        for y in tb:
            sa, sb = birth_span(va, x), birth_span(vb, y)
            if sa is None or sb is None:
                continue
            years = abs((span(y.time).first - span(x.time).first).days) / 365.25
            if sa.meets(sb):
                return True, (
                    f"an age grows by one a year: {_age(va)} {x.words} and {_age(vb)} {y.words} fit one birth date "
                    f"(between {max(sa.first, sb.first).isoformat()} and {min(sa.last, sb.last).isoformat()})"
                )
            if best is None:
                best = (
                    f"an age grows by one a year, so {_age(va)} {x.words} means born between {sa.first.isoformat()} and "
                    f"{sa.last.isoformat()}, and {_age(vb)} {y.words} between {sb.first.isoformat()} and {sb.last.isoformat()}: "
                    + (f"{years:.1f} years apart, the ages cannot both be right" if years >= 0.05 else "at one time, the ages cannot both be right")
                )
    return False, best or "the ages cannot be placed in time"


def _age(value: Value) -> str:
    from ..schema.figures import describe

    return describe(value).replace(" year", "").strip()


# ------------------------------------------------------------------------------ order of dates


def date_span(value: Value) -> Span | None:
    return span(value.date, value.bound) if value.date is not None else None


def order_broken(earlier: Value, later: Value, strict: bool) -> bool:
    """Whether two dates provably break 'earlier before (or on) later'."""
    a, b = date_span(earlier), date_span(later)
    if a is None or b is None:
        return False
    return a.first >= b.last if strict else a.first > b.last


def reported_before(claim: Claim, corpus: Corpus) -> list[tuple[str, str]]:
    """The documents that report a dated event as past though it lies wholly after their own
    date: [(document, its date)]. A claim printed as a forecast is exempt."""
    value = claim.entry.value
    when = date_span(value)
    if when is None or any(Hedge.forecast in app.entry.hedges for app in claim.appearances):
        return []
    docs = documents(corpus)
    out = []
    for app in claim.appearances:
        pub = docs[app.document].published
        if pub and span(pub).before(when):
            out.append((app.document, pub))
    return sorted(set(out))
