"""Every read command that takes an entity answers for every entity of the seed fixture.

Issue 21, item 1: `dkg profile russian-armed-forces` failed with "not a safe IRI" because a
claim's `group` qualifier (free text such as "cases of desertion") was looked up as an entity
id. Every subject with a group qualifier was hit; this runs each command over every entity so
that no qualifier, name or kind of entity can break one of them again."""

from __future__ import annotations

import contextlib
import io

import pytest

from dkg import cli
from dkg.loaders.corpus import load_corpus

from .conftest import SEED

# command -> exit codes a user may see for an entity: 0 an answer, 1 "nothing of that kind"
ENTITY_COMMANDS = {
    "profile": {0},
    "timeline": {0, 1},
    "provenance": {0, 1},
    "said-by": {0, 1},
    "reported-by": {0, 1},
    "find": {0},
}


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def seed_entities():
    corpus = load_corpus(SEED)
    return sorted(corpus.entities)


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(ENTITY_COMMANDS))
def test_every_read_command_answers_for_every_seed_entity(seed_out, seed_entities, command, monkeypatch):
    monkeypatch.setenv("DKG_OUT", str(seed_out))
    monkeypatch.setenv("COLUMNS", "120")
    failures = []
    for slug in seed_entities:
        code, _out, err = _run([command, slug, "--out", str(seed_out)])
        if code not in ENTITY_COMMANDS[command] or "Traceback" in err or "not a safe IRI" in err:
            failures.append(f"dkg {command} {slug}: exit {code}: {err.strip()[:200]}")
    assert not failures, "\n".join(failures)


def test_profile_shows_a_group_qualifier_as_text(seed_out, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = _run(["profile", "russian-armed-forces", "--out", str(seed_out), "--wide"])
    assert code == 0, err
    assert "group cases of desertion" in out
