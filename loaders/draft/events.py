"""Claims on a registry event, proposed beside the person-level claim a sentence states.

Curators file the circumstances of a killing, a detention or a defection on an event of the
registry (`kuzminov-killing`: its victim, perpetrator, place and date) and keep the person's own
claims (cause and place of death) beside them. Once one article about an event is curated, the
next finds it in the registry; this module finds, for a person a sentence states a death, a
detention or a defection of, the registry event of that family whose name is about the person
("Killing of Maxim Kuzminov in Spain", "Dmitry Setrakov's flight from Russia to Armenia"), and
proposes the event's date, place, victim and perpetrator from the same sentence. It never makes
an event up: without a registry event the person-level claims stand alone.

A person is what an event is about when the event's name names them first or right after "of"
("Detention of Dmitry Setrakov"); a name that merely owns something later in it ("Killing of
the two other crew members of Kuzminov's Mi-8") is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from ...schema.models import EntityBase
from ...schema.vocab import EntityType, EventKind
from .names import NameIndex
from .properties import Choice


@dataclass(frozen=True)
class Family:
    name: str
    kinds: frozenset[EventKind]  # event kinds of the family
    words: re.Pattern  # words of an event's name that put it in the family when its kind is `other`
    triggers: frozenset[str]  # person properties whose statement is a statement about the event
    victim: bool  # the person is the event's victim (a killing, a detention), not its agent
    when_where: bool  # the event's date and place are proposed (a death has them on the person already)
    countries: bool = True  # a country may be the event's place (a defection's is where it landed, not the country fled to)


def _w(*patterns: str) -> re.Pattern:
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(patterns) + r")", re.I)


FAMILIES = (
    Family("death", frozenset({EventKind.death}), _w(r"kill", r"death", r"murder", r"shoot", r"assassinat"),
           frozenset({"cause_of_death", "place_of_death", "date_of_death", "body_found"}), True, False),
    Family("detention", frozenset(), _w(r"detention", r"detained", r"arrest", r"captur", r"abduct", r"kidnap"),
           frozenset({"in_custody_of"}), True, True),
    Family("defection", frozenset({EventKind.defection}), _w(r"defection"), frozenset({"fled_to", "defected_with"}),
           False, True, False),
    Family("escape", frozenset({EventKind.escape}), _w(r"flight", r"escape"), frozenset({"fled_to"}), False, True, False),
)
# what the perpetrator of a killing or a detention is introduced by: "killed by Ukrainian troops",
# "задержан военной полицией" has no such word (the agent before the verb is taken then)
_BY = re.compile(r"(?<![^\W\d_])(?:by|por|przez)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_PLACE_ORDER = ("city", "military_base", "area", "region", "other", "country")


class EventIndex:
    """Registry events by family and by the person each is about."""

    def __init__(self, entities: Mapping[str, EntityBase]):
        people = NameIndex({i: e for i, e in entities.items() if e.entity_type is EntityType.person})
        self.by_person: dict[tuple[str, str], list[str]] = {}
        for ent in entities.values():
            if ent.entity_type is not EntityType.event:
                continue
            fams = [f for f in FAMILIES if ent.kind in f.kinds or (ent.kind is EventKind.other and f.words.search(ent.name))]
            if not fams:
                continue
            for person in _about(ent.name, people):
                for f in fams:
                    self.by_person.setdefault((f.name, person), []).append(ent.id)

    def events(self, family: str, person: str) -> list[str]:
        return self.by_person.get((family, person), [])


def _about(name: str, people: NameIndex) -> list[str]:
    """The persons an event's name is about: named first, or right after "of"."""
    out = []
    for m in people.mentions(name):
        owns = re.search(r"['\u2019]s$", name[m.start:m.end]) or re.match(r"['\u2019]s\b", name[m.end:])
        first = not name[:m.start].strip()
        after_of = re.search(r"\bof\s+$", name[:m.start])
        if first or (after_of and not owns):
            out.extend(i for i in m.ids if i not in out)
    return out


def _family_words(fam: Family) -> re.Pattern:
    from .properties import TRIGGERS

    extra = {"escape": (r"fled", r"escaped", r"бежал\w*", r"сбежал\w*", r"втік", r"втекл\w*", r"uciekł\w*", r"huy[óe]\w*"),
             "defection": (r"defected", r"switched sides", r"перешел на сторону", r"перейшов на бік", r"desert[óo]\w*")}
    parts = [TRIGGERS[p][0].pattern for p in sorted(fam.triggers) if p in TRIGGERS]
    parts += [r"(?<![^\W\d_])(?:" + "|".join(extra.get(fam.name, ())) + ")"] if fam.name in extra else []
    return re.compile("|".join(parts), re.I)


