"""Candidate claims: one per sentence that attributes, quotes someone or prints a figure, with
its verbatim quote, speaker, subject and figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ...schema.models import SLUG_RE, EntityBase
from ...schema.vocab import PROPERTIES, EntityType, ValueKind
from .attribution import attribution, speaker_of, subject_of
from .figures import Figure, find_figures
from .names import Mention, NameIndex
from .text import clause, quote_units, split_sentences


@dataclass
class Candidate:
    """A commented candidate claim: one sentence with an attribution, direct speech or a figure."""

    line: int
    why: str  # what made it a candidate
    quote: str
    speaker: str | None = None
    speaker_note: str | None = None
    subject: str | None = None
    others: list[str] = field(default_factory=list)  # other registry entities in the sentence
    figures: list[Figure] = field(default_factory=list)


def properties_for(entity_type: EntityType | None, figures: bool) -> list[str]:
    """Properties a subject of this type can take; figure properties first when a figure is printed."""
    names = [p.name for p in PROPERTIES.values() if entity_type is None or p.subjects is None or entity_type in p.subjects]
    if figures:
        names.sort(key=lambda n: ValueKind.quantity not in PROPERTIES[n].values)
    return names



def candidates(text: str, mentions: list[Mention], index: NameIndex, entities: Mapping[str, EntityBase],
               first_end: int) -> list[Candidate]:
    """The candidate claims of the text after its title, in order."""
    unit_words = {}
    for e in entities.values():
        if e.entity_type is EntityType.equipment_type:
            for n in e.all_names():
                if " " not in n:
                    unit_words[n.casefold()] = e.id if SLUG_RE.match(e.id) else n.casefold()
    units = quote_units(text, split_sentences(text), first_end)
    cands: list[Candidate] = []
    last_speaker: tuple[str, int] | None = None  # (id, paragraph)
    pending: list[Candidate] = []  # direct speech still waiting for its "he said" in the paragraph
    j = 0
    for u in units:
        while j < len(mentions) and mentions[j].start < u.start:
            j += 1
        ms = []
        k = j
        while k < len(mentions) and mentions[k].start < u.end:
            ms.append(mentions[k])
            k += 1
        verb = attribution(u.text)
        figures = find_figures(u.text, unit_words)
        if not (verb or u.speech or figures):
            continue
        speaker, pronoun, note = None, False, None
        if verb:
            speaker, pronoun = speaker_of(u, verb, ms, index)
            why = f"attribution {verb.group()!r}"
        elif u.speech:
            why, pronoun = "direct speech", True
        else:
            why = "figure"
        if pending and (pending[0].line != u.line or (verb and speaker)):
            for c in pending:  # speech closed by an attribution in the same paragraph: "..., he said."
                if c.speaker is None and verb and speaker and c.line == u.line:
                    c.speaker = speaker
            pending = []
        if speaker is None and pronoun and last_speaker and u.paragraph - last_speaker[1] <= 2:
            speaker = last_speaker[0]
            note = "speaker taken from an earlier sentence: check it"
        if verb and not pronoun:
            last_speaker = (speaker, u.paragraph) if speaker else None  # a speaker the registry lacks ends the run
        at = verb.start() if verb else 0 if u.speech else figures[0].start
        quote = " ".join(clause(u.text, at).split())
        subject, others = subject_of(ms, speaker, index)
        qfig = [f for f in figures if " ".join(f.printed.split()) in quote]
        cand = Candidate(u.line, why, quote, speaker, note, subject, others, qfig)
        cands.append(cand)
        if u.speech and not verb:
            pending.append(cand)
    return cands
