"""Answer for one minted IRI, in HTML or RDF, and write every page as a static site.

`respond` is what the server's workers call for GET /id/...; `write_site` is `dkg site`. Both
go through the same resolution (queries/pages.py) and rendering (render.py), so a page reads
the same with or without a server.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from dkg.graph import formats
from dkg.graph.export import jsonld
from dkg.graph.store import OxigraphStore
from dkg.queries import pages as q
from dkg.queries.resolve import claim_index, entity_names
from dkg.schema import iris
from dkg.schema.errors import NotFound

from . import render
from .render import Links

_OX = {f.name: f.ox for f in formats.GRAPHS}  # the one table: graph/formats.py
RDF_MEDIA = {f.name: f.media for f in formats.GRAPHS}


def triples_of(store: OxigraphStore, iri: str) -> list[ox.Triple]:
    """The node's own statements (subject = iri), each once, in a fixed order."""
    try:
        subject = ox.NamedNode(iri)
    except ValueError:  # not an IRI (a slug holding `>`): no node has it
        return []
    answer = store.raw.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        substitutions={ox.Variable("s"): subject},
        use_default_graph_as_union=True,
    )
    return sorted(set(answer), key=lambda t: (str(t.predicate), str(t.object)))


def rdf(store: OxigraphStore, iri: str, fmt: str) -> str:
    triples = triples_of(store, iri)
    if fmt == "jsonld":
        return jsonld(triples)
    return ox.serialize(triples, format=_OX[fmt], prefixes=iris.PREFIXES if fmt == "ttl" else None).decode("utf-8")


def node_ref(store: OxigraphStore, slug: str) -> q.Ref:
    """An entity, document or claim by slug, or another minted node (appearance/..., stance/...,
    comparison/..., figure/...) that has statements; NotFound with close slugs otherwise."""
    if "/" in slug and triples_of(store, iris.entity(slug)):
        return q.Ref(iri=iris.entity(slug), slug=slug, type="Thing")
    return q.what(store, slug)


class PastLastPage(NotFound):
    """?page=N beyond the last page of a page's long lists: the thing exists, the page does not."""

    def __init__(self, slug: str, number: int, last: int):
        super().__init__("page", f"{slug} page {number}")
        self.slug, self.number, self.last = slug, number, last


def html(store: OxigraphStore, slug: str, links: Links) -> str:
    """The page for a slug or claim key; raises NotFound (with close slugs) for anything else."""
    ref = node_ref(store, slug)
    number = links.number
    if number > 1 and (ref.type == "Claim" or "/" in slug):
        raise PastLastPage(slug, number, 1)  # these pages have no long lists
    if ref.type == "Claim":
        return render.claim(q.claim_page(store, slug), links)
    if ref.type == "Document":
        doc = q.document_page(store, slug, number)
        _within(slug, number, doc.cited_by.cited_total)
        return render.document(doc, links)
    if "/" in slug:  # an appearance, stance, comparison or figure
        found = [(iris.local_name(t.predicate.value) if t.predicate.value.startswith(iris.ONTOLOGY) else t.predicate.value,
                  t.object.value, isinstance(t.object, ox.NamedNode) and t.object.value.startswith(iris.ID))
                 for t in triples_of(store, ref.iri)]
        return render.node(ref.iri, found, links)
    ent = q.entity_page(store, slug, number)
    _within(slug, number, max(ent.said.total, ent.reported.published_total, ent.reported.cited_total))
    return render.entity(ent, links)


