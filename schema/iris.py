"""The one place where IRIs are minted.

Curated things (entities, documents) get readable IRIs from their slugs. Derived things
(claims, appearances, figures) get IRIs from a hash of their content, so that loading the
same facts twice gives the same nodes, and a claim's IRI never depends on which file or row
it was first seen in. Nothing else in dkg builds an IRI string.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

BASE = "https://w3id.org/dkg/"
ONTOLOGY = BASE + "ontology#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"

PREFIXES: dict[str, str] = {
    "dkg": ONTOLOGY,
    "id": ID,
    "claim": ID + "claim/",
    "graph": GRAPH,
    "prov": "http://www.w3.org/ns/prov#",
    "cito": "http://purl.org/spar/cito/",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def digest(payload: Any, length: int = 12) -> str:
    """Stable short hash of JSON-able content (keys sorted, no whitespace)."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def term(local: str) -> str:
    """An ontology term, e.g. term('Claim'). The vocabulary is closed, as rdflib's
    DefinedNamespace closes one: a name schema/ontology.ttl and the generated properties.ttl
    do not declare is refused here, so a misspelt term fails where it is written.

    >>> term("Claim")
    'https://w3id.org/dkg/ontology#Claim'
    >>> term("Clam")
    Traceback (most recent call last):
    ...
    ValueError: dkg:Clam is not declared in schema/ontology.ttl or schema/properties.ttl; did you mean dkg:Claim?
    """
    if local not in declared_terms():
        import difflib

        close = difflib.get_close_matches(local, sorted(declared_terms()), n=1)
        hint = f"; did you mean dkg:{close[0]}?" if close else ""
        raise ValueError(f"dkg:{local} is not declared in schema/ontology.ttl or schema/properties.ttl{hint}")
    return ONTOLOGY + local


ONTOLOGY_FILES = ("ontology.ttl", "properties.ttl")  # in schema/: the hand-written ontology, the generated claim properties


@lru_cache(maxsize=1)
def ontology_triples() -> tuple:
    """The triples of the ontology files (pyoxigraph Triples), parsed once per process: the
    ontology graph of a build (loaders/rdf.py), the closed vocabulary (`declared_terms`) and the
    JSON-LD context (graph/export.py) all read them from here."""
    import pyoxigraph as ox

    here = Path(__file__).resolve().parent
    return tuple(t for name in ONTOLOGY_FILES for t in ox.parse(path=str(here / name), format=ox.RdfFormat.TURTLE))


@lru_cache(maxsize=1)
def declared_terms() -> frozenset[str]:
    """The local names of every dkg: term the ontology files declare (as a subject)."""
    import pyoxigraph as ox

    return frozenset(
        t.subject.value[len(ONTOLOGY):]
        for t in ontology_triples()
        if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(ONTOLOGY)
    )


def entity(slug: str) -> str:
    return ID + slug


def wikidata(qid: str) -> str:
    """The Wikidata entity an entity is the same as (its Q-id)."""
    return "http://www.wikidata.org/entity/" + qid


def claim_id(subject: str, prop: str, proposition: Any) -> str:
    """Readable and content-addressed: maxim-kuzminov--age--c95e55f3."""
    return f"{subject}--{prop}--{digest(proposition, 8)}"


def claim(claim_key: str) -> str:
    return ID + "claim/" + claim_key


def appearance(claim_key: str, document: str, detail: Any) -> str:
    return f"{ID}appearance/{document}/{digest([claim_key, detail], 12)}"


def stance(document: str, detail: Any) -> str:
    """A stance one document takes on a claim."""
    return f"{ID}stance/{document}/{digest(detail, 12)}"


def comparison(left: str, right: str, rule: str) -> str:
    """The comparison of two claims (by their keys) under one rule. Keys and rules are slugs,
    so joining them with a character neither holds is already canonical (no JSON needed: this
    runs once per pair, millions of times at scale)."""
    return f"{ID}comparison/{hashlib.sha256(f'{left} {right} {rule}'.encode()).hexdigest()[:16]}"


def figure(payload: Any) -> str:
    """A quantity node (amount or range with unit or currency)."""
    return ID + "figure/" + digest(payload, 16)


def graph(name: str) -> str:
    """Named graph of one source document, or 'registry' / 'ontology'."""
    return GRAPH + name


REGISTRY_GRAPH = graph("registry")
LISTINGS_GRAPH = graph("listings")
CLAIMS_GRAPH = graph("claims")
ONTOLOGY_GRAPH = graph("ontology")
UNKNOWN_ORIGIN = term("UnknownOrigin")
CITO = PREFIXES["cito"]
OA = PREFIXES["oa"]


def selector(owner: str, kind: str) -> str:
    """A Web Annotation selector locating an appearance's or a stance's quote in its text."""
    return f"{owner}/{kind}"


def listing(report: str, section: str) -> str:
    """A report's stored listing (`corroboration`, `all`): the build orders its rows once and
    numbers their pages (loaders/listings.py), so a page is an index lookup at any size."""
    return f"{ID}list/{report}/{section}"


LISTING_PAGE = 100  # rows a stored listing page holds (loaders/listings.py writes them, queries/listings.py reads them)


def listing_page(report: str, section: str, number: int) -> str:
    return f"{listing(report, section)}/{number}"


def local_name(iri: str) -> str:
    """The readable tail of an IRI minted here (slug, claim key, ...)."""
    for prefix in (ID + "claim/", ID, ONTOLOGY, GRAPH):
        if iri.startswith(prefix):
            return iri[len(prefix):]
    return iri


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
