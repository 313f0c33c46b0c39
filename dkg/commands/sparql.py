"""Any SPARQL: `dkg sparql` (text, a file, a bundled query's name or stdin; values bound with
--bind, never pasted) and `dkg queries` (the bundled questions, each printable with its PREFIX
lines for any SPARQL client).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .framework import (
    Command,
    arg,
    empty,
    open_store,
    printer,
    register_all,
)


def _parse_binding(text: str):
    from dkg.graph.results import Term
    from dkg.schema.errors import UnusableInput
    from dkg.schema.iris import PREFIXES

    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not name.replace("_", "a").isalnum():
        raise UnusableInput(f"--bind {text!r}: write VAR=VALUE")
    if value.startswith("<") and value.endswith(">"):
        return name, Term.uri(value[1:-1])
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and " " not in local:
        return name, Term.uri(PREFIXES[prefix] + local)
    return name, Term.literal(value)


def _query_text(source: str) -> str:
    """`-` (stdin), a bundled query's name, a file, or SPARQL text. A name is only probed as a
    file when it could be one (short, one line, no braces): a long query is never a file name,
    and Path(long text).is_file() raises OSError rather than answering False."""
    from dkg.graph.binding import query_form
    from dkg.queries import library
    from dkg.schema.errors import UnusableInput

    if source == "-":
        return sys.stdin.read()
    looks_like_query = query_form(source) is not None or any(c in source for c in "{}\n")
    if not looks_like_query:
        if source.removesuffix(".rq").replace("-", "_") in library.names():
            return library.load(source).text
        path = Path(source)
        try:
            is_file = len(source) < 1024 and path.is_file()
        except (OSError, ValueError):
            is_file = False
        if is_file:
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise UnusableInput(f"{source}: cannot read: {exc}") from exc
        if source.endswith(".rq"):
            raise UnusableInput(f"{source}: no such query file or bundled query")
    return source


def _listing_query(source: str) -> str | None:
    """The bundled question `source` names when it reads a stored listing a page at a time
    (its ?page parameter), else None."""
    from dkg.queries import library, listings

    name = source.removesuffix(".rq").replace("-", "_")
    if name in listings.QUERY_REPORT and name in library.names() and not Path(source).is_file():
        return name
    return None


def _first_page(store, name: str, bindings: dict) -> None:
    """Bind ?page to the pages of the first rows of the report (a whole-graph report is
    hundreds of thousands of rows at a million claims), and say so on stderr."""
    from dkg.queries import listings

    pages, size = listings.first_pages(store, name)
    if not pages:
        return
    bindings["page"] = pages
    if size > listings.PAGE:
        following = listings.pages_of(store, listings.QUERY_REPORT[name], listings.sections(name), listings.PAGE, listings.PAGE)[0]
        print(
            f"the first page ({listings.PAGE} rows) of {size:,}; --bind page=<{following[0].value}> "
            "for the next, --all for every row",
            file=sys.stderr,
        )


def cmd_sparql(args) -> int:
    from dkg.graph.binding import query_form

    text = _query_text(args.query)
    bindings = dict(_parse_binding(b) for b in args.bind)
    store = open_store(args)
    listing = None if args.all or "page" in bindings else _listing_query(args.query)
    if listing:
        _first_page(store, listing, bindings)
    if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
        sys.stdout.write(store.construct(text, bindings=bindings or None))
        return 0
    result = store.query(text, bindings=bindings or None)
    fmt = args.format
    if fmt == "json":
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        sys.stdout.write(result.to_csv())
    elif fmt == "tsv":
        sys.stdout.write(result.to_tsv())
    elif fmt == "xml":
        sys.stdout.write(result.to_xml())
    else:
        out = printer(args)
        if result.boolean is not None:
            out.line("yes" if result.boolean else "no")
            return 0
        if not result.rows:
            return empty(out, "No results.")
        from dkg.schema.iris import local_name

        def show(t):
            if t is None:
                return ""
            return t.value if args.ids or t.type != "uri" else local_name(t.value)

        out.table(result.vars, [[show(row.get(v)) for v in result.vars] for row in result.rows])
        print(f"{len(result.rows)} row(s)", file=sys.stderr)
    return 0


def cmd_queries(args) -> int:
    from dkg.queries import library

    if args.name:
        print(library.load(args.name).portable_text, end="")
        return 0
    out = printer(args)
    out.table(["query", "parameters", "what it answers"], [[q.name, " ".join(f"?{p.name}" for p in q.params), q.description] for q in library.all_queries()])
    return 0


COMMANDS = [
    Command(
        "sparql",
        "run a SPARQL query (text, file, bundled query name, or - for stdin); CONSTRUCT and DESCRIBE print Turtle",
        cmd_sparql,
        (
            arg("query", metavar="QUERY_OR_FILE"),
            arg("--format", "-f", default="table", choices=["table", "json", "csv", "tsv", "xml"], help="how SELECT and ASK results are printed"),
            arg(
                "--bind",
                action="append",
                default=[],
                metavar="VAR=VALUE",
                help="bind a variable: <iri>, prefixed name (id:hur, claim:...), or plain text (a string literal)",
            ),
            arg("--all", action="store_true", help="a bundled report (corroboration, disagreements ...) whole, not its first page"),
        ),
        json=False,
    ),
    Command(
        "queries",
        "list the bundled queries with their descriptions, or print one with its PREFIX lines",
        cmd_queries,
        (arg("name", nargs="?", help="print this query's SPARQL, ready for any SPARQL client"),),
        store=False,
        json=False,
    ),
]


def register(sub) -> None:
    register_all(sub, COMMANDS)
