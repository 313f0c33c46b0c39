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
import re
from importlib import resources
from string import Template
from urllib.parse import quote

from dkg.queries import pages as q
from dkg.queries import words
from dkg.queries.disagreements import KIND_WORDS, Disagreement, Stance
from dkg.queries.reports import DocumentNode, Reported, Source
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
        self.views: dict[str, str] = {}  # views written beside a static site: name or claim key -> path
        self.number = 1  # which page of a page's long lists (?page=, served pages only)

    def view(self, key: str) -> str | None:
        return self.rel(self.views[key]) if key in self.views else None

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

    def paged(self, number: int) -> str:
        return posixpath.basename(self.here) + ("?page=" + str(number) if number > 1 else "")


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
    parts = [el("h1", label), el("div", words.words(kind), class_="kind"), el("div", iri, class_="iri")]
    if links.server:
        parts.append(el("div", "As data: ", [el("a", name, href=links.format(f)) for f, name in RDF_FORMATS.items()], class_="formats"))
    return join(parts)


def badge(text: str | None, tone: str | None = None, title: str | None = None) -> Markup:
    return el("span", text, class_=f"badge {tone or text}", title=title) if text else Markup("")


def standing_badge(standing: str | None, text: str | None = None) -> Markup:
    """The standing as one word (the badge), and, where the build stored it, who stands where:
    "confirmed by HUR; not confirmed by Spanish police" is never shown as simply confirmed."""
    word = words.standing(standing)
    shown = badge(word, word.split()[0] if word else None, words.STANDING_MEANING.get(word or ""))
    if text and word:
        return Markup(shown + el("span", f" {text}", class_="muted standing-text"))
    return shown


def status_badge(status: str | None, standing: str | None = None) -> Markup:
    """The curator's status, shown only when it says more than the standing beside it."""
    word = words.status(status)
    if word is None or (word == "disputed" and words.standing(standing) == "contested"):
        return Markup("")
    return badge(f"status: {word}", word, "the curator's rank of this value among others")


class Namer:
    """Display names for slugs on one page (queries/pages.Names), links to their pages."""

    def __init__(self, names: dict[str, str], links: Links):
        self.names, self.links = names, links

    def __call__(self, slug: str | None) -> str:
        if not slug:
            return ""
        if slug == "unknown":
            return "unknown origin"
        return self.names.get(slug) or slug

    def link(self, slug: str | None, text: str | None = None) -> Markup:
        return a(self.links.node(slug), text or self(slug))

    def links_to(self, slugs, sep=", ") -> Markup:
        return join((self.link(s) for s in slugs), sep)


def in_context(quote: str, ctx: q.QuoteContext | None) -> Markup:
    """The quote, with the article's words before and after it when the build anchored it."""
    if ctx is None:
        return el("q", quote)
    before = ctx.prefix.split(" ", 1)[1] if " " in ctx.prefix and not ctx.prefix[:1].isspace() else ctx.prefix
    after = ctx.suffix.rsplit(" ", 1)[0] if " " in ctx.suffix and not ctx.suffix[-1:].isspace() else ctx.suffix
    return el("span", el("span", "…" + before, class_="context"), el("mark", ctx.exact), el("span", after + "…", class_="context"), class_="in-context")


def original(url: str | None) -> Markup:
    return el("a", "original ↗", href=url, class_="original", rel="noopener noreferrer") if url else Markup("")


def source_item(s: Source, links: Links, name: Namer, extra: Markup | None = None, quotes: dict | None = None, urls: dict | None = None) -> Markup:
    bits = [name.link(s.document, s.document_title or name(s.document))]
    if urls and s.document in urls:
        bits += [" ", original(urls[s.document])]
    if s.outlet:
        bits += [" · ", name.link(s.outlet)]
    if s.issued:
        bits.append(el("span", f" ({s.issued})", class_="muted"))
    if s.speaker:
        bits += [" · said by ", name.link(s.speaker)]
        if s.on_behalf_of:
            bits += [" for ", name.link(s.on_behalf_of)]
    elif s.on_behalf_of:
        bits += [" · for ", name.link(s.on_behalf_of)]
    if s.quote:
        ctx = (quotes or {}).get(iris.ID + s.appearance) if not s.appearance.startswith(iris.ID) else (quotes or {}).get(s.appearance)
        bits += [": ", in_context(s.quote, ctx)]
    if s.printed:
        bits.append(el("span", f" printed “{s.printed}”", class_="muted"))
    if s.hedges:
        bits.append(el("div", "hedged: " + "; ".join(words.hedge(h) for h in s.hedges), class_="muted hedge"))
    if s.remark:
        bits.append(el("div", s.remark, class_="muted"))
    if s.cites and extra is None:  # a provenance chain, when given, shows what it cites
        bits.append(el("div", "cites ", name.links_to(s.cites), class_="muted"))
    if s.origins:
        bits.append(el("div", "origin: ", name.links_to(s.origins), class_="muted"))
    return el("li", bits, extra)


