"""Pushing through a store that wants credentials, against a server that behaves as Virtuoso
does under load: it answers an unauthenticated request with 401 at once, without reading the
body, and closes the connection. A client that sends a large body bare first (urllib's auth
handlers do) gets a broken pipe or a reset on its first PUT; dkg must send the credentials with
the request from the start, and never send a large body twice.

The server is a small loopback one started and stopped here, so this runs on any machine; the
live Virtuoso test in test_remote.py checks the same against the real thing.
"""

from __future__ import annotations

import hashlib
import re
import socket
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dkg.graph.remote import RemoteStore, parse_challenge
from dkg.schema.errors import UnusableInput

USER, PASSWORD, REALM, NONCE = "dba", "s3cret", "SPARQL", "4f2a9c"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class StrictDigest(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    received: list[tuple[str, str, int]]  # (method, path, body bytes) of accepted requests
    bare_bodies: list[int]  # bodies of requests that came without credentials

    def log_message(self, *args):  # quiet
        pass

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Digest "):
            return False
        f = dict(re.findall(r'(\w+)="?([^",]+)"?', header))
        ha1 = _md5(f"{USER}:{REALM}:{PASSWORD}")
        ha2 = _md5(f"{self.command}:{f.get('uri')}")
        expected = _md5(f"{ha1}:{NONCE}:{f.get('nc')}:{f.get('cnonce')}:auth:{ha2}")
        return f.get("response") == expected and f.get("uri") == self.path

    def _refuse(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.bare_bodies.append(length)
        self.send_response(401)
        self.send_header("WWW-Authenticate", f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth"')
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()
        # close at once without reading the body, and reset rather than linger, as a busy server does
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True

    def _handle(self) -> None:
        if not self._authorised():
            self._refuse()
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.received.append((self.command, self.path, len(body)))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = do_HEAD = _handle


@pytest.fixture
def strict_server():
    StrictDigest.received, StrictDigest.bare_bodies = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), StrictDigest)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def big_graph(n: int = 120_000) -> list[str]:
    return [f"<https://example.org/s{i}> <https://example.org/p> \"a value long enough to fill the pipe {i}\" .\n" for i in range(n)]


@pytest.mark.live  # the loopback server listens on a socket
def test_large_gsp_put_carries_its_credentials_from_the_start(strict_server):
    triples = big_graph()
    size = len("".join(triples).encode())
    assert size > 10_000_000  # far beyond any socket buffer: a bare send cannot finish before the reset
    store = RemoteStore(strict_server + "/sparql", gsp_endpoint=strict_server + "/store", auth="dba:s3cret", timeout=30)
    store.put_graph("https://w3id.org/dkg/graph/claims", triples)
    store.put_graph("https://w3id.org/dkg/graph/registry", triples[:10])  # the nonce is reused, nc counts up
    puts = [r for r in StrictDigest.received if r[0] == "PUT"]
    assert [p[2] for p in puts] == [size, len("".join(triples[:10]).encode())]
    assert StrictDigest.bare_bodies == []  # no body ever went out without credentials


@pytest.mark.live  # the loopback server listens on a socket
def test_updates_in_batches_carry_credentials(strict_server):
    store = RemoteStore(strict_server + "/sparql", update_endpoint=strict_server + "/sparql-auth", auth="dba:s3cret", batch_size=1000)
    store.put_graph("https://w3id.org/dkg/graph/claims", big_graph(5000))
    posts = [r for r in StrictDigest.received if r[0] == "POST"]
    # five batches into a staging graph, between dropping any stale one and moving it in place
    assert len(posts) == 7 and StrictDigest.bare_bodies == []


@pytest.mark.live  # the loopback server listens on a socket
def test_wrong_password_is_a_clear_message(strict_server):
    store = RemoteStore(strict_server + "/sparql", gsp_endpoint=strict_server + "/store", auth="dba:wrong", timeout=10)
    with pytest.raises(UnusableInput) as err:
        store.put_graph("https://w3id.org/dkg/graph/claims", big_graph(10))
    assert "401" in str(err.value) and "--auth" in str(err.value)


def test_challenge_parsing():
    c = parse_challenge('Basic realm="a", Digest realm="SPARQL", nonce="n1", qop="auth,auth-int", opaque="o"')
    assert c == {"scheme": "digest", "realm": "SPARQL", "nonce": "n1", "qop": "auth,auth-int", "opaque": "o"}
