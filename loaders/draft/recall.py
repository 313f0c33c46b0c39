"""Quotes compared as a curator reads them, for measuring drafts (scripts/draft_recall.py)."""

from __future__ import annotations

import unicodedata


def normalise_quote(text: str) -> str:
    """For comparing quotes: NFC, typographic quotes as straight ones, white space collapsed."""
    text = unicodedata.normalize("NFC", text)
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    return " ".join(text.split())
