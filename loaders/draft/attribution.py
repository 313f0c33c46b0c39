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
    r"reportedly|allegedly|purportedly|"
    # Russian, Ukrainian, Finnish, German, Polish: verbs of saying and the reporting phrases
    r"сообщил\w*|сообщал\w*|сообщает|сообщают|сообщается|заявил\w*|заявлял\w*|заявляет|заявляют|сказал\w*|"
    r"рассказал\w*|рассказывал\w*|подтвердил\w*|подтверждают|подтверждает|"
    r"утверждал\w*|утверждает|утверждают|написал\w*|писал\w*|пишет|пишут|передает|передаёт|отметил\w*|добавил\w*|"
    r"признал\w*|признавал\w*|поясняет|пояснил\w*|уточнил\w*|уточнял\w*|считает|считают|полагают|полагает|"
    r"отмечал\w*|отмечает|отмечают|подчеркнул\w*|подчеркива\w*|указал\w*|указыва\w*|"
    r"выступил\w* с (?:[^\W\d_]+ )?заявлением|[Сс] (?:[^\W\d_]+ )?заявлением выступил\w*|привод(?:ит|ят|ило|ил|ила|или)(?: [^\W\d_]+){0,3} слова|цитирует|"
    r"[Пп]о данным|[Пп]о словам|[Пп]о информации|[Сс]огласно|[Сс]о ссылкой на|[Кк]ак указывает|говорится|сказано|"
    r"повідомил\w*|повідомля\w*|заявив|заявила|заявили|заявляє|заявляють|сказав|сказала|сказали|каже|кажуть|"
    r"розповів|розповіла|розповіли|розповідав\w*|підтвердил\w*|підтвердив|підтверджу\w*|зазначив|зазначила|"
    r"зазначили|зазначається|пише|пишуть|писав|писала|писали|передає|додав|додала|додали|стверджу\w*|"
    r"вважає|вважають|вважала|вважав|вважали|пояснив|пояснила|уточнив|уточнила|уточнюва\w*|зазнача\w*|"
    r"наголоси\w*|наголошу\w*|підкресли\w*|підкреслю\w*|вказа\w*|вказу\w*|відзнача\w*|"
    r"навод(?:ить|ять|ило|ив|ила|или)(?: [^\W\d_]+){0,3} слова|цитує|"
    r"[Зз]а даними|[Зз]а словами|[Зз]а інформацією|[Зз]гідно з|[Зз] посиланням на|йдеться|"
    r"kertoo|kertoi|sanoi|sanoo|vahvisti|väittää|väitti|mukaan|"
    r"sagte|sagt|berichtet\w*|erklärte|bestätigt\w*|laut|zufolge|"
    r"powiedział\w*|poinformował\w*|według|potwierdził\w*|"
    r"según|dijo|afirmó|informó|confirmó|aseguró|señaló|explicó|declaró|negó)\b"
)
# Verbs of saying the speaker may follow ("said Yusov", "заявил Данилов"); "confirmed Kuzminov's
# death" names an object there, not a speaker.
_SAY = re.compile(r"sa(?:id|ys)|t(?:old|ells)|added|wrote|asked|сказал\w*|заявил\w*|сообщил\w*|сообщал\w*|отметил\w*|"
                  r"добавил\w*|рассказал\w*|написал\w*|пишет|пишут|поясняет|пояснил\w*|утверждает|подтвердил\w*|"
                  r"выступил\w* с (?:[^\W\d_]+ )?заявлением|[Сс] (?:[^\W\d_]+ )?заявлением выступил\w*|сказав|сказала|заявив|заявила|повідомил\w*|повідомля\w*|"
                  r"зазначив|зазначила|додав|додала|розповів|розповіла|пише|підтвердив|підтвердила|пояснив|пояснила|"
                  r"kertoi|sanoi|sagte|powiedział\w*", re.I)
# Phrases after which the speaker is named ("according to Yusov", "по данным агентства"), and
# postpositions before which it is ("Pravdan mukaan", "Medienberichten zufolge").
_SOURCE_BEFORE_NAME = re.compile(r"according to|según|по данным|по словам|по информации|согласно|со ссылкой на|за даними|"
                                 r"за словами|за інформацією|згідно з|з посиланням на|laut|według|citing|"
                                 # "приводит агентство EFE слова министра ... Роблес": the words quoted are hers
                                 r"привод(?:ит|ят|ило|ил|ила|или)(?: [^\W\d_]+){0,3} слова|"
                                 r"навод(?:ить|ять|ило|ив|ила|или)(?: [^\W\d_]+){0,3} слова", re.I)
_SOURCE_AFTER_NAME = re.compile(r"mukaan|zufolge", re.I)
_REPRESENTS = re.compile(r"spokes\w*|representative|official|head of|chief of|director|представител\w*|представник\w*|"
                         r"речник\w*|пресс-секретар\w*|прес-секретар\w*|глава|руководител\w*|керівник\w*|начальник\w*|"
                         r"tiedottaja\w*|sprecher\w*|rzecznik\w*", re.I)


# a post printed between a verb of saying and the person who holds it
_POST_AFTER_VERB = re.compile(r"\s+(?:the\s+|a\s+)?(?:[^\W\d_]+\s+){0,2}?(?:spokes\w*|press secretary|representative|head|chief|"
                              r"director|спикер\w*|пресс-секретар\w*|представител\w*|руководител\w*|глава|директор\w*|"
                              r"речник\w*|прес-секретар\w*|представник\w*|керівник\w*|rzecznik\w*|przedstawiciel\w*)(?![^\W\d_])", re.I)
