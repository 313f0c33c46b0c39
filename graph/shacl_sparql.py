"""SHACL shapes compiled to SPARQL and run inside the store the build wrote.

Why: a validator that copies the graph into its own memory (rudof needs about 10 KB a quad,
pySHACL more) costs more than the build itself at 100k claims; the store already holds the
graph with its indexes, so each constraint is asked there as one query that returns only the
violations. Nothing is copied and memory stays the store's.

What it translates is what it can answer exactly as SHACL Core says, checked by the W3C SHACL
Core test suite (tests/test_shacl_w3c.py): every target kind (implicit class targets too), every
path kind, and the core constraint components, nested through sh:node, sh:property,
sh:and/or/xone/not and sh:qualifiedValueShape, with sh:severity, sh:message and sh:deactivated.
Anything else raises Unsupported naming the construct, so a shape is never silently misread
(graph/shacl.py then uses rudof, which knows all of SHACL Core). Refused on purpose:

- sh:datatype of an XSD type the store does not keep apart (pyoxigraph stores xsd:int, xsd:byte,
  xsd:nonNegativeInteger ... as xsd:integer and xsd:dateTimeStamp as xsd:dateTime, so no query
  can tell them apart), or whose well-formedness SPARQL cannot check (xsd:base64Binary,
  rdf:HTML, rdf:XMLLiteral ...); sh:in and sh:hasValue of a literal of a folded type;
- a blank node of the shapes as a value to compare with the data; recursive shapes (SHACL leaves
  them undefined); SPARQL-based constraints and targets;
- counts above 5 inside nested shapes (expanded as distinct variables, not aggregates).

Shapes no engine could use (two sh:path on a shape, sh:class of a literal, a sh:pattern the
store's regex rejects ...) raise IllFormedShapes instead: that is the shapes' fault, not a gap.

A constraint of a targeted shape is one SELECT over ?focus (and ?value); a nested shape becomes
a FILTER expression "x conforms" (NOT EXISTS of its violations), which pyoxigraph evaluates with
x bound from outside. Each check finds its suspects from the constrained predicate first and
joins the targets last: the type join is the costly step in the on-disk store (about 8 us a
row), so it is paid for violations only, or done as one hash anti-join (MINUS).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..schema.iris import PREFIXES

SH, RDF, RDFS, XSD = (PREFIXES[p] for p in ("sh", "rdf", "rdfs", "xsd"))
RDF_TYPE = RDF + "type"
SUBCLASS = RDFS + "subClassOf"

# XSD types pyoxigraph keeps as written and can cast (a failed cast = an ill-formed literal)
_CASTABLE = {
    "integer", "decimal", "float", "double", "boolean", "dateTime", "date", "time", "gYear",
    "gYearMonth", "gMonth", "gDay", "gMonthDay", "duration", "dayTimeDuration", "yearMonthDuration",
}
_ALWAYS_WELL_FORMED = {XSD + "string", RDF + "langString", XSD + "anyURI"}  # any string is an anyURI (XSD 1.1)
# XSD string types pyoxigraph keeps as written, with their lexical space as a regular expression
_LEXICAL = {
    "normalizedString": "^[^\\r\\n\\t]*$",
    "token": "^([^\\s]+( [^\\s]+)*)?$",
    "language": "^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$",
    "hexBinary": "^([0-9a-fA-F]{2})*$",
}
_NESTED_COUNT_MAX = 5

# the parameters of each constraint component this compiler translates
_COMPONENTS = {
    "class": "ClassConstraintComponent", "datatype": "DatatypeConstraintComponent",
    "nodeKind": "NodeKindConstraintComponent", "minCount": "MinCountConstraintComponent",
    "maxCount": "MaxCountConstraintComponent", "minExclusive": "MinExclusiveConstraintComponent",
    "minInclusive": "MinInclusiveConstraintComponent", "maxExclusive": "MaxExclusiveConstraintComponent",
    "maxInclusive": "MaxInclusiveConstraintComponent", "minLength": "MinLengthConstraintComponent",
    "maxLength": "MaxLengthConstraintComponent", "pattern": "PatternConstraintComponent",
    "languageIn": "LanguageInConstraintComponent", "uniqueLang": "UniqueLangConstraintComponent",
    "equals": "EqualsConstraintComponent", "disjoint": "DisjointConstraintComponent",
    "lessThan": "LessThanConstraintComponent", "lessThanOrEquals": "LessThanOrEqualsConstraintComponent",
    "not": "NotConstraintComponent", "and": "AndConstraintComponent", "or": "OrConstraintComponent",
    "xone": "XoneConstraintComponent", "node": "NodeConstraintComponent",
    "hasValue": "HasValueConstraintComponent", "in": "InConstraintComponent",
    "closed": "ClosedConstraintComponent",
    "qualifiedMinCount": "QualifiedMinCountConstraintComponent",
    "qualifiedMaxCount": "QualifiedMaxCountConstraintComponent",
}
_PARAMETERS = set(_COMPONENTS) | {
    "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount", "qualifiedValueShapesDisjoint",
    "flags", "ignoredProperties", "property", "path",
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf",
    "message", "severity", "deactivated", "name", "description", "order", "group", "defaultValue",
}


class Unsupported(ValueError):
    """A shape uses SHACL this compiler does not translate (named in the message)."""


class IllFormedShapes(ValueError):
    """The shapes graph is not well-formed SHACL (two sh:path on a shape, sh:class of a
    literal, a sh:pattern that is no regular expression ...): no engine can use it."""


@dataclass(frozen=True)
class Check:
    """One constraint of a targeted shape as a query selecting ?focus, and ?value when the
    result names a value (`value` is "?value", "?focus" or ""; ?_path when the path varies)."""

    where: str  # a group pattern; {FOCUS} stands for the pattern binding ?focus to the targets
    value: str
    path: str  # shown path: IRI, ^IRI, a SPARQL path, or "" for a node shape
    path_node: object  # the sh:path term in the shapes graph (None for a node shape)
    component: str  # IRI of the constraint component
    shape: object  # the source shape, a term of the shapes graph
    severity: str
    message: str  # the shape's sh:message, or a sentence saying what is wrong
    classes: tuple[str, ...]  # target classes (subclasses are added when run)
    nodes: tuple[str, ...]  # target nodes (SPARQL terms)
    subjects_of: tuple[str, ...]
    objects_of: tuple[str, ...]
    via: tuple[tuple[str, bool], ...] = ()  # paths from a target to the focus (nested sh:property)
    dynamic_path: bool = False  # the row's ?_path is the result path (sh:closed)
    distinct_by: tuple[str, ...] = ()  # more variables telling results apart (one per pair ...)


@dataclass(frozen=True)
class Result:
    """One validation result, its terms as pyoxigraph gives them (value None if none)."""

    focus: object
    value: object
    path: object  # rdflib term of the shapes graph (or a NamedNode for sh:closed), None if none
    path_text: str
    component: str
    shape: object
    severity: str
    message: str


# XSD types pyoxigraph stores as another (xsd:integer, xsd:dateTime): a term of one cannot be told
# from the same value of the other, so sh:in and sh:hasValue, which want the very term, refuse them
FOLDED_TYPES = {
    "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "dateTimeStamp",
}


def _kept(node, where: str):
    """`node`, unless it is a literal of a type the store folds into another (then Unsupported)."""
    datatype = str(getattr(node, "datatype", None) or "")
    if datatype.startswith(XSD) and datatype[len(XSD):] in FOLDED_TYPES:
        raise Unsupported(f"{where} {node.n3()}: the store keeps xsd:{datatype[len(XSD):]} as another type")
    return node


def _is_true(node) -> bool:
    """Whether a parameter is the literal true (the suite: "1"^^xsd:boolean does not switch on)."""
    return node is not None and node.n3() in (f'"true"^^<{XSD}boolean>', "true")


def _term(node) -> str:
    """A constant of the shapes as SPARQL text, written by pyoxigraph (so an IRI is a valid IRI
    and a literal is escaped: the shapes are untrusted input too)."""
    import rdflib

    if isinstance(node, rdflib.BNode):
        raise Unsupported(f"a blank node ({node.n3()}) as a value to compare with the data")
    try:
        return str(from_rdflib(node))
    except ValueError as exc:
        raise IllFormedShapes(f"{node.n3()}: {exc}") from None


def _short(node) -> str:
    import rdflib

    if isinstance(node, rdflib.URIRef):
        return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if isinstance(node, rdflib.Literal):
        return f'"{node}"'
    return str(node)


@dataclass(frozen=True)
class _Path:
    sparql: str  # a SPARQL property path
    shown: str  # IRI, ^IRI or the SPARQL path, as results report it
    nullable: bool  # matches the empty path (the focus is its own value)
    simple: bool  # one predicate or its inverse

    def step(self, x: str, v: str) -> str:
        """A pattern binding v to each value of x, x bound from outside (inside EXISTS)."""
        if self.nullable:
            return f"{{ BIND({x} AS {v}) }} UNION {{ {x} {self.sparql} {v} }}"
        return f"{x} {self.sparql} {v} ."

    def has(self, x: str, v: str) -> str:
        """A pattern matching when v, bound from outside like x, is a value of x (BIND cannot
        rebind v)."""
        if self.nullable:
            return f"{{ FILTER(sameTerm({x}, {v})) }} UNION {{ {x} {self.sparql} {v} }}"
        return f"{x} {self.sparql} {v} ."

    def top(self, v: str) -> str:
        """A pattern binding ?focus and v to each focus node's values, for a check's own query:
        the empty path's value comes from the targets ({FOCUS}), as pyoxigraph matches no
        empty path from a node absent from the graph."""
        if self.nullable:
            return f"{{ {{FOCUS}} BIND(?focus AS {v}) }} UNION {{ ?focus {self.sparql} {v} }}"
        return f"?focus {self.sparql} {v} ."


class _Compiler:
    def __init__(self, g):
        import rdflib

        self.g = g
        self.sh = rdflib.Namespace(SH)
        self.fresh = itertools.count()
        self.stack: list = []  # shapes being compiled inside each other (recursion is refused)

    def var(self, stem: str) -> str:
        return f"?_{stem}{next(self.fresh)}"

    def one(self, node, name):
        values = list(self.g.objects(node, self.sh[name]))
        if len(values) > 1:
            raise IllFormedShapes(f"more than one sh:{name} on {node.n3()}")
        return values[0] if values else None

    def iris(self, node, name) -> list:
        """The values of sh:name on node, each an IRI as SHACL requires (IllFormedShapes if not)."""
        import rdflib

        values = list(self.g.objects(node, self.sh[name]))
        for v in values:
            if not isinstance(v, rdflib.URIRef):
                raise IllFormedShapes(f"sh:{name} {v.n3()} of {node.n3()} is not an IRI")
        return values

    def integer(self, node, name) -> int | None:
        import rdflib

        v = self.one(node, name)
        if v is None:
            return None
        if not isinstance(v, rdflib.Literal) or not isinstance(v.toPython(), int) or isinstance(v.toPython(), bool):
            raise IllFormedShapes(f"sh:{name} {v.n3()} of {node.n3()} is not an integer")
        return int(v.toPython())

    def items(self, node) -> list:
        import rdflib

        seen, out = set(), []
        while node != rdflib.RDF.nil:
            if node in seen or node is None:
                raise IllFormedShapes("an ill-formed RDF list")
            seen.add(node)
            first = self.g.value(node, rdflib.RDF.first)
            if first is None:
                raise IllFormedShapes("an ill-formed RDF list")
            out.append(first)
            node = self.g.value(node, rdflib.RDF.rest)
        return out

    def check_known(self, node) -> None:
        for p in set(self.g.predicates(node, None)):
            text = str(p)
            if text.startswith(SH) and text[len(SH):] not in _PARAMETERS:
                raise Unsupported(f"sh:{text[len(SH):]} is not translated to SPARQL (graph/shacl_sparql.py)")

    def deactivated(self, shape) -> bool:
        return _is_true(self.one(shape, "deactivated"))

    def is_property_shape(self, shape) -> bool:
        import rdflib

        if self.one(shape, "path") is None:
            return False
        if (shape, rdflib.RDF.type, self.sh.NodeShape) in self.g:
            raise IllFormedShapes(f"{shape.n3()} is a sh:NodeShape with a sh:path")
        return True

    def path(self, shape) -> _Path:
        return self.path_of(self.one(shape, "path"))

    def path_of(self, p, seen: frozenset = frozenset()) -> _Path:
        import rdflib

        sh, g = self.sh, self.g
        if p in seen:
            raise IllFormedShapes(f"the path {p.n3()} contains itself")
        seen = seen | {p}
        if isinstance(p, rdflib.URIRef):
            return _Path(_term(p), str(p), False, True)
        if not isinstance(p, rdflib.BNode):
            raise IllFormedShapes(f"sh:path {p.n3()} is not a path")
        if g.value(p, rdflib.RDF.first) is not None:
            parts = [self.path_of(x, seen) for x in self.items(p)]
            if len(parts) < 2:
                raise IllFormedShapes("a sequence path of fewer than two steps")
            return _Path("(" + " / ".join(x.sparql for x in parts) + ")", "(" + " / ".join(x.sparql for x in parts) + ")", all(x.nullable for x in parts), False)
        kinds = [k for k in ("inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath") if (p, sh[k], None) in g]
        if len(kinds) != 1 or len(set(g.predicates(p, None))) != 1:
            raise IllFormedShapes(f"the path node {p.n3()} is not exactly one SHACL path")
        kind = kinds[0]
        inner = self.one(p, kind)
        if kind == "alternativePath":
            parts = [self.path_of(x, seen) for x in self.items(inner)]
            if len(parts) < 2:
                raise IllFormedShapes("an alternative path of fewer than two members")
            text = "(" + " | ".join(x.sparql for x in parts) + ")"
            return _Path(text, text, any(x.nullable for x in parts), False)
        sub = self.path_of(inner, seen)
        if kind == "inversePath":
            shown = "^" + sub.shown if sub.simple else f"^{sub.sparql}"
            return _Path(f"^{sub.sparql}", shown, sub.nullable, sub.simple and not sub.shown.startswith("^"))
        op = {"zeroOrMorePath": "*", "oneOrMorePath": "+", "zeroOrOnePath": "?"}[kind]
        text = f"({sub.sparql}){op}"
        return _Path(text, text, op != "+" or sub.nullable, False)

    def message(self, shape, said: str) -> str:
        own = [m for m in self.g.objects(shape, self.sh.message)]
        if not own:
            return said
        english = [m for m in own if getattr(m, "language", None) in (None, "en")]
        return str((english or own)[0])

    def severity(self, shape) -> str:
        v = self.one(shape, "severity")
        return str(v) if v is not None else SH + "Violation"

    # --- expressions over one value node -------------------------------------------------

    def value_tests(self, shape, x: str) -> list[tuple[str, str, str]]:
        """(expression true when x violates, component name, what is wrong) per constraint
        that looks at a value node alone."""
        import rdflib

        g, sh, out = self.g, self.sh, []
        for v in g.objects(shape, sh.datatype):
            if not isinstance(v, rdflib.URIRef):
                raise IllFormedShapes(f"sh:datatype {v.n3()} is not an IRI")
            dt = str(v)
            well_formed = "true"
            if dt.startswith(XSD) and dt not in _ALWAYS_WELL_FORMED:
                local = dt[len(XSD):]
                if local in _CASTABLE:
                    well_formed = f"sameTerm(<{dt}>({x}), <{dt}>({x}))"  # an error when ill-formed
                elif local in _LEXICAL:
                    well_formed = f"regex(str({x}), {_term(rdflib.Literal(_LEXICAL[local]))})"
                else:
                    raise Unsupported(f"sh:datatype xsd:{local} (the store folds it into another type or cannot check its form)")
            elif dt == RDF + "XMLLiteral" or dt == RDF + "HTML" or dt == RDF + "JSON":
                raise Unsupported(f"sh:datatype {v.n3()} (well-formedness not checked in SPARQL)")
            typed = f"isLiteral({x}) && sameTerm(datatype({x}), {_term(v)})"
            expr = f"!({typed})" if well_formed == "true" else f"!COALESCE({typed} && {well_formed}, false)"
            out.append((expr, "datatype", f"is not of type {_short(v)}"))
        for v in g.objects(shape, sh.nodeKind):
            tests = {
                "IRI": f"isIRI({x})", "BlankNode": f"isBlank({x})", "Literal": f"isLiteral({x})",
                "BlankNodeOrIRI": f"(isBlank({x}) || isIRI({x}))",
                "BlankNodeOrLiteral": f"(isBlank({x}) || isLiteral({x}))",
                "IRIOrLiteral": f"(isIRI({x}) || isLiteral({x}))",
            }
            kind = str(v)[len(SH):] if str(v).startswith(SH) else ""
            if kind not in tests:
                raise IllFormedShapes(f"sh:nodeKind {v.n3()} is not a SHACL node kind")
            out.append((f"!{tests[kind]}", "nodeKind", f"is not a {kind}"))
        for v in g.objects(shape, sh["in"]):
            allowed = [_kept(a, "sh:in") for a in self.items(v)]
            same = " || ".join(f"sameTerm({x}, {_term(a)})" for a in allowed) or "false"
            out.append((f"!({same})", "in", "is not one of " + ", ".join(_short(a) for a in allowed)))
        for v in g.objects(shape, sh.pattern):
            flags = self.one(shape, "flags")
            _check_regex(str(v), str(flags) if flags is not None else "", shape)
            args = _term(rdflib.Literal(str(v))) + (f", {_term(rdflib.Literal(str(flags)))}" if flags else "")
            out.append((f"(isBlank({x}) || !COALESCE(regex(str({x}), {args}), false))", "pattern", f"does not match {v}"))
        for name, op in (("minLength", "<"), ("maxLength", ">")):
            for v in g.objects(shape, sh[name]):
                n = v.toPython() if isinstance(v, rdflib.Literal) else None
                if not isinstance(n, int):
                    raise IllFormedShapes(f"sh:{name} {v.n3()} of {shape.n3()}")
                out.append((f"(isBlank({x}) || strlen(str({x})) {op} {n})", name, f"is {'shorter' if op == '<' else 'longer'} than {n} characters"))
        for name, op in (("minInclusive", ">="), ("maxInclusive", "<="), ("minExclusive", ">"), ("maxExclusive", "<")):
            for v in g.objects(shape, sh[name]):
                if not isinstance(v, rdflib.Literal):
                    raise IllFormedShapes(f"sh:{name} {v.n3()} of {shape.n3()}")
                out.append((f"!COALESCE({x} {op} {_term(v)}, false)", name, f"is not {op} {v}"))
        for v in g.objects(shape, sh.languageIn):
            ranges = self.items(v)
            match = " || ".join(f"langMatches(lang({x}), {_term(rdflib.Literal(str(r)))})" for r in ranges) or "false"
            out.append((f"!COALESCE(isLiteral({x}) && lang({x}) != \"\" && ({match}), false)", "languageIn", "has a language not among " + ", ".join(str(r) for r in ranges)))
        return out

    def logical_tests(self, shape, x: str) -> list[tuple[str, str, str]]:
        """(expression true when x violates, component, what is wrong) for sh:not, and, or,
        xone and node: each member's conformance as an expression over x."""
        g, sh, out = self.g, self.sh, []
        for v in g.objects(shape, sh["not"]):
            out.append((self.conforms(v, x), "not", "conforms to a shape it must not"))
        for name in ("and", "or", "xone"):
            for v in g.objects(shape, sh[name]):
                members = [self.conforms(s, x) for s in self.items(v)]
                if name == "and":
                    expr, said = "!(" + (" && ".join(f"({m})" for m in members) or "true") + ")", "does not conform to every shape"
                elif name == "or":
                    expr, said = "!(" + (" || ".join(f"({m})" for m in members) or "false") + ")", "conforms to none of the alternatives"
                else:
                    count = " + ".join(f"IF({m}, 1, 0)" for m in members) or "0"
                    expr, said = f"({count}) != 1", "does not conform to exactly one of the alternatives"
                out.append((expr, name, said))
        for v in g.objects(shape, sh.node):
            out.append((f"!({self.conforms(v, x)})", "node", f"does not conform to {_short(v)}"))
        return out

    # --- a whole shape as an expression over a focus node ------------------------------------

    def conforms(self, shape, x: str) -> str:
        """An expression true when x, as a focus node, conforms to `shape` (sh:node, sh:or ...)."""
        if shape in self.stack:
            raise Unsupported("a recursive shape")
        self.check_known(shape)
        if self.deactivated(shape):
            return "true"
        self.stack.append(shape)
        try:
            violated = self.violations(shape, x)
        finally:
            self.stack.pop()
        return "!(" + " || ".join(f"({e})" for e in violated) + ")" if violated else "true"

    def violations(self, shape, x: str) -> list[str]:
        """One expression per constraint of `shape`, true when focus node x violates it."""
        if not self.is_property_shape(shape):
            out = [e for e, _c, _s in self.value_tests(shape, x) + self.logical_tests(shape, x)]
            out += self.node_only(shape, x)
            for ps in self.g.objects(shape, self.sh.property):
                self.check_known(ps)
                if not self.deactivated(ps):
                    out += self.violations(ps, x)
            return out
        path = self.path(shape)
        v = self.var("v")
        step = path.step(x, v)
        out = [f"EXISTS {{ {step} FILTER({e}) }}" for e, _c, _s in self.value_tests(shape, v) + self.logical_tests(shape, v)]
        for k in self.iris(shape, "class"):
            out.append(f"EXISTS {{ {step} FILTER({self.not_instance(v, k)}) }}")
        for ps in self.g.objects(shape, self.sh.property):
            self.check_known(ps)
            if not self.deactivated(ps):
                out += [f"EXISTS {{ {step} FILTER({e}) }}" for e in self.violations(ps, v)]
        low, high = self.integer(shape, "minCount"), self.integer(shape, "maxCount")
        if low is not None and low > 0:
            out.append(f"NOT EXISTS {{ {self.distinct(path, x, low)} }}")
        if high is not None:
            out.append(f"EXISTS {{ {self.distinct(path, x, high + 1)} }}")
        for h in self.g.objects(shape, self.sh.hasValue):
            h = _kept(h, "sh:hasValue")
            if path.nullable:
                out.append(f"NOT EXISTS {{ {step} FILTER(sameTerm({v}, {_term(h)})) }}")
            else:  # the value bound in the pattern: one index lookup
                out.append(f"NOT EXISTS {{ {x} {path.sparql} {_term(h)} . }}")
        out += self.pair_tests(shape, path, x)
        out += self.qualified(shape, path, x)
        out += self.unique_lang(shape, path, x)
        closed = self.closed(shape, v, self.var("p"), self.var("o"))
        if closed:
            out.append(f"EXISTS {{ {step} {closed} }}")
        return out

    def not_instance(self, x: str, k) -> str:
        return f"NOT EXISTS {{ {_isa(x, k)} }}"

    def node_only(self, shape, x: str) -> list[str]:
        """Constraints of a node shape on its focus node beyond the value tests."""
        g, sh, out = self.g, self.sh, []
        for k in self.iris(shape, "class"):
            out.append(self.not_instance(x, k))
        for h in g.objects(shape, sh.hasValue):
            h = _kept(h, "sh:hasValue")
            out.append(f"!sameTerm({x}, {_term(h)})")
        for p in self.iris(shape, "equals"):
            o = self.var("o")
            out.append(f"(NOT EXISTS {{ {x} {_term(p)} {x} }} || EXISTS {{ {x} {_term(p)} {o} FILTER(!sameTerm({o}, {x})) }})")
        for p in self.iris(shape, "disjoint"):
            out.append(f"EXISTS {{ {x} {_term(p)} {x} }}")
        for name in ("lessThan", "lessThanOrEquals", "uniqueLang", "qualifiedValueShape", "minCount", "maxCount"):
            if (shape, sh[name], None) in g:
                raise Unsupported(f"sh:{name} on a node shape")
        closed = self.closed(shape, x, self.var("p"), self.var("o"))
        if closed:
            out.append(f"EXISTS {{ {closed} }}")
        return out

    def closed(self, shape, x: str, p: str, o: str) -> str | None:
        """For a closed shape, a pattern matching each triple (x p o) whose predicate the shape
        does not allow (the IRI paths of its property shapes and sh:ignoredProperties)."""
        import rdflib

        if not _is_true(self.one(shape, "closed")):
            return None
        allowed = {self.one(ps, "path") for ps in self.g.objects(shape, self.sh.property)}
        allowed = {a for a in allowed if isinstance(a, rdflib.URIRef)}
        ignored = self.one(shape, "ignoredProperties")
        if ignored is not None:
            allowed |= set(self.items(ignored))
        test = f"FILTER({p} NOT IN ({', '.join(_term(a) for a in sorted(allowed))}))" if allowed else ""
        return f"{x} {p} {o} . {test}"

    def distinct(self, path: _Path, x: str, n: int, condition=None) -> str:
        """A pattern matching when x has at least n distinct values (meeting `condition`)."""
        if n > _NESTED_COUNT_MAX:
            raise Unsupported(f"a count above {_NESTED_COUNT_MAX} inside a nested shape")
        vs = [self.var("d") for _ in range(n)]
        parts = [f"{{ {path.step(x, v)} }}" for v in vs]
        tests = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(vs, 2)]
        if condition is not None:
            tests += [condition(v) for v in vs]
        return " ".join(parts) + (f" FILTER({' && '.join(tests)})" if tests else "")

    def pair_tests(self, shape, path: _Path, x: str) -> list[str]:
        out = []
        v, o = self.var("v"), self.var("o")
        for p in self.iris(shape, "equals"):
            out.append(f"EXISTS {{ {path.step(x, v)} FILTER NOT EXISTS {{ {x} {_term(p)} {v} }} }}")
            out.append(f"EXISTS {{ {x} {_term(p)} {o} FILTER NOT EXISTS {{ {path.has(x, o)} }} }}")
        for p in self.iris(shape, "disjoint"):
            out.append(f"EXISTS {{ {path.step(x, v)} {x} {_term(p)} {v} . }}")
        for name, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
            for p in self.iris(shape, name):
                out.append(f"EXISTS {{ {path.step(x, v)} {x} {_term(p)} {o} . FILTER(!COALESCE({v} {op} {o}, false)) }}")
        return out

    def qualified_shapes(self, shape):
        """(the qualified value shape, its siblings' to stay disjoint from) of a property shape."""
        g, sh = self.g, self.sh
        q = self.one(shape, "qualifiedValueShape")
        if q is None:
            return None, []
        siblings = []
        if _is_true(self.one(shape, "qualifiedValueShapesDisjoint")):
            for parent in g.subjects(sh.property, shape):
                for other in g.objects(parent, sh.property):
                    if other != shape:
                        siblings += list(g.objects(other, sh.qualifiedValueShape))
        return q, siblings

    def qualified_condition(self, q, siblings):
        return lambda v: "(" + " && ".join([self.conforms(q, v)] + [f"!({self.conforms(s, v)})" for s in siblings]) + ")"

    def qualified(self, shape, path: _Path, x: str) -> list[str]:
        q, siblings = self.qualified_shapes(shape)
        if q is None:
            return []
        cond = self.qualified_condition(q, siblings)
        out = []
        low, high = self.integer(shape, "qualifiedMinCount"), self.integer(shape, "qualifiedMaxCount")
        if low is not None and low > 0:
            out.append(f"NOT EXISTS {{ {self.distinct(path, x, low, cond)} }}")
        if high is not None:
            out.append(f"EXISTS {{ {self.distinct(path, x, high + 1, cond)} }}")
        return out

    def unique_lang(self, shape, path: _Path, x: str) -> list[str]:
        if not _is_true(self.one(shape, "uniqueLang")):
            return []
        a, b = self.var("a"), self.var("b")
        return [f"EXISTS {{ {{ {path.step(x, a)} }} {{ {path.step(x, b)} }} FILTER({_same_lang(a, b)}) }}"]

    # --- top level: one check per constraint of each targeted shape ---------------------------

    def targets(self, shape) -> dict:
        import rdflib

        g, sh = self.g, self.sh
        classes = [str(c) for c in self.iris(shape, "targetClass")]
        if (shape, rdflib.RDF.type, rdflib.RDFS.Class) in g and isinstance(shape, rdflib.URIRef):
            classes.append(str(shape))  # an implicit class target
        return dict(
            classes=tuple(sorted(set(classes))),
            nodes=tuple(_term(n) for n in g.objects(shape, sh.targetNode)),
            subjects_of=tuple(str(p) for p in self.iris(shape, "targetSubjectsOf")),
            objects_of=tuple(str(p) for p in self.iris(shape, "targetObjectsOf")),
        )

    def shape_checks(self, shape, targets: dict, via: tuple = ()) -> list[Check]:
        """The checks of `shape` on focus nodes bound by {FOCUS} (targets, then `via` paths)."""
        self.check_known(shape)
        if self.deactivated(shape):
            return []
        self.stack.append(shape)
        try:
            if self.is_property_shape(shape):
                return self.property_checks(shape, targets, via)
            return self.node_checks(shape, targets, via)
        finally:
            self.stack.pop()

    def _check(self, shape, where, value, component, said, targets, via, path=None, **extra) -> Check:
        return Check(
            where, value, path.shown if path else "", self.one(shape, "path") if path else None,
            SH + _COMPONENTS[component], shape, self.severity(shape), self.message(shape, said),
            via=via, **targets, **extra,
        )

    def node_checks(self, shape, targets, via) -> list[Check]:
        g, sh, out = self.g, self.sh, []
        for expr, comp, said in self.value_tests(shape, "?focus") + self.logical_tests(shape, "?focus"):
            out.append(self._check(shape, f"{{FOCUS}} FILTER({expr})", "?focus", comp, said, targets, via))
        for k in self.iris(shape, "class"):
            out.append(self._check(shape, f"{{FOCUS}} FILTER({self.not_instance('?focus', k)})", "?focus", "class", f"is not a {_short(k)}", targets, via))
        for h in g.objects(shape, sh.hasValue):
            h = _kept(h, "sh:hasValue")
            out.append(self._check(shape, f"{{FOCUS}} FILTER(!sameTerm(?focus, {_term(h)}))", "", "hasValue", f"is not {_short(h)}", targets, via))
        for p in self.iris(shape, "equals"):
            where = (f"{{ {{FOCUS}} FILTER NOT EXISTS {{ ?focus {_term(p)} ?focus }} BIND(?focus AS ?value) }} UNION "
                     f"{{ {{FOCUS}} ?focus {_term(p)} ?value . FILTER(!sameTerm(?value, ?focus)) }}")
            out.append(self._check(shape, where, "?value", "equals", f"differs from its {_short(p)}", targets, via))
        for p in self.iris(shape, "disjoint"):
            out.append(self._check(shape, f"{{FOCUS}} ?focus {_term(p)} ?focus . BIND(?focus AS ?value)", "?value", "disjoint", f"is its own {_short(p)}", targets, via))
        for name in ("lessThan", "lessThanOrEquals", "uniqueLang", "qualifiedValueShape", "minCount", "maxCount"):
            if (shape, sh[name], None) in g:
                raise Unsupported(f"sh:{name} on a node shape")
        closed = self.closed(shape, "?focus", "?_path", "?value")
        if closed:
            out.append(self._check(shape, f"{{FOCUS}} {closed}", "?value", "closed", "has a property the closed shape does not allow", targets, via, dynamic_path=True))
        for ps in g.objects(shape, sh.property):
            out += self.shape_checks(ps, targets, via)
        return out

    def property_checks(self, shape, targets, via) -> list[Check]:
        g, sh, out = self.g, self.sh, []
        path = self.path(shape)
        step = path.top("?value")

        def add(where, value, comp, said, **extra):
            out.append(self._check(shape, where, value, comp, said, targets, via, path, **extra))

        low, high = self.integer(shape, "minCount"), self.integer(shape, "maxCount")
        if low == 1 and not path.nullable:
            add(f"{{ {{FOCUS}} }} MINUS {{ {step} }}", "", "minCount", "needs at least 1 value")
        elif low is not None and low > 0:
            add(f"{{FOCUS}} OPTIONAL {{ SELECT ?focus (COUNT(DISTINCT ?value) AS ?_c) WHERE {{ {step} }} GROUP BY ?focus }} FILTER(!BOUND(?_c) || ?_c < {low})", "", "minCount", f"needs at least {low} values")
        if high is not None:
            grouped = f"{{ SELECT ?focus WHERE {{ {step} }} GROUP BY ?focus HAVING(COUNT(DISTINCT ?value) > {high}) }}"
            add(f"{grouped} {{FOCUS}}", "", "maxCount", f"allows at most {high} value{'s' if high != 1 else ''}")
        for h in g.objects(shape, sh.hasValue):
            h = _kept(h, "sh:hasValue")
            if path.nullable:
                add(f"{{FOCUS}} FILTER NOT EXISTS {{ {path.step('?focus', '?_h')} FILTER(sameTerm(?_h, {_term(h)})) }}", "", "hasValue", f"needs the value {_short(h)}")
            else:
                add(f"{{ {{FOCUS}} }} MINUS {{ ?focus {path.sparql} {_term(h)} . }}", "", "hasValue", f"needs the value {_short(h)}")
        for k in self.iris(shape, "class"):
            wrong = f"{{ SELECT DISTINCT ?focus ?value WHERE {{ {{ {step} }} MINUS {{ {_isa('?value', k)} }} }} }}"
            add(f"{wrong} {{FOCUS}}", "?value", "class", f"value is not a {_short(k)}")
        for expr, comp, said in self.value_tests(shape, "?value") + self.logical_tests(shape, "?value"):
            add(f"{{ SELECT DISTINCT ?focus ?value WHERE {{ {step} FILTER({expr}) }} }} {{FOCUS}}", "?value", comp, f"value {said}")
        for p in self.iris(shape, "equals"):
            where = (f"{{ SELECT DISTINCT ?focus ?value WHERE {{ {{ {step} FILTER NOT EXISTS {{ ?focus {_term(p)} ?value }} }} UNION "
                     f"{{ ?focus {_term(p)} ?value . FILTER NOT EXISTS {{ {path.has('?focus', '?value')} }} }} }} }} {{FOCUS}}")
            add(where, "?value", "equals", f"values differ from those of {_short(p)}")
        for p in self.iris(shape, "disjoint"):
            add(f"{{ SELECT DISTINCT ?focus ?value WHERE {{ {step} ?focus {_term(p)} ?value . }} }} {{FOCUS}}", "?value", "disjoint", f"value is also a {_short(p)}")
        for name, op in (("lessThan", "<"), ("lessThanOrEquals", "<=")):
            for p in self.iris(shape, name):
                where = f"{{ SELECT DISTINCT ?focus ?value ?_o WHERE {{ {step} ?focus {_term(p)} ?_o . FILTER(!COALESCE(?value {op} ?_o, false)) }} }} {{FOCUS}}"
                add(where, "?value", name, f"value is not {op} every {_short(p)}", distinct_by=("?_o",))  # one result per pair
        q, siblings = self.qualified_shapes(shape)
        if q is not None:
            cond = self.qualified_condition(q, siblings)("?value")
            counted = f"OPTIONAL {{ SELECT ?focus (COUNT(DISTINCT ?value) AS ?_q) WHERE {{ {step} FILTER({cond}) }} GROUP BY ?focus }}"
            qlow, qhigh = self.integer(shape, "qualifiedMinCount"), self.integer(shape, "qualifiedMaxCount")
            if qlow is not None and qlow > 0:
                add(f"{{FOCUS}} {counted} FILTER(!BOUND(?_q) || ?_q < {qlow})", "", "qualifiedMinCount", f"needs at least {qlow} values conforming to {_short(q)}")
            if qhigh is not None:
                add(f"{{FOCUS}} {counted} FILTER(BOUND(?_q) && ?_q > {qhigh})", "", "qualifiedMaxCount", f"allows at most {qhigh} values conforming to {_short(q)}")
        if _is_true(self.one(shape, "uniqueLang")):
            where = f"{{ SELECT DISTINCT ?focus ?_lang WHERE {{ {{ {step} }} {{ {path.top('?_b')} }} FILTER({_same_lang('?value', '?_b')}) BIND(LCASE(lang(?value)) AS ?_lang) }} }} {{FOCUS}}"
            add(where, "", "uniqueLang", "has more than one value in one language", distinct_by=("?_lang",))
        closed = self.closed(shape, "?_v", "?_path", "?value")
        if closed:
            add(f"{{ SELECT DISTINCT ?focus ?_v ?_path ?value WHERE {{ {{ {path.top('?_v')} }} {closed} }} }} {{FOCUS}}", "?value", "closed",
                "value has a property the closed shape does not allow", dynamic_path=True, distinct_by=("?_v",))  # one result per triple
        inner = via + ((path.sparql, path.nullable),)
        for ps in g.objects(shape, sh.property):
            out += self.shape_checks(ps, targets, inner)
        return out


