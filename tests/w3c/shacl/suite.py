"""The W3C SHACL Core test suite (vendored in core/) read as cases, and validation reports compared
with the expected ones the way the suite means them.

A report matches when sh:conforms agrees and the results agree as a multiset of (focus node,
result path, constraint component, value, severity): a literal is a literal (with its datatype or
language; a well-formed number or date by its value, as pyoxigraph keeps "4.0"^^xsd:decimal as
4), a path is compared by its structure, and a value only where the suite gives one.
Blank nodes of the data are compared by identity when the engine was given the very graph the
suite's expected report was parsed with (dkg's engine, pySHACL); an engine that parses text
itself (rudof) gets fresh labels, so there a blank node only has to be a blank node ("loose").
"""

from __future__ import annotations

import datetime
import decimal
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rdflib

from dkg.schema.iris import PREFIXES

CORE = Path(__file__).resolve().parent / "core"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
SH = rdflib.Namespace(PREFIXES["sh"])
XSD_STRING = str(rdflib.XSD.string)
RDF_LANG = str(rdflib.RDF.langString)
_VALUES = (bool, int, float, decimal.Decimal, datetime.date, datetime.time, datetime.datetime, datetime.timedelta)


@lru_cache(maxsize=None)
def graph(path: Path) -> rdflib.Graph:
    """The file parsed once (its blank node labels are then shared by data and expectations),
    literals as written: rdflib would otherwise rewrite "none"^^xsd:boolean as false and
    "1"^^xsd:boolean as true, and the suite tests both."""
    from dkg.graph.shacl_sparql import parse_shapes

    return parse_shapes(path, base=path.as_uri())


@dataclass(frozen=True)
class Case:
    name: str  # folder/test, e.g. node/and-001
    manifest: Path
    node: rdflib.term.Node  # the test's node in the manifest graph
    data: Path
    shapes: Path

    @property
    def expected(self) -> rdflib.term.Node:
        return graph(self.manifest).value(self.node, MF.result)


def _file(uri) -> Path:
    return Path(str(uri).removeprefix("file://"))


def cases(manifest: Path = CORE / "manifest.ttl") -> list[Case]:
    """Every sht:Validate test reachable from the manifest (mf:include followed)."""
    g = graph(manifest)
    out = []
    for m in g.subjects(rdflib.RDF.type, MF.Manifest):
        for inc in g.objects(m, MF.include):
            out += cases(_file(inc))
        for entries in g.objects(m, MF.entries):
            for test in rdflib.collection.Collection(g, entries):
                if (test, rdflib.RDF.type, SHT.Validate) not in g:
                    continue
                action = g.value(test, MF.action)
                name = f"{manifest.parent.name}/{str(test).rsplit('/', 1)[-1]}"
                out.append(Case(name, manifest, test, _file(g.value(action, SHT.dataGraph)), _file(g.value(action, SHT.shapesGraph))))
    return sorted(out, key=lambda c: c.name)


def _path_key(g, node, seen=()):
    if isinstance(node, rdflib.URIRef):
        return str(node)
    if node in seen:
        return "cycle"
    first = g.value(node, rdflib.RDF.first)
    if first is not None:
        return ("seq", tuple(_path_key(g, x, seen + (node,)) for x in rdflib.collection.Collection(g, node)))
    return tuple(sorted((str(p), _path_key(g, o, seen + (node,))) for p, o in g.predicate_objects(node)))


def _term_key(term, bnodes: bool):
    if isinstance(term, rdflib.BNode):
        return ("bnode", str(term) if bnodes else "")
    if isinstance(term, rdflib.Literal):
        datatype = term.datatype or (RDF_LANG if term.language else XSD_STRING)
        # a well-formed number or date by its value: pyoxigraph stores "4.0"^^xsd:decimal as 4
        value = term.value if isinstance(term.value, _VALUES) and not term.ill_typed else str(term)
        return ("literal", str(datatype), (term.language or "").lower(), value)
    return ("iri", str(term))


def report_keys(g: rdflib.Graph, report, bnodes: bool = True, with_values: set | None = None) -> tuple[bool, Counter]:
    """(sh:conforms, multiset of result keys) of `report` in graph `g`."""
    conforms = g.value(report, SH.conforms)
    keys = Counter()
    for r in g.objects(report, SH.result):
        path = g.value(r, SH.resultPath)
        value = g.value(r, SH.value)
        keys[(
            _term_key(g.value(r, SH.focusNode), bnodes),
            _path_key(g, path) if path is not None else None,
            str(g.value(r, SH.sourceConstraintComponent)),
            _term_key(value, bnodes) if value is not None else None,
            str(g.value(r, SH.resultSeverity)),
        )] += 1
    return bool(conforms.toPython()) if conforms is not None else None, keys


def compare(case: Case, actual: rdflib.Graph, bnodes: bool = True) -> list[str]:
    """What differs between `actual` (a graph holding one sh:ValidationReport) and the expected
    report; [] when they match."""
    expected_conforms, expected = report_keys(graph(case.manifest), case.expected, bnodes)
    report = next(actual.subjects(rdflib.RDF.type, SH.ValidationReport), None)
    if report is None:
        return ["no sh:ValidationReport"]
    conforms, got = report_keys(actual, report, bnodes)
    # the suite leaves out sh:value where a result has none to give (counts, node-level ones)
    valueless = {(f, p, c) for f, p, c, v, _s in expected if v is None}
    got = _merge(got, valueless)
    problems = []
    if conforms != expected_conforms:
        problems.append(f"conforms {conforms}, expected {expected_conforms}")
    for key in sorted(set(expected) | set(got), key=str):
        if expected[key] != got[key]:
            problems.append(f"{got[key]} result(s) {key}, expected {expected[key]}")
    return problems


def _merge(got: Counter, valueless: set) -> Counter:
    out: Counter = Counter()
    for (f, p, c, v, s), n in got.items():
        out[(f, p, c, None if (f, p, c) in valueless else v, s)] += n
    return out
