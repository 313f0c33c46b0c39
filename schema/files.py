"""Writing a file whole or not at all, in one place for every layer that writes one.

A reader (a browser opening a page, an editor reading a JSON Schema, a curator's shell) must
never see half a file, and a write that fails must leave the old file as it was. So the text goes
to a temporary file beside the target (same file system, unique name, so two writers never share
it) and is renamed over the target in one step. It lives in schema/, the lowest layer that
writes files (`dkg schema`), so graph/ and dkg/ use it without importing upwards.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import UnusableInput


class TargetRefused(UnusableInput):
    """The target of a write is not something a command may replace (a folder, a block device, a
    symbolic link), or its folder cannot hold the temporary file. The message names it."""


def _target_kind(path: Path) -> str:
    """'new', 'file' (a regular file: replaced by rename), or 'stream' (a character device or a
    FIFO: written in place, since renaming over it would replace the device node itself)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise TargetRefused(f"{path}: the folder {path.parent} does not exist") from None
        return "new"
    if stat.S_ISLNK(st.st_mode):
        raise TargetRefused(f"{path} is a symbolic link; give the path of the file itself, so that the link is not replaced")
    if stat.S_ISREG(st.st_mode):
        return "file"
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return "stream"
    kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a block device" if stat.S_ISBLK(st.st_mode) else "not a regular file"
    raise TargetRefused(f"{path} is {kind}; give the path of a file to write")


def atomic_write(path: str | Path, data: str | bytes, *, replace: bool = True) -> None:
    """Write `data` (text is UTF-8) to `path` whole or not at all. With replace=False an existing
    file is left alone and FileExistsError raised, without a check-then-write race.

    Only a regular file the command owns is ever replaced: a new name or a regular file gets the
    rename; a character device or a FIFO (`-o /dev/null`, a named pipe) is written in place, as
    a shell redirection would; a symbolic link, a folder or a block device is refused
    (TargetRefused) and so is a folder that cannot hold the temporary file (/proc)."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    kind = _target_kind(path)
    if kind == "stream":
        if not replace:
            raise FileExistsError(errno.EEXIST, "exists", str(path))
        try:
            with open(path, "wb") as fh:  # it exists and is no regular file: nothing to create
                fh.write(payload)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM):
            raise
        raise TargetRefused(f"{path}: cannot write a file in {path.parent} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as any new file, not mkstemp's owner-only mode
        if replace:
            if _target_kind(path) == "stream":  # it changed under us: never rename onto a device
                raise TargetRefused(f"{path} became a device or pipe while it was written; nothing was replaced")
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
