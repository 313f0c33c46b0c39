"""Reading the vendored W3C SPARQL test suites (manifests in Turtle, results as .srx, .srj,
.tsv or the RDF result-set vocabulary) and comparing solutions the way the suites mean:
as multisets of rows, blank nodes equal up to a consistent renaming."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from dkg.graph.results import Result, Term
from dkg.graph.store import _to_term

HERE = Path(__file__).resolve().parent
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"


def url(path: Path) -> str:
    """A vendored file's IRI: the tests resolve relative IRIs against where the file is."""
    return path.resolve().as_uri()


def graph_of(path: Path) -> list[ox.Triple]:
    """A file's triples, its blank nodes fresh (Oxigraph keeps labels, so `_:x` in two files
    would be one node; in RDF they are two)."""
    fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE
    fresh: dict[str, ox.BlankNode] = {}

    def own(term):
        return fresh.setdefault(term.value, ox.BlankNode()) if isinstance(term, ox.BlankNode) else term

    return [ox.Triple(own(t.subject), t.predicate, own(t.object)) for t in ox.parse(path=str(path), format=fmt, base_iri=url(path))]


def _objects(triples, subject, predicate) -> list:
    return [t.object for t in triples if t.subject == subject and t.predicate.value == predicate]


def _one(triples, subject, predicate):
    found = _objects(triples, subject, predicate)
    return found[0] if found else None


def _list(triples, head) -> list:
    out = []
    while head is not None and head != ox.NamedNode(RDF + "nil"):
        out.append(_one(triples, head, RDF + "first"))
        head = _one(triples, head, RDF + "rest")
    return out


def manifest(folder: str) -> tuple[list[ox.Triple], list]:
    """(the manifest's triples, its mf:entries in order)."""
    path = HERE / folder / "manifest.ttl"
    triples = graph_of(path)
    root = next(t.subject for t in triples if t.predicate.value == MF + "entries")
    return triples, _list(triples, _one(triples, root, MF + "entries"))


def evaluation_tests(folder: str) -> list[dict]:
    """Each query evaluation test: name, type, query, data files, named-data files, result file."""
    triples, entries = manifest(folder)
    tests = []
    for entry in entries:
        action = _one(triples, entry, MF + "action")
        path = lambda term: HERE / folder / Path(term.value).name  # noqa: E731 - every file sits in the folder
        tests.append(
            {
                "name": _one(triples, entry, MF + "name").value,
                "type": _one(triples, entry, RDF + "type").value.rsplit("#", 1)[-1],
                "query": path(_one(triples, action, QT + "query")),
                "data": [path(d) for d in _objects(triples, action, QT + "data")],
                "named": [path(d) for d in _objects(triples, action, QT + "graphData")],
                "result": path(_one(triples, entry, MF + "result")),
            }
        )
    return tests


HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def protocol_tests() -> list[dict]:
    """Each SPARQL 1.1 Protocol test: its name, the graphs it loads ({IRI: file}) and its
    requests in order (method, path, headers, body bytes; expected statuses, format, boolean)."""
    triples, entries = manifest("protocol")
    tests = []
    for entry in entries:
        graphs = {}
        for data in _objects(triples, entry, UT + "graphData"):
            graphs[_one(triples, data, RDFS + "label").value] = HERE / "protocol" / Path(_one(triples, data, UT + "graph").value).name
        requests = []
        connection = _one(triples, entry, MF + "action")
        for request in _list(triples, _one(triples, connection, HT + "requests")):
            body = _one(triples, request, HT + "body")
            headers = {}
            for header in _list(triples, _one(triples, request, HT + "headers")):
                headers[_one(triples, header, HT + "fieldName").value] = _one(triples, header, HT + "fieldValue").value
            response = _one(triples, request, HT + "resp")
            boolean = _one(triples, response, MF + "expectedBoolean")
            fmt = _one(triples, response, MF + "expectedFormat")
            encoding = _one(triples, body, CNT + "characterEncoding").value if body is not None else "UTF-8"
            requests.append(
                {
                    "method": _one(triples, request, HT + "methodName").value,
                    "path": _one(triples, request, HT + "absolutePath").value,
                    "headers": headers,
                    "body": _one(triples, body, CNT + "chars").value.encode(encoding) if body is not None else None,
                    "statuses": sorted(int(s.value.rsplit("StatusCode", 1)[-1][0]) for s in _objects(triples, response, MF + "expectedStatus")),
                    "boolean": None if boolean is None else boolean.value == "true",
                    "format": None if fmt is None else fmt.value,
                }
            )
        tests.append({"name": entry.value.rsplit("#", 1)[-1], "title": _one(triples, entry, MF + "name").value, "graphs": graphs, "requests": requests})
    return tests


