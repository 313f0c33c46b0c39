"""Validated records to RDF quads, one named graph per source document.

Each claim is written twice, as Wikidata does: a direct triple (maxim-kuzminov dkg:age 28) for
simple queries, and a claim node with its qualifiers, status and appearances. Each appearance
records its document, speaker, cited upstream documents (prov:wasDerivedFrom), quote, the value
as printed, hedges, grading, and its origin, which the build works out here once:

    the organization the speaker spoke for, else the speaker, else whoever issued (or the outlet
    that published, or, lacking both, the authors of) the documents it cites, followed through whole-document re-reports; with
    none of these the origin is dkg:UnknownOrigin, never an independent source.

Every triple lives in exactly one named graph, because a store's union of graphs may be a
bag rather than a set (Oxigraph's is): a triple written into two graphs would be counted twice
by every query. So:

    graph:<document>  the document's own metadata and its appearances (which outlet reported
                      what is a GRAPH ?g question, and one document can be replaced alone);
    graph:claims      claim nodes, figures and direct triples, shared by every document that
                      carries the claim;
    graph:registry    the entity registry;  graph:ontology  the ontology.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Iterator

from ..schema import iris
from ..schema.fold import skeleton
from ..schema.figures import describe, interval
from ..schema.declarations import ENTITIES, Scalar, expand
from ..schema.models import Document, EntityBase, EquipmentItem, EquipmentType, Value
from ..schema.categories import SCHEMES
from ..schema.vocab import AIRCRAFT_KINDS, PROPERTIES, Bound, StanceKind, Status, camel
from . import nt
from .corpus import Appearance, Claim, Corpus, few_collections
from .compare import Comparison, comparisons
from .evidence import Evidence, Standing, all_stances, evidence, stance_origins
from .provenance import cached, part_of_total, cited_documents, entity_names, origins, resolved_when

PROV, RDF, RDFS, DCT = (iris.PREFIXES[p] for p in ("prov", "rdf", "rdfs", "dcterms"))

A = nt.iri(RDF + "type")
LABEL = nt.iri(RDFS + "label")


@lru_cache(maxsize=None)
def D(local: str) -> str:
    return nt.iri(iris.term(local))


@lru_cache(maxsize=1 << 20)  # terms repeat across millions of quads; checking each once is enough
def E(slug: str) -> str:
    return nt.iri(iris.entity(slug))


@lru_cache(maxsize=1 << 20)
def C(key: str) -> str:
    """A claim's IRI as a term (claims come up again in comparisons and stances)."""
    return nt.iri(iris.claim(key))


@lru_cache(maxsize=4096)
def L(text: str) -> str:
    """A literal from a small closed set (rules, value tests, hedges), escaped once."""
    return nt.literal(text)


def _encoder(rng):
    """How a field's value becomes an RDF term, by its declared range."""
    if isinstance(rng, frozenset):
        return E
    if isinstance(rng, type):  # a closed list: its value as text
        return lambda v: nt.literal(v.value)
    return {
        Scalar.text: nt.literal,
        Scalar.id: nt.literal,
        Scalar.date: nt.date,
        Scalar.boolean: nt.boolean,
        Scalar.url: lambda v: nt.literal(v, XSD_ANYURI),
        Scalar.wikidata: lambda v: nt.iri(iris.wikidata(v)),
    }[rng]


def _mapping(decl) -> tuple[list[str], list[tuple]]:
    """(class terms, per field: name, whether a list, its default, encoder, predicate terms)."""
    classes = [nt.iri(expand(c)) for c in (decl.rdf_class, *decl.also)]
    fields = [(f.name, f.many, f.default, _encoder(f.range), [nt.iri(expand(p)) for p in f.predicates]) for f in decl.fields]
    return classes, fields


XSD_ANYURI = iris.PREFIXES["xsd"] + "anyURI"
# the registry's RDF mapping, read off schema/declarations.py once
MAPPING = {t: _mapping(decl) for t, decl in ENTITIES.items()}
KIND_CLASSES = {t: {k: nt.iri(expand(c)) for k, c in decl.kind_classes.items()} for t, decl in ENTITIES.items()}
ATTRIBUTED_TO = nt.iri(PROV + "wasAttributedTo")


