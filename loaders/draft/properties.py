"""A claim's property chosen from the vocabulary by the words that state it, and its value.

Each property of schema/vocab.py that articles state in words has trigger patterns here, in
the languages of the measurement set; a sentence's triggers are scored, and a property is kept
only if the subject's type may take it and the sentence holds a value of a kind it accepts: a
figure for a quantity, a registry entity of a target type for an entity, a printed date for a
date, the words of the sentence for text. Every text value is a verbatim span of the sentence,
except a closed category (a cause of death, a rank) or a direction of change (increasing,
decreasing), whose words as printed go in `printed`. Nothing is chosen when no trigger is found:
the candidate then lists the properties its subject can take, as before.

Beside the triggers: a speaker's own words as a position, proposal, motivation or expected
penalty (`speech_choice`; first-person or long words leave the value to the curator), roles and
posts printed with a name, a body's description printed before its name, and links printed by
how two names stand together (`links`: "BBC Russian's Olga Ivshina", "the Latvia-based ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from ...schema.units import DURATION, PROPERTY_UNITS
from ...schema.vocab import PROPERTIES, EntityType, ValueKind
from .figures import Figure


def _p(*patterns: str) -> re.Pattern:
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(patterns) + r")", re.I)


# property -> (trigger, how the text value is read: "trigger" (its words), "after" (the clause
# after it), "category" (the closed category its words name, schema/categories.py), "trend" (a
# figure of times or percent, else the direction its words give: increasing or decreasing), or
# None for properties whose value is never text)
TRIGGERS: dict[str, tuple[re.Pattern, str | None]] = {
    "age": (_p(r"\d+-year-old", r"aged \d+", r"(?<=[^\W\d_], )[1-9]\d(?=,)", r"\d+ (?:years?|лет|років|року|vuotta)(?: old)?", r"\d+-летн", r"\d+-річн",
               r"\d+-vuotia", r"\d+-letni", r"\d+-jährig", r"возраст", r"вік"), None),
    "reward_received": (_p(r"paid", r"received", r"gave", r"given", r"awarded", r"выдал\w*", r"дали", r"надали", r"дав", r"rewarded", r"reward", r"bounty", r"получил\w*", r"получит", r"выплат\w*",
                           r"вознагражден\w*", r"отримав", r"отримає", r"отримала", r"винагород\w*", r"виплат\w*",
                           r"palkkio\w*", r"erhalten", r"erhielt", r"otrzyma\w*", r"nagrod\w*"), None),
    "offered": (_p(r"promised(?: him| her| them)?", r"offered(?: him| her| them)?", r"обещал\w*", r"пообещал\w*",
                   r"предлагал\w*", r"предложил\w*", r"обіцяли", r"пообіцял\w*", r"пропонувал\w*", r"запропонувал\w*",
                   r"lupasi", r"versprach\w*", r"obieca\w*"), "after"),
    "motivation": (_p(r"because", r"in protest", r"in order to", r"due to", r"out of (?=\w+ (?:to|for|with)\b)",
                      r"in opposition to", r"opposed to", r"поскольку", r"потому что", r"так как", r"из-за",
                      r"бо", r"тому що", r"оскільки", r"через те що", r"koska", r"weil", r"ponieważ"), "after"),
    "defected_with": (_p(r"defected with", r"fl(?:ew|ying|own) (?:[^\W\d_]+\s+){0,4}?(?:to|into|across)(?![^\W\d_])", r"landed (?:his|the|a)",
                         r"br(?:ought|ing|ings|inging) (?:his|her|their|the|a|an)(?![^\W\d_])", r"hijacked", r"угнал\w*", r"угнавш\w*",
                         r"перегнал\w*", r"перегнавш\w*", r"викрав\w*", r"перегнав\w*", r"loikkasi", r"entführt\w*",
                         r"uprowadzi\w*"), None),
    # who flew, drove or crewed a kind of equipment: "he flew helicopters", "an attack helicopter navigator"
    "operated": (_p(r"fl(?:ew|ies|y|ying|own)(?![^\W\d_])", r"pilot(?:ed|ing|s)?(?![^\W\d_])", r"co-pilot", r"navigator",
                    r"dr(?:ove|ives|iving)(?![^\W\d_])", r"driver", r"gunner", r"crew(?:man|men|member)", r"operat(?:ed|es|ing)",
                    r"летал\w*", r"пилотировал\w*", r"штурман\w*", r"механик\w*", r"літав\w*", r"пілотував\w*"), None),
    "fled_to": (_p(r"defected to", r"fled to", r"escaped to", r"crossed (?:in)?to", r"перелетел\w*", r"перебежал\w*",
                   r"бежал\w*", r"перешел на сторону", r"перейшов на бік", r"втік", r"перегнав\w* (?:його )?в",
                   r"перегнал\w* (?:его )?(?:на|в)", r"loikkasi", r"übergelaufen\w*", r"uciekł\w*"), None),
    "place_of_death": (_p(r"(?:killed|died|shot dead|shot to death|found dead|murdered)(?:\s+\S+){0,5}?\s+(?:in|near)",
                          r"(?:убит\w*|застрелен\w*|погиб\w*|найден\w*|нашли|умер\w*|выстрелил\w*)(?:\s+\S+){0,6}?\s+(?:в|во|на)",
                          r"(?:вбит\w*|застрелен\w*|загинув|загинул\w*|стріляв\w*|помер\w*)(?:\s+\S+){0,6}?\s+(?:в|у|на)",
                          r"(?:asesinad\w*|acribillad\w*|muert\w*|murió|tirotead\w*|crimen)(?:\s+\S+){0,8}?\s+(?:en|de)"), None),
    # when a body was found: "his body was found on 13 February", "был найден застреленным 13 февраля"
    "body_found": (_p(r"body (?:was |had been |has been )?(?:[^\W\d_]+ ){0,2}?(?:found|discovered)", r"found (?:dead|shot|killed|murdered)",
                      r"(?:был|была|были) (?:\w+ )?(?:найден\w*|обнаружен\w*)", r"(?:тело|труп)\w* (?:\w+ ){0,3}?(?:найден\w*|обнаруж\w*)",
                      r"(?:було|був|була) (?:\w+ )?(?:знайден\w*|виявлен\w*)", r"(?:тіло|труп)\w* (?:\w+ ){0,3}?(?:знайш\w*|виявил\w*)"), None),
    "date_of_death": (_p(r"died on", r"killed on", r"shot dead on", r"убит\w* \d", r"обнаружили", r"вбит\w* \d"), None),
    "cause_of_death": (_p(r"shot dead", r"shot to death", r"found dead", r"killed", r"murder(?:ed)?", r"died",
                          r"застрелен\w*", r"застрелил\w*", r"убит\w*", r"убийств\w*", r"погиб\w*", r"смерт\w*", r"умер\w*",
                          r"вбит\w*", r"вбивств\w*", r"застрелил\w*", r"загинув", r"загинул\w*", r"помер\w*",
                          r"выстрелил\w*", r"стріляв\w*", r"run over", r"ammuttiin", r"kuoli", r"erschossen", r"getötet",
                          r"zastrzelon\w*", r"zabit\w*", r"asesinat\w*", r"asesinad\w*", r"acribillad\w*", r"tirotead\w*",
                          r"murió", r"muert[oa]"), "category"),
    "based_at": (_p(r"lived in", r"living in", r"moved to", r"moving to", r"based (?:at|in)", r"stationed (?:at|in)",
                    r"переехал\w*", r"проживал\w*", r"жил в", r"переїхав\w*", r"мешкав", r"проживав", r"asui", r"muutti",
                    r"lebte", r"mieszka\w*"), None),
    "served_in": (_p(r"served in", r"serving in", r"служил\w* в", r"служив у", r"служив в", r"palveli"), None),
    "rank": (_p(r"captain", r"major", r"lieutenant", r"colonel", r"sergeant", r"капитан\w*", r"майор\w*", r"лейтенант\w*",
                r"капітан\w*", r"полковник\w*", r"сержант\w*", r"kapteeni", r"kapitän", r"kapitan\w*", r"capitán",
                r"teniente", r"coronel", r"sargento", r"porucznik\w*", r"pułkownik\w*"), "category"),
    # a post's words run to the comma that closes them or to the name that follows, the last two
    # capitalised words before a lower-case one or the sentence's end (capitals matched as
    # capitals: the patterns are otherwise case-blind)
    "role": (_p(r"(?:the )?head of [^,;]{3,60}?(?=,|(?-i:\s[A-ZА-ЯІЇЄ][^\W\d_]+\s[A-ZА-ЯІЇЄ][^\W\d_]+(?=\s+[a-zа-яіїєґ]|[.;:]|$)))",
                r"(?:a |the )?(?:spokes(?:man|woman|person)|representative|director|chief|"
                r"commander) (?:of|for) [^,;]{3,60}?(?=,|(?-i:\s[A-ZА-ЯІЇЄ][^\W\d_]+\s[A-ZА-ЯІЇЄ][^\W\d_]+(?=\s+[a-zа-яіїєґ]|[.;:]|$))|$)",
                r"(?:директор|глава|руководитель|представитель|командир|керівник|представник|речник)\s+[^,;]{3,60}?(?=,|(?-i:\s[A-ZА-ЯІЇЄ][а-яіїєґ]+\s[A-ZА-ЯІЇЄ]))",
                r"(?:helicopter|transport helicopter|fighter|fighter-bomber) pilot", r"piloto de helicópteros"), "trigger"),
    "in_custody_of": (_p(r"captured", r"detained", r"in custody", r"arrested", r"taken prisoner", r"(?:being )?held (?:at|by|in)",
                         r"удержива\w*", r"утримую\w*", r"przetrzymywan\w*", r"задержан\w*",
                         r"в плену", r"затриман\w*", r"у полоні", r"в полоні", r"pidätettiin", r"festgenommen"), None),
    # asking for asylum, not a programme or a policy of asylum ("start an asylum programme")
    "sought_asylum_in": (_p(r"(?:sought|seeks?|seeking|requested|request(?:ing)?|applied for|appl(?:y|ies|ying) for|asked for|"
                            r"granted|claim(?:ed|s|ing)?|received|given) (?:political )?asylum", r"asylum (?:request|claim|application)",
                            r"убежищ\w*", r"притул\w*", r"turvapaik\w*", r"asyl(?:antrag)?(?![^\W\d_])"), None),
    "deserters": (_p(r"desert(?:ed|ing|ers?|ion)", r"fled (?:their|his) posts", r"AWOL", r"unauthori[sz]ed absence",
                     r"refus\w* to serve", r"дезертир\w*", r"самовольн\w* оставлени\w*", r"самовольно оставил\w*", r"СОЧ",
                     r"самовільн\w* залишенн\w*", r"самоволн\w* напускане", r"отказ\w* от службы", r"відмов\w* від служби",
                     r"karkur\w*", r"dezerter\w*", r"dezerci\w*"), None),
    "surrendered": (_p(r"surrender(?:ed|s)?", r"gave themselves up", r"сда(?:лись|ться|лся|вшихся)(?: в плен)?",
                       r"сдач\w* в плен", r"здал(?:ися|ись|ся)(?: в полон)?", r"здатися", r"здача\w* в полон",
                       r"odda(?:ło|li|ł) się", r"poddał\w*", r"предал\w* се"), None),
    "population": (_p(r"population", r"inhabitants", r"населени\w*", r"населенн\w*", r"жител\w*", r"мешканц\w*"), None),
    "emigration": (_p(r"emigrat\w*", r"left (?:the country|russia)", r"abandoned (?:the country|russia)", r"fled (?:the country|russia)",
                      r"эмигрир\w*", r"уехал\w* из", r"покинул\w*", r"емігрув\w*", r"виїхал\w*"), None),
    "deaths": (_p(r"killed", r"died", r"dead", r"deaths", r"погиб\w*", r"убит\w*", r"загинул\w*", r"загинуло", r"вбит\w*",
                  r"murieron", r"muertos", r"zginęł\w*"), None),
    # a change in desertion: its words near a word of desertion ("increasingly deserting",
    # "desertion ... increased tenfold"); a figure of times or percent, else the direction
    "desertion_trend": (_p(r"(?:increas\w*|ris(?:e|es|ing|en)|rose|grow\w*|grew|doubl\w*|tripl\w*|\w+fold|decreas\w*|fell|"
                           r"fall\w*|drop\w*|declin\w*)(?=(?:\s+\S+){0,6}?\s+(?:desert\w*|AWOL))",
                           r"(?<=desertion )(?:\S+\s+){0,8}?(?:increas\w*|ris(?:e|es|en)|rose|grew|doubl\w*|tripl\w*|decreas\w*|fell|dropp\w*|declin\w*)",
                           r"(?<=deserters )(?:\S+\s+){0,8}?(?:increas\w*|ris(?:e|es|en)|rose|grew|doubl\w*|tripl\w*|decreas\w*|fell|dropp\w*|declin\w*)",
                           r"(?:рост|увеличени|сокращени|сниж)\w*(?=(?:\s+\S+){0,4}?\s+(?:дезертир|СОЧ|самовольн))"), "trend"),
    "troop_strength": (_p(r"troops? (?:numbering|strong)", r"strength of", r"численност\w*", r"чисельн\w*"), None),
    "other_crew": (_p(r"other (?:\w+ )?crew", r"crew members?", r"членов экипажа", r"членів екіпажу", r"tripulantes"), None),
    "equipment_count": (_p(r"had (?:between )?\d", r"имел\w*", r"мав"), None),
    "aircraft_lost": (_p(r"aircraft (?:lost|downed|destroyed)", r"lost \d+ (?:aircraft|helicopters|planes|jets)",
                         r"потерял\w* \d+ (?:самолет|вертол)", r"втратил\w* \d+ (?:літак|гелікоптер|вертол)"), None),
    "salary": (_p(r"salar(?:y|ies)", r"wages?", r"monthly pay", r"зарплат\w*", r"жаловань\w*", r"денежное довольствие",
                  r"грошове забезпечення", r"wynagrodzeni\w*", r"pensj\w*"), None),
    "recruitment_payment": (_p(r"sign(?:ing|-on|-up) (?:bonus|payment)", r"enlistment bonus", r"(?:new )?recruits?(?![^\W\d_])",
                               r"recruit(?:ed|ing|ment)(?![^\W\d_])", r"enlist\w*", r"единовременн\w* выплат\w*",
                               r"одноразов\w* виплат\w*"), None),
    "personnel_losses": (_p(r"lost", r"losses", r"casualties", r"потер\w*", r"втрат\w*", r"tappio\w*", r"verluste"), None),
    "spokesperson_for": (_p(r"spokes(?:man|woman|person) for", r"представитель", r"представник", r"речник\w*",
                            r"tiedottaja"), None),
}


# Words that name a category of a closed scheme (schema/categories.py), in the languages the
# war is reported in: the scheme's own wordings are English; a curator writes the category and
# keeps the words as printed. Most specific first: "shot and killed" is shot.
CATEGORY_WORDS: dict[str, tuple[tuple[str, re.Pattern], ...]] = {
    "death": (
        ("run_over", _p(r"run over", r"ran (?:him |her )?over", r"hit by a (?:car|vehicle)", r"переех\w*", r"сбил\w* (?:его |ее )?машин\w*",
                        r"переїха\w*", r"atropell\w*", r"przejecha\w*")),
        ("shot", _p(r"shot", r"gunned down", r"gunshot", r"bullet", r"пулев\w*", r"кульов\w*", r"застрел\w*", r"выстрел\w*", r"расстрел\w*", r"стріля\w*",
                    r"застрели\w*", r"постріл\w*", r"acribill\w*", r"tirote\w*", r"disparo\w*", r"zastrzel\w*", r"ammu\w*",
                    r"erschossen")),
        ("stabbed", _p(r"stabbed", r"зарезан\w*", r"ножев\w*", r"зарізан\w*", r"apuñal\w*")),
        ("poisoned", _p(r"poison\w*", r"отравл\w*", r"отруєн\w*", r"отруї\w*", r"envenen\w*")),
        ("murdered", _p(r"murder\w*", r"assassinat\w*", r"убийств\w*", r"вбивств\w*", r"asesinat\w*", r"asesin\w*", r"morderstw\w*",
                        r"zamordowan\w*")),
        ("killed", _p(r"killed", r"slain", r"убит\w*", r"убил\w*", r"вбит\w*", r"вбил\w*", r"вбив", r"zabit\w*", r"zabił\w*",
                      r"getötet")),
        ("suicide", _p(r"suicide", r"took (?:his|her) own life", r"killed (?:him|her)self", r"самоубийств\w*", r"самогубств\w*",
                       r"suicid\w*")),
        ("died", _p(r"died", r"dead", r"death", r"погиб\w*", r"умер\w*", r"смерт\w*", r"загину\w*", r"помер\w*", r"murió",
                    r"muert[oa]", r"zmarł\w*", r"kuoli")),
    ),
    "rank": (
        ("captain", _p(r"captain", r"капитан\w*", r"капітан\w*", r"kapteeni", r"kapitän", r"kapitan\w*", r"capitán")),
        ("lieutenant_colonel", _p(r"lieutenant colonel", r"подполковник\w*", r"підполковник\w*", r"teniente coronel")),
        ("colonel", _p(r"colonel", r"полковник\w*", r"coronel", r"pułkownik\w*")),
        ("major", _p(r"major", r"майор\w*", r"mayor")),
        ("senior_lieutenant", _p(r"senior lieutenant", r"старш\w* лейтенант\w*")),
        ("lieutenant", _p(r"lieutenant", r"лейтенант\w*", r"teniente", r"porucznik\w*")),
        ("sergeant", _p(r"sergeant", r"сержант\w*", r"sargento")),
    ),
}


def categories_in(scheme: str, sentence: str) -> list[tuple[str, str]]:
    """(category, words as printed) for each category of `scheme` the sentence names, most
    specific first, without a category another one found implies (shot implies killed)."""
    from ...schema.categories import SCHEMES

    found: list[tuple[str, str, int]] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in CATEGORY_WORDS.get(scheme, ()):
        for m in pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # "lieutenant colonel" is not also a lieutenant
            found.append((name, m.group(), m.start()))
            taken.append((m.start(), m.end()))
            break
    sch = SCHEMES[scheme]
    names = {n for n, _w, _a in found}
    keep = [(n, w, a) for n, w, a in found if not any(o != n and n in sch.closure(o) for o in names)]
    return [(n, w) for n, w, _a in sorted(keep, key=lambda x: x[2])]


@dataclass
class Choice:
    property: str
    value: dict[str, Any] | None  # None: the property is proposed, the value left to the curator
    trigger: str  # the words that chose it
    printed: str | None = None  # the figure as printed, when the value is one
    figure: Figure | None = None


_MAY_REACH = re.compile(r"\s+(?:[^\W\d_]+\s+){0,4}?(?:could|would|can|may|might|will)\s+(?:[^\W\d_]+\s+)?(?:reach|be|amount|total|fetch|get)",
                        re.I)


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
        if TRIGGERS[prop][1] == "trend":
            figs = [f for f in figures if id(f) not in used_figures and f.value.get("unit") in ("times", "percent")]
            if figs:
                used_figures.add(id(figs[0]))
                out.append(Choice(prop, dict(figs[0].value), m.group(), " ".join(figs[0].printed.split()), figs[0]))
            else:
                word = re.search(r"\S+$", m.group()).group()  # the verb of the change, as printed
                direction = "decreasing" if re.search(r"decreas|fell|fall|drop|declin|сокращ|сниж", word, re.I) else "increasing"
                out.append(Choice(prop, {"text": direction}, word, word))
            continue
        if prop == "reward_received" and (TRIGGERS["salary"][0].search(sentence) or _MAY_REACH.match(sentence[m.end():])):
            continue  # pay that is a salary, or a reward that "could reach" a sum (a rule, not a payment)
        if ValueKind.quantity in kinds:
            found_fig = _figure_for(prop, [f for f in figures if id(f) not in used_figures], m)
            if found_fig is not None:
                fig, value = found_fig
                used_figures.add(id(fig))
                out.append(Choice(prop, value, m.group(), " ".join(fig.printed.split()), fig))
                # a list of counts of one kind ("9,059 cases of ..., 627 cases of ... and 339 cases of
                # desertion"): each is a claim, the curator gives each its group
                while "unit" in fig.value:
                    more = _figure_for(prop, [f for f in figures if id(f) not in used_figures
                                              and f.value.get("unit") == fig.value["unit"]], m)
                    if more is None:
                        break
                    fig, value = more
                    used_figures.add(id(fig))
                    out.append(Choice(prop, value, m.group(), " ".join(fig.printed.split()), fig))
                continue
            if kinds == {ValueKind.quantity}:
                continue
        if ValueKind.entity in kinds:
            pick = [e for e in entities if targets is None or e[1] in targets]
            if prop == "in_custody_of":
                # who holds the person; where ("detained in Gyumri") is the detention's place
                pick = [e for e in pick if e[1] is not EntityType.place]
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
            if how == "category":
                for name, words in categories_in(PROPERTIES[prop].categories, sentence):
                    out.append(Choice(prop, {"text": name}, words, words))
                continue
            text = m.group() if how == "trigger" else _text_after(sentence, m.end())
            if text:
                out.append(Choice(prop, {"text": text}, m.group()))
    return out


def _figure_for(prop: str, figures: Sequence[Figure], trigger: re.Match) -> tuple[Figure, dict] | None:
    """The figure a quantity property takes and its value, by what the property counts
    (schema/units.py): an age takes years, money a currency, a count people or equipment; the
    one nearest after the trigger first. A figure printed without a unit takes the property's
    one unit when it counts only one."""
    counts = PROPERTY_UNITS[prop]

    def ok(f: Figure) -> bool:
        v = f.value
        if "currency" in v:
            return counts.money
        if prop == "age":  # "28-year-old", or "Setrakov, 39," where the trigger is the figure itself
            return v.get("unit") == "year" or ("unit" not in v and f.printed == trigger.group() and "bound" not in v)
        return v.get("unit") in counts.units or ("unit" not in v and bool(counts.units - DURATION))
    good = [f for f in figures if ok(f)]
    if not good:
        return None
    after = [f for f in good if f.start >= trigger.start()]
    fig = (after or good)[0]
    value = dict(fig.value)
    if prop == "age" and "unit" not in value:
        value["unit"] = "year"
    if "unit" not in value and "currency" not in value and len(counts.units) == 1:
        value["unit"] = next(iter(counts.units))  # the property counts one thing only (surrendered: people)
    return fig, value


# A nationality printed as an adjective before a person ("a Russian pilot", "российский лётчик",
# "російського льотчика"): the adjective's stem and the country's name as a registry names it.
DEMONYMS: tuple[tuple[str, str], ...] = (
    (r"russian|российск\w*|русск\w*|російськ\w*|venäläi\w*|rosyjsk\w*|ruso|rusa|россиян\w*|росіян\w*|rosjan\w*|РФ", "russia"),
    (r"ukrainian|украинск\w*|українськ\w*|ukrainalai\w*|ukraiński\w*|ucraniano|ucraniana", "ukraine"),
)
# adjectives of other countries a post may be printed with ("Armenian Prime Minister")
_MORE_DEMONYMS: tuple[tuple[str, str], ...] = (
    (r"armenian|армянск\w*|вірменськ\w*", "armenia"), (r"belarusian|белорусск\w*|білоруськ\w*", "belarus"),
    (r"lithuanian|литовск\w*|литовськ\w*", "lithuania"), (r"spanish|испанск\w*|іспанськ\w*|español\w*", "spain"),
    (r"polish|польск\w*|польськ\w*|polsk\w*", "poland"), (r"georgian|грузинск\w*|грузинськ\w*", "georgia"),
)
_PERSON_NOUN = (r"(?:\s+[^\W\d_]+){0,2}?\s+(?:pilot|defector|deserter|soldier|officer|serviceman|captain|man|"
                r"лётчик\w*|летчик\w*|пилот\w*|перебежчик\w*|военнослужащ\w*|офицер\w*|"
                r"льотчик\w*|пілот\w*|перебіжчик\w*|військовослужбов\w*|офіцер\w*|lentäjä\w*|pilotti\w*|piloto|"
                r"citizen|conscript|contract soldier|россиянин\w*|росіянин\w*|żołnierz\w*)(?![^\W\d_])")
# a citizenship printed after the noun: "гражданин РФ", "громадянин Росії", "citizen of Russia", "obywatel Rosji"
_CITIZEN_OF = (r"(?<![^\W\d_])(?:citizen of|гражданин\w*|гражданк\w*|громадянин\w*|громадянк\w*|obywatel\w*)\s+(?:the\s+)?")
_COUNTRY_AFTER = {"russia": r"РФ|Росси\w*|Росі\w*|Russia|Rosji|Russian Federation|Российской Федерации",
                  "ukraine": r"Украин\w*|України|Україна|Ukraine|Ukrainy"}


def nationality(sentence: str, country_ids: dict[str, str]) -> Choice | None:
    """The nationality an adjective gives a person the sentence refers to, when the registry
    holds the country (`country_ids`: 'russia' -> its id)."""
    for stems, country in DEMONYMS:
        m = re.search(rf"(?<![^\W\d_])(?:{stems}){_PERSON_NOUN}", sentence, re.I)
        if m and country in country_ids:
            return Choice("nationality", {"entity": country_ids[country]}, m.group())
    for country, names in _COUNTRY_AFTER.items():
        m = re.search(rf"{_CITIZEN_OF}(?:{names})(?![^\W\d_])", sentence, re.I)
        if m and country in country_ids:
            return Choice("nationality", {"entity": country_ids[country]}, m.group())
    return None


def _pw(*patterns: str) -> re.Pattern:
    return re.compile(_p(*patterns).pattern + r"(?![^\W\d_])", re.I)


# Official posts (the `post` property, categories of schema/categories.py POSTS) as printed
# before or after a person's name: "spokesman Andriy Yusov", "спикер проекта «Хочу жить»
# Виталий Матвиенко", "Armenian Prime Minister Nikol Pashinyan", "Artur Sakunts, the
# organization's director". Deputy first: "deputy head" is no head.
POST_WORDS: tuple[tuple[str, re.Pattern], ...] = (
    ("deputy", _pw(r"deputy (?:head|chief|director|chairman)", r"заместител\w*", r"заступник\w*", r"zastęp\w*")),
    ("deputy_minister", _pw(r"deputy (?:defen[cs]e )?minister", r"замминистр\w*", r"заступник\w* міністр\w*")),
    ("head_of_government", _pw(r"prime minister", r"premier", r"премьер(?:-министр)?\w*", r"прем['’ʼ]єр(?:-міністр)?\w*")),
    ("head_of_state", _pw(r"president(?! of the)", r"президент\w*", r"prezydent\w*")),
    ("minister", _pw(r"(?:defen[cs]e |foreign )?minister", r"министр\w*", r"міністр\w*", r"minist(?:er|ra)\w*")),
    ("spokesperson", _pw(r"spokes(?:man|woman|person)", r"press secretary", r"спикер\w*", r"пресс-секретар\w*", r"речник\w*",
                        r"прес-секретар\w*", r"rzecznik\w*", r"представител\w*", r"представник\w*")),
    ("commander", _pw(r"commander", r"командир\w*", r"командующ\w*", r"dowódc\w*")),
    ("head", _pw(r"head", r"chief", r"director", r"chairman", r"leader", r"глава", r"главы", r"руководител\w*", r"директор\w*",
                r"керівник\w*", r"голова", r"голови", r"szef\w*", r"dyrektor\w*")),
)
_AGENT_BODY = frozenset({EntityType.organization, EntityType.unit})


def posts(sentence: str, ents: Sequence[tuple[str, EntityType, int, int]], countries: dict[str, str]) -> list[tuple[str, Choice]]:
    """(person, choice) for each post the sentence gives a person it names, with the body the
    post belongs to: the organization or unit printed after the post word and before the
    person ("спикер проекта «Хочу жить» Виталий Матвиенко"), or right before it ("Idite Lesom
    head Grigory Sverdlin"), or a country's adjective before it ("Armenian Prime Minister").
    `ents` are the sentence's entities (id, type, start, end)."""
    out: list[tuple[str, Choice]] = []
    taken: list[tuple[int, int]] = []
    for post, pattern in POST_WORDS:
        for m in pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            people = [e for e in ents if e[1] is EntityType.person]
            after = [e for e in people if 0 <= e[2] - m.end() <= 70]
            before = [e for e in people if 0 <= m.start() - e[3] <= 30 and re.search(r",\s*(?:the\s+|a\s+|an\s+)?[^,]*$", sentence[e[3]:m.start()])]
            person = after[0] if after else before[-1] if before else None
            if person is None:
                continue
            end = person[2] if person[2] > m.end() else len(sentence)
            bodies = [e for e in ents if e[1] in _AGENT_BODY and m.end() <= e[2] < end and e[2] - m.end() <= 60]
            if not bodies:
                bodies = [e for e in ents if e[1] in _AGENT_BODY and 0 <= m.start() - e[3] <= 3]
            body = bodies[0][0] if bodies else None
            if body is None:
                for stems, country in DEMONYMS + _MORE_DEMONYMS:
                    if country in countries and re.search(rf"(?<![^\W\d_])(?:{stems})\s+$", sentence[max(0, m.start() - 30):m.start()], re.I):
                        body = countries[country]
                        break
            if post in ("head_of_state", "head_of_government") and body is not None and not any(
                    e[0] == body and e[1] is EntityType.place for e in ents) and body not in countries.values():
                post = "head"  # a president of a council or a company heads it; a head of state heads a state
            if body is not None and body != person[0]:
                out.append((person[0], Choice("post", {"post": post, "entity": body}, m.group())))
    return out


# What a person is, printed as a title before the name ("President Volodymyr Zelenskyy",
# "Defence Minister Sergei Shoigu", "former Soviet leader Mikhail Gorbachev") or as an
# apposition after it ("Mishov, an attack helicopter navigator,", "Dmitry Mishov, a 26-year-old
# airman"). The role is the title's or the apposition's words as printed; ranks are left to
# `rank`, and a post's body to `post`.
_ROLE_NOUNS = (r"pilot|navigator|airman|officer|soldier|serviceman|servicewoman|conscript|deserter|defector|mechanic|"
               r"gunner|engineer|commander|spokes(?:man|woman|person)|journalist|correspondent|writer|analyst|"
               r"researcher|lawyer|activist|leader|president|minister|director|chief|head|representative|official|"
               r"adviser|advisor|secretary|"
               r"пилот|лётчик|летчик|штурман|офицер|солдат|военнослужащий|дезертир|журналист|командир|"
               r"пілот|льотчик|офіцер|військовослужбовець|журналіст")
_TITLE_BEFORE = re.compile(r"(?:(?<=\s)|^)(?P<title>(?:(?:former|ex-)\s+)?(?:[A-Z][a-z]+\s+)?(?:President|Prime Minister|"
                           r"(?:Defen[cs]e |Foreign |Interior )?Minister|leader|Spokes(?:man|woman|person)|spokes(?:man|woman|person)))\s+$")
# a role noun of lower-case words right before a name, without the verbs and function words
# that may stand there ("said spokesman Andriy Yusov" is a spokesman)
_NOT_A_ROLE_WORD = (r"(?!(?:said|says|told|tells|added|wrote|asked|the|a|an|and|or|of|by|to|with|for|from|that|as|when|"
                    r"according|former|his|her|their|its|our|called|named|is|was)\b)")
_NOUN_BEFORE = re.compile(rf"(?:^|(?<=\s))(?P<title>(?:{_NOT_A_ROLE_WORD}[a-z][\w-]*\s+){{0,2}}(?:{_ROLE_NOUNS}|crewman|"
                          r"tank(?:ist| driver| commander)|infantryman|paratrooper|marine|sailor|scout))\s+$")
_APPOSITION = re.compile(rf"^(?:,|\s+(?:is|was|has been|had been)(?=\s+(?:a|an)\s))\s+(?:(?:a|an|the)\s+)?(?:\d+-year-old\s+)?(?P<role>(?:[^\W\d_][\w-]*\s+){{0,3}}?(?:{_ROLE_NOUNS}))"
                         r"(?=\s*(?:,|\.|;|$|\s+(?:who|which|from|with|in|at|of)\b))", re.I)


def roles(sentence: str, ents: Sequence[tuple[str, EntityType, int, int]]) -> list[tuple[str, Choice]]:
    """(person, role choice) for each title or apposition the sentence prints with a person."""
    out: list[tuple[str, Choice]] = []
    for pid, typ, start, end in ents:
        if typ is not EntityType.person:
            continue
        t = _TITLE_BEFORE.search(sentence[max(0, start - 40):start])
        if t is None:  # a registry alias with the title in it: "Defence Minister Sergei Shoigu"
            head = re.match(r"\S+(?:\s+\S+)?\s+", sentence[start:end])
            t = _TITLE_BEFORE.fullmatch(head.group()) if head and head.end() < end - start else None
        if t is None:  # a lower-case role noun before the name: "tank crewman Misha"
            t = _NOUN_BEFORE.search(sentence[max(0, start - 40):start])
        if t:
            out.append((pid, Choice("role", {"text": t.group("title")}, t.group("title"))))
        a = _APPOSITION.match(sentence[end:])
        if a and not re.match(r"(?:captain|major|lieutenant|colonel|sergeant)$", a.group("role"), re.I):
            out.append((pid, Choice("role", {"text": a.group("role")}, a.group("role"))))
    return out


# What a speaker's own words are, when the sentence states no fact of the vocabulary about
# anyone: a position the speaker holds (`stated_position`), a course of action urged on others
# (`proposed`), the speaker's reason for what they did (`motivation`) or a punishment they
# expect (`expects_penalty`). The vocabulary's meanings (schema/vocab.py) read as the words that
# mark each; a position is the default. Most specific first.
SPEECH_WORDS: tuple[tuple[str, re.Pattern], ...] = (
    ("expects_penalty", _pw(r"prison", r"jail\w*", r"imprison\w*", r"criminal (?:case|charges?|proceedings)", r"prosecut\w*",
                           r"punish\w*", r"sentenced", r"court[- ]martial\w*", r"tribunal", r"тюрьм\w*", r"тюрем\w*",
                           r"уголовн\w* дел\w*", r"наказан\w*", r"накажут", r"в['’ʼ]язниц\w*", r"кримінальн\w* справ\w*",
                           r"покаран\w*", r"покарают\w*")),
    ("proposed", _pw(r"should", r"must", r"ought to", r"urg(?:e|es|ed|ing)", r"call(?:s|ed|ing)? (?:on|for|upon)", r"encourag\w*",
                    r"please", r"appeal(?:s|ed)? to", r"propos(?:e|es|ed|ing)", r"recommend\w*", r"advis(?:e|es|ed|ing)",
                    r"let['’]s", r"должн\w*", r"призвал\w*", r"призыва\w*", r"следует", r"нужно", r"надо", r"повинн\w*",
                    r"закликал\w*", r"закликав", r"закликає", r"треба", r"потрібно")),
    ("motivation", _pw(r"because", r"the reason", r"why (?:I|he|she|we)\b", r"(?:did not|didn['’]t|do not|don['’]t|does not|"
                      r"doesn['’]t|no longer) (?:want|wish|like)\w*", r"refus\w*", r"my duty", r"his duty", r"her duty",
                      r"in protest", r"so as not to", r"потому что", r"поскольку", r"не хотел\w*", r"не хочу", r"отказ\w*",
                      r"бо\b", r"тому що", r"не хотів", r"не хотіла", r"відмов\w*")),
)
FIRST_PERSON = re.compile(r"(?<![^\W\d_])(?:I|I['’](?:m|ve|ll|d)|(?i:me|my|mine|myself|we|we['’](?:re|ve|ll|d)|us|our|ours|"
                          r"я|меня|мне|мой|моя|моё|мои|мы|нас|нам|наш\w*|мені|мене|мій|моя|моє|мої|ми|нам|наш\w*))(?![^\W\d_])")
# the longest reported words proposed as a value as they stand (measured on the development set:
# curators keep short clauses and condense longer ones)
SPEECH_VALUE_WORDS = 10
_SPEECH_SUBJECTS = {"expects_penalty", "motivation"}  # a person's only; a body's words are a position or a proposal
_QUOTE_MARKS = " \t,;:\u2013\u2014\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019"
# "Although he claims X, Y": a clause opened by a subordinating word ends at its first comma
_SUBORDINATE = re.compile(r"(?:although|though|while|even though|if|when|whereas|хотя|хоча|если|якщо)\s", re.I)
# what stands between a closing quotation and its verb of saying: the speaker ("”, Dmitry says")
_SPEAKER_BEFORE_VERB = re.compile(r"[,\u201d\"»]\s*(?:[^\W\d_][\w'’.-]*\s+){1,5}$")


# verbs by which a sentence gives someone's words or views, not news they announce or report
VIEW_VERB = re.compile(
    r"(?<![^\W\d_])(?:sa(?:y|ys|id)|t(?:ell|ells|old)|claim(?:s|ed)?|believe(?:s|d)?|think(?:s)?|thought|assume(?:s|d)|"
    r"insist(?:s|ed)|argue(?:s|d)|add(?:s|ed)|explain(?:s|ed)|admit(?:s|ted)|wr(?:ote|ites)|warn(?:s|ed)|suggest(?:s|ed)|"
    r"urge(?:s|d)|call(?:s|ed)? (?:on|for)|accord(?:ing)? to|describe(?:s|d)|"
    r"сказал\w*|заявил\w*|считает|считают|считал\w*|думает|уверен\w*|по словам|рассказал\w*|добавил\w*|признал\w*|"
    r"сказав|сказала|заявив|заявила|вважає|вважають|думає|за словами|розповів|розповіла|додав|додала|визнав)(?![^\W\d_])", re.I)


def reported_words(sentence: str, verb: re.Match | None) -> str | None:
    """The words a sentence reports someone said or thinks, verbatim: the clause after the
    verb ("he claims he never went to Ukraine"), the words before it when the sentence ends with
    it ("“...,” Dmitry says"), the rest of the sentence around "according to X", or the whole of
    direct speech. None when the verb stands in the middle as an aside ("X, she believes, is")."""
    if verb is None:
        text = sentence
    else:
        before, after = sentence[:verb.start()], sentence[verb.end():]
        tail = after.strip(_QUOTE_MARKS + ".!?")
        if re.match(r"(?:according to|по словам|за словами)$", verb.group(), re.I):
            if before.strip(_QUOTE_MARKS):
                text = before if len(re.findall(r"[^\W\d_]+", after)) <= 6 else ""  # "..., according to Mishov"
            else:
                comma = after.find(",")
                text = after[comma + 1:] if comma >= 0 else ""
        elif before.strip(_QUOTE_MARKS) and len(re.findall(r"[^\W\d_]+", tail)) <= 4 and _SPEAKER_BEFORE_VERB.search(before):
            text = before[:_SPEAKER_BEFORE_VERB.search(before).start() + 1]  # "“...,” Dmitry says."
        elif re.search(r",\s*(?:[^\W\d_]+\s+){0,2}$", before) and re.match(r"\s*,", after):
            return None  # an aside in the middle of the words
        elif re.fullmatch(r"t(?:ell|ells|old)", verb.group(), re.I) and not re.search(r"(?:was|were|been|being|is|are)\s+$", before):
            # "told The Moscow Times by phone": who was told, then what, after "that"
            that = re.search(r"(?<![^\W\d_])that\s+", after)
            text = (_text_after(after, that.end()) or "") if that else ""
        else:
            text = _text_after(sentence, verb.end()) or ""
            if _SUBORDINATE.match(sentence.lstrip(_QUOTE_MARKS)) and "," in text:
                text = text[:text.index(",")]
    text = re.sub(r"^(?:that|что|що)\s+", "", text.strip(_QUOTE_MARKS), flags=re.I)
    text = text.rstrip(".!?…" + _QUOTE_MARKS)
    return text if len(text.split()) >= 3 else None


def speech_choice(sentence: str, verb: re.Match | None, holder_type: EntityType | None) -> Choice | None:
    """The property a speaker's words state about the speaker (position, proposal, motivation,
    expected penalty) and its text, when the sentence reports words at all."""
    if holder_type is not EntityType.person:
        return None  # a body's "said" mostly reports news, which its words' properties state
    text = reported_words(sentence, verb)
    if text is None:
        return None
    # words in the first person ("I didn't want to do that") are the speaker's, not yet a claim's
    # value, which a curator writes of the speaker; long words a curator condenses: for both the
    # property is proposed and the value left open
    value = None if FIRST_PERSON.search(text) or len(text.split()) > SPEECH_VALUE_WORDS else {"text": text}
    for prop, pattern in SPEECH_WORDS:
        m = pattern.search(text)
        if m and (prop not in _SPEECH_SUBJECTS or holder_type is EntityType.person) and _fits(prop, holder_type):
            return Choice(prop, value, m.group())
    return Choice("stated_position", value, verb.group() if verb else "direct speech")


# How names printed side by side link two entities, whatever the sentence states: "BBC
# Russian's Olga Ivshina" (a member of it), "the Defence Ministry's Main Intelligence
# Directorate" (part of it), "the Latvia-based newspaper" (where it is), "cofounded by Mikhail
# Gorbachev", and a registry event named with its agent or date ("the war started by Vladimir
# Putin", "since the war began in February 2022").
_POSSESSIVE_GAP = re.compile(r"\s*['’]s\s+$")
_BASED = re.compile(r"^-based\s+(?:[^\W\d_]+\s+){0,4}?$", re.I)
_FOUNDED_BY = re.compile(r"(?<![^\W\d_])(?:co-?)?found(?:ed|er) by\s+(?:[^\W\d_]+\s+){0,3}?$", re.I)
_BY_AGENT = re.compile(r"^\s+(?:[^\W\d_]+\s+){0,2}?(?:by|from)\s+(?:[^\W\d_]+\s+){0,3}?$", re.I)
_AGENTS = frozenset({EntityType.person, EntityType.organization, EntityType.unit})
_BODY = frozenset({EntityType.organization, EntityType.unit})


def links(sentence: str, ents: Sequence[tuple[str, EntityType, int, int]], date: tuple[str, str] | None = None
          ) -> list[tuple[str, Choice]]:
    """(subject, choice) for each link the way two names are printed together states.
    `ents` are the sentence's entities (id, type, start, end), in order; `date` the date it
    prints (value, as printed)."""
    out: list[tuple[str, Choice]] = []
    for (a, ta, sa, ea), (b, tb, sb, eb) in zip(ents, ents[1:]):
        gap = sentence[ea:sb]
        if a == b:
            continue
        possessive = _POSSESSIVE_GAP.fullmatch(gap) or (re.search(r"['’]s$", sentence[sa:ea]) and not gap.strip())
        if ta in _BODY and possessive:
            if tb is EntityType.person:
                out.append((b, Choice("member_of", {"entity": a}, sentence[sa:eb])))
            elif tb in _BODY:
                out.append((b, Choice("part_of", {"entity": a}, sentence[sa:eb])))
        elif ta is EntityType.place and _BASED.match(gap):
            prop = "headquartered_in" if tb is EntityType.organization else "based_at" if tb in _AGENTS else None
            if prop:
                out.append((b, Choice(prop, {"entity": a}, sentence[sa:eb])))
        elif tb in _AGENTS and ta is EntityType.organization and _FOUNDED_BY.search(sentence[ea:sb]) and sb - ea <= 60:
            out.append((a, Choice("founded_by", {"entity": b}, _FOUNDED_BY.search(sentence[ea:sb]).group().strip())))
        elif ta is EntityType.event and tb in _AGENTS and _BY_AGENT.match(gap):
            out.append((a, Choice("organized_by", {"entity": b}, gap.strip())))
    if date:
        at = sentence.find(date[1])
        events = [e for e in ents if e[1] is EntityType.event and 0 <= at - e[3] <= 25]
        if events and at >= 0 and re.fullmatch(r"\s+(?:[^\W\d_]+\s+){1,2}", sentence[events[-1][3]:at]):
            out.append((events[-1][0], Choice("date", {"date": date[0]}, date[1], date[1])))
    return out


# What an organization is, printed as a noun phrase before its name: "the Latvia-based Russian
# investigative newspaper Novaya Gazeta", "a Russian anti-war project named “Get Lost”": its
# `description`, the words as printed, from the article (or the sentence's start) to the noun.
_BODY_NOUNS = (r"newspaper|outlet|channel|website|site|portal|magazine|agency|project|organi[sz]ation|group|foundation|"
               r"movement|initiative|network|charity|NGO|centre|center|service|broadcaster|publication|media|platform|"
               r"daily|weekly|tabloid|nonprofit|non-profit")
_DESCRIBED_BEFORE = re.compile(rf"(?:^|(?<=[,;:(]\s)|(?<![^\W\d_])(?:a|an|the)\s+)(?P<desc>(?:{_NOT_A_ROLE_WORD}[^\W\d_][\w’'-]*\s+){{0,4}}?(?:{_BODY_NOUNS}))"
                               r"\s+(?:(?:named|called|known as)\s+)?[“\"«]?$", re.I)


def descriptions(sentence: str, ents: Sequence[tuple[str, EntityType, int, int]]) -> list[tuple[str, Choice]]:
    """(organization, description choice) for each organization the sentence prints after a
    noun phrase saying what it is."""
    out: list[tuple[str, Choice]] = []
    for oid, typ, start, _end in ents:
        if typ is not EntityType.organization:
            continue
        d = _DESCRIBED_BEFORE.search(sentence[max(0, start - 80):start])
        desc = re.sub(r"^(?:a|an|the)\s+", "", d.group("desc"), flags=re.I) if d else ""
        if len(desc.split()) >= 2:  # "the agency X" says no more than its name
            out.append((oid, Choice("description", {"text": desc}, desc)))
    return out
