"""Subcommands of `dkg`; each module defines register(subparsers)."""

from __future__ import annotations

import os
from pathlib import Path


def project_dir(start: Path | None = None) -> Path | None:
    """The dkg project this folder is in: the nearest folder upwards whose pyproject.toml names
    the dkg project, or that holds both data/ and out/. None outside any project."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        try:
            if pyproject.is_file() and 'name = "dkg"' in pyproject.read_text(encoding="utf-8", errors="replace"):
                return folder
            if (folder / "data").is_dir() and (folder / "out").is_dir():
                return folder
        except OSError:
            continue
    return None


def _in_project(name: str) -> str:
    root = project_dir()
    return str(root / name) if root is not None else name


def add_data(p) -> None:
    p.add_argument(
        "--data",
        default=os.environ.get("DKG_DATA") or _in_project("data"),
        help="curated data directory (default: data/ of the project this folder is in, or $DKG_DATA)",
    )


def add_out(p) -> None:
    p.add_argument(
        "--out",
        default=os.environ.get("DKG_OUT") or _in_project("out"),
        help="build directory (default: out/ of the project this folder is in, or $DKG_OUT)",
    )


def Progress(quiet: bool = False):
    """Step lines on stderr with elapsed time (graph/progress.py), for commands that print
    other things to stderr while they run (serve, bench); build and validate draw bars."""
    from dkg.graph.progress import Steps

    return Steps(quiet=quiet, live=False)
