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
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from ..schema import iris
from ..schema.declarations import references
from ..schema.errors import DataProblems, Problem, UnusableInput
from ..schema.categories import POSTS, SCHEMES
from ..schema.fold import fold
from ..schema.models import ENTITY_MODELS, ClaimEntry, Document, EntityBase, Registry, SourceFile, StanceEntry
from ..schema.units import currency_problem, figure_problem
from ..schema.vocab import PROPERTIES, EntityType, Status, ValueKind, closest, suggest_property
from .yamlsrc import MAX_YAML_BYTES, Located, pydantic_problems, read_yaml

Where = tuple[Located, tuple]  # a file and a path in it, for reporting


@dataclass
class Appearance:
    entry: ClaimEntry
    document: str  # document id
    where: Where | None = None
    iri: str | None = None  # minted once by loaders.rdf.appearance_iri
    anchor: Any = None  # where its quote sits in the article's text (loaders.texts.Anchor), when checked


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
    anchor: Any = None  # where its quote sits in the article's text, when checked


@dataclass
class QuoteReport:
    """What `--texts` checked: quotes, printed values and times found verbatim in their texts."""

    texts: str
    checked: int = 0
    unchecked: int = 0  # in documents whose text is not in the folder
    missing: list[str] = field(default_factory=list)  # documents with no text there (or no `file:`)


@dataclass
class Corpus:
    entities: dict[str, EntityBase] = field(default_factory=dict)  # every id, documents included
    source_documents: list[str] = field(default_factory=list)  # documents with curated claims, in file order
    claims: dict[str, Claim] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # document id -> sha256 of its source file
    stances: list[Stance] = field(default_factory=list)  # curated stances, in file order
    refs: dict[str, str] = field(default_factory=dict)  # a claim's `ref` handle -> its claim key
    quotes: QuoteReport | None = None  # what checking quotes against the article texts found
    warnings: list[Problem] = field(default_factory=list)  # what a curator should look at; never fails a run

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


MAX_EXPONENT = 30  # figures from 1e-30 to 1e30 cover any count, sum or share a text can print

# Which entity types each reference field may point at: an entity's fields are declared in
# schema/declarations.py; those of the claim layer here.
_AGENTS = {EntityType.person, EntityType.organization, EntityType.unit}
_ENTITY_REFS: dict[EntityType, list[tuple[str, set[EntityType]]]] = {
    t: [(f.name, set(f.targets)) for f in references(t)] for t in EntityType
}
_CLAIM_REFS: dict[str, set[EntityType]] = {
    "place": {EntityType.place},
    "equipment": {EntityType.equipment_type, EntityType.equipment_item},
    "speaker": _AGENTS,
    "on_behalf_of": {EntityType.organization, EntityType.unit},
    "cites": {EntityType.document},
}


