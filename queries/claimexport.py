"""The claims as the tools journalists and fact-checkers already use read them.

`dkg export --format csv`: one row per appearance of a claim (which document carries it, who
said it and for whom, its origin, the outlet's hedges, the claim's standing, the quote), with
names beside slugs so a spreadsheet reads without the graph. It is data, plain RFC 4180 CSV
from Python's csv module: a cell that begins with `=`, `+`, `-` or `@` is kept as written, so a
spreadsheet program may read it as a formula; import the file as text (docs say so).

`dkg export --format claimreview`: a schema.org JSON-LD document with one `ClaimReview` for each
claim the build gave a standing (contested, confirmed, unverified), its `itemReviewed` a
`Claim` with every appearance (`CreativeWork`, with its URL where the data has one) and the
speaker as author, and a `reviewRating` whose `alternateName` is the standing and whose
explanation lists the stances behind it. The reviewer is not a fact-checker but the dkg build,
which only reports what its sources say of the claim; the review says so.

Both read claim by claim (one page of the claims listing at a time, then each claim's own
appearances), so memory holds one claim's rows, never the graph's.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from typing import Iterator

from ..graph.results import Term
from ..graph.store import Store
from ..schema import iris
from . import library, words
from .disagreements import Stance, stances
from .pages import document_urls
from .reports import Source, claim_sources, labels
from .resolve import claim_index, entity_names
from .rows import short

FORMATS = {"csv": "text/csv", "claimreview": "application/ld+json"}
CSV_COLUMNS = [
    "claim", "claim_label", "subject", "subject_name", "property", "value", "when", "status", "standing",
    "document", "document_title", "document_url", "outlet", "outlet_name", "issued",
    "speaker", "speaker_name", "on_behalf_of", "on_behalf_of_name", "origins", "origin_names",
    "hedges", "printed", "quote", "remark",
]  # fmt: skip
REVIEWED = ("Contested", "Confirmed", "Unverified")


def _claim_facts(store: Store, claim_iri: str) -> dict[str, str | None]:
    rows = library.run(store, "disagreement_side", {"claim": Term.uri(claim_iri)}).rows
    first = rows[0] if rows else {}
    get = lambda var: short(first.get(var)) if first.get(var) is not None else None  # noqa: E731
    prop = get("property")
    return {
        "subject": get("subject"),
        "property": words.words(prop) if prop else None,
        "value": words.figure(get("value")),
        "when": get("when"),
        "status": words.words(get("status")),
        "standing": words.standing(get("standing")),
        "label": get("claimLabel"),
    }


def appearance_rows(store: Store) -> Iterator[dict[str, str]]:
    """One dict per appearance of every claim, in claim-key order, names beside slugs."""
    names = labels(store)
    name = lambda slug: names.get(slug or "", "") if slug and slug != "unknown" else ("unknown origin" if slug == "unknown" else "")  # noqa: E731
    for c in sorted(claim_index(store), key=lambda c: c.slug):
        facts = _claim_facts(store, c.iri)
        srcs = claim_sources(store, c.iri)
        urls = document_urls(store, {s.document for s in srcs})
        for s in srcs:
            yield {
                "claim": c.slug,
                "claim_label": words.figure(c.label or facts["label"]) or "",
                "subject": facts["subject"] or "",
                "subject_name": name(facts["subject"]),
                "property": facts["property"] or "",
                "value": facts["value"] or "",
                "when": facts["when"] or "",
                "status": facts["status"] or "",
                "standing": facts["standing"] or "",
                "document": s.document,
                "document_title": s.document_title or "",
                "document_url": urls.get(s.document, ""),
                "outlet": s.outlet or "",
                "outlet_name": name(s.outlet),
                "issued": s.issued or "",
                "speaker": s.speaker or "",
                "speaker_name": name(s.speaker),
                "on_behalf_of": s.on_behalf_of or "",
                "on_behalf_of_name": name(s.on_behalf_of),
                "origins": " ".join(s.origins),
                "origin_names": "; ".join(name(o) for o in s.origins),
                "hedges": "; ".join(words.hedge(h) for h in s.hedges),
                "printed": s.printed or "",
                "quote": s.quote or "",
                "remark": s.remark or "",
            }


def csv_text(store: Store) -> str:
    """`dkg export --format csv`: the header and one row per claim appearance (`appearance_rows`),
    CRLF line ends as RFC 4180 has them."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in appearance_rows(store):
        writer.writerow(row)
    return out.getvalue()


