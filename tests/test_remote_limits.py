"""A store that answers slowly or without end cannot hold a push for ever or fill its memory
(issue 21.12): `--timeout` bounds each request in all, not each read, and a reply larger than
the cap is refused as it arrives.

The servers here are small loopback ones in a thread of this process, each test's own; they
listen on a socket, so the tests are marked live (the fast path starts no server)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dkg.graph.remote import RemoteStore
from dkg.schema.errors import UnusableInput

pytestmark = pytest.mark.live


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mode = "drip"
    size = 64 * 1024 * 1024  # of a huge reply
    sent: list[int]  # bytes of body written before the client went away

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        sent = 0
        try:
            if self.mode == "drip-headers":
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    sent += 1
                    time.sleep(0.25)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            if self.mode == "drip":
                self.send_header("Content-Length", "40")
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    sent += 1
                    time.sleep(0.5)
            else:  # a huge reply, its length declared or not
                size = self.size
                if self.mode == "huge-declared":
                    self.send_header("Content-Length", str(size))
                self.send_header("Connection", "close")
                self.end_headers()
                block = b" " * 65536
                for _ in range(size // len(block)):
                    self.wfile.write(block)
                    sent += len(block)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.sent.append(sent)


@pytest.fixture
def hostile():
    Hostile.sent = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def store(mode: str, **options) -> RemoteStore:
        Hostile.mode = mode
        return RemoteStore(f"http://127.0.0.1:{server.server_address[1]}/sparql", dataset="server", **options)

    try:
        yield store
    finally:
        server.shutdown()
        server.server_close()


def _wait_for_server(n: int = 1) -> list[int]:
    for _ in range(200):
        if len(Hostile.sent) >= n:
            break
        time.sleep(0.05)
    return Hostile.sent


@pytest.mark.parametrize("mode", ["drip", "drip-headers"])
def test_timeout_bounds_the_whole_request(hostile, mode):
    store = hostile(mode, timeout=2)
    with pytest.raises(UnusableInput) as err:
        store.query("ASK {}")
    assert "no answer within 2 s, counting the whole answer" in str(err.value) and "--timeout" in str(err.value)
    (sent,) = _wait_for_server()
    # a byte every 0.5 s (0.25 s for headers) for 2 s, not the 40 (or 65) the server would drip
    assert sent <= 12, sent


@pytest.mark.parametrize("mode", ["huge-declared", "huge-undeclared"])
def test_a_reply_larger_than_the_cap_is_refused_as_it_arrives(hostile, mode):
    store = hostile(mode, max_reply=4 * 1024 * 1024)
    with pytest.raises(UnusableInput) as err:
        store.query("ASK {}")
    assert "MB allowed" in str(err.value) and "--max-reply" in str(err.value)
    (sent,) = _wait_for_server()
    assert sent < Hostile.size  # the client stopped reading long before the end
