"""`dkg new-source`: a draft source file from an article's text.

Run on the frozen seed registry (tests/fixtures/seed) with articles written here, so the checks
do not depend on the live data/; and on the seed texts, where the draft's precision and recall
against the curated files are measured and printed (scripts/draft_recall.py). Sentence-level
checks in several languages are in tests/test_draft.py."""

from __future__ import annotations

import re
import runpy
import shutil
import time
from pathlib import Path

import pytest
import yaml

from dkg.loaders import draft
from dkg.loaders.yamlsrc import CuratedLoader
from dkg.schema.models import SourceFile
from dkg.schema.vocab import PROPERTIES

from .conftest import ROOT, SEED, SEEDS, run_dkg

ARTICLE = """Pilot who fled to Ukraine speaks again
KYIV (Newsweek) - September 14, 2023
By Olga Ivshina

Maxim Kuzminov, the 28-year-old pilot, told reporters he was paid half a million dollars.
According to Andriy Yusov, the reward for an aircraft could reach $500,000, while $100,000 awaits those who surrender tanks.
The HUR said more than 18,000 Russian servicemen had deserted. Kyivstar reported nothing; Hurray said nobody.
Максим Кузьминов also said his unit was based in Primorie. Around 6,000 men were lost, Mr. Petrov claimed.
The Foreign Legion Command of Ukraine denied it.
"""


def uncomment_claims(text: str) -> dict:
    """Every candidate of a draft: the live proposals and, uncommented, the candidates it could
    not complete, as a curator gets them by uncommenting the `# claims:` block."""
    lines = text.split("\n")
    start = lines.index("# claims:")
    end = next(i for i in range(start, len(lines)) if lines[i] == "")
    body = "\n".join(line[2:] for line in lines[start:end])
    commented = yaml.load(body, Loader=CuratedLoader)["claims"] or []
    live = yaml.load(text, Loader=CuratedLoader).get("claims") or []
    return {"claims": live + commented}


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "Pilot Speaks Again!.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def entity_type(ent_id):
    entities, _ = draft.known_entities(SEED)
    return entities[ent_id].entity_type


def new_source(*args, data=SEED):
    return run_dkg("new-source", *map(str, args), "--data", str(data))


def test_draft_is_valid_and_names_the_registry(article, data_copy, tmp_path):
    out = data_copy / "sources" / "pilot-speaks-again.yaml"
    r = new_source(article, data=data_copy)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and f"wrote {out}" in r.stderr
    text = out.read_text(encoding="utf-8")
    live = yaml.load(text, Loader=CuratedLoader)
    assert set(live) <= {"document", "claims", "stances"} and live["claims"]
    assert all(c["proposed"] is True for c in live["claims"] + live.get("stances", []))  # each marked a proposal
    doc = live["document"]
    assert doc["id"] == "pilot-speaks-again"
    assert "file" not in doc and "rename it" in text  # 'Pilot Speaks Again!.txt' is no valid `file:`
    assert doc["name"] == "Pilot who fled to Ukraine speaks again" and doc["kind"] == "news_report"
    assert doc["published"] == "2023-09-14" and "dateline" in doc["published_evidence"]
    assert doc["outlet"] == "newsweek" and doc["authors"] == ["olga-ivshina"]
    # the draft validates as it is written, in a corpus beside the other articles, SHACL included
    # (issue 21 item 16: it failed with "a curated source document carries at least one claim")
    v = run_dkg("validate", "--data", str(data_copy))
    assert v.returncode == 0, v.stdout + v.stderr
    assert f"proposal(s) of `dkg new-source` not yet reviewed: pilot-speaks-again ({len(live['claims']) + len(live.get('stances', []))})" in v.stderr
    # registry entities by name, alias and transliteration, with id and type
    listing = text[text.index("-- registry entities named"):text.index("-- candidate claims")]
    for line in ("#   maxim-kuzminov  (person): Maxim Kuzminov, Максим Кузьминов", "#   andriy-yusov  (person)",
                 "#   hur  (organization): HUR", "#   primorye  (place): Primorie"):
        assert line in listing, listing
    # whole words only: Kyivstar is not Kyiv, Hurray is not HUR
    assert "Kyivstar" not in listing and "Hurray" not in listing
    assert re.search(r"hur  \(organization\): HUR, x1\b", listing), listing


