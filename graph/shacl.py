"""SHACL conformance of the built graph (pySHACL), reported as problems a curator can act on."""

from __future__ import annotations

from pathlib import Path

from ..schema.errors import Problem
from ..schema.iris import local_name

SHAPES = Path(__file__).resolve().parent.parent / "schema" / "shapes.ttl"


def check(nquads: str) -> list[Problem]:
    import rdflib
    from pyshacl import validate

    data = rdflib.Dataset()
    data.parse(data=nquads, format="nquads")
    union = rdflib.Graph()
    for s, p, o, _g in data.quads((None, None, None, None)):
        union.add((s, p, o))
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, report, _text = validate(union, shacl_graph=shapes, inference="none", advanced=True)
    if conforms:
        return []
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    problems = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        message = report.value(result, sh.resultMessage)
        graphs = sorted({str(g) for _s, _p, _o, g in data.quads((focus, None, None, None)) if g is not None})
        where = f"graph {local_name(graphs[0])}" if graphs else "built graph"
        problems.append(
            Problem(where, 0, 0, f"{local_name(str(focus))} {local_name(str(path)) if path else ''}".strip(), f"SHACL: {message}")
        )
    return problems
