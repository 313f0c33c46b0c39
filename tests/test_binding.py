"""Binding parameters: a VALUES block of one strictly serialised term at the start of every
group that uses the variable, so each engine starts from the bound value (Oxigraph's own
substitution is applied after evaluation and is far slower on selective queries)."""

from __future__ import annotations

import pytest

from dkg.graph.binding import bind_values
from dkg.graph.results import Term
from dkg.schema import iris
from dkg.schema.errors import QuerySyntaxError

KUZMINOV = Term.uri(iris.entity("maxim-kuzminov"))


def test_every_union_branch_gets_the_binding():
    q = "SELECT ?c WHERE { { ?c dkg:subject ?e } UNION { ?c dkg:value ?e } UNION { ?c a dkg:Claim } }"
    out = bind_values(q, {"e": KUZMINOV})
    block = f"VALUES (?e) {{ (<{iris.entity('maxim-kuzminov')}>) }}"
    assert out.count(block) == 3  # the WHERE group and the two branches that use ?e


def test_values_data_blocks_and_subselect_wrappers_are_left_alone():
    q = "SELECT ?x WHERE { VALUES ?p { dkg:age } { SELECT ?x WHERE { ?x ?p ?e } } }"
    out = bind_values(q, {"e": KUZMINOV})
    assert "VALUES ?p { dkg:age }" in out
    assert "{ SELECT ?x WHERE { VALUES (?e)" in out


def test_results_match_the_bound_meaning(seed_store):
    q = """SELECT DISTINCT ?prop WHERE {
             { ?c dkg:subject ?e ; dkg:property ?prop } UNION { ?c dkg:value ?e ; dkg:property ?prop } }
           ORDER BY ?prop"""
    props = seed_store.query(q, {"e": KUZMINOV}).values("prop")
    assert iris.term("age") in props and iris.term("participant") in props


@pytest.mark.parametrize("hostile", ['x" } ; DROP ALL ; #', "x'>) } UNION { ?s ?p ?o", "}\n} SELECT * WHERE {"])
def test_hostile_text_stays_one_literal(seed_store, hostile):
    rows = seed_store.query("SELECT ?v WHERE { BIND(?x AS ?v) }", {"x": hostile})
    assert rows.values("v") == [hostile]


def test_only_select_and_ask_take_bindings():
    with pytest.raises(QuerySyntaxError):
        bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?e }", {"e": KUZMINOV})


def test_a_list_binds_one_values_row_each_and_stays_safe(seed_store):
    """Several pages of a listing are read at once: a list of values gives one VALUES row each;
    each value is still one term, and an empty list matches nothing."""
    from dkg.graph.binding import bind_values
    from dkg.graph.results import Term
    from dkg.schema import iris

    text = "SELECT ?s WHERE { ?s dkg:slug ?slug }"
    bound = bind_values(text, {"slug": ["hur", "bbc"]})
    assert 'VALUES (?slug) { ("hur") ("bbc") }' in bound
    rows = seed_store.query(text, bindings={"slug": ["hur", "bbc", 'x" } ?s ?p ?o {']}).rows
    assert sorted(r["s"].value for r in rows) == [iris.entity("bbc"), iris.entity("hur")]
    assert seed_store.query(text, bindings={"slug": []}).rows == []
    one = seed_store.query(text, bindings={"slug": Term.literal("hur")}).rows  # a Term is not a list
    assert [r["s"].value for r in one] == [iris.entity("hur")]
