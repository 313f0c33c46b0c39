"""Serialisations of the built graph, streamed to a file, with the project's prefixes, from the
build's canonical N-Quads file (graph/quadfile.py): N-Quads is that file itself, TriG and
Turtle are Oxigraph's serialisers over a streaming parse of it, JSON-LD a writer here that holds
one subject at a time. Nothing is read back from the store (a store dump looks up every term in
RocksDB: at 10k claims it took longer than loading the store) and nothing is sorted whole in
memory, so memory does not grow with the graph.

The order is the canonical file's: graphs in IRI order, each graph's lines sorted (so by subject,
then predicate, then object). It depends only on the quads, so a rebuild from the same data, in
any order, full or incremental, gives byte-identical files, and any store's dataset written by
`canonical_lines` gives the same bytes too (tests/test_exports.py); a change to the data changes
only the lines it touches, so curators can review changes as diffs. Turtle holds the union of
all graphs (Turtle has no named graphs; every triple lives in exactly one graph, so the union
repeats none); TriG, N-Quads and JSON-LD keep each source document's graph.

JSON-LD is written here rather than by Oxigraph, compacted with the published context
(schema/context.jsonld: the prefixes and one term per ontology name, so `age` reads as
`dkg:age`) and indented, one node per subject: a reader can open it as JSON. Every literal
keeps its datatype (`{"@value": "28", "@type": "xsd:integer"}`) so the file re-parses to the
same dataset; only plain strings are bare JSON strings. The context is embedded in the file
(clients need not fetch it) and the endpoint serves the same one at /context.jsonld.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
from importlib import resources
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from ..schema.errors import UnusableInput
from ..schema.iris import PREFIXES, declared_terms
from .formats import EXPORTS
from .quadfile import split_lines

FORMATS = {f.name: f.ox for f in EXPORTS}  # the one table: graph/formats.py
SUFFIX = {f.name: "." + f.name for f in EXPORTS}
CONTEXT_FILE = "context.jsonld"
RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"


def check_format(fmt: str) -> None:
    """Refuse an export format that is not one of graph/formats.py's, naming the ones there are."""
    if fmt not in FORMATS:
        raise UnusableInput(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}, graphml, gexf")


def write(store: ox.Store, fmt: str, output, nquads: Path | None = None) -> None:
    """Stream the whole dataset of a pyoxigraph store as `fmt` to `output` (a path or a binary
    file object), in the canonical order; `nquads`: the build's canonical file of that store,
    read instead of the store when given."""
    check_format(fmt)
    lines = _file_lines(nquads) if nquads is not None else canonical_lines(store)
    if fmt == "nq":
        _write_lines(lines, output)
    else:
        _from_lines(lines, fmt, output)


def write_all(store: ox.Store, formats, folder: Path, stem: str, progress=None) -> list[Path]:
    """Every export in `formats` into `folder` from any store: its canonical N-Quads first
    (canonical_lines), then each other format from that file as the build does."""
    for fmt in formats:
        check_format(fmt)
    folder = Path(folder)
    nq = folder / (stem + SUFFIX["nq"])
    _write_lines(canonical_lines(store), nq)
    written = write_all_from_file(nq, [f for f in formats if f != "nq"], folder, stem, progress)
    if "nq" in formats:
        written.insert(list(formats).index("nq"), nq)
        if progress is not None:
            progress("nq")
    else:
        nq.unlink()
    return written


def canonical_lines(store: ox.Store) -> Iterator[str]:
    """A store's quads as N-Quads lines in the build's canonical order (graph/quadfile.py): the
    default graph, then each named graph in IRI order, each graph's lines sorted."""
    from .quadfile import sorted_unique

    graphs = [ox.DefaultGraph()] + sorted(store.named_graphs(), key=lambda g: g.value)
    for g in graphs:
        yield from sorted_unique(_serialized(store.quads_for_pattern(None, None, None, g)))


