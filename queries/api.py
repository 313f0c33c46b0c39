"""The provenance questions as typed Python functions over any Store.

Each function runs bundled queries (queries/rq/*.rq) with the user's values bound as parameters
and returns pydantic models, so a notebook, the CLI and the HTTP endpoint get the same answers
from the embedded store or a remote one. Arguments a person types (a slug, a name, an alias, a
claim key) are resolved first; an unknown one raises NotFound with the closest matches.

Where SPARQL alone is awkward (interval comparison, tree building) the work is done here over
query results. Stores may return one row per named graph holding a triple (Oxigraph's union
default graph does), so results are de-duplicated here too.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..graph.results import Term
from ..graph.store import Store
from ..schema import iris
from ..schema.errors import NotFound
from ..schema.figures import Interval
from . import library, names

UNKNOWN = "unknown"


def _short(term: Term | None) -> str | None:
    if term is None:
        return None
    if term.type == "uri":
        if term.value == iris.UNKNOWN_ORIGIN:
            return UNKNOWN
        return iris.local_name(term.value)
    return term.value


def _text(row: dict, var: str) -> str | None:
    return _short(row.get(var))


def _list(row: dict, var: str) -> list[str]:
    raw = row.get(var)
    if raw is None or not raw.value:
        return []
    items = [UNKNOWN if v == iris.UNKNOWN_ORIGIN else iris.local_name(v) for v in raw.value.split(" ") if v]
    return sorted(set(items))


def _int(row: dict, var: str) -> int:
    t = row.get(var)
    return int(t.value) if t is not None else 0


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


# --------------------------------------------------------------------------- resolution


EntityType = Literal[
    "Claim", "Person", "MilitaryUnit", "Organization", "EquipmentType", "EquipmentItem", "Place", "Event", "Document", "Thing"
]


class Ref(Model):
    """Something a user named, resolved: its IRI, slug, label and class."""

    iri: str
    slug: str
    label: str | None = None
    type: str = "Thing"


def _lookup(store: Store, slug: str) -> Ref | None:
    rows = library.run(store, "lookup", {"slug": slug}).rows
    if not rows:
        return None
    types = {_text(r, "type") for r in rows} - {None}
    # most specific class first: a Document beats nothing, Claim beats all
    order = ["Claim", "Document", "Person", "MilitaryUnit", "Organization", "EquipmentItem", "EquipmentType", "Place", "Event"]
    kind = next((t for t in order if t in types), "Thing")
    label = next((_text(r, "label") for r in rows if "label" in r), None)
    return Ref(iri=rows[0]["node"].value, slug=slug, label=label, type=kind)


def _slug_of(text: str) -> str:
    text = text.strip()
    for prefix in ("id:claim/", "claim:", "id:"):
        if text.startswith(prefix):
            return text[len(prefix):]
    if text.startswith(iris.ID):
        return iris.local_name(text)
    return text


class NameRow(Model):
    iri: str
    slug: str
    name: str
    name_kind: str
    type: str


def entity_names(store: Store) -> list[NameRow]:
    rows = library.run(store, "entity_names").rows
    best: dict[tuple, NameRow] = {}
    for r in rows:
        key = (r["entity"].value, r["name"].value, r["nameKind"].value)
        kind = _text(r, "type") or "Thing"
        if key not in best or best[key].type in ("Thing", "Organization"):
            best[key] = NameRow(iri=key[0], slug=r["slug"].value, name=key[1], name_kind=key[2], type=kind)
    return sorted(best.values(), key=lambda n: (n.slug, n.name_kind, n.name))


def resolve_entity(store: Store, text: str, what: str = "entity") -> Ref:
    """A slug, a full or prefixed IRI, a name, an alias or a transliteration -> the entity."""
    ref = _lookup(store, _slug_of(text))
    if ref is not None and ref.type != "Claim":
        return ref
    rows = entity_names(store)
    key = names.fold(text)
    hits = {r.slug: r for r in rows if names.fold(r.name) == key}
    if len(hits) == 1:
        hit = next(iter(hits.values()))
        return _lookup(store, hit.slug) or Ref(iri=hit.iri, slug=hit.slug, label=hit.name, type=hit.type)
    if len(hits) > 1:
        raise NotFound(f"single {what} named", text, sorted(hits))
    candidates = sorted({r.slug for r in rows} | {r.name for r in rows})
    suggestions = []
    for c in names.closest(text, candidates, n=5):
        slug = c if any(r.slug == c for r in rows) else next(r.slug for r in rows if r.name == c)
        if slug not in suggestions:
            suggestions.append(slug)
    raise NotFound(what, text, suggestions[:3])


class ClaimRow(Model):
    iri: str
    slug: str
    label: str | None
    subject: str


def claim_index(store: Store) -> list[ClaimRow]:
    seen: dict[str, ClaimRow] = {}
    for r in library.run(store, "claim_keys").rows:
        seen.setdefault(
            r["claim"].value,
            ClaimRow(iri=r["claim"].value, slug=r["slug"].value, label=_text(r, "label"), subject=_text(r, "subject")),
        )
    return list(seen.values())


def resolve_claim(store: Store, text: str) -> Ref:
    ref = _lookup(store, _slug_of(text))
    if ref is not None and ref.type == "Claim":
        return ref
    keys = [c.slug for c in claim_index(store)]
    raise NotFound("claim", text, names.closest(_slug_of(text), keys, n=3))


# --------------------------------------------------------------------------- who reported what


class Reported(Model):
    how: Literal["published", "cited"]
    document: str = Field(description="the outlet's or named document")
    document_title: str | None = None
    carrier: str = Field(description="the document the appearance is in")
    issued: str | None = None
    claim: str
    claim_label: str | None = None
    speaker: str | None = None
    printed: str | None = None
    when_printed: str | None = None
    quote: str | None = None


class ReportedBy(Model):
    source: Ref
    items: list[Reported]


def reported_by(store: Store, outlet_or_document: str) -> ReportedBy:
    source = resolve_entity(store, outlet_or_document, "outlet or document")
    rows = library.run(store, "reported_by", {"source": Term.uri(source.iri)}).rows
    items = {}
    for r in rows:
        item = Reported(
            how=r["how"].value,
            document=_text(r, "document"),
            document_title=_text(r, "docTitle"),
            carrier=_text(r, "carrier"),
            issued=_text(r, "issued"),
            claim=_text(r, "claim"),
            claim_label=_text(r, "claimLabel"),
            speaker=_text(r, "speaker"),
            printed=_text(r, "printed"),
            when_printed=_text(r, "whenPrinted"),
            quote=_text(r, "quote"),
        )
        items[(r["how"].value, r["appearance"].value, item.document)] = item
    # an appearance both published in and citing the same source is listed once, as published
    published = {k[1] for k in items if k[0] == "published"}
    out = [v for k, v in items.items() if k[0] == "published" or k[1] not in published]
    out.sort(key=lambda i: (i.how != "published", i.carrier, i.claim, i.quote or ""))
    return ReportedBy(source=source, items=out)


class Source(Model):
    """One appearance of a claim: where, by whom, how printed, what it cites, its origin."""

    appearance: str
    document: str
    document_title: str | None = None
    outlet: str | None = None
    issued: str | None = None
    speaker: str | None = None
    on_behalf_of: str | None = None
    printed: str | None = None
    when_printed: str | None = None
    quote: str | None = None
    remark: str | None = None
    cites: list[str] = []
    origins: list[str] = []
    hedges: list[str] = []


class Sources(Model):
    claim: Ref
    sources: list[Source]


def _sources(store: Store, claim_iri: str) -> list[Source]:
    rows = library.run(store, "sources", {"claim": Term.uri(claim_iri)}).rows
    out = {}
    for r in rows:
        out[r["appearance"].value] = Source(
            appearance=_text(r, "appearance"),
            document=_text(r, "document"),
            document_title=_text(r, "docTitle"),
            outlet=_text(r, "outlet"),
            issued=_text(r, "issued"),
            speaker=_text(r, "speaker"),
            on_behalf_of=_text(r, "onBehalfOf"),
            printed=_text(r, "printed"),
            when_printed=_text(r, "whenPrinted"),
            quote=_text(r, "quote"),
            remark=_text(r, "remark"),
            cites=_list(r, "cites"),
            origins=_list(r, "origins"),
            hedges=_list(r, "hedges"),
        )
    return sorted(out.values(), key=lambda s: (s.document, s.appearance))


def sources(store: Store, claim: str) -> Sources:
    ref = resolve_claim(store, claim)
    return Sources(claim=ref, sources=_sources(store, ref.iri))


# --------------------------------------------------------------------------- provenance


class DocumentNode(Model):
    document: str
    title: str | None = None
    kind: str | None = None
    issued_by: str | None = None
    outlet: str | None = None
    relation: Literal["cites", "rereports", "derived_from"] = "cites"
    upstream: list["DocumentNode"] = []


class AppearanceNode(Model):
    source: Source
    cited: list[DocumentNode] = []


class ClaimProvenance(Model):
    claim: Ref
    appearances: list[AppearanceNode]
    origins: list[str] = Field(description="distinct known origins")
    unknown_appearances: int = Field(description="appearances with no known origin")


class Provenance(Model):
    query: str
    matched: Ref | None = Field(None, description="the entity or claim the query resolved to; None for a text search")
    claims: list[ClaimProvenance]


def claim_provenance(store: Store, claim: Ref) -> ClaimProvenance:
    srcs = _sources(store, claim.iri)
    edges: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for r in library.run(store, "citation_chain", {"claim": Term.uri(claim.iri)}).rows:
        info = {
            "title": _text(r, "toTitle"),
            "kind": _text(r, "toKind"),
            "issued_by": _text(r, "issuedBy"),
            "outlet": _text(r, "outlet"),
            "rereports": "rereports" in r,
        }
        pair = (r["to"].value, info)
        if pair not in edges[r["from"].value]:
            edges[r["from"].value].append(pair)

    def build(node_iri: str, seen: frozenset[str], from_appearance: bool) -> list[DocumentNode]:
        out = []
        for to, info in sorted(edges.get(node_iri, []), key=lambda e: e[0]):
            if to in seen:
                continue
            relation = "rereports" if info["rereports"] else ("cites" if from_appearance else "derived_from")
            out.append(
                DocumentNode(
                    document=iris.local_name(to),
                    title=info["title"],
                    kind=info["kind"],
                    issued_by=info["issued_by"],
                    outlet=info["outlet"],
                    relation=relation,
                    upstream=build(to, seen | {to}, False),
                )
            )
        return out

    apps = [AppearanceNode(source=s, cited=build(iris.ID + "appearance/" + s.appearance.split("appearance/", 1)[-1], frozenset(), True)) for s in srcs]
    known = sorted({o for s in srcs for o in s.origins if o != UNKNOWN})
    unknown = sum(1 for s in srcs if UNKNOWN in s.origins)
    return ClaimProvenance(claim=claim, appearances=apps, origins=known, unknown_appearances=unknown)


def provenance(store: Store, claim_or_entity_or_text: str) -> Provenance:
    """A claim key -> that claim; an entity -> every claim about it or naming it as value or
    qualifier; else the claims whose label contains the text."""
    text = claim_or_entity_or_text
    ref = _lookup(store, _slug_of(text))
    if ref is not None and ref.type == "Claim":
        return Provenance(query=text, matched=ref, claims=[claim_provenance(store, ref)])
    try:
        entity = resolve_entity(store, text)
    except NotFound as not_entity:
        key = names.plain(text)
        index = claim_index(store)
        hits = [c for c in index if key and key in names.plain(c.label or "")]
        if not hits:
            raise NotFound("claim, entity or claim text", text, not_entity.suggestions) from None
        claims = [Ref(iri=c.iri, slug=c.slug, label=c.label, type="Claim") for c in sorted(hits, key=lambda c: c.slug)]
        return Provenance(query=text, matched=None, claims=[claim_provenance(store, c) for c in claims])
    prof = profile(store, entity.slug)
    seen: dict[str, Ref] = {}
    for key, label in [(p.claim, p.claim_label) for p in prof.about] + [(m.claim, m.claim_label) for m in prof.mentioned_in]:
        seen.setdefault(key, Ref(iri=iris.claim(key), slug=key, label=label, type="Claim"))
    claims = list(seen.values())
    return Provenance(query=text, matched=entity, claims=[claim_provenance(store, c) for c in claims])


# --------------------------------------------------------------------------- corroboration


class Corroboration(Model):
    claim: str
    claim_label: str | None = None
    appearances: int
    origins: int = Field(description="distinct known origins: independent sources")
    unknown_appearances: int = Field(description="appearances with no known origin; never counted as independent")
    origin_list: list[str] = []


def corroboration(store: Store) -> list[Corroboration]:
    rows = library.run(store, "corroboration").rows
    out = [
        Corroboration(
            claim=_text(r, "claim"),
            claim_label=_text(r, "claimLabel"),
            appearances=_int(r, "appearances"),
            origins=_int(r, "origins"),
            unknown_appearances=_int(r, "unknownAppearances"),
            origin_list=_list(r, "originList"),
        )
        for r in rows
    ]
    # The query orders by the counts only: Oxigraph sorts strings by reading each from disk,
    # which tripled the query's time at 100k claims. Ties are ordered here.
    return sorted(out, key=lambda c: (-c.origins, -c.appearances, c.claim))


class SingleOrigin(Model):
    claim: str
    claim_label: str | None = None
    origin: str
    origin_label: str | None = None
    appearances: int
    unknown_appearances: int


def single_origin(store: Store, origin: str | None = None) -> list[SingleOrigin]:
    """Claims resting on exactly one known origin; with `origin`, only those resting on it."""
    wanted = resolve_entity(store, origin, "origin").slug if origin else None
    rows = library.run(store, "single_origin").rows
    out = [
        SingleOrigin(
            claim=_text(r, "claim"),
            claim_label=_text(r, "claimLabel"),
            origin=_text(r, "origin"),
            origin_label=_text(r, "originLabel"),
            appearances=_int(r, "appearances"),
            unknown_appearances=_int(r, "unknownAppearances"),
        )
        for r in rows
    ]
    return sorted((s for s in out if wanted is None or s.origin == wanted), key=lambda s: (s.origin, s.claim))


# --------------------------------------------------------------------------- contradictions

# Properties where one subject has one value at a time (with the same qualifiers): two different
# entity, text or date values cannot both hold. Figures are compared for every property, since
# two figures with the same subject, property, qualifiers and unit describe the same quantity.
FUNCTIONAL = frozenset({"age", "rank", "date", "place", "nationality", "population"})


class Figure(Model):
    low: Decimal | None = None
    high: Decimal | None = None
    low_open: bool = False
    high_open: bool = False
    measure: str | None = Field(None, description="unit or currency code")
    is_currency: bool = False
    label: str | None = None
    equivalents: list["Figure"] = []

    def interval(self) -> Interval:
        return Interval(self.low, self.high, self.low_open, self.high_open)


class ClaimValue(Model):
    claim: str
    claim_label: str | None = None
    subject: str
    property: str
    when: str | None = None
    place: str | None = None
    equipment: str | None = None
    group: str | None = None
    status: str | None = None
    value: str = Field(description="entity slug, text or date; for figures their reading")
    kind: Literal["entity", "text", "date", "figure"]
    figure: Figure | None = None


class Side(Model):
    claim: str
    claim_label: str | None = None
    value: str
    sources: list[Source]


class Contradiction(Model):
    verdict: Literal["contradiction", "not comparable"]
    subject: str
    property: str
    qualifiers: dict[str, str]
    reason: str
    a: Side
    b: Side


def _dec(t: Term | None) -> Decimal | None:
    if t is None:
        return None
    try:
        return Decimal(t.value)
    except InvalidOperation:
        return None


def claim_values(store: Store) -> list[ClaimValue]:
    equivalents: dict[str, list[Figure]] = defaultdict(list)
    for r in library.run(store, "figure_equivalents").rows:
        fig = Figure(
            low=_dec(r.get("lower")),
            high=_dec(r.get("upper")),
            measure=_text(r, "currency") or _text(r, "unit"),
            is_currency="currency" in r,
        )
        if fig not in equivalents[r["figure"].value]:
            equivalents[r["figure"].value].append(fig)
    out: dict[str, ClaimValue] = {}
    for r in library.run(store, "claim_values").rows:
        value = r["value"]
        figure = None
        if "figureLabel" in r or "lower" in r or "upper" in r:
            bound = _text(r, "bound")
            figure = Figure(
                low=_dec(r.get("lower")),
                high=_dec(r.get("upper")),
                low_open=bound == "more_than",
                high_open=bound == "less_than",
                measure=_text(r, "currency") or _text(r, "unit"),
                is_currency="currency" in r,
                label=_text(r, "figureLabel"),
                equivalents=equivalents.get(value.value, []),
            )
            kind, shown = "figure", _text(r, "figureLabel") or value.value
        elif value.type == "uri":
            kind, shown = "entity", _short(value)
        elif value.datatype and value.datatype.startswith(iris.PREFIXES["xsd"] + "gYear") or (
            value.datatype == iris.PREFIXES["xsd"] + "date"
        ):
            kind, shown = "date", value.value
        else:
            kind, shown = "text", value.value
        out[r["claim"].value] = ClaimValue(
            claim=_text(r, "claim"),
            claim_label=_text(r, "claimLabel"),
            subject=_text(r, "subject"),
            property=_text(r, "property"),
            when=_text(r, "when"),
            place=_text(r, "place"),
            equipment=_text(r, "equipment"),
            group=_text(r, "group"),
            status=_text(r, "status"),
            value=shown,
            kind=kind,
            figure=figure,
        )
    return sorted(out.values(), key=lambda c: c.claim)


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def compare_figures(a: Figure, b: Figure) -> tuple[str, str]:
    """('agree' | 'contradiction' | 'not comparable', reason)."""

    def judge(x: Figure, y: Figure, how: str) -> tuple[str, str]:
        if x.interval().meets(y.interval()):
            return "agree", f"the ranges meet{how}"
        return "contradiction", f"the ranges do not meet{how}"

    if a.measure == b.measure and a.is_currency == b.is_currency:
        return judge(a, b, "")
    if a.is_currency and b.is_currency:
        for eq in a.equivalents:
            if eq.measure == b.measure:
                return judge(eq.model_copy(update={"low_open": a.low_open, "high_open": a.high_open}), b, f" (via the printed {eq.measure} equivalent)")
        for eq in b.equivalents:
            if eq.measure == a.measure:
                return judge(a, eq.model_copy(update={"low_open": b.low_open, "high_open": b.high_open}), f" (via the printed {eq.measure} equivalent)")
        for ea in a.equivalents:
            for eb in b.equivalents:
                if ea.measure == eb.measure:
                    return judge(ea, eb, f" (via printed {ea.measure} equivalents)")
        return "not comparable", f"{a.measure} and {b.measure} with no printed equivalent; no exchange rate is assumed"
    return "not comparable", f"different units: {a.measure or 'none'} and {b.measure or 'none'}"


def _dates_agree(x: str, y: str) -> bool:
    """Partial dates agree when one refines the other: 2022-02 and 2022-02-24."""
    return x.startswith(y) or y.startswith(x)


def judge_pair(a: ClaimValue, b: ClaimValue) -> tuple[str, str] | None:
    """The verdict on two claims with the same subject, property and qualifiers; None: not compared."""
    if a.kind == "figure" and b.kind == "figure":
        return compare_figures(a.figure, b.figure)
    if a.kind != b.kind or _snake(a.property) not in FUNCTIONAL:
        return None
    if a.kind == "date":
        return ("agree", "one date refines the other") if _dates_agree(a.value, b.value) else ("contradiction", "different dates")
    if names.plain(a.value) == names.plain(b.value):
        return "agree", "same value"
    return "contradiction", f"{_snake(a.property)} has one value at a time, and these differ"


def contradictions(store: Store, include_not_comparable: bool = True) -> list[Contradiction]:
    groups: dict[tuple, list[ClaimValue]] = defaultdict(list)
    for c in claim_values(store):
        groups[(c.subject, c.property, c.when, c.place, c.equipment, c.group)].append(c)
    found = []
    for (subject, prop, when, place, equipment, group), claims in sorted(groups.items(), key=lambda kv: tuple(x or "" for x in kv[0])):
        for a, b in combinations(claims, 2):
            verdict = judge_pair(a, b)
            if verdict is None or verdict[0] == "agree":
                continue
            if verdict[0] == "not comparable" and not include_not_comparable:
                continue
            quals = {k: v for k, v in (("when", when), ("place", place), ("equipment", equipment), ("group", group)) if v}
            found.append(
                Contradiction(
                    verdict=verdict[0],
                    subject=subject,
                    property=_snake(prop),
                    qualifiers=quals,
                    reason=verdict[1],
                    a=Side(claim=a.claim, claim_label=a.claim_label, value=a.value, sources=_sources(store, iris.claim(a.claim))),
                    b=Side(claim=b.claim, claim_label=b.claim_label, value=b.value, sources=_sources(store, iris.claim(b.claim))),
                )
            )
    return found


# --------------------------------------------------------------------------- profile and timeline


class ProfileClaim(Model):
    property: str
    claim: str
    claim_label: str | None = None
    value: str
    qualifiers: dict[str, str] = {}
    status: str | None = None
    appearances: int
    origins: int
    documents: list[str]


class Mention(Model):
    role: str
    claim: str
    claim_label: str | None = None
    subject: str
    property: str


class Profile(Model):
    entity: Ref
    about: list[ProfileClaim]
    mentioned_in: list[Mention]

    def by_property(self) -> dict[str, list[ProfileClaim]]:
        out: dict[str, list[ProfileClaim]] = {}
        for c in self.about:
            out.setdefault(c.property, []).append(c)
        return out


def profile(store: Store, entity: str) -> Profile:
    ref = resolve_entity(store, entity)
    iri = Term.uri(ref.iri)
    about: dict[str, ProfileClaim] = {}
    for r in library.run(store, "claims_about", {"entity": iri}).rows:
        value = r["value"]
        label = _text(r, "valueLabel")
        if value.type != "uri":
            shown = value.value
        elif value.value.startswith(iris.ID + "figure/"):
            shown = label or _short(value)
        else:
            shown = f"{label} ({_short(value)})" if label else _short(value)
        about[r["claim"].value] = ProfileClaim(
            property=_snake(_text(r, "property")),
            claim=_text(r, "claim"),
            claim_label=_text(r, "claimLabel"),
            value=shown or _short(value),
            qualifiers={k: _text(r, k) for k in ("when", "place", "equipment", "group") if k in r},
            status=_text(r, "status"),
            appearances=_int(r, "appearances"),
            origins=_int(r, "origins"),
            documents=_list(r, "documentList"),
        )
    mentions = {}
    for r in library.run(store, "claims_mentioning", {"entity": iri}).rows:
        m = Mention(
            role=r["role"].value,
            claim=_text(r, "claim"),
            claim_label=_text(r, "claimLabel"),
            subject=_text(r, "subject"),
            property=_snake(_text(r, "property")),
        )
        mentions[(m.claim, m.role)] = m
    return Profile(
        entity=ref,
        about=sorted(about.values(), key=lambda c: (c.property, c.claim)),
        mentioned_in=sorted(mentions.values(), key=lambda m: (m.property, m.claim)),
    )


class TimelineEntry(Model):
    date: str | None = Field(None, description="as claimed: YYYY, YYYY-MM or YYYY-MM-DD; None when undated")
    event: str | None = None
    event_label: str | None = None
    how: str = Field(description="participant, organizedBy, self (the entity is the event) or when (a dated claim)")
    claim: str | None = None
    claim_label: str | None = None


class Timeline(Model):
    entity: Ref
    entries: list[TimelineEntry]


def timeline(store: Store, entity: str) -> Timeline:
    ref = resolve_entity(store, entity)
    entries = {}
    for r in library.run(store, "timeline", {"entity": Term.uri(ref.iri)}).rows:
        e = TimelineEntry(
            date=_text(r, "date"),
            event=_text(r, "event"),
            event_label=_text(r, "eventLabel"),
            how=r["how"].value,
            claim=_text(r, "claim"),
            claim_label=_text(r, "claimLabel"),
        )
        entries[(e.date, e.event, e.how, e.claim, e.claim_label)] = e
    # an event reached through several claims is listed once per date
    order = sorted(entries.values(), key=lambda e: (e.date is None, e.date or "", e.event or "", e.how, e.claim or ""))
    return Timeline(entity=ref, entries=order)


# --------------------------------------------------------------------------- hedged claims and find

DEFAULT_HEDGES = ("unverified", "party_to_conflict")


class Hedged(Model):
    claim: str
    claim_label: str | None = None
    document: str
    speaker: str | None = None
    hedges: list[str]
    quote: str | None = None
    remark: str | None = None


def unverified(store: Store, hedges: tuple[str, ...] | list[str] = DEFAULT_HEDGES) -> list[Hedged]:
    wanted = set(hedges)
    out = {}
    for r in library.run(store, "hedged").rows:
        found = _list(r, "hedges")
        if wanted & set(found):
            out[r["appearance"].value] = Hedged(
                claim=_text(r, "claim"),
                claim_label=_text(r, "claimLabel"),
                document=_text(r, "document"),
                speaker=_text(r, "speaker"),
                hedges=found,
                quote=_text(r, "quote"),
                remark=_text(r, "remark"),
            )
    return sorted(out.values(), key=lambda h: (h.document, h.claim, h.quote or ""))


class Hit(Model):
    slug: str
    label: str
    type: str
    matched: str = Field(description="the name, alias or transliteration that matched")
    score: float


def find(store: Store, text: str, limit: int = 10, threshold: float = 0.7) -> list[Hit]:
    """Entities by name, alias, transliteration or slug, forgiving case, accents and romanisation."""
    best: dict[str, Hit] = {}
    labels = {}
    for row in entity_names(store):
        if row.name_kind == "name":
            labels[row.slug] = row.name
    for row in entity_names(store):
        by_name, by_slug = names.score(text, row.name), names.score(text, row.slug.replace("-", " "))
        s, matched = (by_name, row.name) if by_name >= by_slug else (by_slug, row.slug)
        if s >= threshold and (row.slug not in best or s > best[row.slug].score):
            best[row.slug] = Hit(slug=row.slug, label=labels.get(row.slug, row.name), type=row.type, matched=matched, score=s)
    return sorted(best.values(), key=lambda h: (-h.score, h.slug))[:limit]