def _check_regex(pattern: str, flags: str, shape) -> None:
    """IllFormedShapes unless the store's SPARQL regex accepts the pattern and flags (otherwise
    each value would silently fail to match)."""
    import pyoxigraph as ox

    query = f'SELECT ?ok WHERE {{ BIND(regex("", {ox.Literal(pattern)}, {ox.Literal(flags)}) AS ?ok) }}'
    try:
        ok = next(iter(ox.Store().query(query)))["ok"]
    except (SyntaxError, ValueError, OSError):
        ok = None
    if ok is None:
        raise IllFormedShapes(f"sh:pattern {pattern!r} (flags {flags!r}) of {shape.n3()} is not a regular expression")


def _same_lang(a: str, b: str) -> str:
    return f"!sameTerm({a}, {b}) && isLiteral({a}) && isLiteral({b}) && lang({a}) != \"\" && LCASE(lang({a})) = LCASE(lang({b}))"


def parse_shapes(path: Path, base: str | None = None):
    """An RDF file as an rdflib graph, its format told by the file name (Turtle if unknown) and
    its literals as written (rdflib would read "1"^^xsd:boolean as true, which SHACL does not)."""
    import rdflib
    from rdflib.util import guess_format

    fmt = guess_format(str(path)) or "turtle"
    saved, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        return rdflib.Graph().parse(path, format=fmt, publicID=base)
    finally:
        rdflib.NORMALIZE_LITERALS = saved


