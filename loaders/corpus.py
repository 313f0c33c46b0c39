"""Curated files to validated, cross-checked records.

`load_corpus(data_dir)` reads every registry file, source file and bulk table, validates each
against the models, resolves every reference (suggesting the closest ids for a misspelt one),
checks that each claim's subject and value fit its property, and merges the appearances of one
proposition into one claim. It collects every problem of the run before raising, so a curator
sees all mistakes at once.
"""

from __future__ import annotations

import gc
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from ..schema import iris
from ..schema.errors import DataProblems, Problem, UnusableInput
from ..schema.models import ClaimEntry, Document, EntityBase, Registry, SourceFile, StanceEntry
from ..schema.vocab import PROPERTIES, EntityType, Status, ValueKind, closest
from .yamlsrc import Located, pydantic_problems, read_yaml

Where = tuple[Located, tuple]  # a file and a path in it, for reporting


@dataclass
class Appearance:
    entry: ClaimEntry
    document: str  # document id
    where: Where | None = None
    iri: str | None = None  # minted once by loaders.rdf.appearance_iri


@dataclass
class Claim:
    key: str  # readable content-addressed id, e.g. maxim-kuzminov--age--1f0c2a9b
    entry: ClaimEntry  # the first entry seen; carries the proposition
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def status(self) -> Status:
        return self.entry.status or Status.accepted


@dataclass
class Stance:
    """A document's stance on a claim, its target resolved to the claim's key."""

    entry: StanceEntry
    document: str
    target: str  # claim key
    from_hedge: bool = False  # derived from an `unverified` hedge, not curated as a stance


@dataclass
class Corpus:
    entities: dict[str, EntityBase] = field(default_factory=dict)  # every id, documents included
    source_documents: list[str] = field(default_factory=list)  # documents with curated claims, in file order
    claims: dict[str, Claim] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # document id -> sha256 of its source file
    stances: list[Stance] = field(default_factory=list)  # curated stances, in file order
    refs: dict[str, str] = field(default_factory=dict)  # a claim's `ref` handle -> its claim key

    def documents(self) -> dict[str, Document]:
        return {k: v for k, v in self.entities.items() if isinstance(v, Document)}

    def claims_in(self, document: str) -> Iterable[tuple[Claim, Appearance]]:
        for claim in self.claims.values():
            for app in claim.appearances:
                if app.document == document:
                    yield claim, app


def proposition(entry: ClaimEntry) -> dict[str, Any]:
    """What identifies a claim: everything but how one document tells it."""
    value = entry.value.model_dump(mode="json", exclude_defaults=True)
    prop = {"s": entry.subject, "p": entry.property, "v": value}
    for q in ("when", "place", "equipment", "group"):
        if getattr(entry, q) is not None:
            prop[q] = getattr(entry, q)
    return prop


def claim_key(entry: ClaimEntry) -> str:
    return iris.claim_id(entry.subject, entry.property, proposition(entry))


# Which entity types each reference field may point at.
_AGENTS = {EntityType.person, EntityType.organization, EntityType.unit}
_ENTITY_REFS: dict[str, set[EntityType]] = {
    "country": {EntityType.place},
    "within": {EntityType.place},
    "type": {EntityType.equipment_type},
    "broader": {EntityType.equipment_type},
    "outlet": {EntityType.organization},
    "issued_by": _AGENTS,
    "authors": {EntityType.person, EntityType.organization},
    "editors": {EntityType.person},
    "rereports": {EntityType.document},
    "derived_from": {EntityType.document},
}
_CLAIM_REFS: dict[str, set[EntityType]] = {
    "place": {EntityType.place},
    "equipment": {EntityType.equipment_type, EntityType.equipment_item},
    "speaker": _AGENTS,
    "on_behalf_of": {EntityType.organization, EntityType.unit},
    "cites": {EntityType.document},
}


