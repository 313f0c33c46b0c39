"""The `dkg` command. Each module in dkg/commands registers its own subcommands, so features
do not edit one shared file. Results go to stdout, progress and errors to stderr. Exit codes:
0 success, 1 data problems or nothing found by that name, 2 unusable input or a query that
does not parse."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from . import commands
from .schema.errors import DkgError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dkg",
        description="Knowledge graph of military defectors, the claims made about them and their sources.",
    )
    parser.add_argument("--version", action="version", version="dkg 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except DkgError as exc:
        print(f"dkg {args.command}: {exc}" if "\n" not in str(exc) else str(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; nothing was half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