# an organization a sentence speaks of without naming it: "the organization said", "утверждали в ведомстве"
BODY_REFERENCE = re.compile(r"(?<![^\W\d_])(?:the (?:organi[sz]ation|agency|ministry|directorate|group|project|service|"
                            r"intelligence service|department|newspaper|paper|outlet|publication|broadcaster)|"
                            r"ведомств\w*|организаци\w*|агентств\w*|издани[еяю]|газет[аыеу]|"
                            r"відомств\w*|організаці\w*|агентств\w*|видання|газет[аиіу])(?![^\W\d_])", re.I)


# what opens the reported clause after a verb of saying: a name after it is spoken of, not the
# speaker ("рассказали, что Кузьминова вычислили", "said that Kuzminov")
_CLAUSE_AFTER_VERB = re.compile(r"[,:;]|(?<![^\W\d_])(?:that|что|чтобы|будто|що|щоб|ніби|як)(?![^\W\d_])", re.I)


# a finite verb after the name: "said Kuzminov served in", "said Yusov defected" name the subject
# of the reported clause ("said Yusov on Monday", "said Yusov as he left" name the speaker)
_FINITE_AFTER = re.compile(r"\s+(?!(?:as|across|towards|besides|afterwards|its|his|this|thus|plus|was)\b)[a-z]+(?:ed|s)\b")


def attribution(sentence: str) -> re.Match | None:
    return _ATTRIBUTION.search(sentence)


_PRONOUN_BEFORE = re.compile(r"\b(?:he|she|they|it|we)\s+(?:also\s+|then\s+|later\s+)?$", re.I)
_SUBJECT_ORDER = (EntityType.person, EntityType.unit, EntityType.organization, EntityType.event,
                  EntityType.equipment_item, EntityType.equipment_type, EntityType.place, EntityType.document)


def speaker_of(sentence: Unit | Sentence, verb: re.Match, ms: list[Mention], index: NameIndex) -> tuple[str | None, bool]:
    """The registry agent a sentence attributes to: after 'according to', else the agent
    nearest the verb (before it, or right after it: 'said Yusov'). (id, was it a pronoun).
    When the first verb names nobody, each later one is tried: "В разведке подтвердили смерть
    Кузьминова, с соответствующим заявлением выступил представитель ГУР Андрей Юсов"."""
    found = _speaker_at(sentence, verb, ms, index)
    if found[0] is not None or found[1]:
        return found
    for later in _ATTRIBUTION.finditer(sentence.text, verb.end()):
        # only a verb of saying that opens a clause of its own; "said Kuzminov was found dead
        # after allegedly moving" names nobody, and "allegedly" is no second attribution
        if not _SAY.fullmatch(later.group()) or not re.search(r"[,;]", sentence.text[verb.end():later.start()]):
            continue
        again = _speaker_at(sentence, later, ms, index)
        if again[0] is not None:
            return again
    return found


def _speaker_at(sentence: Unit | Sentence, verb: re.Match, ms: list[Mention], index: NameIndex) -> tuple[str | None, bool]:
    agents = [m for m in ms if index.type_of(m.ids[0]) in ENTITY_TYPES_SPOKEN]
    pos = verb.start()
    if _SOURCE_AFTER_NAME.fullmatch(verb.group()):
        before = [m for m in agents if m.end - sentence.start <= pos]
        if before and pos - (before[-1].end - sentence.start) < 4:
            return before[-1].ids[0], False
    if _SOURCE_BEFORE_NAME.fullmatch(verb.group()):
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
    if after and _SAY.fullmatch(verb.group()):
        # "said spokesman Andriy Yusov", "сообщил спикер проекта «Хочу жить» Виталий Матвиенко": a
        # post and its body may stand between the verb and the person
        gap = sentence.text[verb.end():after[0].start - sentence.start]
        posted = [m for m in after if index.type_of(m.ids[0]) is EntityType.person
                  and m.start - sentence.start - verb.end() < 70 and _POST_AFTER_VERB.match(sentence.text[verb.end():])]
        if posted and len(gap) >= 8:
            return posted[0].ids[0], False
    if after and after[0].start - sentence.start - verb.end() < 8 and _SAY.fullmatch(verb.group()) \
            and not _CLAUSE_AFTER_VERB.search(sentence.text[verb.end():after[0].start - sentence.start]):
        rest = sentence.text[after[0].end - sentence.start:]
        if not re.match(r"['\u2019]s\b|\s+(?:was|were|is|are|had|has|have|would|will|did|could|had been)\b", rest) \
                and not _FINITE_AFTER.match(rest):
            return after[0].ids[0], False  # "said Yusov", not "said Kuzminov was found"
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



def on_behalf_of(sentence: Unit | Sentence, speaker: str | None, ms: list[Mention], index: NameIndex) -> str | None:
    """The organization a person speaks for, when the sentence says so: "a spokesperson for
    Ukraine's GUR, Andriy Yusov", "представитель ГУР Минобороны Украины Андрей Юсов"."""
    if speaker is None or index.type_of(speaker) is not EntityType.person:
        return None
    at = next((m for m in ms if speaker in m.ids), None)
    if at is None:
        return None
    for m in ms:
        if m is at or index.type_of(m.ids[0]) not in (EntityType.organization, EntityType.unit):
            continue
        a, b = sorted((m.start, at.start))
        between = sentence.text[max(0, a - 40 - sentence.start):b - sentence.start + 1]
        if b - a <= 90 and _REPRESENTS.search(between):
            return m.ids[0]
    return None
