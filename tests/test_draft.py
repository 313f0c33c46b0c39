"""The draft's parts, sentence by sentence, in the languages the war is reported in, and the
measurement set (tests/fixtures/drafts): invariants that hold for any article, plus what a
curator would check on real sentences."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
import yaml

from dkg.loaders import draft
from dkg.loaders.draft.dates import find_date
from dkg.loaders.draft.hedges import qualifiers
from dkg.loaders.draft.language import detect_language
from dkg.loaders.yamlsrc import CuratedLoader
from dkg.schema.categories import SCHEMES
from dkg.schema.vocab import PROPERTIES

from .conftest import ROOT, SEED, run_dkg

FIXTURES = ROOT / "tests" / "fixtures" / "drafts"
SCRIPT = runpy.run_path(str(ROOT / "scripts" / "draft_recall.py"))


# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize(
    "sentence, language, printed, value",
    [
        ("Він отримав 10 тис доларів від ГУР.", "uk", "10 тис доларів", {"amount": 10000, "currency": "USD"}),
        ("Обещали 10 тыс. рублей в месяц.", "ru", "10 тыс. рублей", {"amount": 10000, "currency": "RUB"}),
        ("Лётчику выплатили 10 тыс.", "ru", "10 тыс.", {"amount": 10000}),
        ("He got a 10k bonus.", "en", "10k", {"amount": 10000}),
        ("Hän sai 10 000 dollarin palkkion.", "fi", "10 000 dollarin", {"amount": 10000, "currency": "USD"}),
        ("He also claimed Ukraine promised him $500,000 (£397,000) in state payments.", "en", "$500,000 (£397,000)",
         {"amount": 500000, "currency": "USD", "equivalents": [{"amount": 397000, "currency": "GBP"}]}),
        ("Der Russe hatte umgerechnet über 460.000 Euro erhalten.", "de", "über 460.000 Euro",
         {"amount": 460000, "bound": "more_than", "currency": "EUR"}),
        ("Виплата становить 2,5 млн гривень.", "uk", "2,5 млн гривень", {"amount": 2500000, "currency": "UAH"}),
        ("самому россиянину было 28 лет", "ru", "28 лет", {"amount": 28, "unit": "year"}),
        ("документы на имя 33-летнего украинца", "ru", "33-летнего", {"amount": 33, "unit": "year"}),
        ("понад 18 000 військовослужбовців", "uk", "понад 18 000 військовослужбовців",
         {"amount": 18000, "bound": "more_than", "unit": "person"}),
        ("на его теле было не менее пяти пулевых ранений", "ru", "не менее пяти", {"amount": 5, "bound": "at_least"}),
        ("двоє членів екіпажу загинули", "uk", "двоє членів", {"amount": 2, "unit": "person"}),
        ("A total of 1.125 million people left.", "en", "1.125 million people", {"amount": 1125000, "unit": "person"}),
        ("The crew earned 500 000 $ in all.", "en", "500 000 $", {"amount": 500000, "currency": "USD"}),
    ],
)
def test_figures_in_any_language(sentence, language, printed, value):
    figures = draft.find_figures(sentence, {}, language)
    assert [(f.printed, f.value) for f in figures] == [(printed, value)]
    assert figures[0].printed in sentence  # verbatim


@pytest.mark.parametrize("sentence", ["обнаружили ещё 13 февраля", "У серпні 2023 року він викрав гелікоптер",
                                      "on March 5, 2023 the 319th regiment moved", "Один из них сказал"])
def test_dates_and_words_that_are_no_figures(sentence):
    assert draft.find_figures(sentence, {}, "ru") == []


@pytest.mark.parametrize(
    "sentence, year, expected",
    [
        ("труп перебежчика обнаружили ещё 13 февраля.", 2024, ("2024-02-13", "13 февраля", True)),
        ("Кузьминов был убит 19 февраля 2024 г. в Испании", None, ("2024-02-19", "19 февраля 2024 г.", False)),
        ("У серпні, 9 серпня 2023 року, він викрав", None, ("2023-08-09", "9 серпня 2023 року", False)),
        ("a body found on Feb 13 in the town", 2024, ("2024-02-13", "Feb 13", True)),
        ("on 31 February 2024", None, None),
        ("in 2023 twelve", 2024, None),
    ],
)
def test_dates_with_the_year_they_take(sentence, year, expected):
    assert find_date(sentence, year) == expected


# --------------------------------------------------------------------------- language, names


def test_language_of_short_real_excerpts():
    cases = yaml.safe_load((FIXTURES / "languages.yaml").read_text(encoding="utf-8"))
    wrong = [(c["lang"], detect_language(c["text"]), c["text"]) for c in cases if detect_language(c["text"]) != c["lang"]]
    assert not wrong
    assert detect_language("OK.") is None  # too little to tell


def test_inflected_names_meet_the_registry():
    entities = SCRIPT["fixture_entities"](SEED, [
        {"id": "maxim-kuzminov", "transliterations": ["Максим Кузьминов"]},
        {"id": "hur", "transliterations": ["Главное управление разведки", "ГУР"]},
        {"id": "ukraine", "transliterations": ["Украина", "Україна"]},
    ])
    index = draft.NameIndex(entities)
    text = ("Главного управления разведки Украины подтвердило, что лётчика Максима Кузьминова нашли; "
            "Кузьминову, Кузьміновим, України. Украинская правда пишет. Maxim Kuzminov's HUR.")
    got = [(m.printed, m.ids) for m in index.mentions(text)]
    assert got == [("Главного управления разведки", ("hur",)), ("Украины", ("ukraine",)),
                   ("Максима Кузьминова", ("maxim-kuzminov",)), ("Кузьминову", ("maxim-kuzminov",)),
                   ("Кузьміновим", ("maxim-kuzminov",)), ("України", ("ukraine",)),
                   ("Maxim Kuzminov's", ("maxim-kuzminov",)), ("HUR", ("hur",))]
    # the adjective "Украинская" is not Ukraine


# --------------------------------------------------------------------------- hedges and stances


@pytest.mark.parametrize(
    "sentence, hedges, stance",
    [
        ("A pilot has reportedly been shot dead in Spain.", ("reportedly",), None),
        ("Newsweek has been unable to verify the claims.", ("unverified",), "could_not_verify"),
        ("The claims could not be independently verified.", ("unverified",), "could_not_verify"),
        ("The Kremlin denied it.", (), "refutes"),
        ("Moscow disputed the figure.", (), "disputes"),
        ("He did not confirm or deny any Russian involvement.", (), "declined_to_confirm"),
        ("Spanish police have not publicly confirmed the identity of the man.", (), "declined_to_confirm"),
        ("The ministry declined to confirm the report.", (), "declined_to_confirm"),
        ("Ukrainian intelligence confirmed Kuzminov's death.", (), "confirms"),
        ("командование гражданской гвардии не подтвердило данные", (), "declined_to_confirm"),
        ("ГУР минобороны Украины подтвердило, что лётчик убит.", (), "confirms"),
        ("Машину, на которой, предположительно, скрылись убийцы.", ("reportedly",), None),
        ("Росія нібито заперечила це.", ("reportedly",), "refutes"),
        ("Venäjä kiisti tiedot.", (), "refutes"),
    ],
)
def test_hedges_and_stances(sentence, hedges, stance):
    q = qualifiers(sentence)
    assert (q.hedges, q.stance) == (hedges, stance)
    if stance:
        assert q.stance_words in sentence


# --------------------------------------------------------------------------- whole drafts


def _fixture(name):
    fx = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    entities = SCRIPT["fixture_entities"](SEED, fx.get("extend"))
    return fx, draft.make_draft(draft.Text(fx["text"]), Path(name).stem + ".txt", entities, doc_id="fx")


def _fixtures():
    return sorted(p.name for p in FIXTURES.glob("*.yaml") if p.name != "languages.yaml")


@pytest.mark.parametrize("name", _fixtures())
def test_every_proposal_is_verbatim_and_traceable(name):
    fx, made = _fixture(name)
    text = fx["text"]
    lines = text.split("\n")
    flat = " ".join(text.split())
    assert made.document["language"] == fx["expected"]["language"]
    for c in made.candidates:
        assert c.quote in flat  # verbatim (white space collapsed)
        assert c.quote.split()[0] in lines[c.line - 1]  # the line it names holds its sentence
        if c.printed:
            assert c.printed in flat
        if c.value and "text" in c.value:
            scheme = PROPERTIES[c.property].categories
            if scheme and c.value["text"] in SCHEMES[scheme].by_name:
                assert c.printed and c.printed in c.quote  # a category, with the words that name it as printed
            else:
                assert c.value["text"] in c.quote  # a text value is words of the sentence, nothing invented
        if c.property:
            prop = draft.properties_for(made.index.type_of(c.subject), False)
            assert c.property in prop


def test_russian_article_speakers_subjects_and_stances():
    _fx, made = _fixture("ru_regnum_kuzminov_spain.yaml")
    by = {(c.line, c.property): c for c in made.candidates}
    hur = next(c for c in made.candidates if c.quote.startswith("Главное управление разведки"))
    assert (hur.subject, hur.speaker, hur.stance, hur.property) == ("maxim-kuzminov", "hur", "confirms", "cause_of_death")
    guard = next(c for c in made.candidates if "не подтвердило" in c.quote)
    assert guard.stance == "declined_to_confirm"
    dated = next(c for c in made.candidates if c.property == "date_of_death")
    assert dated.value == {"date": "2024-02-13"} and "the year is the document's" in dated.date_note
    assert {"maxim-kuzminov", "hur", "ukraine", "mi-8"} <= set(made.mentions)
    assert any(n.section == "organizations" and n.name == "EFE" for n in made.new_names)
    assert by  # one entry per proposal


def test_english_article_money_with_equivalent_and_speaker():
    _fx, made = _fixture("en_upday_kuzminov_spain.yaml")
    promised = next(c for c in made.candidates if c.quote.startswith("He also claimed Ukraine promised"))
    assert promised.subject == "maxim-kuzminov" and promised.speaker == "maxim-kuzminov"
    assert promised.figures[0].value == {"amount": 500000, "currency": "USD", "equivalents": [{"amount": 397000, "currency": "GBP"}]}
    motive = next(c for c in made.candidates if c.property == "motivation")
    assert motive.value == {"text": "he opposed Russia's war on Ukraine"} and motive.speaker == "maxim-kuzminov"


def test_ukrainian_article_defection_and_destination():
    _fx, made = _fixture("uk_glavcom_kuzminov_court.yaml")
    got = {(c.subject, c.property, tuple(sorted(c.value.items()))) for c in made.candidates if c.property}
    # "викрав гелікоптер Мі-8": the seed registry's Mi-8 "flown to Ukraine by Maxim Kuzminov",
    # the airframe the seed's and heldout2's curators file, rather than the type
    assert ("maxim-kuzminov", "defected_with", (("entity", "kuzminov-mi-8"),)) in got
    assert ("maxim-kuzminov", "fled_to", (("entity", "ukraine"),)) in got
    # "у серпні 2023 року": the month, on the registry's defection event about him
    assert ("kuzminov-defection", "date", (("date", "2023-08"),)) in got


FIRST_SET = ("en_upday_kuzminov_spain", "ru_infopovod_kuzminov_age", "ru_regnum_kuzminov_spain", "uk_glavcom_kuzminov_court")


def test_measurement_set_floors(capsys):
    """Precision and recall on the measurement set, per language (printed). The floors sit under
    what was measured when the set was made, so a change that loses ground shows; they hold for
    the four files of that set (the held-out files added later have floors of their own in
    tests/test_draft_ru_uk.py)."""
    rows = [r for r in SCRIPT["measure_fixtures"](FIXTURES, SEED) if r[0] in FIRST_SET]
    with capsys.disabled():
        SCRIPT["report"]("\ndraft against the measurement set:", rows, False)
    total = SCRIPT["total"](rows)
    assert total.lang_ok == total.lang_total
    assert total.hit["quote"] / total.total["quote"] >= 0.85
    assert total.hit["claim"] / total.total["claim"] >= 0.4
    assert total.kept / total.proposed >= 0.75
    assert total.ent_found / total.ent_total >= 0.85


# --------------------------------------------------------------------------- --into


RUSSIAN = """В Испании подтвердили факт смерти лётчика
Мадрид, 20 февраля, 2024 — ИА Регнум. Агентство EFE подтвердило, что лётчика Максима Кузьминова нашли убитым в городе Вильяхойоса.
Главное управление разведки (ГУР) минобороны Украины подтвердило, что лётчик убит.
"""


def test_into_adds_source_and_registry_entries_that_validate(tmp_path, data_copy):
    src = tmp_path / "regnum.txt"
    src.write_text(RUSSIAN, encoding="utf-8")
    ext = data_copy / "registry" / "ru-names.yaml"
    ext.write_text("extend:\n  - {id: maxim-kuzminov, transliterations: [Максим Кузьминов]}\n"
                   "  - {id: hur, transliterations: [Главное управление разведки, ГУР]}\n", encoding="utf-8")
    r = run_dkg("new-source", str(src), "--into", str(data_copy))
    assert r.returncode == 0, r.stderr
    source = yaml.load((data_copy / "sources" / "regnum.yaml").read_text(encoding="utf-8"), Loader=CuratedLoader)
    assert source["document"]["language"] == "ru" and source["document"]["published"] == "2024-02-20"
    registry = yaml.load((data_copy / "registry" / "regnum.yaml").read_text(encoding="utf-8"), Loader=CuratedLoader)
    new_ids = {e["id"] for section in registry.values() for e in section}
    used = {c[f] if f != "value" else c["value"].get("entity") for c in source["claims"] for f in ("subject", "speaker", "on_behalf_of", "value") if c.get(f)}
    assert new_ids and new_ids <= used  # only the entries the proposals use
    assert all(c["proposed"] for c in source["claims"])
    v = run_dkg("validate", "--data", str(data_copy))
    assert v.returncode == 0, v.stdout + v.stderr
    assert "not yet reviewed: regnum" in v.stderr


def test_into_writes_both_or_neither(tmp_path, data_copy):
    src = tmp_path / "regnum.txt"
    src.write_text(RUSSIAN, encoding="utf-8")
    (data_copy / "registry" / "regnum.yaml").write_text("persons: []\n", encoding="utf-8")
    r = run_dkg("new-source", str(src), "--into", str(data_copy))
    assert r.returncode == 2 and "regnum.yaml exists; not replacing it" in r.stderr
    assert not (data_copy / "sources" / "regnum.yaml").exists()
    assert (data_copy / "registry" / "regnum.yaml").read_text(encoding="utf-8") == "persons: []\n"
    r = run_dkg("new-source", str(src), "--into", str(data_copy), "-o", str(tmp_path / "x.yaml"))
    assert r.returncode == 2 and "not both" in r.stderr


def test_names_from_extend_count_in_a_corpus_with_problems(data_copy):
    """A registry's `extend:` names are read even when the corpus has problems (the draft then
    reads entry by entry): before, they were dropped and `Кузьминова` met nothing."""
    (data_copy / "registry" / "ru-names.yaml").write_text(
        "extend:\n  - {id: maxim-kuzminov, transliterations: [Максим Кузьминов]}\n", encoding="utf-8")
    (data_copy / "sources" / "broken.yaml").write_text("document: {id: broken}\n", encoding="utf-8")
    entities, problems = draft.known_entities(data_copy)
    assert problems >= 1
    assert "Максим Кузьминов" in entities["maxim-kuzminov"].transliterations
    index = draft.NameIndex(entities)
    assert [m.ids for m in index.mentions("лётчика Максима Кузьминова")] == [("maxim-kuzminov",)]


def test_descriptive_registry_names_do_not_match_in_a_new_article():
    """Issue 25: "his unit" mapped to an unrelated unit of the seed data (mishov-unit's name in
    article 002). A registry name of a determiner and common nouns ("his unit", "the war", "the
    authorities") is not matched; names with a proper noun ("the Kremlin") are."""
    entities, _ = draft.known_entities(SEED)
    index = draft.NameIndex(entities)
    got = [(m.printed, m.ids) for m in index.mentions("He said his unit was based in Primorie, the Kremlin said of the war.")]
    assert got == [("Primorie", ("primorye",)), ("the Kremlin", ("kremlin",))] or got == [("Primorie", ("primorye",)), ("Kremlin", ("kremlin",))]


# --------------------------------------------------------------------------- issue 25: values a curator files


def test_causes_of_death_are_categories_in_each_language():
    from dkg.loaders.draft.properties import categories_in

    cases = {
        "Кузьминова нашли застреленным в гараже": ["shot"],
        "Максим Кузьминов был убит 13 февраля 2024 года.": ["killed"],
        "розгляд справи про вбивство колишнього льотчика": ["murdered"],
        "después de haber sido acribillado en el aparcamiento": ["shot"],
        "Kuzminov had shot and killed two crew members": ["shot"],  # shot implies killed: the narrower one
        "The man had been shot half a dozen times and was run over by the car": ["shot", "run_over"],
        "Ukrainian intelligence confirmed Kuzminov's death": ["died"],
    }
    for sentence, want in cases.items():
        assert [c for c, _w in categories_in("death", sentence)] == want, sentence
    assert [c for c, _w in categories_in("rank", "El capitán del Ejército ruso Maxim Kuzmínov")] == ["captain"]
    assert [c for c, _w in categories_in("rank", "a lieutenant colonel of the air force")] == ["lieutenant_colonel"]


def test_months_with_their_year_in_each_language():
    assert find_date("который в августе 2023 года перелетел", 2024)[:2] == ("2023-08", "августе 2023 года")
    assert find_date("який у серпні 2023 року викрав гелікоптер", 2024)[0] == "2023-08"
    assert find_date("quien en agosto de 2023 protagonizó", 2024)[0] == "2023-08"
    assert find_date("zgodnie ze stanem na grudzień 2023 roku", 2024)[0] == "2023-12"
    assert find_date("in December 2023, Russian gendarmes", 2024)[0] == "2023-12"
    assert find_date("13 февраля 2024 года", None)[0] == "2024-02-13"  # a day still wins


def test_counts_read_with_their_unit_bound_and_scale():
    def values(sentence, language="en"):
        return [f.value for f in draft.find_figures(sentence, {}, language)]

    assert values("Military courts have heard 10,025 criminal cases of refusal") == [{"amount": 10025, "unit": "case"}]
    assert values("almost 7,400 cases since the beginning of mobilisation")[0] == {"amount": 7400, "bound": "at_most", "unit": "case"}
    assert values("помог 3 тысячам военных РФ сдаться в плен", "ru") == [{"amount": 3000, "unit": "person"}]
    assert values("надійшла 951 справа", "uk")[0] == {"amount": 951, "unit": "case"}
    assert values("oddało się 220 rosyjskich żołnierzy", "pl") == [{"amount": 220, "unit": "person"}]
    assert values("Вже понад 25 тис. росіян здались в полон", "uk") == [{"amount": 25000, "bound": "more_than", "unit": "person"}]


def _registry(*dirs):
    """The entities of the seed fixture with held-out corpora's registries added."""
    import shutil
    import tempfile

    tmp = Path(tempfile.mkdtemp()) / "data"
    shutil.copytree(SEED, tmp)
    for d in dirs:
        for f in (ROOT / "tests" / "fixtures" / d / "registry").glob("*.yaml"):
            shutil.copy(f, tmp / "registry" / f.name)
    return draft.known_entities(tmp)[0]


def _claims(text, entities):
    made = draft.make_draft(draft.Text(text), "t.txt", entities, doc_id="t")
    return {(c.subject, c.property, tuple(sorted((k, str(v)) for k, v in c.value.items()))) for c in made.candidates if c.property and c.value is not None}, made


def test_claims_on_the_registry_event_a_sentence_is_about():
    entities = _registry("heldout", "heldout2")
    text = ("Russian deserter detained in Armenia\nDecember 11, 2023\n"
            "Setrakov was detained in the Armenian city of Gyumri on 7 December by officers.\n"
            "Russian military police have arrested Russian citizen Dmitry Setrakov in Armenia.\n")
    got, _made = _claims(text, entities)
    assert ("setrakov-detention", "date", (("date", "2023-12-07"),)) in got
    assert ("setrakov-detention", "place", (("entity", "gyumri"),)) in got
    assert ("setrakov-detention", "victim", (("entity", "dmitry-setrakov"),)) in got
    assert ("dmitry-setrakov", "nationality", (("entity", "russia"),)) in got
    # a place is where the detention happened, not who holds him
    assert not any(s == "dmitry-setrakov" and p == "in_custody_of" and v == (("entity", "gyumri"),) for s, p, v in got)


def test_counts_of_a_forces_people_and_a_side_of_the_war():
    entities = _registry("heldout", "heldout2")
    got, made = _claims("Courts\nMilitary courts in Russia have heard 10,025 criminal cases of refusal to serve.\n"
                        "The HUR said more than 18,000 Russian servicemen surrendered.\n", entities)
    assert ("russian-armed-forces", "deserters", (("amount", "10025"), ("unit", "case"))) in got
    hur = next(c for c in made.candidates if c.speaker == "hur")
    assert "party_to_conflict" in hur.hedges  # HUR is an intelligence agency of Ukraine
    assert not any("party_to_conflict" in c.hedges for c in made.candidates if c.speaker is None)


def test_posts_and_roles_printed_with_a_name():
    entities = _registry("heldout", "heldout2")
    got, _made = _claims("Title\nIdite Lesom head Grigory Sverdlin told The Moscow Times by phone.\n"
                         "Last September, Defence Minister Sergei Shoigu said Russia had lost around 6,000 men.\n", entities)
    assert ("grigory-sverdlin", "post", (("entity", "get-lost-project"), ("post", "head"))) in got
    assert ("sergei-shoigu", "role", (("text", "Defence Minister"),)) in got


@pytest.mark.slow
def test_heldout_floors(capsys):
    """Claims right (subject, property and value) on the two held-out corpora, drafted from
    their quotes; the floors sit under what this round measured (heldout 34/68, Russian 18/22,
    heldout2 18/60; the draft before it: 9/68, 4/22 and 1/60)."""
    heldout, heldout2 = ROOT / "tests" / "fixtures" / "heldout", ROOT / "tests" / "fixtures" / "heldout2"
    for corpus, before, floor, precision in ((heldout, (), 0.45, 0.4), (heldout2, (heldout,), 0.25, 0.4)):
        rows = SCRIPT["measure_heldout"](corpus, SEED, before)
        total, ru = SCRIPT["Score"](), SCRIPT["Score"]()
        for _n, lang, s in rows:
            total.add(s)
            if lang == "ru":
                ru.add(s)
        with capsys.disabled():
            print(f"\n{corpus.name}: claims {total.hit['claim']}/{total.total['claim']}, precision "
                  f"{total.claim_ok}/{total.claim_proposed}")
        assert total.hit["claim"] / total.total["claim"] >= floor
        assert total.claim_ok / total.claim_proposed >= precision
        if corpus is heldout:
            assert ru.hit["claim"] / ru.total["claim"] >= 0.7
