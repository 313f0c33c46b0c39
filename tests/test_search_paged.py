"""`dkg search` prints a page of matches (with how many match in all) and reads the names of
every document on the page in one query, not one per row."""

from __future__ import annotations

import argparse
import json

from dkg.commands import ask, framework

from .conftest import run_dkg


def test_search_shows_a_page_and_the_total(seed_out):
    everything = json.loads(run_dkg("search", "russian", "--limit", "0", "--json", "--out", str(seed_out)).stdout)
    assert len(everything) > 10
    first = json.loads(run_dkg("search", "russian", "--limit", "4", "--json", "--out", str(seed_out)).stdout)
    second = json.loads(run_dkg("search", "russian", "--limit", "4", "--page", "2", "--json", "--out", str(seed_out)).stdout)
    assert first == everything[:4] and second == everything[4:8]
    r = run_dkg("search", "russian", "--limit", "4", "--out", str(seed_out), env={"COLUMNS": "200"})
    assert f"{len(everything):,} claim(s) matching 'russian'" in r.stdout
    assert f"rows 1-4 of {len(everything):,}" in r.stdout


def test_search_reads_the_names_of_a_page_in_one_query(seed_out, monkeypatch, capsys):
    calls = []
    real = framework.Names._load

    def counted(self, slugs):
        slugs = list(slugs)
        if any(s not in self.labels for s in slugs if s and s != "unknown"):
            calls.append(slugs)
        return real(self, slugs)

    monkeypatch.setattr(framework.Names, "_load", counted)
    args = argparse.Namespace(text=["russian"], limit=20, page=1, json=False, wide=True, ids=False, out=str(seed_out), endpoint=None)
    assert ask.cmd_search(args) == 0
    assert len(calls) == 1, calls
