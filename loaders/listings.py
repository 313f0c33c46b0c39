"""Stored listings: the build orders each whole-graph report once and numbers its pages.

A report over every claim (corroboration, claims on one origin, hedged appearances, the pairs
that disagree, stances) is hundreds of thousands of rows at a million claims, and ordering
them at query time reads every row back from disk. No reader takes in 500,000 rows, so the
build sorts each report the way the API shows it and writes one triple per row,
`<row> dkg:onPage <list/REPORT/SECTION/N>`, plus the listing's `dkg:rowCount`; page N of a
report is then an index lookup of PAGE rows however large the graph (queries/listings.py).

`said-by` and `reported-by` have a section per speaker and per source (`agent/hur`,
`published/newsweek`): what an agency said and who repeated it is a third of every appearance of
a synthetic million, and finding those rows by walking `prov:wasDerivedFrom+` from every
appearance took seconds at ten thousand claims; the build knows each appearance's speaker,
principal, origins and upstream documents, so it lists them once.

Sections are the ways a report is commonly narrowed: hedged appearances by kind of hedge (`unverified`),
pairs by verdict (`contradiction`: the pairs in order are the verdicts' sections one after
the other; `related`: pairs that differ without disagreeing, shown only with --all), single-origin claims by origin
(`origin/hur`). Every build rewrites the listings graph
whole, because a change in one document can move rows of any page.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

from ..schema import iris
from . import nt
from .corpus import Corpus

PAGE = iris.LISTING_PAGE  # rows a stored page holds

# pairs by verdict: the order the listing shows them in, and the sections a reader asks for
KIND_ORDER = {"contradiction": 0, "apparent_disagreement": 1, "not_comparable": 2, "agree": 3}
STANDINGS = ("contested", "partly_confirmed", "confirmed", "not_confirmed", "unverified", "other")  # the stances listing's sections, in order


def listings(corpus: Corpus, carried: dict | None = None) -> dict[tuple[str, str], list[str]]:
    """(report, section) -> the rows' IRIs in the order the report shows them. `carried`, when
    given, is filled with each said-by section's repeaters (see `_who_said_and_carried`)."""
    from .compare import comparisons
    from .evidence import all_stances, evidence
    from .rdf import appearance_iri, comparison_iri, origin_counts

    out: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    # every entity and document by slug, every claim by key: the name index and the claim keys
    # a static site or a forgiving search reads whole, a page at a time
    out["entities", "all"] = [((slug,), iris.entity(slug)) for slug in corpus.entities]
    for claim in corpus.claims.values():
        c = iris.claim(claim.key)
        out["claims", "all"].append(((claim.key,), c))
        count, known, _unknown = origin_counts(claim, corpus)
        out["corroboration", "all"].append(((-len(known), -count, claim.key), c))
        if len(known) == 1:
            origin = iris.local_name(known[0])
            out["single-origin", "all"].append(((origin, claim.key), c))
            out["single-origin", f"origin/{origin}"].append(((claim.key,), c))
        for app in claim.appearances:
            hedges = list(dict.fromkeys(h.value for h in app.entry.hedges))
            if hedges:
                key = (app.document, claim.key, app.entry.quote or "")
                a = appearance_iri(claim, app)
                out["hedged", "any"].append((key, a))
                for h in hedges:
                    out["hedged", h].append((key, a))
    for cmp in comparisons(corpus):
        kind = cmp.verdict.value
        node = comparison_iri(cmp)
        if cmp.relation is not None:  # parts of one total, a projection against its own origin: no disagreement
            out["disagreements", "related"].append(((cmp.left, cmp.right, cmp.rule), node))
            continue
        # one section per verdict, in the order that matters to a reader: contradictions, then
        # pairs that differ between different origins before one origin's own, then the rest;
        # every pair in order is the sections one after the other
        key = (KIND_ORDER[kind], not cmp.cross_origin, cmp.left, cmp.right, cmp.rule)
        out["disagreements", kind].append((key, node))
    # claims someone took a stance on, by the standing it gives them (contested first, as the
    # listing shows them); a page of claims brings all their stances (stances.rq)
    found = evidence(corpus)
    stanced = {stance.target for stance in all_stances(corpus)}
    for key in stanced:
        ev = found.get(key)
        standing = ev.standing.value if ev is not None and ev.standing is not None else "other"
        out["stances", standing].append(((key,), iris.claim(key)))
    for name, rows in _who_said_and_carried(corpus, carried).items():
        out[name] = rows
    return {name: [iri for _key, iri in sorted(rows)] for name, rows in sorted(out.items())}


def _upstream(cited: list[str], docs: dict) -> list[str]:
    """Every document reached from these through prov:wasDerivedFrom (what a document
    re-reports or draws on), cycles cut: the `prov:wasDerivedFrom+` of said_by.rq and reported_by.rq."""
    seen: list[str] = []
    todo = list(cited)
    while todo:
        d = todo.pop()
        if d in seen or d not in docs:
            continue
        seen.append(d)
        doc = docs[d]
        todo += [x for x in ([doc.rereports] if doc.rereports else []) + list(doc.derived_from or []) if x not in seen]
    return seen