class _Loader:
    def __init__(self, data_dir: Path, texts: Path | None = None):
        self.root = data_dir
        self.texts = texts
        self.problems: list[Problem] = []
        self.corpus = Corpus()
        self.defined_at: dict[str, Where] = {}
        self.pending_refs: list[tuple[Where, str, set[EntityType]]] = []
        self.pending_claims: list[tuple[ClaimEntry, str, Where]] = []
        self.unreadable: dict[str, tuple[Path, Problem]] = {}  # display name -> (path, its problem)
        self.follow_on: dict[str, list[str]] = {}  # unreadable file -> unknown ids it may define
        self._texts: dict[Path, str] = {}
        self.pending_stances: list[tuple[StanceEntry, str, Where]] = []
        self.ref_at: dict[str, Where] = {}
        self.pending_extensions: list[tuple[Any, Where]] = []
        self.modified: dict[str, int] = {}  # displayed file name -> modification time, for "which came later"
        self._stance_wheres: list[tuple[StanceEntry, str, Where]] = []

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    # ---------------------------------------------------------------- files

    def read(self, path: Path) -> Located | None:
        try:
            self.modified[self.display(path)] = path.stat().st_mtime_ns
        except OSError:
            pass
        located, problems = read_yaml(path, self.display(path))
        self.problems.extend(problems)
        if located is None and problems:
            self.unreadable[problems[0].file] = (path, problems[0])
        return located

    def define(self, entity: EntityBase, where: Where) -> None:
        if entity.id in self.defined_at:
            # report at the definition a curator added last (the file changed most recently),
            # naming the one that was there before: that is where the mistake is to mend
            earlier, later = self.defined_at[entity.id], where
            if self.modified.get(where[0].file, 0) < self.modified.get(earlier[0].file, 0):
                earlier, later = later, earlier
            line, _ = earlier[0].where(earlier[1])
            self.problems.append(
                later[0].problem(
                    later[1] + ("id",),
                    f"duplicate id {entity.id!r} (already defined at {earlier[0].file}:{line}; to add names to it, use `extend:`)",
                )
            )
            return
        self.defined_at[entity.id] = where
        self.corpus.entities[entity.id] = entity
        for fname, allowed in _ENTITY_REFS[entity.entity_type]:
            value = getattr(entity, fname)
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
        for section in ENTITY_MODELS:
            for i, entity in enumerate(getattr(registry, section)):
                self.define(entity, (located, (section, self._index(located, section, entity, i))))
        for i, extension in enumerate(getattr(registry, "extend", None) or []):
            self.pending_extensions.append((extension, (located, ("extend", self._index(located, "extend", extension, i)))))

    def extend(self, extension, where: Where) -> None:
        """Add a registry file's extra names to an entity defined in another file."""
        entity = self.corpus.entities.get(extension.id)
        if entity is None:
            hint = closest(extension.id, self.corpus.entities)
            msg = f"unknown id {extension.id!r}: `extend` adds names to an entity defined elsewhere" + (
                f"; did you mean {', '.join(map(repr, hint))}?" if hint else ""
            )
            self.problems.append(where[0].problem(where[1] + ("id",), msg))
            return
        merged = {
            name: list(dict.fromkeys([*getattr(entity, name), *getattr(extension, name)]))
            for name in ("aliases", "transliterations")
        }
        self.corpus.entities[extension.id] = entity.model_copy(update=merged)

    def _salvage_registry(self, located: Located) -> Registry:
        """Keep the valid entries of a file with errors, so reference checks still run."""
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
        if path.stem != doc:
            self.problems.append(
                located.problem(
                    ("document", "id"),
                    f"the file is named {path.name!r} but holds document {doc!r}: a source file is named after its document "
                    f"(rename it to {doc}{path.suffix})",
                )
            )
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
        if entity is None and self._maybe_in_unreadable(ref):
            return None
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

    def _maybe_in_unreadable(self, ref: str) -> bool:
        """True (and noted) when an unknown id appears in the text of a file that could not be
        read: that file probably defines it, and its own problem is the one to fix first."""
        token = re.compile(rf"(?<![\w-]){re.escape(ref)}(?![\w-])")
        for name, (path, _) in self.unreadable.items():
            if token.search(self._unreadable_text(path)):
                self.follow_on.setdefault(name, []).append(ref)
                return True
        return False

    def _unreadable_text(self, path: Path) -> str:
        if path not in self._texts:
            try:
                with path.open("rb") as fh:  # an oversized file: its first part is enough
                    self._texts[path] = fh.read(MAX_YAML_BYTES).decode("utf-8", errors="replace")
            except OSError:
                self._texts[path] = ""
        return self._texts[path]

    def summarise_follow_on(self) -> None:
        for name, refs in self.follow_on.items():
            first = self.unreadable[name][1]
            ids = sorted(set(refs))
            shown = ", ".join(map(repr, ids[:5])) + (", ..." if len(ids) > 5 else "")
            self.problems.append(
                Problem(
                    name, first.line, first.column, "",
                    f"{len(refs)} reference(s) elsewhere to {len(ids)} unknown id(s) that this unreadable file "
                    f"mentions ({shown}) were not reported: fix this file first",
                    True,
                )
            )

    def check_claim(self, entry: ClaimEntry, doc: str, where: Where) -> None:
        located, path = where
        prop = PROPERTIES.get(entry.property)
        if prop is None:
            subject = self.corpus.entities.get(entry.subject)
            hint = suggest_property(entry.property, subject.entity_type if subject else None)
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

    def check_quotes(self) -> None:
        """Every quote, printed value and printed time verbatim in its article's text, each one
        located there; a miss is a problem at the field, with the closest passage of the text."""
        from .texts import anchor, closest_passage

        report = self.corpus.quotes = QuoteReport(str(self.texts))
        if not self.texts.is_dir():
            raise UnusableInput(f"{self.texts}: no such folder of article texts (--texts / $DKG_TEXTS)")
        documents = self.corpus.documents()
        cache: dict[str, str | None] = {}

        def text_of(doc_id: str) -> str | None:
            if doc_id not in cache:
                name = documents[doc_id].file
                path = self.texts / name if name else None
                try:
                    cache[doc_id] = path.read_text(encoding="utf-8") if path and path.is_file() else None
                except (OSError, UnicodeDecodeError) as exc:
                    self.problems.append(Problem(str(path), 1, 1, "", f"cannot read the article text: {exc}"))
                    cache[doc_id] = None
                if cache[doc_id] is None and doc_id not in report.missing:
                    report.missing.append(doc_id)
            return cache[doc_id]

        def check(owner, fields: tuple[str, ...], doc_id: str, where: Where | None) -> None:
            for name in fields:
                said = getattr(owner.entry, name, None)
                if not said:
                    continue
                text = text_of(doc_id)
                if text is None:
                    report.unchecked += 1
                    continue
                report.checked += 1
                found = anchor(said, text)
                if found is not None:
                    if name == "quote":
                        owner.anchor = found
                    continue
                if where is None:  # a stance read from a hedge has no words of its own
                    continue
                near = closest_passage(said, text)
                hint = f"; the closest passage is \u00ab{near}\u00bb" if near else ""
                self.problems.append(where[0].problem(where[1] + (name,), f"not found verbatim in {documents[doc_id].file}{hint}"))

        for claim in self.corpus.claims.values():
            for app in claim.appearances:
                check(app, ("quote", "printed", "when_printed"), app.document, app.where)
        for stance, (_entry, doc, where) in zip(self.corpus.stances, self._stance_wheres):
            check(stance, ("quote",), doc, where)

    def check_part_of(self, entry: ClaimEntry, where: Where) -> None:
        """`part_of` names a claim with a figure for the same property (its `ref` or key)."""
        located, path = where
        key = self.corpus.refs.get(entry.part_of) or (entry.part_of if entry.part_of in self.corpus.claims else None)
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
        if target is None:
            hint = closest(entry.on, list(self.corpus.refs) + list(self.corpus.claims))
            msg = f"unknown claim {entry.on!r}: give a claim a `ref:` handle and point at it, or use its claim key" + (
                f"; did you mean {', '.join(map(repr, hint))}?" if hint else ""
            )
            self.problems.append(located.problem(path + ("on",), msg))
            return
        self.corpus.stances.append(Stance(entry, doc, target))
        self._stance_wheres.append((entry, doc, where))

    def discover(self, folder: str) -> list[Path]:
        """The files of one folder and its subfolders, sorted (see `data_files`); a link that
        leads outside the data directory, or anything but a regular file (a FIFO would block the
        read), is a problem and is skipped; a file of another kind is named in a warning."""
        root = self.root.resolve()
        found, skipped = data_files(self.root, folder)
        for path, why in skipped:
            self.corpus.warnings.append(Problem(self.display(path), 1, 1, "", why))
        keep = []
        for path in found:
            try:
                real = path.resolve()
            except (OSError, RuntimeError):  # a loop of links
                real = path
            if not real.is_relative_to(root):
                why = f"is a symbolic link to {real}, outside the data directory; refused (copy the file into {self.root} instead)"
            elif not real.is_file():
                why = "is not a regular file; refused"
            else:
                keep.append(path)
                continue
            self.problems.append(Problem(self.display(path), 1, 1, "", why, True))
        return keep

    def check_names(self) -> None:
        """Warnings, not problems: a word that mixes look-alike scripts (a Cyrillic "а" typed
        inside a Latin name never matches a search for the name), and a name or alias that an
        earlier entity already has (two records of one thing, or a name that needs a qualifier)."""
        first: dict[str, tuple[str, str]] = {}  # a name as compared -> (entity id, where it is)
        for eid, entity in self.corpus.entities.items():
            located, path = self.defined_at[eid]
            names = [("name", None, entity.name)]
            names += [(f, i, n) for f in ("aliases", "transliterations") for i, n in enumerate(getattr(entity, f))]
            for fname, i, name in names:
                at = path + ((fname,) if i is None else (fname, i))
                if (mixed := mixed_scripts(name)) is not None:
                    self.corpus.warnings.append(located.problem(at, mixed))
                key = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
                other = first.get(key)
                if other is None:
                    first[key] = (eid, f"{located.file}:{located.where(at)[0]}")
                elif other[0] != eid:
                    self.corpus.warnings.append(
                        located.problem(at, f"{name!r} is also a name of {other[0]!r} ({other[1]}): the same thing recorded twice, or a name to qualify?")
                    )

    def check_rereports(self) -> None:
        """Following re-reports must end at a document that re-reports nothing: provenance walks
        them to an origin, and a document cannot be its own source."""
        documents = self.corpus.documents()
        for doc_id, document in documents.items():
            located, path = self.defined_at[doc_id]
            if doc_id in document.derived_from:
                i = document.derived_from.index(doc_id)
                self.problems.append(located.problem(path + ("derived_from", i), f"{doc_id!r} is derived from itself"))
            chain, next_id = [doc_id], document.rereports
            while next_id in documents and next_id not in chain:
                chain.append(next_id)
                next_id = documents[next_id].rereports
            if next_id == doc_id:
                msg = "re-reports itself" if len(chain) == 1 else "re-reports itself through " + " -> ".join([*chain, doc_id])
                self.problems.append(located.problem(path + ("rereports",), msg))

    def run(self) -> Corpus:
        if not self.root.is_dir():
            raise UnusableInput(f"{self.root}: no such data directory")
        registry = self.discover("registry")
        sources = self.discover("sources")
        tables = self.discover("tabular")
        if not registry and not sources:
            raise UnusableInput(f"{self.root}: no registry/*.yaml or sources/*.yaml files: is this a dkg data directory?")
        for path in registry:
            self.load_registry(path)
        for path in sources:
            self.load_source(path)
        for path in tables:
            self.load_tabular(path)
        for extension, where in self.pending_extensions:  # every entity is defined by now
            self.extend(extension, where)
        for where, ref, allowed in self.pending_refs:
            self.check_ref(where, ref, allowed)
        self.check_rereports()
        self.check_names()
        for entry, doc, where in self.pending_claims:
            before = len(self.problems)
            self.check_claim(entry, doc, where)
            if len(self.problems) == before:
                self.merge(entry, doc, where)
        for entry, doc, where in self.pending_stances:  # after every claim and handle is known
            self.check_stance(entry, doc, where)
        for entry, _doc, where in self.pending_claims:
            if entry.part_of is not None:
                self.check_part_of(entry, where)
        if self.texts is not None:
            self.check_quotes()
        self.summarise_follow_on()
        if self.problems:
            raise DataProblems(self.problems)
        for claim in self.corpus.claims.values():  # locations matter only while checking
            for app in claim.appearances:
                app.where = None
        self.pending_claims.clear()
        self.pending_refs.clear()
        self.pending_stances.clear()
        self._stance_wheres.clear()
        return self.corpus


