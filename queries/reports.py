"""The provenance questions a journalist asks, as typed answers over any Store.

Who reported what (`reported_by`), what a speaker said and who repeated it (`said_by`), where a
claim appears (`sources`) and where it comes from (`provenance`), how many independent origins
it has (`corroboration`, `single_origin`), everything about someone (`profile`, `timeline`),
what outlets could not verify (`unverified`), and one document as a whole (`document`).

Each runs bundled queries (queries/rq/*.rq) with the user's values bound, and maps rows to
models with rows.from_row. Stores may return one row per named graph holding a triple
(Oxigraph's union default graph does), so results are de-duplicated here too.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal, TypeVar

from pydantic import Field

from ..graph.results import Term
from ..graph.store import Store
from ..schema import iris
from ..schema.errors import NotFound
from . import library, listings
from .disagreements import Side, Stance, of_claims, stances
from .resolve import Ref, claim_index, entity_names, lookup, resolve_claim, resolve_document, resolve_entity, slug_of
from .rows import UNKNOWN, Model, from_row, short, short_list

T = TypeVar("T")
from .search import search_claims


def labels(store: Store) -> dict[str, str]:
    """slug -> name, for printing names rather than slugs."""
    return {r.slug: r.name for r in entity_names(store) if r.name_kind == "name"}


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


# --------------------------------------------------------------------------- who reported what


def appearance_hedges(store: Store, appearances: list[str]) -> dict[str, list[str]]:
    """appearance IRI -> its hedges (sorted), one query per batch of 200 appearances."""
    found: dict[str, set[str]] = defaultdict(set)
    for i in range(0, len(appearances), 200):
        chunk = [Term.uri(a) for a in appearances[i:i + 200]]
        for r in library.run(store, "appearance_hedges", {"appearance": chunk}).rows:
            found[r["appearance"].value].add(short(r["hedge"]))
    return {a: sorted(h) for a, h in found.items()}


class Reported(Model):
    """One appearance an outlet or document carries: in it (published), or in another document
    that cites it (cited)."""

    VARS = {"document_title": "docTitle"}
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
    hedges: list[str] = Field(default=[], description="how the document hedges it: unverified, party_to_conflict ...")


class ReportedBy(Model):
    """Everything an outlet or document carries, published first."""

    source: Ref
    items: list[Reported] = Field(description="every appearance, or the page of them asked for")
    published_total: int = Field(0, description="appearances in the source itself")
    cited_total: int = Field(0, description="appearances elsewhere that cite it, upstream too")

    @property
    def total(self) -> int:
        """Appearances it carries in all, published and citing (whatever page `items` is)."""
        return self.published_total + self.cited_total


def _listed(store: Store, report: str, sections: list[str], offset: int, limit: int | None) -> tuple[list[Term], int, int]:
    """(the rows the build listed on the pages holding rows offset .. offset+limit of these
    sections, read as one listing; its size; rows of the first page before `offset`)."""
    pages, size, skip = listings.pages_of(store, report, sections, offset, limit)
    if not pages:
        return [], size, 0
    return [r["row"] for r in library.run(store, "listing_rows", {"page": pages}).rows], size, skip


def _rows(store: Store, name: str, bindings: dict) -> list:
    """A bundled question's rows with a variable it leaves optional by design (?appearance bound
    to a page of them, ?carrier to the biggest repeaters) bound or left unbound; library.run
    binds every declared parameter."""
    return store.query(library.load(name).text, bindings=bindings).rows


def _page_of(keyed: list[tuple[str, T]], skip: int, limit: int | None) -> list[T]:
    """The items of the appearances skip .. skip+limit, in the order given (an appearance may
    give several items: one per document of the source it cites)."""
    order = list(dict.fromkeys(a for a, _ in keyed))
    wanted = set(order[skip:] if limit is None else order[skip:skip + limit])
    return [item for a, item in keyed if a in wanted]


def reported_by(store: Store, outlet_or_document: str, limit: int | None = None, offset: int = 0) -> ReportedBy:
    """Every appearance an outlet or document carries or is cited by; with `limit`, the
    appearances offset .. offset+limit of those (published first), read from the build's
    listing for this source (loaders/listings.py) so a page costs the same however much it carries."""
    source = resolve_entity(store, outlet_or_document, "outlet or document")
    bind: dict = {"source": Term.uri(source.iri)}
    sections = [f"published/{source.slug}", f"cited/{source.slug}"]
    paged = limit is not None or offset > 0
    skip = 0
    if paged:
        rows, _size, skip = _listed(store, "reported-by", sections, offset, limit)
        bind["appearance"] = rows
    items = {}
    for r in _rows(store, "reported_by", bind) if not paged or bind["appearance"] else []:
        item = from_row(Reported, r)
        items[(r["how"].value, r["appearance"].value, item.document)] = item
    hedges = appearance_hedges(store, sorted({k[1] for k in items}))
    items = {k: v.model_copy(update={"hedges": hedges.get(k[1], [])}) for k, v in items.items()}
    # an appearance both published in and citing the same source is listed once, as published
    published = {k[1] for k in items if k[0] == "published"}
    keyed = [(k[1], v) for k, v in items.items() if k[0] == "published" or k[1] not in published]
    keyed.sort(key=lambda kv: (kv[1].how != "published", kv[1].carrier, kv[1].claim, kv[1].quote or ""))
    if not paged:
        return ReportedBy(source=source, items=[v for _a, v in keyed], published_total=len({a for a, v in keyed if v.how == "published"}),
                          cited_total=len({a for a, v in keyed if v.how == "cited"}))
    return ReportedBy(
        source=source,
        items=_page_of(keyed, skip, limit),
        published_total=listings.total(store, "reported-by", sections[0]),
        cited_total=listings.total(store, "reported-by", sections[1]),
    )


class Said(Model):
    """One appearance of something an agent said, and the document that carries it."""

    VARS = {"document_title": "docTitle"}
    how: Literal["said", "spokesperson", "cited", "own voice"] = Field(
        description="said: the agent speaks; spokesperson: someone speaks on its behalf; "
        "cited: the appearance cites a document the agent issued; own voice: the outlet's own document says it"
    )
    claim: str
    claim_label: str | None = None
    document: str
    document_title: str | None = None
    outlet: str | None = None
    outlet_label: str | None = None
    issued: str | None = None
    speaker: str | None = None
    speaker_label: str | None = None
    on_behalf_of: str | None = None
    printed: str | None = None
    quote: str | None = None
    stance: str | None = Field(None, description="for a stance the agent took on the claim: its kind (cito:disputes ...)")
    hedges: list[str] = Field(default=[], description="how the document hedges it: unverified, party_to_conflict ...")


class Repeater(Model):
    """A document, or the outlet it names, that carried the agent's words, with how often."""

    outlet: str | None = Field(None, description="the outlet; None for a document that names none")
    label: str
    documents: list[str]
    appearances: int
    claims: int


