"""Issue 21, item 3: `dkg push --auth` followed a 302 to another host and port, and 38 requests
carried `Authorization: Basic ...` there; POSTs became GETs and the push only warned.

Two loopback servers: the store answers every request with a redirect to a second server on
another port, which records what reaches it. No credentials may reach it, no write may become a
read, and the push must fail with a message naming both addresses."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dkg.graph.remote import RemoteStore, push
from dkg.schema.errors import UnusableInput

pytestmark = pytest.mark.live  # starts (in-process) servers on loopback


class Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str | None]]

    def log_message(self, *args):
        pass

    def _any(self):
        self.seen.append((self.command, self.headers.get("Authorization")))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _any


def _redirector(target: str, code: int):
    class Redirect(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _any(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self.send_response(code)
            self.send_header("Location", target + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _any

    return Redirect


@pytest.fixture
def servers():
    started = []

    def start(handler):
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_no_credentials_follow_a_redirect_to_another_origin(servers, code):
    Recorder.seen = []
    elsewhere = servers(Recorder)
    store_url = servers(_redirector(elsewhere, code))
    remote = RemoteStore(store_url + "/query", update_endpoint=store_url + "/update", auth="dba:s3cret", timeout=5)
    with pytest.raises(UnusableInput) as err:
        remote.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert elsewhere in str(err.value) and "credentials" in str(err.value)
    with pytest.raises(UnusableInput):
        remote.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert [a for _m, a in Recorder.seen if a] == []


@pytest.mark.parametrize("code", [302, 303, 307])
def test_a_write_is_never_redirected_even_without_credentials(servers, code):
    Recorder.seen = []
    elsewhere = servers(Recorder)
    store_url = servers(_redirector(elsewhere, code))
    remote = RemoteStore(store_url + "/query", update_endpoint=store_url + "/update", timeout=5)
    with pytest.raises(UnusableInput) as err:
        remote.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert "redirect" in str(err.value) and "POST" in str(err.value)
    assert Recorder.seen == []  # neither re-sent as a POST nor turned into a GET


def test_push_through_a_redirecting_store_fails_clearly(servers, seed_store):
    Recorder.seen = []
    elsewhere = servers(Recorder)
    store_url = servers(_redirector(elsewhere, 302))
    remote = RemoteStore(store_url + "/query", update_endpoint=store_url + "/update", gsp_endpoint=store_url + "/store", auth="dba:s3cret", timeout=5)
    with pytest.raises(UnusableInput) as err:
        push(seed_store, remote)
    assert "redirect" in str(err.value)
    assert Recorder.seen == []
