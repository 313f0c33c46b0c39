"""Exports streamed from the store are byte-identical whatever order the data was loaded in:
a full build against a build that first lacked a source and then had it added (re-derived and
loaded last), and the same quads bulk-loaded in a shuffled order into a fresh store."""

from __future__ import annotations

import random
import shutil

import pyoxigraph as ox

from dkg.graph import export
from dkg.graph.build import build, current, store_path

from .conftest import SEED

FORMATS = ("ttl", "trig", "nq", "jsonld")


def _exports(out) -> dict[str, bytes]:
    return {fmt: (current(out) / "exports" / f"dkg{export.SUFFIX[fmt]}").read_bytes() for fmt in FORMATS}


def test_exports_do_not_depend_on_load_order(tmp_path):
    full = tmp_path / "full"
    build(SEED, full, shacl=False)
    expected = _exports(full)

    # the same documents, one of them added by a later incremental build
    data = tmp_path / "data"
    shutil.copytree(SEED, data)
    held_back = sorted((data / "sources").glob("*.yaml"))[1]
    kept = tmp_path / held_back.name
    shutil.move(held_back, kept)
    registry = data / "registry" / held_back.name
    kept_registry = tmp_path / ("registry-" + held_back.name)
    if registry.exists():
        shutil.move(registry, kept_registry)
    later = tmp_path / "later"
    build(data, later, shacl=False)
    shutil.move(kept, held_back)
    if kept_registry.exists():
        shutil.move(kept_registry, registry)
    report = build(data, later, shacl=False)
    assert report.reused, "the second build should be incremental"
    assert _exports(later) == expected

    # the same quads in a shuffled order, into a fresh on-disk store
    quads = list(ox.Store.read_only(str(store_path(full))).quads_for_pattern(None, None, None, None))
    random.Random(7).shuffle(quads)
    shuffled = ox.Store(str(tmp_path / "shuffled"))
    shuffled.bulk_load(ox.serialize(quads[: len(quads) // 2], format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    shuffled.extend(quads[len(quads) // 2:])
    folder = tmp_path / "shuffled-exports"
    folder.mkdir()
    export.write_all(shuffled, FORMATS, folder, "dkg")
    for fmt in FORMATS:
        assert (folder / f"dkg{export.SUFFIX[fmt]}").read_bytes() == expected[fmt], fmt


def test_jsonld_stream_is_one_json_document_per_graph(seed_out):
    import json

    doc = json.loads((current(seed_out) / "exports" / "dkg.jsonld").read_text(encoding="utf-8"))
    graphs = [g for g in doc["@graph"] if "@graph" in g]
    assert graphs and all(g["@graph"] for g in graphs)
    ids = [g["@id"] for g in graphs]
    assert len(ids) == len(set(ids))  # each named graph once, its nodes together


HOSTILE = [
    'a "quoted" <not an IRI> and a \\ backslash',
    "line\nbreak\rreturn\ttab\x0bvertical\x0cfeed\u2028separator\u2029paragraph\x85next",
    "\U0001F600 beyond the basic plane, Кузьминов",
    "ends with a space <x> ",
    "",
]


def test_exports_of_hostile_literals_reparse_to_the_same_dataset(tmp_path):
    """Literals that hold what N-Quads escapes, what str.splitlines would cut at, and text that
    looks like an IRI or a graph name: every format written from the canonical lines parses
    back to the same dataset."""
    store = ox.Store()
    g, s = ox.NamedNode("https://w3id.org/dkg/graph/x"), ox.NamedNode("https://w3id.org/dkg/id/x")
    for i, text in enumerate(HOSTILE):
        p = ox.NamedNode(f"https://w3id.org/dkg/ontology#p{i}")
        store.add(ox.Quad(s, p, ox.Literal(text), g))
        store.add(ox.Quad(s, p, ox.Literal(text, language="en"), g))
        store.add(ox.Quad(s, p, ox.Literal(text, datatype=ox.NamedNode("https://example.org/dt")), g))
    store.add(ox.Quad(s, ox.NamedNode("https://w3id.org/dkg/ontology#in"), g, g))
    expected = set(store)
    folder = tmp_path / "exports"
    folder.mkdir()
    export.write_all(store, FORMATS, folder, "dkg")
    for fmt in FORMATS:
        back = ox.Store()
        back.load(path=str(folder / f"dkg{export.SUFFIX[fmt]}"), format=export.FORMATS[fmt])
        got = {q.triple for q in back} if fmt == "ttl" else set(back)
        assert got == ({q.triple for q in expected} if fmt == "ttl" else expected), fmt
