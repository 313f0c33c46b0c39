"""What a visitor's query may do, decided before it runs.

Oxigraph (and rdflib) follow `SERVICE <url>` over the network, which would let any visitor make
this machine send requests anywhere. Every query is parsed with rdflib's SPARQL parser and refused
if it is an update (`INSERT`, `LOAD`...), contains a `SERVICE` pattern, or names in `FROM` /
`FROM NAMED` (or the protocol's `default-graph-uri` / `named-graph-uri`) a graph the store does
not hold. A second, independent check on the token stream refuses the keyword `SERVICE` anywhere
outside strings, IRIs and comments, in case the two parsers ever disagree.

rdflib's parser takes seconds on a query of a few hundred kilobytes, so this runs inside the
query worker (see pool.py), where the query's own time limit applies and no other client waits:
a huge query costs its sender's time limit and one worker, nothing else.

Parses are cached, bounded by the bytes the cached texts occupy rather than by a count (a count
of 2,048 entries of up to 1 MB each allowed about 2 GB), and keyed by the query's *shape*: its
text with every absolute IRI and plain string after the first `{` replaced by a placeholder
(`shape`). A bundled question with a value bound is a new text each time, so a cache keyed by
text never hit under load, and rdflib's parse (p50 125 ms a text at 10k claims, 4x the query
itself) was most of what a client waited for. Why the shape's verdict is the text's:

- The guard decides by structure: update or query, the query form, a `SERVICE` pattern, the
  dataset of `FROM` / `FROM NAMED`. Replaced are only the insides of IRI and string tokens
  after the first `{` (past the prologue, so `PREFIX` and `BASE` are kept) and not after
  `FROM` or `NAMED`, so every IRI the dataset is computed from is kept verbatim.
- The token checks (`SERVICE` outside strings, IRIs and comments; undeclared prefixes) see the
  same words in both: only IRI and string contents differ.
- The IRI placeholder `<//>` has only one reading (an IRI: `/ /` is no expression), and a
  replaced token has no space, brace, quote or `<` inside, so it can hide no pattern, `SERVICE`
  or string; if the text's own IRI was read as operators by rdflib (`?a<b:c&&?d>?e`), the
  shape does not parse, and then the text itself is parsed, for its exact message too.
- A text with `\\u` / `\\U` escapes (which rdflib expands before it parses, so they could move
  token boundaries) is parsed as it is, never by shape.
"""

from __future__ import annotations

import re
import sys
import threading
from collections import OrderedDict

from dkg.graph.binding import declared_prefixes, keywords, tokens
from dkg.graph.store import Dataset, dataset_of_tree
from dkg.schema.iris import PREFIXES


class Refused(Exception):
    """A request that is answered with an HTTP error status and a one-line reason."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers


class ByteBoundedCache:
    """A least-recently-used map whose keys (query texts) occupy at most `max_bytes` in memory;
    a worker's threads share it."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    @staticmethod
    def size(key: str) -> int:
        return sys.getsizeof(key) + 200  # the text plus the entry and its small value

    def get(self, key: str):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: object) -> None:
        size = self.size(key)
        with self._lock:
            if size > self.max_bytes or key in self._items:
                return
            while self._items and self.bytes + size > self.max_bytes:
                old, _ = self._items.popitem(last=False)
                self.bytes -= self.size(old)
            self._items[key] = value
            self.bytes += size


CACHE = ByteBoundedCache(8 << 20)  # per worker process; pool.py sets each worker's share
LEARNED: list[tuple[str, tuple]] = []  # shape verdicts parsed here since pool.py last took them
_PARSING = threading.Lock()  # one rdflib parse at a time: pyparsing's parser keeps state between calls
_LEARNING = threading.Lock()  # for LEARNED: taking it must not wait on a parse in another thread
SHARED_SHAPE_CHARS = 64 << 10  # larger shapes stay in the worker that parsed them


_ABSOLUTE_IRI = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*>\Z")
_PLAIN_STRING = re.compile(r"""("|')[^"'\\\n\r]+\1\Z""")  # one-quote, no escapes, not empty
IRI_PLACEHOLDER, STRING_PLACEHOLDER = "<//>", '""'


