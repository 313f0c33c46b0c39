"""The closed vocabularies curators write in: entity kinds, document kinds, claim properties.

Every claim names one property from PROPERTIES. A property says what its subject may be, what
its value may be, and which direct ("truthy") predicate the build writes beside the claim node.
Adding a property here is the one step needed to curate a new kind of fact; the ontology and
the SHACL shapes are checked against this table by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    forecast = "forecast"  # printed as a plan, projection or forecast ("113 million by 2050")


class StanceKind(StrEnum):
    """What one source says about another's claim (a claim about a claim). Each maps to a CiTO
    citation type (loaders/rdf.py), except could_not_verify, which CiTO lacks."""

    supports = "supports"  # cito:supports: gives evidence for it
    confirms = "confirms"  # cito:confirms: says it is true, from its own knowledge
    disputes = "disputes"  # cito:disputes: contests it without showing it false ("an underestimate")
    refutes = "refutes"  # cito:refutes: says it is false ("denied", "refuted")
    corrects = "corrects"  # cito:corrects: puts a different value in its place
    qualifies = "qualifies"  # cito:qualifies: narrows or conditions it
    retracts = "retracts"  # cito:retracts: its own source withdraws it
    could_not_verify = "could_not_verify"  # dkg:couldNotVerify: tried and could not confirm it
    declined_to_confirm = "declined_to_confirm"  # dkg:declinedToConfirm: an authority that knows refuses, or has not yet, confirmed it
    agrees_with = "agrees_with"  # cito:agreesWith: endorses an idea or position; no evidence either way
    disagrees_with = "disagrees_with"  # cito:disagreesWith: opposes an idea or position; no evidence either way


CONTESTING = frozenset({StanceKind.disputes, StanceKind.refutes, StanceKind.corrects, StanceKind.retracts})
CONFIRMING = frozenset({StanceKind.supports, StanceKind.confirms})


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
    post = "post"  # an official post and the body it belongs to


@dataclass(frozen=True)
class Property:
    name: str
    label: str
    values: frozenset[ValueKind]
    subjects: frozenset[EntityType] | None = None  # None: any entity
    targets: frozenset[EntityType] | None = None  # for entity values; None: any
    description: str = ""
    # How values compare (loaders/compare.py). A functional property has one value at a time for
    # a subject and its qualifiers, so two different values can disagree; values of any other
    # property simply add up (a person serves in several units). A property that changes over
    # time (an age, a strength, a count) can differ between two times without contradiction.
    functional: bool = False
    changes: bool = False
    signed: bool = False  # a quantity value may be negative (a change); others are refused below zero
    # How time and other claims bear on a value (loaders/reasoning.py):
    present: bool = False  # a present-tense state: printed without a time, it holds as of its report's date
    growth: str | None = None  # "age": grows by exactly one a year, so two values are checked against the time between them
    cumulative: bool = False  # a running total (losses since the war began): never falls over time
    categories: str | None = None  # text values name a category of this scheme (schema/categories.py)
    happened: bool = False  # a date of something that happened: not after the document that reports it as past
    agency: bool = False  # who did it: two origins naming different agents of one event contradict

    @property
    def direct_name(self) -> str:
        """camelCase local name of the direct predicate, e.g. served_in -> servedIn."""
        return camel(self.name)


def camel(name: str) -> str:
    """A curated name as an RDF term's local name: served_in -> servedIn, agrees_with -> agreesWith."""
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


E = EntityType
V = ValueKind
_PERSON = frozenset({E.person})
_FORCE = frozenset({E.unit, E.organization})
_ANY_ACTOR = frozenset({E.person, E.unit, E.organization})
_EQUIP = frozenset({E.equipment_type, E.equipment_item})


def _p(name, label, values, subjects=None, targets=None, description="", functional=False, changes=False, **more):
    return Property(
        name,
        label,
        frozenset(values),
        frozenset(subjects) if subjects else None,
        frozenset(targets) if targets else None,
        description,
        functional,
        changes,
        **more,
    )


