"""Progress of a build: bars with counts on a terminal (a pseudo-terminal here, as a user's),
plain step lines and nothing a terminal would redraw when stderr is a pipe or a log, nothing
at all with --quiet."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys

from dkg.graph.progress import Steps

from .conftest import SEED, run_dkg

BAR = "━"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _under_a_terminal(args: list[str]) -> tuple[int, str]:
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="110", TERM="xterm")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "dkg.cli", *args], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=60), out.decode("utf-8", "replace")


def test_a_build_on_a_terminal_draws_bars_with_counts(tmp_path):
    code, text = _under_a_terminal(["build", "--data", str(SEED), "--out", str(tmp_path / "out")])
    assert code == 0, text
    plain = ANSI.sub("", text)
    done = [line for line in plain.replace("\r", "\n").split("\n") if line.startswith("✓")]
    steps = " ".join(done)
    for step in ("curated files", "claim entries", "deriving quads and loading the store", "checking SHACL shapes", "writing exports", "indexing"):
        assert step in steps, (step, done)
    derived = _count(done, "deriving quads")
    assert derived[0] == derived[1] and derived[0] > 1000  # the quads counted as they are derived and loaded
    files = _count(done, "curated files: files")
    assert files[0] == files[1] == len(list(SEED.glob("*/*.yaml")))  # one count per file read
    assert BAR in next(line for line in done if "deriving quads" in line)
    assert re.search(r"4/4", next(line for line in done if "writing exports" in line))


def test_a_bulk_file_is_counted_by_its_lines_not_as_one_step(tmp_path):
    """A synthetic corpus is mostly one tabular file: reading it shows its lines counted to
    the file's own line count, apart from the YAML files' count."""
    data = tmp_path / "data"
    made = subprocess.run([sys.executable, "-m", "dkg.cli", "synth", "--claims", "12000", "--out", str(data)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    tables = sorted((data / "tabular").iterdir())
    assert tables
    lines = sum(len(path.read_bytes().splitlines()) for path in tables)
    assert lines > 10_000
    code, text = _under_a_terminal(["validate", "--data", str(data)])
    assert code == 0, text
    done = [line for line in ANSI.sub("", text).replace("\r", "\n").split("\n") if line.startswith("✓")]
    assert _count(done, "lines: lines") == (lines, lines)
    assert f"{lines:,} lines" in next(line for line in done if "tabular file" in line)
    assert _count(done, "curated files: files")[1] == len(list(data.glob("*/*.yaml")))


def _count(done: list[str], step: str) -> tuple[int, int]:
    line = next(line for line in done if step in line)
    return tuple(map(int, re.search(r"(\d[\d,]*)/(\d[\d,]*)", line.split(step, 1)[1]).groups()))


def test_no_bars_when_stderr_is_not_a_terminal(tmp_path):
    r = run_dkg("build", "--data", str(SEED), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert BAR not in r.stderr and "\r" not in r.stderr and "\x1b" not in r.stderr
    assert "deriving quads" in r.stderr  # the steps as plain lines, for a log
    q = run_dkg("build", "--data", str(SEED), "--out", str(tmp_path / "out"), "--quiet")
    assert q.returncode == 0 and q.stderr == ""


def test_steps_count_and_stay_quiet_when_asked():
    buf = io.StringIO()
    with Steps(stream=buf) as steps:  # a StringIO is not a terminal: lines only
        assert list(steps.track(range(3), 3, "counting")) == [0, 1, 2]
    assert "counting" in buf.getvalue() and BAR not in buf.getvalue()
    quiet = io.StringIO()
    with Steps(quiet=True, stream=quiet, live=True) as steps:
        list(steps.track(range(3), 3, "counting"))
    assert quiet.getvalue() == ""
    drawn = io.StringIO()
    with Steps(stream=drawn, live=True) as steps:
        list(steps.track(range(5), 5, "counting \x1b[31m"))
    assert "5/5" in ANSI.sub("", drawn.getvalue()) and "\\x1b[31m" in drawn.getvalue()
