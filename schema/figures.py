"""Figures as intervals, so that printed numbers can be compared honestly.

"more than 18,000" is (18000, inf); "around 12,000" is [10800, 13200] (a 10% margin, stated
here once); "between $450,000 and $500,000" is [450000, 500000]; "half a million dollars" is
[500000, 500000]. Two figures agree when their intervals meet and they count the same unit or
currency; figures in different currencies are compared only through equivalents the text prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .models import Value
from .vocab import Bound

APPROXIMATE_MARGIN = Decimal("0.1")


@dataclass(frozen=True)
class Interval:
    low: Decimal | None  # None: unbounded
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    def meets(self, other: "Interval") -> bool:
        def below(hi, hi_open, lo, lo_open) -> bool:  # is [.., hi] entirely below [lo, ..]?
            if hi is None or lo is None:
                return False
            return hi < lo or (hi == lo and (hi_open or lo_open))

        return not (
            below(self.high, self.high_open, other.low, other.low_open)
            or below(other.high, other.high_open, self.low, self.low_open)
        )


def interval(value: Value) -> Interval | None:
    if value.min is not None:
        return Interval(value.min, value.max)
    v = value.amount
    if v is None:
        return None
    match value.bound:
        case Bound.exact:
            return Interval(v, v)
        case Bound.approximate:
            d = abs(v) * APPROXIMATE_MARGIN
            return Interval(v - d, v + d)
        case Bound.more_than:
            return Interval(v, None, low_open=True)
        case Bound.at_least:
            return Interval(v, None)
        case Bound.less_than:
            return Interval(None, v, high_open=True)
        case Bound.at_most:
            return Interval(None, v)
    raise AssertionError(value.bound)


def number(d: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 28, 0.5, 500000."""
    text = format(d.normalize(), "f")
    return text


_WORDS = {
    Bound.approximate: "about ",
    Bound.more_than: "more than ",
    Bound.at_least: "at least ",
    Bound.less_than: "less than ",
    Bound.at_most: "up to ",
    Bound.exact: "",
}


_DATE_WORDS = {
    Bound.approximate: "about ",
    Bound.more_than: "after ",
    Bound.at_least: "on or after ",
    Bound.less_than: "before ",
    Bound.at_most: "on or before ",
    Bound.exact: "",
}


def describe(value: Value, names: dict[str, str] | None = None) -> str:
    """A short human reading of a value: 'more than 18,000 person', 'between 450,000 and 500,000 USD'."""
    if value.post is not None:
        from .categories import POSTS

        post = POSTS.by_name[value.post].label if value.post in POSTS.by_name else value.post.replace("_", " ")
        return f"{post} of {(names or {}).get(value.entity, value.entity)}"
    if value.entity is not None:
        return (names or {}).get(value.entity, value.entity)
    if value.text is not None:
        return value.text
    if value.date is not None:
        return _DATE_WORDS[value.bound] + value.date
    unit = value.currency or value.unit or ""
    fmt = lambda d: f"{d.normalize():,f}"  # noqa: E731
    if value.min is not None:
        core = f"between {fmt(value.min)} and {fmt(value.max)}"
    else:
        core = _WORDS[value.bound] + fmt(value.amount)
    return f"{core} {unit}".strip()