# shorthands for the table: one value at a time; one at a time but changing; a present-tense state
ONE, VARIES = {"functional": True}, {"functional": True, "changes": True}
STATE = {**VARIES, "present": True}
TOTAL = {**STATE, "cumulative": True}


PROPERTIES: dict[str, Property] = {
    p.name: p
    for p in [
        # people
        _p("age", "age", [V.quantity], _PERSON, description="Age in years as stated; without `when` it holds as of the report's date.", growth="age", **STATE),
        _p("rank", "military rank", [V.text], _PERSON, categories="rank", **STATE),
        _p("role", "role or position", [V.text], _PERSON, present=True),
        _p("post", "holds the post", [V.post], _PERSON, [E.organization, E.unit, E.place], description="An official post and the body it belongs to: `value: {post: minister, entity: russia-ministry-of-defence}`.", changes=True, present=True),
        _p("nationality", "nationality", [V.entity], _PERSON, [E.place], **STATE),
        _p("identified_as", "identified as", [V.entity], _PERSON, _PERSON, description="Who an unnamed or disputed person is (a victim the reports name differently): stances on this claim confirm or dispute the identification.", **ONE),
        _p("served_in", "served in", [V.entity], _PERSON, _FORCE),
        _p("member_of", "member of", [V.entity], _PERSON, _FORCE),
        _p("spokesperson_for", "spokesperson for", [V.entity], _PERSON, _FORCE),
        _p("operated", "flew or operated", [V.entity], _ANY_ACTOR, _EQUIP),
        _p("defected_with", "defected with", [V.entity], _PERSON, _EQUIP),
        _p("sought_asylum_in", "sought asylum in", [V.entity], _PERSON, [E.place]),
        _p("fled_to", "fled or escaped to", [V.entity], _PERSON, [E.place]),
        _p("origin_place", "comes from", [V.entity], _PERSON, [E.place], **ONE),
        _p("reward_received", "reward received", [V.quantity], _PERSON, **ONE),
        _p("offered", "was offered", [V.text, V.quantity], _PERSON, description="What was offered or promised: a figure (an amount of money) or, for anything else, text."),
        _p("motivation", "stated motivation", [V.text], _PERSON),
        _p("stated_position", "stated position", [V.text], _ANY_ACTOR),
        _p("proposed", "proposed", [V.text], _ANY_ACTOR),
        _p("expects_penalty", "expects penalty", [V.text], _PERSON),
        _p("in_custody_of", "held in custody by", [V.entity], _PERSON, [E.organization, E.unit, E.place], description="Who holds the person, one custodian at a time (a body within another agrees).", **STATE),
        _p("date_of_birth", "date of birth", [V.date], _PERSON, happened=True, **ONE),
        _p("date_of_death", "date of death", [V.date], _PERSON, description="When the person died, as reported; the circumstances as an event of kind `death` (victim, perpetrator, place, date).", happened=True, **ONE),
        _p("body_found", "body found", [V.date], _PERSON, description="When the person's body was found: a death is on or before it.", happened=True, **ONE),
        _p("place_of_death", "place of death", [V.entity], _PERSON, [E.place], **ONE),
        _p("cause_of_death", "cause of death", [V.text], _PERSON, description="A category (`dkg vocab` lists them): shot, murdered, killed, suicide, ...; the words as printed go in `printed`.", categories="death", **ONE),
        # units and organizations
        _p("part_of", "part of", [V.entity], _FORCE, _FORCE, **VARIES),
        _p("based_at", "based at", [V.entity], [E.person, E.unit, E.organization], [E.place], **STATE),
        _p("equipment_count", "equipment holdings", [V.quantity], _FORCE, **STATE),
        _p("aircraft_lost", "aircraft lost", [V.quantity], _FORCE, description="Since the war began unless `group` or `when` narrows it.", **TOTAL),
        _p("personnel_losses", "personnel losses", [V.quantity], _FORCE, description="Since the war began unless `group` or `when` narrows it.", **TOTAL),
        _p("deserters", "deserters", [V.quantity], _FORCE, description="Since the war began unless `group` or `when` narrows it.", **TOTAL),
        replace(_p("desertion_trend", "change in desertion", [V.quantity, V.text], _FORCE, **VARIES), signed=True),
        _p("surrendered", "soldiers surrendered", [V.quantity], _FORCE, description="Since the war (or the programme) began unless `group` or `when` narrows it.", **TOTAL),
        _p("troop_strength", "troop strength", [V.quantity], _FORCE, **STATE),
        _p("salary", "salary", [V.quantity], _FORCE, **VARIES),
        _p("recruitment_payment", "payment offered to recruits", [V.quantity], _FORCE, **VARIES),
        _p("reward_for_equipment", "reward offered for equipment", [V.quantity], [E.organization, E.document], **VARIES),
        _p("founded_by", "co-founded by", [V.entity], [E.organization], [E.person, E.organization]),
        _p("headquartered_in", "based in", [V.entity], [E.organization], [E.place], **STATE),
        _p("stated_aim", "stated aim", [V.text], [E.organization, E.document, E.unit]),
        _p("operates_programme", "runs a programme", [V.text], [E.organization, E.place]),
        # places
        _p("population", "population", [V.quantity], [E.place], **VARIES),
        _p("emigration", "people who left", [V.quantity], [E.place], **VARIES),
        _p("penalty_for_desertion", "penalty for desertion", [V.quantity, V.text], [E.place, E.organization, E.document]),
        # equipment
        _p("cargo", "cargo", [V.text], _EQUIP),
        _p("other_crew", "other crew aboard", [V.quantity], _EQUIP, **ONE),
        _p("reward_value", "reward for bringing it", [V.quantity], _EQUIP, **VARIES),
        # events
        _p("date", "date", [V.date], [E.event], happened=True, **ONE),
        _p("place", "place", [V.entity], [E.event], [E.place], **ONE),
        _p("participant", "participant", [V.entity], [E.event], [E.person, E.unit, E.organization]),
        _p("perpetrator", "carried out by", [V.entity], [E.event], _ANY_ACTOR, description="Who did it (killed, shot, attacked): one agent per event; name a group entity for several.", agency=True, **ONE),
        _p("victim", "victim", [V.entity], [E.event], [E.person, E.unit, E.organization], description="Who it was done to."),
        _p("organized_by", "organized by", [V.entity], [E.event], _ANY_ACTOR),
        _p("deaths", "deaths", [V.quantity], [E.event], **ONE),
        _p("outcome", "outcome", [V.text], [E.event]),
        # anything
        _p("description", "described as", [V.text]),
    ]
}