# --------------------------------------------------------------------------- schema.org ClaimReview

def _agent(slug: str | None, names: dict[str, str], types: dict[str, str] | None = None) -> dict | None:
    """A schema.org Person or Organization (units and agencies are organizations)."""
    if not slug or slug == "unknown":
        return None
    kind = "Person" if (types or {}).get(slug) == "Person" else "Organization"
    return {"@type": kind, "@id": iris.entity(slug), "name": names.get(slug, slug)}


def _appearance(s: Source, names: dict[str, str], urls: dict[str, str]) -> dict:
    work = {"@type": "CreativeWork", "@id": iris.entity(s.document), "name": s.document_title or s.document}
    if s.document in urls:
        work["url"] = urls[s.document]
    if s.issued:
        work["datePublished"] = s.issued
    if s.outlet:
        work["publisher"] = _agent(s.outlet, names)
    if s.quote:
        work["text"] = s.quote
    return work


def _explanation(standing: str, found: list[Stance], names: dict[str, str]) -> str:
    said = [
        f"{s.kind} by {s.speaker_name or s.origin_name or names.get(s.speaker or s.origin, s.speaker or s.origin)} in “{s.document_title or s.document}”"
        + (f": “{s.quote}”" if s.quote else "")
        for s in found
    ]
    return f"{words.standing(standing)}: {words.STANDING_MEANING[words.standing(standing)]}. " + "; ".join(said)


def claimreview(store: Store) -> dict:
    """The JSON-LD document: a ClaimReview per claim with a standing, in claim-key order."""
    names = labels(store)
    types = {r.slug: r.type for r in entity_names(store)}
    by_claim: dict[str, list[Stance]] = defaultdict(list)
    for s in stances(store):
        if s.standing in REVIEWED:
            by_claim[s.claim].append(s)
    reviews = []
    for key in sorted(by_claim):
        found = by_claim[key]
        claim_iri = iris.claim(key)
        facts = _claim_facts(store, claim_iri)
        srcs = claim_sources(store, claim_iri)
        urls = document_urls(store, {s.document for s in srcs})
        speakers = [a for a in (_agent(s.speaker, names, types) for s in srcs) if a]
        dated = sorted((s for s in srcs if s.issued), key=lambda s: s.issued or "")
        claim = {
            "@type": "Claim",
            "@id": claim_iri,
            "name": words.figure(found[0].claim_label or facts["label"]) or key,
            "appearance": [_appearance(s, names, urls) for s in srcs],
        }
        if speakers:
            claim["author"] = list({a["@id"]: a for a in speakers}.values())
        if dated:
            claim["firstAppearance"] = _appearance(dated[0], names, urls)
        standing = found[0].standing or ""
        reviews.append(
            {
                "@type": "ClaimReview",
                "@id": claim_iri + "#review",
                "url": claim_iri,
                "claimReviewed": claim["name"],
                "itemReviewed": claim,
                "author": {"@type": "Organization", "name": "dkg (the standing its sources give the claim; not a fact-check)"},
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": words.standing(standing),
                    "ratingExplanation": _explanation(standing, found, names),
                },
            }
        )
    return {"@context": iris.PREFIXES["schema"], "@graph": reviews}


def claimreview_text(store: Store) -> str:
    """`dkg export --format claimreview`: the ClaimReview document as indented JSON."""
    return json.dumps(claimreview(store), ensure_ascii=False, indent=1) + "\n"


def export_text(store: Store, fmt: str) -> str:
    """`dkg export --format csv|claimreview`."""
    return csv_text(store) if fmt == "csv" else claimreview_text(store)
