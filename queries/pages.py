"""What a page about one thing shows, gathered from the typed API for that thing alone.

The entity, document and claim pages (dkg/pages) and the static site need the same answers the
CLI prints, arranged around one node: a profile grouped by property with each value's sources,
stances and comparisons; what a speaker said and who repeated it, what an outlet carried; a
document's masthead, its claims and who cites it; a claim's provenance with each quote in its
context. These functions only compose the existing read functions (reports, resolve,
disagreements) and two small bundled queries (quote_context, document_links).

Every read is bound to the page's own node (an index lookup): a page never reads the stances
or comparisons of the whole graph, so an entity page costs the same whether another claim has
five stances or five thousand (tests/test_pages.py counts the rows read). Names for the slugs a
page prints are looked up in one batch per page (`Names`).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Iterable

from pydantic import Field

from ..graph.results import Term
from ..graph.store import Store
from ..schema import iris
from ..schema.errors import NotFound
from ..schema.vocab import PROPERTIES
from . import library
from .disagreements import Disagreement, Stance, disagreements, stances
from .reports import (
    ClaimProvenance,
    DocumentNode,
    DocumentView,
    Mention,
    ProfileClaim,
    Reported,
    Said,
    SaidBy,
    Source,
    TimelineEntry,
    claim_provenance,
    claims_sources,
    document,
    profile,
    reported_by,
    said_by,
    timeline,
)
from .resolve import Ref, claim_index, entity_names, lookup
from .rows import Model

ALL_KINDS = {"agree", "contradiction", "apparent", "not_comparable"}
PAGE_ITEMS = 100  # rows a page lists of one answer (what was said, carried, cited); the rest are counted
SPEAKING = {"Person", "Organization", "MilitaryUnit", "Thing"}  # types that can say or publish something


def property_label(name: str) -> str:
    """The label curators and readers know a property by (schema/vocab.py), else its name."""
    prop = PROPERTIES.get(name)
    return prop.label if prop is not None else name.replace("_", " ")


class QuoteContext(Model):
    """A quote as anchored in its article: the exact words and the text just before and after."""

    exact: str
    prefix: str = ""
    suffix: str = ""


class ClaimContext(Model):
    """Everything said about one claim beyond its value: who carries it and who contests it."""

    sources: list[Source] = []
    stances: list[Stance] = []
    comparisons: list[Disagreement] = Field(default=[], description="pairs this claim is a side of, every verdict")
    standing_value: str | None = Field(None, description="the standing the build stored (Contested, Confirmed, Unverified)")

    @property
    def standing(self) -> str | None:
        """The standing the build stored, else one a stance on the claim carries."""
        return self.standing_value or next((s.standing for s in self.stances if s.standing), None)

    @property
    def standing_text(self) -> str | None:
        """The standing in words, naming who ("confirmed by HUR; not confirmed by Spanish police")."""
        return next((s.standing_text for s in self.stances if s.standing_text), None)


class Value(Model):
    """One value of a property on an entity page, with everything said about its claim."""

    claim: ProfileClaim
    context: ClaimContext


class PropertyGroup(Model):
    """An entity page's values of one property, under the label readers know it by."""

    property: str
    label: str
    values: list[Value]


class Paged(Model):
    """PAGE_ITEMS rows of a longer answer (the page's `?page=`), and how many there are in all."""

    total: int = 0
    offset: int = Field(0, description="rows of each list before these (PAGE_ITEMS times the page number less one)")


class SaidPage(Paged):
    """What a speaker said (the first PAGE_ITEMS appearances) and who repeated it."""

    items: list[Said] = []
    repeaters: list = Field(default=[], description="the PAGE_ITEMS outlets or documents that repeated it most")
    repeater_total: int = 0


class ReportedPage(Paged):
    """What an outlet or document published and the appearances elsewhere that cite it, the
    first PAGE_ITEMS of each with their totals."""

    published: list[Reported] = []
    published_total: int = 0
    cited: list[Reported] = []
    cited_total: int = 0


class EntityPage(Model):
    """An entity's page: its names, its claims grouped by property with their context, where it
    is mentioned, its timeline, and what it said and carried."""

    entity: Ref
    display_name: str
    aliases: list[tuple[str, str]] = Field(description="(name, kind) other than the display name, each once")
    groups: list[PropertyGroup]
    mentioned_in: list[Mention]
    timeline: list[TimelineEntry]
    said: SaidPage = SaidPage()
    reported: ReportedPage = ReportedPage()
    names: dict[str, str] = Field(default={}, description="slug -> display name, for every slug the page links to")


class ClaimPage(Model):
    """A claim's page: its provenance, stances and comparisons, each quote in context, and where
    the documents were published."""

    claim: Ref
    subject: Ref | None = None
    provenance: ClaimProvenance
    context: ClaimContext
    quotes: dict[str, QuoteContext] = Field(default={}, description="appearance or stance IRI -> its quote in context")
    urls: dict[str, str] = Field(default={}, description="document slug -> where it was published")
    names: dict[str, str] = {}


