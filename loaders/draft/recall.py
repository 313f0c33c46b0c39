"""How much of a curated source file a draft proposed: quotes compared after normalising."""

from __future__ import annotations

import unicodedata
from typing import Any, Iterable


def normalise_quote(text: str) -> str:
    """For comparing quotes: NFC, typographic quotes as straight ones, white space collapsed."""
    text = unicodedata.normalize("NFC", text)
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    return " ".join(text.split())


def recall(curated: Iterable[str], proposed: Iterable[str]) -> tuple[int, int, list[str]]:
    """(found, total, missed): a curated quote is found when it lies within a proposed quote."""
    props = [normalise_quote(p) for p in proposed]
    found, total, missed = 0, 0, []
    for q in curated:
        total += 1
        n = normalise_quote(q)
        if any(n in p for p in props):
            found += 1
        else:
            missed.append(q)
    return found, total, missed


def iter_quotes(raw: Any) -> Iterable[str]:
    """Every `quote:` of a parsed source file (claims and stances)."""
    if isinstance(raw, dict):
        for section in ("claims", "stances"):
            for entry in raw.get(section) or []:
                if isinstance(entry, dict) and isinstance(entry.get("quote"), str):
                    yield entry["quote"]
