"""Each entity type and each of its fields, declared once, in the manner of FollowTheMoney's
schema files: what a field holds, which RDF term the graph writes for it, how many values the
shapes allow, whether the networkx projection draws it as an edge, and its words for readers.

Everything else reads this table instead of repeating it: the loader's reference checks (which
field must name an entity of which type: loaders/corpus.py), the registry's RDF mapping
(loaders/rdf.py), the entity and document node shapes of shapes.ttl, the projection's link
query (queries/rq/viz/viz_links.rq, both written by `dkg schema`: schema/generate.py), the
edge words of the reader views and the field table of docs/format.md (`dkg docs`). The pydantic
models stay classes because they carry validators; tests/test_declarations.py checks each
entity model's fields against this table, so a field added in one place and not the other
fails with the name of what is missing.

Why a Python module and not YAML, as FollowTheMoney has: ranges name the enums of vocab.py and
predicates are checked against iris.PREFIXES when the module is imported, so a misspelt range or
prefix fails at once rather than when a loader reads the file; and every reader of the table is
Python already.

The claim layer (claims, appearances, stances, comparisons) is not declared here: its triples
are worked out by rules (origins, corroboration, standings), not read off fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Mapping, Union

from .iris import PREFIXES
from .vocab import AIRCRAFT_KINDS, DocumentKind, EntityType, EquipmentKind, EventKind, OrganizationKind, PlaceKind, UnitKind

# An id, as the models check it and the shapes repeat it (written without (?:...) groups, which
# SHACL's XPath regular expressions lack).
SLUG_PATTERN = r"^[a-z0-9]+([-_][a-z0-9]+)*$"


class Scalar(str, Enum):
    """What a field holds when it is not an entity or a closed list."""

    text = "text"  # a string literal
    id = "id"  # a slug, as a string literal
    date = "date"  # xsd:gYear, xsd:gYearMonth or xsd:date by precision
    boolean = "boolean"
    url = "url"  # an xsd:anyURI literal
    wikidata = "wikidata"  # a Q-id, written as the Wikidata entity's IRI


# A field's range: a scalar, the entity types a reference may name, or a closed list from vocab.py.
Range = Union[Scalar, frozenset, type]


@dataclass(frozen=True)
class Field:
    name: str  # as curators write it
    range: Range
    predicates: tuple[str, ...]  # CURIEs; the first is the field's own term, the rest say it in other vocabularies
    doc: str  # what it means, for docs/format.md and the JSON Schemas
    required: bool = False  # shape: sh:minCount 1 on the first predicate
    many: bool = False  # a list; else shape sh:maxCount 1
    default: object = None  # a boolean's default: the graph records only the exception
    edge: str | None = None  # the projection's edge name for it (entity ranges only)
    label: str | None = None  # the edge in a reader's words ("published by")
    pattern: str | None = None  # shape: sh:pattern
    message: str | None = None  # shape: sh:message

    @property
    def targets(self) -> frozenset[EntityType]:
        """The entity types a reference field may name (empty for other fields)."""
        return self.range if isinstance(self.range, frozenset) else frozenset()

    @property
    def predicate(self) -> str:
        return self.predicates[0]


@dataclass(frozen=True)
class Entity:
    type: EntityType
    section: str  # the registry section that lists it
    rdf_class: str  # CURIE of its own class
    also: tuple[str, ...]  # the classes other vocabularies give it
    label: str  # in a reader's words
    plural: str  # what the registry section holds, in words
    fields: tuple[Field, ...]
    # more specific classes by kind (an outlet is an organization of a news kind)
    kind_classes: Mapping[Enum, str] = field(default_factory=dict)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


_AGENTS = frozenset({EntityType.person, EntityType.organization, EntityType.unit})
_PLACE = frozenset({EntityType.place})
_EQUIPMENT_TYPE = frozenset({EntityType.equipment_type})
_DOCUMENT = frozenset({EntityType.document})


def _names(title: bool = False) -> tuple[Field, ...]:
    """The fields every entity has: its id and its names."""
    return (
        Field("id", Scalar.id, ("dkg:slug",), "unique id across all registry and source files: lower-case letters, digits, single - or _",
              required=True, pattern=SLUG_PATTERN),
        Field("name", Scalar.text, ("rdfs:label", "skos:prefLabel", *(("dcterms:title",) if title else ())),
              "the title" if title else "the name as the texts give it", required=True, message="every entity has a name"),
        Field("aliases", Scalar.text, ("skos:altLabel",), "other names and spellings", many=True),
        Field("transliterations", Scalar.text, ("dkg:transliteration",),
              "the name in other scripts or romanisations, e.g. Максим Кузьминов", many=True),
        Field("description", Scalar.text, ("schema:description",), "a short description, from the text"),
        Field("wikidata", Scalar.wikidata, ("schema:sameAs",), "the Wikidata Q-id, only when certain"),
    )


def _kind(kinds: type) -> Field:
    return Field("kind", kinds, ("dkg:kind",), "what sort of thing it is (see the kinds below)", required=True)


def _country() -> Field:
    return Field("country", _PLACE, ("dkg:country",), "place id of the state it belongs to", edge="country", label="in")


ENTITIES: dict[EntityType, Entity] = {
    e.type: e
    for e in (
        Entity(
            EntityType.person, "persons", "dkg:Person", ("prov:Person", "schema:Person"), "person", "people",
            (*_names(), Field("named", Scalar.boolean, ("dkg:named",), "false for someone the text describes but does not name", default=True)),
        ),
        Entity(
            EntityType.unit, "units", "dkg:MilitaryUnit", ("prov:Organization", "schema:Organization"), "military unit",
            "military formations", (*_names(), _kind(UnitKind), _country()),
        ),
        Entity(
            EntityType.organization, "organizations", "dkg:Organization", ("prov:Organization", "schema:Organization"),
            "organization", "agencies, governments, outlets, projects ...", (*_names(), _kind(OrganizationKind), _country()),
            kind_classes={OrganizationKind.news_outlet: "dkg:Outlet", OrganizationKind.news_agency: "dkg:Outlet"},
        ),
        Entity(
            EntityType.equipment_type, "equipment_types", "dkg:EquipmentType", (), "equipment type", "models or classes of equipment",
            (
                *_names(),
                _kind(EquipmentKind),
                Field("broader", _EQUIPMENT_TYPE, ("skos:broader",),
                      "equipment_type id of the wider kind it is one of (Mi-8 -> helicopter -> aircraft)"),
            ),
            kind_classes={k: "dkg:AircraftType" for k in sorted(AIRCRAFT_KINDS)},
        ),
        Entity(
            EntityType.equipment_item, "equipment_items", "dkg:EquipmentItem", (), "equipment item", "particular airframes or vehicles",
            (
                *_names(),
                Field("type", _EQUIPMENT_TYPE, ("dkg:equipmentType",), "equipment_type id", required=True,
                      edge="equipmentType", label="of type"),
                Field("identifier", Scalar.text, ("dkg:identifier",), "tail or serial number, when printed"),
            ),
        ),
        Entity(
            EntityType.place, "places", "dkg:Place", ("schema:Place",), "place", "countries, regions, cities, bases",
            (*_names(), _kind(PlaceKind),
             Field("within", _PLACE, ("schema:containedInPlace",), "place id of the enclosing place", edge="within", label="within")),
        ),
        Entity(
            EntityType.event, "events", "dkg:Event", ("schema:Event",), "event", "defections, interviews, laws ...",
            (*_names(), _kind(EventKind)),
        ),
        Entity(
            EntityType.document, "documents", "dkg:Document", ("prov:Entity", "schema:CreativeWork"), "document",
            "documents the texts cite (not curated ones, which have a source file)",
            (
                *_names(title=True),
                _kind(DocumentKind),
                Field("outlet", frozenset({EntityType.organization}), ("dkg:outlet", "schema:publisher"),
                      "organization id of the outlet; null when unknown", edge="outlet", label="published by"),
                Field("issued_by", _AGENTS, ("dkg:issuedBy",), "who issued a statement, post or law (person or organization id)",
                      edge="issuedBy", label="issued by"),
                Field("authors", frozenset({EntityType.person, EntityType.organization}), ("dcterms:creator",),
                      "ids of the byline: people, or an organization for an agency byline", many=True, edge="author", label="written by"),
                Field("editors", frozenset({EntityType.person}), ("schema:editor",), "person ids of the editors named", many=True,
                      edge="editor", label="edited by"),
                Field("published", Scalar.date, ("dcterms:issued",), "publication date as far as the text gives it"),
                Field("published_printed", Scalar.text, ("dkg:publishedPrinted",), "publication time as printed, e.g. 'on Wednesday'"),
                Field("published_evidence", Scalar.text, ("dkg:publishedEvidence",),
                      "how the publication date is known when the text does not print it whole, e.g. 'Copyright 2023 line'; "
                      "its precision is that of `published` (YYYY, YYYY-MM or YYYY-MM-DD)"),
                Field("url", Scalar.url, ("schema:url",), "where the document was published, when known"),
                Field("language", Scalar.text, ("dcterms:language",), "ISO 639 language code, e.g. en"),
                Field("file", Scalar.text, ("dkg:file",), "file name of the seed text this record was curated from"),
                Field("rereports", _DOCUMENT, ("dkg:rereports", "prov:wasDerivedFrom"),
                      "id of the document this one re-reports as a whole", edge="rereports", label="re-reports"),
                Field("derived_from", _DOCUMENT, ("prov:wasDerivedFrom",), "ids of documents it draws on in part", many=True,
                      edge="derivedFrom", label="draws on"),
            ),
        ),
    )
}

BY_SECTION: dict[str, Entity] = {e.section: e for e in ENTITIES.values()}


def expand(curie: str) -> str:
    """The IRI of a CURIE whose prefix iris.PREFIXES knows."""
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


def references(entity_type: EntityType) -> list[Field]:
    """The fields of an entity type that must name an existing entity, in declaration order."""
    return [f for f in ENTITIES[entity_type].fields if f.targets]


def edges() -> dict[str, tuple[str, str]]:
    """The projection's links between curated things: edge name -> (predicate CURIE, reader's words).
    One field per edge name: two types that share an edge share its field (country)."""
    out: dict[str, tuple[str, str]] = {}
    for e in ENTITIES.values():
        for f in e.fields:
            if f.edge:
                out.setdefault(f.edge, (f.predicate, f.label or f.edge))
    return out


def _check() -> None:
    for e in ENTITIES.values():
        for curie in (e.rdf_class, *e.also, *e.kind_classes.values(), *(p for f in e.fields for p in f.predicates)):
            if curie.partition(":")[0] not in PREFIXES:
                raise ValueError(f"{e.type.value}: {curie!r} has no known prefix")
        for f in e.fields:
            if f.edge and not f.targets:
                raise ValueError(f"{e.type.value}.{f.name}: only a reference field can be an edge")
    for name, (pred, _) in edges().items():
        clash = {f.predicate for e in ENTITIES.values() for f in e.fields if f.edge == name}
        if len(clash) > 1:
            raise ValueError(f"edge {name!r} is declared on different predicates: {sorted(clash)}")


_check()
