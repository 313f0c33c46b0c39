"""What a reader sees: the pictures `dkg viz` draws, cut from the networkx projection.

The projection (graphview.py) is faithful to the RDF: every claim is a node, every appearance
an edge. A reader with no training needs the opposite, so each view here folds claims away
and speaks plain words (in the manner of Aleph's network diagrams, where evidence sits behind
an edge):

- `relations_view`: an entity in the middle and its relations ("served in", "defected with",
  "took part in", "reported by") as labelled edges; the claims behind an edge are folded into
  it: its width grows with the number of independent origins, one origin draws it dashed, a
  contested or disagreeing claim colours it, and its details list the sources with quotes.
  Claim nodes are there too but hidden until the reader asks for them.
- `flow_view`: one claim's provenance read left to right: origins, the documents cited, the
  documents that carry it (each with the value as printed, its hedges, and who said it hanging
  off it), the claim, and any claim it disagrees with.
- `sources_view`: who relies on whom: origins, the documents resting on them (edge width: the
  number of claims), the outlets publishing those documents.
- `whole_view`: every entity with claims folded into relations, coloured by community.

Each view returns a `View`: a MultiDiGraph whose nodes and edges carry what dkg.graph.viz draws
(label, type, badges, details lines, search keys; width, dashes, tone) and positions when the
view has a layout of its own (the flows and the relations), plus a header for the page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from ..schema.declarations import edges
from ..schema.fold import fold, skeleton
from ..schema import vocab
from ..schema.vocab import PROPERTIES, StanceKind, camel
from .graphview import DOCUMENT_TYPES
from .words import HEDGE_WORDS, count, figure

# ---- words a reader understands --------------------------------------------------------------

RELATION_LABELS = {p.direct_name: p.label for p in PROPERTIES.values()}
# Relations drawn from the value to the subject, so the edge reads as a sentence.
INVERSE = {"participant": "took part in", "organizedBy": "organized", "foundedBy": "co-founded"}
# the links between curated things in the words their declarations give (schema/declarations.py),
# then the edges the projection makes from claims
LINK_LABELS = {
    **{name: words for name, (_pred, words) in edges().items()},
    "reportedIn": "reported in",
    "attributedTo": "said",
    "onBehalfOf": "said on behalf of",
    "citesSource": "cites",
    "subject": "about",
    "place": "at",
    "equipment": "with",
    "stance": "takes a stance on",
    "comparison": "compared with",
}
HEDGES = HEDGE_WORDS
# the local names of the stance kinds' terms (cito:agreesWith, dkg:couldNotVerify), in words
STANCES = {camel(k.value): k.value.replace("_", " ") for k in StanceKind}
CONTESTING = {k.value for k in vocab.CONTESTING}
VERDICTS = {
    "Contradiction": "contradicts",
    "ApparentDisagreement": "seems to disagree with",
    "Agree": "agrees with",
    "NotComparable": "cannot be compared with",
}
DISAGREEING = {"Contradiction", "ApparentDisagreement"}
REASONS = {"DifferentTime": "different time", "DifferentScope": "different scope", "RuleAgainstInstance": "a rule against one case"}
ENTITY_TYPES = {"Person", "MilitaryUnit", "Organization", "Aircraft", "EquipmentItem", "AircraftType", "EquipmentType", "Place", "Event"}
FLOW_COLUMN = 320  # px between the columns of a flow
ROW = 74  # px between rows


@dataclass
class View:
    """A picture ready to draw: the graph, its title and header lines, positions when the view lays
    itself out, the node types hidden until asked for, and a name for its file."""

    graph: nx.MultiDiGraph
    title: str
    header: list[dict] = field(default_factory=list)  # {"text": ..., "node": optional id to focus}
    positions: dict | None = None
    hidden_types: set[str] = field(default_factory=set)
    name: str = "view"


def label(G, n) -> str:
    """A node's label, or the node itself when the graph has no such node (a slug a view names)."""
    return str(G.nodes[n].get("label", n)) if n in G else str(n)


def search_keys(names) -> list[str]:
    """Folded and skeleton keys of every name a node is known by, for the page's search."""
    keys = []
    for name in names:
        for key in (fold(name), skeleton(name)):
            if key and key not in keys:
                keys.append(key)
    return keys