def test_candidates_quote_verbatim_with_speakers_and_figures(article, tmp_path):
    out = tmp_path / "draft.yaml"
    assert new_source(article, "-o", out).returncode == 0
    claims = uncomment_claims(out.read_text(encoding="utf-8"))["claims"]
    by_quote = {c["quote"]: c for c in claims}
    q = "Maxim Kuzminov, the 28-year-old pilot, told reporters he was paid half a million dollars."
    assert by_quote[q]["speaker"] == "maxim-kuzminov"
    # one sentence, several claims: the reward he was paid, his age, and the role of the apposition
    values = [c["value"] for c in claims if c["quote"] == q]
    assert {"amount": 500000, "currency": "USD"} in values or {"amount": 28, "unit": "year"} in values
    assert {"text": "pilot"} in values
    yusov = next(c for c in claims if c["quote"].startswith("According to Andriy Yusov"))
    assert yusov["speaker"] == "andriy-yusov" and yusov["value"] == {"amount": 500000, "bound": "at_most", "currency": "USD"}
    hur = next(c for c in claims if c["quote"].startswith("The HUR said"))
    assert hur["speaker"] == "hur" and hur["value"] == {"amount": 18000, "bound": "more_than", "unit": "person"}
    assert hur["printed"] == "more than 18,000 Russian servicemen"
    assert any(c["quote"] == "The Foreign Legion Command of Ukraine denied it." for c in claims)
    for c in claims:  # each quote is verbatim from the text, at most 300 characters, each a proposal
        assert c["quote"] in " ".join(ARTICLE.split()) and len(c["quote"]) <= 300
        assert c["proposed"] is True
        if c["property"] is not None:  # chosen from the vocabulary, for a subject that may take it
            prop = PROPERTIES[c["property"]]
            assert prop.subjects is None or entity_type(c["subject"]) in prop.subjects, c
    kuzminov = [c for c in claims if c["quote"].startswith("Maxim Kuzminov, the 28-year-old pilot")]
    assert {"subject": "maxim-kuzminov", "property": "age", "value": {"amount": 28, "unit": "year"}}.items() <= kuzminov[0].items() or any(
        c["property"] == "age" and c["value"] == {"amount": 28, "unit": "year"} for c in kuzminov), kuzminov
    denied = next(c for c in claims if c["quote"] == "The Foreign Legion Command of Ukraine denied it.")
    assert denied["property"] is None  # nothing states a property: the choices are listed
    text = out.read_text(encoding="utf-8")
    assert "#     property: ~  # " in text
    # names the registry lacks, as candidate entries
    names = text[text.index("-- names not in the registry"):]
    assert "units: {id: foreign-legion-command-of-ukraine, name: Foreign Legion Command of Ukraine}" in names
    assert "persons: {id: petrov, name: Petrov}" in names  # "Mr. Petrov": the title is no part of the name
    assert "places: {id: primorie" not in names  # a registry name (an alias of primorye) is never proposed
    assert "Maxim Kuzminov" not in names and "Kyivstar" not in names


@pytest.mark.parametrize(
    "printed, value",
    [
        ("a helicopter fetches between $450,000 and $500,000.", {"min": 450000, "max": 500000, "currency": "USD"}),
        ("More than 18,000 Russian servicemen fled", {"amount": 18000, "bound": "more_than", "unit": "person"}),
        ("lost around 6,000 men, a figure", {"amount": 6000, "bound": "approximate", "unit": "person"}),
        ("gave half a million dollars to him", {"amount": 500000, "currency": "USD"}),
        ("a 28-year-old Russian pilot", {"amount": 28, "unit": "year"}),
        ("worth £865 in all", {"amount": 865, "currency": "GBP"}),
        ("paid 90,000 roubles a month", {"amount": 90000, "currency": "RUB"}),
        ("up to 90,000 roubles (£865, US$1090).", {"amount": 90000, "bound": "at_most", "currency": "RUB",
                                                  "equivalents": [{"amount": 865, "currency": "GBP"}, {"amount": 1090, "currency": "USD"}]}),
        ("the unit had between 40 and 50 aircraft", {"min": 40, "max": 50, "unit": "aircraft"}),
    ],
)
def test_figures_become_value_skeletons(printed, value):
    figures = draft.find_figures(printed, {"aircraft": "aircraft"})
    assert [f.value for f in figures] == [value]
    assert figures[0].printed in printed  # printed verbatim


