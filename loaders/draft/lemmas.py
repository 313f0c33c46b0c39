"""Inflected names met by their dictionary forms: "Кузьминова", "Кузьминову" and "Кузьминовым"
are all Кузьминов; "Главного управления разведки" is "Главное управление разведки".

Russian and Ukrainian decline names, so a registry name in the nominative is rarely printed as
written. Each Cyrillic word is read as the set of its surface form and every normal form the
morphological analyser offers (pymorphy3 with its Russian and Ukrainian dictionaries, which
ship inside their wheels); a text word meets a registry word when the two sets share a form.
Both languages are asked, since the article's language may be unknown and the two dictionaries
cover each other's gaps.

Measured on 32 inflected forms from the measurement set's sentences (tests/fixtures/drafts)
against the registry's nominative, and 6 words that must not meet (the adjective
"Украинская" is not Украина, "российский" is not Россия, "Максимально" is not Максим):

| method                                 | met   | wrong meetings | cost per word |
|----------------------------------------|-------|----------------|---------------|
| surface form only (before)             | 5/32  | 0/6            | -             |
| strip a hand list of case endings      | 15/32 | 0/6            | 4 us          |
| simplemma 2.0, its lemma               | 20/32 | 0/6            | 7 us, 5 s load|
| pymorphy3, its first parse's lemma     | 25/32 | 0/6            | 230 us        |
| pymorphy3, every parse's form, ru + uk | 32/32 | 0/6            | 250 us, 0.2 s load |

The first parse alone reads the nominative "Кузьминов" as a possessive of Кузьмин and misses
every inflected form of it; the set of parses does not. Words are cached, so an article costs
one analysis per distinct Cyrillic word.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=1)
def _analysers():
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - a core dependency; without it names meet as printed
        return ()
    out = []
    for lang in ("ru", "uk"):
        try:
            out.append(pymorphy3.MorphAnalyzer(lang=lang))
        except Exception:  # noqa: BLE001 - a missing dictionary package: that language as printed
            continue
    return tuple(out)


@lru_cache(maxsize=200_000)
def word_forms(word: str) -> frozenset[str]:
    """The word as printed (case-folded) and, for a Cyrillic word, each of its normal forms."""
    forms = {word.casefold()}
    if _CYRILLIC.search(word):
        for morph in _analysers():
            forms.update(p.normal_form for p in morph.parse(word))
    return frozenset(forms)
