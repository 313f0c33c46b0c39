"""Typed records for curated facts.

Curated files hold two things: a registry of entities (identity only: names, aliases, kind)
and source documents with the claims they carry. Every fact that could be wrong (a rank, an
age, a base, a date, a figure) is a claim with its appearances, never a bare registry field:
that is what lets a journalist ask where any fact came from.

All models refuse unknown fields. Text is checked for control characters and length here, so
every later layer can rely on it; text may still hold markup, which is data and is escaped
wherever it is shown.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, create_model, field_validator, model_validator

from .declarations import ENTITIES, SLUG_PATTERN
from .text import BIDI_RE, OTHER_INVISIBLE
from .vocab import (
    Bound,
    DocumentKind,
    EntityType,
    EquipmentKind,
    EventKind,
    Hedge,
    OrganizationKind,
    StanceKind,
    PlaceKind,
    Status,
    UnitKind,
    ValueKind,
)

SLUG_RE = re.compile(SLUG_PATTERN)
# Tab, newline and carriage return are allowed in curated text; other controls, the C1 range
# and the bidi controls (schema/text.py) are not.
_CONTROL_RE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{OTHER_INVISIBLE}]")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MAX_NAME = 200
MAX_TEXT = 2000
MAX_ID = 80


def _slug(value: str) -> str:
    if not SLUG_RE.match(value) or len(value) > MAX_ID:
        raise ValueError(
            f"{value[:60]!r} is not a valid id: use lower-case letters, digits and single '-' or '_' "
            f"between them, at most {MAX_ID} characters"
        )
    return value


def _clean_text(limit: int):
    def check(value: str) -> str:
        bidi = BIDI_RE.search(value)
        if bidi:
            raise ValueError(
                f"contains the bidirectional control character U+{ord(bidi.group()):04X} (at character {bidi.start() + 1}), "
                "which makes text display in a different order than it is written; remove it"
            )
        if _CONTROL_RE.search(value):
            bad = _CONTROL_RE.search(value).group()
            raise ValueError(f"contains the control character U+{ord(bad):04X}; remove it")
        if len(value) > limit:
            raise ValueError(f"is {len(value)} characters long; at most {limit} are allowed")
        if not value.strip():
            raise ValueError("is empty")
        return value

    return check


def _partial_date(value: Any) -> str:
    """Accept 2023, '2023', '2023-08', '2023-08-05' or a YAML date; refuse impossible dates."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("a date must be written YYYY, YYYY-MM or YYYY-MM-DD")
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} is not a date: there is no month {month}")
    if day is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= last:
            raise ValueError(f"{value!r} is not a date: {year}-{month} has {last} days")
    return value


_CLAIM_REF_RE = re.compile(r"^[a-z0-9]+(?:(?:--?|_)[a-z0-9]+)*$")


def _claim_ref(value: str) -> str:
    if not _CLAIM_REF_RE.match(value) or len(value) > 2 * MAX_ID:
        raise ValueError(f"{value[:60]!r} is neither a claim ref handle nor a claim key (subject--property--hash)")
    return value