def entity_triples(e: EntityBase, corpus: Corpus) -> Iterator[tuple[str, str, str]]:
    """An entity's triples: its classes and each declared field under its predicates (a boolean
    only where it differs from its default), then the rules no single field says."""
    s = E(e.id)
    classes, fields = MAPPING[e.entity_type]
    for cls in classes:
        yield s, A, cls
    for name, many, default, encode, predicates in fields:
        value = getattr(e, name)
        if value is None or value == default:
            continue
        for v in value if many else (value,):
            term = encode(v)
            for pred in predicates:
                yield s, pred, term
    kind_class = KIND_CLASSES[e.entity_type].get(getattr(e, "kind", None))
    if kind_class:
        yield s, A, kind_class
    if isinstance(e, EquipmentItem):  # an item is an aircraft when its type is one
        t = corpus.entities.get(e.type)
        if isinstance(t, EquipmentType) and t.kind in AIRCRAFT_KINDS:
            yield s, A, D("Aircraft")
    if isinstance(e, Document):
        # whom the document is attributed to: its issuer, else the outlet that published it
        if e.issued_by or e.outlet:
            yield s, ATTRIBUTED_TO, E(e.issued_by or e.outlet)
    yield from name_index_triples(s, e)


def name_index_triples(s: str, e: EntityBase) -> Iterator[tuple[str, str, str]]:
    """The keys a typed name is looked up by (queries/resolve.py): each name's fold in any
    script or romanisation (schema/fold.py skeleton) as dkg:nameKey, and each of its words as
    dkg:nameWord, so a full name or a surname is an index lookup instead of a scan of every
    name in the graph."""
    keys: set[str] = set()
    words: set[str] = set()
    for name in (e.name, *e.aliases, *e.transliterations, e.id.replace("-", " ").replace("_", " ")):
        key = skeleton(name)
        if key:
            keys.add(key)
            words.update(w for w in key.split() if len(w) > 1)
    for key in sorted(keys):
        yield s, D("nameKey"), nt.literal(key)
    for word in sorted(words - keys):
        yield s, D("nameWord"), nt.literal(word)


def figure_payload(value: Value) -> dict:
    return value.model_dump(mode="json", exclude_defaults=True)


def figure_triples(value: Value) -> tuple[str, list[tuple[str, str, str]]]:
    node = nt.iri(iris.figure(figure_payload(value)))
    out = [(node, A, D("Figure"))]
    if value.amount is not None:
        out.append((node, D("amount"), nt.number(value.amount)))
        out.append((node, D("bound"), nt.literal(value.bound.value)))
    else:
        out.append((node, D("minimum"), nt.number(value.min)))
        out.append((node, D("maximum"), nt.number(value.max)))
    span = interval(value)
    if span.low is not None:
        out.append((node, D("lowerBound"), nt.number(span.low)))
    if span.high is not None:
        out.append((node, D("upperBound"), nt.number(span.high)))
    if value.unit:
        out.append((node, D("unit"), nt.literal(value.unit)))
    if value.currency:
        out.append((node, D("currency"), nt.literal(value.currency)))
    out.append((node, LABEL, nt.literal(describe(value))))
    for eq in value.equivalents:
        eq_value = Value(amount=eq.amount, currency=eq.currency, bound=value.bound)
        eq_node, eq_triples = figure_triples(eq_value)
        out.append((node, D("equivalent"), eq_node))
        out.extend(eq_triples)
    return node, out


def value_term(value: Value) -> tuple[str, list[tuple[str, str, str]], str | None]:
    """(object term for the claim node, extra triples, object for the direct triple or None)."""
    if value.entity is not None:
        t = E(value.entity)
        return t, [], t
    if value.text is not None:
        t = nt.literal(value.text)
        return t, [], t
    if value.date is not None:
        t = nt.date(value.date)
        return t, [], t
    node, triples = figure_triples(value)
    direct = nt.number(value.amount) if value.amount is not None and value.bound in (Bound.exact, Bound.approximate) else None
    return node, triples, direct


def claim_label(claim: Claim, corpus: Corpus) -> str:
    """What a reader sees for a claim: subject · property · value."""
    e = claim.entry
    names = entity_names(corpus) if e.value.entity else None
    return f"{corpus.entities[e.subject].name} · {PROPERTIES[e.property].label} · {describe(e.value, names)}"


