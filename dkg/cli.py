"""The `dkg` command. Each module in dkg/commands registers its own subcommands, so features
do not edit one shared file. Results go to stdout, progress and errors to stderr, every message
with control and bidi characters escaped (data and file names are untrusted). Exit codes are
EXIT_CODES below: a crash has its own code, so scripts can tell a bug in dkg from bad data."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import pkgutil
import sys
import traceback

from . import __version__, commands
from .schema.errors import DkgError
from .schema.text import for_terminal, for_terminal_lines

INTERNAL_ERROR = 3
EXIT_CODES = (
    "Exit codes: 0 success; 1 data problems, or nothing found by that name (with suggestions); "
    "2 unusable input, a query that does not parse, or a disk that is full or not writable; 3 an internal error (a bug in dkg: run again "
    "with `dkg --debug ...` for the traceback and report it)."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dkg",
        description="Knowledge graph of military defectors, the claims made about them and their sources.",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"dkg {__version__}")
    parser.add_argument("--debug", action="store_true", help="on an internal error, show the traceback")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def _unknown_command(parser: argparse.ArgumentParser, argv: list[str]) -> str | None:
    """"unknown command 'profil'; did you mean profile?" for a mistyped command, else None."""
    import difflib

    words = [a for a in argv if not a.startswith("-")]
    if not words or argv[: argv.index(words[0])] not in ([], ["--debug"]):
        return None
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if words[0] in sub.choices:
        return None
    close = difflib.get_close_matches(words[0], list(sub.choices), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; `dkg --help` lists the commands"
    return for_terminal(f"dkg: unknown command {words[0]!r}{hint}")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    message = _unknown_command(parser, sys.argv[1:] if argv is None else list(argv))
    if message:
        print(message, file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except DkgError as exc:
        text = for_terminal_lines(exc)
        print(f"dkg {args.command}: {text}" if "\n" not in text else text, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; nothing was half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        if exc.errno not in _ENVIRONMENT_ERRNOS:
            return _internal_error(args, exc)
        # the machine, not dkg: a full disk, a read-only or forbidden place
        where = f": {exc.filename}" if exc.filename else ""
        print(for_terminal(f"dkg {args.command}: {exc.strerror}{where}"), file=sys.stderr)
        return 2
    except Exception as exc:  # a bug in dkg, not in the user's input: its own exit code
        return _internal_error(args, exc)


_ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS}


def _internal_error(args, exc: BaseException) -> int:
    if args.debug:
        traceback.print_exception(exc)
    detail = for_terminal(f"{type(exc).__name__}: {exc}")[:500]
    hint = "" if args.debug else "; run with --debug for the traceback"
    print(f"dkg {args.command}: internal error: {detail}{hint}", file=sys.stderr)
    return INTERNAL_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
