"""Subcommands of `dkg`; each module defines register(subparsers)."""

from __future__ import annotations

import os
import sys
import time


def add_data(p) -> None:
    p.add_argument("--data", default=os.environ.get("DKG_DATA", "data"), help="curated data directory (default: data, or $DKG_DATA)")


def add_out(p) -> None:
    p.add_argument("--out", default=os.environ.get("DKG_OUT", "out"), help="build directory (default: out, or $DKG_OUT)")


class Progress:
    """Step lines on stderr with elapsed time, so long work never looks stuck."""

    def __init__(self, quiet: bool = False):
        self.quiet, self.start = quiet, time.perf_counter()

    def __call__(self, step: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.start:6.1f}s] {step}", file=sys.stderr, flush=True)