def expected(path: Path) -> Result:
    """The expected answer, whatever the file's format."""
    if path.suffix in (".srx", ".srj", ".tsv", ".csv"):
        fmt = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON, ".tsv": ox.QueryResultsFormat.TSV,
               ".csv": ox.QueryResultsFormat.CSV}[path.suffix]
        return parse_results(path.read_bytes(), fmt)
    triples = graph_of(path)  # the RDF result-set vocabulary (rs:ResultSet)
    result_set = next(t.subject for t in triples if t.predicate.value == RDF + "type" and t.object.value == RS + "ResultSet")
    boolean = _one(triples, result_set, RS + "boolean")
    if boolean is not None:
        return Result(boolean=boolean.value == "true")
    names = [v.value for v in _objects(triples, result_set, RS + "resultVariable")]
    rows = []
    for solution in _objects(triples, result_set, RS + "solution"):
        row = {}
        for binding in _objects(triples, solution, RS + "binding"):
            row[_one(triples, binding, RS + "variable").value] = _to_term(_one(triples, binding, RS + "value"))
        rows.append(row)
    return Result(names, rows)


def parse_results(data: bytes, fmt) -> Result:
    answer = ox.parse_query_results(data, format=fmt)
    if isinstance(answer, ox.QueryBoolean):
        return Result(boolean=bool(answer))
    names = [v.value for v in answer.variables]
    return Result(names, [{n: _to_term(s[n]) for n in names if s[n] is not None} for s in answer])


_NUMBERS = {"http://www.w3.org/2001/XMLSchema#" + t: kind for t, kind in
            (("integer", int), ("decimal", Decimal), ("double", float), ("float", float))}


def same_term(want: Term, got: Term) -> bool:
    """Equal terms; numbers by value, since TSV may abbreviate them (`1.0e6` for "1.0E6"^^xsd:double)."""
    if want == got:
        return True
    kind = _NUMBERS.get(want.datatype)
    if want.type == got.type == "literal" and kind is not None and want.datatype == got.datatype:
        try:
            return kind(want.value) == kind(got.value)
        except (ValueError, ArithmeticError):
            return False
    return False


def _match(expected_rows: list[dict], actual_rows: list[dict], mapping: dict) -> bool:
    """Pair every expected row with a distinct actual row, blank nodes renamed consistently."""
    if not expected_rows:
        return not actual_rows
    first, rest = expected_rows[0], expected_rows[1:]
    for i, row in enumerate(actual_rows):
        if set(row) != set(first):
            continue
        trial, ok = dict(mapping), True
        for var, term in first.items():
            got = row[var]
            if term.type == "bnode" and got.type == "bnode":
                if trial.setdefault(term.value, got.value) != got.value or (got.value in trial.values() and
                                                                           [k for k, v in trial.items() if v == got.value] != [term.value]):
                    ok = False
                    break
            elif not same_term(term, got):
                ok = False
                break
        if ok and _match(rest, actual_rows[:i] + actual_rows[i + 1:], trial):
            return True
    return False


def same_answer(want: Result, got: Result) -> bool:
    if want.boolean is not None or got.boolean is not None:
        return want.boolean == got.boolean
    return len(want.rows) == len(got.rows) and _match(want.rows, list(got.rows), {})


def show(result: Result) -> str:
    if result.boolean is not None:
        return str(result.boolean)
    return "\n".join(sorted(" ".join(f"?{k}={v.type[0]}:{v.value}" for k, v in sorted(r.items())) for r in result.rows))


__all__ = ["HERE", "Term", "evaluation_tests", "expected", "graph_of", "parse_results", "same_answer", "show", "url"]
