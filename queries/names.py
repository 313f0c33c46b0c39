"""Name matching that forgives case, diacritics and the usual romanisations of Cyrillic names.

Texts spell the same place Primorje and Primorye, the same man Maxim and Maksim, the same
president Zelenskyy and Zelenskiy. `fold` maps each spelling onto one key: strip accents
(NFKD), lower-case, keep letters and digits, then collapse the romanisation variants that
differ between the BGN/PCGN, scholarly and popular systems. It is applied to both sides of a
comparison, so a rule only has to map variants together, never to produce a "correct" spelling.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

# Order matters: multi-letter rules first, then single letters, then doubled letters.
_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"x", "ks"),  # Maxim / Maksim
        (r"j", "y"),  # Primorje / Primorye, Andrij
        (r"w", "v"),  # German-style Wladimir
        (r"kh", "h"),  # Kharkiv / Harkiv
        (r"(iy|yi|ii|yy|iu)\b", "y"),  # Zelenskiy / Zelenskyi / Zelenskii / Zelenskyy
        (r"iy", "y"),
        (r"yy", "y"),
        (r"ie\b", "ye"),
        (r"ei\b", "ey"),  # Andrei / Andrey, Sergei / Sergey
        (r"i\b", "y"),  # Dmitri / Dmitry, Yuri / Yury
        (r"oi", "oy"),  # Shoigu / Shoygu
        (r"ts", "c"),
        (r"tch", "ch"),
        (r"([a-z])\1+", r"\1"),  # doubled letters
    ]
]


def plain(text: str) -> str:
    """Accents stripped, lower-case, punctuation to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("’", "'").replace("'", "")
    return " ".join(re.sub(r"[\W_]+", " ", stripped.casefold()).split())


def fold(text: str) -> str:
    """The matching key of a name: plain(), then romanisation variants collapsed."""
    key = plain(text)
    for pattern, repl in _RULES:
        key = pattern.sub(repl, key)
    return key


def score(query: str, name: str) -> float:
    """How well `query` matches `name`, 0..1: 1 for the same key, high for a whole-word part."""
    q, n = fold(query), fold(name)
    if not q or not n:
        return 0.0
    if q == n:
        return 1.0
    if re.search(rf"\b{re.escape(q)}\b", n):
        return 0.9
    if n.startswith(q) or q in n:
        return 0.8
    return round(difflib.SequenceMatcher(None, q, n).ratio() * 0.85, 3)


def closest(query: str, candidates: list[str], n: int = 3) -> list[str]:
    """The candidates nearest to `query` by folded spelling, best first (for "did you mean")."""
    by_key: dict[str, str] = {}
    for c in candidates:
        by_key.setdefault(fold(c), c)
    keys = difflib.get_close_matches(fold(query), list(by_key), n=n, cutoff=0.6)
    return [by_key[k] for k in keys]
