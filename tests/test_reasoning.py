"""Issue 23: the kinds of reasoning the disagreements rest on, each on a small corpus written
here (so every case is visible next to its expected answer): free text is never a
contradiction, categories imply and exclude, a present-tense state holds as of its report, an
age grows by one a year, a running total never falls, dates keep their declared order, a month
without a year is the last one before its article, two origins naming different perpetrators
contradict, parts of a total and a speaker's own projection are no disagreement, and "declined
to confirm" beside "confirmed" is never simply confirmed."""

from __future__ import annotations

import textwrap

import pytest

from dkg.loaders.compare import Verdict, comparisons
from dkg.loaders.corpus import load_corpus
from dkg.loaders.evidence import evidence
from dkg.loaders.rdf import stance_agent
from dkg.schema.dates import resolve

REGISTRY = """
persons:
  - {id: pilot, name: Pilot Alpha}
  - {id: gunman, name: an unknown gunman, named: false}
  - {id: general-b, name: General Bravo}
organizations:
  - {id: paper-a, name: Paper A, kind: news_outlet}
  - {id: paper-b, name: Paper B, kind: news_outlet}
  - {id: agency, name: Intelligence Agency, kind: intelligence_agency}
  - {id: police, name: Police, kind: government}
  - {id: ministry, name: Ministry of Defence, kind: ministry}
units:
  - {id: army, name: The Army, kind: armed_forces}
  - {id: rebels, name: Rebel Unit, kind: other}
events:
  - {id: killing, name: the killing, kind: death}
places:
  - {id: northland, name: Northland, kind: country}
"""


