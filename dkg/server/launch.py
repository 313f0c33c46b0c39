"""Start `dkg serve` as its own process and wait until it answers: for the tests that query a
real server and for scripts/serve_load.py, which must not measure a server still starting."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import threading
from pathlib import Path


@contextlib.contextmanager
def serving(out: str | Path, *options: str, cwd: str | Path | None = None, wait: float = 90, grace: float = 20):
    """Run `dkg serve --out OUT --port 0 OPTIONS` and yield (base URL, the process, its stderr
    lines so far); the server is stopped (asked, then made to) when the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "dkg.cli", "serve", "--out", str(out), "--port", "0", *options],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    found = threading.Event()

    def drain():
        for line in proc.stderr:
            lines.append(line)
            if "SPARQL endpoint http://" in line:
                found.set()

    threading.Thread(target=drain, daemon=True).start()
    try:
        if not found.wait(wait):
            raise RuntimeError("dkg serve did not start:\n" + "".join(lines))
        base = re.search(r"SPARQL endpoint (http://\S+)/sparql", "".join(lines)).group(1)
        yield base, proc, lines
    finally:
        stop(proc, grace)


def stop(proc: subprocess.Popen, grace: float = 20) -> None:
    """Stop a server started here or by a test: ask it to end, then insist."""
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
