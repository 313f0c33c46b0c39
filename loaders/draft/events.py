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
    participant: bool = False  # the person took part (a defection, an interview, a request): `participant` is proposed
    # who set it up, `organized_by`: "" nobody; "by" only a body named after "by" ("a defection
    # planned by Kyiv"); "agent" also the body before its words or the speaking body ("HUR recruited")
    organizer: str = ""


def _w(*patterns: str) -> re.Pattern:
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(patterns) + r")", re.I)


FAMILIES = (
    Family("death", frozenset({EventKind.death}), _w(r"kill", r"death", r"murder", r"shoot", r"assassinat"),
           frozenset({"cause_of_death", "place_of_death", "date_of_death", "body_found"}), True, False),
    Family("detention", frozenset(), _w(r"detention", r"detained", r"arrest", r"captur", r"abduct", r"kidnap"),
           frozenset({"in_custody_of"}), True, True),
    Family("defection", frozenset({EventKind.defection}), _w(r"defection"), frozenset({"fled_to", "defected_with"}),
           False, True, False, organizer="by"),
    Family("escape", frozenset({EventKind.escape}), _w(r"flight", r"escape"), frozenset({"fled_to"}), False, True, False,
           participant=True),
    # what a person takes part in besides: a recruitment someone organises, an interview, a
    # posting, a request for asylum, a suicide attempt (their words: `_EVENT_WORDS`)
    Family("recruitment", frozenset({EventKind.recruitment}), _w(r"recruit"), frozenset(), False, True,
           participant=True, organizer="agent"),
    Family("interview", frozenset({EventKind.interview}), _w(r"interview"), frozenset(), False, True, participant=True),
    Family("deployment", frozenset({EventKind.deployment}), _w(r"posting", r"deploy"), frozenset(), False, True,
           participant=True),
    Family("asylum_request", frozenset({EventKind.asylum_request}), _w(r"asylum"), frozenset({"sought_asylum_in"}),
           False, True, participant=True),
    Family("suicide_attempt", frozenset({EventKind.suicide_attempt}), _w(r"suicide"), frozenset(), False, True,
           participant=True),
)
# the words that state an event of a family beyond its person properties' triggers
_EVENT_WORDS = {
    "escape": (r"fled", r"escaped", r"escaping", r"бежал\w*", r"сбежал\w*", r"втік", r"втекл\w*", r"uciekł\w*", r"huy[óe]\w*"),
    "defection": (r"defected", r"switched sides", r"перешел на сторону", r"перейшов на бік", r"desert[óo]\w*"),
    "recruitment": (r"recruit(?:ed|ing|s)?", r"persuad\w*", r"lur(?:e|ed|es|ing)", r"convinc(?:e|ed|ing)", r"завербова\w*", r"вербов\w*", r"завербува\w*"),
    "interview": (r"interview(?:ed|s)?", r"интервью", r"інтерв['’ʼ]ю"),
    "deployment": (r"(?:was|were|been) sent to", r"(?:was|were|been) posted to", r"deployed to", r"отправ\w* в",
                   r"направлен\w* в", r"відправ\w* в", r"направлен\w* до"),
    "asylum_request": (r"(?:sought|seeks|seeking|requested|applied for|asked for|claim(?:ed)?) (?:political )?asylum",
                       r"(?:попросил\w*|запросил\w*|ищет|просит) (?:политическ\w* )?убежищ\w*", r"(?:попросив|просить) (?:політичн\w* )?притул\w*"),
    "suicide_attempt": (r"(?:tried|attempted) to (?:kill|take) (?:himself|herself|his own life|her own life)", r"suicide attempt",
                        r"attempted suicide", r"пытал\w* покончить", r"намагав\w* покінчити"),
}
# what the perpetrator of a killing or a detention is introduced by: "killed by Ukrainian troops",
# "задержан военной полицией" has no such word (the agent before the verb is taken then)
_BY = re.compile(r"(?<![^\W\d_])(?:by|por|przez)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_PLACE_ORDER = ("city", "military_base", "area", "region", "other", "country")


class EventIndex:
    """Registry events by family and by the person each is about."""

    def __init__(self, entities: Mapping[str, EntityBase]):
        # the people, and the bodies, an event's name is about ("Novaya Gazeta interviews with ...")
        people = NameIndex({i: e for i, e in entities.items() if e.entity_type in (EntityType.person, EntityType.organization)})
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

    extra = _EVENT_WORDS
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
                  proposed: set[tuple[str, str, str]], others: list[int] = (),
                  speaker: tuple[str, EntityType] | None = None) -> list[tuple[str, Choice]]:
    """(event id, choice) for the claims a sentence states about the registry event of
    `family` about `person` (its words at `trigger_at`). `ents` are the sentence's other
    entities (id, type, offset); `place_kind(id)` a place's kind; `proposed` the victims
    (event, property, value) already proposed in this draft, so a victim is proposed once per
    event, not per sentence. `speaker` (id, type) is who the sentence attributes it to: a body
    that says "it began persuading the pilot" organised what it speaks of."""
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
            places = [e for e in ents if e[1] is EntityType.place and (fam.countries or place_kind(e[0]) != "country")
                      and not _POSSESSOR.match(sentence[e[2]:])  # "Ukraine’s intelligence service" is no place
                      and (not fam.participant or _AT_PLACE.search(sentence[max(0, e[2] - 12):e[2]]))]
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
            if fam.participant:
                wanted.append(Choice("participant", {"entity": person}, "the person who took part"))
            if fam.organizer:
                agent = _organizer(sentence, trigger_at, [e for e in ents if e[0] != person], speaker, fam.organizer == "by")
                if agent is not None:
                    wanted.append(Choice("organized_by", {"entity": agent}, "the agent that set it up"))
            for c in wanted:
                key = (ev, c.property, str(sorted(c.value.items())))
                if key in proposed or any(e == ev and x.property == c.property for e, x in out):
                    continue
                if c.property in ("victim", "participant", "organized_by"):
                    proposed.add(key)  # said once per event in a draft, not per sentence
                out.append((ev, c))
    return out


