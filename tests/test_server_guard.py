"""The endpoint's query guard (dkg/server/guard.py) without a server: which dataset a query
names, the messages a visitor gets, and the parse cache's bound in bytes."""

from __future__ import annotations

import pytest

from dkg.graph.store import Dataset
from dkg.server import guard
from dkg.server.guard import ByteBoundedCache, Refused, inspect_query

CLAIMS = "https://w3id.org/dkg/graph/claims"


def test_from_named_with_a_prefixed_graph_names_that_graph():
    """It was read as the graph `default`, so a graph the store holds was refused."""
    assert inspect_query("SELECT * FROM NAMED graph:claims WHERE { GRAPH ?g { ?s ?p ?o } }") == ("SELECT", Dataset(named=(CLAIMS,)))
    assert inspect_query("SELECT * FROM graph:claims WHERE { ?s ?p ?o }") == ("SELECT", Dataset(default=(CLAIMS,)))
    assert inspect_query("PREFIX : <https://w3id.org/dkg/graph/>\nASK FROM NAMED :claims { ?s ?p ?o }") == ("ASK", Dataset(named=(CLAIMS,)))
    guard.check_graphs({CLAIMS}, {CLAIMS})
    with pytest.raises(Refused) as err:
        guard.check_graphs({CLAIMS, "http://elsewhere.example/g"}, {CLAIMS})
    assert err.value.status == 403 and "http://elsewhere.example/g" in err.value.message and CLAIMS not in err.value.message


@pytest.mark.parametrize(
    "query, where",
    [
        ("SELECT * WHERE {\n  ?s x:y ?o }", "line 2, column 6"),
        ("SELECT * WHERE { ?s ?p ?o . x:y ?p ?o . ?a x:z ?b }", "line 1, column 29"),
        ("SELECT * FROM NAMED x:claims WHERE { GRAPH ?g { ?s ?p ?o } }", "line 1, column 21"),
        ("SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s x:y } }", "line 1, column 41"),  # also a syntax error
    ],
)
def test_an_undeclared_prefix_is_named_with_its_place(query, where):
    with pytest.raises(Refused) as err:
        inspect_query(query)
    assert err.value.status == 400
    assert err.value.message.startswith(f"undeclared prefix 'x:' at {where}")
    assert "OPTIONAL" not in err.value.message


def test_prefixes_in_strings_iris_and_comments_are_not_prefixes():
    query = 'SELECT * WHERE { ?s <http://a.example/x:y> "x:y" } # x:y\n'
    assert inspect_query(query)[0] == "SELECT"
    assert inspect_query("SELECT * WHERE { _:b ?p ?o }")[0] == "SELECT"


def test_cache_is_bounded_by_bytes_and_keeps_the_recently_used():
    cache = ByteBoundedCache(4 << 20)
    first = "a" * (1 << 20)
    cache.put(first, ("ok", "ASK", ()))
    for i in range(20):  # twenty 1 MB texts through a 4 MB cache
        cache.get(first)  # kept in use
        cache.put(f"{i:04d}" + "b" * (1 << 20), ("ok", "ASK", ()))
        assert cache.bytes <= 4 << 20
    assert len(cache) == 3 and cache.get(first) is not None
    cache.put("c" * (5 << 20), ("ok", "ASK", ()))  # larger than the whole cache: not kept
    assert cache.bytes <= 4 << 20 and len(cache) == 3


def test_the_guard_cache_stays_within_its_bytes(monkeypatch):
    """Distinct 1 MB queries (cheap to parse: the bulk is a comment) never hold more than the budget."""
    monkeypatch.setattr(guard, "CACHE", ByteBoundedCache(3 << 20))
    for i in range(8):
        query = f"# {i} " + "x" * (1 << 20) + "\nASK { ?s ?p ?o }"
        assert inspect_query(query) == ("ASK", None)
        assert guard.CACHE.bytes <= 3 << 20
    assert len(guard.CACHE) == 2
    # refusals are cached too, and given again
    for _ in range(2):
        with pytest.raises(Refused) as err:
            inspect_query("SELECT * WHERE { SERVICE <http://a.example/> { ?s ?p ?o } }")
        assert err.value.status == 403



# ------------------------------------------------------------------ the one format table and Accept reader


@pytest.mark.parametrize(
    "accept, fmt, offered, chosen",
    [
        (None, None, "RESULTS", "json"),
        ("text/csv;q=0.5, application/sparql-results+xml", None, "RESULTS", "xml"),
        ("application/sparql-results+json;q=0, */*;q=0.1", None, "RESULTS", "xml"),  # q=0: not acceptable
        ("text/*", None, "RESULTS", "csv"),
        ("text/*", None, "PAGES", "html"),
        ("application/json", None, "GRAPHS", "jsonld"),  # JSON-LD is JSON
        ("application/xml", None, "GRAPHS", "rdf"),
        ("text/n3", None, "GRAPHS", "ttl"),
        ("text/turtle", "rdf+xml", "GRAPHS", "rdf"),  # a format= that names an offered format wins
        ("text/turtle", "n3", "GRAPHS", "ttl"),
        ("application/rdf+xml", "no-such", "GRAPHS", "rdf"),  # one that names nothing offered: Accept decides
        (None, "no-such", "RESULTS", None),  # ... and with no Accept there is nothing to go by
        ("image/png", None, "RESULTS", None),
        ("text/html;level=1;q=0.9, application/ld+json", None, "PAGES", "jsonld"),
    ],
)
def test_negotiation(accept, fmt, offered, chosen):
    from dkg.graph import formats

    got = formats.negotiate(accept, fmt, getattr(formats, offered))
    assert (got.name if got else None) == chosen


def test_every_format_name_and_media_type_is_declared_once():
    from dkg.graph import formats

    served = (*formats.RESULTS, *formats.GRAPHS, formats.NQUADS, formats.TRIG, formats.HTML)
    names = [f.name for f in served] + [a for f in served for a in f.aliases if a not in ("json", "xml")]
    assert len(names) == len(set(names))  # "json" and "xml" name a results format and, for graphs, JSON-LD and RDF/XML
    assert len({f.media for f in served}) == len(served)
    for f in served:
        if f.ox is not None:
            assert f.ox.media_type.split(";")[0] == f.media, f.name  # the table agrees with Oxigraph's own
