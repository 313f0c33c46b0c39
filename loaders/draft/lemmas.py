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


# --------------------------------------------------------------------------- a new name in its dictionary form

_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")


def _analyser_for(word: str, language: str | None, known_only: bool = True):
    """The analyser of the word's language: Ukrainian for a word with a Ukrainian letter or in a
    Ukrainian article, else Russian; None when neither dictionary knows the word (unless
    `known_only` is false: then the language's analyser, whose guesser reads surnames)."""
    found = _analysers()
    by_lang = {m.lang: m for m in found} if found else {}
    order = ["uk", "ru"] if (language == "uk" or _UKRAINIAN_LETTERS.search(word)) else ["ru", "uk"]
    for lang in order:
        morph = by_lang.get(lang)
        if morph is not None and morph.word_is_known(word):
            return morph
    if not known_only:
        return by_lang.get(order[0])
    return None


def _recase(form: str, printed: str) -> str:
    """The dictionary form written as the printed word was: "маргарита" -> "Маргарита"."""
    if printed.isupper() and len(printed) > 1:
        return form.upper()
    if printed[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _is_nominative(parses) -> bool:
    """Some reading is the nominative singular ("Маргариты" may be a plural nominative: not that)."""
    return any("nomn" in p.tag and p.tag.number != "plur" for p in parses)


def nominative(words: list[str], section: str, language: str | None = None) -> list[str]:
    """A new name's words in the nominative, as a registry writes a name: "Маргариты Роблес" ->
    "Маргарита Роблес", "Испанию" -> "Испания", "Правительству Испании" -> "Правительство
    Испании". Only words the dictionary knows change, and only when no reading of them is already
    nominative, so a foreign or unknown name stays as printed ("Роблес", "Вильяхойоса"); a
    person's given name, patronymic and surname each keep their gender; an organization's head
    (its first noun, with an adjective before it) is declined and its genitive complement kept."""
    out = list(words)
    if not words or not any(_CYRILLIC.search(w) for w in words):
        return out

    def parses(w, known_only=True):
        morph = _analyser_for(w, language, known_only)
        return morph.parse(w) if morph is not None else []

    if section == "persons":
        # the given name's gender decides the surname's reading: "Андрея Юсова" is Андрей Юсов, while
        # "Юсова" alone may be a woman's name in the nominative
        gender = None
        for w in words:
            named = [p for p in parses(w) if "Name" in p.tag and p.tag.number != "plur"]
            if named:
                gender = named[0].tag.gender
                break
        for i, w in enumerate(words):
            # a surname the dictionary lacks is read by the guesser, which marks it Surn
            ps = [p for p in parses(w, known_only=False) if {"Name", "Surn", "Patr"} & set(str(p.tag).replace(" ", ",").split(","))]
            if gender and any(p.tag.gender == gender for p in ps):
                ps = [p for p in ps if p.tag.gender == gender]
            if not ps or _is_nominative(ps):
                continue
            p = ps[0]
            target = {"nomn"}
            if p.tag.number == "plur":
                continue  # "Кузьминовых": a family, not one person's name
            form = p.inflect(target)
            out[i] = _recase((form.word if form else p.normal_form), w)
        return out
    if section in ("places", "organizations"):
        # a body's name may be plural ("Іспанські спецслужби"): any nominative reading stands
        first = parses(words[0])
        if not first or any("nomn" in p.tag for p in first):
            return out
        top = first[0]
        if top.tag.POS == "NOUN":
            form = top.inflect({"nomn"})
            out[0] = _recase(form.word if form else top.normal_form, words[0])
        elif top.tag.POS == "ADJF" and section == "organizations" and len(words) > 1:
            # the adjective is in an oblique case, so its noun is too ("Украинской правды")
            second = parses(words[1])
            if second and second[0].tag.POS == "NOUN":
                noun = second[0].inflect({"nomn"})
                if noun is not None:
                    adj = top.inflect({"nomn", noun.tag.gender or "masc", noun.tag.number or "sing"} - {None})
                    out[1] = _recase(noun.word, words[1])
                    if adj is not None:
                        out[0] = _recase(adj.word, words[0])
    return out


def given_name(word: str, language: str | None = None) -> bool:
    """Whether a Cyrillic word is a given name or patronymic ("Инна", "Германовна", "Ігор")."""
    if not _CYRILLIC.search(word) or not word[:1].isupper():
        return False
    morph = _analyser_for(word, language)
    if morph is None:
        return False
    return any({"Name", "Patr"} & set(str(p.tag).replace(" ", ",").split(",")) for p in morph.parse(word)[:3])


def adjective(word: str, language: str | None = None) -> bool:
    """Whether the dictionary reads a Cyrillic word as a full adjective ("Испанская", "Цивільна")."""
    morph = _analyser_for(word, language)
    return morph is not None and any(p.tag.POS == "ADJF" for p in morph.parse(word)[:2])
