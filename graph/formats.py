"""Every serialisation dkg writes, with its names and media types, declared once; and the one
reader of HTTP `Accept` headers.

A format's `name` is its usual file suffix (json, xml, csv, tsv for SPARQL results; ttl, nt,
nq, trig, rdf, jsonld for RDF; html for pages), the name `dkg export --format`, the endpoint's
`format=` parameter and the pages' `?format=` take. `aliases` are the other names clients send
(SPARQLWrapper sends `turtle`, `rdf+xml`, `json-ld`), `accepts` the media types that ask for it
beside its own `media`. The endpoint (dkg/server) negotiates from this table alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


W3 = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    """One serialisation: the names clients use for it, its media types, and pyoxigraph's format
    where Oxigraph writes it."""

    name: str
    media: str  # the media type sent (the charset is added when sent)
    accepts: tuple[str, ...] = ()  # other media types that ask for this format
    aliases: tuple[str, ...] = ()  # other names a `format=` parameter may give
    ox: object = None  # pyoxigraph's RdfFormat or QueryResultsFormat, where Oxigraph writes it
    w3: str | None = None  # its IRI in http://www.w3.org/ns/formats/ (the service description names it)

    def answers(self, media: str) -> bool:
        """Whether a request for the media type `media` is answered by this format."""
        return media == self.media or media in self.accepts


JSON = Format("json", "application/sparql-results+json", ("application/json",), ("srj",), ox.QueryResultsFormat.JSON, W3 + "SPARQL_Results_JSON")
XML = Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), ("srx",), ox.QueryResultsFormat.XML, W3 + "SPARQL_Results_XML")
CSV = Format("csv", "text/csv", (), (), ox.QueryResultsFormat.CSV, W3 + "SPARQL_Results_CSV")
TSV = Format("tsv", "text/tab-separated-values", (), (), ox.QueryResultsFormat.TSV, W3 + "SPARQL_Results_TSV")
TURTLE = Format("ttl", "text/turtle", ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3", "application/n3"),
                ("turtle", "n3"), ox.RdfFormat.TURTLE, W3 + "Turtle")
NTRIPLES = Format("nt", "application/n-triples", ("text/plain",), ("ntriples", "n-triples"), ox.RdfFormat.N_TRIPLES, W3 + "N-Triples")
NQUADS = Format("nq", "application/n-quads", (), ("nquads", "n-quads"), ox.RdfFormat.N_QUADS, W3 + "N-Quads")
TRIG = Format("trig", "application/trig", (), (), ox.RdfFormat.TRIG, W3 + "TriG")
RDFXML = Format("rdf", "application/rdf+xml", ("application/xml", "text/xml"), ("rdfxml", "rdf+xml", "xml"), ox.RdfFormat.RDF_XML, W3 + "RDF_XML")
# JSON-LD is JSON: a client asking a graph for JSON gets JSON-LD
JSONLD = Format("jsonld", "application/ld+json", ("application/json", "application/x-json+ld", "application/json+ld"), ("json-ld", "json"),
                ox.RdfFormat.JSON_LD, W3 + "JSON-LD")
HTML = Format("html", "text/html", ("application/xhtml+xml",))

RESULTS = (JSON, XML, CSV, TSV)  # SELECT and ASK answers, the first the default
GRAPHS = (TURTLE, NTRIPLES, RDFXML, JSONLD)  # CONSTRUCT and DESCRIBE answers, and a node's RDF
PAGES = (HTML, *GRAPHS)  # a page under /id/: HTML for a browser, else its RDF
EXPORTS = (NQUADS, TRIG, TURTLE, JSONLD)  # whole-graph files (graph/export.py)
BY_NAME = {f.name: f for f in (*RESULTS, *GRAPHS, NQUADS, TRIG, HTML)}


def accepted(header: str | None) -> tuple[list[str], set[str]]:
    """(the media ranges of an Accept header, most wanted first, by q and then order given;
    the media types it refuses with q=0). No header means anything (`*/*`)."""
    ranked, refused = [], set()
    for i, part in enumerate((header or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            key, _, value = p.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if not media:
            continue
        if q > 0:
            ranked.append((-q, i, media.lower()))
        else:
            refused.add(media.lower())
    return [media for _q, _i, media in sorted(ranked)], refused


def by_accept(header: str | None, offered: tuple[Format, ...]) -> Format | None:
    """The offered format the Accept header wants most; a wildcard gets the first offered
    that the header does not refuse."""
    ranked, refused = accepted(header)
    for media in ranked:
        prefix = "" if media == "*/*" else media[:-1] if media.endswith("/*") else None
        if prefix is not None:
            match = next((f for f in offered if f.media.startswith(prefix) and f.media not in refused), None)
        else:
            match = next((f for f in offered if f.answers(media)), None)
        if match is not None:
            return match
    return None


def by_name(name: str, offered: tuple[Format, ...]) -> Format | None:
    """The offered format a `format=` parameter names (a name, an alias or a media type)."""
    name = name.strip().lower()
    return next((f for f in offered if name == f.name or name in f.aliases or f.answers(name)), None)


def negotiate(accept: str | None, format_param: str | None, offered: tuple[Format, ...]) -> Format | None:
    """A `format=` parameter naming an offered format wins; else a sent Accept header decides,
    so a parameter naming nothing offered (SPARQLWrapper sends `format=n3`, or `format=csv`
    with a CONSTRUCT) cannot turn a satisfiable Accept into a 406. None: nothing offered is
    acceptable, or the parameter named nothing offered and no Accept header was sent."""
    if format_param:
        chosen = by_name(format_param, offered)
        if chosen is not None or accept is None:
            return chosen
    return by_accept(accept, offered)