def _serialized(quads, batch: int = 50_000) -> Iterator[str]:
    chunk = []
    for q in quads:
        chunk.append(q)
        if len(chunk) >= batch:
            yield from split_lines(ox.serialize(chunk, format=ox.RdfFormat.N_QUADS).decode("utf-8"))
            chunk = []
    if chunk:
        yield from split_lines(ox.serialize(chunk, format=ox.RdfFormat.N_QUADS).decode("utf-8"))


def _file_lines(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8", newline="\n") as fh:  # lines end at "\n" alone
        yield from fh


def _write_lines(lines, output) -> None:
    if isinstance(output, (str, Path)):
        with open(output, "wb") as fh:
            _write_lines(lines, fh)
        return
    chunk, size = [], 0
    for line in lines:
        chunk.append(line)
        size += len(line)
        if size >= 1 << 20:
            output.write("".join(chunk).encode("utf-8"))
            chunk, size = [], 0
    if chunk:
        output.write("".join(chunk).encode("utf-8"))


class _LinesReader(io.RawIOBase):
    """A binary file over lines of text, for a streaming parse."""

    def __init__(self, lines):
        self._lines, self._buffer = iter(lines), b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while len(self._buffer) < len(target):
            parts, size = [], 0
            for line in self._lines:
                parts.append(line)
                size += len(line)
                if size >= 1 << 20:
                    break
            if not parts:
                break
            self._buffer += "".join(parts).encode("utf-8")
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def write_all_from_file(nquads: Path, formats, folder: Path, stem: str, progress=None) -> list[Path]:
    """Every export in `formats` into `folder` from a build's canonical N-Quads file
    (graph/quadfile.py: graphs in IRI order, each graph's lines sorted): the N-Quads export is
    that file itself (a hard link), each other format a streaming parse of it."""
    for fmt in formats:
        check_format(fmt)
    written = []
    for fmt in formats:
        path = Path(folder) / (stem + SUFFIX[fmt])
        if fmt == "nq":
            try:
                os.link(nquads, path)
            except OSError:
                shutil.copyfile(nquads, path)
        else:
            if fmt == "jsonld":
                _from_lines(_file_lines(nquads), fmt, path)
            else:
                _from_quads(ox.parse(path=str(nquads), format=FORMATS["nq"]), fmt, path)
        written.append(path)
        if progress is not None:
            progress(fmt)
    return written


def _from_lines(lines, fmt: str, output) -> None:
    """Canonical N-Quads lines -> `fmt`, streamed."""
    if fmt == "jsonld":
        if isinstance(output, (str, Path)):
            with open(output, "wb") as fh:
                write_jsonld(lines, fh)
        else:
            write_jsonld(lines, output)
    else:
        _from_quads(ox.parse(_LinesReader(lines), format=FORMATS["nq"]), fmt, output)


def _from_quads(quads, fmt: str, output) -> None:
    """Parsed quads in the canonical order -> Turtle or TriG, streamed by Oxigraph."""
    if fmt == "ttl":
        ox.serialize((q.triple for q in quads), output, format=FORMATS[fmt], prefixes=PREFIXES)
    else:
        ox.serialize(quads, output, format=FORMATS[fmt], prefixes=PREFIXES if fmt == "trig" else None)


def serialize(store: ox.Store, fmt: str, nquads: Path | None = None) -> bytes:
    """The export as bytes (for a caller that writes it whole elsewhere)."""
    buf = io.BytesIO()
    write(store, fmt, buf, nquads)
    return buf.getvalue()


# --------------------------------------------------------------------------- JSON-LD


def build_context() -> dict:
    """The JSON-LD context: every prefix, and every name the ontology defines (classes and
    properties of schema/ontology.ttl and properties.ttl) as a term. schema/context.jsonld is
    this, written out (tests/test_pages.py checks the two agree)."""
    context: dict[str, str] = dict(PREFIXES)
    for term in sorted(declared_terms()):
        if term and term not in context:
            context[term] = "dkg:" + term
    return {"@context": context}


def context_text() -> str:
    """The JSON-LD context as schema/context.jsonld holds it, for writing and comparing."""
    return json.dumps(build_context(), indent=2, ensure_ascii=False) + "\n"


def published_context() -> dict:
    """The context as shipped (schema/context.jsonld)."""
    return json.loads((resources.files("dkg.schema") / CONTEXT_FILE).read_text(encoding="utf-8"))


def write_context(target: Path | None = None) -> Path:
    """Regenerate schema/context.jsonld (after the ontology gains a term)."""
    target = target or Path(str(resources.files("dkg.schema") / CONTEXT_FILE))
    target.write_text(context_text(), encoding="utf-8")
    return target


class _Compactor:
    """IRIs to the shortest form the context expands back: a term, else prefix:local."""

    def __init__(self, context: dict):
        ctx = context["@context"]
        self.terms = {v: k for k, v in ctx.items() if ":" in v and v.split(":", 1)[0] in ctx and v.split(":", 1)[0] != k}
        self.prefixes = sorted(((ns, p) for p, ns in ctx.items() if "://" in ns), key=lambda x: -len(x[0]))
        # predicates, classes and graphs recur on every quad: remember them (a bounded cache)
        self.iri = functools.lru_cache(maxsize=65536)(self.iri)

    def iri(self, value: str, vocab: bool = False) -> str:
        compact = value
        for ns, prefix in self.prefixes:
            if value.startswith(ns) and len(value) > len(ns) and not value[len(ns):].startswith("//"):
                compact = f"{prefix}:{value[len(ns):]}"
                break
        if vocab and compact in self.terms:
            return self.terms[compact]
        return compact

    def node_ref(self, term) -> str:
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        return self.iri(term.value)

    def value(self, term):
        if isinstance(term, ox.Literal):
            return self.literal(term.value, term.datatype.value, term.language)
        return {"@id": self.node_ref(term)}

    def literal(self, value: str, datatype: str | None, language: str | None):
        """A literal as compacted JSON-LD: a plain string bare, else with its language or type."""
        if language:
            return {"@value": value, "@language": language}
        if datatype is None or datatype == XSD_STRING:
            return value
        return {"@value": value, "@type": self.iri(datatype, vocab=True)}

    def term_text(self, text: str):
        """An N-Quads object term, as text, compacted (the node reference or the literal)."""
        if text[0] != '"':
            return {"@id": text if text.startswith("_:") else self.iri(text[1:-1])}
        end = text.rindex('"')
        body, rest = text[1:end], text[end + 1:]
        if "\\" in body:
            body = _unescape(body)
        if rest.startswith("@"):
            return self.literal(body, None, rest[1:])
        return self.literal(body, rest[3:-1] if rest else None, None)


def _node(subject: str, props: dict[str, list]) -> dict:
    node = {"@id": subject}
    for key in sorted(props, key=lambda k: (k != "@type", k)):
        values = props[key]
        node[key] = values[0] if len(values) == 1 else values
    return node


def _add(props: dict[str, list], t, compactor: _Compactor) -> None:
    if t.predicate.value == RDF_TYPE and not isinstance(t.object, ox.Literal):
        props.setdefault("@type", []).append(compactor.iri(t.object.value, vocab=True))
    else:
        props.setdefault(compactor.iri(t.predicate.value, vocab=True), []).append(compactor.value(t.object))


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ESCAPED = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(body: str) -> str:
    """The text of an N-Triples string body (ECHAR and UCHAR escapes)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if m.group(3) is None else _ESCAPED[m.group(3)], body)


def _split(line: str) -> tuple[str, str, str, str | None]:
    """An N-Quads line of the canonical file -> (subject, predicate, object, graph or None), each
    as N-Triples text. IRIs and blank node labels hold no space, so the subject and predicate end
    at the first two spaces and the graph, when there is one, is the last term."""
    s_end = line.index(" ")
    p_end = line.index(" ", s_end + 1)
    body = line[p_end + 1:line.rindex(" .")]
    if body.endswith(">"):  # an IRI object or a graph name: the last term starts after its space
        cut = body.rfind(" <")
        if cut > 0 and (body[0] != '"' or cut > body.rindex('"')):
            return line[:s_end], line[s_end + 1:p_end], body[:cut], body[cut + 1:]
    return line[:s_end], line[s_end + 1:p_end], body, None


def write_jsonld(lines, fh, context: dict | None = None) -> None:
    """Compacted JSON-LD of N-Quads lines that come grouped by graph and then by subject (the
    canonical file's order), written as they come: one line per node, one @graph per named
    graph, and only the current subject held in memory. Read from the lines' text rather than
    parsed terms: three times faster, for the same bytes (tests/test_exports.py)."""
    context = context or build_context()
    compactor = _Compactor(context)
    iri, term_text = compactor.iri, compactor.term_text
    rdf_type = "<" + RDF_TYPE + ">"
    out = fh.write
    out(b'{\n "@context": ' + json.dumps(context["@context"], indent=1, ensure_ascii=False).replace("\n", "\n ").encode("utf-8") + b',\n "@graph": [')
    first_top, first_in_graph = True, True
    graph: object = ()  # no graph open yet; None is the default graph
    subject_text, subject, props = None, None, {}

    def flush() -> None:
        nonlocal first_in_graph, first_top
        if subject is None:
            return
        line = json.dumps(_node(subject, props), ensure_ascii=False).encode("utf-8")
        if graph is None:
            out((b"\n  " if first_top else b",\n  ") + line)
            first_top = False
        else:
            out((b"\n   " if first_in_graph else b",\n   ") + line)
            first_in_graph = False

    graph_text = ()
    for line in lines:
        s, p, o, g = _split(line)
        if g != graph_text or s != subject_text:
            flush()
            subject_text, subject, props = s, (s if s.startswith("_:") else iri(s[1:-1])), {}
        if g != graph_text:
            name = None if g is None else (g if g.startswith("_:") else iri(g[1:-1]))
            if graph not in ((), None):
                out(b"\n  ]}")
            if name is not None:
                out((b"\n  " if first_top else b",\n  ") + b'{"@id": ' + json.dumps(name, ensure_ascii=False).encode("utf-8") + b', "@graph": [')
                first_top, first_in_graph = False, True
            graph, graph_text = name, g
        if p == rdf_type and o[0] != '"':
            props.setdefault("@type", []).append(iri(o[1:-1], vocab=True) if o[0] == "<" else o)
        else:
            props.setdefault(iri(p[1:-1], vocab=True), []).append(term_text(o))
    flush()
    if graph not in ((), None):
        out(b"\n  ]}")
    out(b"\n ]\n}\n")


def _nodes(triples, compactor: _Compactor) -> list[dict]:
    by_subject: dict[str, dict[str, list]] = {}
    for t in triples:
        _add(by_subject.setdefault(compactor.node_ref(t.subject), {}), t, compactor)
    return [_node(subject, by_subject[subject]) for subject in sorted(by_subject)]


def jsonld(quads_or_triples, context: dict | None = None) -> str:
    """Compacted, indented JSON-LD of quads (one @graph per named graph) or triples."""
    context = context or build_context()
    compactor = _Compactor(context)
    items = list(quads_or_triples)
    graphs: dict[str | None, list] = {}
    for q in items:
        g = getattr(q, "graph_name", None)
        name = None if g is None or isinstance(g, ox.DefaultGraph) else compactor.node_ref(g)
        graphs.setdefault(name, []).append(q.triple if hasattr(q, "triple") else q)
    top = _nodes(graphs.pop(None, []), compactor)
    for name in sorted(graphs):
        top.append({"@id": name, "@graph": _nodes(graphs[name], compactor)})
    doc = {"@context": context["@context"], "@graph": top}
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
