"""The bundled SPARQL questions, loaded by name from queries/rq/*.rq.

Each .rq file opens with a comment block: a title line and a one-line description in a reader's
words (the query page and `dkg queries` show them), then one `# param: ?name  text` line per
parameter; any further comment lines are notes for whoever changes the query. Parameters are plain variables in the query body; a store binds them (as a
pyoxigraph substitution or a VALUES block), so a user's value is never pasted into query text.
Keeping each question in a file of its own lets analysts read, copy and run it with any SPARQL
client, and lets `dkg queries` list them without a second copy of the descriptions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from ..graph.results import Result
from ..graph.store import Binding, Store
from ..schema.errors import NotFound, UnusableInput

QUERY_DIR = Path(__file__).resolve().parent / "rq"
_PARAM = re.compile(r"^param:\s*\?([A-Za-z_][A-Za-z0-9_]*)\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """One `# param: ?name  text` line of an .rq file: a variable the caller binds."""

    name: str
    description: str


@dataclass(frozen=True)
class Query:
    """One bundled question as its .rq file gives it: name (the file's stem), title and description
    for readers, parameters, the text run, and the notes for whoever changes it."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path = field(compare=False)
    title: str = ""
    notes: str = ""

    @property
    def summary(self) -> str:
        """The first sentence of the description."""
        first = self.description.split(". ")[0].split(":")[0] if self.description else ""
        return first.rstrip(".")

    @property
    def portable_text(self) -> str:
        """The query with PREFIX lines for the prefixes it uses, so any SPARQL client runs it."""
        from ..schema.iris import PREFIXES

        body = "\n".join(line for line in self.text.splitlines() if not line.lstrip().startswith("#"))
        used = [p for p in PREFIXES if re.search(rf"(?<![\w:<]){re.escape(p)}:", body)]
        declared = set(re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", self.text))
        head = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used if p not in declared)
        comments, rest = [], []
        for line in self.text.splitlines(keepends=True):
            (comments if not rest and line.lstrip().startswith("#") else rest).append(line)
        return "".join(comments) + head + "".join(rest)

    def run(self, store: Store, **bindings: Binding) -> Result:
        """Run the query on `store` with a value bound to each parameter, by name; a missing or
        unknown parameter is refused before the store sees the query."""
        wanted = {p.name for p in self.params}
        unknown = set(bindings) - wanted
        missing = wanted - set(bindings)
        if unknown or missing:
            raise UnusableInput(
                f"query {self.name!r} takes {sorted(wanted) or 'no parameters'}; "
                f"got {sorted(bindings) or 'none'}"
            )
        return store.query(self.text, bindings=bindings or None)


def parse(path: Path) -> Query:
    """Read one .rq file: the leading comment block gives title, description and parameters."""
    text = path.read_text(encoding="utf-8")
    description: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        body = stripped.lstrip("#").strip()
        m = _PARAM.match(body)
        if m:
            params.append(Param(m.group(1), m.group(2).strip()))
        elif body:
            description.append(body)
    title, line, *notes = description + ["", ""]
    return Query(path.stem, line, tuple(params), text, path, title, " ".join(n for n in notes if n))


@lru_cache(maxsize=None)
def _all() -> dict[str, Query]:
    return {p.stem: parse(p) for p in sorted(QUERY_DIR.glob("*.rq"))}


def names() -> list[str]:
    """The names of every bundled query, sorted: what `dkg queries` lists and `load` accepts."""
    return sorted(_all())


def all_queries() -> list[Query]:
    """Every bundled query, parsed, in name order (the query page and the docs list them)."""
    return [_all()[n] for n in names()]


def load(name: str) -> Query:
    """The bundled query called `name` (file name without .rq; dashes accepted for underscores)."""
    key = name.removesuffix(".rq").replace("-", "_")
    try:
        return _all()[key]
    except KeyError:
        raise NotFound("bundled query", name, difflib.get_close_matches(key, names(), n=3, cutoff=0.5)) from None


def run(store: Store, name: str, bindings: Mapping[str, Binding] | None = None) -> Result:
    """Run the bundled query `name` with `bindings`: how every typed answer in queries/ asks the store."""
    return load(name).run(store, **dict(bindings or {}))
