"""Where the sources do not agree, and why: every pair of claims that speak of the same quantity
or relation, classified once at build time.

A journalist needs the reason more than a yes or no, so each pair gets exactly one verdict and
the rule that decided it:

- agree: the values can both hold (equal; intervals that meet; a place inside the other; a
  date of finer precision inside the coarser one; a unit part of the other; categories one of
  which implies the other or that can both hold; ages that fit one birth date);
- contradiction: only where the values are proved exclusive: figures, dates and entities apart
  at one scope and time; categories the vocabulary declares exclusive; ages that no birth date
  fits; a running total that falls; dates out of a declared order (ORDER_RULES); an event dated
  after the report that tells it as past;
- apparent disagreement: the values are apart, but the claims are not about the same thing:
  a different time (for a property that changes, when the times differ or one is not stated),
  a different scope (group, place or equipment qualifiers differ), or a rule against an
  instance (a published reward against one payment);
- not comparable: figures in different units, currencies with no conversion the text prints,
  and free text: differing words prove nothing ("shot dead" and "killed by gunfire"), so such
  pairs are listed for a reader to judge, never as contradictions.

Two relations make a pair that differs no disagreement at all, kept behind `--all`: parts of
one declared total (`part_of`), and a projection against the same origin's present figure.

Which pairs are compared is declared in the property vocabulary (schema/vocab.py), not here:
claims with the same subject and a *functional* property (one value at a time), posts in one
body, the rule relations of RULE_RELATIONS and the date orders of ORDER_RULES. Values of other
properties add up and are never paired (a person serves in several units). Nesting comes from
the registry (a place's `within`, an equipment type's `broader`, an item's `type`) and from
accepted `part_of` claims between units. Time and its arithmetic are in loaders/reasoning.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Iterator

from ..schema import iris
from ..schema.categories import POSTS, SCHEMES, SINGLE_HOLDER
from ..schema.figures import Interval, describe, interval
from ..schema.fold import fold
from ..schema.models import EquipmentItem, EquipmentType, Place, Value
from ..schema.vocab import ORDER_RULES, PROPERTIES, RULE_RELATIONS, Property, RuleRelation, Status, StrEnum, ValueKind
from . import reasoning
from .corpus import Claim, Corpus
from .provenance import cached, entity_names, origins_of, part_of_total

MAX_GROUP = 400  # claims of one subject and property compared pairwise; beyond it, see below


class Verdict(StrEnum):
    agree = "agree"
    contradiction = "contradiction"
    apparent = "apparent_disagreement"
    not_comparable = "not_comparable"


class Reason(StrEnum):
    # why the values cannot both hold (contradictions)
    values_apart = "values_apart"
    rate_of_change = "rate_of_change"
    temporal_order = "temporal_order"
    exclusive_categories = "exclusive_categories"
    different_perpetrators = "different_perpetrators"
    # why values apart need not disagree (apparent disagreements)
    different_time = "different_time"
    different_scope = "different_scope"
    rule_against_instance = "rule_against_instance"
    # why they cannot be weighed (not comparable)
    different_unit = "different_unit"
    no_conversion = "no_conversion"
    free_text = "free_text"


class Relation(StrEnum):
    """Why a pair that differs is no disagreement (listed only with --all)."""

    part_of_whole = "part_of_whole"
    own_projection = "own_projection"
    same_origin_scope = "same_origin"  # one origin's own figures for different groups, places or equipment


@dataclass(frozen=True)
class Comparison:
    left: str  # claim key; the rule in a rule-against-instance pair, the earlier date in an order rule, else the smaller key
    right: str  # the same claim as left for an event dated after its own report
    verdict: Verdict
    reasons: tuple[Reason, ...]
    rule: str  # which rule paired them: "same-property", "rule-against-instance:<rule>/<instance>", "order:<earlier>/<later>" ...
    basis: str  # what the value test found: "intervals-meet", "place-within", "dates-apart" ...
    explanation: str  # one sentence a reader can check
    relation: Relation | None = None
    cross_origin: bool = True  # the two claims rest on different origins (or unknown ones)


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
        # people the registry describes without identifying them ("an unknown gunman"): never
        # proved to be someone else
        self.unidentified = frozenset(k for k, e in corpus.entities.items() if getattr(e, "named", True) is False)

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


@dataclass(frozen=True)
class Found:
    """What comparing two values found: agree, apart or incomparable, the basis (a short code),
    the words that say why, and the reason when apart or incomparable."""

    outcome: str
    basis: str
    words: str
    reason: Reason | None = None


def compare_values(a: Value, b: Value, nest: Nesting, names: dict[str, str], prop: Property | None = None) -> Found:
    kind = a.kind
    if kind is not b.kind:
        return Found("incomparable", "kinds-differ", f"a {kind.value} against a {b.kind.value}", Reason.free_text)
    if kind is ValueKind.quantity:
        left, right, note = _figure_intervals(a, b)
        if left is None:
            return Found("incomparable", "units-differ", note, right)
        if left.meets(right):
            return Found("agree", "intervals-meet", f"the figures can both hold{note}")
        return Found("apart", "intervals-apart", f"the figures do not meet{note}", Reason.values_apart)
    if kind in (ValueKind.entity, ValueKind.post):
        x, y = a.entity, b.entity
        if kind is ValueKind.post:
            if not (nest.within(x, y) or nest.within(y, x)):
                return Found("agree", "different-bodies", f"posts in {names.get(x, x)} and {names.get(y, y)} can be held together")
            relation, words = POSTS.relation(a.post, b.post)
            if relation == "exclusive":
                return Found("apart", "exclusive-posts", words + f" in {names.get(x, x)}", Reason.exclusive_categories)
            return Found("agree", "same-post" if relation == "same" else "compatible-posts", words)
        if x == y:
            return Found("agree", "same-entity", f"both name {names.get(x, x)}")
        if nest.within(x, y) or nest.within(y, x):
            inner, outer = (x, y) if nest.within(x, y) else (y, x)
            return Found("agree", "within", f"{names.get(inner, inner)} lies within {names.get(outer, outer)}")
        unnamed = [e for e in (x, y) if e in nest.unidentified]
        if unnamed:  # "an unknown gunman" may be anyone, the other named one included
            return Found("agree", "unidentified", f"{names.get(unnamed[0], unnamed[0])} is not identified, so it may be {names.get(y if unnamed[0] == x else x)}")
        reason = Reason.different_perpetrators if prop is not None and prop.agency else Reason.values_apart
        return Found("apart", "entities-apart", f"{names.get(x, x)} is not {names.get(y, y)} and neither lies within the other", reason)
    if kind is ValueKind.date:
        x, y = reasoning.date_span(a), reasoning.date_span(b)
        if x.meets(y):
            same = a.date == b.date and a.bound is b.bound
            return Found("agree", "same-date" if same else "date-within", "the same date" if same else f"{describe(a)} and {describe(b)} overlap")
        return Found("apart", "dates-apart", f"{describe(a)} and {describe(b)} do not overlap", Reason.values_apart)
    if prop is not None and prop.categories:
        scheme = SCHEMES[prop.categories]
        ca, cb = scheme.match(a.text), scheme.match(b.text)
        if ca and cb:
            relation, words = scheme.relation(ca, cb)
            if relation == "exclusive":
                return Found("apart", "exclusive-categories", words, Reason.exclusive_categories)
            return Found("agree", {"same": "same-category", "implies": "category-implies"}.get(relation, "compatible-categories"), words)
    if fold(a.text) == fold(b.text):
        return Found("agree", "same-text", "the same words")
    return Found("incomparable", "free-text", "different wording, which proves nothing either way: only a reader can weigh it", Reason.free_text)


# ------------------------------------------------------------------------------ pairs


def _scope_differences(a: Claim, b: Claim, names: dict[str, str]) -> list[str]:
    out = []
    for q in ("group", "place", "equipment"):
        x, y = getattr(a.entry, q), getattr(b.entry, q)
        if x != y:
            show = lambda v: "none" if v is None else (names.get(v, v) if q != "group" else f"\u201c{v}\u201d")  # noqa: E731
            out.append(f"{q} {show(x)} against {show(y)}")
    return out


def _origins(claim: Claim, corpus: Corpus) -> frozenset[str]:
    """Where a claim comes from, for telling one origin's own figures from a disagreement: as
    for corroboration, except that what a document says in its own voice comes from its outlet
    (Mediazona's own count on Mediazona's page is Mediazona's)."""
    memo = cached(corpus, "claim-origins", dict)
    if claim.key not in memo:
        memo[claim.key] = frozenset(o for app in claim.appearances for o in origins_of(app.entry, app.document, corpus, own_voice=True))
    return memo[claim.key]


def _cross_origin(a: Claim, b: Claim, corpus: Corpus) -> bool:
    """Whether the claims rest on different origins; claims of unknown origin are never taken to share one."""
    oa, ob = _origins(a, corpus), _origins(b, corpus)
    return oa != ob or iris.UNKNOWN_ORIGIN in oa


def _part_relation(a: Claim, b: Claim, corpus: Corpus) -> str | None:
    """'part-total' when one is declared a part of the other, 'parts' when both are parts of one total."""
    pa, pb = part_of_total(a, corpus), part_of_total(b, corpus)
    if pa == b.key or pb == a.key:
        return "part-total"
    if pa is not None and pa == pb:
        return "parts"
    return None


def _side(claim: Claim, names: dict[str, str], ats: list[reasoning.At], corpus: Corpus) -> str:
    return f"{describe(claim.entry.value, names)} ({reasoning.time_words(ats) if ats else reasoning.no_time_words(claim, corpus)})"


def classify(a: Claim, b: Claim, corpus: Corpus, nest: Nesting | None = None, names: dict[str, str] | None = None) -> Comparison:
    """One pair with the same subject and functional property (or posts in one body)."""
    if b.key < a.key:
        a, b = b, a
    prop = PROPERTIES[a.entry.property]
    names = names if names is not None else entity_names(corpus)
    nest = nest if nest is not None else nesting(corpus)
    ta, tb = reasoning.times(a, corpus), reasoning.times(b, corpus)
    found = compare_values(a.entry.value, b.entry.value, nest, names, prop)
    head = f"{names.get(a.entry.subject, a.entry.subject)} \u00b7 {prop.label}: {_side(a, names, ta, corpus)} against {_side(b, names, tb, corpus)}"
    scope = _scope_differences(a, b, names)
    parts = _part_relation(a, b, corpus)
    cross = _cross_origin(a, b, corpus)
    relation = None
    reasons: tuple[Reason, ...] = ()
    basis, why = found.basis, found.words
    if found.outcome == "incomparable":
        verdict, reasons = Verdict.not_comparable, (found.reason,)
    elif prop.growth == "age" and not scope and ta and tb:
        ok, why = reasoning.ages_agree(a, b, ta, tb)
        verdict, basis = (Verdict.agree, "consistent-change") if ok else (Verdict.contradiction, "rate-of-change")
        # two ages at one time differ by value; at different times, by the arithmetic of change
        reasons = () if ok else ((Reason.values_apart,) if reasoning.same_time(ta, tb) and found.outcome == "apart" else (Reason.rate_of_change,))
    elif parts is not None:
        relation = Relation.part_of_whole
        verdict, reasons = Verdict.apparent, (Reason.different_scope,)
        if parts == "part-total":
            part, total = (a, b) if part_of_total(a, corpus) == b.key else (b, a)
            pi, ti = interval(part.entry.value), interval(total.entry.value)
            if pi is not None and ti is not None and pi.low is not None and ti.high is not None and pi.low > ti.high:
                verdict, reasons, basis, relation = Verdict.contradiction, (Reason.values_apart,), "part-exceeds-total", None
                why = "a part cannot exceed the total it is declared part of"
            else:
                basis = "part-of-total"
                why = f"{describe(part.entry.value, names)} is declared part of the total {describe(total.entry.value, names)}, so they count different things"
        else:
            basis = "parts-of-one-total"
            why = "both are declared parts of one total, so they count different things"
    elif scope:
        verdict, reasons = Verdict.apparent, (Reason.different_scope,)
        why = f"{found.words}; different scope: " + "; ".join(scope)
        if prop.changes and not reasoning.same_time(ta, tb) and found.outcome != "agree":
            reasons += (Reason.different_time,)
            why += f"; {prop.label} can change over time, and " + ("these hold at different times" if ta and tb else "a time is not stated")
        if not cross:
            relation = Relation.same_origin_scope
            why += "; one origin's own figures for different things, not a disagreement"
    elif found.outcome == "agree":
        verdict = Verdict.agree
    else:
        notes, why_reasons = [], []  # the scope is the same here: only time can tell them apart
        if prop.changes and not reasoning.simultaneous(ta, tb):
            why_reasons.append(Reason.different_time)
            if not ta or not tb:
                which = "neither states a time" if not ta and not tb else f"{'the first' if not ta else 'the second'} states no time"
                notes.append(f"{prop.label} can change over time and {which}, so they need not disagree")
            elif reasoning.same_time(ta, tb):
                notes.append(f"{prop.label} can change over time, and these times need not be the same day")
            else:
                notes.append(f"{prop.label} can change over time, and these hold at different times")
        fell = _falls(a, b, ta, tb, prop) if prop.cumulative and ta and tb else None
        if fell and fell[0]:
            verdict, reasons, basis, why = Verdict.contradiction, (Reason.rate_of_change,), "total-falls", fell[1]
        elif fell:
            verdict, reasons, basis, why = Verdict.agree, (), "consistent-change", fell[1]
        elif why_reasons:
            verdict, reasons, why = Verdict.apparent, tuple(why_reasons), f"{found.words}; " + "; ".join(notes)
        else:
            verdict, reasons = Verdict.contradiction, (found.reason or Reason.values_apart,)
            why = f"{why}; same scope" + (" and time" if prop.changes else "") + ", so they cannot both hold"
    if verdict is not Verdict.agree and verdict is not Verdict.contradiction and not cross:
        if reasoning.is_forecast(a, corpus) != reasoning.is_forecast(b, corpus):
            relation = Relation.own_projection
            why += "; one is the same origin's own projection of the other, not a disagreement"
    return Comparison(a.key, b.key, verdict, reasons, "same-property", basis, f"{head}: {why}.", relation, cross)


def _falls(a: Claim, b: Claim, ta, tb, prop: Property) -> tuple[bool, str] | None:
    """For a running total at two times one wholly before the other: (True, words) when the
    earlier figure is larger than the later one can be (it fell), (False, words) when it can
    have grown into it; None when the times do not settle an order. Only for times that are
    points (a report's date, a month or a day): a year written as `when` may be the period a
    count covers."""
    points = lambda ats: [t for t in ats if t.inferred or len(t.time) > 4]  # noqa: E731
    for x, y, vx, vy in ((a, b, ta, tb), (b, a, tb, ta)):
        ix, iy = interval(x.entry.value), interval(y.entry.value)
        if ix is None or iy is None:
            continue
        for t1 in points(vx):
            for t2 in points(vy):
                if not reasoning.span(t1.time).before(reasoning.span(t2.time)):
                    continue
                if ix.low is not None and iy.high is not None and ix.low > iy.high:
                    return True, (
                        f"{prop.label} is a running total, which never falls: {describe(x.entry.value)} {t1.words} "
                        f"is more than {describe(y.entry.value)} {t2.words}"
                    )
                return False, (
                    f"{prop.label} is a running total: {describe(x.entry.value)} {t1.words} can have grown to "
                    f"{describe(y.entry.value)} {t2.words}"
                )
    return None


def post_pairs(claims: list[Claim], corpus: Corpus, nest: Nesting, names: dict[str, str]) -> Iterator[Comparison]:
    """Posts: one person's posts in one body (a post and its deputy exclude each other at one
    time), and one body's single-holder post held by two people (one at a time)."""
    by_person: dict[str, list[Claim]] = defaultdict(list)
    by_seat: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        by_person[claim.entry.subject].append(claim)
        v = claim.entry.value
        if v.post in POSTS.by_name and POSTS.closure(v.post) & SINGLE_HOLDER:
            by_seat[(v.entity, v.post)].append(claim)
    for group in by_person.values():
        group.sort(key=lambda c: c.key)
        for a, b in combinations(group, 2):
            x, y = a.entry.value.entity, b.entry.value.entity
            if nest.within(x, y) or nest.within(y, x):
                yield classify(a, b, corpus, nest, names)
    for (body, post), group in sorted(by_seat.items()):
        group.sort(key=lambda c: c.key)
        for a, b in combinations(group, 2):
            if a.entry.subject == b.entry.subject:
                continue
            ta, tb = reasoning.times(a, corpus), reasoning.times(b, corpus)
            label = f"{POSTS.by_name[post].label} of {names.get(body, body)}"
            head = f"{label}: {names.get(a.entry.subject, a.entry.subject)} ({reasoning.time_words(ta)}) against {names.get(b.entry.subject, b.entry.subject)} ({reasoning.time_words(tb)})"
            cross = _cross_origin(a, b, corpus)
            if reasoning.simultaneous(ta, tb):
                yield Comparison(a.key, b.key, Verdict.contradiction, (Reason.exclusive_categories,), f"single-holder:{post}", "two-holders",
                                 f"{head}: one person holds that post at a time, and these are the same time.", None, cross)
            else:
                yield Comparison(a.key, b.key, Verdict.apparent, (Reason.different_time,), f"single-holder:{post}", "successive-holders",
                                 f"{head}: one person holds that post at a time, and " + ("these hold at different times." if ta and tb else "a time is not stated, so one may have followed the other."), None, cross)


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
                    found = compare_values(rule.entry.value, inst.entry.value, nest, names)
                    how = f"{names.get(key, key)} counts under {names.get(kind, kind)}" if kind != key else "the same equipment"
                    if inferred:
                        how += f" (inferred: {names.get(inst.entry.subject, inst.entry.subject)} defected with it, and the payment names no equipment)"
                    head = (
                        f"{names.get(rule.entry.subject, rule.entry.subject)} \u00b7 {rule_label} for {names.get(kind, kind)}: "
                        f"{describe(rule.entry.value, names)} against {names.get(inst.entry.subject, inst.entry.subject)} \u00b7 "
                        f"{PROPERTIES[relation.instance].label}: {describe(inst.entry.value, names)}"
                    )
                    words = found.words
                    if found.outcome == "incomparable":
                        verdict, reasons = Verdict.not_comparable, (found.reason,)
                    elif found.outcome == "agree":
                        verdict, reasons = Verdict.agree, ()
                    else:
                        verdict, reasons = Verdict.apparent, (Reason.rule_against_instance,)
                        words = "the payment lies outside the published figure, which is a rule against one case, not a contradiction: one payment may differ from a published schedule"
                    yield Comparison(
                        rule.key, inst.key, verdict, reasons, f"rule-against-instance:{relation.rule}/{relation.instance}",
                        found.basis, f"{head}: {how}; {words}.", None, _cross_origin(rule, inst, corpus),
                    )


def order_pairs(by_subject_property: dict[tuple[str, str], list[Claim]], corpus: Corpus, names: dict[str, str]) -> Iterator[Comparison]:
    """Dates of one subject in a declared order (ORDER_RULES): broken, a contradiction naming the rule."""
    subjects = sorted({s for s, _p in by_subject_property})
    for rule in ORDER_RULES:
        for subject in subjects:
            for a in by_subject_property.get((subject, rule.earlier), ()):
                for b in by_subject_property.get((subject, rule.later), ()):
                    broken = reasoning.order_broken(a.entry.value, b.entry.value, rule.strict)
                    head = (
                        f"{names.get(subject, subject)}: {PROPERTIES[rule.earlier].label} {describe(a.entry.value)} against "
                        f"{PROPERTIES[rule.later].label} {describe(b.entry.value)}"
                    )
                    if broken:
                        yield Comparison(a.key, b.key, Verdict.contradiction, (Reason.temporal_order,), f"order:{rule.earlier}/{rule.later}",
                                         "order-broken", f"{head}: {rule.description}, and these dates break that order.", None, _cross_origin(a, b, corpus))
                    else:
                        yield Comparison(a.key, b.key, Verdict.agree, (), f"order:{rule.earlier}/{rule.later}",
                                         "order-holds", f"{head}: {rule.description}, and these dates keep that order.", None, _cross_origin(a, b, corpus))


def reported_before_pairs(claims: list[Claim], corpus: Corpus, names: dict[str, str]) -> Iterator[Comparison]:
    """An event dated after a document that reports it as past: the claim against its report."""
    docs = corpus.entities
    for claim in claims:
        for doc, published in reasoning.reported_before(claim, corpus):
            e = claim.entry
            yield Comparison(
                claim.key, claim.key, Verdict.contradiction, (Reason.temporal_order,), f"reported-before:{doc}", "after-its-report",
                f"{names.get(e.subject, e.subject)} \u00b7 {PROPERTIES[e.property].label}: {describe(e.value)} against "
                f"\u201c{docs[doc].name}\u201d of {published}, which reports it as past: an event cannot be reported before it happens.",
                None, False,
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
        if PROPERTIES[prop].functional or any(prop in (r.earlier, r.later) for r in ORDER_RULES):
            groups[(claim.entry.subject, prop)].append(claim)
    out: list[Comparison] = []
    nest, names = nesting(corpus), entity_names(corpus)
    for (_subject, prop), group in groups.items():
        if len(group) < 2 or not PROPERTIES[prop].functional:
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
    out.extend(post_pairs(by_property.get("post", []), corpus, nest, names))
    for relation in RULE_RELATIONS:
        out.extend(rule_pairs(relation, by_property, corpus))
    out.extend(order_pairs(groups, corpus, names))
    happened = [c for name, cs in by_property.items() if PROPERTIES[name].happened for c in cs]
    out.extend(reported_before_pairs(happened, corpus, names))
    out.sort(key=lambda c: (c.left, c.right, c.rule))
    return out
