"""What is contested, as typed answers: the pairs the build compared and the stances taken on
claims, read from what the build stored (loaders/compare.py, loaders/evidence.py), never
worked out again here. The CLI, notebooks, pages and endpoint share these functions.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..graph.results import Term
from ..graph.store import Store
from ..schema import iris
from . import library, listings

Kind = Literal["agree", "contradiction", "apparent", "not_comparable"]
KINDS: dict[str, Kind] = {
    "Agree": "agree",
    "Contradiction": "contradiction",
    "ApparentDisagreement": "apparent",
    "NotComparable": "not_comparable",
}
# each kind's section of the stored pairs (loaders/listings.py), in the order pairs are listed
_SECTIONS = {"contradiction": "contradiction", "apparent": "apparent_disagreement", "not_comparable": "not_comparable", "agree": "agree"}
KIND_WORDS = {
    "agree": "agree",
    "contradiction": "contradiction",
    "apparent": "apparent disagreement",
    "not_comparable": "not comparable",
}


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


def _local(term: Term | str | None) -> str | None:
    if term is None:
        return None
    value = term.value if isinstance(term, Term) else term
    if value == iris.UNKNOWN_ORIGIN:
        return "unknown"
    return iris.local_name(value)


def _value(row: dict, var: str) -> str | None:
    return row[var].value if row.get(var) is not None else None


def _words(camel: str | None) -> str | None:
    """DifferentTime -> different time."""
    if camel is None:
        return None
    out = "".join(" " + c.lower() if c.isupper() else c for c in camel).strip()
    return out


class Appearance(Model):
    document: str
    document_title: str | None = None
    printed: str | None = None
    quote: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    origin: str
    origin_name: str | None = None


class Side(Model):
    claim: str  # claim key
    subject: str = ""
    property: str = ""
    label: str | None = None
    value: str
    when: str | None = None
    qualifiers: dict[str, str] = Field(default_factory=dict)  # place, equipment, group
    status: str
    standing: str | None = None
    standing_text: str | None = None  # "confirmed by HUR; not confirmed by the Spanish police"
    appearances: list[Appearance] = Field(default_factory=list)


class Disagreement(Model):
    kind: Kind
    reasons: list[str]  # "different time", "different scope", "rule against instance", "rate of change" ...
    relation: str | None = None  # "part of whole", "own projection": differs without disagreeing (listed with --all)
    cross_origin: bool = True  # the claims rest on different origins
    rule: str
    basis: str
    why: str
    subject: str
    property: str
    left: Side
    right: Side


def disagreements(
    store: Store,
    kinds: set[str] | None = None,
    subject: str | None = None,
    prop: str | None = None,
    limit: int | None = None,
    related: bool = False,
) -> list[Disagreement]:
    """Compared pairs, by default every one that does not agree. `kinds` picks among agree,
    contradiction, apparent, not_comparable; `subject` (a slug) keeps pairs whose either claim
    is about it (an index lookup); `prop` (a property name or its direct predicate) keeps that
    property. Both sides (documents, speakers, origins) are read only for the pairs returned:
    `limit` keeps the first pairs in the listing's order, so a page costs the same however
    large the graph."""
    return matching(store, kinds, subject, prop, limit, related)[0]


def matching(
    store: Store,
    kinds: set[str] | None = None,
    subject: str | None = None,
    prop: str | None = None,
    limit: int | None = None,
    related: bool = False,
) -> tuple[list[Disagreement], int]:
    """(the pairs as `disagreements` returns them, how many match in all)."""
    wanted = set(kinds) if kinds else {"contradiction", "apparent", "not_comparable"}
    if subject is None:
        # the listing the build ordered (loaders/listings.py) has a section per verdict: the
        # wanted ones read one after the other, a page at a time, each page an index lookup;
        # pairs that differ without disagreeing are a section of their own, read with --all
        sections = [section for kind, section in _SECTIONS.items() if kind in wanted] + (["related"] if related else [])
        paged = prop is None
        rows, size, _skip = listings.read(store, "disagreements", "disagreements", sections, 0, limit if paged else None)
    else:
        rows = library.run(store, "disagreements_about", {"entity": Term.uri(iris.entity(subject))}).rows
    pairs: dict[str, dict] = {}
    for r in rows:
        kind = KINDS[_local(r["verdict"])]
        relation = _words(_local(r.get("relation")))
        if (kind not in wanted and not (related and relation)) or (relation and not related):
            continue
        pair = pairs.setdefault(
            r["comparison"].value,
            {
                "kind": kind,
                "reasons": set(),
                "rule": r["rule"].value,
                "basis": r["basis"].value,
                "why": r["why"].value,
                "left": _local(r["left"]),
                "right": _local(r["right"]),
                "relation": relation,
                "cross": r.get("crossOrigin") is None or r["crossOrigin"].value in ("true", "1"),
            },
        )
        if r.get("reason") is not None:
            pair["reasons"].add(_words(_local(r["reason"])))
    if prop is not None:
        name = _property_name(prop)
        pairs = {k: p for k, p in pairs.items() if f"--{name}--" in p["left"] or f"--{name}--" in p["right"]}
    order = {kind: i for i, kind in enumerate(_SECTIONS)}
    # contradictions, then pairs between different origins before one origin's own, then the
    # rest; pairs that differ without disagreeing (with --all) last
    listed = sorted(pairs.values(), key=lambda p: (p["relation"] is not None, order[p["kind"]], not p["cross"], p["left"], p["right"], p["rule"]))
    total = size if subject is None and paged else len(listed)
    if limit is not None:
        listed = listed[:limit]
    sides: dict[str, Side] = {}
    out = []
    for pair in listed:
        left, right = (sides.get(k) or sides.setdefault(k, _side(store, k)) for k in (pair["left"], pair["right"]))
        same_property = pair["rule"] == "same-property"
        out.append(
            Disagreement(
                kind=pair["kind"],
                reasons=sorted(pair["reasons"]),
                relation=pair["relation"],
                cross_origin=pair["cross"],
                rule=pair["rule"],
                basis=pair["basis"],
                why=pair["why"],
                subject=left.subject,
                property=left.property if same_property else f"{left.property} / {right.property}",
                left=left,
                right=right,
            )
        )
    return out, total


def _side(store: Store, key: str) -> Side:
    rows = library.run(store, "disagreement_side", {"claim": Term.uri(iris.claim(key))}).rows
    first = rows[0] if rows else {}
    apps: dict[tuple, Appearance] = {}
    for r in rows:
        app = Appearance(
            document=_local(r["document"]),
            document_title=_value(r, "documentTitle"),
            printed=_value(r, "printed"),
            quote=_value(r, "quote"),
            speaker=_local(r.get("speaker")),
            speaker_name=_value(r, "speakerLabel"),
            origin=_local(r["origin"]),
            origin_name=_value(r, "originLabel") or ("unknown origin" if r["origin"].value == iris.UNKNOWN_ORIGIN else None),
        )
        apps[(app.document, app.printed, app.speaker, app.origin)] = app
    return Side(
        claim=key,
        subject=_local(first.get("subject")) or key.split("--")[0],
        property=_property_name(_local(first.get("property")) or ""),
        label=_value(first, "claimLabel"),
        value=_value(first, "value") or "",
        when=_value(first, "when"),
        qualifiers={q: (_local(first[q]) if q != "group" else first[q].value) for q in ("place", "equipment", "group") if first.get(q) is not None},
        status=_local(first.get("status")) or "",
        standing=_local(first.get("standing")),
        standing_text=_value(first, "standingText"),
        appearances=sorted(apps.values(), key=lambda a: (a.document, a.printed or "")),
    )


def _property_name(name: str) -> str:
    """servedIn (the direct predicate) or served_in -> served_in, the name curators write."""
    from ..schema.vocab import PROPERTIES

    by_direct = {p.direct_name: p.name for p in PROPERTIES.values()}
    return by_direct.get(name, name)


class Stance(Model):
    kind: str  # disputes, refutes, could not verify ...
    claim: str
    claim_label: str | None = None
    standing: str | None = None
    standing_text: str | None = None
    status: str
    status_reason: str | None = None
    document: str
    document_title: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    origin: str
    origin_name: str | None = None
    quote: str | None = None
    remark: str | None = None
    from_hedge: bool = False


# each standing's section of the stances listing (loaders/listings.py), in the order shown
STANDINGS = {
    "Contested": "contested",
    "PartlyConfirmed": "partly_confirmed",
    "Confirmed": "confirmed",
    "NotConfirmed": "not_confirmed",
    "Unverified": "unverified",
    None: "other",
}


def stances(store: Store, claim: str | None = None, subject: str | None = None, standing: str | None | bool = False, limit: int | None = None) -> list[Stance]:
    """Every stance taken on a claim (or on one claim, by key; or on claims about one entity,
    by slug, an index lookup), contesting ones first. With `standing` (Contested, Confirmed,
    Unverified, or None for claims with other stances only), the stances on the first `limit`
    claims of that standing, a page of the build's listing at a time."""
    out = []
    if subject is None and claim is not None:
        subject = claim.split("--", 1)[0]  # a claim key starts with its subject's slug
    if subject is not None:
        rows = library.run(store, "stances_about", {"entity": Term.uri(iris.entity(subject))}).rows
    else:
        sections = [STANDINGS[standing]] if standing is not False else list(STANDINGS.values())
        rows, _size, _skip = listings.read(store, "stances", "stances", sections, 0, limit)
        if limit is not None:  # the pages read hold whole claims: keep the first `limit` of them
            order = list(STANDINGS)
            first = sorted({(order.index(_local(r.get("standing"))), r["claim"].value) for r in rows})[:limit]
            keep = {c for _rank, c in first}
            rows = [r for r in rows if r["claim"].value in keep]
    for r in rows:
        key = _local(r["claim"])
        if claim is not None and key != claim:
            continue
        kind = r["kind"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]  # a CiTO term, or dkg:couldNotVerify
        out.append(
            Stance(
                kind=_words(kind),
                claim=key,
                claim_label=r["claimLabel"].value if r.get("claimLabel") else None,
                standing=_local(r.get("standing")),
                standing_text=_value(r, "standingText"),
                status=_local(r["status"]),
                status_reason=r["statusReason"].value if r.get("statusReason") else None,
                document=_local(r["document"]),
                document_title=r["documentTitle"].value if r.get("documentTitle") else None,
                speaker=_local(r.get("speaker")),
                speaker_name=_value(r, "speakerLabel"),
                origin=_local(r["origin"]),
                origin_name=_value(r, "originLabel"),
                quote=r["quote"].value if r.get("quote") else None,
                remark=r["remark"].value if r.get("remark") else None,
                from_hedge=bool(r.get("fromHedge") and r["fromHedge"].value in ("true", "1")),
            )
        )
    rank = {standing: i for i, standing in enumerate(STANDINGS)}
    out.sort(key=lambda s: (rank.get(s.standing, len(rank)), s.claim, s.document, s.kind))
    return out