_BODIES = (EntityType.organization, EntityType.unit)
# what puts an event a person takes part in at a place: "asylum in Lithuania", "sent to Belarus"
_AT_PLACE = re.compile(r"(?<![^\W\d_])(?:in|at|near|to|into|from)\s+(?:the\s+)?$", re.I)
_POSSESSOR = re.compile(r"[^\s,.;:]*['’]s(?![^\W\d_])")
# the pronoun by which a body speaking of itself is the agent: "it began persuading the pilot"
_ITSELF = re.compile(r"(?<![^\W\d_])(?:it|they|we)(?![^\W\d_])", re.I)


def _organizer(sentence: str, trigger_at: int, ents: list[tuple[str, EntityType, int]],
               speaker: tuple[str, EntityType] | None, by_only: bool = False) -> str | None:
    """Who set up an event the sentence states: a body named after "by" ("planned by Kyiv"),
    else the body nearest before the event's words ("HUR recruited him"), else the speaking
    body when the sentence refers to it by a pronoun ("it began persuading the pilot")."""
    bodies = [e for e in ents if e[1] in _BODIES]
    by = [e for e in bodies if e[2] > trigger_at and _BY.search(sentence[max(0, e[2] - 12):e[2]])]
    if by or by_only:
        return by[0][0] if by else None
    before = [e for e in bodies if e[2] < trigger_at]
    if before:
        return before[-1][0]
    if speaker and speaker[1] in _BODIES and _ITSELF.search(sentence[:trigger_at]):
        return speaker[0]
    return None


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


