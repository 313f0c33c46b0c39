"""HTML pages for what dkg mints: an entity, a document, a claim, any other node, a not-found
page and an index. The server (dkg/server) and `dkg site` render the same pages; only the
links differ (`Links`: extensionless for the server, `.html` files for a static site, always
relative so either can move).

Pages are built from the typed answers of queries/pages.py with the escaping builder in
html.py and the template shipped beside this module; they carry no script at all, and the
template's Content-Security-Policy says so.
"""

from __future__ import annotations

import posixpath
from importlib import resources
from string import Template
from urllib.parse import quote

from dkg.queries import pages as q
from dkg.queries.disagreements import KIND_WORDS, Disagreement, Stance
from dkg.queries.reports import DocumentNode, Source
from dkg.schema import iris

from .html import Markup, el, esc, join

_TEMPLATES = resources.files(__package__) / "templates"
PAGE = Template((_TEMPLATES / "page.html").read_text(encoding="utf-8"))
CSS = (_TEMPLATES / "pages.css").read_text(encoding="utf-8")
RDF_FORMATS = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "rdf": "RDF/XML"}


class Links:
    """Relative links from the page at `here` (a root-relative path such as id/x)."""

    def __init__(self, here: str, suffix: str = "", server: bool = True):
        self.here, self.suffix, self.server = here, suffix, server

    def rel(self, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(self.here) or ".")

    def node(self, slug: str | None, claim: bool = False) -> str | None:
        if not slug or slug == "unknown":
            return None
        path = ("id/claim/" if claim else "id/") + "/".join(quote(p, safe="") for p in slug.split("/"))
        return self.rel(path) + self.suffix

    def root(self) -> str:
        up = self.here.count("/")
        return ("../" * up or "./") + ("" if self.server else "index.html")

    def index(self) -> str:
        return self.rel("id/") + "/" if self.server else self.root()

    def css(self) -> str:
        return self.rel("pages.css")

    def format(self, fmt: str) -> str:
        return posixpath.basename(self.here) + "?format=" + fmt


def a(href: str | None, text) -> Markup:
    return el("a", text, href=href) if href else esc(text)


def page(title: str, body, links: Links, iri: str | None = None) -> str:
    nav = [el("a", "Query", href=links.root())] if links.server else [el("a", "Index", href=links.root())]
    if links.server:
        nav.append(el("a", "All pages", href=links.index()))
    alternates = ""
    if iri and links.server:
        media = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples"}
        alternates = join((el("link", rel="alternate", type=t, href=links.format(f)) for f, t in media.items()), "\n")
    return PAGE.substitute(
        title=esc(title),
        css=esc(links.css()),
        alternates=alternates,
        nav=join(nav),
        body=body,
        footer=esc("dkg · every value with its sources; nothing on this page runs a script"),
    )


def header(label: str, kind: str, iri: str, links: Links) -> Markup:
    parts = [el("h1", label), el("div", kind, class_="kind"), el("div", iri, class_="iri")]
    if links.server:
        parts.append(el("div", "As data: ", [el("a", name, href=links.format(f)) for f, name in RDF_FORMATS.items()], class_="formats"))
    return join(parts)


def badge(text: str | None) -> Markup:
    return el("span", text, class_=f"badge {text}") if text else Markup("")


def source_item(s: Source, links: Links, extra: Markup | None = None) -> Markup:
    bits = [a(links.node(s.document), s.document_title or s.document)]
    if s.outlet:
        bits += [" · ", a(links.node(s.outlet), s.outlet)]
    if s.issued:
        bits.append(el("span", f" ({s.issued})", class_="muted"))
    if s.speaker:
        bits += [" · said by ", a(links.node(s.speaker), s.speaker)]
        if s.on_behalf_of:
            bits += [" for ", a(links.node(s.on_behalf_of), s.on_behalf_of)]
    if s.quote:
        bits += [": ", el("q", s.quote)]
    if s.printed:
        bits.append(el("span", f" printed “{s.printed}”", class_="muted"))
    if s.hedges:
        bits.append(el("span", " hedged: " + ", ".join(h.replace("_", " ") for h in s.hedges), class_="muted"))
    if s.remark:
        bits.append(el("div", s.remark, class_="muted"))
    if s.cites:
        bits.append(el("div", "cites ", join((a(links.node(c), c) for c in s.cites), ", "), class_="muted"))
    if s.origins:
        bits.append(el("div", "origin ", join((a(links.node(o), o) for o in s.origins), ", "), class_="muted"))
    return el("li", bits, extra)