def stance_item(s: Stance, links: Links, name: Namer, quotes: dict | None = None) -> Markup:
    who = s.speaker or s.origin
    bits = [el("strong", s.kind), " by ", name.link(who, s.speaker_name or s.origin_name or name(who))]
    bits += [" in ", name.link(s.document, s.document_title or name(s.document))]
    if s.quote:
        # a stance's quote in its article context, found by its words among the claim's anchored stances
        ctx = next((c for owner, c in (quotes or {}).items() if owner.startswith(iris.ID + "stance/") and c.exact == s.quote), None)
        bits += [": ", in_context(s.quote, ctx)]
    if s.remark:
        bits.append(el("div", s.remark, class_="muted"))
    return el("li", bits)


def pair_item(d: Disagreement, key: str, links: Links) -> Markup:
    other = d.right if d.left.claim == key else d.left
    shown = words.figure(other.value)
    label = words.figure(other.label) or other.claim
    facts = ", ".join(x for x in (shown if shown and not label.endswith(shown) else None, other.when, words.status(other.status) and f"status {words.status(other.status)}") if x)
    bits = [
        badge(KIND_WORDS[d.kind], d.kind),
        " " + ", ".join(d.reasons) if d.reasons else "",
        " with ",
        a(links.node(other.claim, claim=True), label),
        el("span", f" ({facts})", class_="muted") if facts else "",
        el("div", why(d), class_="muted"),
    ]
    return el("li", bits)


def why(d: Disagreement) -> str:
    """The build's explanation with each side's figure read as English (the stored text
    repeats the stored figures: 'about 6,000 person against 0 person')."""
    text = d.why
    for side in sorted((d.left, d.right), key=lambda s: -len(s.value)):
        if side.value:
            text = text.replace(side.value, words.figure(side.value))
    return text


_ENTITY_VALUE = re.compile(r"^(?P<label>.+) \((?P<slug>[a-z0-9][a-z0-9\-]*)\)$")


def value(text: str, links: Links) -> Markup:
    """A profile value: an entity's name linked to its page (the API gives 'Name (slug)'),
    a figure read as English, or the text itself."""
    m = _ENTITY_VALUE.match(text)
    if m:
        return el("span", el("a", m.group("label"), href=links.node(m.group("slug"))), class_="main")
    return el("span", words.figure(text), class_="main")


def context_block(ctx: q.ClaimContext, key: str, links: Links, name: Namer) -> Markup:
    parts = []
    if ctx.sources:
        parts.append(el("ul", [source_item(s, links, name) for s in ctx.sources], class_="sources"))
    if ctx.stances:
        parts += [el("div", "What others say of it", class_="muted"), el("ul", [stance_item(s, links, name) for s in ctx.stances], class_="stances")]
    if ctx.comparisons:
        parts += [el("div", "Compared with", class_="muted"), el("ul", [pair_item(d, key, links) for d in ctx.comparisons], class_="pairs")]
    return join(parts)


_QUALIFIER_WORDS = {"when": "as of", "place": "in", "equipment": "with", "group": "counting"}
_HOW_SAID = {"said": "said", "spokesperson": "through a spokesperson", "cited": "cited from its statement", "own voice": "in its own voice"}


def qualifiers(c, name: Namer) -> str:
    return ", ".join(f"{_QUALIFIER_WORDS.get(k, words.words(k))} {name(v) if k in ('place', 'equipment') else v}" for k, v in c.qualifiers.items())


