"""schema/declarations.py: every entity field declared once, and what is derived from it.

The models must match the table field for field (a field added to one and not the other fails
here, naming it); each declared reference is checked by the loader; each field reaches the graph
under its declared predicates; the generated shapes hold on the seed graph and catch a reference
of the wrong type.
"""

from __future__ import annotations

import types
import typing

import pytest
import yaml

from dkg.graph.shacl import check
from dkg.loaders import nt
from dkg.loaders.corpus import load_corpus
from dkg.loaders.rdf import entity_triples, graph_lines
from dkg.queries import graphview, readerviews
from dkg.schema import declarations as decl
from dkg.schema import iris
from dkg.schema.errors import DataProblems
from dkg.schema.models import ENTITY_MODELS, Person, Registry

from .conftest import SEED


def _is_list(annotation) -> bool:
    return typing.get_origin(annotation) is list


def _optional(annotation) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def mismatches(model, entity: decl.Entity) -> list[str]:
    """What differs between a model's fields and an entity's declaration, in words."""
    fields = {n: f for n, f in model.model_fields.items() if n != "entity_type"}
    declared = {f.name: f for f in entity.fields}
    out = [f"{model.__name__}.{n} is not declared in schema/declarations.py" for n in fields if n not in declared]
    out += [f"{entity.type.value}.{n} is declared but {model.__name__} has no such field" for n in declared if n not in fields]
    for name in fields.keys() & declared.keys():
        f, d = fields[name], declared[name]
        if f.is_required() != d.required:
            out.append(f"{model.__name__}.{name}: required is {f.is_required()} in the model, {d.required} in the declaration")
        if _is_list(f.annotation) != d.many:
            out.append(f"{model.__name__}.{name}: a list in one and not the other")
        if d.range is decl.Scalar.boolean and f.default != d.default:
            out.append(f"{model.__name__}.{name}: default {f.default!r} in the model, {d.default!r} in the declaration")
        if isinstance(d.range, type) and d.range not in (f.annotation, *typing.get_args(f.annotation)):
            out.append(f"{model.__name__}.{name}: the model takes {f.annotation}, the declaration {d.range.__name__}")
    return out


@pytest.mark.parametrize("section", sorted(decl.BY_SECTION))
def test_each_entity_model_matches_its_declaration(section):
    assert mismatches(ENTITY_MODELS[section], decl.BY_SECTION[section]) == []


def test_a_field_added_to_a_model_alone_is_named():
    class Nicknamed(Person):
        nickname: str | None = None

    assert mismatches(Nicknamed, decl.ENTITIES[Person.model_fields["entity_type"].default]) == [
        "Nicknamed.nickname is not declared in schema/declarations.py"
    ]


def test_registry_sections_are_the_declared_types():
    assert set(ENTITY_MODELS) == set(decl.BY_SECTION)
    assert set(Registry.model_fields) - {"extend"} == set(decl.BY_SECTION)


# --------------------------------------------------------------------------- reference checks


def _record(entity: decl.Entity, slug: str, targets: dict) -> dict:
    """A valid registry record of a declared type: its required fields filled in."""
    out = {"id": slug, "name": slug}
    for f in entity.fields:
        if f.required and f.name not in out:
            out[f.name] = targets[sorted(f.targets)[0]] if f.targets else next(iter(f.range)).value
    return out


REFERENCES = [(e.section, f.name) for e in decl.ENTITIES.values() for f in e.fields if f.targets]


@pytest.mark.parametrize("section,field", REFERENCES)
def test_every_declared_reference_is_checked_by_the_loader(tmp_path, section, field):
    """A reference to an entity of a type the declaration does not allow is refused at its field."""
    entity = decl.BY_SECTION[section]
    f = entity.field(field)
    one = {t: f"one-{t.value.replace('_', '-')}" for t in decl.ENTITIES}
    records = {e.section: [_record(e, one[e.type], one)] for e in decl.ENTITIES.values()}
    wrong = next(t for t in decl.ENTITIES if t not in f.targets)
    bad = _record(entity, "the-bad-one", one)
    bad[field] = [one[wrong]] if f.many else one[wrong]
    records[section].append(bad)
    (tmp_path / "registry").mkdir()
    (tmp_path / "registry" / "r.yaml").write_text(yaml.safe_dump(records, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataProblems) as err:
        load_corpus(tmp_path)
    problems = [str(p) for p in err.value.problems]
    path = f"{section}[1].{field}" + ("[0]" if f.many else "")
    assert len(problems) == 1 and f"{path}: {one[wrong]!r} is a {wrong.value}; expected a " in problems[0], problems


# --------------------------------------------------------------------------- RDF mapping


def test_every_declared_field_reaches_the_graph_under_its_predicates():
    corpus = load_corpus(SEED)
    for e in decl.ENTITIES.values():
        seen = {f.name for f in e.fields}
        written = {p for x in corpus.entities.values() if x.entity_type is e.type for _, p, _ in entity_triples(x, corpus)}
        used = {f.name for x in corpus.entities.values() if x.entity_type is e.type for f in e.fields if getattr(x, f.name) not in (None, [], f.default)}
        for f in e.fields:
            if f.name in used:
                assert {nt.iri(decl.expand(p)) for p in f.predicates} <= written, (e.type, f.name)
        assert used <= seen


def test_a_documents_outlet_is_written_as_dkg_outlet_and_schema_publisher():
    corpus = load_corpus(SEED)
    doc = next(d for d in corpus.documents().values() if d.outlet)
    triples = set(entity_triples(doc, corpus))
    subject, outlet = nt.iri(iris.entity(doc.id)), nt.iri(iris.entity(doc.outlet))
    assert (subject, "<https://w3id.org/dkg/ontology#outlet>", outlet) in triples
    assert (subject, "<https://schema.org/publisher>", outlet) in triples


# --------------------------------------------------------------------------- shapes and projection


def test_generated_shapes_refuse_an_outlet_that_is_a_person():
    lines = "".join(line for _g, ls in graph_lines(load_corpus(SEED)) for line in ls)
    assert check(lines) == []
    person = iris.entity("maxim-kuzminov")
    doc = iris.entity("hur-statement-kuzminov")
    bad = f"<{doc}> <{iris.term('outlet')}> <{person}> <{iris.REGISTRY_GRAPH}> .\n"
    found = check(lines + bad)
    assert [(p.field, p.message) for p in found if "outlet" in p.field] and all("hur-statement-kuzminov" in p.field for p in found), found


def test_the_projection_draws_the_declared_edges_in_the_declared_words(seed_store):
    assert graphview._LINKS == set(decl.edges())
    G = graphview.project(seed_store)
    drawn = {d["label"] for _, _, d in G.edges(data=True)}
    assert {"outlet", "author", "rereports", "derivedFrom", "country", "within", "equipmentType"} <= drawn
    for name, (_pred, words) in decl.edges().items():
        assert readerviews.LINK_LABELS[name] == words
