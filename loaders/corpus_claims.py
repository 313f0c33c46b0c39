"""The loader's claims: each claim entry and stance checked against its property and its
references, then merged with the other appearances of the same proposition.

Part of the loader of loaders/corpus_loader.py (a mixin: the state it reads and writes is set
up there).
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from ..schema.categories import POSTS, SCHEMES
from ..schema.fold import fold
from ..schema.models import ClaimEntry, EntityBase, StanceEntry
from ..schema.units import currency_problem, figure_problem
from ..schema.vocab import PROPERTIES, EntityType, ValueKind, closest, suggest_property
from .corpus import Appearance, Claim, Stance, Where, claim_key

MAX_EXPONENT = 30  # figures from 1e-30 to 1e30 cover any count, sum or share a text can print


# Which entity types each reference field may point at: an entity's fields are declared in
# schema/declarations.py; those of the claim layer here.
_AGENTS = {EntityType.person, EntityType.organization, EntityType.unit}
_CLAIM_REFS: dict[str, set[EntityType]] = {
    "place": {EntityType.place},
    "equipment": {EntityType.equipment_type, EntityType.equipment_item},
    "speaker": _AGENTS,
    "on_behalf_of": {EntityType.organization, EntityType.unit},
    "cites": {EntityType.document},
}


# A bulk table may misspell one property or id on every row: each hint is worked out once
# (measured: 20,000 rows with property `agee` took 74 s to validate, 3.7 ms a row for the hint).
_suggest_property = lru_cache(maxsize=4096)(suggest_property)


class Claims:
    """References, claim entries and stances checked; appearances merged into claims."""

    def _closest_id(self, ref: str) -> list[str]:
        """The ids closest to an unknown one, once per unknown id of the run."""
        if ref not in self.id_hints:
            self.id_hints[ref] = closest(ref, self.corpus.entities)
        return self.id_hints[ref]

    def check_ref(self, where: Where, ref: str, allowed: set[EntityType]) -> EntityBase | None:
        entity = self.corpus.entities.get(ref)
        if entity is None and self._maybe_in_unreadable(ref):
            return None
        if entity is None:
            hint = self._closest_id(ref)
            msg = f"unknown id {ref!r}" + (f"; did you mean {', '.join(map(repr, hint))}?" if hint else "")
            self.problems.append(where[0].problem(where[1], msg))
            return None
        if entity.entity_type not in allowed:
            names = " or ".join(sorted(t.value for t in allowed))
            self.problems.append(
                where[0].problem(where[1], f"{ref!r} is a {entity.entity_type.value}; expected a {names}")
            )
            return None
        return entity

    def check_claim(self, entry: ClaimEntry, doc: str, where: Where) -> None:
        located, path = where
        prop = PROPERTIES.get(entry.property)
        if prop is None:
            subject = self.corpus.entities.get(entry.subject)
            hint = _suggest_property(entry.property, subject.entity_type if subject else None)
            shown = ", ".join(f"{h!r} ({PROPERTIES[h].label})" for h in hint)
            msg = f"unknown property {entry.property!r}" + (f"; did you mean {shown}? (`dkg vocab` lists them all)" if hint else "")
            self.problems.append(located.problem(path + ("property",), msg))
            return
        self.check_ref((located, path + ("subject",)), entry.subject, set(prop.subjects or EntityType))
        kind = entry.value.kind
        if kind not in prop.values:
            allowed = ", ".join(sorted(v.value for v in prop.values))
            self.problems.append(located.problem(path + ("value",), f"{entry.property} takes a {allowed} value, not a {kind.value}"))
        elif kind in (ValueKind.entity, ValueKind.post):
            self.check_ref((located, path + ("value", "entity")), entry.value.entity, set(prop.targets or EntityType))
            if kind is ValueKind.post and entry.value.post not in POSTS.by_name:
                hint = closest(entry.value.post, POSTS.by_name)
                msg = f"unknown post {entry.value.post!r}; posts are {', '.join(POSTS.by_name)}" + (f"; did you mean {hint[0]!r}?" if hint else "")
                self.problems.append(located.problem(path + ("value", "post"), msg))
        elif kind is ValueKind.text and prop.categories:
            scheme = SCHEMES[prop.categories]
            if scheme.match(entry.value.text) is None:
                hint = closest(fold(entry.value.text), list(scheme.by_wording))
                suggestion = f"; did you mean {scheme.by_wording[hint[0]]!r}?" if hint else ""
                msg = (
                    f"{entry.value.text!r} is not a {scheme.label} category{suggestion} ({', '.join(scheme.by_name)}; "
                    "`dkg vocab` lists them with their wordings); put the words as printed in `printed:`"
                )
                self.problems.append(located.problem(path + ("value", "text"), msg))
        elif kind is ValueKind.quantity:
            value = entry.value
            figures = [(("amount",), value.amount), (("min",), value.min), (("max",), value.max)]
            figures += [(("equivalents", i, "amount"), m.amount) for i, m in enumerate(value.equivalents)]
            for sub, number in figures:
                if number is None:
                    continue
                if not number.is_zero() and not -MAX_EXPONENT <= number.adjusted() <= MAX_EXPONENT:
                    # printed in full ("1e999999999" is a billion digits) it would exhaust memory
                    msg = f"{number:.3e} is not a plausible figure: write at most {MAX_EXPONENT} digits before or after the point"
                    self.problems.append(located.problem(path + ("value", *sub), msg))
                elif number < 0 and not prop.signed:
                    self.problems.append(
                        located.problem(path + ("value", *sub), f"{number} is negative; {entry.property} cannot be negative")
                    )
            if (wrong := figure_problem(entry.property, value.unit, value.currency)) is not None:
                self.problems.append(located.problem(path + ("value", wrong[0]), wrong[1]))
            for i, money in enumerate(value.equivalents):
                if (why := currency_problem(money.currency)) is not None:
                    self.problems.append(located.problem(path + ("value", "equivalents", i, "currency"), why))
        for fname, allowed in _CLAIM_REFS.items():
            value = getattr(entry, fname)
            for i, ref in enumerate(value if isinstance(value, list) else [value]):
                if ref is not None:
                    sub = path + ((fname, i) if isinstance(value, list) else (fname,))
                    self.check_ref((located, sub), ref, allowed)
        if entry.quote is not None and not entry.quote.strip():
            self.problems.append(located.problem(path + ("quote",), "empty quote: leave the field out instead"))

    def merge(self, entry: ClaimEntry, doc: str, where: Where) -> None:
        key = claim_key(entry)
        claim = self.corpus.claims.get(key)
        if claim is None:
            claim = self.corpus.claims[key] = Claim(key, entry)
        elif (entry.status, entry.status_reason) != (claim.entry.status, claim.entry.status_reason) and entry.status is not None:
            if claim.entry.status is None:
                claim.entry = entry
            else:
                self.problems.append(
                    where[0].problem(
                        where[1] + ("status",),
                        f"claim {key} has status {claim.entry.status.value} elsewhere; one claim has one status",
                    )
                )
        claim.appearances.append(Appearance(entry, doc, where))
        if entry.ref is not None:
            self.define_ref(entry.ref, key, where)

    def define_ref(self, ref: str, key: str, where: Where) -> None:
        """A claim's handle: unique across data/, so a stance anywhere can name the claim."""
        known = self.corpus.refs.get(ref)
        if known is None:
            self.corpus.refs[ref] = key
            self.ref_at[ref] = where
        elif known != key:
            first_file, first_path = self.ref_at[ref]
            line, _ = first_file.where(first_path)
            self.problems.append(
                where[0].problem(where[1] + ("ref",), f"duplicate claim ref {ref!r} (first given to another claim at {first_file.file}:{line})")
            )

    @cached_property
    def refused_refs(self) -> set[str]:
        """The handles of claim entries refused for problems of their own (already reported), read
        once every claim is merged: a stance or `part_of` naming one is not reported again as an
        unknown claim, which would send the curator after a handle that is spelt right."""
        return {entry.ref for entry, _doc, _where in self.pending_claims if entry.ref is not None} - set(self.corpus.refs)

    def check_part_of(self, entry: ClaimEntry, where: Where) -> None:
        """`part_of` names a claim with a figure for the same property (its `ref` or key)."""
        located, path = where
        key = self.corpus.refs.get(entry.part_of) or (entry.part_of if entry.part_of in self.corpus.claims else None)
        if key is None and entry.part_of in self.refused_refs:
            return
        if key is None:
            hint = closest(entry.part_of, list(self.corpus.refs))
            msg = f"unknown claim {entry.part_of!r}: give the total's claim a `ref:` handle and point at it" + (
                f"; did you mean {', '.join(map(repr, hint))}?" if hint else ""
            )
            self.problems.append(located.problem(path + ("part_of",), msg))
            return
        total = self.corpus.claims[key].entry
        if total.property != entry.property or entry.value.kind is not ValueKind.quantity or total.value.kind is not ValueKind.quantity:
            msg = f"part_of names a claim on {total.property}; a part and its total are figures of one property ({entry.property})"
            self.problems.append(located.problem(path + ("part_of",), msg))

    def check_stance(self, entry: StanceEntry, doc: str, where: Where) -> None:
        located, path = where
        for fname, allowed in _CLAIM_REFS.items():
            value = getattr(entry, fname, None)
            for i, ref in enumerate(value if isinstance(value, list) else [value]):
                if ref is not None:
                    self.check_ref((located, path + ((fname, i) if isinstance(value, list) else (fname,))), ref, allowed)
        target = self.corpus.refs.get(entry.on) or (entry.on if entry.on in self.corpus.claims else None)
        if target is None and entry.on in self.refused_refs:
            return
        if target is None:
            hint = closest(entry.on, list(self.corpus.refs) + list(self.corpus.claims))
            msg = f"unknown claim {entry.on!r}: give a claim a `ref:` handle and point at it, or use its claim key" + (
                f"; did you mean {', '.join(map(repr, hint))}?" if hint else ""
            )
            self.problems.append(located.problem(path + ("on",), msg))
            return
        self.corpus.stances.append(Stance(entry, doc, target))
        self._stance_wheres.append((entry, doc, where))
