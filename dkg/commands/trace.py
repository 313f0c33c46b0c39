"""Where a claim comes from and who carries it: reported-by, sources, provenance, corroboration,
unverified. Each resolves what the user typed, asks dkg.queries.api and prints a table or tree
through dkg.printer (framework.py has what they share), or the same models as JSON with --json.
"""

from __future__ import annotations

from .framework import (
    HEDGES,
    PAGING,
    Command,
    Names,
    arg,
    claim_cell,
    dump,
    empty,
    hedge_words,
    open_store,
    printer,
    question,
    register_all,
    shown,
    text_of,
    window,
    words,
)


@question(lambda api, store, args: api.reported_by(store, text_of(args), *window(args)))
def cmd_reported_by(args, answer, out, name) -> int:
    src = answer.source
    limit, offset = window(args)
    if not answer.items:
        if offset and answer.total:
            return empty(out, f"Page {args.page} is past the end of what {name(src.slug, src.label)} carries.")
        return empty(out, f"No claims carried by or citing {name(src.slug, src.label)}.")
    out.heading(f"Claims reported by {name.full(src.slug, src.label)} ({src.type}): {answer.total} appearance(s)")
    name.preload([i.carrier for i in answer.items] + [i.speaker for i in answer.items])
    rows = [
        [i.how, name(i.carrier), i.issued, claim_cell(i.claim_label, i.claim), name(i.speaker), i.quote, hedge_words(i.hedges)]
        for i in answer.items
    ]
    out.table(["how", "document", "issued", "claim", "said by", "quote", "hedges"], rows)
    appearances = answer.total - offset if limit is None else min(limit, answer.total - offset)  # the page's appearances
    if shown(appearances, offset, answer.total):
        out.note("published first; " + shown(appearances, offset, answer.total))
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
        ("hedges", hedge_words(s.hedges)),
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
            if s.hedges:
                out.branch(node, styled("hedges: ", "dim"), hedge_words(s.hedges))
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




def _hedges(args, api) -> tuple:
    return tuple(args.hedge) if args.hedge else api.DEFAULT_HEDGES


@question(lambda api, store, args: api.unverified_report(store, _hedges(args, api), *window(args)))
def cmd_unverified(args, answer, out, name) -> int:
    from dkg.queries import api

    items = answer.hedged
    hedges = _hedges(args, api)
    store = name.store
    limit, offset = window(args)
    if not items:
        return empty(out, f"Page {args.page} is past the end of the report." if offset else f"No claims hedged as {', '.join(hedges)}.")
    total, exact = api.hedged_total(store, hedges)
    whole = offset == 0 and (limit is None or len(items) < limit)  # every matching row is shown
    n = len(items) if whole else (total if exact else None)
    kinds = " or ".join(hedge_words([h]) for h in hedges)
    out.heading(f"{n:,} appearance(s) hedged as {kinds}" if n is not None else f"Appearances hedged as {kinds}")
    if not whole:
        out.note("by document; " + shown(len(items), offset, total, exact))
    rows = [[name(h.document), hedge_words(h.hedges), name(h.speaker), claim_cell(h.claim_label, h.claim), h.quote] for h in items]
    out.table(["document", "hedges", "said by", "claim", "quote"], rows)
    if answer.could_not_verify:
        out.blank()
        out.heading(f"{answer.could_not_verify_total:,} claim(s) a source says it could not verify")
        rows = [[name(s.document, s.document_title), s.speaker_name or s.origin_name or s.origin, claim_cell(s.claim_label, s.claim), s.quote] for s in answer.could_not_verify]
        out.table(["document", "who", "claim", "quote"], rows)
    return 0


COMMANDS = [
    Command(
        "reported-by",
        "every claim an outlet or document carries, with dates and quotes",
        cmd_reported_by,
        (words("OUTLET_OR_DOC", "slug, name or alias of an outlet or a document"), *PAGING),
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
        "unverified",
        "claims an outlet could not verify or attributes only to a party to the conflict",
        cmd_unverified,
        (arg("--hedge", action="append", choices=HEDGES, help="which hedges to list (repeatable; default: unverified and party_to_conflict)"), *PAGING),
    ),
]


def register(sub) -> None:
    register_all(sub, COMMANDS)
