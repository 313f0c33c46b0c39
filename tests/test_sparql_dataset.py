"""Datasets as SPARQL 1.1 says (Query section 13, Protocol section 2.1.4), through dkg's query
path (graph/store.py, which `dkg sparql` and the queries library use): the union of all graphs
is the default graph only when neither the query (FROM, FROM NAMED) nor the request
(default_graphs / named_graphs, the protocol's default-graph-uri / named-graph-uri) names a
dataset; otherwise exactly the graphs named.

The W3C dataset tests (tests/w3c/sparql/dataset, sparql10/dataset) name their graphs by file
(`FROM <data-g1.ttl>`), which an engine is expected to fetch. dkg never fetches, so every one
is adapted the same way: each data file is preloaded into an in-memory store as the named graph
of that file's IRI, every file into every test (so a query that saw more than it names would
fail), and the query is run with the query file's IRI as base, as the suite's harness does."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from dkg.graph.store import OxigraphStore, names_dataset
from dkg.schema.iris import PREFIXES

from .conftest import run_dkg
from .w3c.sparql import harness

W3C = harness.evaluation_tests("dataset")
CLAIMS = PREFIXES["graph"] + "claims"
REGISTRY = PREFIXES["graph"] + "registry"


def test_the_suite_is_all_there():
    assert len(W3C) == 12 and all(t["type"] == "QueryEvaluationTest" for t in W3C)


@pytest.fixture(scope="module")
def w3c_store() -> OxigraphStore:
    store = OxigraphStore(None)
    for path in sorted((harness.HERE / "dataset").glob("data-*.ttl")):
        graph = ox.NamedNode(harness.url(path))
        store.raw.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in harness.graph_of(path))
    return store


@pytest.mark.parametrize("test", W3C, ids=[t["name"] for t in W3C])
def test_w3c_dataset(w3c_store, test):
    got = w3c_store.query(test["query"].read_text(encoding="utf-8"), base_iri=harness.url(test["query"]))
    want = harness.expected(test["result"])
    assert harness.same_answer(want, got), f"expected\n{harness.show(want)}\ngot\n{harness.show(got)}"


# ------------------------------------------------------------------ the seed's own graphs


def count(store, query: str, **dataset) -> int:
    return store.query(query, **dataset).values("n")[0]


def one_document(store) -> str:
    return next(g for g in store.graphs() if g.rsplit("/", 1)[-1][:3].isdigit())


def test_from_counts_that_graph_only(seed_store):
    """Every query ran with the union as default graph, so FROM was ignored (10,076 for 444)."""
    doc = one_document(seed_store)
    alone = count(seed_store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}")
    everything = count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert 0 < alone < everything
    assert count(seed_store, f"SELECT (COUNT(*) AS ?n) FROM <{doc}> WHERE {{ ?s ?p ?o }}") == alone
    assert count(seed_store, f"select (count(*) as ?n) from <{doc}> from graph:claims where {{ ?s ?p ?o }}") == alone + count(
        seed_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:claims { ?s ?p ?o } }")
    turtle = seed_store.construct(f"CONSTRUCT {{ ?s ?p ?o }} FROM <{doc}> WHERE {{ ?s ?p ?o }}")
    assert len(list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))) == alone


def test_from_alone_names_no_graphs_and_from_named_alone_leaves_the_default_empty(seed_store):
    assert seed_store.query("SELECT DISTINCT ?g FROM graph:claims WHERE { GRAPH ?g { ?s ?p ?o } }").rows == []
    assert count(seed_store, "SELECT (COUNT(*) AS ?n) FROM NAMED graph:claims WHERE { ?s ?p ?o }") == 0
    assert seed_store.query("SELECT DISTINCT ?g FROM NAMED graph:claims WHERE { GRAPH ?g { ?s ?p ?o } }").values("g") == [CLAIMS]


def test_a_request_dataset_replaces_the_querys(seed_store):
    everything = count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    registry = count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:registry { ?s ?p ?o } }")
    # only default graphs given: those are the default graph, and no graph is named
    assert count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graphs=[REGISTRY]) == registry
    assert count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", default_graphs=[REGISTRY]) == 0
    # only named graphs given: the default graph is empty
    assert count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", named_graphs=[REGISTRY]) == 0
    assert count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", named_graphs=[REGISTRY]) == registry
    # the request wins over the query's own FROM
    assert count(seed_store, "SELECT (COUNT(*) AS ?n) FROM graph:claims WHERE { ?s ?p ?o }", default_graphs=[REGISTRY]) == registry
    # nothing named: the union
    assert count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == everything


@pytest.mark.parametrize(
    "query, names",
    [
        ("SELECT * WHERE { ?a prov:wasDerivedFrom ?from }", False),
        ('SELECT * WHERE { ?a ?p "FROM <x>" } # FROM <y>', False),
        ("SELECT * WHERE { ?a <http://x/FROM> ?b }", False),
        ("select * from <http://x/g> where { ?s ?p ?o }", True),
        ("ASK FROM NAMED graph:claims { GRAPH ?g { ?s ?p ?o } }", True),
        ("CONSTRUCT { ?s ?p ?o } FROM graph:claims WHERE { ?s ?p ?o }", True),
    ],
)
def test_which_queries_name_a_dataset(query, names):
    assert names_dataset(query) is names


def test_dkg_sparql_counts_the_graph_named(seed_out, seed_store):
    doc = one_document(seed_store)
    alone = count(seed_store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}")
    r = run_dkg("sparql", "--out", str(seed_out), "--format", "csv", f"SELECT (COUNT(*) AS ?n) FROM <{doc}> WHERE {{ ?s ?p ?o }}")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["n", str(alone)]