class _Loader:
    def __init__(self, data_dir: Path):
        self.root = data_dir
        self.problems: list[Problem] = []
        self.corpus = Corpus()
        self.defined_at: dict[str, Where] = {}
        self.pending_refs: list[tuple[Where, str, set[EntityType]]] = []
        self.pending_claims: list[tuple[ClaimEntry, str, Where]] = []
        self.pending_stances: list[tuple[StanceEntry, str, Where]] = []
        self.ref_at: dict[str, Where] = {}

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    # ---------------------------------------------------------------- files

    def read(self, path: Path) -> Located | None:
        located, problems = read_yaml(path, self.display(path))
        self.problems.extend(problems)
        return located

    def define(self, entity: EntityBase, where: Where) -> None:
        if entity.id in self.defined_at:
            first_file, first_path = self.defined_at[entity.id]
            line, _ = first_file.where(first_path)
            self.problems.append(
                where[0].problem(where[1] + ("id",), f"duplicate id {entity.id!r} (first defined at {first_file.file}:{line})")
            )
            return
        self.defined_at[entity.id] = where
        self.corpus.entities[entity.id] = entity
        for fname, allowed in _ENTITY_REFS.items():
            value = getattr(entity, fname, None)
            for i, ref in enumerate(value if isinstance(value, list) else [value]):
                if ref is None:
                    continue
                path = where[1] + ((fname, i) if isinstance(value, list) else (fname,))
                self.pending_refs.append(((where[0], path), ref, allowed))

    def load_registry(self, path: Path) -> None:
        located = self.read(path)
        if located is None or located.data is None:
            return
        try:
            registry = Registry.model_validate(located.data)
        except ValidationError as exc:
            self.problems.extend(pydantic_problems(located, exc))
            registry = self._salvage_registry(located)
        sections = {s: getattr(registry, s) for s in Registry.model_fields}
        for section, items in sections.items():
            for i, entity in enumerate(items):
                self.define(entity, (located, (section, self._index(located, section, entity, i))))

    def _salvage_registry(self, located: Located) -> Registry:
        """Keep the valid entries of a file with errors, so reference checks still run."""
        from ..schema.models import ENTITY_MODELS

        good: dict[str, list] = {}
        if isinstance(located.data, dict):
            for section, items in located.data.items():
                model = ENTITY_MODELS.get(section)
                if model is None or not isinstance(items, list):
                    continue
                for item in items:
                    try:
                        good.setdefault(section, []).append(model.model_validate(item))
                    except ValidationError:
                        good.setdefault(section, [])
        return Registry.model_construct(**good)

    @staticmethod
    def _index(located: Located, section: str, entity: EntityBase, fallback: int) -> int:
        items = located.data.get(section) if isinstance(located.data, dict) else None
        if isinstance(items, list):
            # a clean file keeps its order: check the same position first (a scan per entity is quadratic)
            if fallback < len(items) and isinstance(items[fallback], dict) and items[fallback].get("id") == entity.id:
                return fallback
            for i, raw in enumerate(items):
                if isinstance(raw, dict) and raw.get("id") == entity.id:
                    return i
        return fallback

    def load_source(self, path: Path) -> None:
        located = self.read(path)
        if located is None:
            return
        if located.data is None:
            self.problems.append(located.problem((), "empty file: a source file needs a document"))
            return
        try:
            source = SourceFile.model_validate(located.data)
            document, claims, stances = source.document, list(enumerate(source.claims)), list(enumerate(source.stances))
        except ValidationError as exc:
            self.problems.extend(pydantic_problems(located, exc))
            salvaged = self._salvage_source(located)
            if salvaged is None:
                return
            document, claims, stances = salvaged
        self.define(document, (located, ("document",)))
        doc = document.id
        self.corpus.source_documents.append(doc)
        self.corpus.files[doc] = hashlib.sha256(path.read_bytes()).hexdigest()
        for i, entry in claims:
            self.pending_claims.append((entry, doc, (located, ("claims", i))))
        for i, stance in stances:
            self.pending_stances.append((stance, doc, (located, ("stances", i))))

    def _salvage_source(self, located: Located):
        data = located.data if isinstance(located.data, dict) else {}
        try:
            document = Document.model_validate(data.get("document"))
        except ValidationError:
            return None
        def valid(section: str, model) -> list:
            items = data.get(section)
            good = []
            for i, raw in enumerate(items if isinstance(items, list) else []):
                try:
                    good.append((i, model.model_validate(raw)))
                except ValidationError:
                    pass
            return good

        return document, valid("claims", ClaimEntry), valid("stances", StanceEntry)

    def load_tabular(self, path: Path) -> None:
        from .tabular import read_rows

        for entry, doc, where, problems in read_rows(path, self.display(path)):
            self.problems.extend(problems)
            if entry is not None:
                self.pending_claims.append((entry, doc, where))
                self.pending_refs.append((where_doc(where), doc, {EntityType.document}))

    # ---------------------------------------------------------------- checks

    def check_ref(self, where: Where, ref: str, allowed: set[EntityType]) -> EntityBase | None:
        entity = self.corpus.entities.get(ref)
        if entity is None:
            hint = closest(ref, self.corpus.entities)
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
            hint = closest(entry.property, PROPERTIES)
            msg = f"unknown property {entry.property!r}" + (f"; did you mean {', '.join(map(repr, hint))}?" if hint else "")
            self.problems.append(located.problem(path + ("property",), msg))
            return
        self.check_ref((located, path + ("subject",)), entry.subject, set(prop.subjects or EntityType))
        kind = entry.value.kind
        if kind not in prop.values:
            allowed = ", ".join(sorted(v.value for v in prop.values))
            self.problems.append(located.problem(path + ("value",), f"{entry.property} takes a {allowed} value, not a {kind.value}"))
        elif kind is ValueKind.entity:
            self.check_ref((located, path + ("value", "entity")), entry.value.entity, set(prop.targets or EntityType))
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

    def check_stance(self, entry: StanceEntry, doc: str, where: Where) -> None:
        located, path = where
        for fname, allowed in _CLAIM_REFS.items():
            value = getattr(entry, fname, None)
            for i, ref in enumerate(value if isinstance(value, list) else [value]):
                if ref is not None:
                    self.check_ref((located, path + ((fname, i) if isinstance(value, list) else (fname,))), ref, allowed)
        target = self.corpus.refs.get(entry.on) or (entry.on if entry.on in self.corpus.claims else None)
        if target is None:
            hint = closest(entry.on, list(self.corpus.refs) + list(self.corpus.claims))
            msg = f"unknown claim {entry.on!r}: give a claim a `ref:` handle and point at it, or use its claim key" + (
                f"; did you mean {', '.join(map(repr, hint))}?" if hint else ""
            )
            self.problems.append(located.problem(path + ("on",), msg))
            return
        self.corpus.stances.append(Stance(entry, doc, target))

    def run(self) -> Corpus:
        if not self.root.is_dir():
            raise UnusableInput(f"{self.root}: no such data directory")
        registry = sorted((self.root / "registry").glob("*.y*ml"))
        sources = sorted((self.root / "sources").glob("*.y*ml"))
        tables = sorted(p for p in (self.root / "tabular").glob("*") if p.suffix in (".csv", ".jsonl"))
        if not registry and not sources:
            raise UnusableInput(f"{self.root}: no registry/*.yaml or sources/*.yaml files: is this a dkg data directory?")
        for path in registry:
            self.load_registry(path)
        for path in sources:
            self.load_source(path)
        for path in tables:
            self.load_tabular(path)
        for where, ref, allowed in self.pending_refs:
            self.check_ref(where, ref, allowed)
        for entry, doc, where in self.pending_claims:
            before = len(self.problems)
            self.check_claim(entry, doc, where)
            if len(self.problems) == before:
                self.merge(entry, doc, where)
        for entry, doc, where in self.pending_stances:  # after every claim and handle is known
            self.check_stance(entry, doc, where)
        if self.problems:
            raise DataProblems(self.problems)
        for claim in self.corpus.claims.values():  # locations matter only while checking
            for app in claim.appearances:
                app.where = None
        self.pending_claims.clear()
        self.pending_refs.clear()
        self.pending_stances.clear()
        return self.corpus


def where_doc(where: Where) -> Where:
    return (where[0], where[1] + ("document",))


def load_corpus(data_dir: str | Path) -> Corpus:
    """Validate and cross-check a data directory; raise DataProblems listing every mistake."""
    with few_collections():
        return _Loader(Path(data_dir)).run()


@contextmanager
def few_collections(threshold: int = 200_000):
    """Run allocation-heavy work with the cyclic garbage collector called rarely.

    Loading a large corpus allocates millions of small objects that all stay alive; with the
    default threshold the collector walks the whole growing heap again and again (measured:
    a quarter of the load of 100k claims, a third of the pairwise comparisons). Nothing here
    makes reference cycles that need prompt collection."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], threshold), before[1], before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)
