"""The built RDF graph as a typed networkx MultiDiGraph, for analysis, Gephi and the HTML views.

SPARQL answers "which claims say X"; questions about the shape of the graph (who is most
central, how two people are connected, what lies within two steps of a unit) are graph
algorithms, which networkx has. The projection keeps what a reader follows: entities,
documents, outlets and claims are nodes (id = the IRI's readable local name, `type` = the most
specific dkg class, `label`); each appearance of a claim becomes a `reportedIn` edge from the
claim to its document carrying the appearance's provenance (value as printed, quote, dates,
speaker, cited documents, origins), with `attributedTo` and `citesSource` edges beside it so
speakers and upstream documents are reachable too. Figures, appearances and ontology terms are
folded into attributes. Stances (one document's position on a claim) become `stance` edges
from the claim to the stating document and build-time comparisons `comparison` edges between
the two claims; both are absent from graphs built before they existed. Every attribute is a
plain string or number, so the graph exports to GraphML and GEXF unchanged.

The projection lives in the queries layer because it is a question asked of the store: its
SPARQL is in rq/viz/viz_*.rq, in the same format as every other query. The pictures drawn from it are in
readerviews.py (what a reader sees) and dkg.graph.viz (how it is drawn).
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from functools import lru_cache
from difflib import get_close_matches
from typing import Iterable

import networkx as nx

from ..schema.declarations import edges
from ..schema.errors import NotFound, UnusableInput
from ..schema.iris import ID, UNKNOWN_ORIGIN, local_name
from . import library
from .words import count, figure, hedge, status, words

# Most specific first: a node gets the first of these classes it has.
TYPES = [
    "Claim",
    "Outlet",
    "SourceDocument",
    "Document",
    "Person",
    "MilitaryUnit",
    "Organization",
    "Aircraft",
    "EquipmentItem",
    "AircraftType",
    "EquipmentType",
    "Place",
    "Event",
]
ENTITY_TYPES = set(TYPES) - {"Claim"}
DOCUMENT_TYPES = {"SourceDocument", "Document"}

@lru_cache(maxsize=None)
def _query(name: str) -> library.Query:
    """One of the projection's own queries, rq/viz/<name>.rq: kept apart from the analysts'
    library (`dkg queries`, golden cases) because they answer no question on their own."""
    return library.parse(library.QUERY_DIR / "viz" / f"{name}.rq")


def _run(store, name: str):
    return _query(name).run(store)


# Links between curated things themselves (not through claims), by edge name: the entity
# fields declared as edges (schema/declarations.py), which viz_links.rq is generated from.
_LINKS = set(edges())


def node_id(iri: str) -> str:
    """The node id of an IRI: its readable local name (slug, or a claim's key)."""
    return local_name(iri)


def _term(iri: str) -> str:
    """The last segment of a vocabulary term's IRI (dkg:Contested, cito:disputes -> disputes)."""
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def _text(term) -> str | None:
    return None if term is None else term.value


def project(store) -> nx.MultiDiGraph:
    """The typed MultiDiGraph of a store (see the module docstring)."""
    G = nx.MultiDiGraph()
    types: dict[str, str] = {}
    attrs: dict[str, dict] = defaultdict(dict)
    rank = {t: i for i, t in enumerate(TYPES)}
    for row in _run(store, "viz_nodes").rows:
        iri = row["s"].value
        if not iri.startswith(ID):
            continue
        t = local_name(row["type"].value)
        if iri not in types or rank[t] < rank[types[iri]]:
            types[iri] = t
        a = attrs[iri]
        for key, var in (("label", "label"), ("kind", "kind"), ("description", "description"), ("issued", "issued"), ("issuedPrinted", "issuedPrinted")):
            if key not in a and row.get(var) is not None:
                a[key] = row[var].value
    for iri in sorted(types):
        a = attrs[iri]
        G.add_node(node_id(iri), type=types[iri], label=a.pop("label", node_id(iri)), iri=iri, **a)

    def link(s: str, o: str, label: str, **data) -> None:
        u, v = node_id(s), node_id(o)
        if u in G and v in G:
            G.add_edge(u, v, label=label, **{k: x for k, x in data.items() if x not in (None, "")})

    for row in sorted(_run(store, "viz_links").rows, key=lambda r: (r["s"].value, r["p"].value, r["o"].value)):
        if row["s"].value != row["o"].value:
            link(row["s"].value, row["o"].value, row["p"].value)

    seen = set()
    for row in sorted(_run(store, "viz_claims").rows, key=lambda r: r["c"].value):
        c = row["c"].value
        if c in seen or node_id(c) not in G:
            continue
        seen.add(c)
        prop = local_name(row["property"].value)
        value = row["value"]
        cid = node_id(c)
        node = G.nodes[cid]
        node["property"] = prop
        node["status"] = local_name(row["status"].value)
        node["subject"] = node_id(row["subject"].value)
        if value.type == "uri" and node_id(value.value) in G:
            node["value"] = G.nodes[node_id(value.value)]["label"]
        else:
            node["value"] = _text(row.get("valueLabel")) or value.value
        for key in ("statusReason", "when", "group"):
            if row.get(key) is not None:
                node[key] = row[key].value
        if row.get("standing") is not None:
            node["standing"] = _term(row["standing"].value)
        link(c, row["subject"].value, "subject")
        if value.type == "uri":
            link(c, value.value, prop)
        for key in ("place", "equipment"):
            if row.get(key) is not None:
                link(c, row[key].value, key)

    for row in sorted(_run(store, "viz_appearances").rows, key=lambda r: r["a"].value):
        c, doc = row["c"].value, row["doc"].value
        cited = sorted((row["cites"].value if row.get("cites") else "").split())
        origins = sorted((row["origins"].value if row.get("origins") else "").split())
        speaker = _text(row.get("speaker"))
        link(
            c,
            doc,
            "reportedIn",
            appearance=row["a"].value,
            printed=_text(row.get("printed")),
            whenPrinted=_text(row.get("whenPrinted")),
            quote=_text(row.get("quote")),
            remark=_text(row.get("remark")),
            speaker=node_id(speaker) if speaker else None,
            onBehalfOf=node_id(row["onBehalfOf"].value) if row.get("onBehalfOf") else None,
            cites=" ".join(node_id(x) for x in cited),
            origins=" ".join("unknown" if x == UNKNOWN_ORIGIN else node_id(x) for x in origins),
            hedges=", ".join(h for h in (_text(row.get("hedges")) or "").split(", ") if h) or None,
        )
        if speaker:
            link(c, speaker, "attributedTo", document=node_id(doc))
        if row.get("onBehalfOf") is not None:
            link(c, row["onBehalfOf"].value, "onBehalfOf", document=node_id(doc))
        for up in cited:
            link(c, up, "citesSource", document=node_id(doc))

    # Claims about claims (absent from graphs built before stances and comparisons existed).
    for row in sorted(_run(store, "viz_stances").rows, key=lambda r: r["st"].value):
        doc = row.get("doc")
        link(
            row["claim"].value,
            doc.value if doc is not None else row["claim"].value,
            "stance",
            stance=row["st"].value,
            kind=_term(row["kind"].value),
            speaker=node_id(row["speaker"].value) if row.get("speaker") else None,
            onBehalfOf=node_id(row["onBehalfOf"].value) if row.get("onBehalfOf") else None,
            quote=_text(row.get("quote")),
            origin=node_id(row["origin"].value) if row.get("origin") else None,
        )
    for row in sorted(_run(store, "viz_comparisons").rows, key=lambda r: r["cmp"].value):
        reasons = sorted((row["reasons"].value if row.get("reasons") else "").split())
        link(
            row["left"].value,
            row["right"].value,
            "comparison",
            verdict=_term(row["verdict"].value),
            reasons=" ".join(_term(r) for r in reasons),
            why=_text(row.get("why")),
        )
    return G


# ---- finding nodes by name ------------------------------------------------------------------


def known_names(store) -> dict[str, list[str]]:
    """Every name, alias and transliteration of each entity and document, by node id."""
    from .resolve import entity_names

    out: dict[str, list[str]] = defaultdict(list)
    for row in entity_names(store):
        out[row.slug].append(row.name)
    return dict(out)


def find(G: nx.MultiDiGraph, name: str, what: str = "entity", types: Iterable[str] | None = None) -> str:
    """The node called `name` (a slug or claim key), else NotFound with the closest names."""
    allowed = set(types) if types is not None else None
    candidates = [n for n, t in G.nodes(data="type") if allowed is None or t in allowed]
    if name in candidates:
        return name
    raise NotFound(what, name, get_close_matches(name, candidates, n=3, cutoff=0.5))


# ---- views ---------------------------------------------------------------------------------


def ego(G: nx.MultiDiGraph, center: str, depth: int = 1) -> nx.MultiDiGraph:
    """Everything within `depth` steps of `center`, whichever way the edges point."""
    if depth < 0:
        raise UnusableInput("--depth must be 0 or more")
    return nx.ego_graph(G, center, radius=depth, undirected=True).copy()


_CLAIM_OUT = {"subject", "reportedIn", "attributedTo", "onBehalfOf", "citesSource", "place", "equipment"}
_PUBLISHER = {"outlet", "issuedBy", "author", "rereports"}
_UPSTREAM = _PUBLISHER | {"derivedFrom"}


def _upstream(G: nx.MultiDiGraph, start: Iterable[str], follow: set[str] = _UPSTREAM) -> set[str]:
    """Documents and whoever published or issued them, followed through what they re-report
    (and, with the default `follow`, through everything they draw on)."""
    keep, todo = set(), list(start)
    while todo:
        n = todo.pop()
        if n in keep:
            continue
        keep.add(n)
        if G.nodes[n].get("type") in DOCUMENT_TYPES:
            for _, v, label in G.out_edges(n, data="label"):
                if label in follow:
                    todo.append(v)
    return keep


def provenance(G: nx.MultiDiGraph, claim: str) -> nx.MultiDiGraph:
    """A claim with what it is about, the documents that carry it, their outlets, the speakers,
    the documents cited (and what those cite in turn) and who issued them."""
    keep = {claim}
    carriers, cited = [], []
    for _, v, label in G.out_edges(claim, data="label"):
        keep.add(v)
        if label == "reportedIn":
            carriers.append(v)
        elif label == "citesSource":
            cited.append(v)
    # A carrying document's own sources are not this claim's, unless it re-reports as a whole.
    keep |= _upstream(G, carriers, _PUBLISHER)
    keep |= _upstream(G, cited)
    return G.subgraph(keep).copy()


def outlet_view(G: nx.MultiDiGraph, outlet: str) -> nx.MultiDiGraph:
    """What one outlet reported: its documents, their claims, what the claims are about, the
    speakers and the sources they cite."""
    keep = {outlet}
    docs = [u for u, _, label in G.in_edges(outlet, data="label") if label == "outlet"]
    keep |= _upstream(G, docs, _PUBLISHER)
    for d in docs:
        for c, _, label in G.in_edges(d, data="label"):
            if label == "reportedIn":
                keep.add(c)
                for _, v, l2 in G.out_edges(c, data="label"):
                    if l2 != "reportedIn" or v == d:
                        keep.add(v)
                        if l2 == "citesSource":
                            keep |= _upstream(G, [v])
    return G.subgraph(keep).copy()


# ---- analysis ------------------------------------------------------------------------------


def _ranked(counter: Counter, G, n: int) -> list[tuple[str, str, int]]:
    return [(k, G.nodes[k].get("label", k), v) for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def most_cited_sources(G: nx.MultiDiGraph, n: int = 10) -> list[tuple[str, str, int]]:
    """Documents by how many appearances of claims cite them: (id, label, appearances)."""
    counts = Counter((e.get("document"), c, v) for c, v, e in G.edges(data=True) if e.get("label") == "citesSource")
    return _ranked(Counter(v for _, _, v in counts), G, n)


def top_speakers(G: nx.MultiDiGraph, n: int = 10) -> list[tuple[str, str, int]]:
    """People and organizations by how many appearances of claims are attributed to them."""
    counts = Counter(e["speaker"] for _, _, e in G.edges(data=True) if e.get("label") == "reportedIn" and e.get("speaker"))
    return _ranked(counts, G, n)


def centrality(G: nx.MultiDiGraph, types: Iterable[str] = ("Person", "MilitaryUnit"), n: int = 10, sample: int = 500) -> list[tuple[str, str, float, int]]:
    """Betweenness centrality of nodes of the given types in the undirected graph (claims and
    documents count as the paths between them): (id, label, betweenness, degree). Above
    `sample` nodes the betweenness is estimated from that many sources (fixed seed)."""
    U = nx.Graph(G)
    k = None if len(U) <= sample else sample
    between = nx.betweenness_centrality(U, k=k, seed=0 if k else None)
    wanted = set(types)
    rows = [(v, G.nodes[v].get("label", v), between[v], U.degree(v)) for v in U if G.nodes[v].get("type") in wanted]
    rows.sort(key=lambda r: (-r[2], -r[3], r[0]))
    return rows[:n]


def shortest_connection(G: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str, str | None]]:
    """The shortest chain of nodes joining a and b, whichever way edges point:
    [(node, label, edge label leading to the next node or None)]; [] when unconnected."""
    U = G.to_undirected(as_view=True)
    try:
        path = nx.shortest_path(U, a, b)
    except nx.NetworkXNoPath:
        return []
    out = []
    for i, node in enumerate(path):
        step = None
        if i + 1 < len(path):
            nxt = path[i + 1]
            data = G.get_edge_data(node, nxt) or G.get_edge_data(nxt, node)
            step = sorted(d.get("label", "") for d in data.values())[0]
        out.append((node, G.nodes[node].get("label", node), step))
    return out


# ---- tooltips ------------------------------------------------------------------------------


def describe(G: nx.MultiDiGraph, n: str) -> list[str]:
    """Lines a reader sees when pointing at a node: for a claim, the claim and each document
    that carries it, with the value as printed, dates, speaker, cited sources and quote."""
    a = G.nodes[n]
    t = a.get("type", "")
    lines = [figure(str(a.get("label", n))), words(t) if t else ""]
    if t == "Claim":
        if status(a.get("status")) or a.get("statusReason"):
            lines.append(f"status: {status(a.get('status')) or 'accepted'}" + (f" ({a['statusReason']})" if a.get("statusReason") else ""))
        if a.get("when"):
            lines.append(f"when: {a['when']}")
        if a.get("group"):
            lines.append(f"group: {a['group']}")
        for _, doc, e in sorted(G.out_edges(n, data=True), key=lambda x: x[1]):
            if e.get("label") != "reportedIn":
                continue
            d = G.nodes[doc]
            dated = d.get("issued") or d.get("issuedPrinted") or "undated"
            lines.append(f"— in {d.get('label', doc)} ({dated})")
            if e.get("printed"):
                lines.append(f"   printed: {e['printed']}")
            if e.get("whenPrinted"):
                lines.append(f"   when printed: {e['whenPrinted']}")
            if e.get("speaker"):
                who = G.nodes[e["speaker"]].get("label", e["speaker"]) if e["speaker"] in G else e["speaker"]
                lines.append(f"   said by: {who}")
            if e.get("cites"):
                names = [G.nodes[c].get("label", c) if c in G else c for c in e["cites"].split()]
                lines.append("   citing: " + "; ".join(names))
            if e.get("hedges"):
                lines.append("   hedged: " + "; ".join(hedge(h.strip()) for h in e["hedges"].split(",") if h.strip()))
            if e.get("quote"):
                lines.append(f"   “{e['quote']}”")
    else:
        for key in ("kind", "issued", "issuedPrinted", "description"):
            if a.get(key):
                lines.append(f"{words(key)}: {words(a[key]) if key == 'kind' else a[key]}")
        for _, v, label in sorted(G.out_edges(n, data="label"), key=lambda x: (x[2], x[1])):
            if label in _LINKS:
                lines.append(f"{words(label)}: {G.nodes[v].get('label', v)}")
        incoming = Counter(label for _, _, label in G.in_edges(n, data="label"))
        for label, (noun, rest) in (("reportedIn", ("claim appearance", "in it")), ("outlet", ("document", "published")), ("attributedTo", ("claim", "attributed")), ("citesSource", ("citation", "of it")), ("subject", ("claim", "about it"))):
            if incoming[label]:
                lines.append(f"{count(incoming[label], noun)} {rest}")
    return lines


# ---- export --------------------------------------------------------------------------------


def export_text(store, fmt: str) -> str:
    """The projection as GraphML or GEXF text, for Gephi and other graph tools."""
    if fmt not in ("graphml", "gexf"):
        raise UnusableInput(f"unknown graph format {fmt!r}; choose graphml or gexf")
    G = project(store)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(G, buf, encoding="utf-8")
    else:
        # GEXF edge ids must be unique across the file; number them.
        H = nx.MultiDiGraph()
        H.add_nodes_from(G.nodes(data=True))
        for i, (u, v, d) in enumerate(G.edges(data=True)):
            H.add_edge(u, v, key=i, id=str(i), **d)
        nx.write_gexf(H, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


__all__ = [
    "project",
    "find",
    "ego",
    "provenance",
    "outlet_view",
    "most_cited_sources",
    "top_speakers",
    "centrality",
    "shortest_connection",
    "describe",
    "export_text",
]