def claim_triples(claim: Claim, corpus: Corpus) -> list[tuple[str, str, str]]:
    e = claim.entry
    prop = PROPERTIES[e.property]
    c = nt.iri(iris.claim(claim.key))
    obj, extra, direct = value_term(e.value)
    label = claim_label(claim, corpus)
    ev = evidence(corpus).get(claim.key)
    status, reason = effective_status(claim, ev, corpus)
    out = [
        (c, A, D("Claim")),
        (c, A, nt.iri(PROV + "Entity")),
        (c, LABEL, nt.literal(label)),
        (c, D("slug"), nt.literal(claim.key)),
        (c, D("subject"), E(e.subject)),
        (c, D("property"), D(prop.direct_name)),
        (c, D("value"), obj),
        (c, D("status"), D(status.value.capitalize())),
        *extra,
    ]
    if reason:
        out.append((c, D("statusReason"), nt.literal(reason)))
    if ev is not None and ev.standing is not None:
        out.append((c, D("standing"), D(_camel(ev.standing.value))))
        out.append((c, D("standingText"), nt.literal(ev.words(lambda st: stance_agent(st, corpus)))))
    if e.when:
        out.append((c, D("when"), nt.date(e.when)))
    if e.place:
        out.append((c, D("place"), E(e.place)))
    if e.equipment:
        out.append((c, D("equipment"), E(e.equipment)))
    if e.group:
        out.append((c, D("group"), nt.literal(e.group)))
    if e.value.post is not None:
        out.append((c, D("postKind"), nt.literal(e.value.post)))
    if e.value.date is not None and e.value.bound is not Bound.exact:
        out.append((c, D("dateBound"), nt.literal(e.value.bound.value)))
        direct = None  # "on or before 13 February" is no date to state as a fact
    if prop.categories and e.value.text is not None and (category := SCHEMES[prop.categories].match(e.value.text)):
        out.append((c, D("category"), nt.literal(category)))
    total = part_of_total(claim, corpus)
    if total is not None:
        out.append((c, D("partOfTotal"), C(total)))
    if direct is not None and status is not Status.deprecated:
        out.append((E(e.subject), D(prop.direct_name), direct))
    out.extend(corroboration_triples(claim, c, corpus))
    return out


def effective_status(claim: Claim, ev: Evidence | None, corpus: Corpus) -> tuple[Status, str | None]:
    """A curator's explicit status and reason; else disputed when the evidence contests the
    claim, with a reason naming who contests it, where, and how; else accepted."""
    if claim.entry.status is not None:
        return claim.entry.status, claim.entry.status_reason
    if ev is None or ev.standing is not Standing.contested:
        return Status.accepted, None
    names, docs = entity_names(corpus), corpus.documents()
    parts = []
    for st in ev.contested_by:
        who = names.get(st.entry.speaker, st.entry.speaker) if st.entry.speaker else docs[st.document].name
        said = f": \u201c{st.entry.quote}\u201d" if st.entry.quote else ""
        parts.append(f"{st.entry.stance.value.replace('_', ' ')} by {who} in \u201c{docs[st.document].name}\u201d{said}")
    return Status.disputed, "; ".join(parts)


def stance_agent(stance, corpus: Corpus) -> str:
    """Who takes a stance, as a reader names them: the body the speaker speaks for, else the
    speaker, else the outlet in whose voice the document speaks, else its title."""
    names = entity_names(corpus)
    e = stance.entry
    if e.on_behalf_of or e.speaker:
        return names.get(e.on_behalf_of or e.speaker, e.on_behalf_of or e.speaker)
    doc = corpus.entities[stance.document]
    return names.get(doc.outlet, doc.outlet) if getattr(doc, "outlet", None) else doc.name


def origin_counts(claim: Claim, corpus: Corpus) -> tuple[int, list[str], int]:
    """(appearances, distinct known origins in IRI order, appearances of unknown origin), worked
    out once per claim: the claims graph and the corroboration listing both read it."""
    memo = cached(corpus, "origin-counts", dict)
    if claim.key not in memo:
        seen: dict[str, list[str]] = {}
        for app in claim.appearances:
            seen.setdefault(appearance_iri(claim, app), origins(app, corpus))
        known = sorted({o for found in seen.values() for o in found if o != iris.UNKNOWN_ORIGIN})
        unknown = sum(1 for found in seen.values() if iris.UNKNOWN_ORIGIN in found)
        memo[claim.key] = (len(seen), known, unknown)
    return memo[claim.key]


