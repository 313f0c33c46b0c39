"""Remote stores, live: the Oxigraph server and Virtuoso, each started by these tests on loopback
and stopped after. For each: push the built seed graph, run the bundled queries and compare with
the embedded store, re-push and compare counts. Then one suite runs every bundled query on every
backend (on-disk Oxigraph, in-memory Oxigraph, the Oxigraph server, Virtuoso) and demands the
same answers."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from dkg.graph.remote import RemoteStore, push
from dkg.graph.results import Term
from dkg.graph.store import OxigraphStore
from dkg.queries.listings import QUERY_REPORT, all_pages
from dkg.queries import library
from dkg.schema import iris
from dkg.schema.errors import UnusableInput

from .conftest import require_program, run_dkg, stop_process

pytestmark = pytest.mark.live  # every test here starts the Oxigraph server, Virtuoso, or a loopback server

XSD = "http://www.w3.org/2001/XMLSchema#"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(url: str, proc: subprocess.Popen, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(urllib.request.Request(probe, headers={"Accept": "application/sparql-results+json"}), timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise AssertionError(f"the server did not answer within {seconds} s:\n{log.read_text(errors='replace')[-3000:]}")


@contextlib.contextmanager
def running(args: list[str], cwd: Path, probe: str, seconds: float):
    log = cwd / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_answering(probe, proc, log, seconds)
        yield proc
    finally:
        stop_process(proc, 60)


@contextlib.contextmanager
def oxigraph_server(tmp: Path):
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        binary = Path(require_program("oxigraph"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    args = [str(binary), "serve", "--location", str(tmp / "db"), "--bind", f"127.0.0.1:{port}"]
    with running(args, tmp, base + "/query", 60):
        yield {"endpoint": base + "/query", "update": base + "/update", "gsp": base + "/store", "auth": None}


def virtuoso_ini(tmp: Path, sql_port: int, http_port: int) -> Path:
    """Debian's virtuoso.ini, with its database files, ports and allowed directories moved here."""
    text = Path("/etc/virtuoso-opensource-7/virtuoso.ini").read_text()
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(tmp))
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111\b.*$", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890\b.*$", f"ServerPort = 127.0.0.1:{http_port}", text)
    text = re.sub(r"(?m)^DirsAllowed\s*=.*$", f"DirsAllowed = ., {tmp}, /usr/share/virtuoso-opensource-7/vad", text)
    assert f"127.0.0.1:{http_port}" in text and f"127.0.0.1:{sql_port}" in text
    ini = tmp / "virtuoso.ini"
    ini.write_text(text)
    return ini


@contextlib.contextmanager
def virtuoso_server(tmp: Path):
    binary = require_program("virtuoso-t")
    http_port, sql_port = free_port(), free_port()
    ini = virtuoso_ini(tmp, sql_port, http_port)
    base = f"http://127.0.0.1:{http_port}"
    with running([binary, "+foreground", "+configfile", str(ini)], tmp, base + "/sparql", 180):
        yield {
            "endpoint": base + "/sparql",
            "update": base + "/sparql-auth",  # SPARQL Update needs the dba account, over digest auth
            "gsp": base + "/sparql-graph-crud-auth",
            "auth": "dba:dba",
        }


def remote(server: dict, **options) -> RemoteStore:
    return RemoteStore(server["endpoint"], update_endpoint=server["update"], auth=server["auth"], **options)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as server:
        yield server


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


