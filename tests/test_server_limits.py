"""`dkg serve` at its limits (issue 21, items 5, 7 and 10): a taken port, a query that keeps
allocating, an answer too big to send, a slug no IRI can hold, and a request with two Host
headers. Real servers on loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.parse

import pytest

from .conftest import ROOT
from .test_server import AGE, get, http, serving
from .test_server_hostile import raw

pytestmark = pytest.mark.live


def doubling(levels: int) -> str:
    """A query whose one value is 16 characters times 16**levels (no data needed)."""
    binds = ['BIND("0123456789abcdef" AS ?v0)']
    for i in range(1, levels + 1):
        binds.append(f"BIND(CONCAT({', '.join([f'?v{i - 1}'] * 16)}) AS ?v{i})")
    return f"SELECT (STRLEN(?v{levels}) AS ?n) WHERE {{ {' '.join(binds)} }}"


def test_a_second_server_on_a_taken_port_says_so(seed_out):
    """It exited 3 with `'SparqlServer' object has no attribute 'pool'`."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "dkg.cli", "serve", "--out", str(seed_out), "--port", str(port)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stderr
    assert f"port {port} is in use" in r.stderr and "--port" in r.stderr
    assert "Traceback" not in r.stderr and "AttributeError" not in r.stderr


@pytest.fixture(scope="module")
def limited(seed_out):
    with serving(seed_out, "--timeout", "20", "--workers", "1", "--worker-memory", "96", "--max-bytes", "1") as (base, proc, lines):
        yield base, proc, lines


def test_a_query_over_the_memory_limit_is_stopped_and_its_worker_replaced(limited):
    """A string-doubling query took one worker to 673 MB before the time limit stopped it."""
    base, _proc, lines = limited
    status, _h, body = get(base, doubling(4), "text/csv")  # 1 MiB: within the limit
    assert status == 200 and body.splitlines()[1] == str(16 ** 5)
    started = time.monotonic()
    status, _h, body = get(base, doubling(7), "text/csv")  # 4 GiB of string
    assert status == 503, body
    assert "96 MiB" in body and "--worker-memory" in body
    assert time.monotonic() - started < 20  # stopped by the memory cap, not the time limit
    for _ in range(3):  # the worker was replaced: the server keeps answering
        status, _h, body = get(base, AGE, "text/csv")
        assert status == 200 and body.splitlines() == ["age", "28"]


def test_an_answer_over_the_byte_limit_is_refused(limited):
    """One 64 MB answer took the shared server process to 530 MB and ran past the time limit."""
    base = limited[0]
    big = doubling(5).replace("(STRLEN(?v5) AS ?n)", "?v5")  # one 16 MiB value
    for fmt in ("application/sparql-results+json", "text/csv", "application/sparql-results+xml"):
        status, _h, body = get(base, big, fmt)
        assert status == 503 and "1,048,576-byte limit" in body and "--max-bytes" in body, body[:200]
    many = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # 10,000 rows of ordinary size, over 1 MiB together
    status, _h, body = get(base, many, "application/sparql-results+json")
    assert status == 503 and "byte limit" in body
    status, _h, body = get(base, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100", "text/csv")
    assert status == 200 and len(body.splitlines()) == 101


def test_the_limits_are_options_with_defaults(seed_out):
    r = subprocess.run([sys.executable, "-m", "dkg.cli", "serve", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "--worker-memory" in r.stdout and "--max-bytes" in r.stdout and "default: 16" in r.stdout and "default: 1024" in r.stdout
    r = subprocess.run([sys.executable, "-m", "dkg.cli", "serve", "--out", str(seed_out), "--max-bytes", "-3"], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "positive number of MiB" in r.stderr


@pytest.fixture(scope="module")
def endpoint(seed_out):
    with serving(seed_out, "--timeout", "10", "--workers", "1") as (base, proc, lines):
        yield base, proc, lines


@pytest.mark.parametrize("slug", ["maxim-kuzminov/%3E", "appearance/a%3Eb", "maxim-kuzminov%3E"])
@pytest.mark.parametrize("accept", ["text/html", "text/turtle"])
def test_a_slug_holding_a_bracket_is_not_found_with_close_slugs(endpoint, slug, accept):
    """`/id/appearance/a>b` answered 400 with pyoxigraph's "Invalid IRI code point"."""
    status, headers, body = http(f"{endpoint[0]}/id/{slug}", headers={"Accept": accept})
    assert status == 404, body[:300]
    assert "Invalid IRI" not in body and "query failed" not in body
    if slug.startswith("maxim"):
        assert "maxim-kuzminov" in body.replace(urllib.parse.unquote(slug), "")  # a close slug is offered


def test_two_host_headers_are_refused(endpoint):
    """The first one won; a proxy in front may have read the other."""
    base = endpoint[0]
    port = base.rsplit(":", 1)[1]
    path = "/sparql?" + urllib.parse.urlencode({"query": AGE})
    for hosts in ([f"127.0.0.1:{port}", "evil.example"], [f"127.0.0.1:{port}", f"127.0.0.1:{port}"]):
        conn_headers = [("Host", h) for h in hosts]
        status, _h, body = raw_multi(base, "GET", path, conn_headers)
        assert status == 400 and "Host" in body
    status, _h, _b = raw(base, "GET", path, {"Host": f"127.0.0.1:{port}"})
    assert status == 200


def raw_multi(base: str, method: str, path: str, headers: list[tuple[str, str]]):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", int(base.rsplit(":", 1)[1]), timeout=60)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in headers:
            conn.putheader(k, v)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, r.headers, r.read().decode("utf-8")
    finally:
        conn.close()


def test_a_worker_under_a_small_memory_cap_still_follows_a_rebuild(data_copy, tmp_path):
    """The cap is for queries: opening the next build takes address space of its own."""
    from dkg.graph.build import build, current

    from .conftest import run_dkg

    out = tmp_path / "out"
    build(data_copy, out, shacl=False)
    first = current(out).name
    with serving(out, "--workers", "1", "--worker-memory", "4", "--timeout", "20") as (base, _proc, lines):
        status, headers, _b = get(base, AGE, "text/csv")
        assert status == 200 and headers["X-DKG-Build"] == first
        result = run_dkg("build", "--data", str(data_copy), "--out", str(out), "--no-shacl", "--full")
        assert result.returncode == 0, result.stderr
        status, headers, body = get(base, AGE, "text/csv")
        assert status == 200, body
        assert headers["X-DKG-Build"] == current(out).name != first
        assert not any("staying on build" in line for line in lines), lines


def test_the_base_iri_of_an_http_1_0_request_on_ipv6(seed_out):
    """With no Host header the base IRI was `http://::1:PORT/sparql`, not an IRI: every query failed."""
    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    try:
        socket.create_server(("::1", 0), family=socket.AF_INET6).close()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with serving(seed_out, "--host", "::1", "--workers", "1") as (base, _proc, _lines):
        port = int(base.rsplit(":", 1)[1])
        query = urllib.parse.quote("SELECT ?x WHERE { BIND(<rel> AS ?x) }")
        with socket.create_connection(("::1", port), timeout=60) as conn:
            conn.sendall(f"GET /sparql?query={query} HTTP/1.0\r\nAccept: text/csv\r\n\r\n".encode())
            reply = b""
            while chunk := conn.recv(65536):
                reply += chunk
    head, _, body = reply.decode().partition("\r\n\r\n")
    assert head.startswith("HTTP/1.0 200") or head.startswith("HTTP/1.1 200"), head
    assert body.splitlines()[1] == f"http://[::1]:{port}/rel"
