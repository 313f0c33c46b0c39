"""How values the graph stores read to a person: the words pages, views, notebooks and exports
print where the store holds a unit in the singular, an enum or a class name.

The build labels a figure "about 6,000 person" and a document kind `news_report`; the terminal
reads them through dkg/printer.py, and every other reader through here, so a page, a view and
a notebook say "about 6,000 people", "news report", "28 years" alike. Nothing here knows the
seed data: plurals follow English rules with a short list of irregular and invariant nouns, and
enums and camelCase names become words.
"""

from __future__ import annotations

import re

_IRREGULAR = {"person": "people", "man": "men", "woman": "women", "child": "children", "foot": "feet", "tooth": "teeth", "mouse": "mice"}
# nouns that read the same in the plural, and unit words already plural
_INVARIANT = {"aircraft", "personnel", "times", "sheep", "series", "staff", "crew", "troops", "people", "men", "percent", "%"}
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
# a figure as schema/figures.py describes it: "<bound words> <number> <unit>" or "between a and b <unit>"
_FIGURE = re.compile(rf"(?P<num>{_NUMBER})(?P<rest>(?: and {_NUMBER})?) (?P<unit>[a-z][a-z\-]*)$")


def plural(noun: str) -> str:
    """person -> people, helicopter -> helicopters, casualty -> casualties, aircraft -> aircraft."""
    low = noun.lower()
    if low in _INVARIANT or not low.isascii() or not low[-1:].isalpha():
        return noun
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if re.search(r"(s|x|z|ch|sh)$", low):
        return noun + "es"
    if re.search(r"[^aeiou]y$", low):
        return noun[:-1] + "ies"
    return noun + "s"


def count(n: int, noun: str, plural_form: str | None = None) -> str:
    """1 appearance, 2 appearances, 0 independent origins (the number with thousands commas)."""
    return f"{n:,} {noun if n == 1 else (plural_form or plural_last(noun))}"


def plural_last(phrase: str) -> str:
    """The phrase with its last word in the plural: independent origin -> independent origins."""
    head, _, last = phrase.rpartition(" ")
    return (head + " " if head else "") + plural(last)


def figure(text: str | None) -> str | None:
    """A stored figure or value read as English: '28 year' -> '28 years', 'about 6,000 person'
    -> 'about 6,000 people', 'between 10 and 20 tank' -> '... tanks'; '1 person' and any other
    text unchanged. A currency code (USD) stays as it is."""
    if not text:
        return text
    m = _FIGURE.search(text)
    if m is None or (m.group("num") == "1" and not m.group("rest")):
        return text
    return text[: m.start("unit")] + plural(m.group("unit"))


def words(name: str | None) -> str | None:
    """An enum or a camelCase name as words: news_report -> news report, organizedBy -> organized
    by, ApparentDisagreement -> apparent disagreement."""
    if name is None:
        return None
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ")
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in spaced.split())


# The build's standing of a claim (what other sources say of it) and the curator's status (its
# rank among values): two meanings, one word each, the same on every page and view.
STANDING_WORDS = {
    "Contested": "contested",
    "PartlyConfirmed": "confirmed by some, not by others",
    "Confirmed": "confirmed",
    "NotConfirmed": "not confirmed",
    "Unverified": "unverified",
}
STANDING_MEANING = {
    "contested": "a source disputes, refutes, corrects or retracts it",
    "confirmed by some, not by others": "a source confirms it, and an authority declines to confirm it",
    "confirmed": "a source supports or confirms it",
    "not confirmed": "an authority declines to confirm it, or has not yet",
    "unverified": "a source says it could not verify it",
}
STATUS_WORDS = {"Accepted": "accepted", "Disputed": "disputed", "Deprecated": "deprecated"}


def standing(value: str | None) -> str | None:
    """Contested -> contested (None stays None)."""
    if value is None:
        return None
    return STANDING_WORDS.get(value, words(value))


def status(value: str | None) -> str | None:
    """The curator's status as a reader sees it; None for the ordinary `accepted`."""
    if value is None:
        return None
    word = STATUS_WORDS.get(value, words(value))
    return None if word == "accepted" else word


# one phrase per hedge, on pages, views, notebooks and exports alike
HEDGE_WORDS = {
    "unverified": "not verified by the outlet",
    "party_to_conflict": "from a party to the war",
    "reportedly": "reportedly",
    "disputed_by_speaker": "doubted in the document",
    "forecast": "printed as a plan or forecast",
}


def hedge(value: str) -> str:
    """A hedge as a reader reads it, the same phrase everywhere (HEDGE_WORDS)."""
    return HEDGE_WORDS.get(value, words(value) or value)