class SaidBy(Model):
    """Everything an agent said, and who repeated it."""

    agent: Ref
    items: list[Said] = Field(description="every appearance, or the page of them asked for")
    repeaters: list[Repeater] = Field(description="per outlet (or document naming no outlet), most appearances first")
    total: int = Field(0, description="appearances and stances in all")

    @property
    def claims(self) -> int:
        """Distinct claims in all (the repeaters count each outlet's; a claim two outlets carry is one)."""
        return self.claim_total if self.claim_total is not None else len({i.claim for i in self.items})

    claim_total: int | None = Field(None, description="distinct claims in all, when `items` is a page")
    repeater_total: int = Field(0, description="outlets or documents that carried it in all (`repeaters` may be the biggest of them)")


def said_by(store: Store, agent: str, limit: int | None = None, offset: int = 0, most: int | None = None) -> SaidBy:
    """Everything a person, agency or outlet said, on its own behalf or through a spokesperson,
    and every document that repeated it, with counts per repeating outlet. With `limit`, the
    appearances offset .. offset+limit of them, read from the build's listing of this agent
    (loaders/listings.py), so a page costs the same however much the agent said; with `most`
    too, only the `most` repeaters that carried the most (`repeater_total` says how many)."""
    ref = resolve_entity(store, agent, "person, agency or outlet")
    section = f"agent/{ref.slug}"
    bind: dict = {"agent": Term.uri(ref.iri)}
    paged = limit is not None or offset > 0
    skip = 0
    if paged:
        rows, total, skip = _listed(store, "said-by", [section], offset, limit)
        bind["appearance"] = rows
    items: dict[str, Said] = {}
    rank = {"said": 0, "spokesperson": 1, "own voice": 2, "cited": 3}
    for r in _rows(store, "said_by", bind) if not paged or bind["appearance"] else []:
        said = from_row(Said, r)
        known = items.get(r["appearance"].value)
        if known is None or rank[said.how] < rank[known.how]:
            items[r["appearance"].value] = said
    hedges = appearance_hedges(store, sorted(items))
    items = {k: v.model_copy(update={"hedges": hedges.get(k, [])}) for k, v in items.items()}
    ordered = sorted(items.values(), key=lambda s: (s.document, s.claim_label or s.claim, s.quote or ""))
    if paged:
        repeaters, claims, count = _stored_repeaters(store, section, most)
        page = ordered[skip:] if limit is None else ordered[skip:skip + limit]
        return SaidBy(agent=ref, items=page, repeaters=repeaters, total=total, claim_total=claims, repeater_total=count)
    groups: dict[str | None, list[Said]] = defaultdict(list)
    for s in ordered:
        groups[s.outlet or f"doc:{s.document}"].append(s)
    repeaters = []
    for key, said in groups.items():
        first = said[0]
        is_outlet = not key.startswith("doc:")
        repeaters.append(
            Repeater(
                outlet=first.outlet if is_outlet else None,
                label=(first.outlet_label or first.outlet) if is_outlet else (first.document_title or first.document),
                documents=sorted({s.document for s in said}),
                appearances=len(said),
                claims=len({s.claim for s in said}),
            )
        )
    repeaters.sort(key=lambda r: (-r.appearances, r.label))
    return SaidBy(agent=ref, items=ordered, repeaters=repeaters, total=len(ordered), repeater_total=len(repeaters))


