"""Where the sources do not agree, and why: every pair of claims that speak of the same quantity
or relation, classified once at build time.

A journalist needs the reason more than a yes or no, so each pair gets exactly one verdict and
the rule that decided it:

- agree: the values can both hold (equal; intervals that meet; a place inside the other; a
  date of finer precision inside the coarser one; a unit part of the other);
- contradiction: they cannot both hold: same subject, property, scope and time, values apart;
- apparent disagreement: the values are apart, but the claims are not about the same thing:
  a different time (for a property that changes over time, when either time is unknown or the
  times differ), a different scope (group, place or equipment qualifiers differ, shown with the
  difference), or a rule against an instance (a published reward against one payment);
- not comparable: figures in different units, currencies with no conversion the text prints,
  free text that only a person can weigh.

Which pairs are compared is declared in the property vocabulary (schema/vocab.py), not here:
claims with the same subject and a *functional* property (one value at a time), and the rule
relations of RULE_RELATIONS. Values of other properties add up and are never paired (a person
serves in several units). Nesting comes from the registry (a place's `within`, an equipment
type's `broader`, an item's `type`) and from accepted `part_of` claims between units.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Iterator

from ..schema.figures import Interval, describe, interval
from ..schema.fold import fold
from ..schema.models import EquipmentItem, EquipmentType, Place, Value
from ..schema.vocab import PROPERTIES, RULE_RELATIONS, RuleRelation, Status, StrEnum, ValueKind
from .corpus import Claim, Corpus
from .provenance import cached, effective_when, entity_names

MAX_GROUP = 400  # claims of one subject and property compared pairwise; beyond it, see below


class Verdict(StrEnum):
    agree = "agree"
    contradiction = "contradiction"
    apparent = "apparent_disagreement"
    not_comparable = "not_comparable"


class Reason(StrEnum):
    different_time = "different_time"
    different_scope = "different_scope"
    rule_against_instance = "rule_against_instance"
    different_unit = "different_unit"
    no_conversion = "no_conversion"
    free_text = "free_text"


@dataclass(frozen=True)
class Comparison:
    left: str  # claim key; the rule in a rule-against-instance pair, else the smaller key
    right: str
    verdict: Verdict
    reasons: tuple[Reason, ...]
    rule: str  # which rule paired them: "same-property" or "rule-against-instance:<rule>/<instance>"
    basis: str  # what the value test found: "intervals-meet", "place-within", "dates-apart" ...
    explanation: str  # one sentence a reader can check


# ------------------------------------------------------------------------------ nesting


class Nesting:
    """Which entity lies inside which: places (registry `within`), equipment (an item's type,
    a type's `broader`), units (accepted `part_of` claims). Chains stop at cycles."""

    def __init__(self, corpus: Corpus):
        self.parents: dict[str, set[str]] = defaultdict(set)
        for key, e in corpus.entities.items():
            if isinstance(e, Place) and e.within:
                self.parents[key].add(e.within)
            elif isinstance(e, EquipmentType) and e.broader:
                self.parents[key].add(e.broader)
            elif isinstance(e, EquipmentItem):
                self.parents[key].add(e.type)
        for claim in corpus.claims.values():
            if claim.entry.property == "part_of" and claim.status is not Status.deprecated:
                self.parents[claim.entry.subject].add(claim.entry.value.entity)
        self._up: dict[str, frozenset[str]] = {}

    def ancestors(self, key: str) -> frozenset[str]:
        """Everything `key` lies within, itself excluded."""
        if key not in self._up:
            seen: set[str] = set()
            stack = list(self.parents.get(key, ()))
            while stack:
                k = stack.pop()
                if k not in seen and k != key:
                    seen.add(k)
                    stack.extend(self.parents.get(k, ()))
            self._up[key] = frozenset(seen)
        return self._up[key]

    def within(self, inner: str, outer: str) -> bool:
        return inner == outer or outer in self.ancestors(inner)


def nesting(corpus: Corpus) -> Nesting:
    return cached(corpus, "nesting", lambda: Nesting(corpus))


# ------------------------------------------------------------------------------ values


def _figure_intervals(a: Value, b: Value) -> tuple[Interval, Interval, str] | tuple[None, Reason, str]:
    """The two figures as intervals in one unit or currency, or why they cannot be."""
    if a.currency or b.currency:
        if a.unit or b.unit:
            return None, Reason.different_unit, f"{a.currency or a.unit} against {b.currency or b.unit}"
        if a.currency == b.currency:
            return interval(a), interval(b), ""
        for x, y, flip in ((a, b, False), (b, a, True)):  # a conversion the text itself prints
            for eq in x.equivalents:
                if eq.currency == y.currency:
                    converted = interval(Value(amount=eq.amount, currency=eq.currency, bound=x.bound))
                    pair = (interval(y), converted) if flip else (converted, interval(y))
                    return pair[0], pair[1], f" (through the printed conversion to {eq.currency})"
        return None, Reason.no_conversion, f"{a.currency} against {b.currency}, and the text prints no conversion"
    if a.unit and b.unit and a.unit != b.unit:
        return None, Reason.different_unit, f"{a.unit} against {b.unit}"
    return interval(a), interval(b), ""


def compare_values(a: Value, b: Value, nest: Nesting, names: dict[str, str]) -> tuple[str, str, Reason | None]:
    """("agree" | "apart" | "incomparable", basis and words, reason when incomparable)."""
    kind = a.kind
    if kind is not b.kind:
        return "incomparable", f"kinds-differ: a {kind.value} against a {b.kind.value}", Reason.free_text
    if kind is ValueKind.quantity:
        left, right, note = _figure_intervals(a, b)
        if left is None:
            return "incomparable", f"units-differ: {note}", right
        if left.meets(right):
            return "agree", f"intervals-meet: the figures can both hold{note}", None
        return "apart", f"intervals-apart: the figures do not meet{note}", None
    if kind is ValueKind.entity:
        x, y = a.entity, b.entity
        if x == y:
            return "agree", "same-entity", None
        if nest.within(x, y) or nest.within(y, x):
            inner, outer = (x, y) if nest.within(x, y) else (y, x)
            return "agree", f"within: {names.get(inner, inner)} lies within {names.get(outer, outer)}", None
        return "apart", f"entities-apart: {names.get(x, x)} is not {names.get(y, y)} and neither lies within the other", None
    if kind is ValueKind.date:
        x, y = a.date, b.date
        if x.startswith(y) or y.startswith(x):
            return "agree", ("same-date" if x == y else f"date-within: {max(x, y, key=len)} lies within {min(x, y, key=len)}"), None
        return "apart", f"dates-apart: {x} and {y} do not overlap", None
    if fold(a.text) == fold(b.text):
        return "agree", "same-text", None
    return "incomparable", "free-text: different wording; only a reader can weigh it", Reason.free_text


# ------------------------------------------------------------------------------ pairs


def _time(claim: Claim, corpus: Corpus) -> str | None:
    return effective_when(claim, corpus)[0]


def _same_time(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and (a.startswith(b) or b.startswith(a))


def _scope_differences(a: Claim, b: Claim, names: dict[str, str]) -> list[str]:
    out = []
    for q in ("group", "place", "equipment"):
        x, y = getattr(a.entry, q), getattr(b.entry, q)
        if x != y:
            show = lambda v: "none" if v is None else (names.get(v, v) if q != "group" else repr(v))  # noqa: E731
            out.append(f"{q} {show(x)} against {show(y)}")
    return out


def _label(claim: Claim, names: dict[str, str], corpus: Corpus) -> str:
    when, inferred = effective_when(claim, corpus)
    when = f" in {when}" + (" (inferred from the printed time)" if inferred else "") if when else ""
    return f"{describe(claim.entry.value, names)}{when}"


def classify(a: Claim, b: Claim, corpus: Corpus, nest: Nesting | None = None, names: dict[str, str] | None = None) -> Comparison:
    """One pair with the same subject and functional property."""
    if b.key < a.key:
        a, b = b, a
    prop = PROPERTIES[a.entry.property]
    names = names if names is not None else entity_names(corpus)
    nest = nest if nest is not None else nesting(corpus)
    found, basis, why_not = compare_values(a.entry.value, b.entry.value, nest, names)
    head = f"{names.get(a.entry.subject, a.entry.subject)} · {prop.label}: {_label(a, names, corpus)} against {_label(b, names, corpus)}"
    reasons: list[Reason] = []
    notes: list[str] = []
    if found == "incomparable":
        verdict, reasons = Verdict.not_comparable, [why_not]
    elif found == "agree":
        verdict = Verdict.agree
    else:
        scope = _scope_differences(a, b, names)
        if scope:
            reasons.append(Reason.different_scope)
            notes.append("different scope: " + "; ".join(scope))
        if prop.changes and not _same_time(_time(a, corpus), _time(b, corpus)):
            reasons.append(Reason.different_time)
            ta, tb = (_time(c, corpus) or "an unstated time" for c in (a, b))
            notes.append(f"different time: {prop.label} changes over time, and these are {ta} and {tb}")
        verdict = Verdict.apparent if reasons else Verdict.contradiction
        if verdict is Verdict.contradiction:
            notes.append("same scope" + (" and time" if prop.changes else "") + ", so they cannot both hold")
    words = basis.split(": ", 1)[-1] if ": " in basis else basis.replace("-", " ")
    explanation = f"{head}: {words}" + ("; " + "; ".join(notes) if notes else "") + "."
    return Comparison(a.key, b.key, verdict, tuple(reasons), "same-property", basis.split(":")[0], explanation)


def _key_of(claim: Claim, where: str, corpus: Corpus, infer: bool = False) -> list[tuple[str, bool]]:
    """The equipment a rule or instance is about, and whether it was inferred."""
    if where == "subject":
        return [(claim.entry.subject, False)]
    if claim.entry.equipment or not infer:
        return [(claim.entry.equipment, False)] if claim.entry.equipment else []
    # a payment with no equipment named: what the same person defected with, if a claim says so
    flown = cached(corpus, "defected_with", lambda: _defected_with(corpus))
    return [(k, True) for k in sorted(flown.get(claim.entry.subject, ()))]


def _defected_with(corpus: Corpus) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for claim in corpus.claims.values():
        if claim.entry.property == "defected_with" and claim.status is not Status.deprecated:
            out[claim.entry.subject].add(claim.entry.value.entity)
    return out


def rule_pairs(relation: RuleRelation, by_property: dict[str, list[Claim]], corpus: Corpus) -> Iterator[Comparison]:
    nest, names = nesting(corpus), entity_names(corpus)
    rules: dict[str, list[Claim]] = defaultdict(list)
    for rule in by_property.get(relation.rule, ()):
        for key, _inferred in _key_of(rule, relation.rule_key, corpus):
            rules[key].append(rule)
    if not rules:
        return
    rule_label = PROPERTIES[relation.rule].label
    for inst in by_property.get(relation.instance, ()):
        done: set[str] = set()
        for key, inferred in _key_of(inst, relation.instance_key, corpus, infer=True):
            for kind in sorted({key} | nest.ancestors(key)):
                for rule in rules.get(kind, ()):
                    if rule.key in done:
                        continue
                    done.add(rule.key)
                    found, basis, why_not = compare_values(rule.entry.value, inst.entry.value, nest, names)
                    how = f"{names.get(key, key)} counts under {names.get(kind, kind)}" if kind != key else "the same equipment"
                    if inferred:
                        how += f" (inferred: {names.get(inst.entry.subject, inst.entry.subject)} defected with it, and the payment names no equipment)"
                    head = (
                        f"{names.get(rule.entry.subject, rule.entry.subject)} · {rule_label} for {names.get(kind, kind)}: "
                        f"{describe(rule.entry.value, names)} against {names.get(inst.entry.subject, inst.entry.subject)} · "
                        f"{PROPERTIES[relation.instance].label}: {describe(inst.entry.value, names)}"
                    )
                    words = basis.split(": ", 1)[-1]
                    if found == "apart":
                        words = "the payment lies outside the published figure"
                    if found == "incomparable":
                        verdict, reasons = Verdict.not_comparable, (why_not,)
                    elif found == "agree":
                        verdict, reasons = Verdict.agree, ()
                    else:
                        verdict, reasons = Verdict.apparent, (Reason.rule_against_instance,)
                        words += "; a rule against an instance, not a contradiction: one payment may differ from a published schedule"
                    yield Comparison(
                        rule.key,
                        inst.key,
                        verdict,
                        reasons,
                        f"rule-against-instance:{relation.rule}/{relation.instance}",
                        basis.split(":")[0],
                        f"{head}: {how}; {words}.",
                    )


def comparisons(corpus: Corpus) -> list[Comparison]:
    """Every pair the vocabulary says speak of the same quantity or relation, classified;
    sorted, so the same documents in any order give the same result."""
    return cached(corpus, "comparisons", lambda: _all(corpus))


def _all(corpus: Corpus) -> list[Comparison]:
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    by_property: dict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims.values():
        prop = claim.entry.property
        by_property[prop].append(claim)
        if PROPERTIES[prop].functional:
            groups[(claim.entry.subject, prop)].append(claim)
    out: list[Comparison] = []
    nest, names = nesting(corpus), entity_names(corpus)
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda c: c.key)
        # a pathological group (hundreds of figures for one subject and property) is compared
        # in full up to MAX_GROUP claims; beyond that each further claim is compared with the
        # first MAX_GROUP only, which keeps the work linear and still pairs every claim
        head, tail = group[:MAX_GROUP], group[MAX_GROUP:]
        for a, b in combinations(head, 2):
            out.append(classify(a, b, corpus, nest, names))
        for b in tail:
            for a in head:
                out.append(classify(a, b, corpus, nest, names))
    for relation in RULE_RELATIONS:
        out.extend(rule_pairs(relation, by_property, corpus))
    out.sort(key=lambda c: (c.left, c.right, c.rule))
    return out