FAMILY_WORDS = {f.name: _family_words(f) for f in FAMILIES}


def stated_families(sentence: str) -> list[tuple[str, int]]:
    """(family, where its words are) for each kind of event the sentence's words state."""
    out = []
    for fam in FAMILIES:
        m = FAMILY_WORDS[fam.name].search(sentence)
        if m:
            out.append((fam.name, m.start()))
    return sorted(out, key=lambda x: x[1])


def _reach(trigger_at: int, others: list[int], length: int) -> tuple[int, int]:
    """The span of a sentence an event's words govern: from a little before them to the next
    words of another event ("who defected to Ukraine ... has been shot dead in Spain": Spain is
    the death's place, not the defection's)."""
    nxt = min([o for o in others if o > trigger_at] or [length])
    prev = max([o for o in others if o < trigger_at] or [-1])
    return max(prev + 1, trigger_at - 80), min(nxt, trigger_at + 100)


def event_choices(events: EventIndex, person: str, family: str, sentence: str, trigger_at: int,
                  ents: list[tuple[str, EntityType, int]], date: tuple[str, str] | None, place_kind,
                  proposed: set[tuple[str, str, str]], others: list[int] = ()) -> list[tuple[str, Choice]]:
    """(event id, choice) for the claims a sentence states about the registry event of
    `family` about `person` (its words at `trigger_at`). `ents` are the sentence's other
    entities (id, type, offset); `place_kind(id)` a place's kind; `proposed` the victims
    (event, property, value) already proposed in this draft, so a victim is proposed once per
    event, not per sentence."""
    out: list[tuple[str, Choice]] = []
    for fam in FAMILIES:
        if fam.name != family:
            continue
        a, b = _reach(trigger_at, list(others), len(sentence))
        ents = [e for e in ents if a <= e[2] < b]
        if date and not any(a <= m.start() < b for m in re.finditer(re.escape(date[1]), sentence)):
            date = None
        for ev in events.events(fam.name, person)[:1]:
            wanted: list[Choice] = []
            if date and fam.when_where:
                wanted.append(Choice("date", {"date": date[0]}, date[1], date[1]))
            places = [e for e in ents if e[1] is EntityType.place and (fam.countries or place_kind(e[0]) != "country")]
            if places and fam.when_where:
                places.sort(key=lambda e: (_PLACE_ORDER.index(place_kind(e[0])) if place_kind(e[0]) in _PLACE_ORDER else 9, e[2]))
                wanted.append(Choice("place", {"entity": places[0][0]}, "place named in the sentence"))
            if fam.victim and fam.when_where:
                # a detention's victim; a death's is the person its cause and place of death are
                # claimed of, which curators rarely file twice
                wanted.append(Choice("victim", {"entity": person}, "the person it was done to"))
            if fam.victim:
                agents = [e for e in ents if e[1] in (EntityType.person, EntityType.unit, EntityType.organization)
                          and e[0] != person]
                by = [e for e in agents if e[2] > trigger_at and _BY.search(sentence[max(0, e[2] - 12):e[2]])]
                before = [e for e in agents if e[2] < trigger_at] if fam.name == "detention" else []
                agent = (by or before[:1] or [None])[0]  # the head of the clause: "Russian gendarmes from the 102nd base arrested"
                if agent is not None:
                    wanted.append(Choice("perpetrator", {"entity": agent[0]}, "the agent of the verb"))
            for c in wanted:
                key = (ev, c.property, str(sorted(c.value.items())))
                if key in proposed or any(e == ev and x.property == c.property for e, x in out):
                    continue
                if c.property == "victim":
                    proposed.add(key)
                out.append((ev, c))
    return out


def items_by_person(entities: Mapping[str, EntityBase]) -> dict[tuple[str, str], str]:
    """(equipment type, person) -> the registry's equipment item of that type whose name names
    the person ("Mi-8 flown to Ukraine by Maxim Kuzminov"): a sentence saying he flew "a Mi-8"
    means that airframe, as a curator files it. Only when one item fits."""
    people = NameIndex({i: e for i, e in entities.items() if e.entity_type is EntityType.person})
    found: dict[tuple[str, str], list[str]] = {}
    for ent in entities.values():
        if ent.entity_type is not EntityType.equipment_item:
            continue
        for m in people.mentions(ent.name):
            for person in m.ids:
                found.setdefault((ent.type, person), []).append(ent.id)
    return {k: v[0] for k, v in found.items() if len(v) == 1}