def source(doc: str, outlet: str, published: str, claims: str, stances: str = "") -> str:
    head = f"document: {{id: {doc}, name: {doc} report, kind: news_report, outlet: {outlet}, published: '{published}'}}\nclaims:\n"
    return head + textwrap.indent(textwrap.dedent(claims).strip("\n"), "  ") + "\n" + (("stances:\n" + textwrap.indent(textwrap.dedent(stances).strip("\n"), "  ") + "\n") if stances else "")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    data = tmp_path_factory.mktemp("reasoning") / "data"
    (data / "registry").mkdir(parents=True)
    (data / "sources").mkdir()
    (data / "registry" / "world.yaml").write_text(REGISTRY)
    files = {
        "a1": source("a1", "paper-a", "2023-09-06", """
            - {ref: age28, subject: pilot, property: age, value: {amount: 28, unit: year}, quote: "the 28-year-old pilot"}
            - {ref: shot, subject: pilot, property: cause_of_death, value: {text: shot dead}, printed: shot dead, quote: "was shot dead"}
            - {ref: rank-cap, subject: pilot, property: rank, value: {text: Captain}, quote: "Captain"}
            - {ref: total9, subject: army, property: aircraft_lost, value: {amount: 9, unit: aircraft}, quote: "nine lost"}
            - {ref: part6, subject: army, property: aircraft_lost, value: {amount: 6, unit: aircraft}, group: shot down, part_of: total9, quote: "six shot down"}
            - {ref: part3, subject: army, property: aircraft_lost, value: {amount: 3, unit: aircraft}, group: destroyed on the ground, part_of: total9, quote: "three on the ground"}
            - {ref: loss-sep, subject: army, property: personnel_losses, value: {amount: 5000, unit: person}, quote: "5,000 dead so far"}
            - {ref: perp-rebels, subject: killing, property: perpetrator, value: {entity: rebels}, quote: "killed by the rebels"}
            - {ref: perp-gunman, subject: killing, property: perpetrator, value: {entity: gunman}, quote: "an unknown gunman"}
            - {ref: pop-now, subject: army, property: troop_strength, value: {amount: 145000, unit: person}, speaker: general-b, quote: "145,000 today"}
            - {ref: pop-2050, subject: army, property: troop_strength, value: {amount: 113000, unit: person}, when: 2050, hedges: [forecast], speaker: general-b, quote: "113,000 by 2050"}
            - {ref: b-minister, subject: general-b, property: post, value: {post: minister, entity: ministry}, quote: "Defence Minister Bravo"}
            - {ref: b-deputy, subject: general-b, property: post, value: {post: deputy_minister, entity: ministry}, speaker: agency, quote: "deputy minister Bravo"}
            - {ref: b-agency-head, subject: general-b, property: post, value: {post: head, entity: agency}, quote: "head of the agency"}
            - {ref: a-minister, subject: pilot, property: post, value: {post: minister, entity: ministry}, speaker: agency, quote: "Minister Alpha"}
        """),
        "b1": source("b1", "paper-b", "2024-02-20", """
            - {ref: age33, subject: pilot, property: age, value: {amount: 33, unit: year}, quote: "the 33-year-old"}
            - {ref: age29, subject: pilot, property: age, value: {amount: 29, unit: year}, quote: "29-year-old"}
            - {ref: murdered, subject: pilot, property: cause_of_death, value: {text: murdered}, quote: "murdered"}
            - {ref: suicide, subject: pilot, property: cause_of_death, value: {text: suicide}, speaker: agency, quote: "took his own life"}
            - {ref: rank-maj, subject: pilot, property: rank, value: {text: Major}, quote: "Major"}
            - {ref: death, subject: pilot, property: date_of_death, value: {date: 2024-02-19}, quote: "died on 19 February"}
            - {ref: found, subject: pilot, property: body_found, value: {date: 2024-02-13}, quote: "found on 13 February"}
            - {ref: loss-feb, subject: army, property: personnel_losses, value: {amount: 3000, unit: person}, quote: "3,000 dead so far"}
            - {ref: perp-army, subject: killing, property: perpetrator, value: {entity: army}, speaker: agency, quote: "the army killed him"}
            - {ref: outcome-a, subject: killing, property: outcome, value: {text: killed after refusing to surrender}, quote: "killed after refusing to surrender"}
            - {ref: fled, subject: pilot, property: fled_to, value: {entity: northland}, when_printed: in August, quote: "in August"}
            - {ref: pop-feb, subject: army, property: troop_strength, value: {amount: 150000, unit: person}, quote: "150,000"}
        """, """
            - {on: death, stance: confirms, speaker: agency, quote: "the agency confirmed his death"}
            - {on: death, stance: declined_to_confirm, speaker: police, quote: "police declined to confirm"}
        """),
    }
    for name, text in files.items():
        (data / "sources" / f"{name}.yaml").write_text(text)
    return load_corpus(data)


def pair(corpus, a: str, b: str):
    ka, kb = corpus.refs[a], corpus.refs[b]
    found = [c for c in comparisons(corpus) if {c.left, c.right} == {ka, kb}]
    assert found, f"{a} and {b} were not compared"
    return found[0]


def test_free_text_that_differs_is_never_a_contradiction(corpus):
    assert all(c.verdict is not Verdict.contradiction or c.reasons[0].value != "free_text" for c in comparisons(corpus))


def test_categories_imply_and_exclude(corpus):
    assert pair(corpus, "shot", "murdered").verdict is Verdict.agree  # both kinds of killed
    assert pair(corpus, "shot", "suicide").verdict is Verdict.contradiction
    assert pair(corpus, "shot", "suicide").reasons[0].value == "exclusive_categories"


def test_ages_as_of_their_reports_by_the_arithmetic_of_one_a_year(corpus):
    far = pair(corpus, "age28", "age33")  # 28 as of 2023-09-06 and 33 as of 2024-02-20
    assert far.verdict is Verdict.contradiction and far.reasons[0].value == "rate_of_change"
    assert "as of 2023-09-06, the report's date" in far.explanation and "born between" in far.explanation
    near = pair(corpus, "age28", "age29")  # a birthday in between
    assert near.verdict is Verdict.agree and near.basis == "consistent-change"


