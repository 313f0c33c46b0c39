"""A new article's registry file grows the registry without editing shared files: it can add
names to an entity defined elsewhere (`extend:`), a duplicate id is reported where the curator
just added it, and an incremental build after a new article with its registry file re-derives
only what depends on them."""

from __future__ import annotations

import os
import time

import pytest

from dkg.graph.build import build, store_path
from dkg.graph.store import OxigraphStore
from dkg.loaders.corpus import load_corpus
from dkg.schema.errors import DataProblems

NEW_SOURCE = """\
document:
  id: later-report
  name: A later report on the pilot
  kind: news_report
  outlet: newsweek
claims:
  - subject: maxim-kuzminov
    property: description
    value: {text: a pilot who defected}
    quote: "Maksim Kuzminov, the pilot who defected"
"""


def _problems(data) -> list[str]:
    with pytest.raises(DataProblems) as err:
        load_corpus(data)
    return [str(p) for p in err.value.problems]


def test_a_registry_file_adds_names_to_an_entity_defined_elsewhere(data_copy):
    (data_copy / "registry" / "later-report.yaml").write_text(
        "extend:\n  - id: maxim-kuzminov\n    aliases: [Maksim Kuzminov]\n    transliterations: [Максим Кузьминов]\n", encoding="utf-8"
    )
    person = load_corpus(data_copy).entities["maxim-kuzminov"]
    assert "Maksim Kuzminov" in person.aliases and "Максим Кузьминов" in person.transliterations
    assert person.name == "Maxim Kuzminov"  # the defining file still owns the name


def test_extending_an_unknown_id_suggests_the_closest(data_copy):
    (data_copy / "registry" / "later-report.yaml").write_text("extend:\n  - id: maxim-kuzminow\n    aliases: [Maksim]\n", encoding="utf-8")
    (msg,) = _problems(data_copy)
    assert msg.startswith("data/registry/later-report.yaml:2:") and "did you mean 'maxim-kuzminov'" in msg


def test_a_duplicate_id_is_reported_where_it_was_just_added(data_copy):
    """The new file sorts before the file that defines the entity: the message still points at
    the new definition, the one the curator must mend."""
    common = data_copy / "registry" / "common.yaml"
    past = time.time() - 3600
    for path in (data_copy / "registry").glob("*.yaml"):
        os.utime(path, (past, past))
    new = data_copy / "registry" / "000_aaa-new.yaml"
    new.write_text("persons:\n  - id: maxim-kuzminov\n    name: Someone Else\n", encoding="utf-8")
    (msg,) = _problems(data_copy)
    assert msg.startswith("data/registry/000_aaa-new.yaml:2:"), msg
    assert f"already defined at data/registry/{common.name}:" in msg and "use `extend:`" in msg


def test_a_new_article_with_its_registry_file_re_derives_only_itself(data_copy, tmp_path):
    out = tmp_path / "out"
    first = build(data_copy, out, shacl=False, formats=())
    (data_copy / "registry" / "later-report.yaml").write_text("extend:\n  - id: maxim-kuzminov\n    aliases: [Maksim Kuzminov]\n", encoding="utf-8")
    (data_copy / "sources" / "later-report.yaml").write_text(NEW_SOURCE, encoding="utf-8")
    report = build(data_copy, out, shacl=False, formats=())
    assert report.rederived == ["later-report"] and len(report.reused) == len(first.rederived)
    fresh = tmp_path / "fresh"
    build(data_copy, fresh, shacl=False, formats=())
    incremental = OxigraphStore(store_path(out), read_only=True).dump_nquads()
    assert incremental == OxigraphStore(store_path(fresh), read_only=True).dump_nquads()
    assert "Maksim Kuzminov" in incremental


def test_a_registry_change_re_derives_the_documents_that_read_it(data_copy, tmp_path):
    """A cited document's issuer decides the origin of what cites it: changing it in the
    registry re-derives exactly the source documents whose appearances trace through it."""
    out = tmp_path / "out"
    build(data_copy, out, shacl=False, formats=())
    registry = data_copy / "registry" / "003_e82a78f22526c30b.yaml"
    text = registry.read_text(encoding="utf-8")
    assert "issued_by: hur" in text
    registry.write_text(text.replace("issued_by: hur", "issued_by: ukraine-ministry-of-defence", 1), encoding="utf-8")
    corpus = load_corpus(data_copy)
    report = build(data_copy, out, shacl=False, formats=())
    assert "003_e82a78f22526c30b" in report.rederived and len(report.reused) >= 1
    fresh = tmp_path / "fresh"
    build(data_copy, fresh, shacl=False, formats=())
    assert OxigraphStore(store_path(out), read_only=True).dump_nquads() == OxigraphStore(store_path(fresh), read_only=True).dump_nquads()
    assert corpus.entities


def test_a_change_to_the_mapping_code_is_never_served_from_stale_graphs(data_copy, tmp_path, monkeypatch):
    """The input digest covers every module that shapes a build (schema/, loaders/, graph/):
    change one byte of the mapping and the next build re-derives everything. The digest is
    taken of a copy of the code, which the test then changes."""
    import functools
    import shutil

    from dkg.graph import build as build_module

    real_root = build_module.Path(build_module.__file__).resolve().parent.parent
    code = tmp_path / "code"
    for d in build_module.CODE_DIRS:
        shutil.copytree(real_root / d, code / d)
    monkeypatch.setattr(build_module, "_code_digest", functools.partial(build_module._code_digest, code))
    out = tmp_path / "out"
    build(data_copy, out, shacl=False, formats=())
    again = build(data_copy, out, shacl=False, formats=())
    assert again.rederived == []  # nothing changed: every graph reused
    mapping = code / "loaders" / "rdf.py"
    mapping.write_text(mapping.read_text(encoding="utf-8") + "\n# a change to the mapping\n", encoding="utf-8")
    changed = build(data_copy, out, shacl=False, formats=())
    assert sorted(changed.rederived) == sorted(load_corpus(data_copy).source_documents) and changed.reused == []