@dataclass(frozen=True)
class RuleRelation:
    """A rule and the cases it governs, declared once: a rule claim (a published reward for a
    kind of equipment) is compared with instance claims (a reward one person received) whose
    key (the equipment) is the rule's key or a kind of it. `rule_key` and `instance_key` name
    where the key is read: a claim's `equipment` qualifier, or its `subject`."""

    rule: str
    instance: str
    rule_key: str
    instance_key: str
    description: str


RULE_RELATIONS: tuple[RuleRelation, ...] = (
    RuleRelation(
        "reward_for_equipment", "reward_received", "equipment", "equipment",
        "a published reward for a kind of equipment against a reward paid for equipment of that kind",
    ),
    RuleRelation(
        "reward_value", "reward_received", "subject", "equipment",
        "the reward a kind of equipment fetches against a reward paid for equipment of that kind",
    ),
)


@dataclass(frozen=True)
class OrderRule:
    """Two dates of one subject in a fixed order, declared once: a death is on or before the
    body's discovery; a birth is before a death. A pair of claims that breaks the order is a
    contradiction naming the rule (loaders/reasoning.py)."""

    earlier: str
    later: str
    strict: bool  # True: strictly before; False: on or before
    description: str


ORDER_RULES: tuple[OrderRule, ...] = (
    OrderRule("date_of_birth", "date_of_death", True, "a person is born before they die"),
    OrderRule("date_of_birth", "body_found", True, "a person is born before their body is found"),
    OrderRule("date_of_death", "body_found", False, "a death is on or before the day the body is found"),
)