def test_a_push_that_fails_part_way_says_what_it_replaced_and_leaves_no_half_graph(seed_out, seed_store, oxigraph):
    """Over SPARQL Update in small batches, the third graph fails on its second batch: the two
    before it are replaced, the failing one keeps its previous content (atomic through a staging
    graph and MOVE), no staging graph is left, and the message says all of this."""
    from dkg.graph.remote import PushFailed

    first = remote(oxigraph, batch_size=50)
    push(seed_store, first)  # the store holds the whole build
    graphs = seed_store.graphs()
    before = first.graph_sizes()

    failing = remote(oxigraph, batch_size=50)
    real_update = failing.update
    calls = {"n": 0, "target": graphs[2]}

    def flaky(text: str) -> None:
        if "INSERT DATA" in text and "staging/" in text:
            calls["n"] += 1
            if calls["n"] == 2 and failing._current == calls["target"]:
                raise UnusableInput("simulated: the store answered 500 Internal Server Error")
        real_update(text)

    original_put = failing.put_graph

    def tracking_put(graph, triples):
        failing._current = graph
        calls["n"] = 0
        return original_put(graph, triples)

    failing.update, failing.put_graph = flaky, tracking_put
    with pytest.raises(PushFailed) as err:
        push(seed_store, failing)
    message = str(err.value)
    assert f"push stopped at graph {iris.local_name(graphs[2])}" in message
    assert f"replaced with this build (2 of {len(graphs)}): {iris.local_name(graphs[0])}, {iris.local_name(graphs[1])}" in message
    assert "push again to finish" in message
    after = remote(oxigraph).graph_sizes()
    assert after[graphs[2]] == before[graphs[2]]  # not half-filled, not emptied
    staging = remote(oxigraph).query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), "/staging/")) }')
    assert int(staging.rows[0]["n"].value) == 0


def test_a_hanging_store_is_reported_within_the_timeout():
    """A server that accepts the connection and never answers: a clear message naming the
    timeout, not a silent wait."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        store = RemoteStore(f"http://127.0.0.1:{listener.getsockname()[1]}/sparql", timeout=1)
        started = time.monotonic()
        with pytest.raises(UnusableInput) as err:
            store.query("ASK {}")
        assert "no answer within 1 s" in str(err.value)
        assert time.monotonic() - started < 10
    finally:
        stop.set()
        thread.join(5)
        for conn in held:
            conn.close()
        listener.close()


# ------------------------------------------------------------------------ comparing answers


def _concat_vars(text: str) -> set[str]:
    return set(re.findall(r"GROUP_CONCAT\(.*?\)\s+AS\s+\?(\w+)", text, flags=re.S | re.I))


def canonical(term: Term | None, concat: bool) -> tuple | None:
    """A term as compared across stores: the same RDF term, whatever the store's spelling."""
    if concat:  # GROUP_CONCAT order is not defined by SPARQL; over nothing, stores give "" or no value
        return ("concat", tuple(sorted(term.value.split(" "))) if term is not None else ("",))
    if term is None:
        return None
    datatype = None if term.datatype == XSD + "string" else term.datatype
    if term.type == "literal" and datatype == XSD + "boolean":  # "true" or "1", the same value
        return ("boolean", term.value in ("true", "1"))
    if term.type == "literal" and datatype in (XSD + "integer", XSD + "decimal"):
        return ("number", str(term.python()))
    return (term.type, term.value, datatype, (term.lang or "").lower() or None)


def answer(store, text: str, bindings: dict) -> list:
    result = store.query(text, bindings)
    if result.boolean is not None:
        return [result.boolean]
    concat = _concat_vars(text)
    rows = [tuple((v, canonical(row.get(v), v in concat)) for v in result.vars) for row in result.rows]
    return sorted(rows, key=repr)