# Scripts whose letters look alike (a, е, о, р, с, х in Latin, Cyrillic and Greek)
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def mixed_scripts(name: str) -> str | None:
    """Why a name looks mistyped when one of its words mixes Latin, Cyrillic or Greek letters,
    else None. Words of different scripts side by side ("Maxim Kuzminov / Кузьминов") are fine.

    >>> mixed_scripts("Kuzminov") is None, mixed_scripts("Максим Kuzminov") is None
    (True, True)
    >>> mixed_scripts("Kuzminоv")  # a Cyrillic о
    "the word 'Kuzminоv' mixes Latin and Cyrillic letters ('о' is CYRILLIC SMALL LETTER O): a look-alike letter typed by mistake?"
    """
    for word in re.findall(r"\w+", name):
        scripts: dict[str, list[str]] = {}
        for char in word:
            script = unicodedata.name(char, "").split(" ")[0]
            if script in _CONFUSABLE_SCRIPTS:
                scripts.setdefault(script, []).append(char)
        if len(scripts) > 1:
            minority = min(scripts.values(), key=len)[0]
            shown = " and ".join(s.capitalize() for s in _CONFUSABLE_SCRIPTS if s in scripts)
            return (
                f"the word {word!r} mixes {shown} letters ({minority!r} is {unicodedata.name(minority)}): "
                "a look-alike letter typed by mistake?"
            )
    return None