def corroboration_triples(claim: Claim, c: str, corpus: Corpus) -> list[tuple[str, str, str]]:
    """How many appearances carry the claim, how many distinct known origins they trace to, and
    how many have no known origin: worked out here once, like each appearance's origin, so that
    corroboration over a million claims is a lookup rather than a grouping of every appearance."""
    count, known, unknown = origin_counts(claim, corpus)
    out = [
        (c, D("appearanceCount"), nt.number(count)),
        (c, D("originCount"), nt.number(len(known))),
        (c, D("unknownOriginCount"), nt.number(unknown)),
    ]
    out += [(c, D("corroboratedBy"), nt.iri(o)) for o in known]
    # what the corroboration and single-origin reports print, stored so that each is a lookup
    # per claim rather than a grouping (GROUP_CONCAT) of every claim's origins at query time
    out.append((c, D("originList"), nt.literal(" ".join(known))))
    if len(known) == 1:
        out.append((c, D("singleOrigin"), nt.iri(known[0])))
    return out


def appearance_iri(claim: Claim, app: Appearance) -> str:
    """An appearance's IRI: a hash of everything the document says, minted once per appearance
    (the claims graph counts appearances by it, the document graph writes it)."""
    if app.iri is None:
        # `ref` is a curation handle, not what the document says: adding one keeps the IRI
        detail = app.entry.model_dump(mode="json", exclude_defaults=True, exclude={"ref"})
        app.iri = iris.appearance(claim.key, app.document, detail)
    return app.iri


def appearance_triples(claim: Claim, app: Appearance, corpus: Corpus) -> list[tuple[str, str, str]]:
    e = app.entry
    a = nt.iri(appearance_iri(claim, app))
    out = [
        (a, A, D("Appearance")),
        (a, A, nt.iri(PROV + "Entity")),
        (a, D("claim"), nt.iri(iris.claim(claim.key))),
        (a, D("document"), E(app.document)),
        (a, nt.iri(DCT + "isPartOf"), E(app.document)),
    ]
    if e.printed:
        out.append((a, D("printedValue"), nt.literal(e.printed)))
    if e.when_printed:
        out.append((a, D("whenPrinted"), nt.literal(e.when_printed)))
        resolved = resolved_when(app, corpus)
        if resolved is not None and e.when is None:
            out.append((a, D("whenResolved"), nt.date(resolved[0])))
            out.append((a, D("whenRule"), nt.literal(resolved[1])))
    if e.speaker:
        out.append((a, nt.iri(PROV + "wasAttributedTo"), E(e.speaker)))
    if e.on_behalf_of:
        out.append((a, D("onBehalfOf"), E(e.on_behalf_of)))
    for c in cited_documents(app, corpus):
        out.append((a, nt.iri(PROV + "wasDerivedFrom"), E(c)))
    for c in e.cites:
        out.append((a, D("cites"), E(c)))
    if e.quote:
        out.append((a, D("quote"), nt.literal(e.quote)))
        out.append((a, nt.iri(PROV + "value"), nt.literal(e.quote)))
        out.extend(selector_triples(appearance_iri(claim, app), app.anchor, app.document))
    if e.remarks:
        out.append((a, D("remark"), nt.literal(e.remarks)))
    for h in e.hedges:
        out.append((a, D("hedge"), nt.literal(h.value)))
    if e.hedges:  # the hedged report's column, stored once: a lookup, not a grouping of hedges
        out.append((a, D("hedges"), nt.literal(" ".join(dict.fromkeys(h.value for h in e.hedges)))))
    for o in origins(app, corpus):
        out.append((a, D("origin"), nt.iri(o)))
    if e.grading:
        out.append((a, D("reliability"), nt.literal(e.grading.reliability)))
        out.append((a, D("credibility"), nt.number(e.grading.credibility)))
        out.append((a, D("gradedBy"), nt.literal(e.grading.graded_by)))
    return out


def _lines(triples, graph: str) -> list[str]:
    g = _graph_term(graph)
    return sorted({f"{s} {p} {o} {g} .\n" for s, p, o in triples})


@lru_cache(maxsize=1 << 16)
def _graph_term(graph: str) -> str:
    return nt.iri(graph)


def ontology_lines() -> list[str]:
    """The ontology and property declarations, as quads in the ontology graph (parsed and
    written by pyoxigraph: 4 ms against rdflib's 210 ms plus cutting its text into quads)."""
    import pyoxigraph as ox

    graph = ox.NamedNode(iris.ONTOLOGY_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in iris.ontology_triples()]
    return sorted(set(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines(keepends=True)))


