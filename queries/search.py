"""Claims by the words around them: "where does 'half a million' come from?"

A journalist remembers a phrase or a number, not a claim key. The search looks at each claim's
label and, in every document that carries it, the value as printed, the quote and the remark,
in any script (folded like names). A query that reads as a number (500000, 500,000, 500 000,
"half a million", "18k", "2.5 million") also finds the claims whose curated figure has that
number as its amount or as a bound, and the printed values that say it in other words.

Numbers are read by dkg.schema.numbers, the build's text index (graph/textindex.py) the same way.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from pydantic import Field

from ..graph.store import Store
from ..schema.numbers import mentions_number, parse_number  # noqa: F401 - parse_number is this module's API too
from . import library, names
from .rows import Model, short

class ClaimMatch(Model):
    """A claim the search found, where the words or number matched, and the text that matched."""

    claim: str
    claim_label: str | None = None
    matched_in: list[str] = Field(description="where the words or number were found: label, printed, quote, remark, figure")
    excerpts: list[str] = Field(default=[], description="the printed values, quotes or remarks that matched")
    documents: list[str] = []


def _dec(term) -> Decimal | None:
    try:
        return Decimal(term.value) if term is not None else None
    except InvalidOperation:
        return None


def search_claims(store: Store, text: str) -> list[ClaimMatch]:
    """Claims whose label, printed value, quote or remark holds the words, or whose figure is the
    number; best first (more places matched, then the label)."""
    return search_page(store, text)[0]


def search_page(store: Store, text: str, limit: int | None = None, offset: int = 0) -> tuple[list[ClaimMatch], int]:
    """One page of search_claims (`limit` matches from `offset`; None: all) and how many claims
    match in all. With the build's text index only the page shown becomes answers (the matches
    are ranked as plain tuples first, graph/textindex.py); without one every claim is read."""
    words = names.plain(text)
    number = parse_number(text) if mentions_number(text) else None
    if not words and number is None:
        return [], 0
    indexed = _indexed(store, words, number, limit or None, offset)
    if indexed is not None:
        return indexed
    every = _scanned(store, words, number)
    return (every[offset:offset + limit] if limit else every[offset:]), len(every)


def _scanned(store: Store, words: str, number) -> list[ClaimMatch]:
    found: dict[str, dict] = {}
    for r in library.run(store, "claim_text").rows:
        slug = r["slug"].value
        entry = found.setdefault(slug, {"label": short(r.get("claimLabel")), "where": set(), "excerpts": [], "docs": set()})
        if words and words in names.plain(entry["label"] or ""):
            entry["where"].add("label")
        for field in ("printed", "quote", "remark"):
            value = short(r.get(field))
            if not value:
                continue
            ok = bool(words) and words in names.plain(value)
            if not ok and number is not None and field == "printed" and parse_number(value) == number:
                ok = True
            if ok:
                entry["where"].add(field)
                if value not in entry["excerpts"]:
                    entry["excerpts"].append(value)
        if number is not None and number in (_dec(r.get("lower")), _dec(r.get("upper"))):
            entry["where"].add("figure")
        if "document" in r:
            entry["docs"].add(short(r["document"]))
    out = [
        ClaimMatch(claim=k, claim_label=v["label"], matched_in=sorted(v["where"]), excerpts=v["excerpts"], documents=sorted(v["docs"]))
        for k, v in found.items()
        if v["where"]
    ]
    return _ranked(out)


def _ranked(out: list[ClaimMatch]) -> list[ClaimMatch]:
    return sorted(out, key=lambda m: (-len(m.matched_in), m.claim_label or "", m.claim))


def _indexed(store: Store, words: str, number, limit: int | None = None, offset: int = 0) -> tuple[list[ClaimMatch], int] | None:
    """The page and the number of matches answered from the build's text index
    (graph/textindex.py), or None when the store has none (a remote endpoint, a build from
    before the index)."""
    from ..graph import textindex

    path = getattr(store, "path", None)
    con = textindex.open_beside(path) if path is not None else None
    if con is None:
        return None
    try:
        found, info, total = textindex.search(con, words, number, limit, offset)
    finally:
        con.close()
    where: dict[str, set[str]] = {}
    excerpts: dict[str, list[str]] = {}
    for claim, field, _document, original in sorted(found, key=lambda r: (r[0], r[2] or "", r[1], r[3] or "")):
        where.setdefault(claim, set()).add(field)
        if field in ("printed", "quote", "remark") and original not in excerpts.setdefault(claim, []):
            excerpts[claim].append(original)
    return _ranked([
        ClaimMatch(claim=k, claim_label=info.get(k, (None, []))[0], matched_in=sorted(v), excerpts=excerpts.get(k, []), documents=info.get(k, (None, []))[1])
        for k, v in where.items()
    ]), total