def _stored_repeaters(store: Store, section: str, most: int | None = None) -> tuple[list[Repeater], int, int]:
    """(the repeaters of an agent's said-by listing, distinct claims in it, how many repeaters
    in all), as the build counted them (loaders/listings.py): one node per outlet, however much
    the agent said. With `most`, only the `most` that carried the most rows (ties by IRI): at 1M
    claims a ministry has 2,997 repeaters and 24,791 (repeater, document) pairs, 1.6 s to read
    whole and 50 s more to name them all, where the top 20 take 0.04 s."""
    listing = Term.uri(iris.listing("said-by", section))
    bind: dict = {"listing": listing}
    count = None
    if most is not None:
        carriers = store.query(library.load("said_by_carriers").text + f"\nLIMIT {int(most)}", bindings={"listing": listing}).rows
        count = int(carriers[0]["carriers"].value) if carriers else 0
        bind["carrier"] = [r["carrier"] for r in carriers]
    out = []
    for r in _rows(store, "said_by_repeaters", bind):  # an empty ?carrier list matches nothing
        outlet = short(r.get("outletOf"))
        out.append(Repeater(outlet=outlet, label=r["byLabel"].value, documents=short_list(r.get("documentList")),
                            appearances=int(r["appearances"].value), claims=int(r["claims"].value)))
    out.sort(key=lambda r: (-r.appearances, r.label))
    claims = library.run(store, "said_by_claims", {"listing": listing}).rows
    return out, int(claims[0]["claims"].value) if claims else 0, len(out) if count is None else count


class Source(Model):
    """One appearance of a claim: where, by whom, how printed, what it cites, its origin."""

    VARS = {"document_title": "docTitle"}
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
    """A claim and every appearance of it."""

    claim: Ref
    sources: list[Source]


