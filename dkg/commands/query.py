"""The provenance questions on the command line: reported-by, sources, provenance,
corroboration, contradictions, profile, timeline, unverified, find, sparql, queries.

Each command resolves what the user typed, calls the typed API in dkg.queries.api and prints a
readable table or tree through dkg.printer (names rather than slugs, `--ids` to add the slugs,
`--wide` for whole cells), or the same models as JSON with --json. Commands are declared in a
table (`COMMANDS`) and registered by one loop; other command modules use the same `Command`,
and the steps every question shares (store, --json, printer, names) are in `question`.
The store is opened in one place, open_store(), so every command works on the built store
(--out, found from any folder inside the project) or on a remote SPARQL endpoint (--endpoint)
alike. An empty answer says so and exits 0, except `find`, which exits 1 when nothing matches;
an unknown name exits 1 with the closest matches; a query that does not parse exits 2 with its
line and column.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dkg.schema.errors import UnusableInput
from dkg.schema.models import SLUG_RE

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
    from dkg.graph.build import lease_current
    from dkg.graph.store import OxigraphStore

    # hold a lease on the build for as long as this process reads it, so a build running at the
    # same moment cannot prune it underneath (the lease goes with the process)
    lease = lease_current(args.out)
    store = OxigraphStore(lease.build / "store", read_only=True)
    store.lease = lease
    return store


# --------------------------------------------------------------------------- the command table


def arg(*flags: str, **kwargs) -> tuple[tuple[str, ...], dict]:
    return flags, kwargs


def words(metavar: str, help: str) -> tuple[tuple[str, ...], dict]:
    """A positional argument of one or more words, so names need no quotes: `find Maksim Kuzminov`."""
    return arg("text", metavar=metavar, nargs="+", help=help)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    func: Callable
    args: tuple = ()
    store: bool = True  # --out and --endpoint
    json: bool = True  # --json
    table: bool = True  # --wide and --ids
    description: str | None = None
    extra: dict = field(default_factory=dict)


def register_all(sub, commands: list[Command]) -> None:
    for c in commands:
        p = sub.add_parser(c.name, help=c.help, description=c.description)
        for flags, kwargs in c.args:
            p.add_argument(*flags, **kwargs)
        if c.store:
            add_store(p)
        if c.json:
            p.add_argument("--json", action="store_true", help="print JSON instead of a table")
        if c.table:
            p.add_argument("--wide", action="store_true", help="print every cell whole on one line instead of fitting the terminal")
            p.add_argument("--ids", action="store_true", help="show ids (slugs) beside names")
        p.set_defaults(func=c.func)


def register(sub) -> None:
    register_all(sub, COMMANDS)


# --------------------------------------------------------------------------- output helpers


def text_of(args, name: str = "text") -> str:
    value = getattr(args, name)
    return " ".join(value) if isinstance(value, list) else value


def printer(args):
    from dkg.printer import Printer

    return Printer(wide=getattr(args, "wide", False))


ENTITY_QUALIFIERS = ("place", "equipment")  # the claim qualifiers that name entities; `when` and `group` are text


class Names:
    """slug -> a name to print (or "Name (slug)" with --ids). A label longer than a table column
    gives way to its shortest alias (HUR for the Main Intelligence Directorate ...)."""

    LONG = 32

    def __init__(self, store, ids: bool = False):
        self.store = store
        self.labels: dict[str, str | None] = {}
        self.ids = ids

    def _load(self, slugs) -> None:
        """Read the names of the slugs not seen yet, in one index lookup."""
        from dkg.queries import api
        from dkg.schema import iris

        # only ids are looked up: a qualifier's text ("cases of desertion") or a date is no entity
        wanted = sorted({s for s in slugs if s and s != "unknown" and s not in self.labels and SLUG_RE.match(s)})
        if not wanted:
            return
        names: dict[str, str] = {}
        aliases: dict[str, list[str]] = {}
        for row in api.entity_names(self.store, [iris.entity(s) for s in wanted]):
            if row.name_kind == "name":
                names[row.slug] = row.name
            elif row.name_kind == "alias" and len(row.name) >= 3:
                aliases.setdefault(row.slug, []).append(row.name)
        for slug in wanted:
            label = names.get(slug)
            if label and len(label) > self.LONG and aliases.get(slug):
                label = min(aliases[slug], key=lambda a: (len(a), a))
            self.labels[slug] = label

    def preload(self, slugs) -> None:
        """Read the names of all these slugs at once, before a table asks for them row by row."""
        self._load(list(slugs))

    def label(self, slug: str) -> str | None:
        self._load([slug])
        return self.labels.get(slug)

    def __call__(self, slug: str | None, label: str | None = None) -> str:
        if not slug:
            return ""
        if slug == "unknown":
            return "unknown origin"
        name = self.label(slug) or label
        if not name:
            return slug
        return f"{name} ({slug})" if self.ids and name != slug else name

    def many(self, slugs) -> str:
        slugs = list(slugs)
        self._load(slugs)
        return ", ".join(self(s) for s in slugs)

    def full(self, slug: str, label: str | None) -> str:
        """For headings: the whole label, with the short name (and the slug with --ids)."""
        short = self.label(slug)
        label = label or short or slug
        extra = [x for x in (short if short and short != label else None, slug if self.ids and slug != label else None) if x]
        return f"{label} ({', '.join(extra)})" if extra else label


def claim_cell(label: str | None, key: str):
    """A claim as a table cell: its label, and its key beneath it (dim) to follow it up."""
    from dkg.printer import cell

    text = cell(label or key)
    if label:
        text.append("\n")
        text.append_text(cell(key))
        text.stylize("dim", len(text) - len(key), len(text))
    return text


def dump(model) -> int:
    if isinstance(model, list):
        data = [m.model_dump(mode="json") for m in model]
    else:
        data = model.model_dump(mode="json")
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


def question(fetch: Callable):
    """Make a command of a function that prints one answer: `fetch(api, store, args)` asks
    dkg.queries.api, and the decorated `render(args, answer, out, name)` prints what it got.
    What every question does alike is here once: the store (built or remote), --json (the
    answer's models as JSON instead of a table), the printer (--wide) and the names (--ids)."""

    def make(render: Callable) -> Callable:
        @functools.wraps(render)
        def command(args) -> int:
            from dkg.queries import api

            store = open_store(args)
            answer = fetch(api, store, args)
            if args.json:
                return dump(answer)
            return render(args, answer, printer(args), Names(store, args.ids))

        return command

    return make


def empty(out, message: str) -> int:
    out.line(message)
    return 0


def property_label(prop: str) -> str:
    from dkg.schema.vocab import PROPERTIES

    p = PROPERTIES.get(prop)
    return p.label if p else prop.replace("_", " ")


# --------------------------------------------------------------------------- commands


@question(lambda api, store, args: api.reported_by(store, text_of(args)))
def cmd_reported_by(args, answer, out, name) -> int:
    src = answer.source
    if not answer.items:
        return empty(out, f"No claims carried by or citing {name(src.slug, src.label)}.")
    out.heading(f"Claims reported by {name.full(src.slug, src.label)} ({src.type}): {len(answer.items)} appearance(s)")
    rows = [
        [i.how, name(i.carrier), i.issued, claim_cell(i.claim_label, i.claim), name(i.speaker), i.quote]
        for i in answer.items
    ]
    out.table(["how", "document", "issued", "claim", "said by", "quote"], rows)
    return 0


def _source_branches(out, tree, s, name) -> None:
    from dkg.printer import styled

    node = out.branch(tree, styled(name(s.document, s.document_title), "bold"))
    bits = [
        ("outlet", name(s.outlet)),
        ("issued", s.issued),
        ("said by", name(s.speaker) + (f" for {name(s.on_behalf_of)}" if s.on_behalf_of else "") if s.speaker else ""),
        ("printed", s.printed),
        ("when printed", s.when_printed),
        ("quote", f"“{s.quote}”" if s.quote else ""),
        ("remark", s.remark),
        ("cites", name.many(s.cites)),
        ("origin", name.many(s.origins)),
        ("hedges", ", ".join(h.replace("_", " ") for h in s.hedges)),
    ]
    for k, v in bits:
        if v:
            out.branch(node, styled(f"{k}: ", "dim"), v)


@question(lambda api, store, args: api.sources(store, text_of(args)))
def cmd_sources(args, answer, out, name) -> int:
    tree = out.tree(f"{answer.claim.label}  [{answer.claim.slug}]")
    out.branch(tree, f"{len(answer.sources)} appearance(s)", style="dim")
    for s in answer.sources:
        _source_branches(out, tree, s, name)
    out.print_tree(tree)
    return 0


def _doc_branches(out, parent, nodes, name) -> None:
    for d in nodes:
        who = ", ".join(x for x in (f"issued by {name(d.issued_by)}" if d.issued_by else "", f"outlet {name(d.outlet)}" if d.outlet else "") if x)
        label = name(d.document, d.title)
        node = out.branch(parent, f"{d.relation.replace('_', ' ')} {label}" + (f" ({who})" if who else ""))
        _doc_branches(out, node, d.upstream, name)


def cmd_provenance(args) -> int:
    from dkg.printer import styled
    from dkg.queries import api
    from dkg.queries.disagreements import KIND_WORDS

    store = open_store(args)
    target = text_of(args, "target")
    answer = api.provenance(store, target)
    if args.json:
        return dump(answer)
    out, name = printer(args), Names(store, args.ids)
    m = answer.matched
    if not answer.claims:
        return empty(out, f"No claims about {name(m.slug, m.label)}." if m else f"No claims match {target!r}.")
    if m is not None and m.type != "Claim":
        out.heading(f"Provenance of {len(answer.claims)} claim(s) about or naming {name(m.slug, m.label)}")
    elif m is None:
        out.heading(f"Provenance of {len(answer.claims)} claim(s) whose words match {target!r}")
    for cp in answer.claims:
        tree = out.tree(styled(f"{cp.claim.label}  [{cp.claim.slug}]", "bold"))
        unknown = f"; {cp.unknown_appearances} appearance(s) of unknown origin" if cp.unknown_appearances else ""
        out.branch(tree, f"independent origins: {len(cp.origins)} ({name.many(cp.origins) or 'none known'}){unknown}")
        stances_on = cp.stances
        if stances_on:  # what other sources say about it: contested, confirmed, unverified
            node = out.branch(tree, styled(f"{(stances_on[0].standing or 'stances').lower()}: ", "bold red" if stances_on[0].standing == "Contested" else "bold"))
            for s in stances_on:
                who = s.speaker_name or s.origin_name or s.origin
                out.branch(node, f"{s.kind} by {who} in {name(s.document, s.document_title)}" + (f": “{s.quote}”" if s.quote else ""))
        for d in cp.disagreements:
            out.branch(tree, styled(f"{KIND_WORDS[d.kind]}" + (f" ({', '.join(d.reasons)})" if d.reasons else "") + " with: ", "yellow"), f"{d.other.value}  [{d.other.claim}]")
        for app in cp.appearances:
            s = app.source
            said = f" said by {name(s.speaker)}" + (f" for {name(s.on_behalf_of)}" if s.on_behalf_of else "") if s.speaker else " in its own voice"
            node = out.branch(tree, styled(name(s.document, s.document_title), "bold"), (f" ({name(s.outlet)})" if s.outlet else "") + said)
            if s.printed:
                out.branch(node, styled("printed: ", "dim"), s.printed)
            if s.quote:
                out.branch(node, styled("quote: ", "dim"), f"“{s.quote}”")
            _doc_branches(out, node, app.cited, name)
            out.branch(node, styled("origin: ", "dim"), name.many(s.origins))
        out.print_tree(tree)
        out.blank()
    return 0


def cmd_corroboration(args) -> int:
    from dkg.queries import api

    store = open_store(args)
    limit, offset = window(args)
    if args.single_origin or args.origin:
        items = api.single_origin(store, args.origin, limit, offset)
        if args.json:
            return dump(items)
        out, name = printer(args), Names(store, args.ids)
        if not items:
            if offset:
                return empty(out, f"Page {args.page} is past the end of the report.")
            return empty(out, "No claims rest on a single known origin" + (f" {args.origin!r}." if args.origin else "."))
        total = api.single_origin_total(store, args.origin)
        out.heading(f"{total:,} claim(s) resting on exactly one known origin")
        rows = [[name(i.origin, i.origin_label), i.appearances, i.unknown_appearances or "", claim_cell(i.claim_label, i.claim)] for i in items]
        out.table(["origin", "appearances", "unknown", "claim"], rows)
        if shown(len(items), offset, total):
            out.note(shown(len(items), offset, total))
        return 0
    items = api.corroboration(store, limit, offset)
    if args.json:
        return dump(items)
    out, name = printer(args), Names(store, args.ids)
    if not items:
        return empty(out, f"Page {args.page} is past the end of the report." if offset else "No claims in the graph.")
    total = api.listings.total(store, "corroboration", "all")
    out.note("origins: distinct known origins (independent sources); unknown: appearances of unknown origin")
    if shown(len(items), offset, total):
        out.note("most corroborated first; " + shown(len(items), offset, total))
    rows = [[i.origins, i.unknown_appearances or "", i.appearances, name.many(i.origin_list), claim_cell(i.claim_label, i.claim)] for i in items]
    out.table(["origins", "unknown", "appearances", "origin list", "claim"], rows)
    return 0


@question(lambda api, store, args: api.contradictions(store, include_not_comparable=not args.comparable_only))
def cmd_contradictions(args, items, out, name) -> int:
    from dkg.printer import styled
    if not items:
        return empty(
            out,
            "No contradictions found: no two claims of the same scope and time cannot both hold. "
            "`dkg disagreements` shows where sources differ and why (a different time or scope, a rule against an instance).",
        )
    for c in items:
        quals = ", ".join(f"{k} {name(v)}" for k, v in c.qualifiers.items())
        style = "bold red" if c.verdict == "contradiction" else "bold yellow"
        tree = out.tree(styled(f"{c.verdict.upper()}: {name(c.subject)} · {property_label(c.property)}" + (f" ({quals})" if quals else ""), style))
        out.branch(tree, c.reason, style="dim")
        for tag, side in (("A", c.a), ("B", c.b)):
            node = out.branch(tree, f"{tag}: {side.value}  [{side.claim}]")
            for a in side.appearances:
                said = f", said by {a.speaker_name or a.speaker}" if a.speaker else ""
                printed = f"printed \u201c{a.printed}\u201d, " if a.printed else ""
                leaf = out.branch(node, f"{printed}in {a.document_title or a.document} ({a.document}){said}; origin: {a.origin_name or a.origin}")
                if a.quote:
                    out.branch(leaf, f"\u201c{a.quote}\u201d", style="dim")
        out.print_tree(tree)
        out.blank()
    n = sum(1 for c in items if c.verdict == "contradiction")
    out.line(f"{n} contradiction(s), {len(items) - n} pair(s) not comparable")
    return 0


@question(lambda api, store, args: api.profile(store, text_of(args, "entity")))
def cmd_profile(args, answer, out, name) -> int:
    e = answer.entity
    out.heading(f"{name.full(e.slug, e.label)} ({e.type})")
    if not answer.about and not answer.mentioned_in:
        return empty(out, "No claims about it.")
    rows = []
    for prop, claims in answer.by_property().items():
        for i, c in enumerate(claims):
            quals = "; ".join(f"{k} {name(v) if k in ENTITY_QUALIFIERS else v}" for k, v in c.qualifiers.items())
            status = c.status.lower() if c.status and c.status != "Accepted" else ""
            value = claim_cell(c.value + (f" ({quals})" if quals else "") + (f" [{status}]" if status else ""), c.claim)
            rows.append([property_label(prop) if i == 0 else "", value, f"{c.appearances} in {len(c.documents)} doc(s), {c.origins} origin(s)"])
    if rows:
        out.table(["property", "value and claim key", "sources"], rows)
    if answer.mentioned_in:
        out.blank()
        out.heading("Mentioned in claims about others")
        out.table(["as", "claim"], [[m.role, claim_cell(m.claim_label, m.claim)] for m in answer.mentioned_in])
    return 0


@question(lambda api, store, args: api.timeline(store, text_of(args, "entity")))
def cmd_timeline(args, answer, out, name) -> int:
    e = answer.entity
    if not answer.entries:
        return empty(out, f"No events or dated claims for {name(e.slug, e.label)}.")
    out.heading(f"Timeline of {name.full(e.slug, e.label)}")
    rows = [
        [(t.date + " (inferred)" if t.rule else t.date) if t.date else "undated", t.how, name(t.event, t.event_label), claim_cell(t.claim_label, t.claim) if t.claim else ""]
        for t in answer.entries
    ]
    out.table(["date", "how", "event", "claim"], rows)
    rules = sorted({t.rule for t in answer.entries if t.rule})
    if rules:
        out.note("inferred dates, each resolved from the time the text prints and the document's date: " + "; ".join(rules))
    return 0


def _hedges(args, api) -> tuple:
    return tuple(args.hedge) if args.hedge else api.DEFAULT_HEDGES


@question(lambda api, store, args: api.unverified(store, _hedges(args, api), *window(args)))
def cmd_unverified(args, items, out, name) -> int:
    from dkg.queries import api

    hedges = _hedges(args, api)
    store = name.store
    limit, offset = window(args)
    if not items:
        return empty(out, f"Page {args.page} is past the end of the report." if offset else f"No claims hedged as {', '.join(hedges)}.")
    total, exact = api.hedged_total(store, hedges)
    whole = offset == 0 and (limit is None or len(items) < limit)  # every matching row is shown
    n = len(items) if whole else (total if exact else None)
    kinds = " or ".join(h.replace("_", " ") for h in hedges)
    out.heading(f"{n:,} appearance(s) hedged as {kinds}" if n is not None else f"Appearances hedged as {kinds}")
    if not whole:
        out.note("by document; " + shown(len(items), offset, total, exact))
    rows = [[name(h.document), ", ".join(x.replace("_", " ") for x in h.hedges), name(h.speaker), claim_cell(h.claim_label, h.claim), h.quote] for h in items]
    out.table(["document", "hedges", "said by", "claim", "quote"], rows)
    return 0


def cmd_find(args) -> int:
    from dkg.queries import api

    store = open_store(args)
    text = text_of(args)
    hits = api.find(store, text, limit=args.limit)
    if args.json:
        dump(hits)
        return 0 if hits else 1
    if not hits:
        from dkg.printer import for_terminal

        from dkg.queries.resolve import suggest

        close = suggest(store, text)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        print(f"dkg find: nothing is called anything like {for_terminal(text)!r}{for_terminal(hint)}", file=sys.stderr)
        return 1
    out = printer(args)
    rows = [[h.label, h.type, h.matched if h.matched != h.label else "", f"{h.score:.2f}", h.slug] for h in hits]
    out.table(["name", "type", "matched", "score", "id"], rows)
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


def cmd_sparql(args) -> int:
    from dkg.graph.binding import query_form

    text = _query_text(args.query)
    bindings = dict(_parse_binding(b) for b in args.bind)
    store = open_store(args)
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


HEDGES = ["unverified", "party_to_conflict", "reportedly", "disputed_by_speaker"]
# whole-graph reports are read a page of the build's stored listing at a time (queries/listings.py)
PAGING = (
    arg("--limit", type=int, default=50, help="rows to show (default 50; 0: all)"),
    arg("--page", type=int, default=1, help="which page of --limit rows (default 1)"),
)


def window(args) -> tuple[int | None, int]:
    """(limit or None for all, offset) from --limit and --page."""
    if args.limit < 0 or args.page < 1:
        raise UnusableInput("--limit takes 0 (all) or a positive number, --page a positive number")
    limit = args.limit or None
    return limit, (args.page - 1) * (limit or 0)


def shown(count: int, offset: int, total: int, exact: bool = True) -> str:
    """"rows 51-100 of 54,616; --page 3 for more" when a report is longer than one page."""
    if count == 0 or (offset == 0 and count >= total and exact):
        return ""
    more = "; --page N for more, --limit 0 for all" if offset + count < total else ""
    of = f"of {total:,}" if exact else f"of at most {total:,}"
    return f"rows {offset + 1:,}-{offset + count:,} {of}{more}"

COMMANDS = [
    Command(
        "reported-by",
        "every claim an outlet or document carries, with dates and quotes",
        cmd_reported_by,
        (words("OUTLET_OR_DOC", "slug, name or alias of an outlet or a document"),),
    ),
    Command(
        "sources",
        "every document and outlet that carries a claim",
        cmd_sources,
        (words("CLAIM", "claim key or its unique start (maxim-kuzminov--age), or words or a number that match one claim"),),
    ),
    Command(
        "provenance",
        "the chain from each appearance of a claim back to its origin, as a tree",
        cmd_provenance,
        (arg("target", metavar="CLAIM_OR_ENTITY_OR_TEXT", nargs="+", help="claim key, entity (every claim about it), or words or a number in claims"),),
    ),
    Command(
        "corroboration",
        "independent origins per claim; unknown origins never count",
        cmd_corroboration,
        (
            arg("--single-origin", action="store_true", help="only claims resting on exactly one known origin"),
            arg("--origin", help="with --single-origin: only claims resting on this origin alone (e.g. hur)"),
            *PAGING,
        ),
    ),
    Command(
        "contradictions",
        "claims on the same subject and property whose values cannot both hold",
        cmd_contradictions,
        (arg("--comparable-only", action="store_true", help="leave out pairs that cannot be compared (e.g. currencies with no printed equivalent)"),),
    ),
    Command("profile", "everything claimed about an entity, grouped by property, with sources", cmd_profile, (arg("entity", metavar="ENTITY", nargs="+"),)),
    Command("timeline", "an entity's events in date order", cmd_timeline, (arg("entity", metavar="ENTITY", nargs="+"),)),
    Command(
        "unverified",
        "claims an outlet could not verify or attributes only to a party to the conflict",
        cmd_unverified,
        (arg("--hedge", action="append", choices=HEDGES, help="which hedges to list (repeatable; default: unverified and party_to_conflict)"), *PAGING),
    ),
    Command(
        "find",
        "entities by name or alias in any script, forgiving case, accents and transliteration (exit 1: nothing found)",
        cmd_find,
        (words("NAME", "a name, alias, surname or abbreviation, in any script; several words need no quotes"), arg("--limit", type=int, default=10)),
    ),
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