def more(offset: int, shown: int, total: int, command: str, links: Links) -> Markup:
    """Where these rows sit in the whole list: the other pages (served pages, `?page=`), or
    the command that lists them all (a static site)."""
    if offset == 0 and total <= shown:
        return Markup("")
    if not links.server:
        return el("p", f"Showing {shown:,} of {total:,}; all of them: ", el("code", command), class_="muted")
    last = -(-total // q.PAGE_ITEMS)
    steps = []
    if links.number > 1:
        steps.append(el("a", "previous page", href=links.paged(links.number - 1), rel="prev"))
    if links.number < last:
        steps.append(el("a", "next page", href=links.paged(links.number + 1), rel="next"))
    where = f"Showing {offset + 1:,} to {offset + shown:,} of {total:,}" if shown else f"None of the {total:,} on this page"
    return el("p", f"{where} (page {links.number} of {last}) · ", join(steps, " · "), " · all of them: ", el("code", command), class_="muted pager")


def said_section(p: q.EntityPage, links: Links, name: Namer) -> list[Markup]:
    said = p.said
    if not said.total:
        return []
    out = [el("h2", f"What {p.display_name} said ({words.count(said.total, 'appearance')})")]
    by_document: dict[str, list] = {}
    for i in said.items:
        by_document.setdefault(i.document, []).append(i)
    for doc, items in by_document.items():
        first = items[0]
        out.append(
            el(
                "h3",
                "In ",
                name.link(doc, first.document_title),
                el("span", f" · {name(first.outlet) if not first.outlet_label else first.outlet_label}" if first.outlet else "", class_="muted"),
                el("span", f" · {first.issued}" if first.issued else "", class_="muted"),
                el("span", f" ({len(items)})", class_="muted"),
            )
        )
        rows = [
            el(
                "tr",
                el("td", a(links.node(i.claim, claim=True), words.figure(i.claim_label) or i.claim), el("div", words.words(i.stance), class_="muted") if i.stance else ""),
                el("td", el("q", i.quote) if i.quote else "", el("div", f"printed “{i.printed}”", class_="muted") if i.printed else ""),
                el("td", _HOW_SAID.get(i.how, i.how), el("div", "by ", name.link(i.speaker, i.speaker_label), class_="muted") if i.speaker and i.speaker != p.entity.slug else "", class_="how"),
            )
            for i in items
        ]
        out.append(el("table", el("tr", el("th", "claim"), el("th", "quote"), el("th", "how")), rows, class_="said"))
    out.append(more(said.offset, len(said.items), said.total, f"dkg said-by {p.entity.slug}", links))
    if said.repeaters:
        out.append(el("h2", "Who repeated it"))
        out.append(
            el(
                "ul",
                [
                    el("li", a(links.node(r.outlet or (r.documents[0] if len(r.documents) == 1 else None)), r.label), el("span", f" · {words.count(r.appearances, 'appearance')} of {words.count(r.claims, 'claim')} in {words.count(len(r.documents), 'document')}", class_="muted"))
                    for r in said.repeaters
                ],
                class_="repeaters",
            )
        )
        if said.repeater_total > len(said.repeaters):
            out.append(el("p", f"The {len(said.repeaters):,} that repeated it most, of {said.repeater_total:,}; all of them: ",
                          el("code", f"dkg said-by {p.entity.slug} --limit 0"), class_="muted"))
    return out


def _reported_rows(items: list[Reported], links: Links, name: Namer, cited: bool) -> Markup:
    rows = [
        el(
            "tr",
            el("td", a(links.node(i.claim, claim=True), words.figure(i.claim_label) or i.claim)),
            el("td", el("q", i.quote) if i.quote else "", el("div", f"printed “{i.printed}”", class_="muted") if i.printed else ""),
            el("td", name.link(i.speaker) if i.speaker else ""),
            el("td", name.link(i.carrier), el("div", "citing ", name.link(i.document, i.document_title), class_="muted") if cited and i.document != i.carrier else ""),
        )
        for i in items
    ]
    return el("table", el("tr", el("th", "claim"), el("th", "quote"), el("th", "speaker"), el("th", "in")), rows)


def reported_section(p: q.EntityPage, links: Links, name: Namer) -> list[Markup]:
    r = p.reported
    out = []
    if r.published_total:
        out += [el("h2", f"What {p.display_name} carried ({words.count(r.published_total, 'appearance')})"), _reported_rows(r.published, links, name, False),
                more(r.offset, len(r.published), r.published_total, f"dkg reported-by {p.entity.slug}", links)]
    if r.cited_total:
        out += [el("h2", f"Cited by other documents ({words.count(r.cited_total, 'appearance')})"), _reported_rows(r.cited, links, name, True),
                more(r.offset, len(r.cited), r.cited_total, f"dkg reported-by {p.entity.slug}", links)]
    return out


# --------------------------------------------------------------------------- the pages


_HOW_TIMELINE = {"self": "the event itself", "when": "dated claim", "when (inferred)": "date worked out from the article"}


def entity(p: q.EntityPage, links: Links) -> str:
    e = p.entity
    name = Namer(p.names, links)
    body = [header(p.display_name, e.type, e.iri, links)]
    if p.aliases:
        body.append(el("p", "Also known as: ", join((el("span", n, title=words.words(k)) for n, k in p.aliases), " · "), class_="aliases"))
    # an outlet's page opens with what it carried, a speaker's with what it said
    sections = [said_section(p, links, name), reported_section(p, links, name)]
    if p.reported.published_total > p.said.total:
        sections.reverse()
    for section in sections:
        body += section
    body.append(el("h2", f"What is said about {p.display_name}"))
    if not p.groups:
        body.append(el("p", "No claims about this entity.", class_="muted"))
    for g in p.groups:
        body.append(el("h3", g.label))
        for v in g.values:
            c = v.claim
            quals = qualifiers(c, name)
            line = [
                value(c.value, links),
                el("span", f" ({quals})", class_="muted") if quals else "",
                standing_badge(v.context.standing, v.context.standing_text),
                status_badge(c.status, v.context.standing),
                el("span", f" {words.count(c.appearances, 'appearance')}, {words.count(c.origins, 'independent origin')} · ", class_="muted"),
                el("a", "claim", href=links.node(c.claim, claim=True)),
            ]
            body.append(el("div", el("div", line), context_block(v.context, c.claim, links, name), class_="value"))
    if p.mentioned_in:
        body.append(el("h2", "Named in other claims"))
        body.append(
            el(
                "ul",
                [
                    el("li", a(links.node(m.claim, claim=True), words.figure(m.claim_label) or m.claim), el("span", f" (as {m.role}) about ", class_="muted"), name.link(m.subject))
                    for m in p.mentioned_in
                ],
            )
        )
    if p.timeline:
        rows = [
            el(
                "tr",
                el("td", t.date or "undated"),
                el("td", a(links.node(t.event), t.event_label or t.event or "")),
                el("td", _HOW_TIMELINE.get(t.how, words.words(t.how))),
                el("td", a(links.node(t.claim, claim=True), words.figure(t.claim_label) or t.claim or "")),
            )
            for t in p.timeline
        ]
        body += [el("h2", "Timeline"), el("table", el("tr", el("th", "date"), el("th", "event"), el("th", "how"), el("th", "claim")), rows)]
    return page(p.display_name, join(body), links, e.iri)


def document(p: q.DocumentPage, links: Links) -> str:
    d = p.view
    ref = d.document
    name = Namer(p.names, links)
    facts = []

    def fact(label, *value):
        if any(v for v in value):
            facts.extend([el("dt", label), el("dd", *value)])

    fact("kind", words.words(d.kind))
    fact("outlet", name.link(d.outlet, d.outlet_label) if d.outlet else None)
    fact("issued", d.issued)
    fact("original", original(p.url) if p.url else None)
    fact("byline", ", ".join(d.authors))
    fact("editor", ", ".join(d.editors))
    fact("issued by", ", ".join(d.issued_by))
    fact("re-reports", name.links_to(d.rereports) if d.rereports else None)
    fact("draws on", name.links_to(d.derived_from) if d.derived_from else None)
    fact("cites", name.links_to(d.cites) if d.cites else None)
    fact("quotes", ", ".join(d.speakers))
    body = [header(d.title or ref.label or ref.slug, "Document", ref.iri, links), el("dl", facts, class_="facts")]
    body.append(el("h2", f"Claims it carries ({len(d.claims):,})"))
    rows = []
    for c in d.claims:
        rows.append(
            el(
                "tr",
                el("td", a(links.node(c.claim, claim=True), words.figure(c.claim_label) or c.claim)),
                el("td", el("q", c.quote) if c.quote else "", el("div", f"printed “{c.printed}”", class_="muted") if c.printed else ""),
                el("td", name.link(c.speaker, c.speaker_label) if c.speaker else "", el("div", "for ", name.link(c.on_behalf_of), class_="muted") if c.on_behalf_of else ""),
                el("td", standing_badge(p.standing.get(c.claim)), status_badge(c.status, p.standing.get(c.claim)), el("div", "; ".join(words.hedge(h) for h in c.hedges), class_="muted")),
            )
        )
    if rows:
        body.append(el("table", el("tr", el("th", "claim"), el("th", "as printed"), el("th", "speaker"), el("th", "standing")), rows))
    elif not p.cited_by.cited_total:
        body.append(el("p", "It carries no claim itself, and no document in the graph cites it.", class_="muted"))
    else:
        body.append(el("p", "It carries no claim itself; the documents below cite it.", class_="muted"))
    if p.cited_by.cited_total:
        body.append(el("h2", f"Cited by ({words.count(p.cited_by.cited_total, 'appearance')})"))
        body.append(_reported_rows(p.cited_by.cited, links, name, True))
        body.append(more(p.cited_by.offset, len(p.cited_by.cited), p.cited_by.cited_total, f"dkg reported-by {ref.slug}", links))
    return page(d.title or ref.slug, join(body), links, ref.iri)


def _chain(nodes: list[DocumentNode], links: Links, name: Namer, urls: dict) -> Markup:
    if not nodes:
        return Markup("")
    items = [
        el("li", el("span", words.words(n.relation) + " ", class_="muted"), name.link(n.document, n.title or name(n.document)), " ", original(urls.get(n.document)), _chain(n.upstream, links, name, urls))
        for n in nodes
    ]
    return el("ul", items, class_="chain")


def claim(p: q.ClaimPage, links: Links) -> str:
    c = p.claim
    name = Namer(p.names, links)
    label = words.figure(c.label) or c.slug
    body = [header(label, "Claim", c.iri, links)]
    if p.subject:
        body.append(el("p", "About ", a(links.node(p.subject.slug), p.subject.label or p.subject.slug), standing_badge(p.context.standing, p.context.standing_text)))
    if links.view(c.slug):
        body.append(el("p", el("a", "See where it comes from, as a picture", href=links.view(c.slug)), class_="views"))
    prov = p.provenance
    body.append(el("h2", f"Provenance: {words.count(len(prov.appearances), 'appearance')}, {words.count(len(prov.origins), 'independent origin')}"))
    if prov.unknown_appearances:
        body.append(el("p", f"{words.count(prov.unknown_appearances, 'appearance')} with no known origin (never counted as independent)", class_="muted"))
    items = [source_item(ap.source, links, name, _chain(ap.cited, links, name, p.urls), p.quotes, p.urls) for ap in prov.appearances]
    body.append(el("ul", items, class_="sources"))
    if prov.origins:
        body.append(el("p", "Origins: ", name.links_to(prov.origins)))
    if p.context.stances:
        body += [el("h2", "What others say of it"), el("ul", [stance_item(s, links, name, p.quotes) for s in p.context.stances], class_="stances")]
    if p.context.comparisons:
        body += [el("h2", "Compared with"), el("ul", [pair_item(d, c.slug, links) for d in p.context.comparisons], class_="pairs")]
    return page(label, join(body), links, c.iri)


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


def past_last_page(number: int, last: int, links: Links) -> str:
    """?page=N past the last page of what a page lists: say so, and link the last page."""
    pages = "one page" if last == 1 else f"{last:,} pages"
    body = [el("h1", f"No page {number:,}"),
            el("p", f"What this page lists fits on {pages}; page {number:,} is past the last."),
            el("p", a(links.paged(last), "The last page" if last > 1 else "The page"), " · ", a(links.index(), "Every page"))]
    return page("not found", join(body), links)


def index(entries: list[tuple[str, str, str | None]], links: Links, views: dict[str, str] | None = None) -> str:
    """entries: (type, slug, label), claims included (type Claim); views: pictures written
    beside a static site (dkg/pages/site.py write_views)."""
    groups: dict[str, list] = {}
    for kind, slug, label in entries:
        groups.setdefault(kind, []).append((slug, label))
    body = [el("h1", "Everything dkg minted")]
    if views:
        shown = [(k, t) for k, t in (("graph", "the whole graph"), ("sources", "who relies on whom")) if k in views]
        body.append(el("p", "As pictures: ", join((el("a", t, href=links.rel(views[k])) for k, t in shown), " · "), class_="views"))
    for kind in sorted(groups, key=lambda k: (k == "Claim", k)):
        body.append(el("h2", f"{kind} ({len(groups[kind])})"))
        body.append(el("ul", [el("li", a(links.node(s, claim=kind == "Claim"), label or s)) for s, label in sorted(groups[kind], key=lambda x: (x[1] or x[0]).lower())]))
    return page("index", join(body), links)
