"""Curated files to validated, cross-checked records.

`load_corpus(data_dir)` reads every registry file, source file and bulk table, validates each
against the models, resolves every reference (suggesting the closest ids for a misspelt one),
checks that each claim's subject and value fit its property, and merges the appearances of one
proposition into one claim. It collects every problem of the run before raising, so a curator
sees all mistakes at once.

This module holds what a load gives (the Corpus and its records) and the entry point; the
loader itself is in parts by job (loaders/corpus_loader.py and the modules it names).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..schema import iris
from ..schema.errors import Problem
from ..schema.models import ClaimEntry, Document, EntityBase, StanceEntry
from ..schema.vocab import Status
from .yamlsrc import Located

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
    key: str  # readable content-addressed id, e.g. maxim-kuzminov--age--c95e55f3
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


def where_doc(where: Where) -> Where:
    return (where[0], where[1] + ("document",))


def load_corpus(data_dir: str | Path, texts: str | Path | None = None, on_step=None, on_advance=None) -> Corpus:
    """Validate and cross-check a data directory; raise DataProblems listing every mistake.
    With `texts`, a folder of article texts, also check every quote verbatim against its text
    and locate it there (loaders/texts.py). `on_step(text, total)` and `on_advance(n)`: progress
    per file read and per claim entry checked (loaders/corpus_loader.py)."""
    with few_collections():
        from .corpus_loader import Loader  # the loader's parts import the records above

        return Loader(Path(data_dir), Path(texts) if texts is not None else None, on_step, on_advance).run()


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

