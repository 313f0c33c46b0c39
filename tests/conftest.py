"""Shared fixtures: the seed graph built once per session, scratch data directories, a guard
for tests that need a system program (skipped on a developer machine that lacks it, a failure
in CI, where scripts/test installs it), and one that holds the fast path's promise.

The fast path (`-m "not live and not browser"`) starts no server. `no_servers_unless_marked`
makes that a fact rather than a convention: in a test without the `live` or `browser` marker,
listening on a socket, or starting a server program (Oxigraph, Virtuoso, chromium, a Jupyter
kernel, `dkg serve`), fails the test at once with the marker to add; Python processes the test
starts inherit the same refusal (tests/no_servers/sitecustomize.py).

Golden results run on SEED, a frozen copy of the five seed articles under tests/fixtures/seed,
never on the live data/: curators add articles to data/ and the suite must stay green. The
live data/ is checked by invariants that hold for any corpus (tests/test_data_invariants.py).
Refresh the fixture deliberately (copy data/ over it and regenerate the golden files) when the
seed curation itself is corrected."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"  # the live, growing corpus: invariants only
SEED = ROOT / "tests" / "fixtures" / "seed"  # frozen: golden results
SEEDS = ROOT.parent / "shared" / "seeds"


# programs that serve on a port, by the name they are started with
SERVER_PROGRAMS = frozenset({"virtuoso-t", "chromium", "chromium-browser", "chrome", "headless_shell", "ipykernel_launcher"})
NO_SERVERS = Path(__file__).resolve().parent / "no_servers"


def _starts_a_server(args) -> bool:
    argv = [os.fspath(a) for a in args] if isinstance(args, (list, tuple)) else str(args).split()
    names = [os.path.basename(a) for a in argv]
    if any(n in SERVER_PROGRAMS for n in names):
        return True
    if "oxigraph" in names:  # `oxigraph load` (the benchmark's floor) is no server; `oxigraph serve*` is
        return any(a.startswith("serve") for a in argv[names.index("oxigraph") + 1 :])
    if "dkg.cli" in argv:  # python -m dkg.cli [--debug] serve ...
        rest = [a for a in argv[argv.index("dkg.cli") + 1 :] if not a.startswith("-")]
        return bool(rest) and rest[0] == "serve"
    return False


@pytest.fixture(autouse=True)
def no_servers_unless_marked(request, monkeypatch):
    if request.node.get_closest_marker("live") or request.node.get_closest_marker("browser"):
        yield
        return
    name = request.node.nodeid

    def refuse_listen(sock, *args):
        pytest.fail(f"{name} listens on {sock.getsockname()!r} but is not marked live: mark it @pytest.mark.live", pytrace=False)

    real_init = subprocess.Popen.__init__

    def refuse_server(self, args, *rest, **kwargs):
        if _starts_a_server(args):
            pytest.fail(f"{name} starts a server ({args!r}) but is not marked live: mark it @pytest.mark.live", pytrace=False)
        real_init(self, args, *rest, **kwargs)

    monkeypatch.setattr(socket.socket, "listen", refuse_listen)
    monkeypatch.setattr(subprocess.Popen, "__init__", refuse_server)
    monkeypatch.setenv("DKG_TEST_NO_SERVERS", "1")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(NO_SERVERS), os.environ.get("PYTHONPATH")])))
    yield


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; scripts/test should have installed it")
        pytest.skip(f"{name} is not installed (scripts/test installs it)")
    return path


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory) -> Path:
    """A full build of the frozen seed corpus (SHACL included) in a scratch directory."""
    from dkg.graph.build import build

    out = tmp_path_factory.mktemp("seed-out")
    build(SEED, out)
    return out


@pytest.fixture(scope="session")
def seed_store(seed_out):
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore

    return OxigraphStore(store_path(seed_out), read_only=True)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the seed corpus to break or extend (named data/, as a curator's is)."""
    dest = tmp_path / "data"
    shutil.copytree(SEED, dest)
    return dest


def run_dkg(*args: str, cwd: Path | None = None, input: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `dkg` command as a user would, capturing output."""
    return subprocess.run(
        [sys.executable, "-m", "dkg.cli", *args],
        cwd=cwd or ROOT,
        input=input,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def stop_process(proc: subprocess.Popen, grace: float = 20) -> None:
    """Stop a server the tests started: ask it to end, then insist."""
    from dkg.server.launch import stop

    stop(proc, grace)
