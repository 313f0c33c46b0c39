"""Questions a journalist asks by speaker, by document and by words: said-by, document, search.

- `dkg said-by hur`: everything a person, agency or outlet said, on its own behalf or through a
  spokesperson, and every document that repeated it, with counts per repeating outlet.
- `dkg document 002`: one document's masthead (title, outlet, byline, editor, date, what it
  re-reports and cites, whom it quotes) and its claims, marked hedged, contested, single-origin.
- `dkg search half a million`: claims by the words of their label, printed value, quote or
  remark, and by number however it is printed.
"""

from __future__ import annotations

from .framework import hedge_words, PAGING, Command, Names, claim_cell, dump, empty, open_store, printer, question, register_all, shown, text_of, window, words


def _some(name, documents: list[str], shown: int = 5) -> str:
    """The first documents by name, and how many more (an outlet may carry thousands; --json lists them all)."""
    more = f" and {len(documents) - shown:,} more" if len(documents) > shown else ""
    return name.many(documents[:shown]) + more


REPEATERS_SHOWN = 20  # the outlets that carried most; --limit 0 lists every one (a ministry has thousands at 1M claims)


@question(lambda api, store, args: api.said_by(store, text_of(args), *window(args), most=REPEATERS_SHOWN))
def cmd_said_by(args, answer, out, name) -> int:
    a = answer.agent
    limit, offset = window(args)
    if not answer.items:
        if offset and answer.total:
            return empty(out, f"Page {args.page} is past the end of what {name(a.slug, a.label)} said.")
        return empty(out, f"Nothing in the graph is said by or traced to {name(a.slug, a.label)}.")
    out.heading(
        f"What {name.full(a.slug, a.label)} ({a.type}) said: {answer.claims} claim(s) in {answer.total} appearance(s), "
        f"carried by {answer.repeater_total:,} outlet(s) or document(s)"
    )
    # every name the page prints, in one lookup rather than one per row
    name.preload([x for r in answer.repeaters for x in (r.outlet, *r.documents[:5])] + [x for i in answer.items for x in (i.document, i.outlet, i.speaker)])
    out.table(
        ["repeated by", "appearances", "claims", "documents"],
        [[name(r.outlet, r.label) if r.outlet else f"{r.label} (no outlet named)", r.appearances, r.claims, _some(name, r.documents) if r.outlet else ""] for r in answer.repeaters],
    )
    if answer.repeater_total > len(answer.repeaters):
        out.note(f"the {len(answer.repeaters)} that carried most, of {answer.repeater_total:,}; --limit 0 lists them all")
    out.blank()
    by_doc: dict[str, list] = {}
    for s in answer.items:
        by_doc.setdefault(s.document, []).append(s)
    for doc, said in by_doc.items():
        first = said[0]
        where = ", ".join(x for x in (name(first.outlet, first.outlet_label), first.issued) if x)
        out.heading(name(doc, first.document_title) + (f" ({where})" if where else ""))
        rows = []
        for s in said:
            if s.how == "spokesperson":
                how = f"through {name(s.speaker, s.speaker_label)}"
            elif s.how == "cited":
                how = f"via {name(s.speaker, s.speaker_label)}" if s.speaker else "cited"
            else:
                how = s.how
            if s.stance:  # a stance on the claim, not the claim itself
                how += ", " + s.stance.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            rows.append([how, claim_cell(s.claim_label, s.claim), s.printed or s.quote, hedge_words(s.hedges)])
        out.table(["how", "claim", "printed or quoted", "hedges"], rows)
        out.blank()
    if shown(len(answer.items), offset, answer.total):
        out.note("by document; " + shown(len(answer.items), offset, answer.total))
    return 0


@question(lambda api, store, args: api.document(store, text_of(args)))
def cmd_document(args, doc, out, name) -> int:
    from dkg.printer import styled
    out.heading(doc.title or doc.document.label or doc.document.slug)
    facts = [
        ("id", doc.document.slug),
        ("kind", (doc.kind or "").replace("_", " ")),
        ("outlet", name(doc.outlet, doc.outlet_label) if doc.outlet else "none named in the text"),
        ("byline", ", ".join(doc.authors)),
        ("editor", ", ".join(doc.editors)),
        ("issued by", ", ".join(doc.issued_by)),
        ("date", doc.issued),
        ("re-reports", name.many(doc.rereports)),
        ("draws on", name.many(doc.derived_from)),
        ("cites", name.many(doc.cites)),
        ("quotes", ", ".join(doc.speakers)),
        ("file", doc.file),
    ]
    for k, v in facts:
        if v:
            out.line(styled(f"{k:>11}: ", "dim"), v)
    if not doc.claims:
        out.blank()
        return empty(out, "It carries no claims.")
    out.blank()
    out.heading(
        f"{len({c.claim for c in doc.claims})} claim(s) in {len(doc.claims)} appearance(s): {len(doc.hedged)} hedged, "
        f"{len(doc.contested)} contested, {len(doc.single_origin)} single-origin"
    )
    rows = []
    for c in doc.claims:
        flags = [hedge_words(c.hedges)] if c.hedges else []
        if c.standing == "Contested" or c.status == "Disputed":
            flags.append("contested")
        if c.single_origin:
            flags.append("single-origin")
        who = name(c.speaker, c.speaker_label) + (f" for {name(c.on_behalf_of)}" if c.on_behalf_of else "") if c.speaker else "own voice"
        rows.append([claim_cell(c.claim_label, c.claim), who, c.printed, ", ".join(flags)])
    out.table(["claim", "said by", "printed", "flags"], rows)
    return 0


def _search_page(api, store, args):
    """(the page of matches shown, how many match in all): --json prints the page too."""
    limit, offset = window(args)
    return api.search_page(store, text_of(args), limit or None, offset)


def cmd_search(args) -> int:
    from dkg.queries import api

    store = open_store(args)
    page, total = _search_page(api, store, args)
    if args.json:
        return dump(page)
    out, name = printer(args), Names(store, args.ids)
    text = text_of(args)
    limit, offset = window(args)
    if not page:
        return empty(out, f"Page {args.page} is past the end of the matches." if offset and total else f"No claim's label, printed value, quote or remark holds {text!r}.")
    number = api.parse_number(text)
    out.heading(f"{total:,} claim(s) matching {text!r}" + (f" (also as the number {number:,})" if number is not None else ""))
    name.preload(d for h in page for d in h.documents)  # every document's name in one query
    rows = [[claim_cell(h.claim_label, h.claim), ", ".join(h.matched_in), " | ".join(h.excerpts[:2]), name.many(h.documents)] for h in page]
    out.table(["claim", "found in", "printed or quoted", "documents"], rows)
    if shown(len(page), offset, total):
        out.note("most places matched first; " + shown(len(page), offset, total))
    return 0


COMMANDS = [
    Command(
        "said-by",
        "everything a person, agency or outlet said (itself or through a spokesperson) and every document that repeated it",
        cmd_said_by,
        (words("SPEAKER", "a person, agency or outlet: slug, name, alias or abbreviation in any script"), *PAGING),
    ),
    Command(
        "document",
        "one document: title, outlet, byline, editor, date, what it re-reports and cites, whom it quotes, its claims",
        cmd_document,
        (words("DOCUMENT", "a document id or its unique start (002), or words of its title"),),
    ),
    Command(
        "search",
        "claims by words in their label, printed value, quote or remark, or by a number however printed",
        cmd_search,
        (words("TEXT", "words or a number: tenfold, 500000, 500,000, half a million"), *PAGING),
    ),
]


def register(sub) -> None:
    register_all(sub, COMMANDS)
