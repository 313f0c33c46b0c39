"""The user guide: generated reference pages match the code, cover everything they describe, do
not depend on the shell that made them, and every link between the guide's pages resolves."""

from __future__ import annotations

import re
from pathlib import Path

from dkg.schema import models
from dkg.schema.vocab import PROPERTIES

from .conftest import run_dkg

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def test_generated_pages_are_up_to_date():
    result = run_dkg("docs", "--check")
    assert result.returncode == 0, result.stderr + "\n(run `.venv/bin/dkg docs` and commit docs/format.md and docs/cli.md)"


def test_check_notices_a_stale_page(tmp_path):
    assert run_dkg("docs", "--dir", str(tmp_path)).returncode == 0
    assert run_dkg("docs", "--check", "--dir", str(tmp_path)).returncode == 0
    page = tmp_path / "cli.md"
    page.write_text(page.read_text().replace("dkg build", "dkg bild", 1))
    stale = run_dkg("docs", "--check", "--dir", str(tmp_path))
    assert stale.returncode == 1 and "cli.md" in stale.stderr and "format.md" not in stale.stderr


def test_pages_do_not_depend_on_the_shell(tmp_path):
    env = {"DKG_OUT": "/somewhere/else", "DKG_DATA": "/elsewhere", "DKG_ENDPOINT": "http://127.0.0.1:1/sparql", "COLUMNS": "37"}
    assert run_dkg("docs", "--dir", str(tmp_path), env=env).returncode == 0
    for name in ("format.md", "cli.md"):
        assert (tmp_path / name).read_text() == (DOCS / name).read_text(), name


def test_format_page_lists_every_field_and_property():
    page = (DOCS / "format.md").read_text()
    for model in (models.SourceFile, models.ClaimEntry, models.Value, models.Document, models.Person, models.TabularRow):
        for name in model.model_fields:
            if name != "entity_type":
                assert f"| `{name}` |" in page, (model.__name__, name)
    for name, prop in PROPERTIES.items():
        assert f"| `{name}` | {prop.label} |" in page
    # types, requiredness, descriptions and real seed examples, as a curator reads them
    assert "| `subject` | id | required | id of the entity the claim is about | `maxim-kuzminov` |" in page
    assert "| `bound` | one of [Bound](#bound) | optional (default `exact`) |" in page
    assert "`[{amount: 865, currency: GBP}, {amount: 1090, currency: USD}]`" in page
    assert "| `served_in` | served in | person | entity | organization, unit | `dkg:servedIn` |" in page
    # no field is left without a description
    rows = [line for line in page.splitlines() if line.startswith("| `") and line.count("|") == 6]
    assert rows and not [r for r in rows if r.split("|")[4].strip() == ""]


def test_cli_page_lists_every_command_and_option():
    from dkg import cli

    page = (DOCS / "cli.md").read_text()
    parser = cli._parser()
    (sub,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    for name, command in sub.choices.items():
        assert f"`dkg {name}`" in page
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in page or f", {option}" in page, (name, option)
    assert "| `--data DATA` | curated data directory (default: data/ of the project this folder is in, or $DKG_DATA) |" in page


def test_links_between_guide_pages_resolve():
    for page in ("guide.md", "tutorial.md", "format.md", "cli.md"):
        text = (DOCS / page).read_text()
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            file = (DOCS / path).resolve() if path else DOCS / page
            assert file.exists(), f"{page}: broken link {target}"
            if anchor and file.suffix == ".md":
                headings = re.findall(r"^#+ (.+)$", file.read_text(), flags=re.M)
                slugs = {re.sub(r"[^\w\- ]", "", h.lower().replace("`", "")).strip().replace(" ", "-") for h in headings}
                assert anchor in slugs, f"{page}: no heading for #{anchor} in {file.name}"


def test_the_tutorials_validate_output_has_the_shape_dkg_validate_prints():
    """The tutorial's `data: clean: ...` line reads as `dkg validate` prints it for data/
    today, numbers aside: the counts grow with every article a curator adds, so they are
    compared as numbers in the same words, not as today's values (a test of data/ holds for
    any corpus)."""
    shown = set(re.findall(r"^data: clean: (.+)$", (DOCS / "tutorial.md").read_text(encoding="utf-8"), re.M))
    assert shown, "the tutorial shows `dkg validate`'s clean line"
    result = run_dkg("validate", "--no-shacl", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    printed = re.search(r"^\S*data: clean: ([^;\n]+)", result.stderr + result.stdout, re.M)
    assert printed, result.stderr + result.stdout

    def shape(line: str) -> str:
        return re.sub(r"\d[\d,]*", "N", line)

    assert {shape(line) for line in shown} == {shape(printed.group(1))}
