"""Who says so: the verbs and phrases that attribute a statement, the speaker a sentence names,
and the subject a claim is most likely about.
"""

from __future__ import annotations

import re

from ...schema.vocab import EntityType
from .names import Mention, NameIndex
from .text import Sentence, Unit

ENTITY_TYPES_SPOKEN = (EntityType.person, EntityType.organization, EntityType.unit)

# Common forms of the verbs of saying, reporting and believing, and
# "according to"; lower-case only, so "United States" or a headline's "Says" is no verb.
_ATTRIBUTION = re.compile(
    r"\b(?:[Aa]ccording to|"
    r"sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|"
    r"report(?:s|ed|ing)?|claim(?:s|ed|ing)?|confirm(?:s|ed|ing)?|den(?:y|ies|ied|ying)|"
    r"state(?:s|d)|announce(?:s|d)|add(?:s|ed)|note(?:s|d)|explain(?:s|ed)|insist(?:s|ed)|"
    r"admit(?:s|ted)|acknowledge(?:s|d)|warn(?:s|ed)|argue(?:s|d)|wr(?:ote|ites)|"
    r"believe(?:s|d)?|think(?:s)?|describe(?:s|d)|estimate(?:s|d)|allege(?:s|d)|reveal(?:s|ed)|"
    r"assume(?:s|d)|suggest(?:s|ed)|accuse(?:s|d)|quoted|in a statement|"
    r"propose(?:s|d)|urge(?:s|d)|call(?:s|ed)? (?:for|on)|ask(?:s|ed)|demand(?:s|ed)|"
    r"reportedly|allegedly|purportedly)\b"
)


def attribution(sentence: str) -> re.Match | None:
    return _ATTRIBUTION.search(sentence)


_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|they|it|we)\s+(?:also\s+|then\s+|later\s+)?$", re.I)
_SUBJECT_ORDER = (EntityType.person, EntityType.unit, EntityType.organization, EntityType.event,
                  EntityType.equipment_item, EntityType.equipment_type, EntityType.place, EntityType.document)


def speaker_of(sentence: Unit | Sentence, verb: re.Match, ms: list[Mention], index: NameIndex) -> tuple[str | None, bool]:
    """The registry agent a sentence attributes to: after 'according to', else the agent
    nearest the verb (before it, or right after it: 'said Yusov'). (id, was it a pronoun)."""
    agents = [m for m in ms if index.type_of(m.ids[0]) in ENTITY_TYPES_SPOKEN]
    pos = verb.start()
    if verb.group().casefold() == "according to":
        # the head of the phrase after it is its last name: "according to Kyiv's spokesman Andriy Yusov,"
        stop = re.compile(r"[,;:.]").search(sentence.text, verb.end())
        stop = stop.start() if stop else len(sentence.text)
        after = [m for m in agents if verb.end() <= m.start - sentence.start < stop]
        if after:
            return after[-1].ids[0], False
    # the nearest agent before the verb, unless a clause mark parts them ("Ivan, who ... Putin ..., said")
    before = [m for m in agents if m.end - sentence.start <= pos]
    if _PRONOUN_BEFORE.search(sentence.text[:pos]) and not (before and pos - (before[-1].end - sentence.start) < 4):
        return None, True
    if before and not re.search(r"[,;:\u2013\u2014]", sentence.text[before[-1].end - sentence.start:pos]):
        return before[-1].ids[0], False
    if before and before[0].start - sentence.start <= 4 and re.search(r",\s*$", sentence.text[:pos]):
        return before[0].ids[0], False  # the sentence's subject with an apposition: "Yusov, a spokesman, said"
    after = [m for m in agents if m.start - sentence.start >= verb.end()]
    if after and after[0].start - sentence.start - verb.end() < 8:
        return after[0].ids[0], False
    return None, False


def subject_of(ms: list[Mention], speaker: str | None, index: NameIndex) -> tuple[str | None, list[str]]:
    ids: list[str] = []
    for m in ms:
        for i in m.ids:
            if i not in ids:
                ids.append(i)
    pool = [i for i in ids if i != speaker] or ids
    pool.sort(key=lambda i: _SUBJECT_ORDER.index(index.type_of(i)))
    return (pool[0] if pool else None), [i for i in ids if i != (pool[0] if pool else None)]

