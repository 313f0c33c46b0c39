"""Stores behind one interface.

- `OxigraphStore(path)`: the embedded default, on disk (RocksDB), survives restarts. Chosen by
  measurement (docs/benchmarks.md): bulk load near the speed of `oxigraph load`, and SPARQL
  joins tens of times faster than rdflib's engine.
- `OxigraphStore(None)`: the same engine in memory, for small jobs and tests.
- `RemoteStore(endpoint)` (graph/remote.py): any SPARQL 1.1 store over HTTP.

A query that names no dataset sees the union of all named graphs as its default graph, so
`?s ?p ?o` finds every fact and `GRAPH ?g { ... }` still tells which source document holds it.
A query or request that names one gets exactly the graphs named (SPARQL 1.1 Query section 13,
Protocol section 2.1.4): `dataset_options` is the one place that decides, for the API, `dkg
sparql` and the endpoint's workers. pyoxigraph's `use_default_graph_as_union=True` would
silently replace a query's own FROM / FROM NAMED, so it is set only when nothing names a
dataset. Values from users are bound as VALUES blocks of strictly serialised RDF terms
(graph/binding.py), never spliced into query text as text.
"""

from __future__ import annotations

import functools
import io
import json
import re
import urllib.parse
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import pyoxigraph as ox

from ..schema.errors import QuerySyntaxError, UnusableInput
from ..schema.iris import PREFIXES
from .binding import bind_values, keywords
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
    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove the named graphs (a source document gone from data/); a graph not there is no error."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """The named graphs the store holds, sorted."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def dump_nquads(self) -> str:
        """All quads, sorted: the canonical N-Quads export."""

    def close(self) -> None:  # noqa: B027 - optional
        """Let go of the store's files or connections; the store is not used afterwards."""
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_LINE_COL = re.compile(r"(\d+):(\d+)")


@dataclass(frozen=True)
class Dataset:
    """The graphs a query's FROM (`default`) and FROM NAMED (`named`) clauses name, as IRIs."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


def dataset_of_tree(tree, base_iri: str | None = None, prefixes: Mapping[str, str] = PREFIXES) -> Dataset | None:
    """The dataset named by a query rdflib's parser has parsed (`parseQuery`), prefixed names
    expanded and relative IRIs resolved against the query's BASE (else `base_iri`); None if the
    query has no FROM or FROM NAMED. Only the outer query may have them (subqueries cannot)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    prologue, query = tree[0], tree[1]
    known, base = dict(prefixes), base_iri
    for decl in prologue:
        if isinstance(decl, CompValue) and decl.name == "Base":
            base = urllib.parse.urljoin(base, str(dict.get(decl, "iri"))) if base else str(dict.get(decl, "iri"))
        elif isinstance(decl, CompValue) and decl.name == "PrefixDecl":
            known[dict.get(decl, "prefix") or ""] = str(dict.get(decl, "iri"))
    clauses = dict.get(query, "datasetClause") or []  # dict.get: CompValue.get answers a missing key with its name
    if not clauses:
        return None
    default, named = [], []
    for clause in clauses:
        which = "default" if dict.get(clause, "default") is not None else "named"
        name = dict.get(clause, which)
        if isinstance(name, CompValue) and name.name == "pname":
            iri = known.get(dict.get(name, "prefix") or "", "") + (dict.get(name, "localname") or "")
        else:
            iri = urllib.parse.urljoin(base, str(name)) if base else str(name)
        (default if which == "default" else named).append(iri)
    return Dataset(tuple(default), tuple(named))


@functools.lru_cache(maxsize=128)
def names_dataset(sparql: str) -> bool:
    """Whether a query has FROM or FROM NAMED. The lexer (graph/binding.py) answers first: no
    FROM keyword outside strings, IRIs and comments means no dataset clause, without a parse
    (rdflib's parser costs milliseconds per query, seconds on huge ones, and the bundled
    queries never name a dataset). Otherwise rdflib's parser decides; where it cannot parse
    a query Oxigraph may still accept, the keyword stands."""
    if "FROM" not in keywords(sparql):
        return False
    try:
        from rdflib.plugins.sparql.parser import parseQuery

        return dataset_of_tree(parseQuery(sparql)) is not None
    except Exception:
        return True


