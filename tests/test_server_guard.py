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


# ------------------------------------------------------------------ the cache keyed by shape


def _counting(monkeypatch) -> list[str]:
    """Fresh cache; every rdflib parse the guard makes is recorded."""
    parsed: list[str] = []
    real = guard._inspect
    monkeypatch.setattr(guard, "CACHE", ByteBoundedCache(8 << 20))
    monkeypatch.setattr(guard, "LEARNED", [])
    monkeypatch.setattr(guard, "_inspect", lambda text: (parsed.append(text), real(text))[1])
    return parsed


def test_a_bundled_question_with_new_values_is_parsed_once(monkeypatch):
    """Under load every bound question is a new text; parsing each took rdflib 4x the query."""
    from dkg.graph.binding import bind_values
    from dkg.graph.results import Term
    from dkg.queries import library

    parsed = _counting(monkeypatch)
    q = library.load("claims_about")
    for slug in ("maxim-kuzminov", "another-person", "a-third"):
        text = bind_values(q.portable_text, {"entity": Term.uri(f"https://w3id.org/dkg/id/{slug}")})
        assert inspect_query(text)[0] == "SELECT"
    key = bind_values(q.portable_text, {"key": Term.literal("kuzminov")})  # a literal value
    inspect_query(key)
    inspect_query(key.replace('"kuzminov"', '"shoigu"'))
    assert len(parsed) == 2 and all("<//>" in p or '""' in p for p in parsed)


def test_the_shape_keeps_what_the_guard_decides_by():
    shape = guard.shape
    # the prologue, FROM and FROM NAMED keep their IRIs; values in the patterns do not
    text = ('PREFIX x: <https://w3id.org/dkg/graph/>\nCONSTRUCT { <http://a.example/s> ?p "v" } FROM <http://b.example/g> '
            'FROM NAMED x:claims FROM  NAMED\n<http://c.example/g> WHERE { GRAPH <http://d.example/g> { ?s ?p "o" } }')
    got = shape(text)
    for kept in ("<https://w3id.org/dkg/graph/>", "<http://b.example/g>", "x:claims", "<http://c.example/g>"):
        assert kept in got
    assert "a.example" not in got and "d.example" not in got and '"v"' not in got and '"o"' not in got
    assert shape(got) == got  # placeholders are not replaced again
    assert inspect_query(text) == ("CONSTRUCT", Dataset(default=("http://b.example/g",), named=(CLAIMS, "http://c.example/g")))
    # escapes, long strings, relative IRIs: left as they are
    for same in ('SELECT * { ?s ?p "a\\"b" }', "SELECT * { ?s ?p '''x''' }", "SELECT * { ?s ?p <rel> }", 'SELECT * { ?s ?p "" }'):
        assert shape(same) == same
    assert shape('SELECT * { ?s <http://a.example/p> "\\u0041" }') == 'SELECT * { ?s <http://a.example/p> "\\u0041" }'


@pytest.mark.parametrize(
    "query, status",
    [
        ("SELECT * WHERE { SERVICE <http://evil.example/> { ?s ?p ?o } }", 403),
        ("SELECT * WHERE { ?s ?p <http://a.example/> SERVICE <http://evil.example/> { ?s ?p ?o } }", 403),
        ("SELECT * WHERE { ?s ?p ?o FILTER(?o = \"x\") \\u0053ERVICE <http://evil.example/> { ?s ?p ?o } }", 403),
        ('SELECT * WHERE { ?s ?p "x" } ; INSERT DATA { <http://a.example/s> <http://a.example/p> "v" }', 400),
        ('INSERT DATA { <http://a.example/s> <http://a.example/p> "v" }', 403),
        ("SELECT * FROM <http://elsewhere.example/g> WHERE { ?s ?p <http://a.example/o> }", None),  # named, for check_graphs
    ],
)
def test_shapes_refuse_what_texts_refuse(monkeypatch, query, status):
    _counting(monkeypatch)
    for _ in range(2):  # the second from the cache
        if status is None:
            assert inspect_query(query)[1] == Dataset(default=("http://elsewhere.example/g",))
            continue
        with pytest.raises(Refused) as err:
            inspect_query(query)
        assert err.value.status == status


def test_a_refused_shape_is_decided_on_the_text_with_its_own_positions(monkeypatch):
    parsed = _counting(monkeypatch)
    # rdflib reads `<b:c&&?d>` here as two comparisons, not an IRI: the shape fails, the text parses
    text = 'PREFIX b: <http://b.example/>\nSELECT * WHERE { ?a ?p ?e FILTER(?a<b:c&&?d>?e) }'
    assert guard.shape(text) != text and inspect_query(text)[0] == "SELECT"
    assert len(parsed) == 2
    # a syntax error after a long IRI: line and column are the text's, not the shape's
    with pytest.raises(Refused) as err:
        inspect_query('SELECT * WHERE {\n ?s <http://a.example/a-long-predicate-name> "value" ?x x:y }')
    assert err.value.message.startswith("undeclared prefix 'x:' at line 2, column 57")


def test_verdicts_parsed_by_one_worker_reach_the_others(monkeypatch):
    """Four cold caches parsed each bundled question's shape four times."""
    from dkg.server.pool import Verdicts

    parsed = _counting(monkeypatch)
    text = "SELECT * WHERE { VALUES ?c { <https://w3id.org/dkg/id/a> } ?c ?p ?o }"
    inspect_query(text)
    learned = guard.take_learned()
    assert [key for key, _ in learned] == [guard.shape(text)] and guard.take_learned() == []
    shared = Verdicts(1 << 20)
    shared.add(learned)

    class Worker:
        heard = 0

    other = Worker()
    given = shared.since(other)
    assert given == learned and shared.since(other) == []  # each verdict once
    monkeypatch.setattr(guard, "CACHE", ByteBoundedCache(8 << 20))  # the other worker's cache
    guard.learn(given)
    assert inspect_query(text.replace("/id/a>", "/id/b>")) == ("SELECT", None)
    assert len(parsed) == 1
    small = Verdicts(3000)  # bounded by the bytes of the shapes it holds
    small.add([(str(i) * 1000, ("ok", "ASK", None)) for i in range(5)])
    assert small.bytes <= 3000 and len(small.since(Worker())) == 3
