"""The fast path (`-m "not live and not browser"`) starts no server, by test (issue 21.17): the
guard in tests/conftest.py fails a test not marked live that listens on a socket or starts a
server program, in its own process or in a Python process it starts."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from .conftest import ROOT, run_dkg


def test_listening_fails_a_test_not_marked_live():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        with pytest.raises(pytest.fail.Exception, match="not marked live: mark it @pytest.mark.live"):
            sock.listen()


@pytest.mark.parametrize("argv", [
    ["oxigraph", "serve", "--bind", "127.0.0.1:0"],
    ["/usr/bin/virtuoso-t", "+foreground"],
    [sys.executable, "-m", "ipykernel_launcher", "-f", "x.json"],
])
def test_starting_a_server_program_fails_a_test_not_marked_live(argv):
    with pytest.raises(pytest.fail.Exception, match="starts a server"):
        subprocess.Popen(argv)


def test_dkg_serve_fails_a_test_not_marked_live():
    with pytest.raises(pytest.fail.Exception, match="starts a server"):
        run_dkg("serve", "--port", "0")


def test_a_python_child_cannot_listen_either():
    code = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "a test not marked live tried to start a server" in result.stderr


def test_other_programs_still_run():
    assert run_dkg("--version").returncode == 0


@pytest.mark.live
def test_a_live_test_may_listen():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
