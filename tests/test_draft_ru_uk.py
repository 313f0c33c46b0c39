"""Russian and Ukrainian drafts: who says so, registry names in their inflected forms, and new
names proposed in the nominative and of the right kind (never a preposition or an outlet filed as
a person). Each test drafts a short text against the frozen seed registry with the Cyrillic
spellings a registry holds once one article in the language is curated, and checks what a
curator would see in the draft."""

from __future__ import annotations

import runpy

import pytest

from dkg.loaders import draft
from dkg.loaders.draft.lemmas import given_name, nominative

from .conftest import ROOT, SEED

SCRIPT = runpy.run_path(str(ROOT / "scripts" / "draft_recall.py"))
RU = [
    {"id": "maxim-kuzminov", "transliterations": ["Максим Кузьминов"]},
    {"id": "hur", "transliterations": ["Главное управление разведки", "ГУР"]},
    {"id": "andriy-yusov", "transliterations": ["Андрей Юсов"]},
    {"id": "ukraine", "transliterations": ["Украина"]},
]
UK = [
    {"id": "maxim-kuzminov", "transliterations": ["Максим Кузьмінов"]},
    {"id": "hur", "transliterations": ["Головне управління розвідки", "ГУР"]},
    {"id": "andriy-yusov", "transliterations": ["Андрій Юсов"]},
    {"id": "ukraine", "transliterations": ["Україна"]},
]


def _draft(text: str, extend=RU):
    entities = SCRIPT["fixture_entities"](SEED, extend)
    return draft.make_draft(draft.Text(text), "t.txt", entities, doc_id="t")


def _new(made) -> dict[str, tuple[str, str]]:
    """Proposed new entries: id -> (model, name)."""
    return {i: (type(e).__name__, e.name) for i, e in made.provisional.items()}


def _cand(made, start: str):
    return next(c for c in made.candidates if c.quote.startswith(start))


# --------------------------------------------------------------------------- dictionary forms


@pytest.mark.parametrize("words, section, language, expected", [
    (["Маргариты", "Роблес"], "persons", "ru", ["Маргарита", "Роблес"]),  # the foreign surname as printed
    (["Маргарити", "Роблес"], "persons", "uk", ["Маргарита", "Роблес"]),
    (["Инны", "Кузьминовой"], "persons", "ru", ["Инна", "Кузьминова"]),  # a woman keeps her gender
    (["Кузьминове"], "persons", "ru", ["Кузьминов"]),
    (["Ігор", "Шевченко"], "persons", "uk", ["Ігор", "Шевченко"]),
    (["Испанию"], "places", "ru", ["Испания"]),
    (["Іспанії"], "places", "uk", ["Іспанія"]),
    (["Аликанте"], "places", "ru", ["Аликанте"]),  # indeclinable
    (["Вильяхойоса"], "places", "ru", ["Вильяхойоса"]),  # unknown to the dictionary: as printed
    (["Правительству", "Испании"], "organizations", "ru", ["Правительство", "Испании"]),
    (["Украинской", "правды"], "organizations", "ru", ["Украинская", "правда"]),
    (["El", "Mundo"], "organizations", "ru", ["El", "Mundo"]),
])
def test_nominative_of_a_new_name(words, section, language, expected):
    assert nominative(words, section, language) == expected


def test_given_names_and_other_words():
    assert given_name("Инна") and given_name("Германовна") and given_name("Ігор", "uk")
    assert not given_name("Испании") and not given_name("Там") and not given_name("инна")


# --------------------------------------------------------------------------- new names


def test_inflected_new_names_are_one_entry_each_in_the_nominative():
    made = _draft("Министр заявил о пилоте\n"
                  "Об этом сообщила министр обороны Маргарита Роблес. Слова Маргариты Роблес приводит агентство EFE.\n"
                  "Пилот прибыл в Испанию летом. Полиция в Испании не раскрывает деталей.\n")
    new = _new(made)
    assert new["margarita-robles"] == ("Person", "Маргарита Роблес")
    assert "margarity-robles" not in new
    assert new["ispaniya"] == ("Place", "Испания")
    assert "ispanii" not in new and "ispaniyu" not in new


def test_a_word_opening_the_sentence_is_no_part_of_a_name():
    made = _draft("Сделка пилота\nТам Кузьминову заплатили за вертолет. При Кузьминове нашли документы. В РФ Пилота ждал суд.\n")
    names = {n for _m, n in _new(made).values()}
    assert not any(n.split()[0] in ("Там", "При", "В") for n in names), names
    assert "maxim-kuzminov" in made.mentions


def test_outlets_bodies_and_latin_names_are_organizations():
    made = _draft("Что пишут о пилоте\n"
                  "Об этом пишет El Mundo. Ранее газета Новая Правда сообщала о пилоте. "
                  "Правительству Испании не было известно о нем, сообщило ИА Регнум.\n")
    new = _new(made)
    assert new["el-mundo"] == ("Organization", "El Mundo")
    assert new["novaya-pravda"][0] == "Organization"
    assert new["pravitelstvo-ispanii"] == ("Organization", "Правительство Испании")
    assert new["ia-regnum"][0] == "Organization" and "ia" not in new  # the acronym of a name taken is not another


def test_a_known_person_with_his_post_is_no_new_name():
    made = _draft("Заявление разведки\nС заявлением выступил представитель ГУР Минобороны Украины Андрей Юсов.\n")
    assert not any("Юсов" in n for _m, n in _new(made).values())
    said = _cand(made, "С заявлением выступил")
    assert said.speaker == "andriy-yusov" and said.on_behalf_of == "hur"


