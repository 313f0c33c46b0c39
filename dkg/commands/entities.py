"""One entity at a time: profile (everything claimed about it), timeline, find (by name, alias or
spelling in any script, inflected too), and contradictions between claims about the same thing.
"""

from __future__ import annotations

import sys

from .framework import (
    Command,
    arg,
    claim_cell,
    dump,
    empty,
    open_store,
    printer,
    property_label,
    qualifier_text,
    question,
    register_all,
    text_of,
    words,
)


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
        quals = ", ".join(qualifier_text(k, v, name) for k, v in c.qualifiers.items())
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
            quals = "; ".join(qualifier_text(k, v, name) for k, v in c.qualifiers.items())
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


COMMANDS = [
    Command(
        "contradictions",
        "claims on the same subject and property whose values cannot both hold",
        cmd_contradictions,
        (arg("--comparable-only", action="store_true", help="leave out pairs that cannot be compared (e.g. currencies with no printed equivalent)"),),
    ),
    Command("profile", "everything claimed about an entity, grouped by property, with sources", cmd_profile, (arg("entity", metavar="ENTITY", nargs="+"),)),
    Command("timeline", "an entity's events in date order", cmd_timeline, (arg("entity", metavar="ENTITY", nargs="+"),)),
    Command(
        "find",
        "entities by name or alias in any script, forgiving case, accents and transliteration (exit 1: nothing found)",
        cmd_find,
        (words("NAME", "a name, alias, surname or abbreviation, in any script; several words need no quotes"), arg("--limit", type=int, default=10)),
    ),
]


def register(sub) -> None:
    register_all(sub, COMMANDS)