def _who_said_and_carried(corpus: Corpus, carried: dict | None = None) -> dict[tuple[str, str], list[tuple]]:
    """The said-by section of each agent (`agent/SLUG`: every appearance or stance it said,
    said through a spokesperson, is the origin of, that cites what it issued or published, or
    that its own outlet's document says in its own voice), in the order `dkg said-by` shows
    them (document, claim label, quote); and the reported-by sections of each outlet and
    document (`published/SLUG`: appearances in it; `cited/SLUG`: those citing it, upstream too,
    and not in it), in the order `dkg reported-by` shows them (carrier, claim, quote). The rules
    are those of said_by.rq and reported_by.rq, which read a page of these rows.

    `carried` (when given) gets, per said-by section, who carried its rows: {section: {(outlet of
    the row's document, True), or (the document, False) when it names none: (appearance IRIs,
    claim keys, documents)}}, so the counts `dkg said-by` prints above a page are stored rather than
    counted from every row of a prolific agent at query time."""
    from .evidence import all_stances
    from .provenance import cited_documents, documents, origins
    from .evidence import stance_origins
    from .rdf import appearance_iri, claim_label, stance_iri

    docs = documents(corpus)
    out: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    unknown = iris.UNKNOWN_ORIGIN
    entity = iris.entity("")

    def said(iri: str, entry, document: str, cited: list[str], found: list[str], key: tuple, claim_key: str) -> None:
        agents = {x for x in (entry.speaker, entry.on_behalf_of) if x}
        agents |= {iris.local_name(o) for o in found if o != unknown and o.startswith(entity)}
        for d in _upstream(cited, docs):
            agents |= {x for x in (docs[d].outlet, docs[d].issued_by) if x}
        own = docs[document].outlet if document in docs else None
        if own and not entry.speaker:
            agents.add(own)
        by = (own, True) if own else (document, False)
        for agent in agents:
            out["said-by", f"agent/{agent}"].append((key, iri))
            if carried is not None:
                rows, claims, documents_ = carried.setdefault(f"agent/{agent}", {}).setdefault(by, (set(), set(), set()))
                rows.add(iri)
                claims.add(claim_key)
                documents_.add(document)

    labels: dict[str, str] = {}
    for claim in corpus.claims.values():
        label = labels.setdefault(claim.key, claim_label(claim, corpus))
        for app in claim.appearances:
            a = appearance_iri(claim, app)
            cited = cited_documents(app, corpus)
            quote = app.entry.quote or ""
            said(a, app.entry, app.document, cited, origins(app, corpus), (app.document, label, quote), claim.key)
            doc = docs.get(app.document)
            published = {app.document} | ({doc.outlet} if doc is not None and doc.outlet else set())
            for source in published:
                out["reported-by", f"published/{source}"].append(((app.document, claim.key, quote), a))
            citing = set()
            for d in _upstream(cited, docs):
                citing |= {d} | ({docs[d].outlet} if docs[d].outlet else set())
            for source in citing - published:
                out["reported-by", f"cited/{source}"].append(((app.document, claim.key, quote), a))
    for stance in all_stances(corpus):
        claim = corpus.claims[stance.target]
        label = labels.setdefault(claim.key, claim_label(claim, corpus))
        said(stance_iri(stance), stance.entry, stance.document, list(stance.entry.cites), stance_origins(stance, corpus),
             (stance.document, label, stance.entry.quote or ""), stance.target)
    # one row per appearance in a section (the same words twice in one document are one node)
    return {name: list({iri: (key, iri) for key, iri in sorted(rows, reverse=True)}.values()) for name, rows in out.items()}


def listing_triples(corpus: Corpus) -> Iterator[tuple[str, str, str]]:
    """Every listing's rows on their pages and its row count; for each said-by listing also who
    carried its rows (`dkg:Carrier` nodes: the outlet or document, its rows, claims and
    documents) and its distinct claims, read by said_by_repeaters.rq and said_by_claims.rq."""
    on_page, count = nt.iri(iris.term("onPage")), nt.iri(iris.term("rowCount"))
    kind = nt.iri(iris.term("Listing"))
    a = nt.iri(iris.PREFIXES["rdf"] + "type")
    carried: dict = {}
    for (report, section), rows in listings(corpus, carried).items():
        node = nt.iri(iris.listing(report, section))
        yield node, a, kind
        yield node, count, nt.number(len(rows))
        for start in range(0, len(rows), PAGE):
            page = nt.iri(iris.listing_page(report, section, start // PAGE))
            for row in rows[start:start + PAGE]:
                yield nt.iri(row), on_page, page
        if report == "said-by" and section in carried:
            yield from _carrier_triples(iris.listing(report, section), carried[section])


def _carrier_triples(listing: str, by: dict) -> Iterator[tuple[str, str, str]]:
    """A said-by listing's carriers, numbered in IRI order of what carried the rows, and the
    listing's distinct claims (a claim two outlets carry counts once)."""
    a = nt.iri(iris.PREFIXES["rdf"] + "type")
    node = nt.iri(listing)
    claims: set[str] = set()
    for n, (carrier, is_outlet) in enumerate(sorted(by)):
        rows, keys, documents = by[carrier, is_outlet]
        claims |= keys
        c = nt.iri(f"{listing}/carrier/{n}")
        yield c, a, nt.iri(iris.term("Carrier"))
        yield c, nt.iri(iris.term("carrierOf")), node
        yield c, nt.iri(iris.term("carrierOutlet" if is_outlet else "carrierDocument")), nt.iri(iris.entity(carrier))
        yield c, nt.iri(iris.term("rowsCarried")), nt.number(len(rows))
        yield c, nt.iri(iris.term("claimsCarried")), nt.number(len(keys))
        for d in sorted(documents):
            yield c, nt.iri(iris.term("carriedIn")), nt.iri(iris.entity(d))
    yield node, nt.iri(iris.term("distinctClaims")), nt.number(len(claims))


def pages(rows: int) -> int:
    return -(-rows // PAGE)


__all__: Iterable[str] = ("PAGE", "listings", "listing_triples", "pages")
