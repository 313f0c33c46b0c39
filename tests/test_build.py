"""The built graph: SHACL conformance, exports that re-parse to the same graph, byte-identical
rebuilds, the bulk tabular format, generated schema files, and faithfulness of the curated
quotes to the seed articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
import yaml
from rdflib.compare import isomorphic

from dkg.graph import export
from dkg.graph.build import build, current, validate
from dkg.graph.shacl import check
from dkg.loaders.corpus import load_corpus
from dkg.loaders.rdf import graph_lines
from dkg.schema import generate, iris
from dkg.schema.errors import DataProblems
from dkg.schema.vocab import PROPERTIES

from .conftest import SEED, SEEDS, run_dkg


def test_seed_graph_conforms_to_shacl():
    corpus = validate(SEED, shacl=True)
    assert len(corpus.source_documents) == 5


def test_shacl_catches_a_claim_without_appearance():
    corpus = load_corpus(SEED)
    lines = "".join(l for _g, ls in graph_lines(corpus) for l in ls)
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    orphan = f"<{iris.claim('orphan--age--00000000')}> <{rdf_type}> <{iris.term('Claim')}> <{iris.CLAIMS_GRAPH}> .\n"
    problems = check(lines + orphan)
    messages = [str(p) for p in problems]
    assert any("orphan--age--00000000" in m and "appears in at least one document" in m for m in messages), messages


@pytest.mark.parametrize("fmt, rdflib_format", [("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_exports_reparse_to_the_same_dataset(seed_store, seed_out, fmt, rdflib_format):
    nquads = seed_store.dump_nquads()
    expected = rdflib.Dataset()
    expected.parse(data=nquads, format="nquads")
    text = (current(seed_out) / "exports" / f"dkg{export.SUFFIX[fmt]}").read_text(encoding="utf-8")
    got = rdflib.Dataset()
    got.parse(data=text, format=rdflib_format)
    exp_graphs = {str(g.identifier) for g in expected.graphs() if len(g)}
    got_graphs = {str(g.identifier) for g in got.graphs() if len(g)}
    assert exp_graphs == got_graphs
    for name in exp_graphs:
        assert isomorphic(expected.graph(rdflib.URIRef(name)), got.graph(rdflib.URIRef(name))), name


def test_turtle_export_is_the_union(seed_store, seed_out):
    text = (current(seed_out) / "exports" / "dkg.ttl").read_text(encoding="utf-8")
    g = rdflib.Graph().parse(data=text, format="turtle")
    assert len(g) == len(seed_store)  # no triple is in two graphs, so the union has them all once
    age = list(g.objects(rdflib.URIRef(iris.entity("maxim-kuzminov")), rdflib.URIRef(iris.term("age"))))
    assert [a.toPython() for a in age] == [28]


def test_rebuild_is_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):  # separate processes, as a curator would run them
        result = run_dkg("build", "--data", str(SEED), "--out", str(out), "--quiet")
        assert result.returncode == 0, result.stderr
    for fmt in ("ttl", "trig", "nq", "jsonld"):
        name = f"dkg{export.SUFFIX[fmt]}"
        assert (current(a) / "exports" / name).read_bytes() == (current(b) / "exports" / name).read_bytes(), name


def test_build_summary_counts(tmp_path):
    result = run_dkg("build", "--data", str(SEED), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    corpus = load_corpus(SEED)
    assert re.search(rf"^\s+{len(corpus.claims)}\s+Claim$", result.stdout, re.M), result.stdout
    for doc in corpus.source_documents:
        n = len({c.key for c, _a in corpus.claims_in(doc)})
        assert re.search(rf"^\s+{n}\s+{doc}\s", result.stdout, re.M), (doc, n)
    assert "[" in result.stderr and "deriving quads" in result.stderr  # progress goes to stderr


def test_export_command_writes_each_format(seed_out, tmp_path):
    for fmt in ("ttl", "trig", "nq", "jsonld"):
        target = tmp_path / f"x.{fmt}"
        result = run_dkg("export", "--out", str(seed_out), "--format", fmt, "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert target.read_bytes() == (current(seed_out) / "exports" / f"dkg{export.SUFFIX[fmt]}").read_bytes()
    bad = run_dkg("export", "--out", str(seed_out), "--format", "xml")
    assert bad.returncode == 2 and "unknown export format" in bad.stderr


def test_tabular_rows_load_like_yaml(data_copy):
    """The same appearance as a CSV row and as YAML gives one claim, two appearances."""
    (data_copy / "tabular").mkdir()
    (data_copy / "tabular" / "extra.csv").write_text(
        "document,subject,property,value_amount,value_unit,printed,speaker,quote\n"
        "hur-statement-kuzminov,maxim-kuzminov,age,28,year,28-year-old,hur,the 28-year-old pilot\n",
        encoding="utf-8",
    )
    corpus = load_corpus(data_copy)
    (claim,) = [c for c in corpus.claims.values() if c.entry.subject == "maxim-kuzminov" and c.entry.property == "age"]
    assert sorted(a.document for a in claim.appearances) == [
        "000_9dcf5df62fe0ca39",
        "001_03936b38e0261b39",
        "hur-statement-kuzminov",
    ]


def test_tabular_errors_name_line_and_column(data_copy):
    (data_copy / "tabular").mkdir()
    (data_copy / "tabular" / "bad.jsonl").write_text(
        json.dumps({"document": "hur-statement-kuzminov", "subject": "maxim-kuzminov", "property": "age", "value_amount": 28}) + "\n"
        + json.dumps({"document": "hur-statement-kuzminov", "subject": "maxim-kuzminov", "property": "age", "value_amount": "x"}) + "\n"
        + "{not json\n",
        encoding="utf-8",
    )
    with pytest.raises(DataProblems) as err:
        load_corpus(data_copy)
    msgs = [str(p) for p in err.value.problems]
    assert any(m.startswith("data/tabular/bad.jsonl:2:") and "value_amount" in m for m in msgs), msgs
    assert any(m.startswith("data/tabular/bad.jsonl:3:1") and "malformed JSON" in m for m in msgs), msgs


def test_generated_schema_files_are_up_to_date():
    for rel, text in generate.generated().items():
        assert (generate.ROOT / rel).read_text(encoding="utf-8") == text, f"{rel} is stale: run `dkg schema`"


def test_json_schema_accepts_the_seed_files():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((generate.HERE / "json" / "source.schema.json").read_text())
    for path in sorted((SEED / "sources").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        data = json.loads(json.dumps(data, default=str))  # YAML dates as strings, as an editor sees them
        jsonschema.validate(data, schema)


def test_ontology_declares_every_claim_property():
    g = rdflib.Graph()
    g.parse(generate.HERE / "ontology.ttl")
    g.parse(generate.HERE / "properties.ttl")
    for prop in PROPERTIES.values():
        term = rdflib.URIRef(iris.term(prop.direct_name))
        assert (term, rdflib.RDFS.label, None) in g, prop.name