def short_name(G, n, names: dict | None, limit: int = 32) -> str:
    """The label, or when it is long the shortest alias a reader would know (HUR for the Main
    Intelligence Directorate ...); of equally short ones, the one the curators made its id
    (HUR, not DIU or GUR, for `hur`), then the first in order."""
    full = label(G, n)
    if len(full) <= limit:
        return full
    aliases = [a for a in (names or {}).get(n, []) if 3 <= len(a) < len(full) and a.isascii()]
    return min(aliases, key=lambda a: (len(a), a.lower() != n)) if aliases else _lines(full, limit // 2 + 4, 3)


def publisher(G, doc: str) -> str | None:
    """Who put a document out: its outlet, else its issuer, else its author."""
    for want in ("outlet", "issuedBy", "author"):
        for _, v, lab in G.out_edges(doc, data="label"):
            if lab == want:
                return v
    return None


def doc_label(G, doc: str, width: int = 30) -> str:
    """A document as a reader names it: the publisher on one line, the title below."""
    pub = publisher(G, doc)
    title = _lines(label(G, doc), width, 2)
    return f"{label(G, pub)}\n{title}" if pub and label(G, pub) != label(G, doc) else title


def _lines(text: str, width: int, most: int) -> str:
    """Wrapped at word boundaries on at most `most` lines; only what is past them is cut."""
    lines = _wrap(text, width).split("\n")
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        lines[-1] = last + " …" if len(last) + 2 <= width + 2 else last[: width - 1] + "…"
    return "\n".join(lines)


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- what is known about one claim ------------------------------------------------------------


@dataclass
class ClaimFacts:
    """What the projection says of one claim, gathered once for its badges, lines and edge style:
    appearances, origins, hedges, stances, comparisons and standing."""

    claim: str
    appearances: list[tuple[str, dict]]
    origins: set[str]
    unknown: int
    hedges: set[str]
    stances: list[tuple[str, dict]]
    comparisons: list[tuple[str, dict]]
    standing: str | None

    @property
    def independent(self) -> int:
        """How many known origins the claim rests on."""
        return len(self.origins)

    @property
    def disagreeing(self) -> list[tuple[str, dict]]:
        """The comparisons whose verdict is a contradiction or an apparent disagreement."""
        return [(o, d) for o, d in self.comparisons if d.get("verdict") in DISAGREEING]

    @property
    def contested(self) -> bool:
        """Whether a reader should see it as contested: its standing, a disagreement, or a
        contesting stance."""
        return self.standing == "Contested" or bool(self.disagreeing) or any(d.get("kind") in CONTESTING for _, d in self.stances)

    @property
    def hedged(self) -> bool:
        """Whether a document hedges it, its standing is unverified, or a source could not verify it."""
        return bool(self.hedges) or self.standing == "Unverified" or any(d.get("kind") == "couldNotVerify" for _, d in self.stances)

    def badges(self, G) -> list[str]:
        """Marks a reader sees without hovering: disagreement and stances first, hedges last."""
        out = []
        if self.standing in ("Contested", "Unverified", "Confirmed"):
            out.append(self.standing.lower())
        for other, d in self.disagreeing:
            out.append("contradicted" if d.get("verdict") == "Contradiction" else "disagreement")
        for doc, d in self.stances:
            who = d.get("onBehalfOf") or d.get("speaker") or publisher(G, doc) or doc
            out.append(f"{label(G, who)} {STANCES.get(d.get('kind'), d.get('kind'))}")
        out += [HEDGES.get(h, h.replace("_", " ")) for h in sorted(self.hedges)]
        return list(dict.fromkeys(out))


def claim_facts(G, c: str) -> ClaimFacts:
    """The `ClaimFacts` of claim node `c`, from its edges in the projection."""
    appearances, stances, comparisons = [], [], []
    origins, hedges, unknown = set(), set(), 0
    for _, v, d in G.out_edges(c, data=True):
        if d.get("label") == "reportedIn":
            appearances.append((v, d))
            for o in (d.get("origins") or "").split():
                if o == "unknown":
                    unknown += 1
                else:
                    origins.add(o)
            hedges |= {h.strip() for h in (d.get("hedges") or "").split(",") if h.strip()}
        elif d.get("label") == "stance":
            stances.append((v, d))
        elif d.get("label") == "comparison":
            comparisons.append((v, d))
    for u, _, d in G.in_edges(c, data=True):
        if d.get("label") == "comparison":
            comparisons.append((u, d))
    appearances.sort(key=lambda x: x[0])
    return ClaimFacts(c, appearances, origins, unknown, hedges, stances, comparisons, G.nodes[c].get("standing"))


def claim_sentence(G, c: str) -> str:
    """A claim as one line of words: subject · relation · value."""
    a = G.nodes[c]
    prop = a.get("property", "")
    return f"{label(G, a.get('subject'))} · {RELATION_LABELS.get(prop, prop)} · {a.get('value', '')}"


def claim_lines(G, c: str, f: ClaimFacts | None = None) -> list[str]:
    """A claim and every source behind it, in words: what a reader sees on clicking an edge."""
    f = f or claim_facts(G, c)
    a = G.nodes[c]
    lines = [claim_sentence(G, c)]
    origin_names = ", ".join(sorted(label(G, o) for o in f.origins)) or "none known"
    lines.append(f"{count(f.independent, 'independent origin')}: {origin_names}" + (f"; {f.unknown} of unknown origin" if f.unknown else ""))
    if a.get("when"):
        lines.append(f"when: {a['when']}")
    badges = f.badges(G)
    if badges:
        lines.append("⚑ " + " · ".join(badges))
    for doc, d in f.appearances:
        d_attrs = G.nodes[doc]
        dated = d_attrs.get("issued") or d_attrs.get("issuedPrinted") or "undated"
        pub = publisher(G, doc)
        lines.append(f"— {label(G, pub) + ': ' if pub else ''}{label(G, doc)} ({dated})")
        if d.get("speaker"):
            who = label(G, d["speaker"])
            if d.get("onBehalfOf"):
                who += f" on behalf of {label(G, d['onBehalfOf'])}"
            lines.append(f"   said by {who}")
        if d.get("printed"):
            lines.append(f"   printed: {d['printed']}")
        if d.get("cites"):
            lines.append("   cites: " + "; ".join(label(G, x) for x in d["cites"].split()))
        if d.get("hedges"):
            lines.append("   hedged: " + ", ".join(HEDGES.get(h.strip(), h.strip()) for h in d["hedges"].split(",")))
        if d.get("quote"):
            lines.append(f"   “{d['quote']}”")
    for doc, d in f.stances:
        who = d.get("speaker") or publisher(G, doc) or doc
        lines.append(f"— {label(G, who)} {STANCES.get(d.get('kind'), d.get('kind'))} it, in {label(G, doc)}")
        if d.get("quote"):
            lines.append(f"   “{d['quote']}”")
    for other, d in f.comparisons:
        reasons = ", ".join(REASONS.get(r, r) for r in (d.get("reasons") or "").split())
        lines.append(f"— {VERDICTS.get(d.get('verdict'), d.get('verdict'))}: {claim_sentence(G, other)}" + (f" ({reasons})" if reasons else ""))
        if d.get("why"):
            lines.append(f"   {d['why']}")
    return lines


def _wrap(text: str, width: int) -> str:
    """Words on lines of at most `width` characters (a longer word keeps its own line): never cut."""
    lines: list[str] = []
    for word in " ".join(str(text).split()).split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def claim_card(G, c: str, f: ClaimFacts | None = None, width: int = 40) -> str:
    """The claim as its node reads on the canvas, whole: what about whom, the figure, who said
    it (for whom) and when, each wrapped at `width` rather than cut off."""
    a = G.nodes[c]
    prop = a.get("property", "")
    f = f or claim_facts(G, c)
    lines = [_wrap(f"{label(G, a.get('subject'))} · {RELATION_LABELS.get(prop, prop)}", width), _wrap(figure(str(a.get("value", ""))) or "", width)]
    said = []
    for _doc, d in f.appearances:
        if d.get("speaker"):
            who = label(G, d["speaker"]) + (f" for {label(G, d['onBehalfOf'])}" if d.get("onBehalfOf") else "")
            if who not in said:
                said.append(who)
    if said:
        lines.append(_wrap("said by " + "; ".join(said[:2]) + (f" and {len(said) - 2} more" if len(said) > 2 else ""), width))
    dates = sorted({str(G.nodes[doc].get("issued")) for doc, _d in f.appearances if G.nodes[doc].get("issued")})
    if a.get("when"):
        lines.append(f"as of {a['when']}")
    elif dates:
        lines.append(f"reported {dates[0]}")
    return "\n".join(line for line in lines if line)


def _tone(facts: list[ClaimFacts]) -> str | None:
    if any(f.contested for f in facts):
        return "contested"
    if any(f.hedged for f in facts):
        return "hedged"
    return None


def _fold_claims(G, claims: list[str]) -> dict:
    """Edge attributes for a bundle of claims folded into one relation edge."""
    facts = [claim_facts(G, c) for c in claims]
    origins = set().union(*(f.origins for f in facts)) if facts else set()
    badges = list(dict.fromkeys(b for f in facts for b in f.badges(G)))
    lines = []
    for c, f in zip(claims, facts):
        lines += claim_lines(G, c, f) + [""]
    return {
        "origins": len(origins),
        "width": 1.5 + 1.5 * min(max(len(origins) - 1, 0), 4),
        "dashes": len(origins) <= 1,
        "tone": _tone(facts),
        "badges": badges,
        "lines": lines[:-1],
        "claims": " ".join(claims),
    }


def entity_lines(G, n: str) -> list[str]:
    """An entity's or document's details as a reader sees them on clicking it: label, type in
    words, kind, date, description and publisher."""
    a = G.nodes[n]
    lines = [label(G, n), TYPE_WORDS.get(a.get("type", ""), a.get("type", ""))]
    for key in ("kind", "issued", "description"):
        if a.get(key):
            lines.append(f"{key}: {str(a[key]).replace('_', ' ') if key == 'kind' else a[key]}")
    if a.get("type") in DOCUMENT_TYPES and publisher(G, n):
        lines.append(f"published by: {label(G, publisher(G, n))} · {publisher(G, n)}")
    return lines


TYPE_WORDS = {"MilitaryUnit": "military unit", "EquipmentType": "equipment type", "EquipmentItem": "equipment item", "AircraftType": "aircraft type",
              "SourceDocument": "source document", "Document": "document", "Person": "person", "Organization": "organization", "Place": "place", "Event": "event", "Aircraft": "aircraft", "Outlet": "outlet"}


def _names(G, n, names: dict | None) -> list[str]:
    return [label(G, n), str(n), *((names or {}).get(n, []))]


# ---- relations -----------------------------------------------------------------------------


def _relations(G, e: str):
    """(source, target, label, relation name, claim) for every entity-valued claim of which `e` is
    the subject or the value, drawn as a sentence."""
    out = []
    for c, _, lab in G.in_edges(e, data="label"):
        node = G.nodes[c]
        if node.get("type") != "Claim":
            continue
        prop = node.get("property")
        if lab == "subject":
            for _, v, l2 in G.out_edges(c, data="label"):
                if l2 == prop and v != e and G.nodes[v].get("type") in ENTITY_TYPES:
                    out.append((e, v, prop, c) if prop not in INVERSE else (v, e, prop, c))
        elif lab == prop:
            s = node.get("subject")
            if s in G and s != e and G.nodes[s].get("type") in ENTITY_TYPES:
                out.append((s, e, prop, c) if prop not in INVERSE else (e, s, prop, c))
    return out


def _relation_label(prop: str) -> str:
    return INVERSE.get(prop) or RELATION_LABELS.get(prop, prop)


def relation_edges(G, entities: set[str] | None = None) -> dict:
    """{(source, target, relation): [claims]} over the given entities (all when None)."""
    bundles: dict = defaultdict(list)
    pool = entities if entities is not None else [n for n, t in G.nodes(data="type") if t in ENTITY_TYPES]
    for e in pool:
        for s, t, prop, c in _relations(G, e):
            if entities is None or (s in entities and t in entities):
                if c not in bundles[(s, t, prop)]:
                    bundles[(s, t, prop)].append(c)
    return bundles


def relations_view(G, center: str, depth: int = 1, names: dict | None = None) -> View:
    """An entity, its relations to other entities (claims folded into the edges), and the
    outlets that reported on it; `depth` steps of relations out from the centre."""
    V = nx.MultiDiGraph()
    ring = {center: 0}
    frontier = [center]
    bundles: dict = defaultdict(list)
    for step in range(1, max(depth, 0) + 1):
        nxt = []
        for e in frontier:
            for s, t, prop, c in sorted(_relations(G, e)):
                other = t if s == e else s
                if other not in ring:
                    ring[other] = step
                    nxt.append(other)
                if c not in bundles[(s, t, prop)]:
                    bundles[(s, t, prop)].append(c)
        frontier = nxt

    def add(n, **extra):
        if n not in V:
            a = G.nodes[n]
            V.add_node(n, label=_short(label(G, n), 40), type=a.get("type", "node"), lines=entity_lines(G, n), keys=search_keys(_names(G, n, names)), **extra)

    for n in ring:
        add(n)
    parent: dict = {}
    for (s, t, prop), claims in sorted(bundles.items()):
        attrs = _fold_claims(G, claims)
        V.add_edge(s, t, label=_relation_label(prop), **attrs)
        for a, b in ((s, t), (t, s)):
            if ring.get(b, 0) > ring.get(a, 0):
                parent.setdefault(b, a)

    # Who reported on the centre: each publisher once, weighted by the claims it carried.
    about = [c for c, _, lab in G.in_edges(center, data="label") if lab == "subject"]
    by_pub: dict = defaultdict(set)
    for c in about:
        for _, doc, lab in G.out_edges(c, data="label"):
            if lab == "reportedIn":
                by_pub[publisher(G, doc) or doc].add(c)
    reported = []
    for pub, claims in sorted(by_pub.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if pub not in V:
            add(pub)
            reported.append(pub)
        claims = sorted(claims)
        lines = [f"{label(G, pub)} carried {count(len(claims), 'claim')} about {label(G, center)}:"]
        lines += [claim_sentence(G, c) for c in claims]
        V.add_edge(center, pub, label=f"reported by · {count(len(claims), 'claim')}", width=1 + min(len(claims), 12) * 0.5, dashes=False, lines=lines, claims=" ".join(claims))
        parent.setdefault(pub, center)
        ring.setdefault(pub, 1)

    # What is said of the centre that names no other entity: in the centre's details.
    facts = [c for c in about if not any(c in cl for cl in bundles.values())]
    centre_lines = entity_lines(G, center)
    if facts:
        centre_lines.append("")
        centre_lines.append("What the sources say:")
        for c in sorted(facts, key=lambda c: claim_sentence(G, c)):
            f = claim_facts(G, c)
            badges = f.badges(G)
            centre_lines.append(f"• {RELATION_LABELS.get(G.nodes[c].get('property'), '')}: {figure(str(G.nodes[c].get('value', '')))}  ({count(f.independent, 'origin')}{'; ' + ', '.join(badges) if badges else ''})")
    V.nodes[center]["lines"] = centre_lines

    # Claims on demand: one hidden node per folded claim, beside the edge it is folded into.
    for (s, t, prop), claims in bundles.items():
        for c in claims:
            if c not in V:
                f = claim_facts(G, c)
                V.add_node(c, label=_short(claim_sentence(G, c), 40), type="Claim", lines=claim_lines(G, c), badges=f.badges(G), keys=[c])
                V.add_edge(c, s, label="about", lines=[claim_sentence(G, c)])
                if t != s:
                    V.add_edge(c, t, label="names", lines=[claim_sentence(G, c)])

    positions = _radial_columns(V, center, ring, parent, reported)
    title = f"{label(G, center)}: relations and who reported them"
    facts_total = len(about)
    header = [{"text": f"{sum(1 for n in V if n != center and V.nodes[n]['type'] != 'Claim')} related things · {count(facts_total, 'claim')} about {label(G, center)} from {count(len(by_pub), 'publisher')}"}]
    return View(V, title, header, positions, {"Claim"}, f"focus-{center}")


def _radial_columns(V, center, ring, parent, left_first) -> dict:
    """The centre in the middle; ring-1 neighbours in a column each side (publishers left,
    relations right, balanced), ring k further out beside their parent."""
    COL = 440
    first = [n for n in V if ring.get(n) == 1 and V.nodes[n]["type"] != "Claim"]

    def relation_of(n):
        for u, v, lab in V.edges(data="label"):
            if center in (u, v) and n in (u, v):
                return lab
        return ""

    row = ROW * 1.4  # edge labels sit half-way, so they get half of this: room for two lines
    right = sorted((n for n in first if n not in left_first), key=lambda n: (relation_of(n), label(V, n)))
    left = [n for n in first if n in left_first]
    while len(right) > len(left) + 1:
        left.insert(0, right.pop())
    side = {}
    pos = {center: (0.0, 0.0)}
    for sign, column in ((-1, left), (1, right)):
        for i, n in enumerate(column):
            pos[n] = (sign * COL, (i - (len(column) - 1) / 2) * row)
            side[n] = sign
    for k in range(2, max(ring.values(), default=1) + 1):
        for sign in (-1, 1):
            members = [n for n in V if ring.get(n) == k and side.get(parent.get(n), sign) == sign and V.nodes[n]["type"] != "Claim"]
            members.sort(key=lambda n: (pos.get(parent.get(n), (0, 0))[1], label(V, n)))
            for i, n in enumerate(members):
                pos[n] = (sign * COL * k, (i - (len(members) - 1) / 2) * row)
                side[n] = sign
    # anything unplaced (ring > 1 with no parent side) goes below
    extra = [n for n in V if n not in pos and V.nodes[n]["type"] != "Claim"]
    bottom = max((y for _, y in pos.values()), default=0) + ROW
    for i, n in enumerate(extra):
        pos[n] = ((i - (len(extra) - 1) / 2) * 260, bottom)
    # hidden claim nodes sit a little off the middle of their edge
    for n in V:
        if n not in pos:
            ends = [v for _, v in V.out_edges(n) if v in pos]
            xs = [pos[v][0] for v in ends] or [0]
            ys = [pos[v][1] for v in ends] or [0]
            pos[n] = (sum(xs) / len(xs), sum(ys) / len(ys) + ROW / 3)
    return pos


# ---- provenance flow -------------------------------------------------------------------------


def flow_view(G, claim: str, names: dict | None = None) -> View:
    """A claim's provenance read left to right: origins, documents cited, the documents that
    carry it (with the speaker hanging off each), the claim, and claims it disagrees with."""
    V = nx.MultiDiGraph()
    f = claim_facts(G, claim)
    column: dict[str, int] = {}
    hang: dict[str, str] = {}  # speaker node -> the appearance it hangs off
    parties: list[str] = []  # who takes a stance on the claim: drawn above it

    def add_doc(doc, col, **extra):
        if doc not in V:
            V.add_node(doc, label=doc_label(G, doc), type=G.nodes[doc].get("type", "Document"), shape="box", lines=entity_lines(G, doc), keys=search_keys(_names(G, doc, names)), **extra)
        column[doc] = min(column.get(doc, col), col)

    # The claim, and the documents that carry it.
    V.add_node(claim, label=claim_card(G, claim, f), type="Claim", shape="box", badges=f.badges(G), lines=claim_lines(G, claim), keys=[claim, *search_keys([claim_sentence(G, claim)])])
    for doc, d in f.appearances:
        printed = f"\n“{_short(d['printed'], 30)}”" if d.get("printed") else ""
        hedges = [HEDGES.get(h.strip(), h.strip()) for h in (d.get("hedges") or "").split(",") if h.strip()]
        add_doc(doc, -1, badges=hedges)
        V.nodes[doc]["label"] = doc_label(G, doc) + printed
        V.nodes[doc]["lines"] = entity_lines(G, doc) + [""] + _appearance_lines(G, doc, d)
        V.add_edge(claim, doc, label="reported in", lines=_appearance_lines(G, doc, d))
        if d.get("speaker"):
            sid = f"said:{doc}:{d['speaker']}"
            V.add_node(sid, label=short_name(G, d["speaker"], names), type=G.nodes[d["speaker"]].get("type", "Person") if d["speaker"] in G else "Person", lines=entity_lines(G, d["speaker"]) if d["speaker"] in G else [d["speaker"]], keys=search_keys(_names(G, d["speaker"], names)))
            said = f"said on behalf of {short_name(G, d['onBehalfOf'], names, 24)}" if d.get("onBehalfOf") else "said"
            V.add_edge(sid, doc, label=said, lines=[f"{label(G, d['speaker'])} {said}, in {label(G, doc)}"] + ([f"“{d['quote']}”"] if d.get("quote") else []))
            hang[sid] = doc

    # Stances: the stating document beside the carrying ones, pointing at the claim.
    for doc, d in f.stances:
        add_doc(doc, -1, badges=[STANCES.get(d.get("kind"), d.get("kind"))])
        words = STANCES.get(d.get("kind"), d.get("kind"))
        tone = "contested" if d.get("kind") in CONTESTING else "hedged"
        quote = [f"“{d['quote']}”"] if d.get("quote") else []
        who = d.get("speaker")
        if who and who in G:
            # the party taking the stance is a node of its own, its words on the edge to the claim
            sid = f"stance:{doc}:{who}"
            V.add_node(sid, label=short_name(G, who, names), type=G.nodes[who].get("type", "Person"), lines=entity_lines(G, who), keys=search_keys(_names(G, who, names)))
            V.add_edge(sid, doc, label="in", lines=[f"{label(G, who)} {words} the claim, in {label(G, doc)}"] + quote)
            V.add_edge(sid, claim, label=words, tone=tone, lines=[f"{label(G, who)} {words} the claim, in {label(G, doc)}"] + quote)
            parties.append(sid)
        else:
            V.add_edge(doc, claim, label=words, tone=tone, lines=[f"{label(G, doc)} {words} the claim"] + quote)

    # Documents cited, followed upstream through what they re-report or draw on.
    todo = [(doc, x, 1) for doc, d in f.appearances for x in (d.get("cites") or "").split() if x in G]
    for doc, cited, depth in todo:
        add_doc(cited, -1 - depth)
        V.add_edge(doc, cited, label="cites", lines=[f"{label(G, doc)} cites {label(G, cited)}"])
    seen = set()
    while todo:
        _, d0, depth = todo.pop()
        if d0 in seen:
            continue
        seen.add(d0)
        for _, up, lab in G.out_edges(d0, data="label"):
            if lab in ("rereports", "derivedFrom") and G.nodes[up].get("type") in DOCUMENT_TYPES:
                add_doc(up, -2 - depth)
                V.add_edge(d0, up, label=LINK_LABELS[lab], lines=[f"{label(G, d0)} {LINK_LABELS[lab]} {label(G, up)}"])
                todo.append((d0, up, depth + 1))

    # Origins, in the leftmost column, joined to the appearance's furthest document.
    leftmost = min(column.values(), default=-1) - 1
    for doc, d in f.appearances:
        chain = [doc] + [n for n in nx.descendants(V, doc) if n in column and V.nodes[n].get("shape") == "box"]
        leaf = min(chain, key=lambda n: (column[n], n))
        for o in (d.get("origins") or "").split():
            oid = "origin:unknown" if o == "unknown" else f"origin:{o}"
            if oid not in V:
                name = "unknown origin" if o == "unknown" else label(G, o)
                V.add_node(oid, label="unknown origin" if o == "unknown" else short_name(G, o, names), type="Origin", badges=[], lines=[name, "where the claim first came from" if o != "unknown" else "the documents do not say where this came from"], keys=search_keys(_names(G, o, names) if o in G else [name]))
                column[oid] = leftmost
            if not V.has_edge(leaf, oid):
                V.add_edge(leaf, oid, label="comes from" if o != "unknown" else "origin not stated", dashes=o == "unknown", lines=[f"{label(G, leaf)}: the claim comes from {V.nodes[oid]['label']}"])

    # Claims it disagrees with, to the right, with the reason.
    for other, d in f.disagreeing:
        if other not in V:
            V.add_node(other, label=claim_card(G, other), type="Claim", shape="box", badges=claim_facts(G, other).badges(G), lines=claim_lines(G, other), keys=[other])
        reasons = ", ".join(REASONS.get(r, r) for r in (d.get("reasons") or "").split())
        V.add_edge(claim, other, label=VERDICTS.get(d["verdict"], d["verdict"]) + (f" ({reasons})" if reasons else ""), tone="contested", lines=[d.get("why") or VERDICTS.get(d["verdict"], "")])

    positions = _flow_layout(V, claim, column, hang, [o for o, _ in f.disagreeing])
    top = -_height(V, claim) / 2
    for i, sid in enumerate(parties):
        positions[sid] = (0.0, top - ROW * 2.4 - i * ROW * 1.2)
    origin_names = ", ".join(sorted(label(G, o) for o in f.origins)) or "none known"
    header = [{"text": f"{count(f.independent, 'independent origin')}: {origin_names}" + (f" · {count(f.unknown, 'appearance')} of unknown origin" if f.unknown else "") + f" · carried by {count(len(f.appearances), 'document')}"}]
    for other, d in f.disagreeing:
        header.append({"text": f"⚑ {VERDICTS.get(d['verdict'])}: {figure(claim_sentence(G, other))}", "node": other})
    for doc, d in f.stances:
        header.append({"text": f"⚑ {label(G, d.get('speaker') or publisher(G, doc) or doc)} {STANCES.get(d.get('kind'), d.get('kind'))} this claim", "node": doc})
    return View(V, f"Where it comes from: {figure(claim_sentence(G, claim))}", header, positions, set(), f"claim-{claim}")


def _appearance_lines(G, doc, d) -> list[str]:
    lines = [f"In {label(G, doc)}:"]
    if d.get("speaker"):
        lines.append(f"said by {label(G, d['speaker'])}" + (f" on behalf of {label(G, d['onBehalfOf'])}" if d.get("onBehalfOf") else ""))
    if d.get("printed"):
        lines.append(f"printed: {d['printed']}")
    if d.get("hedges"):
        lines.append("hedged: " + ", ".join(HEDGES.get(h.strip(), h.strip()) for h in d["hedges"].split(",")))
    if d.get("quote"):
        lines.append(f"“{d['quote']}”")
    return lines


def _width(V, n) -> float:
    """About how wide a node's label is drawn, in pixels at zoom 1 (14 px Arial)."""
    a = V.nodes[n]
    lines = str(a.get("label", n)).split("\n") + [f"⚑ {b}" for b in (a.get("badges") or [])[:3]]
    return max(len(line) for line in lines) * 7.4 + (24 if a.get("shape") == "box" else 0)


def _height(V, n) -> float:
    """About how tall a box's label is drawn, in pixels at zoom 1 (14 px lines, badges included)."""
    a = V.nodes[n]
    return (str(a.get("label", n)).count("\n") + 1 + min(len(a.get("badges") or []), 4)) * 17.5 + 16


def _flow_layout(V, claim, column, hang, right) -> dict:
    """Columns left to right, each as far from the next as their widest labels need; rows in
    each column in order of what they feed, speakers right above the appearance they hang off."""
    GAP = 120
    members_of: dict = defaultdict(list)
    for n, c in column.items():
        members_of[c].append(n)
    for s in hang:
        members_of[column[hang[s]]].append(s)
    width = {c: max(_width(V, n) for n in ms) for c, ms in members_of.items()}
    width[0] = _width(V, claim)
    x_of = {0: 0.0}
    for c in sorted(width, reverse=True):
        if c < 0:
            nxt = min(k for k in x_of if k > c)
            x_of[c] = x_of[nxt] - (width[c] + width[nxt]) / 2 - GAP
    pos = {claim: (0.0, 0.0)}
    # claims it disagrees with sit below it, in its column
    # claims it disagrees with in a row below it, side by side, so no edge crosses a box
    if right:
        wide = [_width(V, n) for n in right]
        total = sum(wide) + GAP * 0.5 * (len(right) - 1)
        x = -total / 2
        y = _height(V, claim) / 2 + ROW * 1.6 + max(_height(V, n) for n in right) / 2
        for i, (n, w) in enumerate(zip(right, wide)):
            pos[n] = (x + w / 2, y + (i % 2) * ROW)  # staggered, so the verdicts on their edges do not meet
            x += w + GAP * 0.5
    for col in sorted({c for c in column.values()}, reverse=True):
        members = [n for n, c in column.items() if c == col]

        def anchor(n):
            ys = [pos[v][1] for _, v in V.in_edges(n) if v in pos] + [pos[v][1] for v in V.successors(n) if v in pos and column.get(v, 0) > col]
            ys += [pos[u][1] for u in V.predecessors(n) if u in pos and u not in hang]
            return sum(ys) / len(ys) if ys else 0.0

        members.sort(key=lambda n: (anchor(n), n))
        slots = []
        for n in members:
            slots.append(n)
            for s, target in hang.items():
                if target == n:
                    slots.insert(len(slots) - 1, s)
        # each slot as tall as its label needs, a speaker well clear of the box it hangs off
        tall = [(_height(V, n) if V.nodes[n].get("shape") == "box" else 40.0) for n in slots]
        gaps = [ROW * 0.9 if slots[i] in hang else ROW * 0.6 for i in range(len(slots) - 1)]
        span = sum(tall) + sum(gaps)
        y = -span / 2
        for i, n in enumerate(slots):
            pos[n] = (x_of[col], y + tall[i] / 2)
            y += tall[i] + (gaps[i] if i < len(gaps) else 0)
    for n in V:
        pos.setdefault(n, (0.0, ROW * 3))
    return pos


# ---- who relies on whom ----------------------------------------------------------------------


def sources_view(G, names: dict | None = None) -> View:
    """Origins, the documents that rest on them (edge width: claims), and the outlets that
    published those documents."""
    V = nx.MultiDiGraph()
    rests: dict = defaultdict(set)  # (doc, origin) -> claims
    for c, doc, d in G.edges(data=True):
        if d.get("label") != "reportedIn":
            continue
        for o in (d.get("origins") or "unknown").split():
            rests[(doc, o)].add(c)
    # An origin only one document rests on is folded into that document's "other origins".
    relying_docs: dict = defaultdict(set)
    for doc, o in rests:
        relying_docs[o].add(doc)
    folded: dict = defaultdict(set)
    for (doc, o), claims in list(rests.items()):
        if len(relying_docs[o]) < 2 and o != "unknown":
            folded[doc].add(o)
            rests.setdefault((doc, f"only:{doc}"), set()).update(claims)
            del rests[(doc, o)]
    per_origin = Counter()
    for (doc, o), claims in rests.items():
        per_origin[o] += len(claims)
    docs = sorted({doc for doc, _ in rests})
    column = {}
    for o in per_origin:
        oid = f"origin:{o}"
        relying = sorted({doc for doc, o2 in rests if o2 == o})
        if o.startswith("only:"):
            doc = o.split(":", 1)[1]
            others = sorted(label(G, x) for x in folded[doc])
            name = f"{count(len(others), 'other origin')}, only here"
            lines = [name, f"in {label(G, doc)}:", *others]
            keys = search_keys(others)
        else:
            name = "unknown origin" if o == "unknown" else short_name(G, o, names, 24)
            lines = [name, f"{count(per_origin[o], 'claim appearance')} rest on it, in {count(len(relying), 'document')}:", *(label(G, d) for d in relying)]
            keys = search_keys(_names(G, o, names) if o in G else [name])
        V.add_node(oid, label=_short(name, 40), type="Origin", size=8 + 1.6 * min(per_origin[o], 49) ** 0.5, lines=lines, keys=keys)
        column[oid] = 0
    for doc in docs:
        V.add_node(doc, label=doc_label(G, doc, 30), type=G.nodes[doc].get("type", "Document"), shape="box", lines=entity_lines(G, doc), keys=search_keys(_names(G, doc, names)))
        column[doc] = 1
        pub = publisher(G, doc)
        if pub:
            if pub not in V:
                V.add_node(pub, label=_short(label(G, pub), 30), type=G.nodes[pub].get("type", "Outlet"), lines=entity_lines(G, pub), keys=search_keys(_names(G, pub, names)))
                column[pub] = 2
            V.add_edge(doc, pub, label="published by", lines=[f"{label(G, doc)} published by {label(G, pub)}"])
    for (doc, o), claims in sorted(rests.items()):
        oid = f"origin:{o}"
        lines = [f"{label(G, doc)} rests on {V.nodes[oid]['label']} for {count(len(claims), 'claim')}:"] + [figure(claim_sentence(G, c)) for c in sorted(claims)]
        V.add_edge(doc, oid, label=f"relies on: {count(len(claims), 'claim')}", width=1 + 1.5 * min(len(claims), 49) ** 0.5, dashes=o == "unknown", lines=lines, claims=len(claims))

    # Shared origins on the left, documents in the middle, outlets on the right; an origin only
    # one document rests on sits right beside it. Rows by barycentre (each node at the mean
    # row of what it links to, a few rounds), so few edges cross.
    shared = [n for n in V if column[n] == 0 and not n.startswith("origin:only:")]
    doc_rows = {d: i for i, d in enumerate(sorted(docs, key=lambda d: (-sum(per_origin[o] for dd, o in rests if dd == d), d)))}
    origin_rows: dict = {}
    for _round in range(4):
        for o in shared:
            linked = [doc_rows[d] for d in V.predecessors(o) if d in doc_rows]
            origin_rows[o] = sum(linked) / len(linked) if linked else 0.0
        ranked = sorted(shared, key=lambda o: (origin_rows[o], -per_origin[o.split(":", 1)[1]], o))
        origin_rows = {o: i * len(docs) / max(len(shared), 1) for i, o in enumerate(ranked)}
        for d in docs:
            linked = [origin_rows[o] for o in V.successors(d) if o in origin_rows]
            doc_rows[d] = (sum(linked) / len(linked) if linked else doc_rows[d]) + doc_rows[d] * 1e-3
        doc_rows = {d: i for i, d in enumerate(sorted(docs, key=lambda d: doc_rows[d]))}
    pos = {}
    left_span = max(len(shared) * ROW * 1.0, len(docs) * ROW * 2.3)
    for i, o in enumerate(sorted(shared, key=lambda o: origin_rows[o])):
        pos[o] = (0.0, (i - (len(shared) - 1) / 2) * left_span / max(len(shared), 1))
    doc_step = left_span / max(len(docs), 1)
    for d in docs:
        pos[d] = (FLOW_COLUMN * 1.6, (doc_rows[d] - (len(docs) - 1) / 2) * doc_step)
        own = f"origin:only:{d}"
        if own in V:
            pos[own] = (FLOW_COLUMN * 1.6, pos[d][1] + _height(V, d) / 2 + 30 + 1.3 * V.nodes[own]["size"])  # right under its document
    outlets = [n for n in V if column[n] == 2]
    for n in outlets:
        ys = [pos[v][1] for v in V.predecessors(n) if v in pos]
        pos[n] = (FLOW_COLUMN * 2.8, sum(ys) / len(ys) if ys else 0.0)
    top = [(o, n) for o, n in per_origin.most_common() if not o.startswith("only:")][:3]
    def called(o: str) -> str:  # the full name, and the node's shorter label beside it when they differ
        if o == "unknown":
            return "unknown origin"
        shown = V.nodes[f"origin:{o}"]["label"]
        return label(G, o) if shown == label(G, o) else f"{label(G, o)} ({shown})"

    header = [{"text": "Most relied on: " + "; ".join(f"{called(o)} ({count(n, 'claim appearance')} in {count(len(relying_docs[o]), 'document')})" for o, n in top)}]
    return View(V, "Who relies on whom: documents and the origins they rest on", header, pos, set(), "sources")


# ---- the whole graph -------------------------------------------------------------------------


def whole_view(G, names: dict | None = None, seed: int = 0) -> View:
    """Every entity, relations with claims folded in, coloured by community (Louvain)."""
    V = nx.MultiDiGraph()
    for n, a in G.nodes(data=True):
        if a.get("type") in ENTITY_TYPES:
            V.add_node(n, label=_short(label(G, n), 32), type=a["type"], lines=entity_lines(G, n), keys=search_keys(_names(G, n, names)))
    for (s, t, prop), claims in sorted(relation_edges(G).items()):
        attrs = _fold_claims(G, claims)
        V.add_edge(s, t, label=_relation_label(prop), **attrs)
    for u, v, lab in G.edges(data="label"):
        if lab in ("country", "within", "equipmentType") and u in V and v in V:
            V.add_edge(u, v, label=LINK_LABELS[lab], lines=[f"{label(G, u)} {LINK_LABELS[lab]} {label(G, v)}"], dashes=False)
    U = nx.Graph(V)
    if not U.number_of_edges():
        communities = [set(U)]
    elif len(U) <= 3000:
        communities = nx.community.louvain_communities(U, seed=seed)
    else:  # Louvain takes seconds here; label propagation is linear in the edges
        communities = list(nx.community.fast_label_propagation_communities(U, seed=seed))
    for i, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c)))):
        for n in members:
            V.nodes[n]["community"] = i
    header = [{"text": f"{V.number_of_nodes():,} entities · {V.number_of_edges():,} relations · {len(communities):,} communities (colour) · claims folded into the relations"}]
    return View(V, "dkg: every entity and how they relate", header, None, set(), "graph")


