"""The W3C SHACL Core suite's cases run through each engine, each giving an rdflib report graph
(or raising Unsupported when dkg's compiler refuses the shapes)."""

from __future__ import annotations

import rdflib

from dkg.graph import shacl_sparql

from .suite import Case, graph


def dkg_engine(case: Case) -> rdflib.Graph:
    """The build's engine: the shapes compiled to SPARQL over an in-memory pyoxigraph store."""
    shapes = graph(case.shapes)
    checks = shacl_sparql.compile_graph(shapes)  # Unsupported when refused
    found = shacl_sparql.results(shacl_sparql.store_of(graph(case.data)), checks=checks)
    return shacl_sparql.report_graph(found, shapes)


def rudof_engine(case: Case) -> rdflib.Graph:
    """pyrudof, the build's fallback, given the data as N-Triples and the shapes file."""
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(graph(case.data).serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(case.shapes.read_text(encoding="utf-8"), format=pyrudof.ShaclFormat.Turtle, base=case.shapes.as_uri())
    rudof.validate_shacl()
    text = rudof.serialize_shacl_validation_results(format=pyrudof.ResultShaclValidationFormat.Turtle)
    return rdflib.Graph().parse(data=text, format="turtle")


def pyshacl_engine(case: Case) -> rdflib.Graph:
    """pySHACL, the reference implementation, on the same rdflib graphs."""
    from pyshacl import validate

    _conforms, report, _text = validate(graph(case.data), shacl_graph=graph(case.shapes), inference="none")
    return report


ENGINES = {"dkg": dkg_engine, "pyrudof": rudof_engine, "pySHACL": pyshacl_engine}
STRICT_BNODES = {"dkg": True, "pyrudof": False, "pySHACL": True}  # rudof parses text: fresh labels


def outcome(engine: str, case: Case) -> tuple[str, str]:
    """("passed" | "refused" | "failed", why) of one case through one engine, used directly."""
    from .suite import compare

    try:
        report = ENGINES[engine](case)
    except shacl_sparql.Unsupported as refusal:
        return "refused", str(refusal)
    except Exception as error:  # an engine's crash is a failure of that engine
        return "failed", f"{type(error).__name__}: {error}"
    problems = compare(case, report, bnodes=STRICT_BNODES[engine])
    return ("failed", "; ".join(problems)) if problems else ("passed", "")


def tally() -> dict[str, dict[str, list[str]]]:
    """Per engine, the names of the cases it passed, refused and failed."""
    from .suite import cases

    out = {}
    for engine in ENGINES:
        out[engine] = {"passed": [], "refused": [], "failed": []}
        for case in cases():
            kind, _why = outcome(engine, case)
            out[engine][kind].append(case.name)
    return out


if __name__ == "__main__":  # python -m tests.w3c.shacl.engines: the counts in docs/conformance.md
    import logging

    logging.disable(logging.WARNING)
    for engine, kinds in tally().items():
        print(f"| {engine} | {sum(len(v) for v in kinds.values())} | {len(kinds['passed'])} | {len(kinds['refused'])} | {len(kinds['failed'])} | {', '.join(kinds['refused'] + kinds['failed'])} |")
