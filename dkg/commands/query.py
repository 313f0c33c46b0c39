"""The provenance questions on the command line: reported-by, sources, provenance,
corroboration, contradictions, profile, timeline, unverified, find, sparql, queries.

Each command resolves what the user typed, calls the typed API in dkg.queries.api and prints a
readable table or tree, or the same models as JSON with --json. The store is opened in one place,
open_store(), so every command works on the built store (--out) or on a remote SPARQL endpoint
(--endpoint) alike. An empty answer says so and exits 0; an unknown name exits 1 with the
closest matches; a query that does not parse exits 2 with its line and column.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

from . import add_out


def add_store(p) -> None:
    add_out(p)
    p.add_argument(
        "--endpoint",
        default=os.environ.get("DKG_ENDPOINT"),
        help="query a SPARQL 1.1 endpoint (URL) instead of the built store (default: $DKG_ENDPOINT)",
    )


def open_store(args):
    """The one place commands get their store: remote when --endpoint is given, else the build in --out."""
    endpoint = getattr(args, "endpoint", None)
    if endpoint:
        from dkg.graph.remote import RemoteStore

        return RemoteStore(endpoint)
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore

    return OxigraphStore(store_path(args.out), read_only=True)


def _json_flag(p) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def register(sub) -> None:
    p = sub.add_parser("reported-by", help="every claim an outlet or document carries, with dates and quotes")
    p.add_argument("source", metavar="OUTLET_OR_DOC", help="slug, name or alias of an outlet or a document")
    add_store(p)
    _json_flag(p)
    p.set_defaults(func=cmd_reported_by)

    p = sub.add_parser("sources", help="every document and outlet that carries a claim")
    p.add_argument("claim", metavar="CLAIM", help="claim key, e.g. maxim-kuzminov--age--c95e55f3")
    add_store(p)
    _json_flag(p)
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("provenance", help="the chain from each appearance of a claim back to its origin, as a tree")
    p.add_argument("target", metavar="CLAIM_OR_ENTITY_OR_TEXT", help="claim key, entity (every claim about it) or text in claim labels")
    add_store(p)
    _json_flag(p)
    p.set_defaults(func=cmd_provenance)

    p = sub.add_parser("corroboration", help="independent origins per claim; unknown origins never count")
    p.add_argument("--single-origin", action="store_true", help="only claims resting on exactly one known origin")
    p.add_argument("--origin", help="with --single-origin: only claims resting on this origin alone (e.g. hur)")
    add_store(p)
    _json_flag(p)
    p.set_defaults(func=cmd_corroboration)

    p = sub.add_parser("contradictions", help="claims on the same subject and property whose values cannot both hold")
    p.add_argument("--comparable-only", action="store_true", help="leave out pairs that cannot be compared (e.g. currencies with no printed equivalent)")
    add_store(p)
    _json_flag(p)
    p.set_defaults(func=cmd_contradictions)

    p = sub.add_parser("profile", help="everything claimed about an entity, grouped by property, with sources")
    p.add_argument("entity", metavar="ENTITY")
    add_store(p)
    _json_flag(p)
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("timeline", help="an entity's events in date order")
    p.add_argument("entity", metavar="ENTITY")
    add_store(p)
    _json_flag(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("unverified", help="claims an outlet could not verify or attributes only to a party to the conflict")
    p.add_argument(
        "--hedge",
        action="append",
        choices=["unverified", "party_to_conflict", "reportedly", "disputed_by_speaker"],
        help="which hedges to list (repeatable; default: unverified and party_to_conflict)",
    )
    add_store(p)
    _json_flag(p)
    p.set_defaults(func=cmd_unverified)

    p = sub.add_parser("find", help="entities by name or alias, forgiving case, accents and transliteration")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--limit", type=int, default=10)
    add_store(p)
    _json_flag(p)
    p.set_defaults(func=cmd_find)

    p = sub.add_parser("sparql", help="run a SPARQL SELECT or ASK query (text, file, or - for stdin)")
    p.add_argument("query", metavar="QUERY_OR_FILE")
    p.add_argument("--format", "-f", default="table", choices=["table", "json", "csv", "tsv", "xml"])
    p.add_argument(
        "--bind",
        action="append",
        default=[],
        metavar="VAR=VALUE",
        help="bind a variable: <iri>, prefixed name (id:hur, claim:...), or plain text (a string literal)",
    )
    add_store(p)
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser("queries", help="list the bundled queries with their descriptions, or print one")
    p.add_argument("name", nargs="?", help="print this query's SPARQL")
    p.set_defaults(func=cmd_queries)


# --------------------------------------------------------------------------- output helpers


def _dump(model) -> int:
    if isinstance(model, list):
        data = [m.model_dump(mode="json") for m in model]
    else:
        data = model.model_dump(mode="json")
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


def _empty(message: str) -> int:
    print(message)
    return 0


def _table(headers: list[str], rows: list[list], width: int = 70) -> str:
    def cell(v) -> str:
        text = "" if v is None else " ".join(str(v).split())
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(v) for v in r] for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda parts: "  ".join(p.ljust(w) for p, w in zip(parts, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent + "  ")


# --------------------------------------------------------------------------- commands


def cmd_reported_by(args) -> int:
    from dkg.queries import api

    answer = api.reported_by(open_store(args), args.source)
    if args.json:
        return _dump(answer)
    src = answer.source
    if not answer.items:
        return _empty(f"No claims carried by or citing {src.slug} ({src.label}).")
    print(f"Claims reported by {src.label} ({src.slug}, {src.type}): {len(answer.items)} appearance(s)\n")
    rows = [
        [i.how, i.carrier, i.issued or "", i.claim_label or i.claim, i.speaker or "", i.when_printed or "", i.quote or ""]
        for i in answer.items
    ]
    print(_table(["how", "document", "issued", "claim", "speaker", "when printed", "quote"], rows, width=60))
    return 0


def _print_sources(sources, indent: str = "") -> None:
    for s in sources:
        print(f"{indent}- {s.document}" + (f"  {s.document_title}" if s.document_title else ""))
        bits = [
            ("outlet", s.outlet),
            ("issued", s.issued),
            ("speaker", s.speaker),
            ("on behalf of", s.on_behalf_of),
            ("printed", s.printed),
            ("when printed", s.when_printed),
            ("cites", ", ".join(s.cites)),
            ("origin", ", ".join(s.origins)),
            ("hedges", ", ".join(s.hedges)),
        ]
        for k, v in bits:
            if v:
                print(f"{indent}    {k}: {v}")
        if s.quote:
            print(_wrap(f'quote: "{s.quote}"', indent + "    "))
        if s.remark:
            print(_wrap(f"remark: {s.remark}", indent + "    "))


def cmd_sources(args) -> int:
    from dkg.queries import api

    answer = api.sources(open_store(args), args.claim)
    if args.json:
        return _dump(answer)
    print(f"{answer.claim.label}  [{answer.claim.slug}]")
    print(f"{len(answer.sources)} appearance(s):")
    _print_sources(answer.sources, "  ")
    return 0


def _print_docs(nodes, indent: str) -> None:
    for d in nodes:
        who = ", ".join(x for x in (f"issued by {d.issued_by}" if d.issued_by else "", f"outlet {d.outlet}" if d.outlet else "") if x)
        print(f"{indent}└─ {d.relation} {d.document}" + (f": {d.title}" if d.title else "") + (f" ({who})" if who else ""))
        _print_docs(d.upstream, indent + "   ")


def cmd_provenance(args) -> int:
    from dkg.queries import api

    answer = api.provenance(open_store(args), args.target)
    if args.json:
        return _dump(answer)
    if not answer.claims:
        m = answer.matched
        return _empty(f"No claims about {m.slug} ({m.label})." if m else f"No claims match {args.target!r}.")
    if answer.matched is not None and answer.matched.type != "Claim":
        print(f"Provenance of {len(answer.claims)} claim(s) about or naming {answer.matched.label} ({answer.matched.slug})\n")
    elif answer.matched is None:
        print(f"Provenance of {len(answer.claims)} claim(s) whose text matches {args.target!r}\n")
    for cp in answer.claims:
        origins = ", ".join(cp.origins) or "none known"
        unknown = f"; {cp.unknown_appearances} appearance(s) of unknown origin" if cp.unknown_appearances else ""
        print(f"{cp.claim.label}  [{cp.claim.slug}]")
        print(f"  independent origins: {len(cp.origins)} ({origins}){unknown}")
        for app in cp.appearances:
            s = app.source
            said = f" said by {s.speaker}" + (f" for {s.on_behalf_of}" if s.on_behalf_of else "") if s.speaker else " in its own voice"
            print(f"  ├─ {s.document}" + (f" ({s.outlet})" if s.outlet else "") + said)
            if s.printed:
                print(f"  │    printed: {s.printed}")
            if s.quote:
                print(_wrap(f'quote: "{s.quote}"', "  │    "))
            _print_docs(app.cited, "  │    ")
            print(f"  │    origin: {', '.join(s.origins)}")
        print()
    return 0


def cmd_corroboration(args) -> int:
    from dkg.queries import api

    store = open_store(args)
    if args.single_origin or args.origin:
        items = api.single_origin(store, args.origin)
        if args.json:
            return _dump(items)
        if not items:
            return _empty("No claims rest on a single known origin" + (f" {args.origin!r}." if args.origin else "."))
        print(f"{len(items)} claim(s) resting on exactly one known origin:\n")
        rows = [[i.origin, i.appearances, i.unknown_appearances or "", i.claim_label or i.claim] for i in items]
        print(_table(["origin", "appearances", "unknown", "claim"], rows, width=90))
        return 0
    items = api.corroboration(store)
    if args.json:
        return _dump(items)
    if not items:
        return _empty("No claims in the graph.")
    rows = [
        [i.origins, i.unknown_appearances or "", i.appearances, ", ".join(i.origin_list), i.claim_label or i.claim]
        for i in items
    ]
    print("origins: distinct known origins (independent sources); unknown: appearances of unknown origin\n")
    print(_table(["origins", "unknown", "appearances", "origin list", "claim"], rows, width=80))
    return 0


def cmd_contradictions(args) -> int:
    from dkg.queries import api

    items = api.contradictions(open_store(args), include_not_comparable=not args.comparable_only)
    if args.json:
        return _dump(items)
    if not items:
        return _empty("No contradictions found: no two claims on the same subject, property and qualifiers disagree.")
    for c in items:
        quals = ", ".join(f"{k} {v}" for k, v in c.qualifiers.items())
        print(f"{c.verdict.upper()}: {c.subject} · {c.property}" + (f" ({quals})" if quals else ""))
        print(f"  {c.reason}")
        for tag, side in (("A", c.a), ("B", c.b)):
            print(f"  {tag}: {side.value}  [{side.claim}]")
            _print_sources(side.sources, "     ")
        print()
    n = sum(1 for c in items if c.verdict == "contradiction")
    print(f"{n} contradiction(s), {len(items) - n} pair(s) not comparable")
    return 0


def cmd_profile(args) -> int:
    from dkg.queries import api

    answer = api.profile(open_store(args), args.entity)
    if args.json:
        return _dump(answer)
    e = answer.entity
    print(f"{e.label} ({e.slug}, {e.type})")
    if not answer.about and not answer.mentioned_in:
        return _empty("No claims about it.")
    for prop, claims in answer.by_property().items():
        print(f"\n{prop}:")
        for c in claims:
            quals = "".join(f" [{k} {v}]" for k, v in c.qualifiers.items())
            status = f" ({c.status.lower()})" if c.status and c.status != "Accepted" else ""
            print(f"  {c.value}{quals}{status}")
            print(f"      {c.appearances} appearance(s), {c.origins} known origin(s); in {', '.join(c.documents)}")
    if answer.mentioned_in:
        print("\nmentioned in claims about others:")
        for m in answer.mentioned_in:
            print(f"  ({m.role}) {m.claim_label or m.claim}")
    return 0


def cmd_timeline(args) -> int:
    from dkg.queries import api

    answer = api.timeline(open_store(args), args.entity)
    if args.json:
        return _dump(answer)
    e = answer.entity
    if not answer.entries:
        return _empty(f"No events or dated claims for {e.label} ({e.slug}).")
    print(f"Timeline of {e.label} ({e.slug})\n")
    rows = [[t.date or "undated", t.how, t.event_label or t.event or "", t.claim_label or ""] for t in answer.entries]
    print(_table(["date", "how", "event", "claim"], rows, width=70))
    return 0


def cmd_unverified(args) -> int:
    from dkg.queries import api

    hedges = tuple(args.hedge) if args.hedge else api.DEFAULT_HEDGES
    items = api.unverified(open_store(args), hedges)
    if args.json:
        return _dump(items)
    if not items:
        return _empty(f"No claims hedged as {', '.join(hedges)}.")
    print(f"{len(items)} appearance(s) hedged as {' or '.join(hedges)}:\n")
    rows = [[h.document, ", ".join(h.hedges), h.speaker or "", h.claim_label or h.claim, h.quote or ""] for h in items]
    print(_table(["document", "hedges", "speaker", "claim", "quote"], rows, width=60))
    return 0


def cmd_find(args) -> int:
    from dkg.queries import api

    hits = api.find(open_store(args), args.text, limit=args.limit)
    if args.json:
        return _dump(hits)
    if not hits:
        return _empty(f"Nothing is called anything like {args.text!r}.")
    rows = [[f"{h.score:.2f}", h.slug, h.type, h.label, h.matched if h.matched != h.label else ""] for h in hits]
    print(_table(["score", "slug", "type", "name", "matched"], rows))
    return 0


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


def cmd_sparql(args) -> int:
    from dkg.schema.errors import UnusableInput

    source = args.query
    if source == "-":
        text = sys.stdin.read()
    elif source.endswith(".rq") or (len(source) < 4096 and "\n" not in source and Path(source).is_file()):
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise UnusableInput(f"{source}: cannot read: {exc}") from exc
    else:
        text = source
    bindings = dict(_parse_binding(b) for b in args.bind)
    result = open_store(args).query(text, bindings=bindings or None)
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
        if result.boolean is None and not result.rows:
            print("No results.")
            return 0
        print(result.to_table())
        if result.boolean is None:
            print(f"\n{len(result.rows)} row(s)", file=sys.stderr)
    return 0


def cmd_queries(args) -> int:
    from dkg.queries import library

    if args.name:
        print(library.load(args.name).text, end="")
        return 0
    for q in library.all_queries():
        params = " ".join(f"?{p.name}" for p in q.params)
        print(f"{q.name}" + (f"  ({params})" if params else ""))
        print(_wrap(q.description, "    "))
    return 0