def units_by_person(entities: Mapping[str, EntityBase]) -> dict[str, str]:
    """person -> the registry's unit whose name is that person's ("Dmitry Mishov's unit"): what
    "his unit" means in an article about them. Only when one unit fits."""
    people = NameIndex({i: e for i, e in entities.items() if e.entity_type is EntityType.person})
    found: dict[str, list[str]] = {}
    for ent in entities.values():
        if ent.entity_type is not EntityType.unit:
            continue
        for m in people.mentions(ent.name):
            if re.match(r"['’]s\s", ent.name[m.end:]) or re.search(r"['’]s$", ent.name[m.start:m.end]):
                for person in m.ids:
                    found.setdefault(person, []).append(ent.id)
    return {k: v[0] for k, v in found.items() if len(v) == 1}


# Events not about one person that a sentence states by their kind's words: the invasion ("Putin
# invaded Ukraine in February 2022", "the war started by Vladimir Putin") and a mobilisation
# ("Putin announced partial military mobilisation"). Only when the registry holds one event of
# the kind, so the words can mean no other.
KIND_WORDS: dict[EventKind, re.Pattern] = {
    EventKind.invasion: _w(r"invad(?:ed|es|ing)", r"invasion", r"the war (?:began|started|broke out)", r"вторгл\w*",
                           r"вторжени\w*", r"вторгнення", r"вторглас\w*"),
    EventKind.mobilisation: _w(r"mobili[sz]ation", r"mobili[sz]ed", r"мобилизаци\w*", r"мобілізаці\w*"),
}
_AGENT_BEFORE = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,1}$")  # "Putin invaded", "President Putin announced"


def kind_events(entities: Mapping[str, EntityBase]) -> dict[EventKind, str]:
    """The registry's one event of each kind of KIND_WORDS, when there is exactly one."""
    found: dict[EventKind, list[str]] = {}
    for ent in entities.values():
        if ent.entity_type is EntityType.event and ent.kind in KIND_WORDS:
            found.setdefault(ent.kind, []).append(ent.id)
    return {k: v[0] for k, v in found.items() if len(v) == 1}


def kind_event_choices(by_kind: Mapping[EventKind, str], sentence: str, ents: list[tuple[str, EntityType, int, int]],
                       date: tuple[str, str] | None, proposed: set) -> list[tuple[str, Choice]]:
    """(event id, choice) for the date and the organiser of the registry's invasion or
    mobilisation the sentence's words state: the date printed right after the words, the person
    or body right before them or after "by". Each (event, property, value) once per draft."""
    out: list[tuple[str, Choice]] = []
    for kind, pattern in KIND_WORDS.items():
        ev = by_kind.get(kind)
        m = pattern.search(sentence) if ev else None
        if m is None:
            continue
        wanted = []
        if date:
            at = sentence.find(date[1], m.end())
            if 0 <= at - m.end() <= 30:
                wanted.append(Choice("date", {"date": date[0]}, date[1], date[1]))
        agents = [e for e in ents if e[1] in (EntityType.person, EntityType.organization)]
        by = [e for e in agents if e[2] >= m.end() and _BY.search(sentence[max(0, e[2] - 12):e[2]]) and e[2] - m.end() <= 40]
        before = [e for e in agents if e[3] <= m.start() and _AGENT_BEFORE.match(sentence[e[3]:m.start()])
                  or (e[3] <= m.start() and re.fullmatch(r"\s*(?:announced|ordered|declared|launched|began|started)\s+"
                                                         r"(?:a\s+|the\s+)?(?:partial\s+|full-scale\s+|military\s+){0,2}",
                                                         sentence[e[3]:m.start()], re.I))]
        agent = (by or before[-1:] or [None])[0]
        if agent is not None:
            wanted.append(Choice("organized_by", {"entity": agent[0]}, "the agent of the words"))
        for c in wanted:
            key = (ev, c.property, str(sorted(c.value.items())))
            if key not in proposed:
                proposed.add(key)
                out.append((ev, c))
    return out
