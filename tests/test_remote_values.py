"""Bindings for a remote store become a VALUES block in the query text. Each rewritten query is
run on the embedded store and must answer exactly as pyoxigraph's own substitution does; hostile
values stay one RDF term; what cannot be one term is refused."""

from __future__ import annotations

import re

import pytest

from dkg.graph.remote import bind_values, query_form, term_text, with_prefixes
from dkg.graph.results import Term
from dkg.queries import library
from dkg.schema import iris
from dkg.schema.errors import QuerySyntaxError, UnusableInput

KUZMINOV = Term.uri(iris.entity("maxim-kuzminov"))


def rewritten(store, text, bindings):
    return store.query(with_prefixes(bind_values(text, bindings)))


_RDFLIB: dict[int, object] = {}


def substituted(store, text, bindings):
    """An independent reference for what a bound parameter means: rdflib's own engine, given
    the same data and the values through its initBindings (no VALUES rewriting involved)."""
    import rdflib

    from dkg.graph.results import Result, Term
    from dkg.graph.store import as_term
    from dkg.schema.iris import PREFIXES

    if id(store) not in _RDFLIB:
        data = rdflib.Dataset(default_union=True)
        data.parse(data=store.dump_nquads(), format="nquads")
        _RDFLIB[id(store)] = data
    data = _RDFLIB[id(store)]

    def to_rdflib(t):
        if t.type == "uri":
            return rdflib.URIRef(t.value)
        return rdflib.Literal(t.value, lang=t.lang, datatype=t.datatype if not t.lang else None)

    init = {name: to_rdflib(as_term(value)) for name, value in bindings.items()}
    # rows are compared as a set, and rdflib's ORDER BY fails on unbound values: leave it out
    unordered = re.sub(r"(?is)\bORDER\s+BY\b[^{}]*$", "", text)
    answer = data.query(unordered, initNs=PREFIXES, initBindings=init)
    if answer.type == "ASK":
        return Result(boolean=bool(answer.askAnswer))
    rows = []
    for row in answer.bindings:
        rows.append({str(k): Term("uri" if isinstance(v, rdflib.URIRef) else "literal", str(v)) for k, v in row.items() if v is not None})
    return Result(vars=[str(v) for v in answer.vars], rows=rows)


def same(store, text, bindings):
    """The VALUES rewriting every store uses gives what the engine's own substitution gives."""
    reference = substituted(store, text, bindings)
    values = rewritten(store, text, bindings)
    key = lambda r: sorted((k, v.value) for k, v in r.items())  # noqa: E731
    assert sorted(map(key, values.rows)) == sorted(map(key, reference.rows)) and values.boolean == reference.boolean
    return values


@pytest.mark.parametrize(
    "name, bindings",
    [
        ("claims_about", {"entity": KUZMINOV}),
        ("timeline", {"entity": KUZMINOV}),
        ("timeline", {"entity": Term.uri(iris.entity("kuzminov-defection"))}),
        ("claims_mentioning", {"entity": Term.uri(iris.entity("hur"))}),
        ("lookup", {"slug": "maxim-kuzminov"}),
        ("reported_by", {"source": Term.uri(iris.entity("newsweek"))}),
    ],
)
def test_bundled_queries_answer_as_with_substitution(seed_store, name, bindings):
    answer = same(seed_store, library.load(name).text, bindings)
    assert len(answer) > 0


def test_the_values_are_the_users(seed_store):
    age = same(seed_store, "SELECT ?age WHERE { ?p dkg:age ?age }", {"p": KUZMINOV})
    assert age.values("age") == [28]
    ask = same(seed_store, "ASK { ?p dkg:age ?n }", {"p": KUZMINOV, "n": 28})
    assert ask.boolean is True


def test_sub_select_and_aggregates(seed_store):
    text = """SELECT ?n WHERE { SELECT (COUNT(*) AS ?n) WHERE { ?claim dkg:subject ?who } }"""
    answer = same(seed_store, text, {"who": KUZMINOV})
    assert answer.values("n")[0] > 5
    grouped = "SELECT ?property (COUNT(*) AS ?n) WHERE { ?c dkg:subject ?who ; dkg:property ?property } GROUP BY ?property"
    assert len(same(seed_store, grouped, {"who": KUZMINOV})) > 3


def test_braces_in_comments_strings_and_iris_do_not_move_the_insertion(seed_store):
    text = '''# a comment with { braces }
PREFIX ex: <http://example.org/{not-an-iri-char-but-harmless}>
SELECT ?label ("{ not a group }" AS ?s) WHERE {
  ?p rdfs:label ?label . # } also a comment
}'''
    # `{` is not allowed in an IRIREF, so that line is a syntax error on its own; use valid IRIs:
    text = text.replace("{not-an-iri-char-but-harmless}", "x")
    answer = same(seed_store, text, {"p": KUZMINOV})
    assert answer.values("label") == ["Maxim Kuzminov"]


@pytest.mark.parametrize(
    "hostile",
    [
        '"} } ; DROP ALL ; SELECT * { #',
        "line\nbreak\r\tand \\ backslash \\\" quote",
        "''' \"\"\" triple quotes",
        "<http://example.org/> } UNION { ?s ?p ?o",
        "Максим Кузьмин 🚁",
    ],
)
def test_hostile_values_stay_one_literal(seed_store, hostile):
    text = bind_values("SELECT ?v WHERE { BIND(?x AS ?v) }", {"x": hostile})
    assert query_form(text) == "SELECT"
    answer = seed_store.query(text)
    assert answer.values("v") == [hostile]


def test_what_cannot_be_one_term_is_refused():
    with pytest.raises(UnusableInput):
        term_text(Term.uri("http://example.org/> } ; DROP ALL ; <x"))
    with pytest.raises(UnusableInput):
        term_text(Term.uri("http://example.org/a\tb"))
    with pytest.raises(UnusableInput):
        term_text(Term("literal", "x", None, 'en" } DROP ALL'))
    with pytest.raises(UnusableInput):
        term_text(Term("literal", "x", 'http://example.org/> "'))
    with pytest.raises(UnusableInput):
        term_text(Term("bnode", "b0"))
    with pytest.raises(QuerySyntaxError):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"o) { } DROP ALL #": "x"})
    with pytest.raises(QuerySyntaxError):
        bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": KUZMINOV})


def test_prefixes_are_added_unless_declared():
    text = with_prefixes("PREFIX dkg: <http://example.org/other#>\nSELECT * WHERE { ?s dkg:x ?o }")
    assert "PREFIX dkg: <https://w3id.org/dkg/ontology#>" not in text
    assert "PREFIX prov: <http://www.w3.org/ns/prov#>" in text
    assert query_form("# SELECT in a comment\nPREFIX s: <http://select.example/>\nINSERT DATA { }") == "INSERT"