def test_another_person_of_the_same_surname_is_not_the_registry_person():
    made = _draft("Мать пилота\nПо словам источников, 52-летняя Инна Кузьминова собиралась приехать к сыну. Максим Кузьминов ждал ее.\n")
    mother = _cand(made, "По словам источников")
    assert _new(made)["inna-kuzminova"] == ("Person", "Инна Кузьминова")
    assert mother.subject == "inna-kuzminova"
    assert "maxim-kuzminov" in made.mentions  # the full name in the next sentence is still him


# --------------------------------------------------------------------------- speakers


def test_russian_speakers():
    made = _draft("Что известно о пилоте\n"
                  "Ранее газета El Periodico сообщала, что Кузьминов прибыл в страну по поддельному паспорту.\n"
                  "Правительству не было известно о пилоте, приводит агентство EFE слова министра обороны Маргариты Роблес.\n"
                  "Собеседники газеты также рассказали, что Кузьминова вычислили по деньгам.\n")
    assert _cand(made, "Ранее газета El Periodico").speaker == "el-periodico"
    assert _cand(made, "Правительству не было известно").speaker == "margarita-robles"
    assert _cand(made, "Собеседники газеты").speaker != "maxim-kuzminov"  # he is spoken of


def test_ukrainian_speakers():
    made = _draft("Що відомо про пілота\n"
                  "За словами Андрія Юсова, пілот перебуває в безпеці.\n"
                  "Видання El Pais повідомляє, що справу засекречено.\n"
                  "Кузьмінов розповідав, що сам спланував переліт.\n", UK)
    assert _cand(made, "За словами Андрія Юсова").speaker == "andriy-yusov"
    assert _cand(made, "Видання El Pais").speaker == "el-pais"
    assert _cand(made, "Кузьмінов розповідав").speaker == "maxim-kuzminov"


# --------------------------------------------------------------------------- the held-out files


HELD_OUT = ("en_worldstockmarket_kuzminov_defected", "ru_gorodskoyportal_kuzminov_robles",
            "ru_tvc_kuzminov_el_mundo", "uk_info4u_kuzminov_passport")


def test_held_out_floors(capsys):
    """The four articles added with expected answers written before the draft ran on them: floors
    under what the draft measured on them (speakers 2/29 and subjects 15/40 before the Russian
    and Ukrainian work, see the commit adding them), so a change that loses ground shows."""
    rows = [r for r in SCRIPT["measure_fixtures"]() if r[0] in HELD_OUT]
    assert len(rows) == len(HELD_OUT)
    with capsys.disabled():
        SCRIPT["report"]("\ndraft against the held-out files:", rows, False)
    total = SCRIPT["total"](rows)
    assert total.lang_ok == total.lang_total
    assert total.hit["quote"] / total.total["quote"] >= 0.9
    assert total.hit["speaker"] / total.total["speaker"] >= 0.2
    assert total.hit["subject"] / total.total["subject"] >= 0.45


def test_bodies_named_by_a_common_noun_speak():
    made = _draft("Что подтвердили в Испании\n"
                  "Позднее полиция Испании подтвердила эту версию.\n"
                  "Испанская полиция не раскрывает деталей.\n")
    new = _new(made)
    assert new["politsiya-ispanii"] == ("Organization", "полиция Испании")
    assert new["ispanskaya-politsiya"][0] == "Organization"
    assert not any(n.startswith("Позднее") for _m, n in new.values())  # an adverb, not the body's adjective
    assert _cand(made, "Позднее полиция Испании").speaker == "politsiya-ispanii"


def test_ukrainian_bodies_and_an_outlet_written_in_latin_letters():
    made = _draft("Що пишуть про пілота\n"
                  "Іспанське видання elPeriódico повідомляє, що пілот мав новий паспорт.\n"
                  "Іспанські спецслужби вже не сумніваються у причетності Росії. "
                  "Хоча спочатку Цивільна гвардія вважала інакше.\n", UK)
    new = _new(made)
    assert new["elperiodico"] == ("Organization", "elPeriódico")
    assert new["ispanski-spetssluzhbi"] == ("Organization", "Іспанські спецслужби")  # plural stays plural
    assert new["tsivilna-gvardiya"] == ("Organization", "Цивільна гвардія")
    assert _cand(made, "Іспанське видання").speaker == "elperiodico"


def test_english_place_and_a_name_before_a_finite_verb():
    made = _draft("Pilot's unit\nMilitary intelligence said Kuzminov served in a regiment based in the Russian Far East.\n", [])
    assert _new(made)["russian-far-east"][0] == "Place"
    said = _cand(made, "Military intelligence said")
    assert said.speaker != "maxim-kuzminov" and said.subject == "maxim-kuzminov"


def test_imperfective_verbs_state_acronyms_and_a_body_with_its_ministry():
    made = _draft("Что отмечали в разведке\n"
                  "В ГУР МО также подтвердили эту информацию.\n"
                  "Пилот перегнал вертолет армии РФ. Собеседник издания Украинская правда заявил, что пилота застрелили.\n"
                  "\"Можем подтвердить факт смерти\", - отметил представитель ведомства.\n")
    new = _new(made)
    assert "gur-mo" not in new and "mo" not in new  # ГУР is in the registry; МО is its ministry
    assert new["rf"][0] == "Place"
    assert new["ukrainskaya-pravda"] == ("Organization", "Украинская правда")
    told = _cand(made, "В ГУР МО")
    assert told.speaker == "hur" and told.stance == "confirms"
    assert _cand(made, "\"Можем подтвердить").stance == "confirms"
    made = _draft("Що зазначали в ГУР\nВодночас у ГУР зазначали, що операція не мала аналогів.\n", UK)
    assert _cand(made, "Водночас у ГУР").speaker == "hur"
