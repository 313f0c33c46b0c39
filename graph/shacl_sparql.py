"""SHACL shapes compiled to SPARQL and run inside the store the build wrote.

Why: a validator that copies the graph into its own memory (rudof needs about 10 KB a quad,
pySHACL more) costs more than the build itself at 100k claims; the store already holds the
graph with its indexes, so each constraint is asked there as one query that returns only the
violations. Nothing is copied and memory stays the store's.

The compiler covers the part of SHACL Core that dkg's shapes use and a little more: targets
by class (with subclasses), by node, by subjects or objects of a predicate; paths of one
predicate or its inverse; sh:minCount, maxCount, datatype, class, nodeKind, in, hasValue,
pattern (with flags), minLength, maxLength, min/maxInclusive, min/maxExclusive, and the
logical sh:or, xone, and, not over shapes that use these. Anything else raises Unsupported
naming the construct, so a new kind of shape is never silently ignored (graph/shacl.py then
uses rudof, which knows all of SHACL Core).

Each result is (focus node, path or "", message) like the other engines: one per focus node
for counts, hasValue and node-level constraints, one per offending value otherwise, which is
how rudof and pySHACL report them (tests/test_shacl_engines.py compares all three).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..schema.iris import PREFIXES

SH, RDF, RDFS, XSD = (PREFIXES[p] for p in ("sh", "rdf", "rdfs", "xsd"))
RDF_TYPE = RDF + "type"
SUBCLASS = RDFS + "subClassOf"

_VALUE_COMPONENTS = (
    "datatype", "class", "nodeKind", "in", "pattern", "minLength", "maxLength",
    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
    "or", "xone", "and", "not",
)
_KNOWN = set(_VALUE_COMPONENTS) | {
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property", "path",
    "minCount", "maxCount", "hasValue", "message", "flags", "name", "description", "order",
    "group", "severity", "deactivated",
}


class Unsupported(ValueError):
    """A shape uses SHACL this compiler does not translate (named in the message)."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query: it selects ?focus (and ?value for a value's violation)."""

    where: str  # a group pattern over ?focus (its target bound before it) and maybe ?value
    has_value: bool
    path: str  # IRI, ^IRI for an inverse path, "" for a node-level constraint
    message: str  # the shape's sh:message, or a sentence saying what is wrong
    classes: tuple[str, ...]  # target classes (subclasses are added when run)
    nodes: tuple[str, ...]  # target nodes (SPARQL terms)
    subjects_of: tuple[str, ...]
    objects_of: tuple[str, ...]


def _term(node) -> str:
    """An rdflib term as SPARQL text."""
    return node.n3()


def _short(node) -> str:
    import rdflib

    if isinstance(node, rdflib.URIRef):
        text = str(node)
        return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if isinstance(node, rdflib.Literal):
        return f'"{node}"'
    return str(node)


