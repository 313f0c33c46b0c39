"""What a page about one thing shows, gathered from the typed API in one call per page.

The entity, document and claim pages (dkg/pages) and the static site need the same answers the
CLI prints, arranged around one node: a profile grouped by property with each value's sources,
stances and comparisons; a document's masthead and claims; a claim's provenance. These
functions only compose the existing read functions (reports, resolve, disagreements); nothing
here formats text for a reader.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from pydantic import Field

from ..graph.store import Store
from ..schema import iris
from ..schema.errors import NotFound
from ..schema.vocab import PROPERTIES
from .disagreements import Disagreement, Stance, disagreements, stances
from .reports import ClaimProvenance, DocumentView, Mention, ProfileClaim, Source, TimelineEntry, claim_provenance, claim_sources, document, profile, timeline
from .resolve import Ref, claim_index, entity_names, lookup
from .rows import Model

ALL_KINDS = {"agree", "contradiction", "apparent", "not_comparable"}


def property_label(name: str) -> str:
    """The label curators and readers know a property by (schema/vocab.py), else its name."""
    prop = PROPERTIES.get(name)
    return prop.label if prop is not None else name.replace("_", " ")


class ClaimContext(Model):
    """Everything said about one claim beyond its value: who carries it and who contests it."""

    sources: list[Source] = []
    stances: list[Stance] = []
    comparisons: list[Disagreement] = Field(default=[], description="pairs this claim is a side of, every verdict")

    @property
    def standing(self) -> str | None:
        return next((s.standing for s in self.stances if s.standing), None)


class Value(Model):
    claim: ProfileClaim
    context: ClaimContext


class PropertyGroup(Model):
    property: str
    label: str
    values: list[Value]


class EntityPage(Model):
    entity: Ref
    names: list[tuple[str, str]] = Field(description="(name, kind): label, alias, transliteration...")
    groups: list[PropertyGroup]
    mentioned_in: list[Mention]
    timeline: list[TimelineEntry]


class ClaimPage(Model):
    claim: Ref
    subject: Ref | None = None
    provenance: ClaimProvenance
    context: ClaimContext


class DocumentPage(Model):
    view: DocumentView
    standing: dict[str, str] = Field(default={}, description="claim key -> Contested/Confirmed/Unverified")


class Index:
    """Stances and comparisons of the whole graph by claim key, and names by slug: read once
    per page, or once for a whole static site."""

    def __init__(self, store: Store):
        self.names: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for r in entity_names(store):
            self.names[r.slug].add((r.name, r.name_kind))
        self.stances: dict[str, list[Stance]] = defaultdict(list)
        for s in stances(store):
            self.stances[s.claim].append(s)
        self.pairs: dict[str, list[Disagreement]] = defaultdict(list)
        for d in disagreements(store, kinds=ALL_KINDS):
            self.pairs[d.left.claim].append(d)
            if d.right.claim != d.left.claim:
                self.pairs[d.right.claim].append(d)

    def context(self, store: Store, claim_iri: str, key: str, with_sources: bool = True) -> ClaimContext:
        return ClaimContext(
            sources=claim_sources(store, claim_iri) if with_sources else [],
            stances=self.stances.get(key, []),
            comparisons=self.pairs.get(key, []),
        )


def what(store: Store, slug: str) -> Ref:
    """The node minted with this slug or claim key; NotFound with close slugs otherwise."""
    ref = lookup(store, slug)
    if ref is None:
        raise NotFound("page", slug, difflib.get_close_matches(slug, known_slugs(store), n=5, cutoff=0.6))
    return ref


def known_slugs(store: Store) -> list[str]:
    """Every slug and claim key that has a page."""
    return sorted({r.slug for r in entity_names(store)} | {c.slug for c in claim_index(store)})


def entity_page(store: Store, slug: str, index: Index | None = None) -> EntityPage:
    prof = profile(store, slug)
    contested = index or Index(store)
    groups = []
    for prop, claims in prof.by_property().items():
        values = [Value(claim=c, context=contested.context(store, _claim_iri(c.claim), c.claim)) for c in claims]
        groups.append(PropertyGroup(property=prop, label=property_label(prop), values=values))
    names = sorted(contested.names.get(prof.entity.slug, ()), key=lambda n: (n[1] != "name", n))
    return EntityPage(
        entity=prof.entity,
        names=names,
        groups=groups,
        mentioned_in=prof.mentioned_in,
        timeline=timeline(store, prof.entity.slug).entries,
    )


def claim_page(store: Store, key: str, index: Index | None = None) -> ClaimPage:
    ref = lookup(store, key)
    if ref is None or ref.type != "Claim":
        about = claim_index(store, key.split("--", 1)[0]) if "--" in key else []
        raise NotFound("claim", key, difflib.get_close_matches(key, [c.slug for c in about or claim_index(store)], n=5, cutoff=0.6))
    subject = lookup(store, key.split("--")[0])
    return ClaimPage(
        claim=ref,
        subject=subject,
        provenance=claim_provenance(store, ref),
        context=(index or Index(store)).context(store, ref.iri, key, with_sources=False),
    )


def document_page(store: Store, slug: str, index: Index | None = None) -> DocumentPage:
    view = document(store, slug)
    contested = index or Index(store)
    standing = {}
    for c in view.claims:
        s = contested.context(store, "", c.claim, with_sources=False).standing or c.standing
        if s:
            standing[c.claim] = s
    return DocumentPage(view=view, standing=standing)


def _claim_iri(key: str) -> str:
    return iris.claim(key)