def cases(local: OxigraphStore) -> list[tuple[str, str, dict]]:
    """Every bundled query, with the parameters a user would pass: real seed entities and claims."""
    claims = local.query(
        """SELECT DISTINCT ?claim WHERE { ?a dkg:claim ?claim ; prov:wasDerivedFrom ?d ; dkg:hedge ?h }
           ORDER BY ?claim LIMIT 3"""
    ).values("claim")
    values = {
        "entity": [Term.uri(iris.entity(e)) for e in ("maxim-kuzminov", "kuzminov-defection", "hur")],
        "claim": [Term.uri(c) for c in claims],
        "slug": ["maxim-kuzminov", "hur"],
        "source": [Term.uri(iris.entity(s)) for s in ("newsweek", "003_e82a78f22526c30b")],
        "agent": [Term.uri(iris.entity(s)) for s in ("hur", "bbc", "newsweek")],
        "document": [Term.uri(iris.entity(s)) for s in ("002_bd55ee8a1af82e1f", "003_e82a78f22526c30b")],
    }
    values["key"] = [Term.literal("kuzminov"), Term.literal("hur")]
    values["appearance"] = [Term.uri(a) for a in local.query("SELECT DISTINCT ?a WHERE { ?a dkg:hedge ?h } ORDER BY ?a LIMIT 3").values("a")]
    values["listing"] = [Term.uri(iris.listing("hedged", "any")), Term.uri(iris.listing("corroboration", "all"))]
    out = []
    for q in library.all_queries():
        names = [p.name for p in q.params]
        if not names:
            out.append((q.name, q.text, {}))
            continue
        if names == ["page"]:  # a paged report: the first two pages of its own listing; any page else
            pages = all_pages(local, q.name)[:2] if q.name in QUERY_REPORT else [
                iris.listing_page("said-by", "agent/hur", 0), iris.listing_page("reported-by", "published/newsweek", 0)]
            out += [(f"{q.name}[{p}]", q.text, {"page": Term.uri(p)}) for p in pages]
            continue
        assert len(names) == 1 and names[0] in values, f"{q.name}: parameters {names} need seed values here"
        for v in values[names[0]]:
            out.append((f"{q.name}[{v}]", q.text, {names[0]: v}))
    out += [
        (
            "triples per dkg graph",
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(graph:))) } GROUP BY ?g",
            {},
        ),
        (
            "things per type, over the union of the graphs",
            "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type FILTER(STRSTARTS(STR(?type), STR(dkg:))) } GROUP BY ?type",
            {},
        ),
        (
            "provenance join",
            """SELECT ?claim ?document ?origin ?originLabel WHERE {
                 ?app dkg:claim ?claim ; dkg:document ?document ; dkg:origin ?origin .
                 ?claim dkg:subject id:maxim-kuzminov .
                 OPTIONAL { ?origin rdfs:label ?originLabel } }""",
            {},
        ),
        ("age (ASK, bound)", "ASK { ?person dkg:age 28 }", {"person": Term.uri(iris.entity("maxim-kuzminov"))}),
        ("hostile value", "SELECT ?n WHERE { ?n dkg:slug ?slug }", {"slug": '"} } ; DROP ALL ; SELECT * { #'}),
    ]
    return out


def assert_same_answers(local: OxigraphStore, other) -> int:
    checked = 0
    for name, text, bindings in cases(local):
        expected = answer(local, text, bindings)
        assert answer(other, text, bindings) == expected, name
        checked += 1
    return checked


# ------------------------------------------------------------------------ live: push, compare, re-push


def test_push_to_oxigraph_server(seed_out, seed_store, oxigraph):
    total = len(seed_store)
    # first push through SPARQL Update, in batches of 500 triples
    done = run_dkg("push", "--out", str(seed_out), "--endpoint", oxigraph["endpoint"], "--update-endpoint", oxigraph["update"], "--batch-size", "500")
    assert done.returncode == 0, done.stderr
    assert f"Pushed {total:,} triples in {len(seed_store.graphs())} named graphs" in done.stdout
    assert f"the store now holds {total:,} triples" in done.stdout
    assert "[1/" in done.stderr and "registry" in done.stderr  # progress, per graph
    store = remote(oxigraph)
    assert store.graphs() == seed_store.graphs()
    assert len(store) == total
    assert assert_same_answers(seed_store, store) > 20

    # re-push through the Graph Store Protocol: each graph replaced, nothing doubled
    again = run_dkg("push", "--out", str(seed_out), "--endpoint", oxigraph["endpoint"], "--gsp", oxigraph["gsp"])
    assert again.returncode == 0, again.stderr
    assert len(remote(oxigraph)) == total
    assert remote(oxigraph).graph_sizes() == {g: len(seed_store.query(f"SELECT * WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")) for g in seed_store.graphs()}