def test_dates_and_numbers_that_are_no_figures():
    assert draft.find_figures("on March 5, 2023 the 319th regiment moved in 2022") == []


def test_never_overwrites(article, tmp_path):
    out = tmp_path / "draft.yaml"
    out.write_text("precious: curated work\n", encoding="utf-8")
    r = new_source(article, "-o", out)
    assert r.returncode == 2 and "exists; not replacing it" in r.stderr and "--force" in r.stderr
    assert out.read_text(encoding="utf-8") == "precious: curated work\n"
    r = new_source(article, "-o", out, "--force")
    assert r.returncode == 0 and out.read_text(encoding="utf-8").startswith("# Draft written by")
    assert not list(tmp_path.glob("*.partial"))


def test_refuses_an_id_that_exists(article, tmp_path):
    r = new_source(article, "-o", tmp_path / "x.yaml", "--id", "hur")
    assert r.returncode == 2 and "the id 'hur' already names a organization" in r.stderr
    assert not (tmp_path / "x.yaml").exists()


HOSTILE = (
    'Title with # hash, "quotes": and {yaml: [syntax]} \u202egnp.exe\u202c\x07\n\n'
    'Maxim Kuzminov said: "key: value # not a comment\n- item" and \'single\' & *alias !!python/object'
    ' \u2028next line \u202e reversed \u2066isolate\u2069 \x1b[31mred\x1b[0m.\n'
    "The HUR said ---\n...\n%YAML 1.1 is here; 90% of $1,000.\n"
)


def test_hostile_text_gives_a_correct_draft(tmp_path, data_copy):
    src = tmp_path / "hostile.txt"
    src.write_bytes(HOSTILE.encode("utf-8"))
    out = data_copy / "sources" / "hostile.yaml"
    r = new_source(src, "-o", out, data=data_copy)
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert all(line == "" or line.startswith("#") or line in ("document:", "claims:") or line.startswith("  ")
               for line in text.split("\n"))
    assert not any(ch in text for ch in "\u202e\u2066\u2028\x07\x1b")  # escaped, never raw
    live = yaml.load(text, Loader=CuratedLoader)
    assert set(live) <= {"document", "claims"}
    # what Kuzminov "said" may be proposed as his position: its words stay text, never YAML
    assert all(set(c["value"]) == {"text"} for c in live.get("claims") or [] if c.get("property") == "stated_position")
    assert all(c["value"]["text"] == "key: value # not a comment" for c in live.get("claims") or []
               if c.get("property") == "stated_position")
    SourceFile.model_validate(live)
    assert live["document"]["name"].startswith('Title with # hash, "quotes": and {yaml: [syntax]}')
    v = run_dkg("validate", "--no-shacl", "--data", str(data_copy))
    assert v.returncode == 0, v.stdout + v.stderr
    claims = uncomment_claims(text)["claims"]
    quotes = [c["quote"] for c in claims]
    assert 'Maxim Kuzminov said: "key: value # not a comment' in quotes  # '#' and ': ' stay text
    assert any("\u202e reversed \u2066isolate\u2069" in q and "*alias !!python/object" in q for q in quotes), quotes
    assert any(c.get("speaker") == "hur" for c in claims)


@pytest.mark.parametrize(
    "content, message",
    [
        ("Caf\xe9 au lait\n".encode("latin-1"), "not UTF-8 text (byte 0xe9 at offset 3)"),
        (b"", "the text is empty"),
        (b"\n \n\t\n", "the text is empty"),
        (b"title\n\x00\x00binary", "NUL bytes"),
    ],
)
def test_unusable_text_gets_a_clear_message(tmp_path, content, message):
    src = tmp_path / "bad.txt"
    src.write_bytes(content)
    r = new_source(src, "-o", tmp_path / "out.yaml")
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_missing_file_and_bad_id(tmp_path, article):
    r = new_source(tmp_path / "nope.txt")
    assert r.returncode == 2 and "no such file" in r.stderr
    r = new_source(article, "--id", "Not An Id", "-o", tmp_path / "o.yaml")
    assert r.returncode == 2 and "not a valid id" in r.stderr