def stance_item(s: Stance, links: Links) -> Markup:
    bits = [el("strong", s.kind), " by ", a(links.node(s.speaker or s.origin), s.speaker_name or s.origin_name or s.origin)]
    bits += [" in ", a(links.node(s.document), s.document_title or s.document)]
    if s.quote:
        bits += [": ", el("q", s.quote)]
    if s.remark:
        bits.append(el("div", s.remark, class_="muted"))
    return el("li", bits)


def pair_item(d: Disagreement, key: str, links: Links) -> Markup:
    other = d.right if d.left.claim == key else d.left
    bits = [
        badge(KIND_WORDS[d.kind]),
        " " + ", ".join(d.reasons) if d.reasons else "",
        " with ",
        a(links.node(other.claim, claim=True), other.label or other.claim),
        el("span", f" ({other.value}{', ' + other.when if other.when else ''}; {other.status})", class_="muted"),
        el("div", d.why, class_="muted"),
    ]
    return el("li", bits)


def context_block(ctx: q.ClaimContext, key: str, links: Links) -> Markup:
    parts = []
    if ctx.sources:
        parts.append(el("ul", [source_item(s, links) for s in ctx.sources], class_="sources"))
    if ctx.stances:
        parts += [el("div", "Stances", class_="muted"), el("ul", [stance_item(s, links) for s in ctx.stances], class_="stances")]
    if ctx.comparisons:
        parts += [el("div", "Compared", class_="muted"), el("ul", [pair_item(d, key, links) for d in ctx.comparisons], class_="pairs")]
    return join(parts)


# --------------------------------------------------------------------------- the pages


def entity(p: q.EntityPage, links: Links) -> str:
    e = p.entity
    body = [header(e.label or e.slug, e.type, e.iri, links)]
    if p.names:
        body.append(el("p", "Names: ", join((el("span", n, title=k) for n, k in p.names), " · ")))
    body.append(el("h2", "Profile"))
    if not p.groups:
        body.append(el("p", "No claims about this entity.", class_="muted"))
    for g in p.groups:
        body.append(el("h3", g.label, el("span", f" {g.property}", class_="muted")))
        for v in g.values:
            c = v.claim
            quals = ", ".join(f"{k} {val}" for k, val in c.qualifiers.items())
            line = [
                el("span", c.value, class_="main"),
                el("span", f" ({quals})", class_="muted") if quals else "",
                badge(c.status),
                badge(v.context.standing),
                el("span", f" {c.appearances} appearance(s), {c.origins} independent origin(s) · ", class_="muted"),
                el("a", "claim", href=links.node(c.claim, claim=True)),
            ]
            body.append(el("div", el("div", line), context_block(v.context, c.claim, links), class_="value"))
    if p.mentioned_in:
        body.append(el("h2", "Named in other claims"))
        body.append(
            el(
                "ul",
                [
                    el("li", a(links.node(m.claim, claim=True), m.claim_label or m.claim), el("span", f" as {m.role} of ", class_="muted"), a(links.node(m.subject), m.subject))
                    for m in p.mentioned_in
                ],
            )
        )
    if p.timeline:
        rows = [
            el("tr", el("td", t.date or "undated"), el("td", a(links.node(t.event), t.event_label or t.event or "")), el("td", t.how), el("td", a(links.node(t.claim, claim=True), t.claim_label or t.claim or "")))
            for t in p.timeline
        ]
        body += [el("h2", "Timeline"), el("table", el("tr", el("th", "date"), el("th", "event"), el("th", "how"), el("th", "claim")), rows)]
    return page(e.label or e.slug, join(body), links, e.iri)


