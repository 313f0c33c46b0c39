"""How a query worker writes an answer (dkg/server/pool.py): SPARQL JSON results serialised by
Oxigraph itself, with the row limit counted in the bytes as they arrive. No server needed."""

from __future__ import annotations

import json
import random

import pyoxigraph as ox
import pytest

from dkg.server import pool
from dkg.server.guard import Refused

# values that look like the boundary between two solutions, or end inside an escape
AWKWARD = ['a,{"b":1}', "x\\", 'q"},{"', ",{", '\\",{', ",", "{", "é,{ü", '"', "\\\\", "line\nbreak", "{}", ",{}", ',{"x', ',{"}']


def _store(n: int = 400) -> ox.Store:
    store = ox.Store()
    for i in range(n):
        value = AWKWARD[i % len(AWKWARD)] * (1 + i % 5)
        store.add(ox.Quad(ox.NamedNode(f"http://a.example/{i:05d}"), ox.NamedNode("http://a.example/p"), ox.Literal(value)))
    return store


QUERY = "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <http://a.example/none> ?none } } ORDER BY ?s"
SOME_EMPTY = 'SELECT ?x WHERE { ?s ?p ?o BIND(IF(STRENDS(STR(?s), "0"), ?unbound, ?o) AS ?x) } ORDER BY ?s'  # every tenth: {}


@pytest.mark.parametrize("query", [QUERY, SOME_EMPTY])
@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 8192])
def test_solutions_are_counted_in_chunks_of_any_size(chunk, query):
    """The writer sees Oxigraph's bytes in 8 KiB pieces; any cut, inside an escape or between
    a comma and a brace, must count the same, with and without solutions that bind nothing."""
    store = _store()
    whole = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)
    rows = json.loads(whole)["results"]["bindings"]
    rng = random.Random(chunk)
    for limit in (1, 2, 5, 199, 399, 400, 401):
        writer = pool._JsonRows(limit, 1 << 30)
        try:
            pos = 0
            while pos < len(whole):
                step = chunk if chunk > 3 else rng.randint(1, chunk * 3)
                writer.write(whole[pos:pos + step])
                pos += step
            body, truncated = b"".join(writer.parts), False
        except pool._Enough:
            body, truncated = b"".join(writer.parts)[: writer.cut] + b"]}}", True
        got = json.loads(body)["results"]["bindings"]
        assert got == rows[:limit] and truncated == (limit < len(rows)), limit


def test_the_native_answer_stops_at_the_row_and_byte_limits():
    store = _store()
    body, truncated = pool._native_json(store.query(QUERY), 10, 1 << 30)
    assert truncated and len(json.loads(body)["results"]["bindings"]) == 10
    with pytest.raises(Refused) as err:
        pool._native_json(store.query(QUERY), 10_000, 4096)
    assert err.value.status == 503 and "4,096-byte limit" in err.value.message
    assert pool._native_json(store.query("SELECT ?x WHERE { }"), 5, 1000) == (b'{"head":{"vars":["x"]},"results":{"bindings":[{}]}}', False)
    body, truncated = pool._native_json(store.query("SELECT ?x WHERE { VALUES ?x { 1 UNDEF UNDEF } }"), 2, 1000)
    assert truncated and json.loads(body)["results"]["bindings"] == [{"x": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}, {}]


def test_the_native_answer_is_the_python_writers_answer(seed_store):
    """Every bundled question on the seed build: Oxigraph's JSON and graph/results.py's agree."""
    from dkg.graph.results import Result
    from dkg.graph.store import _to_term
    from dkg.queries import library
    from dkg.schema.iris import PREFIXES

    raw = seed_store._store  # the pyoxigraph Store itself, as a worker holds it
    for q in library.all_queries():
        if q.params:
            continue
        text = q.portable_text
        native, _ = pool._native_json(raw.query(text, prefixes=PREFIXES, use_default_graph_as_union=True), 10_000, 1 << 30)
        answer = raw.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        if not isinstance(answer, ox.QuerySolutions):
            continue
        names = [v.value for v in answer.variables]
        rows = [{n: _to_term(s[n]) for n in names if s[n] is not None} for s in answer]
        assert json.loads(native) == json.loads(Result(names, rows).serialize("json")), q.name


# ------------------------------------------------------------------ who gets the next idle worker


def test_an_idle_worker_goes_to_the_shortest_expected_request_first():
    """First come first served made a 20 ms lookup wait behind every report page queued before it."""
    import queue
    import threading
    import time

    idle = pool.Idle(timeout=30)
    idle.put("the only worker")
    held = idle.get(0.0, 1)
    order: list[str] = []

    def ask(name: str, expected: float):
        worker = idle.get(expected, 10)
        order.append(name)
        idle.put(worker)

    threads = []
    for name, expected in (("long", 2.0), ("medium", 0.5), ("short", 0.01)):
        threads.append(threading.Thread(target=ask, args=(name, expected)))
        threads[-1].start()
        time.sleep(0.05)  # they arrive in this order
    idle.put(held)
    for t in threads:
        t.join(10)
    assert order == ["short", "medium", "long"]
    # a long one is held back by at most a quarter of the time limit, then it goes before later short ones
    idle = pool.Idle(timeout=0.4)
    idle.put("w")
    held = idle.get(0.0, 1)
    with pytest.raises(queue.Empty):
        idle.get(0.0, 0.05)  # and a request that waited its whole limit gives up
    order.clear()
    first = threading.Thread(target=ask, args=("long", 100.0))
    first.start()
    time.sleep(0.25)  # past its place (arrival + 0.1 s)
    second = threading.Thread(target=ask, args=("short", 0.0))
    second.start()
    time.sleep(0.05)
    idle.put(held)
    first.join(5), second.join(5)
    assert order == ["long", "short"]


def test_costs_are_kept_per_kind_of_query():
    costs = pool.Costs(size=2)
    a = costs.key({"query": 'SELECT * { VALUES ?c { <https://w3id.org/dkg/id/a> } ?c ?p "x" }'})
    assert a == costs.key({"query": 'SELECT * { VALUES ?c { <https://w3id.org/dkg/id/b> } ?c ?p "y" }'})
    assert costs.key({"query": "SELECT * { ?s ?p ?o }"}) != a and costs.key({"query": "#" * 20000}) is None
    costs.record(a, 1.0)
    costs.record(a, 0.0)
    assert costs.expected(a) == pytest.approx(0.7) and costs.expected(None) == 0.0
    costs.record(1, 1.0), costs.record(2, 1.0)
    assert costs.expected(a) == 0.0  # bounded: the least recently timed kind is forgotten
