"""One closed vocabulary: every dkg: term the build writes (classes, predicates, and the values
such as dkg:Contested or dkg:couldNotVerify) is declared in schema/ontology.ttl or the
generated schema/properties.ttl, so a misspelt term in the mapping fails here."""

from __future__ import annotations

from dkg.schema import iris


def test_every_term_the_build_writes_is_declared(seed_store):
    used = seed_store.query(
        """SELECT DISTINCT ?t WHERE {
             GRAPH ?g { { ?s ?t ?o } UNION { ?s a ?t } UNION { ?s ?p ?t FILTER(isIRI(?t)) } }
             FILTER(?g != graph:ontology && STRSTARTS(STR(?t), STR(dkg:)))
           }"""
    ).values("t")
    declared = set(
        seed_store.query("SELECT DISTINCT ?t WHERE { GRAPH graph:ontology { ?t ?p ?o } }").values("t")
    )
    missing = sorted(iris.local_name(t) for t in used if t not in declared)
    assert used and not missing, f"not declared in schema/ontology.ttl: {missing}"