def _within(slug: str, number: int, longest: int) -> None:
    """A page number past the last page of the page's longest list is not found."""
    last = max(1, -(-longest // q.PAGE_ITEMS))
    if number > last:
        raise PastLastPage(slug, number, last)


def respond(store: OxigraphStore, slug: str, fmt: str, links: Links) -> tuple[int, str, str]:
    """(status, media type, text) for GET /id/<slug> in `fmt` (html, ttl, jsonld, nt, rdf);
    the empty slug is the index of every page. `links.number` is the page of long lists (?page=)."""
    if not slug and fmt == "html":
        return 200, "text/html", render.index(entries(store), links, links.views)
    try:
        ref = node_ref(store, slug)
    except NotFound as exc:
        if fmt != "html":
            return 404, "text/plain", f"no node called {slug!r}" + (f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else "") + "\n"
        return 404, "text/html", render.not_found(slug, list(exc.suggestions), links)
    if fmt == "html":
        try:
            return 200, "text/html", html(store, slug, links)
        except PastLastPage as exc:
            return 404, "text/html", render.past_last_page(exc.number, exc.last, links)
    return 200, RDF_MEDIA[fmt], rdf(store, ref.iri, fmt)


def entries(store: OxigraphStore) -> list[tuple[str, str, str | None]]:
    """(type, slug, label) of every entity, document and claim: what has a page."""
    seen: dict[str, tuple[str, str, str | None]] = {}
    for r in entity_names(store):
        if r.name_kind == "name" or r.slug not in seen:
            seen[r.slug] = (r.type, r.slug, r.name if r.name_kind == "name" else seen.get(r.slug, (0, 0, None))[2])
    for c in claim_index(store):
        seen.setdefault(c.slug, ("Claim", c.slug, c.label))
    return sorted(seen.values(), key=lambda e: (e[0], e[1]))


def write_site(store: OxigraphStore, target: Path, progress=lambda step: None) -> int:
    """Every page as DIR/id/<slug>.html and DIR/id/claim/<key>.html, an index and the
    stylesheet; links are relative, so the folder can be opened from disk or copied anywhere.
    Returns the number of pages written."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "pages.css").write_text(render.CSS, encoding="utf-8")
    items = entries(store)
    views = write_views(store, target, progress)
    (target / "index.html").write_text(render.index(items, Links("index", ".html", server=False), views), encoding="utf-8")
    written = 1
    for kind, slug, _label in items:
        here = ("id/claim/" if kind == "Claim" else "id/") + slug
        path = target / (here + ".html")
        path.parent.mkdir(parents=True, exist_ok=True)
        links = Links(here, ".html", server=False)
        links.views = views
        path.write_text(html(store, slug, links), encoding="utf-8")
        written += 1
        if written % 100 == 0:
            progress(f"{written} pages")
    return written


VIEW_NODES = 20_000  # a site draws its whole-graph and sources views up to this many nodes
FLOW_VIEWS = 500  # and the provenance flow of this many claims with a standing, at most


def write_views(store: OxigraphStore, target: Path, progress=lambda step: None) -> dict[str, str]:
    """The views a reader of the site can open, each linking its nodes back to the pages:
    the whole graph, who relies on whom, and the flow of each claim the build gave a standing
    (contested, confirmed, unverified). Returns {name or claim key: path below the site}."""
    from dkg.queries import graphview, readerviews

    G = graphview.project(store)
    names = graphview.known_names(store)
    out: dict[str, str] = {}
    if G.number_of_nodes() > VIEW_NODES:
        progress(f"views left out: {G.number_of_nodes():,} nodes is more than a site draws ({VIEW_NODES:,})")
        return out

    def write(view, rel: str, up: str) -> None:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_view(G, view, path, (up, ".html"))

    write(readerviews.whole_view(G, names), "views/graph.html", "../")
    out["graph"] = "views/graph.html"
    write(readerviews.sources_view(G, names), "views/sources.html", "../")
    out["sources"] = "views/sources.html"
    flows = sorted(n for n, a in G.nodes(data=True) if a.get("type") == "Claim" and a.get("standing") in ("Contested", "Confirmed", "Unverified"))
    for key in flows[:FLOW_VIEWS]:
        write(readerviews.flow_view(G, key, names), f"views/claim/{key}.html", "../../")
        out[key] = f"views/claim/{key}.html"
    progress(f"{len(out)} views")
    return out


def write_view(G, view, path: Path, pages: tuple[str, str]) -> None:
    """One view (queries/readerviews.py) as an HTML file whose nodes link to their pages at
    `pages` (base, suffix): ("../", ".html") inside a site, ("../", "") under `dkg serve`."""
    from dkg.graph import viz
    from dkg.queries import graphview

    viz.render_html(view.graph, view.title, path, positions=view.positions, header=view.header, hidden_types=view.hidden_types,
                    describe=lambda H, n: graphview.describe(G, n) if n in G else viz.plain_lines(H, n), pages=pages)