@lru_cache(maxsize=8)
def compile_shapes(path: Path) -> tuple[Check, ...]:
    """Every check of the shapes file; Unsupported if a shape uses what is not translated."""
    return compile_graph(parse_shapes(Path(path)))


def compile_graph(g) -> tuple[Check, ...]:
    """Every check of the shapes in rdflib graph `g` (see compile_shapes)."""
    import rdflib

    compiler = _Compiler(g)
    sh = compiler.sh
    for p in ("target", "sparql", "rule", "SPARQLTarget", "js", "jsFunctionName"):
        if next(g.triples((None, sh[p], None)), None) is not None:
            raise Unsupported(f"sh:{p} is not translated to SPARQL (graph/shacl_sparql.py)")
    shapes = set()
    for p in (sh.targetClass, sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf):
        shapes |= set(g.subjects(p, None))
    for kind in (sh.NodeShape, sh.PropertyShape):
        shapes |= {s for s in g.subjects(rdflib.RDF.type, kind) if (s, rdflib.RDF.type, rdflib.RDFS.Class) in g}
    checks: list[Check] = []
    for shape in sorted(shapes, key=str):
        targets = compiler.targets(shape)
        if any(targets.values()):
            checks += compiler.shape_checks(shape, targets)
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
    """The group pattern binding ?focus to the check's targets (in the given graphs only), then
    along the `via` paths of a property shape nested in another."""
    var = "?_via0" if check.via else "?focus"
    branches = []
    in_graphs = ""
    if graphs is not None:
        in_graphs = f"VALUES ?_tgraph {{ {' '.join(_iri(g) for g in graphs)} }} "
    typed = (lambda t: f"{in_graphs}GRAPH ?_tgraph {{ {t} }}") if graphs is not None else (lambda t: t)
    class_branches = []
    if check.classes:
        classes = sorted({c for k in check.classes for c in below[k]})
        if any(c.startswith("_:") for c in classes):  # the type in the graphs, the subclasses anywhere
            class_branches += [f"{typed(f'{var} <{RDF_TYPE}> ?_tclass .')} ?_tclass <{SUBCLASS}>* {_iri(k)} ." for k in check.classes]
        else:
            class_branches.append(f"VALUES ?_tclass {{ {' '.join(_iri(c) for c in classes)} }} {typed(f'{var} <{RDF_TYPE}> ?_tclass .')}")
    if check.nodes:
        branches.append(f"VALUES {var} {{ {' '.join(check.nodes)} }}")
    # the targets' own variables are ?_t...: no check uses them (a clash would join the two)
    for p in check.subjects_of:
        branches.append(f"{var} {_iri(p)} ?_tobject .")
    for p in check.objects_of:
        branches.append(f"?_tsubject {_iri(p)} {var} .")
    branches = [typed(b) if not b.startswith("VALUES " + var) else b for b in branches]
    pattern = " UNION ".join(f"{{ {b} }}" for b in class_branches + branches)
    if not check.via:
        return pattern
    # each step's focus nodes kept apart: a node reached from two targets is checked for each
    # (an empty path's branch repeats what binds x: a BIND in a group of its own sees x unbound)
    names = [f"?_via{i}" for i in range(len(check.via))] + ["?focus"]
    inner = f"{{ {pattern} }}"
    for (path, nullable), x, y in zip(check.via, names, names[1:]):
        inner = f"{{ {inner} BIND({x} AS {y}) }} UNION {{ {inner} {x} {path} {y} . }}" if nullable else f"{inner} {x} {path} {y} ."
    return f"{{ SELECT DISTINCT {' '.join(names)} WHERE {{ {inner} }} }}"