def claim_sources(store: Store, claim_iri: str) -> list[Source]:
    """The appearances of one claim (by IRI), by document."""
    return claims_sources(store, [claim_iri])[claim_iri]


_BATCH = 200  # claims bound in one query


def claims_sources(store: Store, claim_iris: list[str]) -> dict[str, list[Source]]:
    """claim IRI -> its appearances, for many claims in one query per batch."""
    found: dict[str, dict[str, Source]] = {c: {} for c in claim_iris}
    for i in range(0, len(claim_iris), _BATCH):
        chunk = [Term.uri(c) for c in claim_iris[i:i + _BATCH]]
        for r in library.run(store, "sources", {"claim": chunk}).rows:
            found.setdefault(r["claim"].value, {})[r["appearance"].value] = from_row(Source, r)
    return {c: sorted(apps.values(), key=lambda s: (s.document, s.appearance)) for c, apps in found.items()}


def sources(store: Store, claim: str) -> Sources:
    """The documents that carry a claim (a key, its unique start or its words), one row per
    appearance."""
    ref = resolve_claim(store, claim)
    return Sources(claim=ref, sources=claim_sources(store, ref.iri))


# --------------------------------------------------------------------------- documents


class DocumentClaim(Model):
    """A claim as one document carries it, with how the graph as a whole judges it."""

    claim: str
    claim_label: str | None = None
    speaker: str | None = None
    speaker_label: str | None = None
    on_behalf_of: str | None = None
    printed: str | None = None
    quote: str | None = None
    remark: str | None = None
    cites: list[str] = []
    hedges: list[str] = []
    status: str | None = None
    standing: str | None = Field(None, description="e.g. Contested, where the build records a standing")
    origin_count: int = Field(0, description="independent known origins across the graph")

    @property
    def single_origin(self) -> bool:
        """Whether the claim rests on one known origin alone across the graph."""
        return self.origin_count == 1


class DocumentView(Model):
    """One document as a whole: its masthead (title, outlet, bylines, issuers, what it re-reports
    and cites, whom it quotes) and the claims it carries."""

    document: Ref
    title: str | None = None
    kind: str | None = None
    outlet: str | None = None
    outlet_label: str | None = None
    issued: str | None = None
    file: str | None = None
    authors: list[str] = Field(default=[], description="bylines, as names")
    editors: list[str] = []
    issued_by: list[str] = []
    rereports: list[str] = Field(default=[], description="documents it re-reports as a whole")
    derived_from: list[str] = Field(default=[], description="other documents it draws on")
    cites: list[str] = Field(default=[], description="documents its claims cite")
    speakers: list[str] = Field(default=[], description="whom it quotes or reports speaking")
    claims: list[DocumentClaim] = []

    @property
    def hedged(self) -> list[DocumentClaim]:
        """The document's claims it hedges."""
        return [c for c in self.claims if c.hedges]

    @property
    def contested(self) -> list[DocumentClaim]:
        """The document's claims that are contested or disputed."""
        return [c for c in self.claims if c.standing == "Contested" or c.status == "Disputed"]

    @property
    def single_origin(self) -> list[DocumentClaim]:
        """The document's claims that rest on one known origin alone."""
        return [c for c in self.claims if c.single_origin]


