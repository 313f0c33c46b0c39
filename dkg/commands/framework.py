"""The command framework every question on the command line shares: where the store comes from
(`open_store`: the built store in --out, found from any folder inside the project, or a remote
SPARQL endpoint with --endpoint), the table commands are declared in (`Command`, registered by
`register_all`), and the steps every question does alike (`question`: the store, --json, the
printer and --wide, the names and --ids), with the output helpers (`Names`: slugs to the names a
reader knows; `claim_cell`: a claim's label with its whole key beneath it; paging with --limit
and --page). The commands themselves live by job: trace.py (who carries a claim and where it
comes from), entities.py (one entity: profile, timeline, find; contradictions), sparql.py,
ask.py (said-by, document, search), disagreements.py.

An empty answer says so and exits 0, except `find`, which exits 1 when nothing matches; an
unknown or ambiguous name exits 1 with the candidates; a query that does not parse exits 2
with its line and column.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field
from typing import Callable

from dkg.schema.errors import UnusableInput

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
    from dkg.graph.lease import lease_current
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


# --------------------------------------------------------------------------- output helpers


def text_of(args, name: str = "text") -> str:
    value = getattr(args, name)
    return " ".join(value) if isinstance(value, list) else value


def printer(args):
    from dkg.printer import Printer

    return Printer(wide=getattr(args, "wide", False))


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
        import re

        from dkg.queries import api
        from dkg.schema import iris
        from dkg.schema.declarations import SLUG_PATTERN  # not schema.models: a read needs no curated-data models

        slug = re.compile(SLUG_PATTERN)
        # only ids are looked up: a qualifier's text ("cases of desertion") or a date is no entity
        wanted = sorted({s for s in slugs if s and s != "unknown" and s not in self.labels and slug.match(s)})
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
    """A claim as a table cell: its label, and its whole key beneath it (dim) to copy and follow
    up; the key is never broken, with or without --ids."""
    from dkg.printer import whole_cell

    return whole_cell(label, key)


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


def hedge_words(hedges) -> str:
    """Hedges in the words the pages and views use (queries/words.py): unverified -> not
    verified by the outlet, party_to_conflict -> from a party to the war."""
    from dkg.queries.words import HEDGE_WORDS as WORDS

    return ", ".join(WORDS.get(h, h.replace("_", " ")) for h in hedges)


ENTITY_QUALIFIERS = ("place", "equipment")  # the claim qualifiers that name entities; `when` and `group` are text


def qualifier_text(kind: str, value: str, name) -> str:
    """A claim's qualifier as printed: a place or equipment by its name; a group (`cases of
    desertion`) or a time is text, never looked up as an entity."""
    return f"{kind} {name(value) if kind in ENTITY_QUALIFIERS else value}"


def property_label(prop: str) -> str:
    from dkg.schema.vocab import PROPERTIES

    p = PROPERTIES.get(prop)
    return p.label if p else prop.replace("_", " ")


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