Slug = Annotated[str, AfterValidator(_slug)]
ClaimRef = Annotated[str, AfterValidator(_claim_ref)]
Ref = Slug  # a reference to an id; resolved by the loader
Name = Annotated[str, AfterValidator(_clean_text(MAX_NAME))]
Text = Annotated[str, AfterValidator(_clean_text(MAX_TEXT))]
PartialDate = Annotated[
    str,
    BeforeValidator(_partial_date),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}, {"type": "integer", "minimum": 1000, "maximum": 9999}],
            "description": "a date of any precision: YYYY, YYYY-MM or YYYY-MM-DD",
            "examples": ["2023", "2023-08", "2023-09-05"],
        }
    ),
]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. USD, RUB, GBP")]
Unit = Annotated[str, AfterValidator(_slug), Field(description="what is counted: year, person, aircraft, helicopter, tank, times ...")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


# --------------------------------------------------------------------------- entities


class EntityBase(Model):
    """What every entity has. Each entity's fields, their meaning and their RDF terms are declared
    in schema/declarations.py (a test keeps these classes and that table in step)."""

    id: Slug
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    transliterations: list[Name] = Field(default_factory=list)
    description: Text | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None

    entity_type: EntityType  # set by each subclass

    def all_names(self) -> list[str]:
        return [self.name, *self.aliases, *self.transliterations]


class Person(EntityBase):
    """A named or described individual; rank, role, age, nationality are claims about them."""

    entity_type: Literal[EntityType.person] = EntityType.person
    named: bool = True


class MilitaryUnit(EntityBase):
    """A formation; its parent unit and home base are claims (part_of, based_at)."""

    entity_type: Literal[EntityType.unit] = EntityType.unit
    kind: UnitKind
    country: Ref | None = None


class Organization(EntityBase):
    entity_type: Literal[EntityType.organization] = EntityType.organization
    kind: OrganizationKind
    country: Ref | None = None


class EquipmentType(EntityBase):
    """A model or class of equipment (Mi-8, tank); aircraft kinds make it an aircraft type."""

    entity_type: Literal[EntityType.equipment_type] = EntityType.equipment_type
    kind: EquipmentKind
    broader: Ref | None = None


class EquipmentItem(EntityBase):
    """A particular airframe or vehicle that a text identifies."""

    entity_type: Literal[EntityType.equipment_item] = EntityType.equipment_item
    type: Ref
    identifier: Name | None = None


class Place(EntityBase):
    entity_type: Literal[EntityType.place] = EntityType.place
    kind: PlaceKind
    within: Ref | None = None


class Event(EntityBase):
    """Date, place and participants of an event are claims (date, place, participant)."""

    entity_type: Literal[EntityType.event] = EntityType.event
    kind: EventKind


class Document(EntityBase):
    """A source document: a curated seed article or a document that one cites.

    `name` is its title. The outlet may be unknown (null). `rereports` names the document it
    re-reports as a whole (a bylined rewrite of another outlet's interview); `derived_from`
    names documents it draws on in part.
    """

    entity_type: Literal[EntityType.document] = EntityType.document
    kind: DocumentKind
    outlet: Ref | None = None
    issued_by: Ref | None = None
    authors: list[Ref] = Field(default_factory=list)
    editors: list[Ref] = Field(default_factory=list)
    published: PartialDate | None = None
    published_printed: Name | None = None
    published_evidence: Text | None = None
    url: Annotated[str, Field(pattern=r"^https?://[^\s<>\"]+$", max_length=2000)] | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")] | None = None
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+$", max_length=200)] | None = None
    rereports: Ref | None = None
    derived_from: list[Ref] = Field(default_factory=list)

    @field_validator("published")
    @classmethod
    def _not_in_future(cls, value: str | None) -> str | None:
        """A document cannot be published after today (a claim's own time may be in the future)."""
        if value is not None:
            parts = [int(p) for p in value.split("-")]
            earliest = _dt.date(parts[0], *(parts[1:] + [1, 1])[:2])
            today = _dt.date.today()
            if earliest > today:
                raise ValueError(f"{value} is in the future (today is {today.isoformat()}): check the publication date")
        return value


# each entity model under its registry section, named and ordered as schema/declarations.py declares them
_MODELS = {m.model_fields["entity_type"].default: m for m in (Person, MilitaryUnit, Organization, EquipmentType, EquipmentItem, Place, Event, Document)}
ENTITY_MODELS: dict[str, type[EntityBase]] = {e.section: _MODELS[t] for t, e in ENTITIES.items()}


class EntityExtension(Model):
    """More names for an entity defined in another registry file.

    A new article prints its own spellings ("Maksim Kuzminov", "ГУР"); its registry file adds
    them here instead of editing the shared file that defines the entity."""

    id: Ref = Field(description="the id of an entity defined in any registry file")
    aliases: list[Name] = Field(default_factory=list, description="other names and spellings")
    transliterations: list[Name] = Field(default_factory=list, description="the name in other scripts or romanisations")


class _RegistryBase(Model):
    """One registry file: any of the sections, each a list of entities; `extend` adds names to
    entities defined elsewhere."""

    def entities(self):
        for section in ENTITY_MODELS:
            yield from getattr(self, section)


# the sections are the declared ones (schema/declarations.py), in their order, then `extend`
Registry = create_model(
    "Registry",
    __base__=_RegistryBase,
    __module__=__name__,
    **{section: (list[model], Field(default_factory=list)) for section, model in ENTITY_MODELS.items()},
    extend=(list[EntityExtension], Field(default_factory=list, description="more names for entities defined in other registry files")),
)
Registry.__doc__ = _RegistryBase.__doc__


# --------------------------------------------------------------------------- claims


class Money(Model):
    amount: Decimal
    currency: Currency


class Value(Model):
    """A claim's value: exactly one of entity, text, date, amount, or a min/max range.

    Figures keep their bound ("more than 18,000" is amount 18000, bound more_than) and their
    unit or currency. `equivalents` holds conversions the text itself prints
    ("90,000 roubles (£865, US$1090)"), which lets figures in other currencies be compared.
    """

    entity: Ref | None = None
    post: Slug | None = Field(None, description="with `entity`: an official post (minister, head, deputy, commander, spokesperson ...; `dkg vocab`) in that body")
    text: Text | None = None
    date: PartialDate | None = None
    amount: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    bound: Bound = Bound.exact
    unit: Unit | None = None
    currency: Currency | None = None
    equivalents: list[Money] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_kind(self) -> "Value":
        kinds = [k for k in ("entity", "text", "date", "amount") if getattr(self, k) is not None]
        ranged = self.min is not None or self.max is not None
        if ranged:
            kinds.append("min/max")
        if len(kinds) != 1:
            raise ValueError(
                "give exactly one of entity, text, date, amount or min+max"
                + (f" (found {', '.join(kinds)})" if kinds else "")
            )
        if ranged:
            if self.min is None or self.max is None:
                raise ValueError("a range needs both min and max")
            if self.min > self.max:
                raise ValueError(f"min {self.min} is greater than max {self.max}")
            if self.bound is not Bound.exact:
                raise ValueError("a min/max range takes no bound")
        if self.post is not None and self.entity is None:
            raise ValueError("a post needs the body it belongs to: `entity`")
        numeric = self.amount is not None or ranged
        if not numeric and (self.unit or self.currency or self.equivalents):
            raise ValueError("unit, currency and equivalents belong to figures (amount or min/max)")
        if not numeric and self.date is None and self.bound is not Bound.exact:
            raise ValueError("a bound belongs to a figure or a date (`date: 2024-02-13, bound: at_most` is on or before)")
        if self.unit and self.currency:
            raise ValueError("give a unit or a currency, not both")
        return self

    @property
    def kind(self) -> ValueKind:
        if self.post is not None:
            return ValueKind.post
        if self.entity is not None:
            return ValueKind.entity
        if self.text is not None:
            return ValueKind.text
        if self.date is not None:
            return ValueKind.date
        return ValueKind.quantity


class Grading(Model):
    """Admiralty-style grading of one appearance; optional, and always says who graded."""

    reliability: Literal["A", "B", "C", "D", "E", "F"] = Field(description="source reliability")
    credibility: Literal[1, 2, 3, 4, 5, 6] = Field(description="information credibility")
    graded_by: Name


class ClaimEntry(Model):
    """One claim as one document carries it.

    The proposition (subject, property, value, when, place, equipment, group) identifies the
    claim: the same proposition in two documents is one claim with two appearances. The rest
    (printed, speaker, cites, quote, remarks, hedges, grading) describes this appearance.
    """

    ref: Slug | None = Field(
        None, description="a handle for this claim that stances anywhere in data/ can point at (unique)"
    )
    # the proposition
    subject: Ref
    property: Slug
    value: Value
    when: PartialDate | None = Field(None, description="the time the claim is about, not when it was reported")
    place: Ref | None = Field(None, description="place qualifier")
    equipment: Ref | None = Field(None, description="equipment qualifier, e.g. what a reward is for")
    group: Name | None = Field(None, description="who or what a figure applies to, e.g. 'experienced air force officers'")
    part_of: ClaimRef | None = Field(None, description="this figure is a part of the total another claim gives (its `ref` or key): 6 shot down of 9 lost")
    status: Status | None = Field(None, description="accepted, disputed or deprecated; default accepted")
    status_reason: Text | None = None

    # this appearance
    printed: Text | None = Field(None, description="the value exactly as printed, e.g. 'more than 18,000'")
    when_printed: Name | None = Field(None, description="the time as printed, e.g. 'last September'")
    speaker: Ref | None = Field(None, description="who the document attributes the claim to")
    on_behalf_of: Ref | None = Field(None, description="organization the speaker speaks for")
    cites: list[Ref] = Field(default_factory=list, description="documents the claim is said to come from")
    quote: Text | None = Field(None, description="short verbatim quote from the document")
    remarks: Text | None = None
    hedges: list[Hedge] = Field(default_factory=list)
    grading: Grading | None = None
    proposed: bool = Field(False, description="written by `dkg new-source` and not yet reviewed; `dkg validate` warns until a curator removes it")

    @model_validator(mode="after")
    def _status_reason(self) -> "ClaimEntry":
        if self.status in (Status.disputed, Status.deprecated) and not self.status_reason:
            raise ValueError(f"status {self.status.value} needs a status_reason")
        return self


class StanceEntry(Model):
    """What this document says about a claim (its own, or one that another document carries).

    "a figure most analysts considered an underestimate" disputes Shoigu's figure; "Newsweek
    has been unable to verify the HUR claims" could not verify them. A stance has its own
    speaker, quote and origin, like an appearance; with no speaker it is the document's own
    voice. `on` is a claim's `ref` handle, or its full claim key as `dkg` prints it.
    """

    on: ClaimRef = Field(description="the claim: its `ref` handle, or its claim key (maxim-kuzminov--age--c95e55f3)")
    stance: StanceKind = Field(description="what it says of the claim: supports, confirms, disputes, refutes, corrects, ...")
    speaker: Ref | None = Field(None, description="who takes the stance; none: the document itself")
    on_behalf_of: Ref | None = Field(None, description="organization the speaker speaks for")
    cites: list[Ref] = Field(default_factory=list, description="documents the stance is said to come from")
    quote: Text | None = Field(None, description="short verbatim quote from the document")
    remarks: Text | None = Field(None, description="anything a reader needs to know, e.g. an inference and its reason")
    proposed: bool = Field(False, description="written by `dkg new-source` and not yet reviewed; `dkg validate` warns until a curator removes it")


class SourceFile(Model):
    """One curated source document, the claims it carries and its stances on claims."""

    document: Document
    claims: list[ClaimEntry] = Field(default_factory=list, description="the claims the document carries")
    stances: list[StanceEntry] = Field(
        default_factory=list, description="what the document says about claims, its own or other documents'"
    )


class TabularRow(Model):
    """One row of the bulk format (CSV or JSON lines): one appearance of one claim.

    Nested fields are flattened: value_entity, value_amount, value_min, value_unit ...; lists
    (cites, hedges) are separated by '|'. The document must exist in the registry or in a
    source file.
    """

    document: Ref
    subject: Ref
    property: Slug
    value_entity: Ref | None = None
    value_text: Text | None = None
    value_date: PartialDate | None = None
    value_amount: Decimal | None = None
    value_min: Decimal | None = None
    value_max: Decimal | None = None
    value_bound: Bound = Bound.exact
    value_unit: Unit | None = None
    value_currency: Currency | None = None
    when: PartialDate | None = None
    place: Ref | None = None
    equipment: Ref | None = None
    group: Name | None = None
    status: Status | None = None
    status_reason: Text | None = None
    printed: Text | None = None
    when_printed: Name | None = None
    speaker: Ref | None = None
    on_behalf_of: Ref | None = None
    cites: list[Ref] = Field(default_factory=list)
    quote: Text | None = None
    remarks: Text | None = None
    hedges: list[Hedge] = Field(default_factory=list)

    @staticmethod
    def prepare(raw: dict[str, Any]) -> dict[str, Any]:
        """Blank cells are absent; '|' separates list cells."""
        out: dict[str, Any] = {}
        for key, val in raw.items():
            if val is None or (isinstance(val, str) and val == ""):
                continue
            if key in ("cites", "hedges") and isinstance(val, str):
                val = [v for v in val.split("|") if v]
            out[key] = val
        return out

    def to_entry(self) -> ClaimEntry:
        # The row's fields are flat (strings, numbers, enums, lists of them), so its __dict__
        # holds what model_dump(exclude_none=True) would copy out, read once instead of twice
        # per row (measured: the two dumps were a sixth of to_entry at 100k rows). Value and
        # ClaimEntry still validate everything, cross-field rules included.
        value, rest = {}, {}
        for k, v in self.__dict__.items():
            if v is None or k == "document":
                continue
            if k.startswith("value_"):
                value[k[len("value_"):]] = v
            else:
                rest[k] = v
        if value.get("bound") == Bound.exact:
            value.pop("bound")
        return ClaimEntry(value=Value(**value), **rest)
