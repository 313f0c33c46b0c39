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
