"""Shared fixtures: the seed graph built once per session, scratch data directories, and a
guard for tests that need a system program (skipped on a developer machine that lacks it,
a failure in CI, where scripts/test installs it).

Golden results run on SEED, a frozen copy of the five seed articles under tests/fixtures/seed,
never on the live data/: curators add articles to data/ and the suite must stay green. The
live data/ is checked by invariants that hold for any corpus (tests/test_data_invariants.py).
Refresh the fixture deliberately (copy data/ over it and regenerate the golden files) when the
seed curation itself is corrected."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"  # the live, growing corpus: invariants only
SEED = ROOT / "tests" / "fixtures" / "seed"  # frozen: golden results
SEEDS = ROOT.parent / "shared" / "seeds"


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
