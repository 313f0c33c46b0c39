"""dkg disagreements: every place where the sources do not agree, each pair side by side with
the reason, and every claim another source contests, confirms or could not verify.

Reads what the build stored (queries/disagreements.py); nothing is worked out again here.
"""

from __future__ import annotations

import json
import shutil
import textwrap

from dkg.schema.errors import UnusableInput
from dkg.schema.text import for_terminal as safe

from ..printer import naturally

from . import add_out

KIND_CHOICES = ("contradiction", "apparent", "not_comparable", "agree", "all")
def register(sub) -> None:
    p = sub.add_parser(
        "disagreements",
        help="where the sources do not agree: each pair side by side with its reason, and contested claims",
        description=(
            "Every pair of claims the build compared that does not agree (contradictions, apparent "
            "disagreements with their reason: different time, different scope, a rule against an instance; "
            "pairs that are not comparable), each side with its value as printed and normalised, its "
            "documents, speakers and origins; then the claims other sources contest, confirm or could not verify."
        ),
    )
    p.add_argument("--kind", action="append", choices=KIND_CHOICES, help="only pairs of this kind (repeatable); default: all but agree")
    p.add_argument("--subject", help="only pairs about this entity (slug)")
    p.add_argument("--property", help="only pairs on this property (e.g. personnel_losses)")
    p.add_argument("--all", action="store_true", help="also pairs that differ without disagreeing: parts of one declared total, a projection against the same origin's present figure")
    p.add_argument("--limit", type=int, default=50, help="pairs to show, first in order: contradictions, apparent, not comparable (default 50; 0: all)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    add_out(p)
    p.add_argument("--endpoint", help="a SPARQL endpoint instead of the local build")
    p.set_defaults(func=cmd_disagreements)


def cmd_disagreements(args) -> int:
    from dkg.queries import listings
    from dkg.queries.disagreements import KIND_WORDS, STANDINGS, matching, stances, status_reasons

    from .framework import open_store

    store = open_store(args)
    kinds = None
    if args.kind:
        kinds = set(KIND_WORDS) if "all" in args.kind else set(args.kind)
    if args.limit < 0:
        raise UnusableInput("--limit takes 0 (all) or a positive number")
    pairs, total = matching(store, kinds=kinds, subject=args.subject, prop=args.property, limit=args.limit or None, related=args.all)
    cap = args.limit or None  # the same page size as the pairs below
    # claims with stances, by standing: about one entity an index lookup; otherwise the first
    # `cap` claims of each standing, a page of the build's listing each (with --property, all)
    claims_in: dict[str | None, int] = {}
    if args.subject is None:
        found = []
        for standing, section in STANDINGS.items():
            found += stances(store, standing=standing, limit=None if args.property else cap)
            claims_in[standing] = listings.total(store, "stances", section)
    else:
        found = stances(store, subject=args.subject)
    taken = [
        s
        for s in found
        if (args.subject is None or s.claim.startswith(args.subject + "--"))
        and (args.property is None or f"--{args.property}--" in s.claim)
    ]
    if args.json:
        payload = {"total": total, "disagreements": [p.model_dump(mode="json") for p in pairs], "stances": [s.model_dump(mode="json") for s in taken], "status_reasons": status_reasons(taken)}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
    def wrap(text: str, indent: str) -> str:
        return textwrap.fill(
            naturally(safe(text)), width, initial_indent=indent, subsequent_indent=indent + "  ", break_long_words=False, break_on_hyphens=False
        )

    sections = (
        ("Contested claims", "Contested", "contested by another origin, or corrected or retracted by its own"),
        ("Confirmed by some, not confirmed by others", "PartlyConfirmed", "confirmed by an independent origin while an authority declines to confirm it"),
        ("Confirmed claims", "Confirmed", "supported or confirmed by an independent origin"),
        ("Not confirmed", "NotConfirmed", "an authority declines to confirm it, or has not yet"),
        ("Unverified claims", "Unverified", "someone says they could not verify it"),
    )
    by_claim: dict[str, list] = {}
    for s in taken:
        by_claim.setdefault(s.claim, []).append(s)
    for title, standing, meaning in (*sections, ("Other stances", None, "qualifications and views that say nothing of truth")):
        claims = sorted(k for k, group in by_claim.items() if group[0].standing == standing)
        if not claims:
            continue
        count = len(claims) if args.property or args.subject else claims_in.get(standing, len(claims))
        print(f"{title} ({count:,}): {meaning}")
        for key in claims[:cap]:
            standing = f" ({by_claim[key][0].standing_text})" if by_claim[key][0].standing_text else ""
            print(wrap(f"{by_claim[key][0].claim_label}{standing}  [{key}]", "  "))
            for s in by_claim[key]:
                print(wrap(_stance_line(s), "    "))
        if cap and count > cap:
            print(f"  ... and {count - cap:,} more (--limit 0 shows all, --subject narrows)")
        print()

    if not pairs:
        print("No disagreements found" + (" of that kind" if args.kind else "") + ".")
        return 0
    counts = {k: sum(1 for p in pairs if p.kind == k) for k in KIND_WORDS}
    summary = ", ".join(f"{n} {KIND_WORDS[k]}" for k, n in counts.items() if n)
    shown = f"showing the first {len(pairs)} of {total}; --limit 0 shows all, --subject or --property narrows; " if total > len(pairs) else ""
    print(f"Disagreements ({shown}{len(pairs)}: {summary})")
    for i, p in enumerate(pairs, 1):
        reasons = f" — {', '.join(p.reasons)}" if p.reasons else ""
        relation = f" [not a disagreement: {p.relation}]" if p.relation else ""
        between = "" if p.cross_origin or p.kind == "agree" else " (one origin's own claims)"
        print(f"\n{i:>3}. {KIND_WORDS[p.kind].upper()}{reasons}{between}{relation}")
        for tag, side in (("A", p.left), ("B", p.right)):
            status = f" ({side.standing_text})" if side.standing_text else (f" ({side.standing.lower()})" if side.standing else "")
            print(wrap(f"{tag}: {side.label or side.value}{status}  [{side.claim}]", "     "))
            for a in side.appearances:
                said = f"said by {a.speaker_name or a.speaker}, " if a.speaker else ""
                printed = f"printed \u201c{a.printed}\u201d, " if a.printed else ""
                origin = a.origin_name or a.origin
                print(wrap(f"{printed}{said}origin: {origin} — {a.document_title or a.document} ({a.document})", "        "))
        print(wrap(f"why: {p.why}", "     "))
        print(wrap(f"rule: {p.rule}; value test: {p.basis}", "     "))
    return 0


def _stance_line(s) -> str:
    who = s.speaker_name or s.speaker or f"the document itself (origin: {s.origin_name or s.origin})"
    hedge = " (read from its 'unverified' hedge)" if s.from_hedge else ""
    quote = f": \u201c{s.quote}\u201d" if s.quote else ""
    return f"{s.kind}{hedge} — {who}, in \u201c{s.document_title or s.document}\u201d{quote}"
