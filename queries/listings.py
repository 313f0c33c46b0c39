"""Reading pages of the listings the build stored (loaders/listings.py).

A whole-graph report reads only the pages that hold the rows asked for: `read` binds their
IRIs (one VALUES row each) into the report's query, so a page costs the same at a thousand
claims and at a million. Rows come back unordered; the caller orders them by the report's own
key, which is the order the build numbered the pages in, and `window` keeps the rows asked for.
"""

from __future__ import annotations

from typing import Callable, TypeVar

from ..graph.results import Term
from ..graph.store import Store
from ..schema import iris
from . import library

PAGE = iris.LISTING_PAGE

T = TypeVar("T")

# the bundled report question that reads each report's listings (loaders/listings.py)
QUERY_REPORT = {
    "corroboration": "corroboration",
    "single_origin": "single-origin",
    "hedged": "hedged",
    "disagreements": "disagreements",
    "stances": "stances",
    "entity_names": "entities",
    "claim_keys": "claims",
}


def all_pages(store: Store, query: str) -> list[str]:
    """Every page of every section of the report a bundled question reads, in section order
    (for a benchmark or a test that asks each page)."""
    report = QUERY_REPORT[query]
    prefix = iris.listing(report, "")
    out = []
    for row in store.query("SELECT ?l ?n WHERE { ?l a dkg:Listing ; dkg:rowCount ?n }").rows:
        name = row["l"].value
        if name.startswith(prefix):
            section = name[len(prefix):]
            out += [iris.listing_page(report, section, k) for k in range(-(-int(row["n"].value) // PAGE))]
    return sorted(out)


def total(store: Store, report: str, section: str) -> int:
    """How many rows the listing holds (0 when the build stored none)."""
    rows = library.run(store, "listing_size", {"listing": Term.uri(iris.listing(report, section))}).rows
    return int(rows[0]["rows"].value) if rows else 0


def read(store: Store, query: str, report: str, section: str | list[str], offset: int = 0, limit: int | None = None) -> tuple[list[dict], int, int]:
    """(the rows of the pages holding rows offset .. offset+limit, the listing's size, how many
    rows of the first page read come before `offset`). Several sections are read as one listing,
    one after the other (pairs of every verdict are the verdicts' sections in order)."""
    pages, size, skip = pages_of(store, report, section, offset, limit)
    if not pages:
        return [], size, 0
    return library.run(store, query, {"page": pages}).rows, size, skip


def pages_of(store: Store, report: str, section: str | list[str], offset: int = 0, limit: int | None = None) -> tuple[list[Term], int, int]:
    """(the pages holding rows offset .. offset+limit, the listing's size, rows of the first
    page before `offset`): what `read` binds, for a caller that runs its own query."""
    sections = [section] if isinstance(section, str) else list(section)
    sizes = [total(store, report, s) for s in sections]
    size = sum(sizes)
    end = size if limit is None else min(size, max(offset, 0) + max(limit, 0))
    pages: list[Term] = []
    skip, base = 0, 0
    for name, n in zip(sections, sizes):
        lo, hi = max(offset, base), min(end, base + n)  # the part of the window in this section
        if lo < hi:
            first, last = (lo - base) // PAGE, (hi - base - 1) // PAGE
            if not pages:
                skip = lo - (base + first * PAGE)
            pages += [Term.uri(iris.listing_page(report, name, k)) for k in range(first, last + 1)]
        base += n
    return pages, size, skip


def sections(query: str) -> list[str]:
    """The sections a bundled question's report is read in when nothing narrows it: the whole
    report in the order the CLI shows it (pairs by verdict, stances by standing)."""
    report = QUERY_REPORT[query]
    if report == "disagreements":
        from .disagreements import _SECTIONS

        return list(_SECTIONS.values())
    if report == "stances":
        from .disagreements import STANDINGS

        return list(STANDINGS.values())
    return ["any" if report == "hedged" else "all"]


def first_pages(store: Store, query: str, limit: int = PAGE) -> tuple[list[Term], int]:
    """(the pages holding the first `limit` rows of the report a bundled question reads, how
    many rows the report holds): `dkg sparql corroboration` binds these rather than reading
    every page of the listing."""
    pages, size, _skip = pages_of(store, QUERY_REPORT[query], sections(query), 0, limit)
    return pages, size


def window(items: list[T], key: Callable[[T], object], skip: int, limit: int | None) -> list[T]:
    """The rows asked for, in the listing's order, from the pages `read` returned."""
    ordered = sorted(items, key=key)
    return ordered[skip:] if limit is None else ordered[skip:skip + limit]
