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
from ..loaders.listings import PAGE
from ..schema import iris
from . import library

T = TypeVar("T")

# the bundled report question that reads each listing, with its default section
QUERY_LISTING = {
    "corroboration": ("corroboration", "all"),
    "single_origin": ("single-origin", "all"),
    "hedged": ("hedged", "any"),
    "disagreements": ("disagreements", "disagreeing"),
    "stances": ("stances", "all"),
    "entity_names": ("entities", "all"),
    "claim_keys": ("claims", "all"),
}


def total(store: Store, report: str, section: str) -> int:
    """How many rows the listing holds (0 when the build stored none)."""
    rows = library.run(store, "listing_size", {"listing": Term.uri(iris.listing(report, section))}).rows
    return int(rows[0]["rows"].value) if rows else 0


def read(store: Store, query: str, report: str, section: str, offset: int = 0, limit: int | None = None) -> tuple[list[dict], int, int]:
    """(the rows of the pages holding rows offset .. offset+limit, the listing's size, how many
    rows of the first page read come before `offset`)."""
    size = total(store, report, section)
    first = max(offset, 0) // PAGE
    last = (size - 1) // PAGE if limit is None else min((offset + max(limit, 0) - 1) // PAGE, (size - 1) // PAGE)
    if size == 0 or last < first or limit == 0:
        return [], size, 0
    pages = [Term.uri(iris.listing_page(report, section, n)) for n in range(first, last + 1)]
    return library.run(store, query, {"page": pages}).rows, size, offset - first * PAGE


def window(items: list[T], key: Callable[[T], object], skip: int, limit: int | None) -> list[T]:
    """The rows asked for, in the listing's order, from the pages `read` returned."""
    ordered = sorted(items, key=key)
    return ordered[skip:] if limit is None else ordered[skip:skip + limit]
