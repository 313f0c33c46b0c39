"""Hostile and broken input, as a user or an attacker might hand it to dkg: each case ends as a
located message (file:line:column: field: message), the documented exit code, no traceback,
nothing written and nothing printed raw to the terminal. One test per reported case (issue 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dkg import cli
from dkg.loaders.corpus import load_corpus
from dkg.loaders.yamlsrc import MAX_YAML_BYTES
from dkg.schema.errors import DataProblems
from dkg.schema.text import for_terminal

from .conftest import ROOT, run_dkg
from .test_bad_input import GOOD_DOC, problems, write

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def run_bounded(*args: str, timeout: float = 20) -> subprocess.CompletedProcess:
    """Run dkg in a subprocess that must end on its own well within `timeout` (no timed
    assertion: a hang or a memory blow-up fails the test by exceeding it)."""
    return subprocess.run(
        [sys.executable, "-m", "dkg.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def messages(stderr: str) -> list[str]:
    """The lines of stderr that are not progress lines."""
    return [line for line in stderr.splitlines() if not line.startswith("[")]


def build_refused(data: Path, out: Path) -> str:
    """Build must refuse the data with exit 1, say nothing was written, write nothing, and
    show no traceback; returns stderr."""
    result = run_bounded("build", "--no-shacl", "--data", str(data), "--out", str(out), timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "nothing was written" in result.stderr
    assert not (out / "current").exists()
    assert not any((out / "builds").glob("*")) if (out / "builds").exists() else True
    return result.stderr


# --------------------------------------------------------------------------- 4, 17: size and aliases


def test_billion_laughs_is_refused_at_once(data_copy):
    assert len(BILLION_LAUGHS) < 400
    path = data_copy / "sources" / "laughs.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    result = run_bounded("validate", "--no-shacl", "--data", str(data_copy))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    first = messages(result.stderr)[0]
    assert first.startswith("data/sources/laughs.yaml:1:4: malformed YAML: found an anchor"), first
    assert "not allowed in curated files" in first


def test_an_alias_alone_is_refused_with_its_place(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC + "  - subject: maxim-kuzminov\n    property: age\n    value: *x\n")
    (msg,) = problems(data_copy)
    assert msg.startswith("data/sources/test-doc.yaml:16:12: malformed YAML: found an alias"), msg


def test_oversized_yaml_is_refused_without_parsing(data_copy, tmp_path):
    path = data_copy / "sources" / "huge.yaml"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(GOOD_DOC.replace("test-doc", "huge"))
        line = "# " + "x" * 1000 + "\n"
        fh.write(line * (MAX_YAML_BYTES // len(line) + 10))
    stderr = build_refused(data_copy, tmp_path / "out")
    assert messages(stderr)[0].startswith("data/sources/huge.yaml:1:1: file is 8.0 MB; a curated YAML file may be at most 8 MB")
    assert "tabular/*.csv" in stderr


# --------------------------------------------------------------------------- 5, 9: terminal escapes, bidi


def test_for_terminal_escapes_controls_and_bidi_only():
    assert for_terminal("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"
    assert for_terminal("a\u202eb\u2066c\u200f\x9b\n") == "a\\u202eb\\u2066c\\u200f\\x9b\\x0a"
    assert for_terminal("Максим Кузьминов, Ærø, 李") == "Максим Кузьминов, Ærø, 李"
    assert for_terminal(for_terminal("\x1b[2J")) == for_terminal("\x1b[2J")


def test_escape_sequence_in_a_yaml_key_is_shown_escaped(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("  kind: news_report\n", '  kind: news_report\n  "\\e]0;pwned\\a": 1\n'))
    result = run_dkg("validate", "--no-shacl", "--data", str(data_copy))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "data/sources/test-doc.yaml:5:19: document.\\x1b]0;pwned\\x07: unknown field" in result.stderr


def test_escape_sequence_in_a_jsonl_key_and_a_file_name_is_shown_escaped(data_copy):
    (data_copy / "tabular").mkdir()
    (data_copy / "tabular" / "rows.jsonl").write_text('{"document": "x", "\\u001b[2J\\u202e": 1}\n', encoding="utf-8")
    (data_copy / "sources" / "\x1b]0;title\x07.yaml").write_text("document: [\n", encoding="utf-8")
    result = run_dkg("validate", "--no-shacl", "--data", str(data_copy))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr and "\x07" not in result.stderr
    assert "data/tabular/rows.jsonl:1:1: \\x1b[2J\\u202e: unknown field" in result.stderr
    assert "data/sources/\\x1b]0;title\\x07.yaml:2:1: malformed YAML" in result.stderr


@pytest.mark.parametrize("char", ["\u202e", "\u2067", "\u200f"])
def test_bidi_controls_in_names_are_refused(data_copy, char):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("name: A test report", f'name: "A test{char}report"'))
    (msg,) = problems(data_copy)
    assert msg.startswith("data/sources/test-doc.yaml:3:9: document.name: contains the bidirectional control character")
    assert f"U+{ord(char):04X}" in msg
    assert char not in msg


def test_c1_control_in_text_is_refused(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("printed: 28-year-old", 'printed: "28\\x9byear-old"'))
    (msg,) = problems(data_copy)
    assert "claims[0].printed: contains the control character U+009B" in msg


# --------------------------------------------------------------------------- 6: messages, not tracebacks


def test_unquoted_impossible_date_is_a_located_problem(data_copy, tmp_path):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("    printed: 28-year-old\n", "    printed: 28-year-old\n    when: 2023-02-30\n"))
    stderr = build_refused(data_copy, tmp_path / "out")
    assert "data/sources/test-doc.yaml:12:11: claims[0].when: '2023-02-30' is not a date: 2023-02 has 28 days" in stderr


def test_claims_that_are_not_a_list(data_copy, tmp_path):
    (data_copy / "sources" / "test-doc.yaml").write_text(GOOD_DOC.split("claims:")[0] + "claims: 5\n", encoding="utf-8")
    stderr = build_refused(data_copy, tmp_path / "out")
    assert "data/sources/test-doc.yaml:7:9: claims: Input should be a valid list" in stderr


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_bad_byte_in_a_table_is_located(data_copy, tmp_path, suffix):
    (data_copy / "tabular").mkdir()
    if suffix == "csv":
        text = b"document,subject,property,value_text\nhur-statement-kuzminov,maxim-kuzminov,rank,Capt\xe9in\n"
        where = "data/tabular/rows.csv:2:48"
    else:
        text = b'{"document": "hur-statement-kuzminov", "subject": "maxim-kuzminov", "property": "rank", "value_text": "Capt\xe9in"}\n'
        where = "data/tabular/rows.jsonl:1:108"
    (data_copy / "tabular" / f"rows.{suffix}").write_bytes(text)
    stderr = build_refused(data_copy, tmp_path / "out")
    assert f"{where}: not UTF-8 text: byte(s) e9" in stderr, stderr


@pytest.mark.parametrize("where", ["sources/deep.yaml", "tabular/deep.jsonl"])
def test_twenty_thousand_brackets(data_copy, tmp_path, where):
    path = data_copy / where
    path.parent.mkdir(exist_ok=True)
    path.write_text("[" * 20000 + "\n", encoding="utf-8")
    stderr = build_refused(data_copy, tmp_path / "out")
    expected = "data/sources/deep.yaml:1:65: malformed YAML: nested more than 64 levels deep" if where.endswith("yaml") else (
        "data/tabular/deep.jsonl:1:1: malformed JSON: nested too deeply"
    )
    assert expected in stderr


# --------------------------------------------------------------------------- 7: the cause first


def _break_common_registry(data: Path, how: str) -> None:
    path = data / "registry" / "common.yaml"
    lines = path.read_bytes().split(b"\n")
    if how == "byte":
        lines[20] = lines[20].replace(b"Main", b"Main\xe9", 1)  # line 21: "    name: Main Intelligence ..." in Latin-1
    else:
        lines[19] = b"\t" + lines[19].lstrip()
    path.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize("how, where, what", [
    ("byte", "data/registry/common.yaml:21:15", "not UTF-8 text: byte(s) e9 at byte offset"),
    ("tab", "data/registry/common.yaml:20:1", "malformed YAML"),
])
def test_unreadable_registry_is_reported_first_and_its_follow_ons_summarised(data_copy, how, where, what):
    _break_common_registry(data_copy, how)
    result = run_dkg("validate", "--no-shacl", "--data", str(data_copy))
    assert result.returncode == 1
    lines = messages(result.stderr)
    assert lines[0].startswith(f"{where}: {what}"), lines[:3]
    assert lines[1].startswith(f"{where}: ") and "unknown id(s) that this unreadable file mentions" in lines[1]
    assert "fix this file first" in lines[1]
    unknown = [line for line in lines if "unknown id '" in line]
    assert len(unknown) < 5, unknown  # instead of one line per reference to an id the file defines


def test_unknown_ids_not_in_the_unreadable_file_are_still_reported(data_copy):
    _break_common_registry(data_copy, "byte")
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("speaker: hur", "speaker: nobody-at-all"))
    msgs = problems(data_copy)
    assert any("claims[0].speaker: unknown id 'nobody-at-all'" in m for m in msgs)


# --------------------------------------------------------------------------- 8: impossible values


def test_publication_date_in_the_future_is_refused(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("published: 2023-09-05", "published: 2999-01"))
    (msg,) = problems(data_copy)
    assert msg.startswith("data/sources/test-doc.yaml:6:14: document.published: 2999-01 is in the future (today is ")


def test_claim_time_in_the_future_is_legitimate(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("    printed: 28-year-old\n", "    printed: 28-year-old\n    when: 2050\n"))
    load_corpus(data_copy)


@pytest.mark.parametrize("value, field", [
    ("{amount: -28, unit: year}", "value.amount: -28 is negative; age cannot be negative"),
    ("{min: -3, max: 28, unit: year}", "value.min: -3 is negative; age cannot be negative"),
])
def test_negative_figures_are_refused(data_copy, value, field):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("value: {amount: 28, unit: year}", f"value: {value}"))
    (msg,) = problems(data_copy)
    assert msg.startswith("data/sources/test-doc.yaml:10:") and f"claims[0].{field}" in msg, msg


def test_a_change_may_be_negative(data_copy):
    doc = GOOD_DOC.replace("subject: maxim-kuzminov\n    property: age", "subject: russian-armed-forces\n    property: desertion_trend")
    write(data_copy, "test-doc.yaml", doc.replace("value: {amount: 28, unit: year}", "value: {amount: -5, unit: person}"))
    load_corpus(data_copy)


# --------------------------------------------------------------------------- 10: links out of data/


def test_symlink_out_of_the_data_directory_is_refused(data_copy, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(GOOD_DOC.replace("test-doc", "outside-doc"), encoding="utf-8")
    (data_copy / "sources" / "linked.yaml").symlink_to(outside)
    with pytest.raises(DataProblems) as err:
        load_corpus(data_copy)
    (msg,) = [str(p) for p in err.value.problems]
    assert msg.startswith(f"data/sources/linked.yaml:1:1: is a symbolic link to {outside}, outside the data directory; refused")


def test_fifo_is_refused_not_read(data_copy):
    os.mkfifo(data_copy / "sources" / "pipe.yaml")  # reading it would block for ever
    result = run_bounded("validate", "--no-shacl", "--data", str(data_copy))
    assert result.returncode == 1
    assert "data/sources/pipe.yaml:1:1: is not a regular file; refused" in result.stderr


# --------------------------------------------------------------------------- 16: crashes have their own code


def _crash(monkeypatch, exc: BaseException):
    from dkg.commands import build as build_cmd

    def boom(args):
        raise exc

    monkeypatch.setattr(build_cmd, "cmd_vocab", boom)


def test_internal_error_exits_3_with_a_short_message(monkeypatch, capsys):
    _crash(monkeypatch, RuntimeError("boom \x1b[2J"))
    assert cli.main(["vocab"]) == 3
    err = capsys.readouterr().err
    assert err == "dkg vocab: internal error: RuntimeError: boom \\x1b[2J; run with --debug for the traceback\n"
    assert cli.main(["--debug", "vocab"]) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "internal error: RuntimeError" in err


def test_full_disk_is_not_an_internal_error(monkeypatch, capsys):
    import errno

    _crash(monkeypatch, OSError(errno.ENOSPC, "No space left on device", "out/builds/x"))
    assert cli.main(["vocab"]) == 2
    assert capsys.readouterr().err == "dkg vocab: No space left on device: out/builds/x\n"


def test_exit_codes_are_documented():
    help_text = run_dkg("--help").stdout
    assert "3 an internal error" in " ".join(help_text.split())
    assert "3 an internal error" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_curated_size_limit_is_documented():
    text = (ROOT / "docs" / "curation.md").read_text(encoding="utf-8")
    assert f"{MAX_YAML_BYTES // 1048576} MB" in text and "anchors" in text




@pytest.mark.parametrize("amount, shown", [("1e999999999", "1.000e+999999999"), ("1e-40", "1.000e-40")])
def test_absurd_exponents_are_refused_before_anything_prints_them(data_copy, amount, shown):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("amount: 28", f"amount: {amount}"))
    (msg,) = problems(data_copy)
    assert f"claims[0].value.amount: {shown} is not a plausible figure" in msg


def test_a_number_too_long_to_read_is_a_located_problem(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("amount: 28", "amount: " + "9" * 5000))
    (msg,) = problems(data_copy)
    assert msg == "data/sources/test-doc.yaml:10:21: malformed YAML: cannot read this value: the number has too many digits"


# --------------------------------------------------------------------------- issue 21: round three

ROW = '"document": "hur-statement-kuzminov", "subject": "maxim-kuzminov", "property": "age", "value_unit": "year"'


def jsonl(data: Path, *lines: str) -> Path:
    (data / "tabular").mkdir(exist_ok=True)
    path = data / "tabular" / "rows.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def validate_refused(data: Path) -> list[str]:
    """validate exits 1 with located messages and no traceback; returns them."""
    result = run_bounded("validate", "--no-shacl", "--data", str(data), timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return messages(result.stderr)


def test_lone_surrogate_in_jsonl_is_located(data_copy, tmp_path):  # 21.4
    jsonl(data_copy, "{" + ROW + ', "value_amount": 28, "quote": "a \\ud800 b"}')
    stderr = build_refused(data_copy, tmp_path / "out")
    assert "data/tabular/rows.jsonl:1:1: quote: holds the lone surrogate escape \\ud800" in stderr, stderr


def test_lone_surrogate_in_yaml_is_located(data_copy, tmp_path):  # 21.4
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("printed: 28-year-old", 'printed: "28-year\\ud800-old"'))
    stderr = build_refused(data_copy, tmp_path / "out")
    assert "data/sources/test-doc.yaml:11:14: claims[0].printed: holds the lone surrogate escape \\ud800" in stderr, stderr
    (msg,) = problems(data_copy)  # and the same through the API, once
    assert "\\ud800" in msg


def test_escaped_surrogate_pair_is_the_character(data_copy):
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("name: A test report", 'name: "A test \\ud83d\\ude00 report"'))
    jsonl(data_copy, "{" + ROW + ', "value_amount": 28, "remarks": "\\ud83d\\ude00"}')
    corpus = load_corpus(data_copy)
    assert corpus.entities["test-doc"].name == "A test \U0001F600 report"


def test_duplicate_key_in_a_jsonl_row(data_copy):  # 21.14
    jsonl(data_copy, "{" + ROW + ', "value_amount": 28, "value_amount": 29}')
    (msg,) = problems(data_copy)
    assert msg == "data/tabular/rows.jsonl:1:1: value_amount: duplicate key 'value_amount' (a row gives each field once)"


def test_duplicate_column_in_a_csv_header(data_copy):  # 21.14
    (data_copy / "tabular").mkdir()
    (data_copy / "tabular" / "rows.csv").write_text(
        "document,subject,property,value_amount,value_unit,value_amount\nhur-statement-kuzminov,maxim-kuzminov,age,28,year,29\n"
    )
    (msg,) = problems(data_copy)
    assert msg.startswith("data/tabular/rows.csv:1:6: column 'value_amount' is named twice in the header (first as column 4)")


def test_merge_key_is_refused(data_copy):  # 21.14
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("    speaker: hur\n", "    <<: {speaker: hur}\n"))
    (msg,) = problems(data_copy)
    assert msg.startswith("data/sources/test-doc.yaml:12:5: malformed YAML: found a '<<' merge key"), msg


def test_a_document_that_rereports_itself(data_copy):  # 21.14
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("  outlet: null\n", "  outlet: null\n  rereports: test-doc\n"))
    (msg,) = problems(data_copy)
    assert msg == "data/sources/test-doc.yaml:6:14: document.rereports: re-reports itself"


def test_a_cycle_of_rereports(data_copy):  # 21.14
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("  outlet: null\n", "  outlet: null\n  rereports: other-doc\n"))
    other = GOOD_DOC.replace("test-doc", "other-doc").replace("  outlet: null\n", "  outlet: null\n  rereports: test-doc\n")
    write(data_copy, "other-doc.yaml", other)
    found = problems(data_copy)
    assert "data/sources/test-doc.yaml:6:14: document.rereports: re-reports itself through test-doc -> other-doc -> test-doc" in found
    assert "data/sources/other-doc.yaml:6:14: document.rereports: re-reports itself through other-doc -> test-doc -> other-doc" in found


def test_source_file_named_other_than_its_document(data_copy):  # 21.14
    write(data_copy, "kuzminov-age.yaml", GOOD_DOC)
    (msg,) = problems(data_copy)
    assert msg.startswith("data/sources/kuzminov-age.yaml:2:7: document.id: the file is named 'kuzminov-age.yaml' but holds document 'test-doc'")


@pytest.mark.parametrize("old, new, where, expected", [
    ("{amount: 28, unit: year}", "{amount: 28, currency: USX}", "10:35: claims[0].value.currency", "'USX' is not an ISO 4217 currency code"),
    ("{amount: 28, unit: year}", "{amount: 28, currency: usd}", "10:35: claims[0].value.currency", "should match pattern"),
    ("{amount: 28, unit: year}", "{amount: 28, unit: persn}", "10:31: claims[0].value.unit", "age counts day, month, week, year, not 'persn'"),
    ("{amount: 28, unit: year}", "{amount: 28, currency: USD}", "10:35: claims[0].value.currency", "age is not an amount of money"),
])
def test_units_and_currencies_come_from_the_vocabulary(data_copy, old, new, where, expected):  # 21.14
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace(old, new))
    (msg,) = problems(data_copy)
    assert msg.startswith(f"data/sources/test-doc.yaml:{where}") and expected in msg, msg


def test_every_quantity_property_declares_what_it_counts():
    from dkg.schema.units import PROPERTY_UNITS
    from dkg.schema.vocab import PROPERTIES, ValueKind

    assert set(PROPERTY_UNITS) == {name for name, p in PROPERTIES.items() if ValueKind.quantity in p.values}


def test_a_conversion_in_an_unknown_currency(data_copy):  # 21.14
    doc = GOOD_DOC.replace("property: age\n    value: {amount: 28, unit: year}", "property: reward_received\n    value: {amount: 5, currency: USD, equivalents: [{amount: 4, currency: XYZ}]}")
    write(data_copy, "test-doc.yaml", doc.replace("printed: 28-year-old", "printed: $5"))
    (msg,) = problems(data_copy)
    assert "claims[0].value.equivalents[0].currency: 'XYZ' is not an ISO 4217 currency code" in msg


def test_registry_files_in_subfolders_and_upper_case_are_read(data_copy):  # 21.13
    sub = data_copy / "registry" / "2024"
    sub.mkdir()
    (sub / "EXTRA.YAML").write_text("persons:\n  - id: ivan-testov\n    name: Ivan Testov\n", encoding="utf-8")
    write(data_copy, "test-doc.yaml", GOOD_DOC.replace("subject: maxim-kuzminov", "subject: ivan-testov"))
    (data_copy / "sources" / "notes.txt").write_text("not data")
    corpus = load_corpus(data_copy)
    assert "ivan-testov" in corpus.entities
    result = run_dkg("validate", "--no-shacl", "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    assert "warning: data/sources/notes.txt:1:1: not read: only .yaml or .yml files are read in sources/" in result.stderr


def test_a_table_in_a_subfolder_is_read_and_counts_for_the_incremental_build(data_copy, tmp_path):  # 21.13
    from dkg.graph.build import build

    out = tmp_path / "out"
    build(data_copy, out, shacl=False)
    (data_copy / "tabular" / "2024").mkdir(parents=True)
    (data_copy / "tabular" / "2024" / "Rows.JSONL").write_text("{" + ROW + ', "value_amount": 99}\n', encoding="utf-8")
    report = build(data_copy, out, shacl=False)
    assert not report.reused  # the new table changed what every graph may read
    assert any(c.entry.value.amount == 99 for c in load_corpus(data_copy).claims.values())


def test_mixed_scripts_and_shared_names_are_warnings(data_copy):  # 21.15
    (data_copy / "registry" / "extra.yaml").write_text(
        "persons:\n"
        "  - id: ivan-testov\n    name: Ivan Tеstov\n"  # a Cyrillic е inside a Latin name
        "  - id: ivan-testov-2\n    name: Иван Тeстов\n"  # a Latin e inside a Cyrillic name
        "  - id: other-kuzminov\n    name: Someone Else\n    aliases: [maxim kuzminov]\n"
        '  - id: ivan-pasted\n    name: "Ivan\u200bPasted"\n',  # a zero-width space from a web page
        encoding="utf-8",
    )
    result = run_dkg("validate", "--no-shacl", "--data", str(data_copy))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: data/registry/extra.yaml")]
    assert any(":3:11: persons[0].name: the word 'Tеstov' mixes Latin and Cyrillic letters ('е' is CYRILLIC SMALL LETTER IE)" in w for w in warnings), warnings
    assert any(":5:11: persons[1].name: the word 'Тeстов' mixes Latin and Cyrillic letters ('e' is LATIN SMALL LETTER E)" in w for w in warnings), warnings
    assert any(":8:15: persons[2].aliases[0]: 'maxim kuzminov' is also a name of 'maxim-kuzminov'" in w for w in warnings), warnings
    assert any(":10:11: persons[3].name: holds the invisible character U+200B ZERO WIDTH SPACE" in w for w in warnings), warnings
    assert "warning(s) to look at" in result.stdout


@pytest.mark.parametrize("line, expected", [
    ("{" + ROW + ', "value_amount": ' + "9" * 5000 + "}", "a number of 5000 digits is not a figure any text prints"),
    ("{" + ROW + ', "value_amount": NaN}', "value_amount: Input should be a finite number"),
    ("{" + ROW + ', "value_amount": -Infinity}', "value_amount: Input should be a finite number"),
    ("{" + ROW + ', "value_amount": 28, "hedges": ["\\udfff"]}', "hedges: holds the lone surrogate escape \\udfff"),
])
def test_hostile_numbers_and_text_in_jsonl(data_copy, line, expected):
    jsonl(data_copy, line)
    (msg,) = validate_refused(data_copy)[:1]
    assert msg.startswith("data/tabular/rows.jsonl:1:1: ") and expected in msg, msg


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_a_byte_order_mark_and_crlf_are_read(data_copy, suffix):
    (data_copy / "tabular").mkdir()
    if suffix == "csv":
        text = "document,subject,property,value_amount,value_unit\r\nhur-statement-kuzminov,maxim-kuzminov,age,97,year\r\n"
    else:
        text = "{" + ROW + ', "value_amount": 97}\r\n'
    (data_copy / "tabular" / f"rows.{suffix}").write_bytes(b"\xef\xbb\xbf" + text.encode())
    corpus = load_corpus(data_copy)
    assert any(c.entry.value.amount == 97 for c in corpus.claims.values())


def _damage(store: Path, how: str) -> None:
    if how == "truncated":
        for sst in store.glob("*.sst"):
            with sst.open("r+b") as fh:
                fh.truncate(100)
    elif how == "corrupted":
        for sst in store.glob("*.sst"):
            with sst.open("r+b") as fh:
                fh.seek(5)
                fh.write(b"\xff" * 16)
    elif how == "no CURRENT":
        (store / "CURRENT").unlink()
    else:
        import shutil

        shutil.rmtree(store)


@pytest.mark.parametrize("how", ["truncated", "corrupted", "no CURRENT", "no store"])
def test_a_damaged_store_is_named_and_the_next_build_rebuilds_it(data_copy, tmp_path, how):  # 21.11
    out = tmp_path / "out"
    built = run_bounded("build", "--no-shacl", "--data", str(data_copy), "--out", str(out), timeout=120)
    assert built.returncode == 0, built.stderr
    _damage((out / "current").resolve() / "store", how)
    for command in (["said-by", "hur"], ["sparql", "ASK { ?s ?p ?o }"]):
        result = run_bounded(*command, "--out", str(out))
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        assert "the store is damaged" in result.stderr and "run `dkg build` to rebuild it" in result.stderr, result.stderr
    rebuilt = run_bounded("build", "--no-shacl", "--data", str(data_copy), "--out", str(out), timeout=120)
    assert rebuilt.returncode == 0, rebuilt.stderr
    if how != "no store":  # a missing store is never reused; a damaged one is found when it is copied
        assert "the store is damaged" in rebuilt.stderr and "building every source document again" in rebuilt.stderr
    after = run_bounded("said-by", "hur", "--out", str(out))
    assert after.returncode == 0 and "Kuzminov" in after.stdout, after.stderr


def test_an_unknown_csv_column_is_told_once_at_the_header(data_copy):
    (data_copy / "tabular").mkdir()
    rows = "".join("hur-statement-kuzminov,maxim-kuzminov,age,28,year,hur\n" for _ in range(50))
    (data_copy / "tabular" / "rows.csv").write_text("document,subject,property,value_amount,value_unit,speeker\n" + rows)
    (msg,) = problems(data_copy)
    assert msg == "data/tabular/rows.csv:1:6: unknown column 'speeker'; did you mean 'speaker'?; no row of this file was read"


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_twenty_thousand_unknown_fields_are_summarised(data_copy, suffix):
    import json

    (data_copy / "tabular").mkdir()
    names = [f"k{i}" for i in range(20_000)]
    if suffix == "csv":
        text = "document,subject,property," + ",".join(names) + "\nhur-statement-kuzminov,maxim-kuzminov,age," + ",".join("x" * len(names)) + "\n"
    else:
        text = json.dumps({"document": "hur-statement-kuzminov", "subject": "maxim-kuzminov", "property": "age", **dict.fromkeys(names, 1)}) + "\n"
    (data_copy / "tabular" / f"rows.{suffix}").write_text(text)
    found = problems(data_copy)
    assert len(found) <= 25
    assert any("20,000 unknown" in m and "the first 20 are listed" in m for m in found), found[:3]
