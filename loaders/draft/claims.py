"""Candidate claims: one per sentence (or clause between semicolons) that attributes, quotes
someone, prints a figure or states a property in its words, with its verbatim quote, speaker,
on-behalf-of, subject, property and value, hedges and stance. Each is a proposal: the writer
marks it so, and each carries the line of its sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Mapping

from ...schema.models import SLUG_RE, EntityBase
from ...schema.vocab import PROPERTIES, EntityType, ValueKind
from .attribution import BODY_REFERENCE, attribution, on_behalf_of, speaker_of, subject_of
from .dates import find_date
from .events import KIND_WORDS, EventIndex, event_choices, items_by_person, kind_event_choices, kind_events, stated_families, units_by_person
from .figures import Figure, find_figures
from .hedges import party_to_conflict, qualifiers
from .names import Mention, NameIndex
from .properties import DEMONYMS, TRIGGERS, VIEW_VERB, Choice, choose_all, descriptions, links, nationality, posts, roles, speech_choice
from .text import Unit, clause, quote_units, split_sentences


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
    property: str | None = None
    value: dict | None = None
    printed: str | None = None  # the value as printed, when it is a figure or a date
    trigger: str | None = None  # the words that chose the property
    on_behalf_of: str | None = None
    hedges: list[str] = field(default_factory=list)
    hedge_words: list[str] = field(default_factory=list)
    stance: str | None = None  # confirms, refutes, disputes, could_not_verify, declined_to_confirm
    stance_words: str | None = None
    subject_note: str | None = None
    date_note: str | None = None


def properties_for(entity_type: EntityType | None, figures: bool) -> list[str]:
    """Properties a subject of this type can take; figure properties first when a figure is printed."""
    names = [p.name for p in PROPERTIES.values() if entity_type is None or p.subjects is None or entity_type in p.subjects]
    if figures:
        names.sort(key=lambda n: ValueKind.quantity not in PROPERTIES[n].values)
    return names



_TRIGGER_ANY = [pattern for pattern, _how in TRIGGERS.values()]
# Words by which a sentence refers to one person it does not name: "he", "the pilot", "перебежчик".
_PERSON_REFERENCE = re.compile(
    r"(?<![^\W\d_])(?:he|him|his|she|her|pilot|defector|deserter|soldier|officer|serviceman|captain|man|"
    r"он|его|ему|она|её|ее|лётчик\w*|летчик\w*|пилот\w*|перебежчик\w*|военн(?:ый|ого|ому|ым)|россиянин\w*|мужчин\w*|"
    r"він|його|йому|вона|її|льотчик\w*|пілот\w*|перебіжчик\w*|росіянин\w*|військов(?:ий|ого|ому)|чоловік\w*|"
    r"него|нему|ним|нём|нього|ньому|тело|тела|телом|труп\w*|тіло|тіла|body|"
    r"hän|lentäjä\w*|pilotti\w*|er|ihn|sein\w*|pilot\w*|piloto|desertor|cuerpo|cadáver)(?![^\W\d_])", re.I)
# a word for one person right before the verb of saying: "he said", "the pilot also said"
_REFERENCE_BEFORE_VERB = re.compile(r"(?:^|[,;:]\s*|(?<![^\W\d_])(?:the|a)\s+)(?:he|she|pilot|defector|deserter|soldier|officer|"
                                    r"serviceman|captain|man|woman)\s+(?:also\s+|later\s+|then\s+|has\s+|had\s+)?$", re.I)
_OWN_UNIT = re.compile(r"(?<![^\W\d_])(?:his|her) (?:unit|regiment|brigade|squadron|battalion|division|base)(?![^\W\d_])", re.I)
# a person introduced as someone new, not the article's main person: "One Russian officer in
# custody admitted", "a reconnaissance officer called Vladimir", "another pilot"
_SOMEONE_NEW = re.compile(r"(?<![^\W\d_])(?:one|a|an|another)\s+(?:[^\W\d_][\w-]*\s+){0,3}?(?:officer|soldier|pilot|serviceman|"
                          r"servicemen|crewman|airman|conscript|deserter|defector|man|woman|fighter|commander)(?![^\W\d_])"
                          r"(?=[^.]*(?:\b(?:called|named)\b|\b(?:said|says|told|admitted|added)\b|:))", re.I)
# a force referred to without its name
_GENERIC_FORCE = re.compile(r"(?<![^\W\d_])(?:the (?:army|military|armed forces|troops)|армию|армии|армія|армії|армію)(?![^\W\d_])", re.I)
_PRONOUN_SUBJECT = re.compile(r"(?<![^\W\d_])(?:he|she|он|она|він|вона|hän|er|sie|on|ona)(?![^\W\d_])", re.I)


# what a sentence prints with a name rather than states: a role, a post, a nationality
_PRINTED_WITH = frozenset({"role", "post", "nationality"})
_ABOUT_THE_DEAD = frozenset({"cause_of_death", "place_of_death", "date_of_death"})


_FORCE = frozenset({EntityType.unit, EntityType.organization})


def _countries_named(sentence: str, ms: list[Mention], index: NameIndex, countries: dict[str, str]) -> list[str]:
    """Registry countries a sentence names or calls by an adjective ("Russian", "российских")."""
    out = [i for m in ms for i in m.ids[:1] if index.type_of(i) is EntityType.place and i in countries.values()]
    for stems, country in DEMONYMS:
        if country in countries and re.search(rf"(?<![^\W\d_])(?:{stems})", sentence, re.I):
            out.append(countries[country])
    return out


# words by which a death is feared, threatened or supposed rather than reported
_UNREAL_DEATH = re.compile(r"(?<![^\W\d_])(?:(?:will|would|could|might|may|can|to)(?: not)? be|(?:danger|risk|threat|fear|afraid|"
                           r"threatened|chance) of being|(?:if|unless) [^,.]*)\s*$", re.I)
# "had shot", "has killed": a perfect tense without "been" is the killer's deed; "had died" is a death
_ACTIVE_PERFECT = re.compile(r"(?<![^\W\d_])(?:had|has|have)\s+$", re.I)
_DIED = re.compile(r"died|dead|death|погиб\w*|умер\w*|загину\w*|помер\w*|murió|muert[oa]|kuoli", re.I)
# words for several people, of whom a death word may be said: "servicemen killed in the war"
_MANY_PEOPLE = re.compile(r"(?<![^\W\d_])(?:they|them|those|these|others|people|servicemen|soldiers|troops|men|members|crew|"
                          r"civilians|pilots|officers|names|они|их|те|тех|солдат\w*|військов\w*|вони|їх|ті|тих)(?![^\W\d_])", re.I)


def _near(quote: str, trigger: str, subject: str, ms: list[Mention], offset: int, reach: int = 60) -> bool:
    """Whether the words of a death are said of the subject: its name, or a word for one person
    ("he", "the pilot", "перебежчик"), within `reach` characters of them."""
    at = quote.find(trigger)
    if at < 0:
        return True
    base = max(0, at - 80)
    before = quote[base:at]
    if _UNREAL_DEATH.search(before):
        return False  # a death feared, threatened or supposed: "will be killed if they return"
    if _ACTIVE_PERFECT.search(before) and not _DIED.fullmatch(trigger):
        return False  # "Kuzminov had shot and killed two crew members": the subject killed, not died
    many = [base + m.end() for m in _MANY_PEOPLE.finditer(before)]
    one = [base + m.end() for m in _PERSON_REFERENCE.finditer(before)]
    one += [m.end - offset for m in ms if subject in m.ids and m.end - offset <= at]
    if many and max(many) > max(one, default=-1):
        return False  # the dead are others, nearer the words: "servicemen killed", "those who had been killed"
    spans = [(m.start - offset, m.end - offset) for m in ms if subject in m.ids]
    spans += [(m.start(), m.end()) for m in _PERSON_REFERENCE.finditer(quote)]
    if not spans:
        return True  # nobody named or referred to: the sentence's unprinted subject ("нашли убитым")
    return any(a - reach <= at <= b + reach for a, b in spans)


_RELATIVE = re.compile(r",?\s+(?:which|that|where|who)\s+(?:[^\W\d_]+\s+){0,2}$", re.I)


def _relative_head(quote: str, trigger: str, ms: list[Mention], offset: int, index: NameIndex) -> str | None:
    """The registry name a relative clause holding the trigger is about: the one printed right
    before its "which" ("the 319th helicopter regiment, which is based in ...")."""
    at = quote.find(trigger)
    if at < 0:
        return None
    rel = _RELATIVE.search(quote[max(0, at - 40):at])
    if rel is None:
        return None
    start = max(0, at - 40) + rel.start()
    before = [m for m in ms if 0 <= start - (m.end - offset) <= 1]
    return before[-1].ids[0] if before else None


def _fits_subject(prop: str, typ: EntityType | None) -> bool:
    subjects = PROPERTIES[prop].subjects
    return typ is not None and (subjects is None or typ in subjects)


def _clauses(u: Unit) -> list[Unit]:
    """A sentence of two statements joined by a semicolon is two candidates."""
    parts = []
    start = 0
    for m in re.finditer(r";\s+", u.text):
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, len(u.text)))
    if len(parts) == 1:
        return [u]
    return [Unit(u.start + a, u.start + b, u.text[a:b], u.line, u.paragraph, u.speech) for a, b in parts if u.text[a:b].strip()]


def candidates(text: str, mentions: list[Mention], index: NameIndex, entities: Mapping[str, EntityBase],
               first_end: int, language: str | None = None, year: int | None = None) -> list[Candidate]:
    """The candidate claims of the text after its title, in order. `language` lets figures read
    that language's number words; `year` is the document's, for dates printed without one."""
    unit_words = {}
    for e in entities.values():
        if e.entity_type is EntityType.equipment_type:
            for n in e.all_names():
                if " " not in n:
                    unit_words[n.casefold()] = e.id if SLUG_RE.match(e.id) else n.casefold()
    units = [c for u in quote_units(text, split_sentences(text), first_end) for c in _clauses(u)]
    # the person the article is most about: the subject of a person's property stated of nobody named
    people = Counter(m.ids[0] for m in mentions if index.type_of(m.ids[0]) is EntityType.person)
    # countries by their registry name, for nationalities printed as adjectives
    countries = {}
    for ent in entities.values():
        if ent.entity_type is EntityType.place and getattr(ent, "kind", None) is not None and ent.kind.value == "country":
            for name in ent.all_names():
                countries.setdefault(name.casefold(), ent.id)
    # people who speak are rarely who the article is about ("said Yusov"): a person's mentions
    # count for the article's main person only where they are not the sentence's speaker
    spoken_of: Counter = Counter()
    j = 0
    for u in units:
        while j < len(mentions) and mentions[j].start < u.start:
            j += 1
        k = j
        while k < len(mentions) and mentions[k].start < u.end:
            k += 1
        verb = attribution(u.text)
        who = speaker_of(u, verb, mentions[j:k], index)[0] if verb else None
        for m in mentions[j:k]:
            if m.ids[0] in people and m.ids[0] != who:
                spoken_of[m.ids[0]] += 1
    ranked = spoken_of.most_common() or people.most_common()
    main_person = ranked[0][0] if ranked else None
    # each country's armed forces, for counts of a force's people stated of the country
    armed_forces: dict[str, str] = {}
    for ent in entities.values():
        if ent.entity_type is EntityType.unit and getattr(ent, "kind", None) is not None and ent.kind.value == "armed_forces":
            country = getattr(ent, "country", None)
            if country:
                armed_forces.setdefault(country, ent.id)
    last_force: str | None = None
    # the armed forces the article names most (by their name or their country's), for "the army"
    force_count = Counter(armed_forces.get(i, i) for m in mentions for i in m.ids[:1]
                          if i in armed_forces or i in armed_forces.values())
    main_force = force_count.most_common(1)[0][0] if force_count else None
    events = EventIndex(entities)
    items = items_by_person(entities)
    own_units = units_by_person(entities)
    by_kind = kind_events(entities)
    event_claims: set[tuple[str, str, str]] = set()

    def place_kind(i: str) -> str | None:
        kind = getattr(entities[i], "kind", None)
        return kind.value if kind is not None else None

    cands: list[Candidate] = []
    last_speaker: tuple[str, int] | None = None  # (id, paragraph)
    last_body: tuple[str, int] | None = None  # the last organization named, for "the organization said"
    last_subject: tuple[str, int] | None = None  # a person a later "he" may stand for
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
        bodies = [m.ids[0] for m in ms if index.type_of(m.ids[0]) is EntityType.organization]
        figures = find_figures(u.text, unit_words, language)
        # a name inside a printed sum of money is its currency, not an entity: "US$2465" names no country
        ms = [m for m in ms if not any(f.start <= m.start - u.start < f.end and "currency" in f.value for f in figures)]
        qual = qualifiers(u.text)
        stated = (ms or _PERSON_REFERENCE.search(u.text)) and (any(p.search(u.text) for p in _TRIGGER_ANY)
                                                               or (ms and stated_families(u.text))
                                                               or any(by_kind.get(k) and p.search(u.text) for k, p in KIND_WORDS.items()))
        if not stated and ms:  # names printed so as to link them: "BBC Russian’s Olga Ivshina", "the war began in 2022"
            printed_date = find_date(u.text, year)
            stated = bool(links(u.text, [(i, index.type_of(i), m.start - u.start, m.end - u.start) for m in ms for i in m.ids[:1]],
                                printed_date[:2] if printed_date else None))
        if not (verb or u.speech or figures or stated or qual.stance or qual.hedges):
            continue
        speaker, pronoun, note = None, False, None
        if verb:
            speaker, pronoun = speaker_of(u, verb, ms, index)
            why = f"attribution {verb.group()!r}"
        elif u.speech:
            why, pronoun = "direct speech", True
        elif figures:
            why = "figure"
        else:
            why = "stated"
        if pending and (pending[0].line != u.line or (verb and speaker)):
            for c in pending:  # speech closed by an attribution in the same paragraph: "..., he said."
                if c.speaker is None and verb and speaker and c.line == u.line:
                    c.speaker = speaker
            pending = []
        if speaker is None and pronoun and last_speaker and u.paragraph - last_speaker[1] <= 2:
            speaker = last_speaker[0]
            note = "speaker taken from an earlier sentence: check it"
        elif speaker is None and verb and last_body and BODY_REFERENCE.search(u.text) and u.paragraph - last_body[1] <= 3:
            speaker = last_body[0]  # "the organization said": the last body the article named
            note = f"'{BODY_REFERENCE.search(u.text).group()}': the organization named last, check it"
        if verb and not pronoun:
            last_speaker = (speaker, u.paragraph) if speaker else None  # a speaker the registry lacks ends the run
        if bodies:
            last_body = (bodies[-1], u.paragraph)
        at = verb.start() if verb else 0 if u.speech else figures[0].start if figures else 0
        quote = " ".join(clause(u.text, at).split())
        subject, others = subject_of(ms, speaker, index)
        subject_note = None
        persons = [i for m in ms for i in m.ids if index.type_of(i) is EntityType.person]
        if not persons and _PRONOUN_SUBJECT.search(u.text) and last_subject and u.paragraph - last_subject[1] <= 3:
            if subject and subject not in others:
                others.insert(0, subject)
            subject, subject_note = last_subject[0], "a pronoun: the person of an earlier sentence, check it"
        if subject and index.type_of(subject) is EntityType.person:
            last_subject = (subject, u.paragraph)
        elif speaker and index.type_of(speaker) is EntityType.person and _PRONOUN_SUBJECT.search(u.text):
            last_subject = (speaker, u.paragraph)
        qfig = [f for f in figures if " ".join(f.printed.split()) in quote]
        cand = Candidate(u.line, why, quote, speaker, note, subject, others, qfig)
        cand.subject_note = subject_note
        cand.on_behalf_of = on_behalf_of(u, speaker, ms, index) if speaker else None
        cand.hedges, cand.hedge_words = list(qual.hedges), list(qual.hedge_words)
        side = next((a for a in (cand.on_behalf_of, speaker) if party_to_conflict(a, entities, countries)), None)
        if side:
            cand.hedges.append("party_to_conflict")
            cand.hedge_words.append(f"{side} speaks for a side of the war")
        cand.stance, cand.stance_words = qual.stance, qual.stance_words
        date = find_date(quote, year)
        when = date[:2] if date else None
        ents = [(i, index.type_of(i), m.start - u.start) for m in ms for i in m.ids[:1]
                if i not in (subject, speaker, cand.on_behalf_of)]
        picks = []  # (subject, choice, note)
        tries = [(subject, subject_note)] if subject else []
        if speaker and speaker != subject and index.type_of(speaker) is EntityType.person and _PRONOUN_SUBJECT.search(u.text):
            tries.append((speaker, "the speaker, of himself or herself: check it"))  # "Kuzminov said he had switched sides"
        unnamed = subject is None or index.type_of(subject) in (EntityType.place, EntityType.equipment_type)
        spoken_about = [i for i in persons if i not in (speaker, cand.on_behalf_of)]
        someone_else = bool(_SOMEONE_NEW.search(u.text)) and u is not units[0]  # "one Russian officer admitted": not him
        if main_person and main_person not in (subject, speaker) and not spoken_about and not someone_else and (
                _PERSON_REFERENCE.search(u.text) or unnamed):
            # a person's property stated of nobody the sentence names ("a pilot ... was shot dead",
            # "был найден застреленным в городке Вильяхойоса": no subject printed at all)
            tries.append((main_person, f"named nowhere in the sentence: the article's main person "
                                       f"(named {people[main_person]} time(s)), check it"))
        units_named = [i for m in ms for i in m.ids[:1] if index.type_of(i) is EntityType.unit]
        if not units_named:
            named = _countries_named(u.text, ms, index, countries)
            force = next((armed_forces[c] for c in named if c in armed_forces), None)
            forces_named = [i for m in ms for i in m.ids[:1] if index.type_of(i) in _FORCE]
            force = force or (last_force if not forces_named else None)
            if force is None and not forces_named and _GENERIC_FORCE.search(u.text) and main_force:
                force = main_force  # "the army": the armed forces the article names most
            if force and force != subject:
                # a count of a force's people stated of its country, of nobody, or of a body that is no
                # force ("Military courts in Russia have heard 10,025 cases", "the project helped 3,000
                # Russian servicemen surrender"): the country's armed forces, tried first
                note = "the armed forces of the country the sentence names (or the last ones): check it"
                tries.insert(0 if forces_named else len(tries), (force, note))
        # "his unit": the registry's unit of the person the sentence refers to, who served in it
        own = _OWN_UNIT.search(u.text)
        holder_of_unit = (subject if subject and index.type_of(subject) is EntityType.person
                          else last_subject[0] if last_subject else main_person)
        own_unit = own_units.get(holder_of_unit) if own else None
        if own_unit:
            tries.insert(0, (own_unit, f"'{own.group()}': the registry's unit of {holder_of_unit}, check it"))
        for subj, note in tries:
            stype = index.type_of(subj)
            at_subject = next((m.start - u.start for m in ms if subject in m.ids), 0)
            alt = [e for e in ents if e[0] != subj] + ([(subject, index.type_of(subject), at_subject)]
                                                       if subject and subj != subject and subject != speaker else [])
            alt.sort(key=lambda e: e[2])
            taken = {c.property for _s, c, _n in picks}
            for c in choose_all(quote, stype, qfig, alt, when, bool(verb)):
                if c.property in taken or c.value.get("entity") == subj:
                    continue
                if c.property == "operated" and (stype is not EntityType.person or any(
                        x.property == "defected_with" for _s, x, _n in picks)):
                    continue  # a person flies or drives; the equipment flown away with is the defection's
                if subj != subject and PROPERTIES[c.property].subjects != frozenset({EntityType.person}) and not (
                        stype in _FORCE and PROPERTIES[c.property].subjects == _FORCE and ("amount" in c.value or "min" in c.value)):
                    continue  # another subject than the one named: a person's properties, or a force's counts
                if c.property in _ABOUT_THE_DEAD and not _near(quote, c.trigger, subj, ms, u.start):
                    continue  # "killed" far from the person: someone else died ("those who spoke out are killed")
                head = _relative_head(quote, c.trigger, ms, u.start, index)
                if head and head != subj and head != c.value.get("entity") and _fits_subject(c.property, index.type_of(head)):
                    # "the 319th regiment, which is based in Primorye": the clause is about the name before "which"
                    picks.append((head, c, "the name the relative clause is about: check it"))
                    continue
                picks.append((subj, c, note))
                if stype in _FORCE and ("amount" in c.value or "min" in c.value) and PROPERTIES[c.property].subjects == _FORCE:
                    last_force = subj
            if stype is EntityType.person and "nationality" not in taken and not any(c.property == "nationality" for _s, c, _n in picks):
                nat = nationality(quote, countries)
                if nat and nat.value["entity"] != subj and (subj != subject or _PERSON_REFERENCE.search(u.text) or persons):
                    picks.append((subj, nat, note))
        if own_unit and (holder_of_unit, "served_in", own_unit) not in event_claims:
            event_claims.add((holder_of_unit, "served_in", own_unit))
            picks.append((holder_of_unit, Choice("served_in", {"entity": own_unit}, own.group()),
                          None if holder_of_unit == subject else f"'{own.group()}': the person it refers to, check it"))
        spans = [(i, index.type_of(i), m.start - u.start, m.end - u.start) for m in ms for i in m.ids[:1]]
        for person, choice in roles(u.text, spans):
            # the role words the subject was given are this person's when they stand beside this name
            # ("Andrii Yusov, a representative of Ukrainian military intelligence, confirmed ...")
            mine = [(s, c, n) for s, c, n in picks if s != person and c.property == "role" and c.value
                    and (choice.value["text"] in c.value["text"] or c.value["text"] in choice.value["text"])]
            for s, c, n in mine:
                picks.remove((s, c, n))
                if len(c.value["text"]) > len(choice.value["text"]):
                    choice = c
            if not any(s == person and c.property == "role" for s, c, _n in picks) and choice.value["text"] in quote:
                picks.append((person, choice, None if person == subject else "the person the role is printed with"))
        for person, choice in posts(u.text, spans, countries):
            if not any(s == person and c.property == "post" and c.value == choice.value for s, c, _n in picks):
                picks.append((person, choice, None if person == subject else "the person the post is printed with"))
        for body, choice in descriptions(u.text, spans):
            key = (body, "description", choice.value["text"].casefold())
            if key not in event_claims and choice.value["text"] in quote:
                event_claims.add(key)
                picks.append((body, choice, None if body == subject else "the body the words describe"))
        for ev, choice in kind_event_choices(by_kind, u.text, spans, when, event_claims):
            picks.append((ev, choice, "the registry's one event of this kind: check it is this one"))
        for subj, choice in links(u.text, spans, when):
            key = (subj, choice.property, str(sorted(choice.value.items())))
            if key not in event_claims and not any(s == subj and c.property == choice.property for s, c, _n in picks):
                event_claims.add(key)  # a link printed again later is the same claim
                picks.append((subj, choice, None if subj == subject else "linked by how the names are printed: check it"))
        for n, (subj, pick, note) in enumerate(picks):
            typ = pick.value.get("entity") if pick.value else None
            if pick.property in ("defected_with", "operated") and (typ, subj) in items:
                item = items[(typ, subj)]
                picks[n] = (subj, replace(pick, value={"entity": item}), note or f"the registry's {typ} of {subj}: check it")
        around = [(i, index.type_of(i), m.start - u.start) for m in ms for i in m.ids[:1]
                  if i not in (speaker, cand.on_behalf_of)]
        before_events = len(picks)
        # the events the sentence's words state (a killing, a detention, a flight), about the
        # person it names, or its main person when it names none
        about = [i for i in persons if i != speaker] or ([main_person] if main_person and not persons else [])
        about += [b for b in bodies if b not in (speaker, cand.on_behalf_of) and b not in about]  # a body's interviews
        stated = stated_families(u.text)
        for family, at in stated:
            for subj in about:
                made = event_choices(events, subj, family, u.text, at, [e for e in around if e[0] != subj], when,
                                     place_kind, event_claims, [o for f, o in stated if f != family],
                                     (speaker, index.type_of(speaker)) if speaker else None)
                for ev, choice in made:
                    if not any(s == ev and c.property == choice.property for s, c, _n in picks[before_events:]):
                        picks.append((ev, choice, f"the registry's event about {subj}: check it is this one"))
                if made:
                    break
        # the speaker's own words, when the sentence states no fact about anyone: a position, a
        # proposal, a motivation or an expected penalty of the speaker ("he claims he never went")
        holder, holder_note = speaker, note
        view = VIEW_VERB.search(quote) if verb else None
        if holder is None and verb and subject and index.type_of(subject) is EntityType.person and (
                pronoun or (view and _REFERENCE_BEFORE_VERB.search(quote[:view.start()]))):
            # "he says", "the pilot also said": the person the sentence is about speaks
            holder, holder_note = subject, subject_note or "the person 'he' or 'the pilot' stands for: check it"
            cand.speaker = cand.speaker or holder
            cand.speaker_note = cand.speaker_note or "the person the sentence refers to: check it"
        if holder and (view or (u.speech and not verb)) and not any(c.property not in _PRINTED_WITH for _s, c, _n in picks):
            said = speech_choice(quote, view, index.type_of(holder))
            if said is not None:
                picks.append((holder, said, holder_note if holder != subject else subject_note))
        named_others = list(cand.others)
        for i, (subj, pick, note) in enumerate(picks or [(subject, None, subject_note)]):
            c = cand if i == 0 else replace(cand, figures=list(qfig), others=list(named_others))
            if subj != subject:
                c.subject, c.subject_note = subj, note
                c.others = [o for o in [subject, *others] if o and o != subj]
            else:  # the first proposal may have taken another subject: this one is the sentence's own
                c.subject, c.subject_note = subject, subject_note
            if pick is not None:
                c.property, c.value, c.trigger, c.printed = pick.property, pick.value, pick.trigger, pick.printed
                if pick.figure is not None and pick.figure in c.figures:
                    c.figures.remove(pick.figure)
                    c.figures.insert(0, pick.figure)
                if pick.value and "date" in pick.value and date and date[2]:
                    c.date_note = f"the year is the document's: the sentence prints {date[1]!r}"
            cands.append(c)
        if u.speech and not verb:
            pending.append(cand)
    return cands