def dataset_options(sparql: str, default_graphs=(), named_graphs=(), query_names_dataset: bool | None = None) -> dict:
    """pyoxigraph's keyword arguments that give a query its RDF dataset.

    - The request names graphs (the protocol's default-graph-uri / named-graph-uri): exactly
      those, replacing any FROM / FROM NAMED of the query; a side not given is empty.
    - Else the query names graphs: Oxigraph applies its FROM / FROM NAMED as written.
    - Else the default graph is the union of every graph, and every named graph is visible.
    `query_names_dataset` is passed by a caller that has parsed the query already."""
    if default_graphs or named_graphs:
        return {"default_graph": [ox.NamedNode(g) for g in default_graphs], "named_graphs": [ox.NamedNode(g) for g in named_graphs]}
    if query_names_dataset is None:
        query_names_dataset = names_dataset(sparql)
    return {} if query_names_dataset else {"use_default_graph_as_union": True}


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
    """The DamagedStore error for `path`, saying why and that `dkg build` rebuilds it."""
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
    """The embedded store (pyoxigraph): on disk at `path`, read-only for readers, or in memory
    when `path` is None."""

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
        """The pyoxigraph store itself, for the build and exports that stream from it directly."""
        return self._store

    def _run(self, sparql: str, bindings, default_graphs, named_graphs, base_iri):
        text = bind_values(sparql, bindings) if bindings else sparql
        options = dataset_options(sparql, default_graphs, named_graphs)  # bindings never add FROM
        try:
            return self._store.query(text, prefixes=PREFIXES, base_iri=base_iri, **options)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from None

    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None, *, default_graphs: Iterable[str] = (),
              named_graphs: Iterable[str] = (), base_iri: str | None = None) -> Result:
        """`default_graphs` / `named_graphs`: a dataset as the protocol's default-graph-uri and
        named-graph-uri give one (see dataset_options); `base_iri` resolves relative IRIs."""
        answer = self._run(sparql, bindings, tuple(default_graphs), tuple(named_graphs), base_iri)
        if isinstance(answer, ox.QueryBoolean):
            return Result(boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            # Oxigraph's own JSON writer then one json.loads is about twice as fast as reading
            # each term's attributes from Python, which matters for whole-graph reports.
            return Result.from_json(json.loads(answer.serialize(format=ox.QueryResultsFormat.JSON)))
        raise QuerySyntaxError("only SELECT and ASK queries return tables; use `dkg export` for graphs")

    def construct(self, sparql: str, bindings: Mapping[str, Binding] | None = None, *, default_graphs: Iterable[str] = (),
                  named_graphs: Iterable[str] = (), base_iri: str | None = None) -> str:
        answer = self._run(sparql, bindings, tuple(default_graphs), tuple(named_graphs), base_iri)
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

    def apply_difference(self, removed: list[str], added: list[str]) -> None:
        """Remove the quads of the N-Quads lines `removed` and add those of `added`: the store
        work of a change is the size of the change, not of the graphs it touches (removing a
        graph of 200,000 quads and loading it again cost 40 s at 10k claims)."""
        if removed:
            for q in ox.parse("".join(removed).encode("utf-8"), format=ox.RdfFormat.N_QUADS):
                self._store.remove(q)
        if added:
            data = "".join(added).encode("utf-8")
            if len(added) > 100_000:
                self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            else:
                self._store.extend(ox.parse(data, format=ox.RdfFormat.N_QUADS))

    def _is_empty(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, None)), None) is None

    def bulk_load(self, path_or_bytes, format=ox.RdfFormat.N_QUADS) -> None:
        """Load a file (a path) or bytes in `format` with Oxigraph's bulk loader, which builds the
        indexes once rather than per quad."""
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

    def flush(self, optimize: bool = True) -> None:
        """Write everything to disk; `optimize` also compacts the files (the whole store: an
        incremental build, which changed a few thousand quads, leaves it out)."""
        self._store.flush()
        if optimize:
            self._store.optimize()

    def backup(self, target: Path) -> None:
        """A copy of the on-disk store in `target` (which must not exist), usable on its own; hard
        links where the two share a file system, so copying a build costs little."""
        self._store.backup(str(target))

    def close(self) -> None:
        self._store = None  # RocksDB closes when the last reference goes