def graph_lines(
    corpus: Corpus, with_ontology: bool = True, documents: Iterable[str] | None = None
) -> Iterator[tuple[str, Iterable[str]]]:
    """(graph IRI, N-Quads lines) for each graph, graphs in IRI order. With `documents`, only
    those source documents' graphs, the shared claims graph and the registry (an incremental rebuild).

    Each graph comes once. The lines of a document, the registry or the ontology are a sorted,
    unique list; those of the shared claims graph, which holds most of a large corpus, are a
    generator (unique per claim; a figure or direct triple two claims share comes twice, which
    a store ignores), so a million claims never sit in memory as one list of lines.
    """
    by_doc: dict[str, list[tuple[Claim, Appearance]]] = defaultdict(list)
    for claim in corpus.claims.values():
        for app in claim.appearances:
            by_doc[app.document].append((claim, app))
    sources = set(corpus.source_documents) | set(by_doc)
    registry = [
        t
        for key in sorted(corpus.entities)
        if key not in sources
        for t in entity_triples(corpus.entities[key], corpus)
    ]
    # the claims, registry and listings graphs are always derived whole, since every change of
    # the registry or of any claim shows in them; an incremental build then writes only what
    # differs from the previous build's (graph/build.py _patch)
    graphs: list[tuple[str, object]] = [(iris.CLAIMS_GRAPH, None), (iris.REGISTRY_GRAPH, registry), (iris.LISTINGS_GRAPH, None)]
    if documents is None and with_ontology:
        graphs.append((iris.ONTOLOGY_GRAPH, None))
    for doc in sources if documents is None else set(documents):
        graphs.append((iris.graph(doc), doc))
    with few_collections():  # see loaders/corpus.py: millions of live objects, few cycles
        for graph, payload in sorted(graphs, key=lambda x: x[0]):
            if graph == iris.ONTOLOGY_GRAPH:
                yield graph, ontology_lines()
            elif graph == iris.REGISTRY_GRAPH:
                yield graph, _lines(payload, graph)
            elif graph == iris.CLAIMS_GRAPH:
                yield graph, _claim_lines(corpus, graph)
            elif graph == iris.LISTINGS_GRAPH:
                from .listings import listing_triples

                term = _graph_term(graph)
                yield graph, (f"{s} {p} {o} {term} .\n" for s, p, o in listing_triples(corpus))
            else:
                yield graph, _lines(document_graph(payload, by_doc[payload], corpus), graph)


def _claim_lines(corpus: Corpus, graph: str) -> Iterator[str]:
    for claim in corpus.claims.values():
        yield from _lines(claim_triples(claim, corpus), graph)
    for cmp in comparisons(corpus):
        yield from _lines(comparison_triples(cmp, corpus), graph)


def document_graph(doc: str, items, corpus: Corpus) -> Iterator[tuple[str, str, str]]:
    yield from entity_triples(corpus.entities[doc], corpus)
    yield E(doc), A, D("SourceDocument")
    for claim, app in items:
        yield from appearance_triples(claim, app, corpus)
    for stance in _stances_by_document(corpus).get(doc, ()):
        yield from stance_triples(stance, corpus)


def stance_kind_term(kind: StanceKind) -> str:
    """The CiTO citation type of a stance kind (its name in camelCase: agrees_with is
    cito:agreesWith); could_not_verify, which CiTO lacks, is dkg's own term."""
    local = camel(kind.value)
    return D(local) if kind in (StanceKind.could_not_verify, StanceKind.declined_to_confirm) else nt.iri(iris.CITO + local)


def _stances_by_document(corpus: Corpus) -> dict[str, list]:
    def make():
        out: dict[str, list] = defaultdict(list)
        for stance in all_stances(corpus):
            out[stance.document].append(stance)
        return out

    return cached(corpus, "stances_by_document", make)


def stance_iri(stance) -> str:
    """A stance's IRI: a hash of what the document says of which claim."""
    e = stance.entry
    detail = [stance.target, e.model_dump(mode="json", exclude_defaults=True, exclude={"on"}), stance.from_hedge]
    return iris.stance(stance.document, detail)


