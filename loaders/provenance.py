"""Where an appearance or a stance comes from: the documents it derives from and its origins.

The origin of an appearance is the organization its speaker spoke for, else the speaker, else
whoever issued (or the outlet that published, or lacking both the authors of) the documents it
cites, followed through
whole-document re-reports; with none of these it is dkg:UnknownOrigin, never an independent
source. Corroboration (loaders/rdf.py) and the standing of contested claims (loaders/evidence.py)
both count origins, never outlets.
"""

from __future__ import annotations

from ..schema import iris
from ..schema.dates import resolve
from ..schema.models import Document
from ..schema.vocab import PROPERTIES, Hedge
from .corpus import Appearance, Corpus


def cached(corpus: Corpus, what: str, make):
    """Per-corpus lookups built once, not once per claim (quadratic at a million claims)."""
    cache = corpus.__dict__.setdefault("_rdf_cache", {})
    key = (what, len(corpus.entities))
    if key not in cache:
        cache[key] = make()
    return cache[key]


def documents(corpus: Corpus) -> dict[str, Document]:
    return cached(corpus, "documents", corpus.documents)


def entity_names(corpus: Corpus) -> dict[str, str]:
    return cached(corpus, "names", lambda: {k: v.name for k, v in corpus.entities.items()})


def cited_documents(app: Appearance, corpus: Corpus) -> list[str]:
    """What the appearance derives from: its cites, else what its whole document re-reports."""
    return _cited(app.entry.cites, app.document, corpus)


def _cited(cites: list[str], document: str, corpus: Corpus) -> list[str]:
    if cites:
        return list(cites)
    doc = documents(corpus)[document]
    return [doc.rereports] if doc.rereports else []


def derivation_chains(app: Appearance, corpus: Corpus) -> list[list[str]]:
    """For each document the appearance derives from, that document and the ones it re-reports
    as a whole, in turn, up to the one that re-reports nothing (cycles stop)."""
    return _chains(cited_documents(app, corpus), corpus)


def stance_chains(stance, corpus: Corpus) -> list[list[str]]:
    """The derivation chains of a stance's cites, as for an appearance."""
    return _chains(_cited(stance.entry.cites, stance.document, corpus), corpus)


def _chains(cited: list[str], corpus: Corpus) -> list[list[str]]:
    docs = documents(corpus)
    chains = []
    for c in cited:
        chain = [c]
        while docs[c].rereports and docs[c].rereports not in chain:
            c = docs[c].rereports
            chain.append(c)
        chains.append(chain)
    return chains


def origins(app: Appearance, corpus: Corpus) -> list[str]:
    """Origin IRIs of one appearance (see the module docstring)."""
    return origins_of(app.entry, app.document, corpus)


def origins_of(entry, document: str, corpus: Corpus, own_voice: bool = False) -> list[str]:
    """Origin IRIs of anything said in a document with a speaker, a principal and cites (an
    appearance or a stance). With `own_voice`, what nobody else is said to have said is the
    document's own: its outlet, else its authors, else the document itself (a stance in the
    outlet's voice, "we could not verify", comes from the outlet)."""
    if entry.on_behalf_of:
        return [iris.entity(entry.on_behalf_of)]
    if entry.speaker:
        return [iris.entity(entry.speaker)]
    docs = documents(corpus)
    found: set[str] = set()
    for chain in _chains(_cited(entry.cites, document, corpus), corpus):
        last = docs[chain[-1]]
        agent = last.issued_by or last.outlet
        if agent:
            found.add(iris.entity(agent))
        else:  # a document with neither issuer nor outlet comes from its authors, else from itself
            found.update(iris.entity(a) for a in (last.authors or [last.id]))
    if not found and own_voice:
        doc = docs[document]
        found = {iris.entity(a) for a in ([doc.outlet] if doc.outlet else doc.authors or [doc.id])}
    return sorted(found) or [iris.UNKNOWN_ORIGIN]


def resolved_when(app: Appearance, corpus: Corpus) -> tuple[str, str] | None:
    """The time an appearance is about when its claim has no curated `when`: (date, the rule
    used), an inference; None when nothing settles it.

    - a printed time ("last September") resolved against its document's date where that
      settles it, never past the document unless the claim is printed as a forecast;
    - else, for a present-tense state the vocabulary declares (`present`: an age, a rank, a
      strength) printed without a time, the document's publication date: "the 28-year-old
      pilot" is 28 as of the report."""
    entry = app.entry
    if entry.when is not None:
        return None
    doc = documents(corpus)[app.document]
    forecast = Hedge.forecast in entry.hedges
    if entry.when_printed:
        return resolve(entry.when_printed, doc.published, forward=forecast)
    prop = PROPERTIES.get(entry.property)
    if prop is not None and prop.present and doc.published and not forecast:
        return doc.published, f"as of {doc.published}, the report's date: a present-tense {prop.label} printed without a time"
    return None


def part_of_total(claim, corpus: Corpus) -> str | None:
    """The key of the claim whose total this claim's figure is a part of (a curator's `part_of`
    on any of its appearances, by `ref` or key), or None. Read by the claims graph and by the
    comparisons, so resolved once per claim."""
    memo = cached(corpus, "part-of-total", dict)
    if claim.key not in memo:
        memo[claim.key] = next(
            (key for app in claim.appearances if app.entry.part_of
             for key in [corpus.refs.get(app.entry.part_of, app.entry.part_of)] if key in corpus.claims),
            None,
        )
    return memo[claim.key]
