"""dkg viz (interactive HTML, PNG or SVG views of the graph) and dkg analyse (networkx
measures: most-cited sources and speakers, centrality, shortest connection, ego networks)."""

from __future__ import annotations

import sys
from pathlib import Path

from .query import add_store, open_store


def register(sub) -> None:
    p = sub.add_parser("viz", help="write a view of the graph as one self-contained HTML page (or PNG/SVG)")
    add_store(p)
    view = p.add_mutually_exclusive_group()
    view.add_argument("--focus", metavar="ENTITY", help="an entity (id, name or alias) and what lies around it")
    view.add_argument("--claim", metavar="CLAIM", help="a claim's provenance: documents, outlets, speakers, cited sources")
    view.add_argument("--outlet", metavar="OUTLET", help="what one outlet (or document) reported")
    p.add_argument("--depth", type=int, default=2, help="steps around --focus (default 2: its claims and what they name)")
    p.add_argument("--format", "-f", choices=("html", "png", "svg"), default="html")
    p.add_argument("-o", "--output", help="file to write (default: dkg-<view>.<format>)")
    p.set_defaults(func=cmd_viz)

    p = sub.add_parser("analyse", help="graph measures: most-cited sources and speakers, centrality, connections")
    add_store(p)
    p.add_argument("--top", type=int, default=10, help="rows per table (default 10)")
    p.add_argument("--connect", nargs=2, metavar=("A", "B"), help="the shortest chain joining two entities")
    p.set_defaults(func=cmd_analyse)


def _entity_node(store, G, text: str, what: str) -> str:
    """A node id from what a person typed: the id itself, or a name or alias the query library
    resolves (suggesting the closest on a miss)."""
    from dkg.graph import nxview

    if text in G:
        return text
    from dkg.queries import api

    ref = api.resolve_entity(store, text, what)
    return nxview.find(G, ref.slug, what)


def _claim_node(store, G, text: str) -> str:
    from dkg.graph import nxview

    if text in G and G.nodes[text].get("type") == "Claim":
        return text
    from dkg.queries import api

    claim = api.resolve_claim(store, text)
    return nxview.find(G, claim.slug, "claim", types=["Claim"])


def cmd_viz(args) -> int:
    from dkg.graph import nxview, viz

    store = open_store(args)
    G = nxview.project(store)
    if args.focus:
        center = _entity_node(store, G, args.focus, "entity")
        view, name = nxview.ego(G, center, args.depth), f"focus-{center}"
        title = f"{G.nodes[center]['label']}: everything within {args.depth} step(s)"
    elif args.claim:
        claim = _claim_node(store, G, args.claim)
        view, name = nxview.provenance(G, claim), f"claim-{claim}"
        title = f"Provenance of: {G.nodes[claim]['label']}"
    elif args.outlet:
        outlet = _entity_node(store, G, args.outlet, "outlet")
        view, name = nxview.outlet_view(G, outlet), f"outlet-{outlet}"
        title = f"What {G.nodes[outlet]['label']} reported"
    else:
        view, name, title = G, "graph", "dkg: the whole graph"
    output = Path(args.output or f"dkg-{name}.{args.format}")
    if args.format == "html":
        viz.render_html(view, title, output, describe=lambda H, n: nxview.describe(G, n))
    else:
        viz.render_static(view, title, output, fmt=args.format)
    print(f"wrote {output} ({view.number_of_nodes():,} nodes, {view.number_of_edges():,} edges)")
    return 0


def _table(title: str, header: list[str], rows: list[list]) -> None:
    print(title)
    if not rows:
        print("  (none)\n")
        return
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    print("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    for r in cells:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    print()


def cmd_analyse(args) -> int:
    from dkg.graph import nxview

    store = open_store(args)
    G = nxview.project(store)
    if args.connect:
        a = _entity_node(store, G, args.connect[0], "entity")
        b = _entity_node(store, G, args.connect[1], "entity")
        path = nxview.shortest_connection(G, a, b)
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
           [[n, k, label] for k, label, n in nxview.most_cited_sources(G, args.top)])
    _table("Most-quoted speakers (appearances attributed to them)", ["appearances", "id", "speaker"],
           [[n, k, label] for k, label, n in nxview.top_speakers(G, args.top)])
    _table("Most central people and units (betweenness)", ["betweenness", "degree", "id", "name"],
           [[f"{b:.4f}", d, k, label] for k, label, b, d in nxview.centrality(G, n=args.top)])
    sys.stdout.flush()
    return 0