def queries(store, graphs: list[str] | None = None, shapes: Path | None = None, checks: tuple[Check, ...] | None = None) -> list[tuple[Check, str]]:
    """Each check with its SELECT, targets limited to focus nodes typed in `graphs` if given."""
    from .shacl import SHAPES

    below = _Below(_make_below(store))
    out = []
    for check in checks if checks is not None else compile_shapes(shapes or SHAPES):
        fresh = itertools.count()
        where = _ISA.sub(lambda m: _instance_of(m.group(1), m.group(2), below, f"?_isa{next(fresh)}"), check.where)
        via = tuple(f"?_via{i}" for i in range(len(check.via))) if check.via else ()
        select = " ".join(v for v in ("?focus", check.value if check.value == "?value" else "", "?_path" if check.dynamic_path else "") + check.distinct_by + via if v)
        where = where.replace("{FOCUS}", "{ " + _focus(check, below, graphs) + " }")
        out.append((check, f"SELECT DISTINCT {select} WHERE {{ {where} }}"))
    return out


def _iri(text: str) -> str:
    """An IRI (or a "_:" blank node key of the data) as SPARQL text."""
    import pyoxigraph as ox

    return text if text.startswith("_:") else str(ox.NamedNode(text))


def _isa(x: str, k) -> str:
    """A placeholder for "x is an instance of class k", worked out against the data's classes
    when the query is made (_instance_of)."""
    return f"{{ISA {x} {k}}}"