# ---- what one outlet carried ------------------------------------------------------------------

GROUP_AFTER = 14  # speakers or subjects an outlet view names one by one; the rest are one node


def outlet_view(G, outlet: str, names: dict | None = None) -> View:
    """What one outlet (or one document) carried, read left to right: who spoke in it (the
    outlet itself for what it says in its own voice), its documents, and what the claims are
    about, each edge saying how many claims it folds (its details list them). Claims are not
    nodes: a reader sees who said how much about what. Past GROUP_AFTER speakers or subjects,
    the least quoted are one node ("12 other subjects"), whose details name them."""
    V = nx.MultiDiGraph()
    kind = G.nodes[outlet].get("type")
    docs = sorted({u for u, _, lab in G.in_edges(outlet, data="label") if lab == "outlet"}) if kind not in DOCUMENT_TYPES else [outlet]
    said: dict[tuple[str, str], list[str]] = defaultdict(list)  # (speaker or outlet, doc) -> claims
    about: dict[tuple[str, str], list[str]] = defaultdict(list)  # (doc, subject) -> claims
    tone: dict[tuple[str, str], set[str]] = defaultdict(set)
    cited: dict[tuple[str, str], set[str]] = defaultdict(set)  # (cited doc, doc) -> claims
    for doc in docs:
        for c, _, d in G.in_edges(doc, data=True):
            if d.get("label") != "reportedIn":
                continue
            who = d.get("speaker") if d.get("speaker") in G else outlet
            said[(who, doc)].append(c)
            subject = G.nodes[c].get("subject")
            if subject in G and subject != doc:  # a document's claims about itself stay in its details
                about[(doc, subject)].append(c)
                f = claim_facts(G, c)
                if f.contested:
                    tone[(doc, subject)].add("contested")
                elif f.hedged:
                    tone[(doc, subject)].add("hedged")
            for x in (d.get("cites") or "").split():
                if x in G and x not in docs:
                    cited[(x, doc)].add(c)

    def grouped(pairs: dict, side: int, noun: str) -> dict:
        """Keep the GROUP_AFTER busiest nodes on one side of the pairs; fold the rest into one."""
        weight = Counter()
        for key, claims in pairs.items():
            weight[key[side]] += len(claims)
        keep = {n for n, _ in sorted(weight.items(), key=lambda kv: (-kv[1], label(G, kv[0])))[:GROUP_AFTER]}
        rest = sorted(set(weight) - keep, key=lambda n: label(G, n))
        if not rest:
            return pairs
        gid = f"group:{noun}"
        V.add_node(gid, label=f"{len(rest)} other {noun}", type="Group", shape="dot", size=16,
                   lines=[f"{len(rest)} other {noun}, each in fewer claims:"] + [f"{label(G, n)} ({count(weight[n], 'claim')})" for n in rest], keys=search_keys([label(G, n) for n in rest]))
        out: dict = defaultdict(list)
        for key, claims in pairs.items():
            node = key[side] if key[side] in keep else gid
            out[(node, key[1]) if side == 0 else (key[0], node)] += claims
        return out

    said = grouped(said, 0, "speakers")
    about = grouped(about, 1, "subjects")
    column: dict[str, int] = {}

    def add(n, col, **extra):
        if n not in V:
            a = G.nodes[n]
            V.add_node(n, label=short_name(G, n, names), type=a.get("type", "Thing"), lines=entity_lines(G, n), keys=search_keys(_names(G, n, names)), **extra)
        column.setdefault(n, col)

    for doc in docs:
        add(doc, 0, shape="box")
        V.nodes[doc]["label"] = doc_label(G, doc)
    for (cited_doc, doc), claims in cited.items():
        add(cited_doc, -2, shape="box")
        V.nodes[cited_doc]["label"] = doc_label(G, cited_doc)
        V.nodes[cited_doc]["label"] += f"\ncited for {count(len(claims), 'claim')}"
        V.add_edge(cited_doc, doc, label="cited", lines=[f"{label(G, doc)} cites {label(G, cited_doc)} for:"] + [figure(claim_sentence(G, c)) for c in sorted(claims)])
    counts_of: dict[str, list[str]] = {}  # a node's name, then what it said and what is said of it
    said_by_node = {w for w, _ in said}
    for (who, doc), claims in sorted(said.items()):
        if who not in V:
            add(who, -1)
        words = "in its own voice" if who == outlet else "said"
        name = short_name(G, who, names) if who in G else V.nodes[who]["label"].split("\n")[0]
        if len(docs) == 1:
            counts_of[who] = [name, f"{words}: {count(len(claims), 'claim')}"]
        V.add_edge(who, doc, label="" if len(docs) == 1 else f"{words}: {count(len(claims), 'claim')}", width=1 + min(len(claims), 20) * 0.3,
                   lines=[f"{label(G, who) if who in G else V.nodes[who]['label']} {words}, in {label(G, doc)}:"] + [figure(claim_sentence(G, c)) for c in sorted(claims)])
    for (doc, subject), claims in sorted(about.items()):
        if subject not in V:
            add(subject, 1)
        t = tone.get((doc, subject), set())
        if len(docs) == 1:
            base = short_name(G, subject, names) if subject in G else V.nodes[subject]["label"].split("\n")[0]
            counts_of.setdefault(subject, [base]).append(("about it: " if subject in said_by_node else "") + count(len(claims), "claim") + (" ⚑ contested" if "contested" in t else (" ⚑ hedged" if "hedged" in t else "")))
        V.add_edge(doc, subject, label="" if len(docs) == 1 else f"about: {count(len(claims), 'claim')}", width=1 + min(len(claims), 20) * 0.3,
                   tone="contested" if "contested" in t else ("hedged" if "hedged" in t else None),
                   lines=[f"{label(G, doc)}, about {label(G, subject) if subject in G else V.nodes[subject]['label']}:"] + [figure(claim_sentence(G, c)) for c in sorted(claims)])
    for n, parts in counts_of.items():
        V.nodes[n]["label"] = parts[0] + "\n" + " · ".join(parts[1:])
    for n in V:
        column.setdefault(n, 1)
    positions = _columns(V, column)
    total = sum(len(c) for c in said.values())
    speakers = len({w for w, _ in said})
    header = [{"text": f"{count(len(docs), 'document')} · {count(total, 'claim appearance')} · {count(speakers, 'speaker')} (the outlet itself for what it says in its own voice) · "
                       f"{count(len({s for _, s in about}), 'subject')}"}]
    return View(V, f"What {label(G, outlet)} carried", header, positions, set(), f"outlet-{outlet}")


