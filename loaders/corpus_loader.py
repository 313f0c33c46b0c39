"""The loader: curated files to a checked Corpus (see loaders/corpus.py for what it holds).

One object carries the state of a run (the corpus being filled, every problem found, where each
id was defined, what waits to be checked once every file is read); its work is in parts by job,
each a module of its own: the files (corpus_files.py), the entities (corpus_entities.py), the
claims and stances (corpus_claims.py) and the quotes (corpus_quotes.py). `run` says the order:
every file first, then what needs every entity, then what needs every claim.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..schema.errors import DataProblems, Problem, UnusableInput
from ..schema.models import ClaimEntry, StanceEntry
from ..schema.vocab import EntityType
from .corpus import Corpus, Where
from .corpus_claims import Claims
from .corpus_entities import Entities
from .corpus_files import Files
from .corpus_quotes import Quotes


class Loader(Files, Entities, Claims, Quotes):
    """One run over one data directory: the state every part shares, and the order of the work."""

    def __init__(self, data_dir: Path, texts: Path | None = None, on_step: Callable[[str, int], None] | None = None,
                 on_advance: Callable[[int], None] | None = None):
        self.root = data_dir
        self.texts = texts
        # progress (graph/progress.py through the build): a step with its total, then its count
        self.on_step = on_step or (lambda _text, _total: None)
        self.on_advance = on_advance or (lambda _n: None)
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
        self.id_hints: dict[str, list[str]] = {}  # an unknown id -> the closest known ones

    def run(self) -> Corpus:
        if not self.root.is_dir():
            raise UnusableInput(f"{self.root}: no such data directory")
        registry = self.discover("registry")
        sources = self.discover("sources")
        tables = self.discover("tabular")
        if not registry and not sources:
            raise UnusableInput(f"{self.root}: no registry/*.yaml or sources/*.yaml files: is this a dkg data directory?")
        self.on_step(f"reading {len(registry) + len(sources):,} curated files: files", len(registry) + len(sources))
        for path in registry:
            self.load_registry(path)
            self.on_advance(1)
        for path in sources:
            self.load_source(path)
            self.on_advance(1)
        if tables:
            # a bulk file is most of a large corpus: counted by its lines, not as one step
            lines = {path: _lines_in(path) for path in tables}
            total = sum(lines.values())
            self.on_step(f"reading {len(tables):,} tabular file(s), {total:,} lines: lines", total)
            for path in tables:
                self.load_tabular(path, self.on_advance, lines[path])
        for extension, where in self.pending_extensions:  # every entity is defined by now
            self.extend(extension, where)
        for where, ref, allowed in self.pending_refs:
            self.check_ref(where, ref, allowed)
        self.check_rereports()
        self.check_names()
        self.on_step(f"checking and merging {len(self.pending_claims):,} claim entries: entries", len(self.pending_claims))
        for i, (entry, doc, where) in enumerate(self.pending_claims, 1):
            before = len(self.problems)
            self.check_claim(entry, doc, where)
            if len(self.problems) == before:
                self.merge(entry, doc, where)
            if i % 5000 == 0:
                self.on_advance(5000)
        self.on_advance(len(self.pending_claims) % 5000)
        self.on_step(f"checking {len(self.pending_stances):,} stances" + (" and quotes against their texts" if self.texts is not None else ""), None)
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


def _lines_in(path: Path) -> int:
    """Lines in a file (header included), read in blocks: the total its progress counts to."""
    n, last = 0, b"\n"
    try:
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                n += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 0  # reading it again reports the problem with its place
    return n + (last != b"\n")