class _Compiler:
    def __init__(self, g):
        import rdflib

        self.g = g
        self.sh = rdflib.Namespace(SH)
        self.fresh = itertools.count()

    def var(self, stem: str) -> str:
        return f"?_{stem}{next(self.fresh)}"

    def one(self, node, name):
        values = list(self.g.objects(node, self.sh[name]))
        if len(values) > 1:
            raise Unsupported(f"more than one sh:{name} on one shape")
        return values[0] if values else None

    def items(self, node) -> list:
        import rdflib

        return list(rdflib.collection.Collection(self.g, node))

    def check_known(self, node) -> None:
        for p in sorted(set(self.g.predicates(node, None)), key=str):
            name = str(p)[len(SH):] if str(p).startswith(SH) else None
            if name is not None and (name not in _KNOWN or name in ("severity", "deactivated")):
                raise Unsupported(f"sh:{name} is not translated to SPARQL (graph/shacl_sparql.py)")

    def path(self, shape) -> tuple[str, str]:
        """(a triple pattern with ?S and ?O for subject/value, the path as reported)."""
        import rdflib

        p = self.one(shape, "path")
        if isinstance(p, rdflib.URIRef):
            return f"?S {_term(p)} ?O .", str(p)
        inverse = self.one(p, "inversePath") if isinstance(p, rdflib.BNode) else None
        if isinstance(inverse, rdflib.URIRef) and len(set(self.g.predicates(p, None))) == 1:
            return f"?O {_term(inverse)} ?S .", "^" + str(inverse)
        raise Unsupported("a path other than one predicate or its inverse")

    # --- value-level constraints: an expression true when ?x violates them ------------------

    def value_violation(self, shape, x: str, only=None) -> list[tuple[str, str]]:
        """(expression over x that is true when x violates, what is wrong) per component."""
        import rdflib

        g, sh, out = self.g, self.sh, []
        self.check_known(shape)
        for name in _VALUE_COMPONENTS:
            if only is not None and name not in only:
                continue
            for v in g.objects(shape, sh[name]):
                if name == "datatype":
                    out.append((f"(!isLiteral({x}) || datatype({x}) != {_term(v)})", f"is not of type {_short(v)}"))
                elif name == "class":
                    k = self.var("k")
                    out.append((f"NOT EXISTS {{ {x} <{RDF_TYPE}> {k} . FILTER({k} IN ({{CLASSES:{v}}})) }}", f"is not a {_short(v)}"))
                elif name == "nodeKind":
                    tests = {
                        "IRI": f"isIRI({x})", "BlankNode": f"isBlank({x})", "Literal": f"isLiteral({x})",
                        "BlankNodeOrIRI": f"(isBlank({x}) || isIRI({x}))",
                        "BlankNodeOrLiteral": f"(isBlank({x}) || isLiteral({x}))",
                        "IRIOrLiteral": f"(isIRI({x}) || isLiteral({x}))",
                    }
                    kind = str(v)[len(SH):]
                    if kind not in tests:
                        raise Unsupported(f"sh:nodeKind {v}")
                    out.append((f"!{tests[kind]}", f"is not a {kind}"))
                elif name == "in":
                    allowed = self.items(v)
                    same = " || ".join(f"sameTerm({x}, {_term(a)})" for a in allowed) or "false"
                    out.append((f"!({same})", "is not one of " + ", ".join(_short(a) for a in allowed)))
                elif name == "pattern":
                    flags = self.one(shape, "flags")
                    args = _term(rdflib.Literal(str(v))) + (f", {_term(rdflib.Literal(str(flags)))}" if flags else "")
                    out.append((f"(isBlank({x}) || !regex(str({x}), {args}))", f"does not match {v}"))
                elif name in ("minLength", "maxLength"):
                    op = "<" if name == "minLength" else ">"
                    out.append((f"(isBlank({x}) || strlen(str({x})) {op} {int(v)})", f"is {'shorter' if op == '<' else 'longer'} than {int(v)} characters"))
                elif name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
                    op = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}[name]
                    out.append((f"!COALESCE({x} {op} {_term(v)}, false)", f"is not {op} {v}"))
                elif name in ("or", "xone", "and"):
                    alternatives = [self.node_violated(s, x) for s in self.items(v)]
                    if name == "or":
                        expr = " && ".join(f"({a})" for a in alternatives) or "true"
                        said = "conforms to none of the alternatives"
                    elif name == "and":
                        expr = " || ".join(f"({a})" for a in alternatives) or "false"
                        said = "does not conform to every shape"
                    else:
                        count = " + ".join(f"IF({a}, 0, 1)" for a in alternatives) or "0"
                        expr = f"({count}) != 1"
                        said = "does not conform to exactly one of the alternatives"
                    out.append((expr, said))
                elif name == "not":
                    out.append((f"!({self.node_violated(v, x)})", "conforms to a shape it must not"))
        return out

    def node_violated(self, shape, x: str) -> str:
        """An expression true when x, as a focus node, violates `shape` (used inside sh:or ...)."""
        self.check_known(shape)
        parts = [expr for expr, _ in self.value_violation(shape, x)]
        for ps in self.g.objects(shape, self.sh.property):
            parts += [f"EXISTS {{ {where} }}" if where else expr for where, expr in self._property_tests(ps, x)]
        return " || ".join(f"({p})" for p in parts) or "false"

    def _property_tests(self, ps, x: str) -> list[tuple[str, str]]:
        """(group pattern, "") per constraint of a nested property shape: the pattern matches
        when x violates it."""
        self.check_known(ps)
        pattern, _path = self.path(ps)
        out = []
        v = self.var("v")
        step = pattern.replace("?S", x).replace("?O", v)
        low, high, has = self.one(ps, "minCount"), self.one(ps, "maxCount"), self.one(ps, "hasValue")
        if low is not None and int(low) > 0:
            out.append((self._too_few(step, v, int(low), x), ""))
        if high is not None:
            out.append((self._too_many(step, v, int(high), x), ""))
        if has is not None:
            out.append((f"FILTER NOT EXISTS {{ {pattern.replace('?S', x).replace('?O', _term(has))} }}", ""))
        for expr, _said in self.value_violation(ps, v):
            out.append((f"{step} FILTER({expr})", ""))
        return out

    def _too_few(self, step: str, v: str, n: int, x: str = "?focus") -> str:
        if n == 1:
            return f"FILTER NOT EXISTS {{ {step} }}"
        c = self.var("c")
        return f"OPTIONAL {{ SELECT {x} (COUNT(DISTINCT {v}) AS {c}) WHERE {{ {step} }} GROUP BY {x} }} FILTER(!BOUND({c}) || {c} < {n})"

    def _too_many(self, step: str, v: str, n: int, x: str = "?focus") -> str:
        if n == 0:
            return step
        if n == 1:
            w = self.var("w")
            return f"{step} {step.replace(v, w)} FILTER(!sameTerm({v}, {w}))"
        c = self.var("c")
        return f"{{ SELECT {x} (COUNT(DISTINCT {v}) AS {c}) WHERE {{ {step} }} GROUP BY {x} }} FILTER({c} > {n})"

    # --- top level: one check per constraint of each targeted shape ---------------------------

    def shape_checks(self, shape) -> list[Check]:
        import rdflib

        g, sh = self.g, self.sh
        self.check_known(shape)
        targets = dict(
            classes=tuple(str(c) for c in g.objects(shape, sh.targetClass)),
            nodes=tuple(_term(n) for n in g.objects(shape, sh.targetNode)),
            subjects_of=tuple(str(p) for p in g.objects(shape, sh.targetSubjectsOf)),
            objects_of=tuple(str(p) for p in g.objects(shape, sh.targetObjectsOf)),
        )
        if isinstance(shape, rdflib.URIRef) and (shape, rdflib.RDF.type, sh.NodeShape) not in g and not any(targets.values()):
            return []
        own = self.one(shape, "message")
        out = []
        # Each check finds its suspects from the constrained predicate first and joins the
        # targets' type last: the type join is the costly step in the on-disk store (about 8 us
        # a row), so it is paid for violations only, or done as one hash anti-join (MINUS).
        for expr, said in self.value_violation(shape, "?focus"):
            out.append(Check(f"{{FOCUS}} FILTER({expr})", False, "", str(own) if own else said, **targets))
        for ps in g.objects(shape, sh.property):
            self.check_known(ps)
            pattern, path = self.path(ps)
            message = self.one(ps, "message")
            say = (lambda text: str(message) if message else text)
            step = pattern.replace("?S", "?focus").replace("?O", "?value")
            low, high, has = self.one(ps, "minCount"), self.one(ps, "maxCount"), self.one(ps, "hasValue")
            if low is not None and int(low) == 1:
                out.append(Check(f"{{ {{FOCUS}} }} MINUS {{ {step} }}", False, path, say("needs at least 1 value"), **targets))
            elif low is not None and int(low) > 1:
                out.append(Check(f"{{FOCUS}} {self._too_few(step, '?value', int(low))}", False, path, say(f"needs at least {int(low)} values"), **targets))
            if high is not None:
                n = int(high)
                grouped = f"{{ SELECT ?focus WHERE {{ {step} }} GROUP BY ?focus HAVING(COUNT(DISTINCT ?value) > {n}) }}"
                out.append(Check(f"{grouped} {{FOCUS}}", False, path, say(f"allows at most {n} value{'s' if n != 1 else ''}"), **targets))
            if has is not None:
                out.append(Check(f"{{ {{FOCUS}} }} MINUS {{ {pattern.replace('?S', '?focus').replace('?O', _term(has))} }}", False, path, say(f"needs the value {_short(has)}"), **targets))
            for k in g.objects(ps, sh["class"]):
                wrong = f"{{ SELECT DISTINCT ?focus ?value WHERE {{ {{ {step} }} MINUS {{ ?value <{RDF_TYPE}> ?_k . VALUES ?_k {{ {{CLASSES:{k}}} }} }} }} }}"
                out.append(Check(f"{wrong} {{FOCUS}}", True, path, say(f"value is not a {_short(k)}"), **targets))
            others = [c for c in _VALUE_COMPONENTS if c != "class"]
            for expr, said in self.value_violation(ps, "?value", only=others):
                wrong = f"{{ SELECT DISTINCT ?focus ?value WHERE {{ {step} FILTER({expr}) }} }}"
                out.append(Check(f"{wrong} {{FOCUS}}", True, path, say(f"value {said}"), **targets))
        return out