# What each folder of a data directory holds, by file suffix (compared without case: `A.YAML` is read).
FOLDERS: dict[str, tuple[str, ...]] = {
    "registry": (".yaml", ".yml"),
    "sources": (".yaml", ".yml"),
    "tabular": (".csv", ".jsonl"),
}


def data_files(root: Path, folder: str) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files of `root/folder` and of its subfolders that dkg reads, sorted, and those it
    does not read, each with the reason (another suffix; a linked folder, which is not followed).
    Hidden files and folders (a `.git`, an editor's swap file) are passed over without a word.
    The build hashes the same list (graph/build.py), so what is read is what is compared."""
    suffixes = FOLDERS[folder]
    top = root / folder
    found, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(top):
        here = Path(dirpath)
        for name in list(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
            elif (here / name).is_symlink():
                skipped.append((here / name, "is a symbolic link to a folder; not read (move the files into the data directory)"))
        for name in filenames:
            if name.startswith("."):
                continue
            path = here / name
            if path.suffix.lower() in suffixes:
                found.append(path)
            else:
                kinds = " or ".join(suffixes)
                skipped.append((path, f"not read: only {kinds} files are read in {folder}/"))
    return sorted(found), sorted(skipped)


def where_doc(where: Where) -> Where:
    return (where[0], where[1] + ("document",))


def load_corpus(data_dir: str | Path, texts: str | Path | None = None) -> Corpus:
    """Validate and cross-check a data directory; raise DataProblems listing every mistake.
    With `texts`, a folder of article texts, also check every quote verbatim against its text
    and locate it there (loaders/texts.py)."""
    with few_collections():
        return _Loader(Path(data_dir), Path(texts) if texts is not None else None).run()


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
