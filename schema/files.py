"""Writing a file whole or not at all, in one place for every layer that writes one.

A reader (a browser opening a page, an editor reading a JSON Schema, a curator's shell) must
never see half a file, and a write that fails must leave the old file as it was. So the text goes
to a temporary file beside the target (same file system, unique name, so two writers never share
it) and is renamed over the target in one step. It lives in schema/, the lowest layer that
writes files (`dkg schema`), so graph/ and dkg/ use it without importing upwards.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: str | Path, data: str | bytes, *, replace: bool = True) -> None:
    """Write `data` (text is UTF-8) to `path` whole or not at all. With replace=False an existing
    file is left alone and FileExistsError raised, without a check-then-write race."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as any new file, not mkstemp's owner-only mode
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the target exists
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_if_changed(path: str | Path, text: str) -> bool:
    """Write `text` atomically unless the file already holds it; True when it was written."""
    path = Path(path)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text)
    return True