_ISA = re.compile(r"\{ISA (\S+) (\S+)\}")


def _instance_of(x: str, k: str, below, var: str) -> str:
    """x rdf:type k or a subclass of k: the classes listed (one index lookup each, the fast
    form), or the path rdf:type/rdfs:subClassOf* when a blank node is among them (a blank node
    cannot be named in a query)."""
    classes = sorted(below[k])
    if any(c.startswith("_:") for c in classes):
        return f"{x} <{RDF_TYPE}>/<{SUBCLASS}>* {_iri(k)} ."
    return f"VALUES {var} {{ {' '.join(_iri(c) for c in classes)} }} {x} <{RDF_TYPE}> {var} ."


def _make_below(store):
    down: dict[str, set[str]] = {}
    for row in store.query(f"SELECT ?sub ?sup WHERE {{ ?sub <{SUBCLASS}> ?sup }}", use_default_graph_as_union=True):
        sub, sup = row["sub"], row["sup"]
        down.setdefault(_key(sup), set()).add(_key(sub))
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


def _key(term) -> str:
    import pyoxigraph as ox

    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def results(store, graphs: list[str] | None = None, shapes: Path | None = None, checks: tuple[Check, ...] | None = None) -> list[Result]:
    """Every validation result, read from the pyoxigraph `store` (the union of its graphs)."""
    found = []
    for check, text in queries(store, graphs, shapes, checks):
        for row in store.query(text, use_default_graph_as_union=True):
            focus = row["focus"]
            value = row["value"] if check.value == "?value" else focus if check.value == "?focus" else None
            path, shown = check.path_node, check.path
            if check.dynamic_path:
                path = row["_path"]
                shown = path.value
            found.append(Result(focus, value, path, shown, check.component, check.shape, check.severity, check.message))
    return found