class DocumentPage(Model):
    """A document's page: its masthead and claims, each claim's standing, its address, and what
    cites it."""

    view: DocumentView
    standing: dict[str, str] = Field(default={}, description="claim key -> Contested/Confirmed/Unverified")
    url: str | None = None
    cited_by: ReportedPage = ReportedPage()
    names: dict[str, str] = {}


class Names:
    """Display names for the slugs a page prints, read in one batch (names_of) when asked."""

    def __init__(self, store: Store):
        self.store = store
        self.known: dict[str, str] = {}

    def add(self, slugs: Iterable[str | None]) -> dict[str, str]:
        """Look up the names of the slugs not yet known (one query for them all) and return every
        name known so far; claim keys and `unknown` have none."""
        wanted = sorted({s for s in slugs if s and s != "unknown" and "--" not in s} - set(self.known))
        if wanted:
            for r in entity_names(self.store, [iris.entity(s) for s in wanted]):
                if r.name_kind == "name":
                    self.known.setdefault(r.slug, r.name)
        return self.known


def what(store: Store, slug: str) -> Ref:
    """The node minted with this slug or claim key; NotFound with close slugs otherwise."""
    ref = lookup(store, slug)
    if ref is None:
        raise NotFound("page", slug, difflib.get_close_matches(slug, known_slugs(store), n=5, cutoff=0.6))
    return ref


def known_slugs(store: Store) -> list[str]:
    """Every slug and claim key that has a page."""
    return sorted({r.slug for r in entity_names(store)} | {c.slug for c in claim_index(store)})


def _source_slugs(sources: Iterable[Source]) -> Iterable[str | None]:
    for s in sources:
        yield from (s.document, s.outlet, s.speaker, s.on_behalf_of, *s.cites, *s.origins)


def _stance_slugs(found: Iterable[Stance]) -> Iterable[str | None]:
    for s in found:
        yield from (s.document, s.speaker, s.origin)


def _contexts(store: Store, subject: str) -> tuple[dict[str, list[Stance]], dict[str, list[Disagreement]]]:
    """The stances on, and the pairs compared with, the claims about one entity, by claim key."""
    by_claim: dict[str, list[Stance]] = defaultdict(list)
    for s in stances(store, subject=subject):
        by_claim[s.claim].append(s)
    pairs: dict[str, list[Disagreement]] = defaultdict(list)
    for d in disagreements(store, kinds=ALL_KINDS, subject=subject):
        pairs[d.left.claim].append(d)
        if d.right.claim != d.left.claim:
            pairs[d.right.claim].append(d)
    return by_claim, pairs


def _aliases(rows, display: str) -> list[tuple[str, str]]:
    """Every other name once (case and spacing folded), the display name left out."""
    seen = {" ".join(display.casefold().split())}
    out = []
    for r in sorted(rows, key=lambda r: (r.name_kind != "alias", r.name_kind, r.name)):
        key = " ".join(r.name.casefold().split())
        if key not in seen:
            seen.add(key)
            out.append((r.name, r.name_kind))
    return out


def entity_page(store: Store, slug: str, page: int = 1) -> EntityPage:
    """The page of the entity `slug`: what `EntityPage` holds, read for this entity alone;
    `page` picks which PAGE_ITEMS rows of what it said, carried and was cited for (1 is the first)."""
    start = (page - 1) * PAGE_ITEMS
    prof = profile(store, slug)
    ref = prof.entity
    own = [r for r in entity_names(store, [ref.iri]) if r.slug == ref.slug]
    display = next((r.name for r in own if r.name_kind == "name"), ref.label or ref.slug)
    by_claim, pairs = _contexts(store, ref.slug)
    groups = []
    # every value's sources in one query per batch of claims, not one query per claim
    found = claims_sources(store, [iris.claim(c.claim) for c in prof.about])
    for prop, claims in prof.by_property().items():
        values = [
            Value(claim=c, context=ClaimContext(sources=found.get(iris.claim(c.claim), []), stances=by_claim.get(c.claim, []), comparisons=pairs.get(c.claim, [])))
            for c in claims
        ]
        groups.append(PropertyGroup(property=prop, label=property_label(prop), values=values))
    said = SaidPage()
    reported = ReportedPage()
    if ref.type in SPEAKING:
        # PAGE_ITEMS of what it said and carried, from the build's listings: a page of HUR
        # costs the same whether it said thirty things or thirty thousand
        answer: SaidBy = said_by(store, ref.slug, PAGE_ITEMS, start, most=PAGE_ITEMS)
        said = SaidPage(items=answer.items, repeaters=answer.repeaters, repeater_total=answer.repeater_total, total=answer.total, offset=start)
        published, cited = _carried(store, ref.slug, start)
        reported = ReportedPage(published=published.items, published_total=published.published_total, cited=cited.items,
                                cited_total=published.cited_total, total=published.total, offset=start)
    names = Names(store)
    names.known[ref.slug] = display
    names.add(s for g in groups for v in g.values for s in _source_slugs(v.context.sources))
    names.add(s for g in groups for v in g.values for s in _stance_slugs(v.context.stances))
    names.add(m.subject for m in prof.mentioned_in)
    names.add(s for i in said.items for s in (i.document, i.outlet, i.speaker, i.on_behalf_of))
    names.add(s for i in reported.published + reported.cited for s in (i.document, i.carrier, i.speaker))
    return EntityPage(
        entity=ref,
        display_name=display,
        aliases=_aliases(own, display),
        groups=groups,
        mentioned_in=prof.mentioned_in,
        timeline=timeline(store, ref.slug).entries,
        said=said,
        reported=reported,
        names=names.known,
    )


