"""Hedges and stances: the words with which a text qualifies what it reports.

A hedge is how the carrying document qualifies a claim (schema/vocab.py `Hedge`): "reportedly",
"allegedly", "could not be verified". A stance is one party's word on a claim: "confirmed",
"denied", "disputed", "declined to confirm", "could not verify". The two are kept apart because
fact-checking practice keeps them apart (docs: GUIDE "could not verify" vs "declined to
confirm" vs "confirmed"). Negated forms are tried first, so "did not confirm" is never read as
"confirmed".

Word lists cover English, Russian, Ukrainian and the other languages of the measurement set
(Finnish, German, Polish), as patterns over inflected forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...schema.vocab import Hedge, StanceKind


def _words(*patterns: str) -> re.Pattern:
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(patterns) + r")(?![^\W\d_])", re.I)


_REPORTEDLY = _words(
    r"reportedly", r"allegedly", r"purportedly", r"is said to", r"are said to", r"was said to", r"reports? (?:claimed|said)",
    r"предположительно", r"якобы", r"по некоторым данным", r"по неофициальным данным", r"сообщается", r"вероятно",
    r"нібито", r"ймовірно", r"імовірно", r"за неофіційними даними", r"повідомляється",
    r"kerrotaan", r"väitetään", r"tiettävästi", r"angeblich", r"mutmaßlich", r"rzekomo", r"podobno",
    r"presuntamente", r"supuestamente", r"al parecer",
)
_UNVERIFIED = _words(
    r"(?:could|can|has|have|had|was|were) not (?:been )?(?:be )?(?:independently )?(?:able to )?verif(?:y|ied)",
    r"(?:unable|not able) to (?:independently )?verify", r"could not be (?:independently )?(?:verified|confirmed)",
    r"not (?:been )?independently (?:verified|confirmed)", r"cannot (?:independently )?verify",
    r"не удалось (?:независимо )?(?:проверить|подтвердить)", r"не может (?:независимо )?(?:проверить|подтвердить)",
    r"не вдалося (?:незалежно )?(?:перевірити|підтвердити)", r"не може (?:незалежно )?(?:перевірити|підтвердити)",
    r"ei (?:ole )?(?:voinut|voida) (?:varmistaa|vahvistaa)", r"nicht unabhängig (?:überprüft|bestätigt)",
    r"nie (?:udało się|można) (?:niezależnie )?(?:zweryfikować|potwierdzić)",
)
_STANCES: tuple[tuple[str, re.Pattern], ...] = (
    ("declined_to_confirm", _words(
        r"(?:declined|refused|would not|did not|does not|do not|has not|have not|had not|not) (?:yet )?(?:publicly |officially )?"
        r"(?:to )?confirm(?:ed)?", r"did not confirm or deny", r"neither confirmed nor denied", r"no confirmation",
        r"не подтвердил\w*", r"не подтверждает", r"отказал\w* (?:подтвердить|комментировать)", r"не (?:стал|стали) подтверждать",
        r"не підтвердил\w*", r"не підтверджує", r"відмовил\w* (?:підтвердити|коментувати)",
        r"не (?:можем|могу|могут|можемо|можу|можуть) (?:пока |поки )?(?:подтвердить|підтвердити)",
        r"ei (?:ole )?vahvistanut", r"nicht bestätigt", r"nie potwierdzi\w*", r"no (?:ha )?confirm\w*")),
    ("could_not_verify", _UNVERIFIED),
    ("refutes", _words(r"den(?:y|ies|ied|ying)", r"refuted", r"rejected the claim", r"опроверг\w*", r"отрица\w*",
                       r"спростува\w*", r"спростову\w*", r"заперечи\w*", r"заперечу\w*", r"kiisti", r"dementiert\w*",
                       r"bestritt\w*", r"zaprzeczy\w*", r"zdementowa\w*", r"neg(?:ó|aron|ado)", r"desmint\w*")),
    ("disputes", _words(r"disput(?:e|es|ed|ing)", r"contest(?:s|ed)", r"questioned", r"cast doubt", r"оспорил\w*",
                        r"оспарива\w*", r"поставил\w* под сомнение", r"ставит под сомнение", r"оскаржи\w*", r"поставил\w* під сумнів",
                        r"kyseenalaist\w*", r"bezweifelt\w*", r"zakwestionowa\w*")),
    ("confirms", _words(r"confirm(?:s|ed|ing)?", r"подтвердил\w*", r"подтвержда\w*", r"подтверждени\w*", r"підтвердил\w*",
                        # "Можем подтвердить факт смерти": a speaker's own confirmation
                        r"(?:можем|могу|можемо|можу) (?:\w+ )?(?:подтвердить|підтвердити)",
                        r"підтверджу\w*", r"підтвердже\w*", r"vahvisti\w*", r"bestätigt\w*", r"potwierdzi\w*", r"potwierdza\w*")),
)
# Stance words and the vocabulary's kind for each.
STANCE_KINDS = {"confirms": StanceKind.confirms, "refutes": StanceKind.refutes, "disputes": StanceKind.disputes,
                "could_not_verify": StanceKind.could_not_verify, "declined_to_confirm": StanceKind.declined_to_confirm}


@dataclass(frozen=True)
class Qualifiers:
    hedges: tuple[str, ...]  # Hedge values
    stance: str | None  # one of the _STANCES names
    stance_words: str | None  # the words that state it, as printed
    hedge_words: tuple[str, ...] = ()


def qualifiers(sentence: str) -> Qualifiers:
    """The hedges and the stance a sentence states, with the words that state them."""
    hedges, words = [], []
    m = _REPORTEDLY.search(sentence)
    if m:
        hedges.append(Hedge.reportedly.value)
        words.append(m.group())
    u = _UNVERIFIED.search(sentence)
    if u:
        hedges.append(Hedge.unverified.value)
        words.append(u.group())
    stance = stance_words = None
    for name, pattern in _STANCES:
        s = pattern.search(sentence)
        if s:
            stance, stance_words = name, s.group()
            break
    return Qualifiers(tuple(hedges), stance, stance_words, tuple(words))


# The countries at war, by the registry's name for them; a body of either state speaks for a side.
WARRING = ("russia", "ukraine")
_STATE_KINDS = frozenset({"government", "ministry", "intelligence_agency", "parliament"})


def party_to_conflict(agent, entities, countries: dict[str, str]) -> bool:
    """Whether a speaker is a side of the war (hedge `party_to_conflict`): a government,
    ministry, intelligence agency, parliament or military unit of Russia or Ukraine. Read from
    the registry's kind and country, so a new body of either state counts as soon as it is
    registered; an outlet never does, state media included (the registry does not say which
    outlets a state runs: the curator adds the hedge)."""
    ent = entities.get(agent) if agent else None
    if ent is None:
        return False
    sides = {countries[c] for c in WARRING if c in countries}
    kind = getattr(getattr(ent, "kind", None), "value", None)
    country = getattr(ent, "country", None)
    if ent.entity_type.value == "unit":
        return country in sides
    return ent.entity_type.value == "organization" and kind in _STATE_KINDS and country in sides
