"""Incremental rebuild: after one source file changes, only that source is re-derived, and the
result is the graph a full build of the same data gives. A build killed with SIGKILL midway
leaves the previous build current and intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from dkg.graph.build import build, store_path
from dkg.graph.results import Term
from dkg.graph.store import OxigraphStore
from dkg.loaders import rdf
from dkg.schema import iris

from .conftest import ROOT

NEWSWEEK = "003_e82a78f22526c30b"


def dump(out: Path) -> str:
    return OxigraphStore(store_path(out), read_only=True).dump_nquads()


def edit_source(data: Path, doc: str, change) -> None:
    path = data / "sources" / f"{doc}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def dispute_headline(record: dict) -> None:
    """Newsweek's headline figure becomes disputed: the claim node (graph:claims) and the
    direct triple change, as well as Newsweek's own graph."""
    claim = record["claims"][0]
    assert claim["printed"] == "Thousands"
    claim["status"] = "disputed"
    claim["status_reason"] = "Kyiv's figure is not verified by Newsweek."
    claim["remarks"] = "Edited for the incremental-build test."


def full_build(data: Path, out: Path) -> str:
    build(data, out, shacl=False, formats=(), incremental=False)
    return dump(out)


def test_one_changed_source_is_rederived_alone_and_equals_a_full_build(data_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = build(data_copy, out, shacl=False, formats=())
    assert len(first.rederived) == 5 and first.reused == []

    edit_source(data_copy, NEWSWEEK, dispute_headline)
    derived_documents = []
    real_document_graph = rdf.document_graph

    def counting(doc, items, corpus):
        derived_documents.append(doc)
        return real_document_graph(doc, items, corpus)

    monkeypatch.setattr(rdf, "document_graph", counting)
    second = build(data_copy, out, shacl=False, formats=())
    monkeypatch.undo()

    assert second.rederived == [NEWSWEEK]
    assert len(second.reused) == 4 and NEWSWEEK not in second.reused
    assert derived_documents == [NEWSWEEK], "unchanged sources must not be re-derived"

    incremental = dump(out)
    assert incremental == full_build(data_copy, tmp_path / "full")
    # the change is really there: the claim is disputed with the reason given
    rows = OxigraphStore(store_path(out), read_only=True).query(
        """SELECT ?reason WHERE { ?app dkg:document ?doc ; dkg:printedValue "Thousands" ; dkg:claim ?c .
                                 ?c dkg:status dkg:Disputed ; dkg:statusReason ?reason }""",
        {"doc": Term.uri(iris.entity(NEWSWEEK))},
    )
    assert rows.values("reason") == ["Kyiv's figure is not verified by Newsweek."]


def test_nothing_changed_rederives_nothing(data_copy, tmp_path):
    out = tmp_path / "out"
    build(data_copy, out, shacl=False, formats=())
    before = dump(out)
    again = build(data_copy, out, shacl=False, formats=())
    assert again.rederived == [] and len(again.reused) == 5
    assert dump(out) == before


def test_removed_source_is_dropped_and_equals_a_full_build(data_copy, tmp_path):
    out = tmp_path / "out"
    build(data_copy, out, shacl=False, formats=())
    # 004 (TheArticle op-ed) is cited by no other source, so it can go
    (data_copy / "sources" / "004_9f96eee9e0454286.yaml").unlink()
    report = build(data_copy, out, shacl=False, formats=())
    store = OxigraphStore(store_path(out), read_only=True)
    assert iris.graph("004_9f96eee9e0454286") not in store.graphs()
    assert report.rederived == []
    assert dump(out) == full_build(data_copy, tmp_path / "full")


def _partial_dirs(out: Path) -> list[Path]:
    builds = out / "builds"
    return [p for p in builds.iterdir() if p.name.endswith(".partial")] if builds.exists() else []


@pytest.mark.parametrize("moment", ["store", "exports"])
def test_build_killed_midway_leaves_the_previous_store_intact(data_copy, tmp_path, moment):
    out = tmp_path / "out"
    build(data_copy, out, formats=("nq",))
    previous_target = (out / "current").resolve()
    previous_dump = dump(out)
    previous_export = (previous_target / "exports" / "dkg.nq").read_bytes()

    edit_source(data_copy, NEWSWEEK, dispute_headline)
    proc = subprocess.Popen(
        [sys.executable, "-m", "dkg.cli", "build", "--data", str(data_copy), "--out", str(out), "--full"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # kill it while the new build is being written: once its store (or its exports) exist
    deadline = time.monotonic() + 120
    killed_midway = False
    while time.monotonic() < deadline and proc.poll() is None:
        partial = _partial_dirs(out)
        if partial and (partial[0] / moment).exists():
            os.kill(proc.pid, signal.SIGKILL)
            killed_midway = True
            break
        time.sleep(0.002)
    proc.wait(30)
    if not killed_midway:
        pytest.fail("the build finished before it could be killed midway")
    assert proc.returncode == -signal.SIGKILL

    assert (out / "current").resolve() == previous_target
    assert dump(out) == previous_dump
    assert (previous_target / "exports" / "dkg.nq").read_bytes() == previous_export

    # the next build completes, becomes current, and clears the leftovers of the killed one
    report = build(data_copy, out, formats=("nq",))
    assert (out / "current").resolve() == report.path != previous_target
    assert _partial_dirs(out) == []
    assert dump(out) != previous_dump


KUZMINOV_000 = "000_9dcf5df62fe0ca39"
KUZMINOV_001 = "001_03936b38e0261b39"


def test_a_source_citing_the_changed_one_is_rederived_too(data_copy, tmp_path):
    """Origins follow cited documents: if 001 cites 000 and 000's outlet changes, the origin
    recorded in 001's graph changes, so 001 must be re-derived as well (and only it)."""

    def cite_000(record):
        claim = next(c for c in record["claims"] if not c.get("speaker") and not c.get("on_behalf_of") and not c.get("cites"))
        claim["cites"] = [KUZMINOV_000]

    edit_source(data_copy, KUZMINOV_001, cite_000)
    out = tmp_path / "out"
    build(data_copy, out, shacl=False, formats=())
    edit_source(data_copy, KUZMINOV_000, lambda r: r["document"].__setitem__("outlet", "newsweek"))
    report = build(data_copy, out, shacl=False, formats=())
    assert report.rederived == [KUZMINOV_000, KUZMINOV_001]
    rows = OxigraphStore(store_path(out), read_only=True).query(
        "SELECT ?origin WHERE { GRAPH ?g { ?app prov:wasDerivedFrom ?cited ; dkg:origin ?origin } }",
        {"g": Term.uri(iris.graph(KUZMINOV_001)), "cited": Term.uri(iris.entity(KUZMINOV_000))},
    )
    assert rows.values("origin") == [iris.entity("newsweek")]
    assert dump(out) == full_build(data_copy, tmp_path / "full")
