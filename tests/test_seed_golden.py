"""Golden checks on the five seed articles: their key facts are in the built graph, with the
document that carries them, the speaker, the cited source, the value as printed and the quote,
as a journalist would check them against the article."""

from __future__ import annotations

import pytest

from dkg.graph.results import Term
from dkg.schema import iris

FACTS = """
SELECT ?value ?doc ?speaker ?origin ?printed ?quote ?cites WHERE {
  ?claim a dkg:Claim ; dkg:subject ?s ; dkg:property ?p ; dkg:value ?v .
  ?app dkg:claim ?claim ; dkg:document/dkg:slug ?doc ; dkg:origin ?o .
  OPTIONAL { ?v rdfs:label ?vlabel }
  BIND(COALESCE(?vlabel, STR(?v)) AS ?value)
  BIND(REPLACE(STR(?o), "^.*[/#]", "") AS ?origin)
  OPTIONAL { ?app prov:wasAttributedTo/dkg:slug ?speaker }
  OPTIONAL { ?app dkg:printedValue ?printed }
  OPTIONAL { ?app dkg:quote ?quote }
  OPTIONAL { ?app dkg:cites/dkg:slug ?cites }
}
"""


def facts(store, subject: str, prop: str) -> list[dict]:
    rows = store.query(FACTS, {"s": Term.uri(iris.entity(subject)), "p": Term.uri(iris.term(prop))}).records()
    return sorted(rows, key=lambda r: (r["doc"], str(r["value"])))


def one(rows: list[dict], **match) -> dict:
    found = [r for r in rows if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"expected one row matching {match}, got {found} of {rows}"
    return found[0]


# ---------------------------------------------------------------- 000: HUR names Maxim Kuzminov


def test_000_kuzminov_age_regiment_and_base(seed_store):
    age = one(facts(seed_store, "maxim-kuzminov", "age"), doc="000_9dcf5df62fe0ca39")
    assert (age["value"], age["printed"], age["speaker"], age["origin"]) == ("28 year", "28-year-old", "hur", "hur")
    unit = one(facts(seed_store, "maxim-kuzminov", "servedIn"), doc="000_9dcf5df62fe0ca39")
    assert unit["value"] == "319th helicopter regiment"
    assert unit["cites"] == "hur-statement-kuzminov"
    assert "319th helicopter regiment" in unit["quote"]
    base = one(facts(seed_store, "319th-helicopter-regiment", "basedAt"))
    assert base["value"] == "Primorje" and base["speaker"] == "hur"


def test_000_reward_law_for_a_helicopter(seed_store):
    law = one(facts(seed_store, "ukraine-defector-reward-law", "rewardForEquipment"))
    assert law["value"] == "between 450,000 and 500,000 USD"
    assert law["printed"] == "between $450,000 and $500,000"
    assert law["doc"] == "000_9dcf5df62fe0ca39"


def test_000_crew_killed(seed_store):
    rows = facts(seed_store, "kuzminov-mi-8-crew-deaths", "deaths")
    assert {r["doc"] for r in rows} == {"000_9dcf5df62fe0ca39", "001_03936b38e0261b39"}
    assert {r["value"] for r in rows} == {"2 person"}


# ---------------------------------------------------------------- 001: the reward, via The Kyiv Independent


def test_001_reward_cites_the_kyiv_independent(seed_store):
    reward = one(facts(seed_store, "maxim-kuzminov", "rewardReceived"))
    assert reward["value"] == "500,000 USD"
    assert reward["printed"] == "half a million dollars"
    assert reward["speaker"] == "kyiv-independent"
    assert reward["doc"] == "001_03936b38e0261b39"


def test_001_reward_schedule_from_al_jazeera(seed_store):
    rows = facts(seed_store, "kyiv-official-reward-list", "rewardForEquipment")
    assert {(r["value"], r["printed"], r["speaker"]) for r in rows} == {
        ("up to 500,000 USD", "could reach $500,000", "al-jazeera"),
        ("100,000 USD", "$100,000", "al-jazeera"),
    }


def test_age_28_is_one_claim_in_two_documents(seed_store):
    rows = facts(seed_store, "maxim-kuzminov", "age")
    assert [(r["doc"], r["speaker"]) for r in rows] == [
        ("000_9dcf5df62fe0ca39", "hur"),
        ("001_03936b38e0261b39", "kyiv-independent"),
    ]
    claims = seed_store.query(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c dkg:subject id:maxim-kuzminov ; dkg:property dkg:age }"
    )
    assert claims.values("n") == [1]


def test_001_yusov_speaks_for_hur(seed_store):
    rows = facts(seed_store, "andriy-yusov", "proposed")
    assert rows and all(r["speaker"] == "andriy-yusov" and r["origin"] == "hur" for r in rows)


# ---------------------------------------------------------------- 002: the BBC interview, re-reported


def test_002_is_a_bylined_rewrite_of_the_bbc_interview(seed_store):
    doc = seed_store.query(
        """SELECT ?author ?upstream ?outlet WHERE {
             id:002_bd55ee8a1af82e1f dcterms:creator/rdfs:label ?author ; dkg:rereports ?u .
             ?u dkg:slug ?upstream ; dkg:outlet/dkg:slug ?outlet .
             FILTER NOT EXISTS { id:002_bd55ee8a1af82e1f dkg:outlet ?any } }"""
    ).records()
    assert doc == [{"author": "Lilly Larkin", "upstream": "bbc-mishov-interview", "outlet": "bbc"}]