@pytest.mark.slow
def test_long_texts(tmp_path):
    """A long text is drafted and validated, fast enough to wait for (the time is printed, not
    asserted); one whose draft could not be a curated file (8 MB at most) is refused with a
    message and exit 2, nothing written (before, a 5 MB text gave a 35 MB file `dkg validate` refuses)."""
    para = ARTICLE.split("\n", 1)[1]
    src = tmp_path / "long.txt"
    src.write_text("Long text\n" + para * (500 * 1024 // len(para.encode()) + 1), encoding="utf-8")
    started = time.perf_counter()
    r = new_source(src, "-o", tmp_path / "long.yaml")
    print(f"\n500 KB article drafted and validated in {time.perf_counter() - started:.1f}s")
    assert r.returncode == 0, r.stderr
    live = yaml.load((tmp_path / "long.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    assert live["claims"] and all(c["proposed"] for c in live["claims"])
    src.write_text("Long text\n" + para * (5 * 1024 * 1024 // len(para.encode()) + 1), encoding="utf-8")
    r = new_source(src, "-o", tmp_path / "huge.yaml")
    assert r.returncode == 2 and "more than a curated file may hold (8 MB)" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "huge.yaml").exists()


def test_slug_ids_from_file_names():
    assert draft.slug_id("000_9dcf5df62fe0ca39") == "000_9dcf5df62fe0ca39"
    assert draft.slug_id("Pilot Speaks Again!") == "pilot-speaks-again"
    assert draft.slug_id("Кузьминов -- интервью") == "kuzminov-intervyu"
    assert draft.slug_id("!!!") is None


def test_sentences_do_not_end_at_abbreviations():
    text = "Lt. Gen. Ivanov met Mr. Smith in the U.S. on Monday. He said no. “It ended.” she wrote."
    got = [s.text for s in draft.split_sentences(text)]
    assert got == ["Lt. Gen. Ivanov met Mr. Smith in the U.S. on Monday.", "He said no.", "“It ended.” she wrote."]


# --------------------------------------------------------------------------- the seed articles


def _seed_texts() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed article texts are not at {SEEDS} (CI has them)")
    return SEEDS


def test_seed_drafts_validate(tmp_path):
    seeds = _seed_texts()
    data = tmp_path / "data"
    shutil.copytree(SEED, data)
    for text in sorted(seeds.glob("*.txt")):
        r = new_source(text, "-o", data / "sources" / f"draft-{text.stem}.yaml", "--id", f"draft-{text.stem}", data=data)
        assert r.returncode == 0, r.stderr
        claims = uncomment_claims((data / "sources" / f"draft-{text.stem}.yaml").read_text(encoding="utf-8"))
        assert claims["claims"], text.name
    v = run_dkg("validate", "--no-shacl", "--data", str(data))
    assert v.returncode == 0, v.stdout + v.stderr


def test_precision_and_recall_on_the_seed_articles(capsys):
    """Of the curated claims, how many a candidate's quote holds (recall), and of the candidates,
    how many hold a curated claim (precision), per article and overall (printed with the per-field
    figures). The floors guard sentence splitting, attribution and the claim search; they sit
    under what was measured (quotes 205/257, kept 101/122)."""
    seeds = _seed_texts()
    script = runpy.run_path(str(ROOT / "scripts" / "draft_recall.py"))
    rows = script["measure"](SEED, seeds)
    assert len(rows) == 5
    with capsys.disabled():
        script["report"]("\ndraft against the frozen seed corpus:", rows, False)
    total = script["Score"]()
    for _doc, _lang, s in rows:
        total.add(s)
    assert total.hit["quote"] / total.total["quote"] >= 0.75
    assert total.kept / total.proposed >= 0.75
    assert total.lang_ok == total.lang_total == 5
    assert total.claim_ok >= 1 and total.hit["claim"] >= 1  # properties are chosen, and some right