def _carried(store: Store, slug: str, start: int = 0):
    """(PAGE_ITEMS appearances published in a source from its row `start`, PAGE_ITEMS citing it
    from theirs), each with the source's totals: the build lists every published one before the
    citing ones, so the citing page starts after them."""
    first = reported_by(store, slug, PAGE_ITEMS, start)
    published = [i for i in first.items if i.how == "published"]
    cited = [i for i in first.items if i.how == "cited"]
    # the first read holds the citing page too when nothing is published, or on the first page
    # when every citing row fits after the published ones; else read from its own offset
    if first.published_total and (start or len(cited) < min(PAGE_ITEMS, first.cited_total)):
        cited = [i for i in reported_by(store, slug, PAGE_ITEMS, first.published_total + start).items if i.how == "cited"]
    return first.model_copy(update={"items": published}), first.model_copy(update={"items": cited})


def quote_contexts(store: Store, claim_iri: str) -> dict[str, QuoteContext]:
    """appearance or stance IRI -> its quote with the words around it in the article."""
    out = {}
    for r in library.run(store, "quote_context", {"claim": Term.uri(claim_iri)}).rows:
        if r.get("exact") is None:  # the quote was not anchored in an article text
            continue
        out[r["owner"].value] = QuoteContext(
            exact=r["exact"].value,
            prefix=r["prefix"].value if r.get("prefix") is not None else "",
            suffix=r["suffix"].value if r.get("suffix") is not None else "",
        )
    return out


def document_urls(store: Store, slugs: Iterable[str]) -> dict[str, str]:
    """document slug -> the address it was published at, for those that have one."""
    wanted = sorted({s for s in slugs if s})
    if not wanted:
        return {}
    rows = library.run(store, "document_links", {"document": [Term.uri(iris.entity(s)) for s in wanted]}).rows
    return {iris.local_name(r["document"].value): r["url"].value for r in rows if r.get("url") is not None}


def _chain_slugs(nodes: list[DocumentNode]) -> Iterable[str]:
    for n in nodes:
        yield n.document
        yield from _chain_slugs(n.upstream)


def claim_page(store: Store, key: str) -> ClaimPage:
    """The page of the claim `key`; NotFound with close keys when there is no such claim."""
    ref = lookup(store, key)
    if ref is None or ref.type != "Claim":
        about = claim_index(store, key.split("--", 1)[0]) if "--" in key else []
        raise NotFound("claim", key, difflib.get_close_matches(key, [c.slug for c in about or claim_index(store)], n=5, cutoff=0.6))
    subject = lookup(store, key.split("--")[0])
    prov = claim_provenance(store, ref)
    claim_stances = stances(store, claim=key)
    context = ClaimContext(
        stances=claim_stances,
        comparisons=[d for d in disagreements(store, kinds=ALL_KINDS, subject=key.split("--")[0]) if key in (d.left.claim, d.right.claim)],
    )
    names = Names(store)
    names.add(_source_slugs(a.source for a in prov.appearances))
    names.add(_stance_slugs(claim_stances))
    names.add(prov.origins)
    docs = {a.source.document for a in prov.appearances} | {s.document for s in claim_stances} | set(_chain_slugs([n for a in prov.appearances for n in a.cited]))
    return ClaimPage(
        claim=ref,
        subject=subject,
        provenance=prov,
        context=context,
        quotes=quote_contexts(store, ref.iri),
        urls=document_urls(store, docs),
        names=names.known,
    )


def document_page(store: Store, slug: str, page: int = 1) -> DocumentPage:
    """The page of the document `slug` (an id, its start or title words, as `document` takes);
    `page` picks which PAGE_ITEMS rows of the documents citing it (1 is the first)."""
    start = (page - 1) * PAGE_ITEMS
    view = document(store, slug)
    standing = {c.claim: c.standing for c in view.claims if c.standing}
    _published, citing = _carried(store, view.document.slug, start)
    cited = citing.items
    names = Names(store)
    names.add([view.outlet, *view.rereports, *view.derived_from, *view.cites])
    names.add(s for c in view.claims for s in (c.speaker, c.on_behalf_of, *c.cites))
    names.add(s for i in cited for s in (i.carrier, i.speaker))
    return DocumentPage(
        view=view,
        standing=standing,
        url=document_urls(store, [view.document.slug]).get(view.document.slug),
        cited_by=ReportedPage(cited=cited, cited_total=citing.cited_total, total=citing.cited_total, offset=start),
        names=names.known,
    )
