"""dkg viz (interactive HTML, PNG or SVG views of the graph: an entity's relations, a claim's
provenance flow, who relies on whom, the whole graph) and dkg analyse (networkx
measures: most-cited sources and speakers, centrality, shortest connection, ego networks)."""

from __future__ import annotations

import sys
from pathlib import Path

from .framework import add_store, open_store


def register(sub) -> None:
    p = sub.add_parser("viz", help="write a view of the graph as one self-contained HTML page (or PNG/SVG)")
    add_store(p)
    view = p.add_mutually_exclusive_group()
    view.add_argument("--focus", metavar="ENTITY", help="an entity (id, name or alias), its relations and who reported them")
    view.add_argument("--claim", metavar="CLAIM", help="a claim's provenance, read left to right: origins, documents, the claim")
    view.add_argument("--sources", action="store_true", help="who relies on whom: documents and the origins they rest on")
    view.add_argument("--outlet", metavar="OUTLET", help="what one outlet (or document) reported")
    p.add_argument("--depth", type=int, default=1, help="steps of relations around --focus (default 1)")
    p.add_argument("--format", "-f", choices=("html", "png", "svg"), default="html")
    p.add_argument("-o", "--output", help="file to write (default: dkg-<view>.<format>)")
    p.add_argument("--pages", metavar="BASE", help="link each node to its page: the address of `dkg serve` (http://127.0.0.1:8000/) or the folder `dkg site` wrote, relative to the view (site/)")
    p.set_defaults(func=cmd_viz)

    p = sub.add_parser("analyse", help="graph measures: most-cited sources and speakers, centrality, connections")
    add_store(p)
    p.add_argument("--top", type=int, default=10, help="rows per table (default 10)")
    p.add_argument("--connect", nargs=2, metavar=("A", "B"), help="the shortest chain joining two entities")
    p.set_defaults(func=cmd_analyse)


def _entity_node(store, G, text: str, what: str) -> str:
    """A node id from what a person typed: the id itself, or a name or alias the query library
    resolves (suggesting the closest on a miss)."""
    from dkg.queries import graphview

    if text in G:
        return text
    from dkg.queries import api

    ref = api.resolve_entity(store, text, what)
    return graphview.find(G, ref.slug, what)


def _claim_node(store, G, text: str) -> str:
    from dkg.queries import graphview

    if text in G and G.nodes[text].get("type") == "Claim":
        return text
    from dkg.queries import api

    claim = api.resolve_claim(store, text)
    return graphview.find(G, claim.slug, "claim", types=["Claim"])


def cmd_viz(args) -> int:
    from dkg.graph import viz
    from dkg.queries import graphview, readerviews
    from dkg.schema.errors import UnusableInput

    if args.depth < 0:
        raise UnusableInput("--depth must be 0 or more")
    store = open_store(args)
    G = graphview.project(store)
    names = graphview.known_names(store)
    if args.focus:
        center = _entity_node(store, G, args.focus, "entity")
        view = readerviews.relations_view(G, center, args.depth, names)
    elif args.claim:
        view = readerviews.flow_view(G, _claim_node(store, G, args.claim), names)
    elif args.sources:
        view = readerviews.sources_view(G, names)
    elif args.outlet:
        outlet = _entity_node(store, G, args.outlet, "outlet")
        view = readerviews.outlet_view(G, outlet, names)
    else:
        view = readerviews.whole_view(G, names)
    output = Path(args.output or f"dkg-{view.name}.{args.format}")
    V = view.graph
    if args.format == "html":
        viz.render_html(V, view.title, output, positions=view.positions, describe=lambda H, n: graphview.describe(G, n) if n in G else viz.plain_lines(H, n),
                        header=view.header, hidden_types=view.hidden_types, pages=viz.pages_base(args.pages) if args.pages else None)
    else:
        viz.render_static(V, view.title, output, fmt=args.format, positions=view.positions, header=view.header, hidden_types=view.hidden_types)
    print(f"wrote {output} ({V.number_of_nodes():,} nodes, {V.number_of_edges():,} edges)")
    return 0


def _table(title: str, header: list[str], rows: list[list]) -> None:
    """A titled table that fits the terminal, its data text escaped (dkg/printer.py)."""
    from dkg.printer import Printer, whole_cell

    out = Printer()
    out.heading(title)
    if not rows:
        out.line("  (none)")
    else:  # ids are printed whole, to copy
        out.table(header, [[whole_cell(None, c) if h == "id" else c for h, c in zip(header, r)] for r in rows])
    out.blank()


def cmd_analyse(args) -> int:
    from dkg.queries import graphview

    store = open_store(args)
    G = graphview.project(store)
    if args.connect:
        a = _entity_node(store, G, args.connect[0], "entity")
        b = _entity_node(store, G, args.connect[1], "entity")
        path = graphview.shortest_connection(G, a, b)
        if not path:
            print(f"{a} and {b} are not connected")
            return 0
        for node, label, step in path:
            print(f"{label}  [{node}]")
            if step:
                print(f"   │ {step}")
        return 0
    print(f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges\n")
    _table("Most-cited sources (appearances citing them)", ["appearances", "id", "source"],
           [[n, k, label] for k, label, n in graphview.most_cited_sources(G, args.top)])
    _table("Most-quoted speakers (appearances attributed to them)", ["appearances", "id", "speaker"],
           [[n, k, label] for k, label, n in graphview.top_speakers(G, args.top)])
    _table("Most central people and units (betweenness)", ["betweenness", "degree", "id", "name"],
           [[f"{b:.4f}", d, k, label] for k, label, b, d in graphview.centrality(G, n=args.top)])
    sys.stdout.flush()
    return 0