def document(store: Store, text: str) -> DocumentView:
    """A document by id, unique start of its id (`002`) or words of its title, with its masthead
    and the claims it carries."""
    ref = resolve_document(store, text)
    doc = Term.uri(ref.iri)
    meta: dict[str, set] = defaultdict(set)
    single: dict[str, str] = {}
    for r in library.run(store, "document", {"document": doc}).rows:
        for var in ("title", "kind", "outlet", "outletLabel", "issued", "file"):
            if var in r:
                single.setdefault(var, short(r[var]))
        for var, label in (("creator", "creatorLabel"), ("editor", "editorLabel"), ("issuedBy", "issuedByLabel")):
            if var in r:
                meta[var].add(short(r.get(label)) or short(r[var]))
        for var in ("rereports", "derivedFrom"):
            if var in r:
                meta[var].add(short(r[var]))
    claims: dict[str, DocumentClaim] = {}
    for r in library.run(store, "document_claims", {"document": doc}).rows:
        claims.setdefault(r["appearance"].value, from_row(DocumentClaim, r))
    ordered = sorted(claims.values(), key=lambda c: (c.claim_label or c.claim, c.quote or ""))
    cited = sorted({c for dc in ordered for c in dc.cites} - meta["rereports"])
    speakers = sorted({dc.speaker_label or dc.speaker for dc in ordered if dc.speaker})
    return DocumentView(
        document=ref,
        title=single.get("title"),
        kind=single.get("kind"),
        outlet=single.get("outlet"),
        outlet_label=single.get("outletLabel"),
        issued=single.get("issued"),
        file=single.get("file"),
        authors=sorted(meta["creator"]),
        editors=sorted(meta["editor"]),
        issued_by=sorted(meta["issuedBy"]),
        rereports=sorted(meta["rereports"]),
        derived_from=sorted(meta["derivedFrom"]),
        cites=cited,
        speakers=speakers,
        claims=ordered,
    )


# --------------------------------------------------------------------------- provenance


class DocumentNode(Model):
    """A document upstream of an appearance, how it is reached (cited, re-reported, drawn on)
    and the documents upstream of it in turn."""

    document: str
    title: str | None = None
    kind: str | None = None
    issued_by: str | None = None
    outlet: str | None = None
    relation: Literal["cites", "rereports", "derived_from"] = "cites"
    upstream: list["DocumentNode"] = []


class AppearanceNode(Model):
    """One appearance of a claim and the documents it cites, each with its own upstream chain."""

    source: Source
    cited: list[DocumentNode] = []


class Differs(Model):
    """A pair the claim is a side of that does not agree, seen from the claim: the other side."""

    kind: str = Field(description="contradiction, apparent or not_comparable")
    reasons: list[str] = []
    why: str
    other: Side


class ClaimProvenance(Model):
    """Where one claim comes from: each appearance with its citation chain, the distinct known
    origins, and what other sources say of it."""

    claim: Ref
    appearances: list[AppearanceNode]
    origins: list[str] = Field(description="distinct known origins")
    unknown_appearances: int = Field(description="appearances with no known origin")
    status_reason: str | None = Field(None, description="why the claim is disputed or deprecated, as the build or the curator put it")
    stances: list[Stance] = Field(default=[], description="what other sources say of the claim: disputes, confirms, could not verify ...")
    disagreements: list[Differs] = Field(default=[], description="the claims it disagrees with, and why")


class Provenance(Model):
    """The answer to `dkg provenance`: what the query matched and the provenance of each claim."""

    query: str
    matched: Ref | None = Field(None, description="the entity or claim the query resolved to; None for a text search")
    claims: list[ClaimProvenance]


def claim_provenance(store: Store, claim: Ref) -> ClaimProvenance:
    """The provenance of one claim (`claims_provenance` for a single claim)."""
    return claims_provenance(store, [claim])[0]


