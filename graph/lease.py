"""Which build is current, and the shared lease a reader holds on it (graph/build.py's module
docstring says why): kept apart from the build so that a command that only reads a store
imports neither the curated-data models nor the loaders to find it.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ..schema.errors import UnusableInput
from .store import damaged_store

LEASES = ".leases"


def current(out_dir: str | Path) -> Path:
    """The directory of the current build; raises if there is none."""
    link = Path(out_dir) / "current"
    if not link.exists():
        raise UnusableInput(f"{out_dir}: no build yet; run `dkg build --out {out_dir}` first")
    return link.resolve()


def _open_lease(path: Path) -> int | None:
    try:
        path.parent.mkdir(exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            return None


class Lease:
    """A shared lock on one build, held while a process reads it (graph/build.py says why)."""

    def __init__(self, build_dir: Path, fd: int | None):
        self.build, self._fd = build_dir, fd

    def release(self) -> None:
        """Let builds prune this build again (closing the file drops the shared lock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def lease_current(out_dir: str | Path) -> Lease:
    """Resolve OUT/current and lease that build, so no build deletes it while it is read.

    A build may prune the resolved directory between resolving and locking; the lock is only
    trusted once the directory is seen to exist while it is held, else resolve again."""
    out_dir = Path(out_dir)
    for _attempt in range(50):
        build_dir = current(out_dir)
        fd = _open_lease(out_dir / LEASES / build_dir.name)
        if fd is None:  # OUT is not writable here: nobody can build into it either
            return Lease(build_dir, None)
        fcntl.flock(fd, fcntl.LOCK_SH)
        if (build_dir / "store").is_dir():
            return Lease(build_dir, fd)
        os.close(fd)
        if build_dir.is_dir() and not (build_dir / "store").exists() and current(out_dir) == build_dir:
            raise damaged_store(build_dir / "store", "the current build has no store folder")
        time.sleep(0.05)
    raise UnusableInput(f"{out_dir}: the current build keeps disappearing; is a build looping?")