def shape(sparql: str) -> str:
    """The query with the values a client binds (absolute IRIs and plain strings, after the
    first `{` and not after FROM or NAMED) replaced by placeholders: the key of the parse cache
    (see the module docstring for why its verdict is the query's). Unchanged if the text has
    `\\u` escapes or nothing to replace."""
    if "\\u" in sparql or "\\U" in sparql:
        return sparql
    parts, last, opened, previous = [], 0, False, ""
    for kind, text, offset in tokens(sparql):
        if kind == "punct" and text == "{":
            opened = True
        placeholder = None
        if opened and kind == "iri" and previous not in ("FROM", "NAMED") and _ABSOLUTE_IRI.match(text):
            placeholder = IRI_PLACEHOLDER
        elif opened and kind == "string" and _PLAIN_STRING.match(text):
            placeholder = STRING_PLACEHOLDER
        if placeholder is not None:
            parts += [sparql[last:offset], placeholder]
            last = offset + len(text)
        previous = text.upper() if kind == "word" else ""
    if not parts:
        return sparql
    parts.append(sparql[last:])
    return "".join(parts)


def inspect_query(sparql: str) -> tuple[str, Dataset | None]:
    """(query form, the dataset its FROM / FROM NAMED name, or None); raises Refused for what must not run."""
    key = shape(sparql)
    if key != sparql:
        verdict = _cached_verdict(key, share=len(key) <= SHARED_SHAPE_CHARS)
        if verdict[0] == "ok":
            return verdict[1], verdict[2]
        # the shape is refused: decide on the text itself, with positions that are the text's
    verdict = _cached_verdict(sparql)
    if verdict[0] == "refused":
        raise Refused(verdict[1], verdict[2])
    return verdict[1], verdict[2]


def _cached_verdict(sparql: str, share: bool = False) -> tuple:
    cached = CACHE.get(sparql)
    if cached is None:
        with _PARSING:
            cached = CACHE.get(sparql)  # another thread may have parsed it while this one waited
            if cached is not None:
                return cached
            try:
                cached = ("ok", *_inspect(sparql))
            except Refused as exc:
                cached = ("refused", exc.status, exc.message)
            CACHE.put(sparql, cached)
        if share:
            with _LEARNING:
                LEARNED.append((sparql, cached))
    return cached


def take_learned() -> list[tuple[str, tuple]]:
    """The shape verdicts parsed since the last call, for the pool to give the other workers."""
    with _LEARNING:
        out = LEARNED[:]
        LEARNED.clear()
    return out


def learn(verdicts) -> None:
    """Verdicts another worker parsed: one parse of a shape serves the whole pool."""
    for key, verdict in verdicts:
        CACHE.put(key, verdict)


def check_graphs(named: set[str], held: set[str]) -> None:
    unknown = sorted(g for g in named if g not in held)
    if unknown:
        raise Refused(403, f"only graphs held here may be named; refused: {', '.join(unknown)}")