@lru_cache(maxsize=4)
def compile_shapes(path: Path) -> tuple[Check, ...]:
    """Every check of the shapes file; Unsupported if a shape uses what is not translated."""
    import rdflib

    g = rdflib.Graph().parse(path, format="turtle")
    compiler = _Compiler(g)
    sh = compiler.sh
    shapes = set(g.subjects(rdflib.RDF.type, sh.NodeShape))
    for p in (sh.targetClass, sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf):
        shapes |= set(g.subjects(p, None))
    if set(g.subjects(rdflib.RDF.type, sh.PropertyShape)) - set(g.objects(None, sh.property)):
        raise Unsupported("a property shape with targets of its own")
    checks: list[Check] = []
    for shape in sorted(shapes, key=str):
        checks += compiler.shape_checks(shape)
    return tuple(checks)


class _Below(dict):
    """Each class -> itself and every class below it, worked out on first use."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, key):
        self[key] = self.fn(key)
        return self[key]


def _focus(check: Check, below, graphs: list[str] | None) -> str:
    """The group pattern binding ?focus to the check's targets (in the given graphs only)."""
    branches = []
    if check.classes:
        classes = sorted({c for k in check.classes for c in below[k]})
        types = " ".join(f"<{c}>" for c in classes)
        branches.append(f"VALUES ?_target {{ {types} }} ?focus <{RDF_TYPE}> ?_target .")
    for n in check.nodes:
        branches.append(f"BIND({n} AS ?focus) FILTER EXISTS {{ {{ ?focus ?_p ?_o }} UNION {{ ?_s ?_p ?focus }} }}")
    for p in check.subjects_of:
        branches.append(f"?focus <{p}> ?_o .")
    for p in check.objects_of:
        branches.append(f"?_s <{p}> ?focus .")
    if graphs is not None:
        values = " ".join(f"<{g}>" for g in graphs)
        branches = [f"VALUES ?_g {{ {values} }} GRAPH ?_g {{ {b} }}" for b in branches]
    return " UNION ".join(f"{{ {b} }}" for b in branches)