def test_two_ranks_at_different_times_differ_without_contradiction(corpus):
    c = pair(corpus, "rank-cap", "rank-maj")
    assert c.verdict is Verdict.apparent and [r.value for r in c.reasons] == ["different_time"]


def test_a_running_total_never_falls(corpus):
    c = pair(corpus, "loss-sep", "loss-feb")  # 5,000 in September, 3,000 five months later
    assert c.verdict is Verdict.contradiction and c.reasons[0].value == "rate_of_change" and "never falls" in c.explanation


def test_a_death_is_on_or_before_the_body_is_found(corpus):
    c = pair(corpus, "death", "found")
    assert c.verdict is Verdict.contradiction and c.reasons[0].value == "temporal_order"


def test_different_perpetrators_contradict_but_an_unknown_gunman_may_be_anyone(corpus):
    c = pair(corpus, "perp-rebels", "perp-army")
    assert c.verdict is Verdict.contradiction and c.reasons[0].value == "different_perpetrators"
    assert pair(corpus, "perp-rebels", "perp-gunman").verdict is Verdict.agree


def test_parts_of_a_total_and_an_own_projection_are_no_disagreement(corpus):
    assert pair(corpus, "part6", "total9").relation.value == "part_of_whole"
    assert pair(corpus, "part6", "part3").relation.value == "part_of_whole"
    assert pair(corpus, "pop-now", "pop-2050").relation.value == "own_projection"
    assert pair(corpus, "pop-feb", "pop-2050").relation is None  # another origin's figure stays listed


def test_a_month_without_a_year_is_the_last_one_before_its_article(corpus):
    assert resolve("in August", "2024-02-20")[0] == "2023-08"
    key = corpus.refs["fled"]
    from dkg.loaders.reasoning import times

    assert [t.time for t in times(corpus.claims[key], corpus)] == ["2023-08"]


def test_declined_to_confirm_beside_a_confirmation_is_never_simply_confirmed(corpus):
    ev = evidence(corpus)[corpus.refs["death"]]
    assert ev.standing.value == "partly_confirmed"
    assert ev.words(lambda s: stance_agent(s, corpus)) == "confirmed by Intelligence Agency; not confirmed by Police"


def test_posts_in_one_body_and_one_holder_at_a_time(corpus):
    c = pair(corpus, "b-minister", "b-deputy")  # a post and its deputy, one body, one report date
    assert c.verdict is Verdict.contradiction and c.reasons[0].value == "exclusive_categories"
    two = pair(corpus, "b-minister", "a-minister")  # two ministers of one ministry at one time
    assert two.verdict is Verdict.contradiction and "one person holds that post at a time" in two.explanation
    with pytest.raises(AssertionError, match="were not compared"):  # posts in two bodies are never paired
        pair(corpus, "b-minister", "b-agency-head")


def test_a_value_outside_its_categories_is_a_located_problem_with_a_suggestion(tmp_path):
    from dkg.schema.errors import DataProblems

    data = tmp_path / "data"
    (data / "registry").mkdir(parents=True)
    (data / "sources").mkdir()
    (data / "registry" / "world.yaml").write_text(REGISTRY)
    (data / "sources" / "c1.yaml").write_text(source("c1", "paper-a", "2024-01-02", """
        - {subject: pilot, property: cause_of_death, value: {text: shott}, quote: "shott"}
        - {subject: general-b, property: post, value: {post: ministre, entity: ministry}, quote: "ministre"}
        - {subject: army, property: aircraft_lost, value: {amount: 2, unit: aircraft}, part_of: no-such-total, quote: "two"}
    """))
    with pytest.raises(DataProblems) as err:
        load_corpus(data)
    text = str(err.value)
    assert "data/sources/c1.yaml:4:" in text and "claims[0].value.text: 'shott' is not a cause or manner of death category; did you mean 'shot'?" in text
    assert "claims[1].value.post: unknown post 'ministre'" in text and "did you mean 'minister'?" in text
    assert "claims[2].part_of: unknown claim 'no-such-total'" in text
