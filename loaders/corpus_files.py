"""The loader's files: which files of a data directory are read, reading each one, and what to
say about a file that cannot be read.

Part of the loader of loaders/corpus_loader.py (a mixin: the state it reads and writes is set
up there). It finds the files (`data_files`: subfolders too, suffixes in any case, others
named in a warning), reads YAML with its marks and tables row by row, and keeps each unreadable
file's first problem so that unknown ids it probably defines are summarised under it instead
of reported one by one.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from pydantic import ValidationError

from ..schema.errors import Problem
from ..schema.models import ClaimEntry, Document, SourceFile, StanceEntry
from ..schema.vocab import EntityType
from .corpus import where_doc
from .yamlsrc import MAX_YAML_BYTES, Located, pydantic_problems, read_yaml

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


class Files:
    """Finding and reading the files; unreadable ones and the unknown ids they may define."""

    def display(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

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

    def load_tabular(self, path: Path, on_lines=lambda _n: None, lines: int = 0) -> None:
        """The rows of one bulk file of `lines` lines; `on_lines(n)` is told every 5,000 rows
        read and the rest of the lines at the end, for a progress bar counting them."""
        from .tabular import read_rows

        counted = 0
        for rows, (entry, doc, where, problems) in enumerate(read_rows(path, self.display(path)), 1):
            self.problems.extend(problems)
            if entry is not None:
                self.pending_claims.append((entry, doc, where))
                self.pending_refs.append((where_doc(where), doc, {EntityType.document}))
            if rows % 5000 == 0 and rows < lines:
                on_lines(rows - counted)
                counted = rows
        on_lines(max(lines - counted, 0))

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
