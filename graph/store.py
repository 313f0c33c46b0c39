"""Stores behind one interface.

- `OxigraphStore(path)`: the embedded default, on disk (RocksDB), survives restarts. Chosen by
  measurement (docs/benchmarks.md): bulk load near the speed of `oxigraph load`, and SPARQL
  joins tens of times faster than rdflib's engine.
- `OxigraphStore(None)`: the same engine in memory, for small jobs and tests.
- `RemoteStore(endpoint)` (graph/remote.py): any SPARQL 1.1 store over HTTP.

Queries see the union of all named graphs as their default graph, so `?s ?p ?o` finds every
fact and `GRAPH ?g { ... }` still tells which source document holds it. Values from users are
bound as VALUES blocks of strictly serialised RDF terms (graph/binding.py), never spliced
into query text as text.
"""

from __future__ import annotations

import io
import json
import re
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Iterable, Mapping

import pyoxigraph as ox

from ..schema.errors import QuerySyntaxError, UnusableInput
from ..schema.iris import PREFIXES
from .binding import bind_values
from .results import Binding, Result, Term, as_term  # noqa: F401  (Binding, as_term re-exported)



class Store(ABC):
    """What every backend offers to the build, the query library, the CLI and the endpoint."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> Result:
        """Run a SELECT or ASK query with the project's prefixes predeclared."""

    def construct(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> str:
        """Run a CONSTRUCT or DESCRIBE query; the triples as Turtle."""
        raise QuerySyntaxError("this store answers SELECT and ASK queries only")

    @abstractmethod
    def replace_graphs(self, graphs: Iterable[tuple[str, Iterable[str]]]) -> None:
        """Replace each named graph by the given N-Quads lines (all in that graph, each graph once)."""

    @abstractmethod
    def drop_graphs(self, graphs: Iterable[str]) -> None: ...

    @abstractmethod
    def graphs(self) -> list[str]: ...

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def dump_nquads(self) -> str:
        """All quads, sorted: the canonical N-Quads export."""

    def close(self) -> None:  # noqa: B027 - optional
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_LINE_COL = re.compile(r"(\d+):(\d+)")


def _to_term(t) -> Term:
    if isinstance(t, ox.NamedNode):
        return Term("uri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    if isinstance(t, ox.Literal):
        dt = t.datatype.value if t.datatype is not None else None
        if t.language:
            return Term("literal", t.value, None, t.language)
        return Term("literal", t.value, None if dt == PREFIXES["xsd"] + "string" else dt)
    return Term("literal", str(t))


def syntax_error(exc: Exception, query: str) -> QuerySyntaxError:
    """A parse error with the line and column of the mistake (1-based).

    Oxigraph reports where its parser gave up, often the end of the query; rdflib's parser
    (pyparsing) stops at the first token that cannot start what the grammar expects, which is
    where a person should look. Use rdflib's position when it also rejects the query.
    """
    detail = _LINE_COL.sub("", str(exc)).replace("error at", "").strip(" :")
    try:
        from rdflib.plugins.sparql.parser import parseQuery

        parseQuery(query)
    except Exception as pexc:  # pyparsing.ParseException carries lineno and col
        line, col = getattr(pexc, "lineno", None), getattr(pexc, "col", None)
        if line and col:
            found = query.splitlines()[line - 1] if line - 1 < len(query.splitlines()) else ""
            return QuerySyntaxError(f"SPARQL syntax error at line {line}, column {col}: {detail}\n  {found}\n  {' ' * (col - 1)}^")
    m = _LINE_COL.search(str(exc))
    where = f"line {m.group(1)}, column {m.group(2)}" if m else "an unknown position"
    return QuerySyntaxError(f"SPARQL syntax error at {where}: {detail}")


class _LineStream(io.RawIOBase):
    """A read-only binary file over N-Quads lines, so a bulk load streams them in chunks of
    about a megabyte without joining everything into one string first."""

    CHUNK = 1 << 20

    def __init__(self, lines: Iterable[str]):
        self._lines = iter(lines)
        self._buffer = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def _refill(self) -> None:
        parts, size = [], 0
        for line in self._lines:
            parts.append(line)
            size += len(line)
            if size >= self.CHUNK:
                break
        self._buffer, self._pos = "".join(parts).encode("utf-8"), 0

    def readinto(self, target) -> int:
        if self._pos >= len(self._buffer):
            self._refill()
            if not self._buffer:
                return 0
        n = min(len(target), len(self._buffer) - self._pos)
        target[:n] = self._buffer[self._pos : self._pos + n]
        self._pos += n
        return n


class DamagedStore(UnusableInput):
    """The files of a built store are damaged (truncated, corrupted, missing): nothing in them can
    be trusted, and the data to rebuild them is in data/. `dkg build` rebuilds in full when the
    previous store is damaged (graph/build.py); every other command says which command to run."""


# RocksDB names what went wrong at the start of its message ("Corruption: block checksum
# mismatch ...", "IO error: No such file or directory ... CURRENT"); pyoxigraph raises it as an
# OSError or a RuntimeError, on opening the store or on the first read of a damaged block.
_DAMAGE = re.compile(r"\b(Corruption|IO error|Invalid argument|Not implemented|Incomplete)\b[: ]", re.I)


def damage(path: Path | None, exc: BaseException) -> DamagedStore | None:
    """A DamagedStore for a storage error that means the files of `path` are damaged, else None."""
    if path is None or not isinstance(exc, (OSError, RuntimeError)) or not _DAMAGE.search(str(exc)):
        return None
    return damaged_store(path, str(exc).splitlines()[0][:300])


def damaged_store(path: Path, why: str) -> DamagedStore:
    return DamagedStore(f"{path}: the store is damaged ({why}); run `dkg build` to rebuild it from the curated data (it rebuilds in full)")


def open_raw(path: Path | None, read_only: bool) -> ox.Store:
    """The pyoxigraph store at `path` (None: in memory), or a message naming what is wrong."""
    try:
        if path is None:
            return ox.Store()
        if read_only:
            if not path.exists():
                raise UnusableInput(f"{path}: no store here; run `dkg build` first")
            if not (path / "CURRENT").is_file():
                raise damaged_store(path, "its CURRENT file is missing")
            return ox.Store.read_only(str(path))
        return ox.Store(str(path))
    except (OSError, RuntimeError) as exc:
        if (damaged := damage(path, exc)) is not None:
            raise damaged from None
        if isinstance(exc, RuntimeError):
            raise
        raise UnusableInput(f"{path}: cannot open the store: {exc}") from exc


def copy_store(source: Path, target: Path) -> None:
    """A backup of the store at `source` in `target`; DamagedStore when the source is damaged."""
    try:
        open_raw(source, read_only=True).backup(str(target))
    except (OSError, RuntimeError) as exc:
        if (damaged := damage(source, exc)) is not None:
            raise damaged from None
        raise


class OxigraphStore(Store):
    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self._store = open_raw(self.path, read_only)

    @classmethod
    def over(cls, raw: ox.Store, path: str | Path | None = None) -> "OxigraphStore":
        """The typed API over a pyoxigraph store already open (a server worker holds one per
        build); `path` is where it lives, so what the build wrote beside it is found."""
        self = cls.__new__(cls)
        self.path = Path(path) if path is not None else None
        self._store = raw
        return self

    @property
    def raw(self) -> ox.Store:
        return self._store

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> Result:
        text = bind_values(sparql, bindings) if bindings else sparql
        try:
            answer = self._store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from None
        if isinstance(answer, ox.QueryBoolean):
            return Result(boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            # Oxigraph's own JSON writer then one json.loads is about twice as fast as reading
            # each term's attributes from Python, which matters for whole-graph reports.
            return Result.from_json(json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON)))
        raise QuerySyntaxError("only SELECT and ASK queries return tables; use `dkg export` for graphs")

    def construct(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> str:
        text = bind_values(sparql, bindings) if bindings else sparql
        try:
            answer = self._store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from None
        if not isinstance(answer, ox.QueryTriples):
            raise QuerySyntaxError("not a CONSTRUCT or DESCRIBE query")
        return ox.serialize(answer, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")

    def replace_graphs(self, graphs: Iterable[tuple[str, Iterable[str]]]) -> None:
        if self._is_empty():
            # A fresh store: one streaming bulk load for every graph. Oxigraph's bulk loader
            # builds its indexes once per call, so one call per graph costs about seven times
            # as much at 100k claims (2,500 graphs).
            self._store.bulk_load(_LineStream(line for _g, lines in graphs for line in lines), format=ox.RdfFormat.N_QUADS)
            return
        for graph, lines in graphs:
            if self._has_graph(graph):
                self._store.remove_graph(ox.NamedNode(graph))
            self._store.bulk_load(_LineStream(lines), format=ox.RdfFormat.N_QUADS)

    def _is_empty(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, None)), None) is None

    def bulk_load(self, path_or_bytes, format=ox.RdfFormat.N_QUADS) -> None:
        if isinstance(path_or_bytes, (str, Path)):
            self._store.bulk_load(path=str(path_or_bytes), format=format)
        else:
            self._store.bulk_load(path_or_bytes, format=format)

    def _has_graph(self, graph: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph))

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        for g in graphs:
            if self._has_graph(g):
                self._store.remove_graph(ox.NamedNode(g))

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def __len__(self) -> int:
        return len(self._store)

    def dump_nquads(self) -> str:
        text = self._store.dump(format=ox.RdfFormat.N_QUADS)
        return "".join(sorted(text.decode("utf-8").splitlines(keepends=True)))

    def flush(self) -> None:
        self._store.flush()
        self._store.optimize()

    def backup(self, target: Path) -> None:
        self._store.backup(str(target))

    def close(self) -> None:
        self._store = None  # RocksDB closes when the last reference goes