def test_002_mishov_rank_age_asylum(seed_store):
    assert one(facts(seed_store, "dmitry-mishov", "rank"))["value"] == "Lieutenant"
    age = one(facts(seed_store, "dmitry-mishov", "age"))
    assert (age["value"], age["printed"], age["origin"]) == ("26 year", "26-year-old", "bbc")
    assert one(facts(seed_store, "dmitry-mishov", "soughtAsylumIn"))["value"] == "Lithuania"


def test_002_salaries_keep_printed_conversions(seed_store):
    salary = one(facts(seed_store, "russian-air-force", "salary"))
    assert salary["value"] == "up to 90,000 RUB"
    assert salary["printed"] == "up to 90,000 roubles (£865, US$1090)"
    assert salary["speaker"] == "dmitry-mishov"
    eq = seed_store.query(
        """SELECT ?cur ?amount WHERE { ?c dkg:subject id:russian-air-force ; dkg:property dkg:salary ;
             dkg:value/dkg:equivalent ?e . ?e dkg:currency ?cur ; dkg:amount ?amount } ORDER BY ?cur"""
    ).records()
    assert [(r["cur"], r["amount"]) for r in eq] == [("GBP", 865), ("USD", 1090)]
    pay = one(facts(seed_store, "russian-armed-forces", "recruitmentPayment"))
    assert pay["value"] == "204,000 RUB"


def test_002_shoigu_losses_speak_for_the_ministry(seed_store):
    losses = one(facts(seed_store, "russian-armed-forces", "personnelLosses"), speaker="sergei-shoigu")
    assert losses["value"] == "about 6,000 person"
    assert losses["printed"] == "around 6,000 men"
    assert losses["origin"] == "russia-ministry-of-defence"


# ---------------------------------------------------------------- 003: Newsweek on desertion


@pytest.mark.parametrize(
    "unit, value, printed",
    [
        ("southern-military-district", "more than 18,000 person", "More than 18,000"),
        ("8th-combined-arms-army", "about 12,000 person", "around 12,000"),
        ("58th-combined-arms-army", "about 2,500 person", "Some 2,500"),
    ],
)
def test_003_desertion_figures_from_hur_unverified(seed_store, unit, value, printed):
    row = one(facts(seed_store, unit, "deserters"))
    assert (row["value"], row["printed"], row["speaker"], row["doc"]) == (value, printed, "hur", "003_e82a78f22526c30b")
    hedges = seed_store.query(
        """SELECT DISTINCT ?h WHERE { ?c dkg:subject ?s ; dkg:property dkg:deserters . ?a dkg:claim ?c ; dkg:hedge ?h } ORDER BY ?h""",
        {"s": Term.uri(iris.entity(unit))},
    )
    assert hedges.values("h") == ["party_to_conflict", "unverified"]


def test_003_outlet_and_penalty(seed_store):
    outlet = seed_store.query("SELECT ?o WHERE { id:003_e82a78f22526c30b dkg:outlet/rdfs:label ?o }").values("o")
    assert outlet == ["Newsweek"]
    penalties = {r["value"] for r in facts(seed_store, "russia", "penaltyForDesertion")}
    assert "10-year prison sentence" in penalties


# ---------------------------------------------------------------- 004: TheArticle opinion piece


def test_004_opinion_piece_figures(seed_store):
    kind = seed_store.query("SELECT ?k ?o WHERE { id:004_9f96eee9e0454286 dkg:kind ?k ; dkg:outlet/rdfs:label ?o }").records()
    assert kind == [{"k": "opinion", "o": "TheArticle"}]
    assert one(facts(seed_store, "russian-armed-forces", "surrendered"))["printed"] == "About one thousand"
    misha = one(facts(seed_store, "misha-tank-crewman", "rewardReceived"))
    assert (misha["value"], misha["printed"]) == ("10,000 USD", "$10,000")
    pops = {(r["value"], r["printed"]) for r in facts(seed_store, "russia", "population")}
    assert pops == {("145,000,000 person", "145 million"), ("113,000,000 person", "113 million")}


def test_004_asylum_proposal_by_babis(seed_store):
    row = one(facts(seed_store, "andrej-babis", "proposed"))
    assert "asylum programme" in row["value"]
    assert row["speaker"] == "andrej-babis"


# ---------------------------------------------------------------- provenance across articles


def test_two_articles_name_no_outlet_of_their_own(seed_store):
    rows = seed_store.query(
        "SELECT ?slug WHERE { ?d a dkg:SourceDocument ; dkg:slug ?slug FILTER NOT EXISTS { ?d dkg:outlet ?o } } ORDER BY ?slug"
    )
    assert rows.values("slug") == ["000_9dcf5df62fe0ca39", "001_03936b38e0261b39", "002_bd55ee8a1af82e1f"]


def test_several_articles_rest_on_hur(seed_store):
    docs = seed_store.query(
        "SELECT DISTINCT ?slug WHERE { ?a dkg:origin id:hur ; dkg:document/dkg:slug ?slug } ORDER BY ?slug"
    )
    assert docs.values("slug") == ["000_9dcf5df62fe0ca39", "001_03936b38e0261b39", "003_e82a78f22526c30b"]


def test_derivation_walks_to_the_bbc(seed_store):
    """prov:wasDerivedFrom+ from an appearance in the rewrite reaches the BBC interview."""
    rows = seed_store.query(
        """SELECT DISTINCT ?up WHERE {
             ?c dkg:subject id:dmitry-mishov ; dkg:property dkg:age .
             ?a dkg:claim ?c ; prov:wasDerivedFrom+ ?u . ?u dkg:slug ?up }"""
    )
    assert rows.values("up") == ["bbc-mishov-interview"]