def test_push_to_virtuoso(seed_out, seed_store, virtuoso):
    total = len(seed_store)
    args = ["push", "--out", str(seed_out), "--endpoint", virtuoso["endpoint"], "--update-endpoint", virtuoso["update"], "--auth", virtuoso["auth"]]
    done = run_dkg(*args, "--batch-size", "300")
    assert done.returncode == 0, done.stderr
    assert f"the store now holds {total:,} triples" in done.stdout
    store = remote(virtuoso)
    assert store.graphs() == seed_store.graphs()
    assert len(store) == total
    assert assert_same_answers(seed_store, store) > 20

    again = run_dkg(*args)
    assert again.returncode == 0, again.stderr
    assert len(remote(virtuoso)) == total

    # and through its Graph Store Protocol endpoint: one PUT per graph, same store
    gsp = run_dkg("push", "--out", str(seed_out), "--endpoint", virtuoso["endpoint"], "--gsp", virtuoso["gsp"], "--auth", virtuoso["auth"])
    assert gsp.returncode == 0, gsp.stderr
    assert f"({len(seed_store.graphs()) + 1} requests)" in gsp.stdout  # the graph list, then one PUT per graph
    assert len(remote(virtuoso)) == total
    assert assert_same_answers(seed_store, remote(virtuoso)) > 20

    wrong = run_dkg("push", "--out", str(seed_out), "--endpoint", virtuoso["endpoint"], "--update-endpoint", virtuoso["update"], "--auth", "dba:wrong")
    assert wrong.returncode == 2 and "401" in wrong.stderr
    assert len(remote(virtuoso)) == total


def test_a_dropped_source_is_removed_on_push(seed_store, oxigraph, tmp_path):
    """Push a build that lacks one source graph: the remote graph goes too (after the other tests, put back)."""
    smaller = OxigraphStore(None)
    smaller.raw.bulk_load(seed_store.dump_nquads().encode(), format=ox.RdfFormat.N_QUADS)
    gone = iris.graph("004_9f96eee9e0454286")
    smaller.drop_graphs([gone])
    store = remote(oxigraph)
    report = push(smaller, store)
    assert report.dropped == [gone] and gone not in store.graphs()
    assert len(store) == len(smaller)
    push(seed_store, store)
    assert len(store) == len(seed_store)


def test_remote_errors_are_clear(oxigraph):
    store = remote(oxigraph)
    from dkg.schema.errors import QuerySyntaxError, UnusableInput

    with pytest.raises(QuerySyntaxError):
        store.query("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(UnusableInput, match="cannot reach"):
        RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=5).query("ASK {}")


def test_query_commands_take_endpoint(seed_out, seed_store, oxigraph):
    push(seed_store, remote(oxigraph))
    local = run_dkg("sparql", "--out", str(seed_out), "SELECT ?age WHERE { id:maxim-kuzminov dkg:age ?age }")
    there = run_dkg("sparql", "--endpoint", oxigraph["endpoint"], "SELECT ?age WHERE { id:maxim-kuzminov dkg:age ?age }")
    assert local.returncode == 0 and there.returncode == 0, there.stderr
    assert there.stdout == local.stdout and "28" in there.stdout


# ------------------------------------------------------------------------ one suite, every backend

BACKENDS = ["oxigraph-disk", "oxigraph-memory", "oxigraph-server", "virtuoso"]


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request, seed_store):
    if request.param == "oxigraph-disk":
        return seed_store
    if request.param == "oxigraph-memory":
        memory = OxigraphStore(None)
        memory.raw.bulk_load(seed_store.dump_nquads().encode(), format=ox.RdfFormat.N_QUADS)
        return memory
    server = request.getfixturevalue("oxigraph" if request.param == "oxigraph-server" else "virtuoso")
    store = remote(server, batch_size=1000)
    push(seed_store, store)
    return store


def test_every_bundled_query_gives_the_same_answers(seed_store, backend):
    differing = []
    for name, text, bindings in cases(seed_store):
        if answer(backend, text, bindings) != answer(seed_store, text, bindings):
            differing.append(name)
    assert differing == []
