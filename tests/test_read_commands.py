"""Every read command over every entity of the seed fixture ends with an answer (exit 0) and no
internal error, and what `--json` carries is what the printed output shows: the same claims,
hedges and stances. Run in-process (dkg.cli.main), so hundreds of runs stay quick."""

from __future__ import annotations

import json
import re

import pytest

from dkg import cli
from dkg.queries.readerviews import HEDGES as HEDGE_WORDS

from .conftest import ROOT

KEY = re.compile(r"[a-z0-9][a-z0-9-]*--[a-z_]+--[0-9a-f]{8}")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def entities(seed_store):
    from dkg.queries import api

    rows = api.entity_names(seed_store)
    return sorted({(r.slug, r.type) for r in rows})


@pytest.mark.slow
def test_every_read_command_over_every_entity(seed_out, entities, capsys):
    failures = []
    for slug, kind in entities:
        commands = [["profile", slug], ["timeline", slug], ["provenance", slug]]
        if kind == "Document":
            commands += [["document", slug], ["reported-by", slug]]
        elif kind in ("Person", "Organization"):
            commands += [["said-by", slug], ["reported-by", slug]]
        for command in commands:
            code, out, err = _run(capsys, *command, "--out", str(seed_out))
            if code != 0 or "internal error" in err or not out.strip():
                failures.append((command, code, err.strip()[:200]))
    assert not failures, failures[:10]


def _facts(payload) -> tuple[set[str], set[str], set[str]]:
    """(claim keys, hedge words, stance kinds) anywhere in a JSON answer."""
    text = json.dumps(payload, ensure_ascii=False)
    keys = set(KEY.findall(text))
    hedges, kinds = set(), set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "hedges" and isinstance(v, list):
                    hedges.update(HEDGE_WORDS.get(h, h) for h in v)
                walk(v)
            if {"kind", "claim", "document", "origin"} <= set(node):  # a stance
                kinds.add(node["kind"])
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(payload)
    return keys, hedges, kinds


READS = [
    ["said-by", "hur"],
    ["reported-by", "newsweek"],
    ["document", "003"],
    ["sources", "maxim-kuzminov--age"],
    ["provenance", "maxim-kuzminov"],
    ["provenance", "russian-armed-forces"],
    ["profile", "russian-armed-forces"],
    ["timeline", "maxim-kuzminov"],
    ["unverified"],
    ["corroboration", "--limit", "0"],
    ["corroboration", "--single-origin", "--limit", "0"],
    ["disagreements", "--limit", "0"],
    ["search", "half", "a", "million"],
]


@pytest.mark.parametrize("command", READS, ids=[" ".join(c) for c in READS])
def test_json_and_printed_output_carry_the_same_facts(seed_out, capsys, command):
    code, printed, err = _run(capsys, *command, "--out", str(seed_out), *(["--wide"] if command[0] != "disagreements" else []))
    assert code == 0, err
    code, raw, err = _run(capsys, *command, "--out", str(seed_out), "--json")
    assert code == 0, err
    keys, hedges, kinds = _facts(json.loads(raw))
    flat = " ".join(printed.split())
    missing = sorted(k for k in keys if k not in flat)
    assert not missing, missing[:5]
    assert all(h in flat for h in hedges), sorted(h for h in hedges if h not in flat)
    assert all(k in flat for k in kinds), sorted(k for k in kinds if k not in flat)


def test_provenance_prints_hedges_and_json_carries_stances(seed_out, capsys):
    code, printed, _ = _run(capsys, "provenance", "hur-smd-deserters-18000", "--out", str(seed_out), "--wide")
    code, raw, _ = _run(capsys, "provenance", "southern-military-district", "--out", str(seed_out), "--json")
    claims = json.loads(raw)["claims"]
    assert any(s["kind"] == "could not verify" for c in claims for s in c["stances"])
    code, printed, _ = _run(capsys, "provenance", "southern-military-district", "--out", str(seed_out), "--wide")
    assert "hedges: not verified by the outlet, from a party to the war" in printed or "from a party to the war" in printed
    assert "could not verify by" in printed


def test_unverified_lists_the_explicit_could_not_verify_stances(seed_out, capsys):
    code, printed, _ = _run(capsys, "unverified", "--out", str(seed_out), "--wide")
    assert code == 0
    assert "a source says it could not verify" in printed
    assert "We have as yet been unable to verify the HUR claims." in printed
    code, raw, _ = _run(capsys, "unverified", "--out", str(seed_out), "--json")
    answer = json.loads(raw)
    assert answer["hedged"] and answer["could_not_verify"]
    assert all(s["kind"] == "could not verify" for s in answer["could_not_verify"])


def test_profile_of_a_subject_with_a_group_qualifier(seed_out, capsys):
    """Issue 21.1: a claim's `group:` text was looked up as an entity id (exit 2)."""
    for slug in ("russian-armed-forces", "mishov-unit", "russian-air-force"):
        code, printed, err = _run(capsys, "profile", slug, "--out", str(seed_out))
        assert code == 0, err
    code, printed, err = _run(capsys, "profile", "russian-armed-forces", "--out", str(seed_out), "--wide")
    assert "group cases of desertion" in printed


def test_the_readme_disagreements_example_shows_something(seed_out, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"`dkg (disagreements --kind [^`]+)`", readme).group(1).split()
    code, printed, _ = _run(capsys, *example, "--out", str(seed_out))
    assert code == 0 and "No disagreements found" not in printed
    assert "Disagreements (" in printed


def test_figures_read_in_words_in_the_disagreements_tree(seed_out, capsys):
    """Issue 26.1: '0 person', 'about 6,000 person' in the printed tree; every declared unit."""
    code, printed, _ = _run(capsys, "disagreements", "--subject", "russian-armed-forces", "--out", str(seed_out))
    assert code == 0
    assert "about 6,000 people" in printed and "0 people" in printed
    assert not re.search(r"\d person\b", printed.replace("1 person", ""))
    from dkg.printer import naturally

    assert naturally("1 person, 3 helicopter, 2 armoured_vehicle, 12 times, 28 year, 10 of them") == (
        "1 person, 3 helicopters, 2 armoured_vehicles, 12 times, 28 years, 10 of them")


def test_a_mistyped_command_gets_did_you_mean(capsys):
    assert cli.main(["profil", "x"]) == 2
    assert "unknown command 'profil'; did you mean profile?" in capsys.readouterr().err
    assert cli.main(["zzzz\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "dkg --help" in err


def test_claim_keys_are_never_broken_in_a_narrow_terminal(seed_out, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    for command in (["profile", "maxim-kuzminov"], ["unverified"], ["search", "russian"]):
        code, printed, _ = _run(capsys, *command, "--out", str(seed_out))
        code, raw, _ = _run(capsys, *command, "--out", str(seed_out), "--json")
        keys = set(KEY.findall(raw))
        lines = printed.splitlines()
        for key in keys:
            assert any(key in line for line in lines), (command, key)