def validate(store, graphs: list[str] | None = None, shapes: Path | None = None) -> list[tuple[str, str, str]]:
    """(focus, path, message) of every result, read from the pyoxigraph `store`."""
    import pyoxigraph as ox

    out = []
    for r in results(store, graphs, shapes):
        focus = r.focus
        name = focus.value if isinstance(focus, ox.NamedNode) else f"_:{focus.value}" if isinstance(focus, ox.BlankNode) else shown(focus)
        message = r.message
        if r.value is not None and r.value != r.focus:
            text = shown(r.value)
            if text not in message:
                message = f"{message} (value {text})"
        out.append((name, r.path_text, message))
    return out


def shown(term) -> str:
    """A pyoxigraph term as a curator reads it (xsd: abbreviated)."""
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


def to_rdflib(term):
    """A pyoxigraph term as the rdflib term it stands for (blank node labels kept)."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def from_rdflib(term):
    """An rdflib term as a pyoxigraph term (blank node labels kept)."""
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD + "string")))


def store_of(graph):
    """A pyoxigraph store holding the triples of rdflib graph `graph` (labels kept)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(ox.Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in graph)
    return store


def report_graph(found: list[Result], shapes):
    """The SHACL validation report (sh:ValidationReport) of `found`, an rdflib graph; paths and
    blank-node source shapes are copied from the rdflib `shapes` graph they came from."""
    import rdflib

    sh = rdflib.Namespace(SH)
    out = rdflib.Graph()
    out.bind("sh", sh)
    report = rdflib.BNode()
    out.add((report, rdflib.RDF.type, sh.ValidationReport))
    out.add((report, sh.conforms, rdflib.Literal(not found)))
    copied: dict = {}

    def copy(node):
        if not isinstance(node, rdflib.BNode):
            return node
        if node not in copied:
            copied[node] = fresh = rdflib.BNode()
            for p, o in shapes.predicate_objects(node):
                out.add((fresh, p, copy(o)))
        return copied[node]

    for r in found:
        n = rdflib.BNode()
        out.add((report, sh.result, n))
        out.add((n, rdflib.RDF.type, sh.ValidationResult))
        out.add((n, sh.focusNode, to_rdflib(r.focus)))
        if r.path is not None:
            out.add((n, sh.resultPath, to_rdflib(r.path) if not isinstance(r.path, rdflib.term.Node) else copy(r.path)))
        if r.value is not None:
            out.add((n, sh.value, to_rdflib(r.value)))
        out.add((n, sh.sourceConstraintComponent, rdflib.URIRef(r.component)))
        out.add((n, sh.sourceShape, copy(r.shape)))
        out.add((n, sh.resultSeverity, rdflib.URIRef(r.severity)))
        out.add((n, sh.resultMessage, rdflib.Literal(r.message)))
    return out
