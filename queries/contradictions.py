"""Contradictions: pairs of claims on the same subject, property and qualifiers whose values
cannot both hold, each with the reason and the sources of both sides.

Where SPARQL alone is awkward (interval comparison of figures, printed currency equivalents,
partial dates that refine each other) the work is done here over query results.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Literal

from pydantic import Field

from ..graph.results import Term
from ..graph.store import Store
from ..schema import iris
from ..schema.figures import Interval
from . import library, names
from .reports import Source, claim_sources
from .rows import Model, short

# --------------------------------------------------------------------------- contradictions

# Properties where one subject has one value at a time (with the same qualifiers): two different
# entity, text or date values cannot both hold. Figures are compared for every property, since
# two figures with the same subject, property, qualifiers and unit describe the same quantity.
FUNCTIONAL = frozenset({"age", "rank", "date", "place", "nationality", "population"})


class Figure(Model):
    low: Decimal | None = None
    high: Decimal | None = None
    low_open: bool = False
    high_open: bool = False
    measure: str | None = Field(None, description="unit or currency code")
    is_currency: bool = False
    label: str | None = None
    equivalents: list["Figure"] = []

    def interval(self) -> Interval:
        return Interval(self.low, self.high, self.low_open, self.high_open)


class ClaimValue(Model):
    claim: str
    claim_label: str | None = None
    subject: str
    property: str
    when: str | None = None
    place: str | None = None
    equipment: str | None = None
    group: str | None = None
    status: str | None = None
    value: str = Field(description="entity slug, text or date; for figures their reading")
    kind: Literal["entity", "text", "date", "figure"]
    figure: Figure | None = None


class Side(Model):
    claim: str
    claim_label: str | None = None
    value: str
    sources: list[Source]


class Contradiction(Model):
    verdict: Literal["contradiction", "not comparable"]
    subject: str
    property: str
    qualifiers: dict[str, str]
    reason: str
    a: Side
    b: Side


def short_var(row: dict, var: str) -> str | None:
    return short(row.get(var))


def _dec(t: Term | None) -> Decimal | None:
    if t is None:
        return None
    try:
        return Decimal(t.value)
    except InvalidOperation:
        return None


def claim_values(store: Store) -> list[ClaimValue]:
    equivalents: dict[str, list[Figure]] = defaultdict(list)
    for r in library.run(store, "figure_equivalents").rows:
        fig = Figure(
            low=_dec(r.get("lower")),
            high=_dec(r.get("upper")),
            measure=short_var(r, "currency") or short_var(r, "unit"),
            is_currency="currency" in r,
        )
        if fig not in equivalents[r["figure"].value]:
            equivalents[r["figure"].value].append(fig)
    out: dict[str, ClaimValue] = {}
    for r in library.run(store, "claim_values").rows:
        value = r["value"]
        figure = None
        if "figureLabel" in r or "lower" in r or "upper" in r:
            bound = short_var(r, "bound")
            figure = Figure(
                low=_dec(r.get("lower")),
                high=_dec(r.get("upper")),
                low_open=bound == "more_than",
                high_open=bound == "less_than",
                measure=short_var(r, "currency") or short_var(r, "unit"),
                is_currency="currency" in r,
                label=short_var(r, "figureLabel"),
                equivalents=equivalents.get(value.value, []),
            )
            kind, shown = "figure", short_var(r, "figureLabel") or value.value
        elif value.type == "uri":
            kind, shown = "entity", short(value)
        elif value.datatype and value.datatype.startswith(iris.PREFIXES["xsd"] + "gYear") or (
            value.datatype == iris.PREFIXES["xsd"] + "date"
        ):
            kind, shown = "date", value.value
        else:
            kind, shown = "text", value.value
        out[r["claim"].value] = ClaimValue(
            claim=short_var(r, "claim"),
            claim_label=short_var(r, "claimLabel"),
            subject=short_var(r, "subject"),
            property=short_var(r, "property"),
            when=short_var(r, "when"),
            place=short_var(r, "place"),
            equipment=short_var(r, "equipment"),
            group=short_var(r, "group"),
            status=short_var(r, "status"),
            value=shown,
            kind=kind,
            figure=figure,
        )
    return sorted(out.values(), key=lambda c: c.claim)


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def compare_figures(a: Figure, b: Figure) -> tuple[str, str]:
    """('agree' | 'contradiction' | 'not comparable', reason)."""

    def judge(x: Figure, y: Figure, how: str) -> tuple[str, str]:
        if x.interval().meets(y.interval()):
            return "agree", f"the ranges meet{how}"
        return "contradiction", f"the ranges do not meet{how}"

    if a.measure == b.measure and a.is_currency == b.is_currency:
        return judge(a, b, "")
    if a.is_currency and b.is_currency:
        for eq in a.equivalents:
            if eq.measure == b.measure:
                return judge(eq.model_copy(update={"low_open": a.low_open, "high_open": a.high_open}), b, f" (via the printed {eq.measure} equivalent)")
        for eq in b.equivalents:
            if eq.measure == a.measure:
                return judge(a, eq.model_copy(update={"low_open": b.low_open, "high_open": b.high_open}), f" (via the printed {eq.measure} equivalent)")
        for ea in a.equivalents:
            for eb in b.equivalents:
                if ea.measure == eb.measure:
                    return judge(ea, eb, f" (via printed {ea.measure} equivalents)")
        return "not comparable", f"{a.measure} and {b.measure} with no printed equivalent; no exchange rate is assumed"
    return "not comparable", f"different units: {a.measure or 'none'} and {b.measure or 'none'}"


def _dates_agree(x: str, y: str) -> bool:
    """Partial dates agree when one refines the other: 2022-02 and 2022-02-24."""
    return x.startswith(y) or y.startswith(x)


def judge_pair(a: ClaimValue, b: ClaimValue) -> tuple[str, str] | None:
    """The verdict on two claims with the same subject, property and qualifiers; None: not compared."""
    if a.kind == "figure" and b.kind == "figure":
        return compare_figures(a.figure, b.figure)
    if a.kind != b.kind or _snake(a.property) not in FUNCTIONAL:
        return None
    if a.kind == "date":
        return ("agree", "one date refines the other") if _dates_agree(a.value, b.value) else ("contradiction", "different dates")
    if names.plain(a.value) == names.plain(b.value):
        return "agree", "same value"
    return "contradiction", f"{_snake(a.property)} has one value at a time, and these differ"


def contradictions(store: Store, include_not_comparable: bool = True) -> list[Contradiction]:
    groups: dict[tuple, list[ClaimValue]] = defaultdict(list)
    for c in claim_values(store):
        groups[(c.subject, c.property, c.when, c.place, c.equipment, c.group)].append(c)
    found = []
    for (subject, prop, when, place, equipment, group), claims in sorted(groups.items(), key=lambda kv: tuple(x or "" for x in kv[0])):
        for a, b in combinations(claims, 2):
            verdict = judge_pair(a, b)
            if verdict is None or verdict[0] == "agree":
                continue
            if verdict[0] == "not comparable" and not include_not_comparable:
                continue
            quals = {k: v for k, v in (("when", when), ("place", place), ("equipment", equipment), ("group", group)) if v}
            found.append(
                Contradiction(
                    verdict=verdict[0],
                    subject=subject,
                    property=_snake(prop),
                    qualifiers=quals,
                    reason=verdict[1],
                    a=Side(claim=a.claim, claim_label=a.claim_label, value=a.value, sources=claim_sources(store, iris.claim(a.claim))),
                    b=Side(claim=b.claim, claim_label=b.claim_label, value=b.value, sources=claim_sources(store, iris.claim(b.claim))),
                )
            )
    return found
