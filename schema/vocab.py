"""The closed vocabularies curators write in: entity kinds, document kinds, claim properties.

Every claim names one property from PROPERTIES. A property says what its subject may be, what
its value may be, and which direct ("truthy") predicate the build writes beside the claim node.
Adding a property here is the one step needed to curate a new kind of fact; the ontology and
the SHACL shapes are checked against this table by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class StrEnum(str, Enum):
    def __str__(self) -> str:  # pragma: no cover - cosmetic
        return self.value


class EntityType(StrEnum):
    person = "person"
    unit = "unit"
    organization = "organization"
    equipment_type = "equipment_type"
    equipment_item = "equipment_item"
    place = "place"
    event = "event"
    document = "document"


class UnitKind(StrEnum):
    armed_forces = "armed_forces"
    service_branch = "service_branch"
    military_district = "military_district"
    army = "army"
    corps = "corps"
    division = "division"
    brigade = "brigade"
    regiment = "regiment"
    battalion = "battalion"
    squadron = "squadron"
    special_forces = "special_forces"
    other = "other"


class OrganizationKind(StrEnum):
    government = "government"
    ministry = "ministry"
    intelligence_agency = "intelligence_agency"
    parliament = "parliament"
    international_body = "international_body"
    project = "project"
    ngo = "ngo"
    news_outlet = "news_outlet"
    news_agency = "news_agency"
    company = "company"
    other = "other"


class EquipmentKind(StrEnum):
    """Aircraft kinds are marked in AIRCRAFT_KINDS; the ontology makes them dkg:AircraftType."""

    aircraft = "aircraft"
    helicopter = "helicopter"
    attack_helicopter = "attack_helicopter"
    transport_helicopter = "transport_helicopter"
    fighter = "fighter"
    fighter_bomber = "fighter_bomber"
    tank = "tank"
    armoured_vehicle = "armoured_vehicle"
    vehicle = "vehicle"
    weapon = "weapon"
    other = "other"


AIRCRAFT_KINDS = frozenset(
    {
        EquipmentKind.aircraft,
        EquipmentKind.helicopter,
        EquipmentKind.attack_helicopter,
        EquipmentKind.transport_helicopter,
        EquipmentKind.fighter,
        EquipmentKind.fighter_bomber,
    }
)


class PlaceKind(StrEnum):
    country = "country"
    region = "region"
    city = "city"
    military_base = "military_base"
    area = "area"
    other = "other"


class EventKind(StrEnum):
    defection = "defection"
    desertion = "desertion"
    surrender = "surrender"
    escape = "escape"
    asylum_request = "asylum_request"
    interview = "interview"
    death = "death"
    invasion = "invasion"
    mobilisation = "mobilisation"
    announcement = "announcement"
    legislation = "legislation"
    deployment = "deployment"
    suicide_attempt = "suicide_attempt"
    recruitment = "recruitment"
    other = "other"


class DocumentKind(StrEnum):
    news_report = "news_report"
    opinion = "opinion"
    interview = "interview"
    official_statement = "official_statement"
    social_media_post = "social_media_post"
    video = "video"
    law = "law"
    research = "research"
    other = "other"


class Status(StrEnum):
    """Wikidata-like ranks: a disputed or deprecated claim is kept, with the reason."""

    accepted = "accepted"
    disputed = "disputed"
    deprecated = "deprecated"


class Hedge(StrEnum):
    """How the carrying document itself qualifies a claim."""

    unverified = "unverified"  # the outlet says it could not verify it
    party_to_conflict = "party_to_conflict"  # attributed only to a side of the war
    reportedly = "reportedly"  # "reportedly", "allegedly" in the outlet's own voice
    disputed_by_speaker = "disputed_by_speaker"  # the document itself casts doubt on it


class Bound(StrEnum):
    """How a printed figure relates to the true value."""

    exact = "exact"
    approximate = "approximate"  # "around", "about", "some"
    more_than = "more_than"
    at_least = "at_least"
    less_than = "less_than"
    at_most = "at_most"  # "up to", "could reach"


class ValueKind(StrEnum):
    entity = "entity"
    quantity = "quantity"
    date = "date"
    text = "text"


@dataclass(frozen=True)
class Property:
    name: str
    label: str
    values: frozenset[ValueKind]
    subjects: frozenset[EntityType] | None = None  # None: any entity
    targets: frozenset[EntityType] | None = None  # for entity values; None: any
    description: str = ""
    signed: bool = False  # a quantity value may be negative (a change); others are refused below zero

    @property
    def direct_name(self) -> str:
        """camelCase local name of the direct predicate, e.g. served_in -> servedIn."""
        head, *rest = self.name.split("_")
        return head + "".join(w.capitalize() for w in rest)


E = EntityType
V = ValueKind
_PERSON = frozenset({E.person})
_FORCE = frozenset({E.unit, E.organization})
_ANY_ACTOR = frozenset({E.person, E.unit, E.organization})
_EQUIP = frozenset({E.equipment_type, E.equipment_item})


def _p(name, label, values, subjects=None, targets=None, description=""):
    return Property(
        name,
        label,
        frozenset(values),
        frozenset(subjects) if subjects else None,
        frozenset(targets) if targets else None,
        description,
    )


PROPERTIES: dict[str, Property] = {
    p.name: p
    for p in [
        # people
        _p("age", "age", [V.quantity], _PERSON, description="Age in years as stated; qualify with `when`."),
        _p("rank", "military rank", [V.text], _PERSON),
        _p("role", "role or position", [V.text], _PERSON),
        _p("nationality", "nationality", [V.entity], _PERSON, [E.place]),
        _p("served_in", "served in", [V.entity], _PERSON, _FORCE),
        _p("member_of", "member of", [V.entity], _PERSON, _FORCE),
        _p("spokesperson_for", "spokesperson for", [V.entity], _PERSON, _FORCE),
        _p("operated", "flew or operated", [V.entity], _ANY_ACTOR, _EQUIP),
        _p("defected_with", "defected with", [V.entity], _PERSON, _EQUIP),
        _p("sought_asylum_in", "sought asylum in", [V.entity], _PERSON, [E.place]),
        _p("fled_to", "fled or escaped to", [V.entity], _PERSON, [E.place]),
        _p("origin_place", "comes from", [V.entity], _PERSON, [E.place]),
        _p("reward_received", "reward received", [V.quantity], _PERSON),
        _p("offered", "was offered", [V.text], _PERSON),
        _p("motivation", "stated motivation", [V.text], _PERSON),
        _p("stated_position", "stated position", [V.text], _ANY_ACTOR),
        _p("proposed", "proposed", [V.text], _ANY_ACTOR),
        _p("expects_penalty", "expects penalty", [V.text], _PERSON),
        _p("in_custody_of", "held in custody by", [V.entity], _PERSON, [E.organization, E.unit, E.place]),
        # units and organizations
        _p("part_of", "part of", [V.entity], _FORCE, _FORCE),
        _p("based_at", "based at", [V.entity], [E.person, E.unit, E.organization], [E.place]),
        _p("equipment_count", "equipment holdings", [V.quantity], _FORCE),
        _p("aircraft_lost", "aircraft lost", [V.quantity], _FORCE),
        _p("personnel_losses", "personnel losses", [V.quantity], _FORCE),
        _p("deserters", "deserters", [V.quantity], _FORCE),
        Property("desertion_trend", "change in desertion", frozenset([V.quantity, V.text]), _FORCE, signed=True),
        _p("surrendered", "soldiers surrendered", [V.quantity], _FORCE),
        _p("troop_strength", "troop strength", [V.quantity], _FORCE),
        _p("salary", "salary", [V.quantity], _FORCE),
        _p("recruitment_payment", "payment offered to recruits", [V.quantity], _FORCE),
        _p("reward_for_equipment", "reward offered for equipment", [V.quantity], [E.organization, E.document]),
        _p("founded_by", "co-founded by", [V.entity], [E.organization], [E.person, E.organization]),
        _p("headquartered_in", "based in", [V.entity], [E.organization], [E.place]),
        _p("stated_aim", "stated aim", [V.text], [E.organization, E.document, E.unit]),
        _p("operates_programme", "runs a programme", [V.text], [E.organization, E.place]),
        # places
        _p("population", "population", [V.quantity], [E.place]),
        _p("emigration", "people who left", [V.quantity], [E.place]),
        _p("penalty_for_desertion", "penalty for desertion", [V.quantity, V.text], [E.place, E.organization, E.document]),
        # equipment
        _p("cargo", "cargo", [V.text], _EQUIP),
        _p("other_crew", "other crew aboard", [V.quantity], _EQUIP),
        _p("reward_value", "reward for bringing it", [V.quantity], _EQUIP),
        # events
        _p("date", "date", [V.date], [E.event]),
        _p("place", "place", [V.entity], [E.event], [E.place]),
        _p("participant", "participant", [V.entity], [E.event], [E.person, E.unit, E.organization]),
        _p("organized_by", "organized by", [V.entity], [E.event], _ANY_ACTOR),
        _p("deaths", "deaths", [V.quantity], [E.event]),
        _p("outcome", "outcome", [V.text], [E.event]),
        # anything
        _p("description", "described as", [V.text]),
    ]
}


def closest(name: str, candidates, n: int = 3) -> list[str]:
    """The closest few candidates to a misspelt name, for 'did you mean' messages."""
    import difflib

    return difflib.get_close_matches(name, list(candidates), n=n, cutoff=0.6)
