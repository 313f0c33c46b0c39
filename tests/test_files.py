"""schema/files.py: the one atomic write every command and page writer uses."""

from __future__ import annotations

import os

import pytest

from dkg.schema import files
from dkg.schema.files import atomic_write, write_if_changed


def test_atomic_write_replaces_whole_and_leaves_nothing_beside(tmp_path):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    atomic_write(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    atomic_write(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "dkg.ttl"
    target.write_text("the previous export", encoding="utf-8")

    def fail(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "half")
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dkg.ttl"]


def test_without_replace_an_existing_file_is_refused_and_kept(tmp_path):
    target = tmp_path / "draft.yaml"
    atomic_write(target, "first", replace=False)
    with pytest.raises(FileExistsError):
        atomic_write(target, "second", replace=False)
    assert target.read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.yaml"]


def test_the_file_gets_the_mode_of_any_new_file(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "a", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o644


def test_write_if_changed_leaves_an_unchanged_file_alone(tmp_path):
    target = tmp_path / "sub" / "shapes.ttl"
    assert write_if_changed(target, "a") is True
    stamp = target.stat().st_mtime_ns
    assert write_if_changed(target, "a") is False
    assert target.stat().st_mtime_ns == stamp
    assert write_if_changed(target, "b") is True and target.read_text(encoding="utf-8") == "b"


# --------------------------------------------------------------------------- issue 21, item 2
# `-o` must never replace a device node, a FIFO or a symbolic link with a renamed file.


def test_a_character_device_is_written_in_place_never_replaced():
    before = os.stat("/dev/null")
    atomic_write("/dev/null", "discarded")
    after = os.lstat("/dev/null")
    import stat

    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_full_device_is_a_message_not_a_replacement():
    import stat

    with pytest.raises(OSError) as err:
        atomic_write("/dev/full", "x" * 10)
    assert err.value.filename == "/dev/full"
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_a_fifo_is_written_in_place(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    atomic_write(fifo, "through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"]
    import stat

    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("make", ["symlink", "folder", "missing-folder", "proc"])
def test_targets_that_are_not_regular_files_are_refused_with_a_message(tmp_path, make):
    from dkg.schema.errors import UnusableInput

    real = tmp_path / "real.txt"
    real.write_text("keep me", encoding="utf-8")
    target = {
        "symlink": tmp_path / "link",
        "folder": tmp_path / "folder",
        "missing-folder": tmp_path / "nowhere" / "out.ttl",
        "proc": "/proc/version",
    }[make]
    if make == "symlink":
        os.symlink(real, target)
    elif make == "folder":
        target.mkdir()
    with pytest.raises(UnusableInput) as err:
        atomic_write(target, "new")
    assert str(target) in str(err.value)
    assert real.read_text(encoding="utf-8") == "keep me"
    if make == "symlink":
        assert os.path.islink(target)
    assert not [p for p in tmp_path.rglob("*.partial")]


def test_export_to_a_device_or_link_through_the_cli(seed_out, tmp_path):
    from .conftest import run_dkg

    link = tmp_path / "link"
    os.symlink(tmp_path / "elsewhere.ttl", link)
    done = run_dkg("export", "--out", str(seed_out), "--format", "ttl", "-o", str(link))
    assert done.returncode == 2 and "symbolic link" in done.stderr and os.path.islink(link)
    full = run_dkg("export", "--out", str(seed_out), "--format", "ttl", "-o", "/dev/full")
    assert full.returncode == 2 and "/dev/full" in full.stderr and "wrote" not in full.stderr
    viz = run_dkg("viz", "--out", str(seed_out), "-o", "/dev/full")
    assert viz.returncode == 2 and "/dev/full" in viz.stderr