def claims_provenance(store: Store, claims: list[Ref]) -> list[ClaimProvenance]:
    """Each claim's appearances with the documents they cite, upstream to the origin: two
    queries per batch of claims (its sources, the citation edges), however many claims."""
    srcs = claims_sources(store, [c.iri for c in claims])
    edges: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for i in range(0, len(claims), _BATCH):
        chunk = [Term.uri(c.iri) for c in claims[i:i + _BATCH]]
        for r in library.run(store, "citation_chain", {"claim": chunk}).rows:
            info = {
                "title": short(r.get("toTitle")),
                "kind": short(r.get("toKind")),
                "issued_by": short(r.get("issuedBy")),
                "outlet": short(r.get("outlet")),
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

    out = []
    for claim in claims:
        mine = srcs.get(claim.iri, [])
        apps = [AppearanceNode(source=s, cited=build(iris.ID + "appearance/" + s.appearance.split("appearance/", 1)[-1], frozenset(), True)) for s in mine]
        known = sorted({o for s in mine for o in s.origins if o != UNKNOWN})
        unknown = sum(1 for s in mine if UNKNOWN in s.origins)
        out.append(ClaimProvenance(claim=claim, appearances=apps, origins=known, unknown_appearances=unknown))
    return out


def provenance(store: Store, claim_or_entity_or_text: str) -> Provenance:
    """A claim key (or its unique start) -> that claim; an entity -> every claim about it or
    naming it as value or qualifier; else the claims whose words or number match the text."""
    text = claim_or_entity_or_text
    key = slug_of(text)
    ref = lookup(store, key)
    if ref is None and key and "--" in key:
        starts = [c for c in claim_index(store, key.split("--", 1)[0]) if c.slug.startswith(key)]
        if len(starts) == 1:
            ref = Ref(iri=starts[0].iri, slug=starts[0].slug, label=starts[0].label, type="Claim")
    if ref is not None and ref.type == "Claim":
        return _annotated(store, Provenance(query=text, matched=ref, claims=[claim_provenance(store, ref)]))
    try:
        entity = resolve_entity(store, text)
    except NotFound as not_entity:
        hits = search_claims(store, text)
        if not hits:
            raise NotFound("claim, entity or claim text", text, not_entity.suggestions) from None
        claims = [Ref(iri=iris.claim(c.claim), slug=c.claim, label=c.claim_label, type="Claim") for c in sorted(hits, key=lambda c: c.claim)]
        return _annotated(store, Provenance(query=text, matched=None, claims=claims_provenance(store, claims)))
    prof = profile(store, entity.slug)
    seen: dict[str, Ref] = {}
    for k, label in [(p.claim, p.claim_label) for p in prof.about] + [(m.claim, m.claim_label) for m in prof.mentioned_in]:
        seen.setdefault(k, Ref(iri=iris.claim(k), slug=k, label=label, type="Claim"))
    return _annotated(store, Provenance(query=text, matched=entity, claims=claims_provenance(store, list(seen.values()))))


def _annotated(store: Store, answer: Provenance) -> Provenance:
    """Each claim with the stances on it and the pairs it is a side of, read for these claims
    only (a bounded number of queries per batch of claims), however large the graph."""
    keys = [cp.claim.slug for cp in answer.claims]
    taken: dict[str, list[Stance]] = defaultdict(list)
    for s in stances(store, claims=keys):
        taken[s.claim].append(s)
    differ = of_claims(store, keys)
    claims = [
        cp.model_copy(update={
            "stances": taken.get(cp.claim.slug, []),
            "status_reason": next((s.status_reason for s in taken.get(cp.claim.slug, []) if s.status_reason), None),
            "disagreements": [Differs(kind=d.kind, reasons=d.reasons, why=d.why, other=other) for d, other in differ.get(cp.claim.slug, [])],
        })
        for cp in answer.claims
    ]
    return answer.model_copy(update={"claims": claims})


# --------------------------------------------------------------------------- corroboration


class Corroboration(Model):
    """A claim with how many appearances it has and how many independent origins they rest on."""

    claim: str
    claim_label: str | None = None
    appearances: int = 0
    origins: int = Field(0, description="distinct known origins: independent sources")
    unknown_appearances: int = Field(0, description="appearances with no known origin; never counted as independent")
    origin_list: list[str] = []


def corroboration(store: Store, limit: int | None = None, offset: int = 0) -> list[Corroboration]:
    """Claims by how many independent origins they rest on, most first: rows offset ..
    offset+limit of the listing the build ordered (queries/listings.py), or all of them."""
    rows, _size, skip = listings.read(store, "corroboration", "corroboration", "all", offset, limit)
    out = [from_row(Corroboration, r) for r in rows]
    return listings.window(out, lambda c: (-c.origins, -c.appearances, c.claim), skip, limit)


class SingleOrigin(Model):
    """A claim resting on one known origin alone, with that origin."""

    claim: str
    claim_label: str | None = None
    origin: str
    origin_label: str | None = None
    appearances: int = 0
    unknown_appearances: int = 0


def single_origin(store: Store, origin: str | None = None, limit: int | None = None, offset: int = 0) -> list[SingleOrigin]:
    """Claims resting on exactly one known origin, by origin; with `origin`, only those resting
    on it (its own section of the listing, an index lookup)."""
    section = f"origin/{resolve_entity(store, origin, 'origin').slug}" if origin else "all"
    rows, _size, skip = listings.read(store, "single_origin", "single-origin", section, offset, limit)
    out = [from_row(SingleOrigin, r) for r in rows]
    return listings.window(out, lambda s: (s.origin, s.claim), skip, limit)


def single_origin_total(store: Store, origin: str | None = None) -> int:
    """How many claims rest on one known origin (on `origin`, when given): the total beside a page."""
    section = f"origin/{resolve_entity(store, origin, 'origin').slug}" if origin else "all"
    return listings.total(store, "single-origin", section)


# --------------------------------------------------------------------------- profile and timeline


class ProfileClaim(Model):
    """A claim about the entity as a profile lists it: property, value as a reader reads it,
    qualifiers, status, and how many appearances and origins it has."""

    property: str
    claim: str
    claim_label: str | None = None
    value: str
    qualifiers: dict[str, str] = {}
    status: str | None = None
    appearances: int = 0
    origins: int = 0
    documents: list[str]


class Mention(Model):
    """A claim that names the entity other than as its subject, and in which role (value, place
    or equipment)."""

    role: str
    claim: str
    claim_label: str | None = None
    subject: str
    property: str


class Profile(Model):
    """Everything about one entity: the claims about it and the claims that mention it."""

    entity: Ref
    about: list[ProfileClaim]
    mentioned_in: list[Mention]

    def by_property(self) -> dict[str, list[ProfileClaim]]:
        """The claims about the entity grouped by property, in the profile's order."""
        out: dict[str, list[ProfileClaim]] = {}
        for c in self.about:
            out.setdefault(c.property, []).append(c)
        return out


def profile(store: Store, entity: str) -> Profile:
    """The profile of an entity (a slug, a name or an alias in any script): claims about it, by
    property, and claims that mention it."""
    ref = resolve_entity(store, entity)
    iri = Term.uri(ref.iri)
    about: dict[str, ProfileClaim] = {}
    for r in library.run(store, "claims_about", {"entity": iri}).rows:
        value = r["value"]
        label = short(r.get("valueLabel"))
        if value.type != "uri":
            shown = value.value
        elif value.value.startswith(iris.ID + "figure/"):
            shown = label or short(value)
        else:
            shown = f"{label} ({short(value)})" if label else short(value)
        about[r["claim"].value] = from_row(
            ProfileClaim,
            r,
            property=_snake(short(r["property"])),
            value=shown or short(value),
            qualifiers={k: short(r[k]) for k in ("when", "place", "equipment", "group") if k in r},
            documents=from_row(_DocList, r).document_list,
        )
    mentions = {}
    for r in library.run(store, "claims_mentioning", {"entity": iri}).rows:
        m = from_row(Mention, r, property=_snake(short(r["property"])))
        mentions[(m.claim, m.role)] = m
    return Profile(
        entity=ref,
        about=sorted(about.values(), key=lambda c: (c.property, c.claim)),
        mentioned_in=sorted(mentions.values(), key=lambda m: (m.property, m.claim)),
    )


class _DocList(Model):
    document_list: list[str] = []


class TimelineEntry(Model):
    """One dated (or undated) point in an entity's timeline, and the claim or event it comes from."""

    date: str | None = Field(None, description="as claimed: YYYY, YYYY-MM or YYYY-MM-DD; None when undated")
    event: str | None = None
    event_label: str | None = None
    how: str = Field(
        description="participant, organizedBy, self (the entity is the event), when (a dated claim) or "
        "when (inferred) (a printed time resolved against the document's date)"
    )
    claim: str | None = None
    claim_label: str | None = None
    rule: str | None = Field(None, description="for an inferred date: how it was worked out")


class Timeline(Model):
    """An entity's timeline, dated entries in order and undated ones last."""

    entity: Ref
    entries: list[TimelineEntry]


def timeline(store: Store, entity: str) -> Timeline:
    """The events an entity took part in, organised or is, and its dated claims (a printed time
    resolved against its document's date too), in date order, undated last."""
    ref = resolve_entity(store, entity)
    entries = {}
    for r in library.run(store, "timeline", {"entity": Term.uri(ref.iri)}).rows:
        e = from_row(TimelineEntry, r)
        entries[(e.date, e.event, e.how, e.claim, e.claim_label)] = e
    # an event reached through several claims is listed once per date
    order = sorted(entries.values(), key=lambda e: (e.date is None, e.date or "", e.event or "", e.how, e.claim or ""))
    return Timeline(entity=ref, entries=order)


# --------------------------------------------------------------------------- hedged claims

DEFAULT_HEDGES = ("unverified", "party_to_conflict")


class Hedged(Model):
    """An appearance the document hedges (unverified, from a party to the conflict ...)."""

    claim: str
    claim_label: str | None = None
    document: str
    speaker: str | None = None
    hedges: list[str]
    quote: str | None = None
    remark: str | None = None


def unverified(store: Store, hedges: tuple[str, ...] | list[str] = DEFAULT_HEDGES, limit: int | None = None, offset: int = 0) -> list[Hedged]:
    """Hedged appearances, by document: rows offset .. offset+limit of those with any of
    `hedges`. One kind of hedge has its own section of the listing; several are read from the
    listing of every hedged appearance a few pages at a time until enough rows match."""
    wanted = set(hedges)
    key = lambda h: (h.document, h.claim, h.quote or "")  # noqa: E731
    if len(wanted) == 1:
        rows, _size, skip = listings.read(store, "hedged", "hedged", next(iter(wanted)), offset, limit)
        return listings.window([from_row(Hedged, r) for r in rows], key, skip, limit)
    found: list[Hedged] = []
    start, step = 0, listings.PAGE * 5
    while True:
        rows, size, _skip = listings.read(store, "hedged", "hedged", "any", start, None if limit is None else step)
        batch = {r["appearance"].value: from_row(Hedged, r) for r in rows}
        found += sorted((h for h in batch.values() if wanted & set(h.hedges)), key=key)
        start += step
        if limit is None or start >= size or len(found) >= offset + limit:
            break
    found = sorted(found, key=key)
    return found[offset:] if limit is None else found[offset:offset + limit]


def hedged_total(store: Store, hedges: tuple[str, ...] | list[str] = DEFAULT_HEDGES) -> tuple[int, bool]:
    """(rows, exact): the size of one hedge's listing, or of every hedged appearance (not exact)."""
    wanted = set(hedges)
    if len(wanted) == 1:
        return listings.total(store, "hedged", next(iter(wanted))), True
    return listings.total(store, "hedged", "any"), False



class Unverified(Model):
    """What outlets say they could not verify: hedged appearances (a page of them), and the
    explicit could-not-verify stances on claims of that standing (the first page)."""

    hedged: list[Hedged]
    could_not_verify: list[Stance] = []
    could_not_verify_total: int = Field(0, description="claims whose standing is unverified")


def unverified_report(store: Store, hedges: tuple[str, ...] | list[str] = DEFAULT_HEDGES, limit: int | None = None, offset: int = 0) -> Unverified:
    """`unverified`, with the could-not-verify stances beside it on the first page."""
    hedged = unverified(store, hedges, limit, offset)
    if offset:
        return Unverified(hedged=hedged)
    said = [s for s in stances(store, standing="Unverified", limit=limit) if s.kind == "could not verify"]
    return Unverified(hedged=hedged, could_not_verify=said, could_not_verify_total=listings.total(store, "stances", "unverified"))
