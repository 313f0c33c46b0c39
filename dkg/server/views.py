"""The HTML views `dkg site` writes (the whole graph, who relies on whom, the flow of a claim),
served by `dkg serve` under /views/, each node linking to its page and each page to its views.

A view is drawn from the projection of the whole build (queries/graphview.py), which takes
seconds on a large graph, so a worker keeps the projection of the build it answers from and
the last views it drew, and draws them inside the time limit like any query. A build with more
nodes than a site draws (pages/site.py VIEW_NODES) gets a 404 saying so, as `dkg site` leaves
its views out.

The view's scripts and styles are inline (one offline file), so its Content-Security-Policy
names each by its SHA-256 rather than allowing inline code: nothing else on the page runs, and
the graph's data sits in a JSON block that is never executed.
"""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

WHOLE = {"graph": "views/graph.html", "sources": "views/sources.html"}


class Served(Mapping):
    """What `Links.views` holds on a served page: every view exists (drawn when asked), so a
    claim's page links to its flow whatever the claim."""

    def __getitem__(self, key: str) -> str:
        return WHOLE.get(key) or "views/claim/" + quote(key, safe="") + ".html"

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and bool(key)

    def __iter__(self):
        return iter(WHOLE)

    def __len__(self) -> int:
        return len(WHOLE)


_PROJECTION: dict = {}  # the build's name, its projection and names
_DRAWN: OrderedDict[tuple[str, str], str] = OrderedDict()
DRAWN_KEPT = 8  # views kept per worker (the whole graph at 10k entities is a few megabytes)


def respond(store, build: str, name: str) -> tuple[int, str]:
    """(status, HTML or a plain reason) for /views/<name> (graph.html, sources.html, claim/<key>.html)."""
    from dkg.pages.site import VIEW_NODES, write_view
    from dkg.queries import graphview, readerviews

    if _PROJECTION.get("build") != build:
        _PROJECTION.clear()
        _DRAWN.clear()
        _PROJECTION.update(build=build, G=graphview.project(store), names=graphview.known_names(store))
    G, names = _PROJECTION["G"], _PROJECTION["names"]
    if G.number_of_nodes() > VIEW_NODES:
        return 404, f"no views of this build: {G.number_of_nodes():,} nodes is more than a view draws ({VIEW_NODES:,})\n"
    cached = _DRAWN.get((build, name))
    if cached is not None:
        _DRAWN.move_to_end((build, name))
        return 200, cached
    if name in ("graph.html", "sources.html"):
        view, up = (readerviews.whole_view if name == "graph.html" else readerviews.sources_view)(G, names), "../"
    else:
        key = name.removeprefix("claim/").removesuffix(".html")
        if not (name.startswith("claim/") and name.endswith(".html")) or G.nodes.get(key, {}).get("type") != "Claim":
            return 404, f"no view {name[:80]!r}: the views are graph.html, sources.html and claim/<claim key>.html\n"
        view, up = readerviews.flow_view(G, key, names), "../../"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "view.html"
        write_view(G, view, path, (up, ""))
        text = path.read_text(encoding="utf-8")
    _DRAWN[(build, name)] = text
    while len(_DRAWN) > DRAWN_KEPT:
        _DRAWN.popitem(last=False)
    return 200, text


_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)  # the view's own code; the JSON block has a type


def csp(text: str) -> str:
    """A policy that lets exactly the view's inline scripts and styles run, by their hashes."""
    hashes = {"script": [], "style": []}
    for kind, body in _INLINE.findall(text):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes[kind].append(f"'sha256-{digest}'")
    scripts, styles = (" ".join(hashes[k]) or "'none'" for k in ("script", "style"))
    return (f"default-src 'none'; script-src {scripts}; style-src {styles}; img-src data:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
