"""The loader's entities: registry files, definitions, extra names, and what is checked across
entities once all are defined (re-report chains; names a curator should look at).

Part of the loader of loaders/corpus_loader.py (a mixin: the state it reads and writes is set
up there).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pydantic import ValidationError

from ..schema.declarations import references
from ..schema.models import ENTITY_MODELS, EntityBase, Registry
from ..schema.vocab import EntityType, closest
from .corpus import Where
from .yamlsrc import Located, pydantic_problems

# Which entity types each reference field of an entity may point at, as schema/declarations.py declares them
_ENTITY_REFS: dict[EntityType, list[tuple[str, set[EntityType]]]] = {
    t: [(f.name, set(f.targets)) for f in references(t)] for t in EntityType
}


# Joiners that some scripts need inside a word (Persian, the Indic scripts, emoji sequences)
_NEEDED_JOINERS = {"\u200c", "\u200d"}


def invisible_in_name(name: str) -> str | None:
    """Why a name looks mistyped when it holds an invisible formatting character (a zero-width
    space, a soft hyphen, a word joiner: pasted from a web page, they stop a search for the name
    as it looks from finding it), else None.

    >>> invisible_in_name("Maxim Kuzminov") is None, invisible_in_name("Kuz\u00adminov")
    (True, 'holds the invisible character U+00AD SOFT HYPHEN: a search for the name as it looks will not find it; remove it')
    """
    for char in name:
        if unicodedata.category(char) == "Cf" and char not in _NEEDED_JOINERS:
            return (
                f"holds the invisible character U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}: "
                "a search for the name as it looks will not find it; remove it"
            )
    return None


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


class Entities:
    """Defining entities from registry files and source documents; the checks across them."""

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
                for why in (mixed_scripts(name), invisible_in_name(name)):
                    if why is not None:
                        self.corpus.warnings.append(located.problem(at, why))
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