def _walk(node):
    """Every node of rdflib's parse tree (CompValue, ParseResults, lists)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, CompValue):
            stack.extend(n.values())
        elif isinstance(n, (ParseResults, list, tuple)):
            stack.extend(n)
        elif isinstance(n, dict):
            stack.extend(n.values())


def _position(sparql: str, offset: int) -> tuple[int, int]:
    line = sparql.count("\n", 0, offset) + 1
    return line, offset - (sparql.rfind("\n", 0, offset) + 1) + 1


def undeclared_prefix(sparql: str) -> None:
    """Refuse a prefixed name whose prefix is neither predeclared here nor declared by the query,
    naming it and where it first occurs (the parsers' own messages do not)."""
    known = set(PREFIXES) | declared_prefixes(sparql)
    for kind, text, offset in tokens(sparql):
        if kind != "word" or ":" not in text:
            continue
        prefix = text.split(":", 1)[0]
        if prefix not in known and prefix != "_":
            line, column = _position(sparql, offset)
            raise Refused(
                400,
                f"undeclared prefix '{prefix}:' at line {line}, column {column}; declare it with "
                f"PREFIX {prefix}: <...> (predeclared here: {', '.join(p + ':' for p in PREFIXES)})",
            )


def syntax_message(sparql: str) -> str | None:
    """The message `dkg sparql` prints for this query (graph/store.py's syntax_error: Oxigraph's
    reason at the position rdflib stops), or None if Oxigraph accepts the query."""
    import pyoxigraph as ox

    from dkg.graph.store import syntax_error

    import re

    try:
        ox.Store().query(sparql, prefixes=PREFIXES)
    except SyntaxError as exc:
        raw, text = str(exc), str(syntax_error(exc, sparql))
    except Exception:
        return None
    else:
        return None
    # Oxigraph lists every token its grammar would take, Unicode ranges of name characters
    # included (six lines of them): say it in a few words, with line and column, as a person reads it
    head = re.match(r"SPARQL syntax error at line (\d+), column (\d+)", text)
    wanted = re.search(r"expected (one of .*|\S+)$", raw, flags=re.S)  # a list of tokens, not a reason
    if not head or not wanted:
        return text
    words = {'"$"': "a variable", '"?"': "a variable", '"<"': "an IRI", '":"': "a prefixed name", '"_:"': "a blank node",
             '"["': "a blank node", '"\'"': "a string", '"\'\'\'"': "a string", '"\\""': "a string", '"\\"\\"\\""': "a string",
             '"true"': "true or false", '"false"': "true or false"}
    items = re.findall(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[A-Za-z_][\w]*', wanted.group(1).removeprefix("one of "))
    in_string = '"\\\\"' in items  # a backslash escape is expected: the reader is inside a string
    summary: list[str] = []
    for item in items:
        if in_string:
            word = "the closing quote of the string" if item in ('"\\""', '"\'"') else None
        elif item.startswith("["):
            word = "a number" if "'0'" in item else "a prefixed name" if "'A'" in item else None
        elif item in ('"<<"', '"<<("', '"+"', '"-"'):
            word = None  # RDF-star triple terms, and the signs of numbers
        elif item in words:
            word = words[item]
        else:
            word = f"'{item[1:-1]}'" if item.startswith('"') else item
        if word and word not in summary:
            summary.append(word)
    if not summary:
        return text
    summary.sort(key=lambda w: (w[0] in "'" , w.isupper()))  # kinds of term first, then punctuation, then keywords
    shown = summary[:8] if len(summary) <= 8 else summary[:7] + [f"{len(summary) - 7} more"]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
    stop = re.search(r"(\d+):(\d+)", raw)
    where = (stop.group(1), stop.group(2)) if stop else head.groups()
    there = "" if where == head.groups() else f" at line {where[0]}, column {where[1]}"
    code = text.split("\n")[-2:] if text.rstrip().endswith("^") else []
    return "\n".join([f"{head.group(0)}: expected {listed}{there}", *code])


def _inspect(sparql: str) -> tuple[str, Dataset | None]:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(sparql)
    except ParseException as exc:
        try:
            parseUpdate(sparql)
        except ParseException:
            undeclared_prefix(sparql)
            raise Refused(400, syntax_message(sparql) or f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
        raise Refused(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP...) is refused") from None
    except RecursionError:
        raise Refused(400, "SPARQL syntax error: the query is nested too deeply") from None
    except Exception as exc:  # rdflib raises assorted errors on odd input
        raise Refused(400, f"SPARQL syntax error: {exc}") from None
    form = ""
    for node in _walk(tree):
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                raise Refused(403, "SERVICE is refused: this endpoint never sends requests to other servers")
            if node.name.endswith("Query") and not form:
                form = node.name[: -len("Query")].upper()
    if "SERVICE" in keywords(sparql):
        raise Refused(403, "SERVICE is refused: this endpoint never sends requests to other servers")
    undeclared_prefix(sparql)  # so every prefixed name in FROM below has its namespace
    # no base IRI here: a relative IRI in FROM stays relative and never matches a graph held
    return form, dataset_of_tree(tree)