def queries(store, graphs: list[str] | None = None, shapes: Path | None = None) -> list[tuple[Check, str]]:
    """Each check with its SELECT, targets limited to focus nodes typed in `graphs` if given."""
    from .shacl import SHAPES

    below = _Below(_make_below(store))
    out = []
    for check in compile_shapes(shapes or SHAPES):
        where = check.where
        for c in sorted({c for c in _class_refs(where)}):
            where = where.replace(f"VALUES ?_k {{ {{CLASSES:{c}}} }}", "VALUES ?_k { " + " ".join(f"<{k}>" for k in sorted(below[c])) + " }")
            where = where.replace(f"{{CLASSES:{c}}}", ", ".join(f"<{k}>" for k in sorted(below[c])))
        select = "?focus ?value" if check.has_value else "?focus"
        where = where.replace("{FOCUS}", "{ " + _focus(check, below, graphs) + " }")
        out.append((check, f"SELECT DISTINCT {select} WHERE {{ {where} }}"))
    return out


def _class_refs(text: str) -> list[str]:
    import re

    return re.findall(r"\{CLASSES:([^}]*)\}", text)


def _make_below(store):
    down: dict[str, set[str]] = {}
    for row in store.query(f"SELECT ?sub ?sup WHERE {{ ?sub <{SUBCLASS}> ?sup }}", use_default_graph_as_union=True):
        down.setdefault(row["sup"].value, set()).add(row["sub"].value)
    memo: dict[str, set[str]] = {}

    def below(c: str, seen: frozenset = frozenset()) -> set[str]:
        if c in memo:
            return memo[c]
        out = {c}
        for s in down.get(c, ()):
            if s not in seen:
                out |= below(s, seen | {c})
        memo[c] = out
        return out

    return below


def validate(store, graphs: list[str] | None = None, shapes: Path | None = None) -> list[tuple[str, str, str]]:
    """(focus, path, message) of every violation, read from the pyoxigraph `store`."""
    import pyoxigraph as ox

    found = []
    for check, text in queries(store, graphs, shapes):
        for row in store.query(text, use_default_graph_as_union=True):
            focus = row["focus"]
            name = focus.value if isinstance(focus, ox.NamedNode) else f"_:{focus.value}"
            message = check.message
            if check.has_value:
                value = row["value"]
                shown = _shown(value)
                if shown not in message:
                    message = f"{message} (value {shown})"
            found.append((name, check.path, message))
    return found


def _shown(term) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        text = term.value.replace("\\", "\\\\").replace('"', '\\"')
        if term.language:
            return f'"{text}"@{term.language}'
        dt = term.datatype.value
        if dt == XSD + "string":
            return f'"{text}"'
        return f'"{text}"^^xsd:{dt[len(XSD):]}' if dt.startswith(XSD) else f'"{text}"^^<{dt}>'
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    return f"_:{term.value}"