# Words a curator may reach for when they mean a property, beyond its name and label: what
# suggest_property() weighs besides spelling (so `lived_in` finds based_at, not served_in).
MEANING: dict[str, str] = {
    "age": "old years aged",
    "rank": "grade title",
    "role": "job position post duty",
    "nationality": "citizen citizenship national",
    "served_in": "unit enlisted service",
    "member_of": "belongs joined membership",
    "operated": "flew fly pilot piloted drove drive crew",
    "defected_with": "brought took defected",
    "sought_asylum_in": "asylum refuge refugee",
    "fled_to": "escaped escape fled ran crossed",
    "origin_place": "born birthplace hometown native from",
    "reward_received": "paid payment money bounty received",
    "offered": "promised offer",
    "motivation": "why reason motive",
    "in_custody_of": "held detained captured prisoner arrested custody jailed",
    "date_of_death": "died death dead killed when",
    "date_of_birth": "born birth birthday",
    "identified_as": "identity identified named unnamed who same",
    "body_found": "body found discovered corpse remains",
    "perpetrator": "killed shot murdered attacked by killer gunman perpetrator responsible culprit",
    "victim": "victim killed target",
    "post": "minister head chief commander deputy spokesman president secretary director office post",
    "place_of_death": "died death dead killed where",
    "cause_of_death": "died death dead killed how cause",
    "based_at": "lived lives live resides resided stationed home located station garrison",
    "headquartered_in": "headquarters seat located office",
    "deaths": "killed dead died casualties toll",
    "personnel_losses": "killed dead casualties losses",
    "date": "when day happened",
    "place": "where location happened",
}


def _stems(text: str) -> set[str]:
    out = set()
    for word in text.lower().replace("-", " ").replace("_", " ").split():
        word = "".join(c for c in word if c.isalnum())
        for suffix in ("ing", "ed", "es", "s"):
            if len(word) > len(suffix) + 2 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        if len(word) > 1 and word not in _STOP:
            out.add(word)
    return out


_STOP = frozenset("in of at to by for the an on with from as is was".split())


def suggest_property(name: str, subject_type: "EntityType | None" = None, n: int = 3) -> list[str]:
    """The properties a curator most likely meant by an unknown name: by meaning (the words of
    its name, label, description and MEANING), by whether it fits the claim's subject, and by
    spelling.

    >>> suggest_property("lived_in", EntityType.person)[0]
    'based_at'
    >>> suggest_property("agee")[0]
    'age'
    >>> suggest_property("died_on", EntityType.person)[0]
    'date_of_death'
    """
    import difflib

    typed = _stems(name)
    scored = []
    for prop in PROPERTIES.values():
        words = _stems(f"{prop.name} {prop.label} {MEANING.get(prop.name, '')}")
        meaning = len(typed & words)
        spelling = difflib.SequenceMatcher(None, name.lower(), prop.name).ratio()
        fits = subject_type is None or prop.subjects is None or subject_type in prop.subjects
        score = 2.0 * meaning + 2.0 * spelling + (0.5 if fits else -1.5)
        if meaning or spelling >= 0.6:
            scored.append((score, prop.name))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return [name for _score, name in scored[:n]]


def closest(name: str, candidates, n: int = 3) -> list[str]:
    """The closest few candidates to a misspelt name, for 'did you mean' messages."""
    import difflib

    return difflib.get_close_matches(name, list(candidates), n=n, cutoff=0.6)
