"""What is contested, on a small invented corpus with every verdict and reason and the traps
(tests/fixtures/disagreements): nested places and dates that must agree, a range containing a
point, the same figure at two times, a rule against an instance, a currency with and without a
printed conversion, one origin repeated by two outlets, a claim's own origin disputing it, a
stance pointing at a missing claim. Then the same on the frozen seed corpus, as a journalist
checks it against the articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dkg.graph.build import build, store_path
from dkg.graph.store import OxigraphStore
from dkg.loaders.corpus import load_corpus
from dkg.queries.disagreements import disagreements, stances
from dkg.schema.errors import DataProblems

from .conftest import ROOT, run_dkg

WORLD = ROOT / "tests" / "fixtures" / "disagreements"


@pytest.fixture(scope="module")
def world_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("world-out")
    build(WORLD, out)
    return out


@pytest.fixture(scope="module")
def world(world_out):
    return OxigraphStore(store_path(world_out), read_only=True)


def verdicts(store, **filters) -> dict[tuple[str, str, str], tuple[str, tuple[str, ...]]]:
    """(property, left value, right value) -> (kind, reasons), as `dkg disagreements` shows them."""
    out = {}
    for d in disagreements(store, kinds={"agree", "contradiction", "apparent", "not_comparable"}, **filters):
        out[(d.property, d.left.value, d.right.value)] = (d.kind, tuple(d.reasons))
    return out


def find(found: dict, prop: str, *values: str) -> tuple[str, tuple[str, ...]]:
    for (p, a, b), verdict in found.items():
        if p == prop and {a, b} == set(values):
            return verdict
    raise AssertionError(f"no pair {prop} {values} in {sorted(found)}")


def test_nesting_agrees(world):
    found = verdicts(world)
    assert find(found, "based_at", "Harbour Town", "Northland") == ("agree", ())  # a town inside its country
    assert find(found, "date", "2023-08-05", "2023-08") == ("agree", ())  # a day inside its month
    assert find(found, "part_of", "Second Division", "First Army") == ("agree", ())  # a unit inside another
    assert find(found, "reward_for_equipment", "480,000 USD", "between 450,000 and 500,000 USD") == ("agree", ())  # a point in a range


def test_contradictions_are_same_scope_and_time(world):
    found = verdicts(world)
    # a contradiction names what proves it (issue 23)
    assert find(found, "age", "28 year", "35 year") == ("contradiction", ("values apart",))  # both 2023: two ages at one time
    assert find(found, "date", "2023-08-05", "2023-09-01") == ("contradiction", ("values apart",))  # a date does not change
    assert find(found, "place", "Southland", "Lake Province") == ("contradiction", ("values apart",))  # not within each other


def test_apparent_disagreements_carry_their_reason(world):
    found = verdicts(world)
    assert find(found, "troop_strength", "50,000 person", "80,000 person") == ("apparent", ("different time",))
    assert find(found, "deserters", "more than 1,000 person", "200 person") == ("apparent", ("different scope",))
    assert find(found, "salary", "60,000 RUB", "70,000 RUB") == ("apparent", ("different time",))


def test_currencies_compare_only_through_a_printed_conversion(world):
    found = verdicts(world)
    assert find(found, "salary", "900 USD", "60,000 RUB") == ("not_comparable", ("no conversion",))
    # 70,000 roubles printed as $850: compared with 900 dollars through that conversion
    assert find(found, "salary", "900 USD", "70,000 RUB") == ("apparent", ("different time",))


def test_rule_against_instance_through_the_equipment_kind(world):
    pairs = [d for d in disagreements(world, kinds={"agree", "apparent"}) if d.rule.startswith("rule-against-instance")]
    by_rule = {d.left.value: (d.kind, d.reasons, d.why) for d in pairs}
    # the pilot's HX-9 is a helicopter and so an aircraft; the payment names no equipment, so the
    # build infers it from what he defected with, and says so
    assert by_rule["480,000 USD"][:2] == ("apparent", ["rule against instance"])
    assert by_rule["between 450,000 and 500,000 USD"][:2] == ("apparent", ["rule against instance"])
    assert by_rule["up to 500,000 USD"][:2] == ("agree", [])
    assert "inferred" in by_rule["480,000 USD"][2] and "the HX-9 flown by Pilot Alpha counts under helicopter" in by_rule["480,000 USD"][2]
    assert all(d.right.claim.startswith("pilot-a--reward_received--") for d in pairs)


def test_each_side_shows_documents_printed_values_and_origins(world):
    (age,) = disagreements(world, kinds={"contradiction"}, prop="age")
    sides = {s.value: s for s in (age.left, age.right)}
    post = sides["28 year"].appearances[0]
    assert (post.document, post.speaker, post.origin) == ("post", "spokesman", "army-intel")
    assert sides["35 year"].appearances[0].document == "star"
    assert sides["28 year"].standing == "Contested"


def test_standing_from_evidence_of_other_origins(world):
    taken = stances(world)
    age = [s for s in taken if s.claim.startswith("pilot-a--age")]
    # disputed by the watchdog (another origin) and by Army Intelligence (its own origin): only
    # the first makes it contested, and the reason names it with its quote
    assert {(s.kind, s.origin) for s in age} == {("disputes", "watchdog"), ("disputes", "army-intel")}
    assert age[0].standing == "Contested" and age[0].status == "Disputed"
    assert age[0].status_reason == "disputes by Independent Watchdog in \u201cThe Evening Star on Pilot Alpha\u201d: \u201cthe watchdog doubts the age\u201d"
    assert "doubts its own figure" not in age[0].status_reason
    # two outlets repeating Army Intelligence's confirmation: one origin, and it is independent
    # of the payment's own (unknown) origin, so the payment is confirmed
    paid = [s for s in taken if s.claim.startswith("pilot-a--reward_received")]
    assert {s.document for s in paid} == {"wire", "post2"} and {s.origin for s in paid} == {"army-intel"}
    assert paid[0].standing == "Confirmed"
    # the wire could not verify the Post's date
    (date,) = [s for s in taken if s.kind == "could not verify"]
    assert (date.document, date.standing, date.quote) == ("wire", "Unverified", "could not verify the date")


def test_direct_triple_of_a_contested_claim_stays(world):
    """Disputed is not deprecated: the direct triple stays, the status says disputed."""
    rows = world.query("SELECT ?age WHERE { id:pilot-a dkg:age ?age }").values("age")
    assert sorted(int(t) for t in rows) == [28, 35]


def test_a_stance_on_a_missing_claim_is_a_located_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(WORLD, data)
    wire = data / "sources" / "wire.yaml"
    text = wire.read_text()
    wire.write_text(text.replace("on: post-date", "on: post-dat"))
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "on: post-date" in l)
    with pytest.raises(DataProblems) as err:
        load_corpus(data)
    (problem,) = err.value.problems
    assert str(problem).startswith(f"data/sources/wire.yaml:{line}:")
    assert "stances[1].on: unknown claim 'post-dat'" in str(problem) and "did you mean 'post-date'" in str(problem)


def test_a_duplicate_claim_ref_points_at_the_later_one(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(WORLD, data)
    star = data / "sources" / "star.yaml"
    star.write_text(star.read_text().replace("  - subject: pilot-a\n    property: age", "  - ref: post-age\n    subject: pilot-a\n    property: age"))
    with pytest.raises(DataProblems) as err:
        load_corpus(data)
    (problem,) = err.value.problems
    assert str(problem).startswith("data/sources/star.yaml:") and "duplicate claim ref 'post-age'" in str(problem)
    assert "post.yaml" in str(problem)


def test_a_curators_status_overrides_the_evidence(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(WORLD, data)
    post = data / "sources" / "post.yaml"
    post.write_text(post.read_text().replace("  - ref: post-age\n", "  - ref: post-age\n    status: deprecated\n    status_reason: the curator found the statement withdrawn\n"))
    out = tmp_path / "out"
    build(data, out, shacl=False)
    store = OxigraphStore(store_path(out), read_only=True)
    (age,) = [s for s in stances(store) if s.claim.startswith("pilot-a--age") and s.origin == "watchdog"]
    assert (age.status, age.status_reason, age.standing) == ("Deprecated", "the curator found the statement withdrawn", "Contested")
    ages = store.query("SELECT ?age WHERE { id:pilot-a dkg:age ?age }").values("age")
    assert [int(t) for t in ages] == [35]  # deprecated claims lose their direct triple


def test_the_same_documents_in_any_order_give_the_same_graph(tmp_path):
    renamed = tmp_path / "renamed"
    shutil.copytree(WORLD, renamed)
    for i, path in enumerate(sorted((renamed / "sources").glob("*.yaml"), reverse=True)):
        # the reverse load order: a source file keeps its document's name, in numbered folders
        (path.parent / f"{i:02d}").mkdir()
        path.rename(path.parent / f"{i:02d}" / path.name)
    a, b = tmp_path / "a", tmp_path / "b"
    build(WORLD, a, shacl=False, formats=())
    build(renamed, b, shacl=False, formats=())
    dump = lambda out: OxigraphStore(store_path(out), read_only=True).dump_nquads()  # noqa: E731
    assert dump(a) == dump(b)


def test_an_incremental_build_re_derives_the_pairs_and_stances_a_new_document_touches(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(WORLD, data)
    out = tmp_path / "out"
    build(data, out, shacl=False, formats=())
    (data / "sources" / "late.yaml").write_text(
        "document: {id: late, name: A late correction, kind: news_report, outlet: watchdog}\n"
        "claims:\n"
        "  - {subject: pilot-a, property: age, value: {amount: 30, unit: year}, when: 2023, quote: 'he is 30'}\n"
        "stances:\n"
        "  - {on: pilot-paid, stance: refutes, quote: 'no payment was made'}\n"
    )
    report = build(data, out, shacl=False, formats=())
    assert report.rederived == ["late"]
    store = OxigraphStore(store_path(out), read_only=True)
    ages = verdicts(store, prop="age")
    assert find(ages, "age", "30 year", "35 year") == ("contradiction", ("values apart",))
    assert find(ages, "age", "28 year", "30 year") == ("contradiction", ("values apart",))
    paid = [s for s in stances(store) if s.claim.startswith("pilot-a--reward_received")]
    assert paid[0].standing == "Contested" and {s.kind for s in paid} == {"confirms", "refutes"}
    # changing the claim a stance points at re-derives the document that holds the stance
    post = data / "sources" / "post.yaml"
    post.write_text(post.read_text().replace("value: {amount: 200000, currency: USD}", "value: {amount: 250000, currency: USD}"))
    report = build(data, out, shacl=False, formats=())
    assert set(report.rederived) == {"post", "star", "wire", "post2", "late"}  # every document with a stance on post's claims
    fresh = tmp_path / "fresh"
    build(data, fresh, shacl=False, formats=())
    assert OxigraphStore(store_path(out), read_only=True).dump_nquads() == OxigraphStore(store_path(fresh), read_only=True).dump_nquads()


def test_cli_side_by_side_and_json(world_out):
    result = run_dkg("disagreements", "--out", str(world_out), "--kind", "contradiction", "--property", "age")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "CONTRADICTION" in text and "Pilot Alpha · age · 28 years (contested by Independent Watchdog)" in text  # the terminal reads figures in words
    assert "said by Colonel Speaker, origin: Northland Army Intelligence" in text and "The Evening Star on Pilot Alpha (star)" in text
    assert "Contested claims (1)" in text and "disputes — Independent Watchdog" in text
    result = run_dkg("disagreements", "--out", str(world_out), "--json", "--kind", "all")
    data = json.loads(result.stdout)
    kinds = {d["kind"] for d in data["disagreements"]}
    assert kinds == {"agree", "contradiction", "apparent", "not_comparable"}
    assert all(d["why"] and d["rule"] and d["left"]["appearances"] for d in data["disagreements"])


# ---------------------------------------------------------------- the seed articles (frozen fixture)


def test_seed_casualty_figures_are_an_apparent_disagreement_with_its_reasons(seed_store):
    """002: Shoigu's "around 6,000" beside BBC Russian's list of 25,000 named dead."""
    pairs = disagreements(seed_store, prop="personnel_losses", kinds={"apparent", "contradiction"})
    (pair,) = [p for p in pairs if {p.left.value, p.right.value} == {"about 6,000 person", "at least 25,000 person"}]
    assert pair.kind == "apparent" and pair.reasons == ["different scope", "different time"]
    printed = {a.printed for side in (pair.left, pair.right) for a in side.appearances}
    assert printed == {"around 6,000 men", "25,000 names"}
    speakers = {a.speaker_name for side in (pair.left, pair.right) for a in side.appearances}
    assert speakers == {"Sergei Shoigu", "Olga Ivshina"}
    assert "soldiers and officers killed in the war in Ukraine, identified by name" in pair.why


def test_seed_shoigu_figure_is_disputed_by_the_analysts_the_article_cites(seed_store):
    (shoigu,) = [s for s in stances(seed_store) if s.claim_label == "Russian armed forces · personnel losses · about 6,000 person"]
    assert (shoigu.kind, shoigu.speaker_name, shoigu.standing, shoigu.status) == (
        "disputes",
        "unnamed analysts, including pro-Kremlin military bloggers",
        "Contested",
        "Disputed",
    )
    assert shoigu.quote == "a figure most analysts, including pro-Kremlin military bloggers, considered an underestimate"
    assert shoigu.status_reason.startswith("disputes by unnamed analysts, including pro-Kremlin military bloggers in")


def test_seed_payments_against_the_published_rewards(seed_store):
    rules = {
        (p.left.value, p.right.value): p.kind
        for p in disagreements(seed_store, kinds={"agree", "apparent", "contradiction", "not_comparable"})
        if p.rule.startswith("rule-against-instance")
    }
    assert rules[("100,000 USD", "10,000 USD")] == "apparent"  # Misha's $10,000 for his tank against $100,000 for tanks
    assert rules[("between 450,000 and 500,000 USD", "500,000 USD")] == "agree"  # Kuzminov's Mi-8 is a helicopter
    assert rules[("up to 500,000 USD", "500,000 USD")] == "agree"  # ... and so an aircraft


def test_seed_newsweek_could_not_verify_the_hur_claims(seed_store):
    unverified = [s for s in stances(seed_store) if s.kind == "could not verify" and s.document == "003_e82a78f22526c30b"]
    labels = {s.claim_label for s in unverified}
    assert "Southern Military District · deserters · more than 18,000 person" in labels
    assert all(s.standing == "Unverified" and s.origin == "newsweek" for s in unverified)


def test_provenance_shows_who_contests_a_claim_and_what_differs(seed_out):
    result = run_dkg("provenance", "russian-armed-forces--personnel_losses--f11c05d5", "--out", str(seed_out), env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "contested:" in text and "disputes by unnamed analysts, including pro-Kremlin military bloggers" in text
    assert "apparent disagreement (different scope, different time) with: at least 25,000 people" in text
