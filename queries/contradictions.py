"""Contradictions: the pairs of claims that cannot both hold, and those that cannot be compared.

A view of what the build stored (loaders/compare.py, read through queries/disagreements.py):
the contradiction-only side of `dkg disagreements`, kept for the question "what contradicts
what?" and for code that asked it before disagreements had reasons.
"""

from __future__ import annotations

from typing import Literal

from ..graph.store import Store
from .disagreements import Side, disagreements
from .rows import Model


class Contradiction(Model):
    """A pair of claims that cannot both hold (or cannot be compared), with the build's reason
    and both sides as `disagreements` reads them."""

    verdict: Literal["contradiction", "not comparable"]
    subject: str
    property: str
    qualifiers: dict[str, str]
    reason: str
    a: Side
    b: Side


def contradictions(store: Store, include_not_comparable: bool = True) -> list[Contradiction]:
    """The contradictions among the stored pairs, and with `include_not_comparable` the pairs the
    build could not compare, in the listing's order."""
    kinds = {"contradiction"} | ({"not_comparable"} if include_not_comparable else set())
    out = []
    for d in disagreements(store, kinds=kinds):
        out.append(
            Contradiction(
                verdict="contradiction" if d.kind == "contradiction" else "not comparable",
                subject=d.subject,
                property=d.property,
                qualifiers={**d.left.qualifiers, **({"when": d.left.when} if d.left.when else {})},
                reason=d.why,
                a=d.left,
                b=d.right,
            )
        )
    return out
