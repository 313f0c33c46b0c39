"""Each kind of bad curated input gets a clear message naming file, line, column and field,
every problem of a run is reported together, the exit code says what happened, and a failed
build leaves the previous one untouched."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dkg.graph.build import build, current
from dkg.loaders.corpus import load_corpus
from dkg.schema.errors import DataProblems, UnusableInput

from .conftest import run_dkg

GOOD_DOC = """\
document:
  id: test-doc
  name: A test report
  kind: news_report
  outlet: null
  published: 2023-09-05
claims:
  - subject: maxim-kuzminov
    property: age
    value: {amount: 28, unit: year}
    printed: 28-year-old
    speaker: hur
    quote: "identified the 28-year-old Russian pilot"
"""


def write(data: Path, name: str, text: str) -> Path:
    path = data / "sources" / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(data: Path) -> list[str]:
    with pytest.raises(DataProblems) as err:
        load_corpus(data)
    return [str(p) for p in err.value.problems]


def test_good_document_loads(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC)
    corpus = load_corpus(data_copy)
    assert "test-doc" in corpus.source_documents


def test_malformed_yaml_names_line_and_column(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("kind: news_report", "kind: [news_report"))
    (msg,) = problems(data_copy)
    assert msg.startswith("data/sources/test-doc.yaml:")
    assert "malformed YAML" in msg
    line = int(msg.split(":")[1])
    assert 4 <= line <= 6


def test_wrong_type(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("amount: 28", "amount: twenty-eight"))
    (msg,) = problems(data_copy)
    assert msg.startswith("data/sources/test-doc.yaml:10:")
    assert "claims[0].value.amount" in msg


def test_unknown_field(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("    printed: 28-year-old", "    printed: 28-year-old\n    speeker: hur"))
    (msg,) = problems(data_copy)
    assert "data/sources/test-doc.yaml:12:" in msg
    assert "claims[0].speeker: unknown field" in msg


def test_misspelt_reference_suggests_closest(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("subject: maxim-kuzminov", "subject: maxim-kuzminow"))
    (msg,) = problems(data_copy)
    assert msg == (
        "data/sources/test-doc.yaml:8:14: claims[0].subject: unknown id 'maxim-kuzminow'; did you mean 'maxim-kuzminov'?"
    )


def test_reference_of_wrong_type(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("speaker: hur", "speaker: primorye"))
    (msg,) = problems(data_copy)
    assert "claims[0].speaker: 'primorye' is a place; expected a" in msg


def test_unknown_property_suggests(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("property: age", "property: agee"))
    (msg,) = problems(data_copy)
    assert "claims[0].property: unknown property 'agee'; did you mean 'age' (age)" in msg


def test_duplicate_id_names_both_places(data_copy):
    reg = data_copy / "registry" / "zz-extra.yaml"
    reg.write_text("persons:\n  - id: maxim-kuzminov\n    name: Someone Else\n", encoding="utf-8")
    (msg,) = problems(data_copy)
    assert msg.startswith("data/registry/zz-extra.yaml:2:")
    assert "duplicate id 'maxim-kuzminov' (already defined at data/registry/common.yaml:" in msg


def test_duplicate_yaml_key(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("  kind: news_report\n", "  kind: news_report\n  kind: opinion\n"))
    (msg,) = problems(data_copy)
    assert "document.kind: duplicate key 'kind' (first at line 4)" in msg


@pytest.mark.parametrize(
    "date, why",
    [("2023-02-30", "2023-02 has 28 days"), ("2023-13", "there is no month 13"), ("5 Sept 2023", "is not a date")],
)
def test_impossible_dates(data_copy, date, why):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("published: 2023-09-05", f"published: '{date}'"))
    (msg,) = problems(data_copy)
    assert "document.published" in msg and why in msg


def test_leap_day_is_a_real_date(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("published: 2023-09-05", "published: 2024-02-29"))
    load_corpus(data_copy)


@pytest.mark.parametrize("quote", ['""', '"   "'])
def test_empty_quote(data_copy, quote):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace('quote: "identified the 28-year-old Russian pilot"', f"quote: {quote}"))
    (msg,) = problems(data_copy)
    assert "claims[0].quote: is empty" in msg


@pytest.mark.parametrize("bad", ["Maxim_Kuzminov", "maxim--kuzminov", "-maxim", "maxim kuzminov", "x" * 81])
def test_ids_must_be_slugs(data_copy, bad):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("id: test-doc", f"id: '{bad}'"))
    msgs = problems(data_copy)
    assert any("document.id" in m and "is not a valid id" in m for m in msgs)


def test_control_characters_are_refused(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("name: A test report", 'name: "A test\\u0007 report"'))
    (msg,) = problems(data_copy)
    assert "document.name: contains the control character U+0007" in msg


def test_very_long_text_is_refused(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("identified the 28-year-old Russian pilot", "a" * 5000))
    (msg,) = problems(data_copy)
    assert "claims[0].quote: is 5000 characters long; at most 2000 are allowed" in msg


def test_markup_is_kept_as_data(data_copy):
    """HTML in a quote is text, not an error: it is escaped wherever it is shown."""
    hostile = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("identified the 28-year-old Russian pilot", hostile))
    corpus = load_corpus(data_copy)
    quotes = [a.entry.quote for c in corpus.claims.values() for a in c.appearances if a.document == "test-doc"]
    assert quotes == [hostile]


def test_every_problem_of_a_run_is_reported_together(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("subject: maxim-kuzminov", "subject: nobody").replace("amount: 28", "amount: x"))
    write(data_copy, "test-doc2.yaml", GOOD_DOC.replace("id: test-doc", "id: test-doc2").replace("speaker: hur", "speaker: hurr"))
    msgs = problems(data_copy)
    assert len(msgs) == 2
    assert any("test-doc.yaml" in m and "value.amount" in m for m in msgs)
    assert any("test-doc2.yaml" in m and "unknown id 'hurr'; did you mean 'hur'?" in m for m in msgs)


def test_value_needs_exactly_one_kind(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("value: {amount: 28, unit: year}", "value: {amount: 28, text: twenty-eight}"))
    (msg,) = problems(data_copy)
    assert "claims[0].value: give exactly one of entity, text, date, amount or min+max (found text, amount)" in msg


def test_missing_data_dir_is_unusable(tmp_path):
    with pytest.raises(UnusableInput):
        load_corpus(tmp_path / "nope")


def test_validate_exit_codes(data_copy, tmp_path):
    ok = run_dkg("validate", "--data", str(data_copy))
    assert ok.returncode == 0, ok.stderr
    assert "clean" in ok.stdout
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("speaker: hur", "speaker: hurr"))
    bad = run_dkg("validate", "--data", str(data_copy))
    assert bad.returncode == 1
    assert "test-doc.yaml:12:14: claims[0].speaker: unknown id 'hurr'; did you mean 'hur'?" in bad.stderr
    unusable = run_dkg("validate", "--data", str(tmp_path / "missing"))
    assert unusable.returncode == 2
    assert "no such data directory" in unusable.stderr


def test_failed_build_leaves_previous_build_intact(data_copy, tmp_path):
    out = tmp_path / "out"
    build(data_copy, out, shacl=False)
    before = current(out)
    nq_before = (before / "exports" / "dkg.nq").read_bytes()
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("speaker: hur", "speaker: hurr"))
    result = run_dkg("build", "--data", str(data_copy), "--out", str(out))
    assert result.returncode == 1
    assert "nothing was written" in result.stderr
    assert current(out) == before
    assert (before / "exports" / "dkg.nq").read_bytes() == nq_before
    assert [p.name for p in (out / "builds").iterdir()] == [before.name]


@pytest.mark.parametrize("naming", ["stance", "part_of"])
def test_a_refused_claim_is_reported_once_not_again_where_its_handle_is_named(data_copy, naming):
    """A claim refused for its own problem (a misspelt subject) is not in the graph, so its `ref`
    resolves to nothing; a stance or part_of naming that handle must not add an 'unknown claim'
    problem that sends the curator after a handle spelt right."""
    doc = GOOD_DOC.replace("  - subject: maxim-kuzminov\n", "  - ref: the-age\n    subject: maxim-kuzminv\n")
    if naming == "stance":
        doc += 'stances:\n  - "on": the-age\n    stance: could_not_verify\n    quote: "identified the 28-year-old Russian pilot"\n'
    else:
        doc += "  - subject: maxim-kuzminov\n    property: age\n    value: {amount: 20, unit: year}\n    part_of: the-age\n"
    write(data_copy, "test-doc.yaml", doc)
    (msg,) = problems(data_copy)
    assert "claims[0].subject: unknown id 'maxim-kuzminv'; did you mean 'maxim-kuzminov'?" in msg