def document(p: q.DocumentPage, links: Links) -> str:
    d = p.view
    ref = d.document
    facts = []

    def fact(name, *value):
        if any(v for v in value):
            facts.extend([el("dt", name), el("dd", *value)])

    fact("kind", d.kind)
    fact("outlet", a(links.node(d.outlet), d.outlet_label or d.outlet) if d.outlet else None)
    fact("issued", d.issued)
    fact("byline", ", ".join(d.authors))
    fact("editor", ", ".join(d.editors))
    fact("issued by", ", ".join(d.issued_by))
    fact("re-reports", join((a(links.node(x), x) for x in d.rereports), ", ") if d.rereports else None)
    fact("draws on", join((a(links.node(x), x) for x in d.derived_from), ", ") if d.derived_from else None)
    fact("cites", join((a(links.node(x), x) for x in d.cites), ", ") if d.cites else None)
    fact("quotes", ", ".join(d.speakers))
    body = [header(d.title or ref.label or ref.slug, "Document", ref.iri, links), el("dl", facts, class_="facts")]
    body.append(el("h2", f"Claims it carries ({len(d.claims)})"))
    rows = []
    for c in d.claims:
        rows.append(
            el(
                "tr",
                el("td", a(links.node(c.claim, claim=True), c.claim_label or c.claim)),
                el("td", el("q", c.quote) if c.quote else "", el("div", f"printed “{c.printed}”", class_="muted") if c.printed else ""),
                el("td", a(links.node(c.speaker), c.speaker_label or c.speaker) if c.speaker else ""),
                el("td", badge(c.status), badge(p.standing.get(c.claim)), el("div", ", ".join(h.replace("_", " ") for h in c.hedges), class_="muted")),
            )
        )
    if rows:
        body.append(el("table", el("tr", el("th", "claim"), el("th", "as printed"), el("th", "speaker"), el("th", "standing")), rows))
    return page(d.title or ref.slug, join(body), links, ref.iri)


def _chain(nodes: list[DocumentNode], links: Links) -> Markup:
    if not nodes:
        return Markup("")
    items = [
        el("li", el("span", n.relation.replace("_", " ") + " ", class_="muted"), a(links.node(n.document), n.title or n.document), _chain(n.upstream, links))
        for n in nodes
    ]
    return el("ul", items, class_="chain")


def claim(p: q.ClaimPage, links: Links) -> str:
    c = p.claim
    body = [header(c.label or c.slug, "Claim", c.iri, links)]
    if p.subject:
        body.append(el("p", "About ", a(links.node(p.subject.slug), p.subject.label or p.subject.slug), badge(p.context.standing)))
    prov = p.provenance
    body.append(el("h2", f"Provenance: {len(prov.appearances)} appearance(s), {len(prov.origins)} independent origin(s)"))
    if prov.unknown_appearances:
        body.append(el("p", f"{prov.unknown_appearances} appearance(s) with no known origin (never counted as independent)", class_="muted"))
    items = [source_item(ap.source, links, _chain(ap.cited, links)) for ap in prov.appearances]
    body.append(el("ul", items, class_="sources"))
    if prov.origins:
        body.append(el("p", "Origins: ", join((a(links.node(o), o) for o in prov.origins), ", ")))
    if p.context.stances:
        body += [el("h2", "Stances"), el("ul", [stance_item(s, links) for s in p.context.stances], class_="stances")]
    if p.context.comparisons:
        body += [el("h2", "Compared with"), el("ul", [pair_item(d, c.slug, links) for d in p.context.comparisons], class_="pairs")]
    return page(c.label or c.slug, join(body), links, c.iri)


def node(iri: str, triples: list[tuple[str, str, bool]], links: Links) -> str:
    """Any other minted node (an appearance, a stance, a comparison, a figure): its triples.
    triples: (predicate, object text, object is one of our IRIs)."""
    rows = []
    for pred, obj, ours in triples:
        rows.append(el("tr", el("td", pred), el("td", a(links.node(iris.local_name(obj), claim=obj.startswith(iris.ID + "claim/")) if ours else None, obj))))
    slug = iris.local_name(iri)
    body = [header(slug, "Node", iri, links), el("table", el("tr", el("th", "property"), el("th", "value")), rows)]
    return page(slug, join(body), links, iri)


def not_found(slug: str, suggestions: list[str], links: Links) -> str:
    body = [el("h1", "Nothing by that name"), el("p", "dkg minted no entity, document or claim called ", el("code", slug), ".")]
    if suggestions:
        body += [el("p", "Did you mean:"), el("ul", [el("li", a(links.node(s, claim="--" in s), s)) for s in suggestions], class_="suggest")]
    body.append(el("p", a(links.index(), "Every page"), " · ", a(links.root(), "the query page" if links.server else "the index")))
    return page("not found", join(body), links)


def index(entries: list[tuple[str, str, str | None]], links: Links) -> str:
    """entries: (type, slug, label), claims included (type Claim)."""
    groups: dict[str, list] = {}
    for kind, slug, label in entries:
        groups.setdefault(kind, []).append((slug, label))
    body = [el("h1", "Everything dkg minted")]
    for kind in sorted(groups, key=lambda k: (k == "Claim", k)):
        body.append(el("h2", f"{kind} ({len(groups[kind])})"))
        body.append(el("ul", [el("li", a(links.node(s, claim=kind == "Claim"), label or s)) for s, label in sorted(groups[kind], key=lambda x: (x[1] or x[0]).lower())]))
    return page("index", join(body), links)