def stance_triples(stance, corpus: Corpus) -> list[tuple[str, str, str]]:
    e = stance.entry
    s = nt.iri(stance_iri(stance))
    kind = stance_kind_term(e.stance)
    target = nt.iri(iris.claim(stance.target))
    out = [
        (s, A, D("Stance")),
        (s, A, nt.iri(PROV + "Entity")),
        (s, D("target"), target),
        (s, D("stanceKind"), kind),
        (s, kind, target),  # the CiTO citation itself: <stance> cito:disputes <claim>
        (s, D("document"), E(stance.document)),
        (s, nt.iri(DCT + "isPartOf"), E(stance.document)),
    ]
    if e.speaker:
        out.append((s, nt.iri(PROV + "wasAttributedTo"), E(e.speaker)))
    if e.on_behalf_of:
        out.append((s, D("onBehalfOf"), E(e.on_behalf_of)))
    for c in e.cites:
        out.append((s, D("cites"), E(c)))
        out.append((s, nt.iri(PROV + "wasDerivedFrom"), E(c)))
    if e.quote:
        out.append((s, D("quote"), nt.literal(e.quote)))
        out.extend(selector_triples(stance_iri(stance), stance.anchor, stance.document))
    if e.remarks:
        out.append((s, D("remark"), nt.literal(e.remarks)))
    if stance.from_hedge:
        out.append((s, D("fromHedge"), nt.boolean(True)))
    for o in stance_origins(stance, corpus):
        out.append((s, D("origin"), nt.iri(o)))
    return out


def selector_triples(owner: str, found, document: str) -> list[tuple[str, str, str]]:
    """Where a quote sits in its article, as W3C Web Annotation selectors: the exact words with
    a little context (oa:TextQuoteSelector) and their offsets in the text (oa:TextPositionSelector).
    Written only when the build was given the texts (--texts) and the quote was found."""
    if found is None:
        return []
    oa = lambda local: nt.iri(iris.OA + local)  # noqa: E731
    quote, position = nt.iri(iris.selector(owner, "quote")), nt.iri(iris.selector(owner, "position"))
    return [
        (nt.iri(owner), oa("hasSelector"), quote),
        (nt.iri(owner), oa("hasSelector"), position),
        (nt.iri(owner), oa("hasSource"), E(document)),
        (quote, A, oa("TextQuoteSelector")),
        (quote, oa("exact"), nt.literal(found.exact)),
        (quote, oa("prefix"), nt.literal(found.prefix)),
        (quote, oa("suffix"), nt.literal(found.suffix)),
        (position, A, oa("TextPositionSelector")),
        (position, oa("start"), nt.number(found.start)),
        (position, oa("end"), nt.number(found.end)),
    ]


VERDICT_TERMS = {
    "agree": "Agree",
    "contradiction": "Contradiction",
    "apparent_disagreement": "ApparentDisagreement",
    "not_comparable": "NotComparable",
}


def comparison_iri(cmp: Comparison) -> str:
    return iris.comparison(cmp.left, cmp.right, cmp.rule)


def comparison_triples(cmp: Comparison, corpus: Corpus | None = None) -> list[tuple[str, str, str]]:
    node = nt.iri(comparison_iri(cmp))
    left, right = C(cmp.left), C(cmp.right)
    about = []
    if corpus is not None:  # what the pair is about, so a filtered listing is an index lookup
        for key in (cmp.left, cmp.right):
            e = corpus.claims[key].entry
            about += [(node, D("about"), E(e.subject)), (node, D("onProperty"), D(PROPERTIES[e.property].direct_name))]
    out = [
        (node, A, D("Comparison")),
        (node, D("left"), left),
        (node, D("right"), right),
        (node, D("verdict"), D(VERDICT_TERMS[cmp.verdict.value])),
        (node, D("rule"), L(cmp.rule)),
        (node, D("basis"), L(cmp.basis)),
        (node, COMMENT, nt.literal(cmp.explanation)),
        *about,
    ]
    out += [(node, D("reason"), D(_camel(r.value))) for r in cmp.reasons]  # D() is cached
    if cmp.relation is not None:
        out.append((node, D("relation"), D(_camel(cmp.relation.value))))
    out.append((node, D("crossOrigin"), nt.boolean(cmp.cross_origin)))
    if cmp.left == cmp.right:  # an event against its own report: no claim-to-claim link
        return out
    if cmp.verdict.value == "contradiction":  # CiTO's own terms, both ways, for tools that read CiTO
        out += [(left, DISAGREES, right), (right, DISAGREES, left)]
    elif cmp.verdict.value == "agree":
        out += [(left, AGREES, right), (right, AGREES, left)]
    return out


COMMENT = nt.iri(RDFS + "comment")
AGREES, DISAGREES = nt.iri(iris.CITO + "agreesWith"), nt.iri(iris.CITO + "disagreesWith")


def _camel(name: str) -> str:
    return "".join(w.capitalize() for w in name.split("_"))
