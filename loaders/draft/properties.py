"""A claim's property chosen from the vocabulary by the words that state it, and its value.

Each property of schema/vocab.py that articles state in words has trigger patterns here, in
the languages of the measurement set; a sentence's triggers are scored, and a property is kept
only if the subject's type may take it and the sentence holds a value of a kind it accepts: a
figure for a quantity, a registry entity of a target type for an entity, a printed date for a
date, the words of the sentence for text. Every text value is a verbatim span of the sentence.
Nothing is chosen when no trigger is found: the candidate then lists the properties its subject
can take, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from ...schema.vocab import PROPERTIES, EntityType, ValueKind
from .figures import Figure


def _p(*patterns: str) -> re.Pattern:
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(patterns) + r")", re.I)


# property -> (trigger, how the text value is read: "trigger" (its words), "after" (the clause
# after it), or None for properties whose value is never text)
TRIGGERS: dict[str, tuple[re.Pattern, str | None]] = {
    "age": (_p(r"\d+-year-old", r"aged \d+", r"\d+ (?:years?|лет|років|року|vuotta)(?: old)?", r"\d+-летн", r"\d+-річн",
               r"\d+-vuotia", r"\d+-letni", r"\d+-jährig", r"возраст", r"вік"), None),
    "reward_received": (_p(r"paid", r"received", r"gave", r"given", r"awarded", r"выдал\w*", r"дали", r"надали", r"дав", r"rewarded", r"reward", r"bounty", r"получил\w*", r"получит", r"выплат\w*",
                           r"вознагражден\w*", r"отримав", r"отримає", r"отримала", r"винагород\w*", r"виплат\w*",
                           r"palkkio\w*", r"erhalten", r"erhielt", r"otrzyma\w*", r"nagrod\w*"), None),
    "offered": (_p(r"promised(?: him| her| them)?", r"offered(?: him| her| them)?", r"обещал\w*", r"пообещал\w*",
                   r"предлагал\w*", r"предложил\w*", r"обіцяли", r"пообіцял\w*", r"пропонувал\w*", r"запропонувал\w*",
                   r"lupasi", r"versprach\w*", r"obieca\w*"), "after"),
    "motivation": (_p(r"because", r"in protest", r"in order to", r"поскольку", r"потому что", r"так как", r"из-за",
                      r"бо", r"тому що", r"оскільки", r"через те що", r"koska", r"weil", r"ponieważ"), "after"),
    "defected_with": (_p(r"defected with", r"flew", r"landed (?:his|the|a)", r"hijacked", r"угнал\w*", r"угнавш\w*",
                         r"перегнал\w*", r"перегнавш\w*", r"викрав\w*", r"перегнав\w*", r"loikkasi", r"entführt\w*",
                         r"uprowadzi\w*"), None),
    "fled_to": (_p(r"defected to", r"fled to", r"escaped to", r"crossed (?:in)?to", r"перелетел\w*", r"перебежал\w*",
                   r"бежал\w*", r"перешел на сторону", r"перейшов на бік", r"втік", r"перегнав\w* (?:його )?в",
                   r"перегнал\w* (?:его )?(?:на|в)", r"loikkasi", r"übergelaufen\w*", r"uciekł\w*"), None),
    "place_of_death": (_p(r"(?:killed|died|shot dead|shot to death|found dead|murdered)(?:\s+\S+){0,5}?\s+(?:in|near)",
                          r"(?:убит\w*|застрелен\w*|погиб\w*|найден\w*|нашли|умер\w*|выстрелил\w*)(?:\s+\S+){0,6}?\s+(?:в|во|на)",
                          r"(?:вбит\w*|застрелен\w*|загинув|загинул\w*|стріляв\w*|помер\w*)(?:\s+\S+){0,6}?\s+(?:в|у|на)",
                          r"(?:asesinad\w*|acribillad\w*|muert\w*|murió|tirotead\w*|crimen)(?:\s+\S+){0,8}?\s+(?:en|de)"), None),
    "date_of_death": (_p(r"died on", r"killed on", r"shot dead on", r"убит\w* \d", r"обнаружили", r"вбит\w* \d"), None),
    "cause_of_death": (_p(r"shot dead", r"shot to death", r"found dead", r"killed", r"murder(?:ed)?", r"died",
                          r"застрелен\w*", r"застрелил\w*", r"убит\w*", r"убийств\w*", r"погиб\w*", r"смерт\w*", r"умер\w*",
                          r"вбит\w*", r"вбивств\w*", r"застрелил\w*", r"загинув", r"загинул\w*", r"помер\w*",
                          r"выстрелил\w*", r"стріляв\w*", r"run over", r"ammuttiin", r"kuoli", r"erschossen", r"getötet",
                          r"zastrzelon\w*", r"zabit\w*", r"asesinat\w*", r"asesinad\w*", r"acribillad\w*", r"tirotead\w*",
                          r"murió", r"muert[oa]"), "trigger"),
    "based_at": (_p(r"lived in", r"living in", r"moved to", r"moving to", r"based (?:at|in)", r"stationed (?:at|in)",
                    r"переехал\w*", r"проживал\w*", r"жил в", r"переїхав\w*", r"мешкав", r"проживав", r"asui", r"muutti",
                    r"lebte", r"mieszka\w*"), None),
    "served_in": (_p(r"served in", r"serving in", r"служил\w* в", r"служив у", r"служив в", r"palveli"), None),
    "rank": (_p(r"captain", r"major", r"lieutenant", r"colonel", r"sergeant", r"капитан\w*", r"майор\w*", r"лейтенант\w*",
                r"капітан\w*", r"kapteeni", r"kapitän", r"kapitan\w*", r"capitán", r"teniente", r"coronel"), "trigger"),
    "role": (_p(r"(?:the )?head of [^,;]{3,60}?(?=,|\s[A-ZА-ЯІЇЄ])", r"(?:a |the )?(?:spokes(?:man|woman|person)|representative|director|chief|"
                r"commander) (?:of|for) [^,;]{3,60}?(?=,|\s[A-ZА-ЯІЇЄ]|$)",
                r"(?:директор|глава|руководитель|представитель|командир|керівник|представник|речник)\s+[^,;]{3,60}?(?=,|\s[A-ZА-ЯІЇЄ][а-яіїєґ]+\s[A-ZА-ЯІЇЄ])",
                r"(?:helicopter|transport helicopter|fighter|fighter-bomber) pilot", r"piloto de helicópteros"), "trigger"),
    "in_custody_of": (_p(r"captured", r"detained", r"in custody", r"arrested", r"taken prisoner", r"задержан\w*",
                         r"в плену", r"затриман\w*", r"у полоні", r"в полоні", r"pidätettiin", r"festgenommen"), None),
    "sought_asylum_in": (_p(r"asylum", r"убежищ\w*", r"притул\w*", r"turvapaik\w*", r"asyl"), None),
    "deserters": (_p(r"desert(?:ed|ers?|ion)", r"fled (?:their|his) posts", r"дезертир\w*", r"самовольно оставил\w*",
                     r"karkur\w*", r"dezerter\w*"), None),
    "personnel_losses": (_p(r"lost", r"losses", r"casualties", r"потер\w*", r"втрат\w*", r"tappio\w*", r"verluste"), None),
    "spokesperson_for": (_p(r"spokes(?:man|woman|person) for", r"представитель", r"представник", r"речник\w*",
                            r"tiedottaja"), None),
}


@dataclass
class Choice:
    property: str
    value: dict[str, Any]
    trigger: str  # the words that chose it
    printed: str | None = None  # the figure as printed, when the value is one
    figure: Figure | None = None


def _fits(prop: str, subject_type: EntityType | None) -> bool:
    p = PROPERTIES[prop]
    return subject_type is not None and (p.subjects is None or subject_type in p.subjects)


def _text_after(sentence: str, at: int) -> str | None:
    """The clause after position `at`, verbatim, without its closing punctuation."""
    rest = sentence[at:]
    m = re.match(r"\s*(?:that\s+|что\s+|що\s+|, что\s+|, що\s+)?(.+?)(?:[;.!?](?:\s|$)|,\s(?:but|however|although|а|но|але)\s|$)", rest)
    if not m:
        return None
    text = m.group(1).strip(" ,;:\u2013\u2014\"'\u201c\u201d\u00ab\u00bb")
    return text if len(text) >= 3 else None


def choose_all(sentence: str, subject_type: EntityType | None, figures: Sequence[Figure],
               entities: Sequence[tuple[str, EntityType, int]], date: tuple[str, str] | None,
               spoken: bool) -> list[Choice]:
    """Every property the sentence's words state about a subject of this type, each with its
    value, in the table's order; one sentence often states several ("a 28-year-old pilot who
    defected to Ukraine": an age and where he fled).

    `entities` are the other registry entities of the sentence (id, type, offset); `date` a
    date printed in it (value, as printed); `spoken` whether the sentence attributes words."""
    out: list[Choice] = []
    used_figures: set[int] = set()
    found: list[tuple[int, str, re.Match]] = []
    for order, (prop, (pattern, _how)) in enumerate(TRIGGERS.items()):
        m = pattern.search(sentence)
        if m and _fits(prop, subject_type):
            found.append((order, prop, m))
    for _order, prop, m in found:
        if any(c.property == prop for c in out):
            continue
        kinds = PROPERTIES[prop].values
        targets = PROPERTIES[prop].targets
        if ValueKind.quantity in kinds:
            fig = _figure_for(prop, [f for f in figures if id(f) not in used_figures], m)
            if fig is not None:
                used_figures.add(id(fig))
                out.append(Choice(prop, dict(fig.value), m.group(), " ".join(fig.printed.split()), fig))
                continue
            if kinds == {ValueKind.quantity}:
                continue
        if ValueKind.entity in kinds:
            pick = [e for e in entities if targets is None or e[1] in targets]
            if pick:
                after = [e for e in pick if e[2] >= m.start()] or pick
                out.append(Choice(prop, {"entity": after[0][0]}, m.group()))
            continue
        if ValueKind.date in kinds:
            if date:
                out.append(Choice(prop, {"date": date[0]}, m.group(), date[1]))
            continue
        if ValueKind.text in kinds:
            how = TRIGGERS[prop][1]
            text = m.group() if how == "trigger" else _text_after(sentence, m.end())
            if text:
                out.append(Choice(prop, {"text": text}, m.group()))
    return out


def _figure_for(prop: str, figures: Sequence[Figure], trigger: re.Match) -> Figure | None:
    """The figure a quantity property takes: an age takes years, money takes a currency, a
    count takes people or equipment; the one nearest after the trigger first."""
    def ok(f: Figure) -> bool:
        v = f.value
        if prop == "age":
            return v.get("unit") == "year"
        if prop in ("reward_received", "salary", "recruitment_payment", "reward_for_equipment", "reward_value"):
            return "currency" in v
        return "currency" not in v and v.get("unit") not in ("year", "month", "day")
    good = [f for f in figures if ok(f)]
    if not good:
        return None
    after = [f for f in good if f.start >= trigger.start()]
    return (after or good)[0]


# A nationality printed as an adjective before a person ("a Russian pilot", "российский лётчик",
# "російського льотчика"): the adjective's stem and the country's name as a registry names it.
DEMONYMS: tuple[tuple[str, str], ...] = (
    (r"russian|российск\w*|русск\w*|російськ\w*|venäläi\w*|rosyjsk\w*|ruso|rusa", "russia"),
    (r"ukrainian|украинск\w*|українськ\w*|ukrainalai\w*|ukraiński\w*|ucraniano|ucraniana", "ukraine"),
)
_PERSON_NOUN = (r"(?:\s+[^\W\d_]+){0,2}?\s+(?:pilot|defector|deserter|soldier|officer|serviceman|captain|man|"
                r"лётчик\w*|летчик\w*|пилот\w*|перебежчик\w*|военнослужащ\w*|офицер\w*|"
                r"льотчик\w*|пілот\w*|перебіжчик\w*|військовослужбов\w*|офіцер\w*|lentäjä\w*|pilotti\w*|piloto)(?![^\W\d_])")


def nationality(sentence: str, country_ids: dict[str, str]) -> Choice | None:
    """The nationality an adjective gives a person the sentence refers to, when the registry
    holds the country (`country_ids`: 'russia' -> its id)."""
    for stems, country in DEMONYMS:
        m = re.search(rf"(?<![^\W\d_])(?:{stems}){_PERSON_NOUN}", sentence, re.I)
        if m and country in country_ids:
            return Choice("nationality", {"entity": country_ids[country]}, m.group())
    return None
