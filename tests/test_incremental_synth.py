"""An incremental build after adding (then removing) one article on a synthetic corpus gives the
store and the exports a full build of the same data gives, byte for byte, and touches the store
only by the difference: the shared graphs (claims, registry, listings) are compared with the
previous build's, not removed and loaded again."""

from __future__ import annotations

import pytest

from dkg.bench.commands import NEW_SOURCE
from dkg.graph import build as build_module
from dkg.graph.build import build, current, store_path
from dkg.graph.export import SUFFIX
from dkg.graph.store import OxigraphStore
from dkg.schema import iris
from dkg.synth import generate

FORMATS = ("ttl", "trig", "nq", "jsonld")

# the article the benchmark adds to a built graph (one file of two claims)
ARTICLE = NEW_SOURCE.replace("{outlet}", "outlet-0")


def _state(out) -> tuple[str, dict[str, bytes]]:
    dump = OxigraphStore(store_path(out), read_only=True).dump_nquads()
    return dump, {fmt: (current(out) / "exports" / f"dkg{SUFFIX[fmt]}").read_bytes() for fmt in FORMATS}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    data = tmp_path_factory.mktemp("synth") / "data"
    generate(data, 600, seed=5)
    return data


@pytest.mark.slow
def test_adding_then_removing_an_article_equals_full_builds(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(corpus, out, shacl=False, formats=FORMATS)
    before = _state(out)
    person = OxigraphStore(store_path(out), read_only=True).query(
        "SELECT ?s WHERE { ?p a dkg:Person ; dkg:slug ?s } ORDER BY ?s LIMIT 1").rows[0]["s"].value

    # the store is changed by difference only: no graph is replaced, no shared graph removed whole
    real_replace = build_module.OxigraphStore.replace_graphs

    def replace_whole(self, graphs):
        if not self._is_empty():  # a fresh store (a full build) is bulk-loaded whole, as it should be
            raise AssertionError("an incremental build replaced graphs whole")
        return real_replace(self, graphs)

    monkeypatch.setattr(build_module.OxigraphStore, "replace_graphs", replace_whole)
    removed_graphs = []
    real_drop = build_module.OxigraphStore.drop_graphs
    monkeypatch.setattr(build_module.OxigraphStore, "drop_graphs", lambda self, gs: (removed_graphs.extend(gs := list(gs)), real_drop(self, gs))[1])
    added = corpus / "sources" / "bench-added-article.yaml"
    added.write_text(ARTICLE.format(person=person), encoding="utf-8")
    try:
        report = build(corpus, out, shacl=False, formats=FORMATS)
        assert report.rederived == ["bench-added-article"] and report.reused
        assert not {iris.CLAIMS_GRAPH, iris.REGISTRY_GRAPH, iris.LISTINGS_GRAPH} & set(removed_graphs)
        incremental = _state(out)
        build(corpus, tmp_path / "full", shacl=False, formats=FORMATS, incremental=False)
        full = _state(tmp_path / "full")
    finally:
        added.unlink()
    assert incremental[0] == full[0], "the incremental store differs from a full build's"
    for fmt in FORMATS:
        assert incremental[1][fmt] == full[1][fmt], fmt
    assert incremental != before

    # and removing it again gives back the first build, exports included
    again = build(corpus, out, shacl=False, formats=FORMATS)
    assert again.reused and iris.graph("bench-added-article") in removed_graphs
    assert _state(out) == before