def _columns(V, column: dict) -> dict:
    """Columns left to right, as far apart as their widest labels need; each column's nodes
    spaced by their label heights, centred, in the order of the column they link to."""
    members: dict[int, list] = defaultdict(list)
    for n, c in column.items():
        members[c].append(n)
    cols = sorted(members)
    width = {c: max(_width(V, n) for n in members[c]) for c in cols}
    x_of, x = {}, 0.0
    for i, c in enumerate(cols):
        if i:
            x += (width[cols[i - 1]] + width[c]) / 2 + 150
        x_of[c] = x
    pos = {}
    for c in sorted(cols, key=lambda c: (c != 0, abs(c))):  # the documents first, then outwards
        def anchor(n):
            ys = [pos[m][1] for m in list(V.successors(n)) + list(V.predecessors(n)) if m in pos]
            return sum(ys) / len(ys) if ys else 0.0

        ordered = sorted(members[c], key=lambda n: (anchor(n), label_of(V, n)))
        tall = [(_height(V, n) if V.nodes[n].get("shape") == "box" else 50.0 + 19.0 * str(V.nodes[n].get("label", "")).count("\n")) for n in ordered]
        gap = 26.0
        y = -(sum(tall) + gap * (len(tall) - 1)) / 2
        for n, h in zip(ordered, tall):
            # a box is centred in its slot; a dot sits at the top of it, its label hanging below
            box = V.nodes[n].get("shape") == "box"
            pos[n] = (x_of[c] - x_of[0], y + (h / 2 if box else 16.0))
            y += h + gap
    return pos


def label_of(V, n) -> str:
    """A view node's label (the node itself when it has none)."""
    return str(V.nodes[n].get("label", n))
