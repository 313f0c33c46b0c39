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
    """A frozen answer: rows.Model without its row mapping, since these answers are built field
    by field from several queries."""

    model_config = ConfigDict(frozen=True, defer_build=True)


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
    """Where one side of a pair appears: the document, the value as printed, the quote, who said
    it and the origin it is counted under."""

    document: str
    document_title: str | None = None
    printed: str | None = None
    quote: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    origin: str
    origin_name: str | None = None


class Side(Model):
    """One claim of a compared pair as a journalist reads it: subject, property, value, when and
    qualifiers, its status and standing, and every appearance."""

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
    """A pair of claims the build compared: its verdict (`kind`) and reasons, the rule and basis
    it compared on, `why` in words, whether the two rest on different origins, and both sides."""

    kind: Kind
    reasons: list[str]  # "different time", "different scope", "rule against instance", "rate of change" ...
    relation: str | None = None  # "part of whole", "own projection", "same origin": differs without disagreeing (listed with --all)
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
    large the graph. `related` adds the pairs that differ without disagreeing (parts of one
    total, one origin's own projection or figures for different scopes), last."""
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
    pairs = _pairs(rows, wanted, related)
    if prop is not None:
        name = _property_name(prop)
        pairs = {k: p for k, p in pairs.items() if f"--{name}--" in p["left"] or f"--{name}--" in p["right"]}
    listed = _ordered(pairs)
    total = size if subject is None and paged else len(listed)
    if limit is not None:
        listed = listed[:limit]
    return _disagreements(store, listed), total


def _pairs(rows, wanted: set[str], related: bool = False) -> dict[str, dict]:
    """Comparison rows (one per reason) -> one pair each, of the wanted kinds (and, with
    `related`, the pairs that differ without disagreeing)."""
    pairs: dict[str, dict] = {}
    for r in rows:
        kind = KINDS[_local(r["verdict"])]
        relation = _words(_local(r.get("relation")))
        if relation is not None and not related:
            continue
        if kind not in wanted and relation is None:
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
    return pairs


def _ordered(pairs: dict[str, dict]) -> list[dict]:
    order = {kind: i for i, kind in enumerate(_SECTIONS)}
    # contradictions, then pairs between different origins before one origin's own, then the
    # rest; pairs that differ without disagreeing (with --all) last
    return sorted(pairs.values(), key=lambda p: (p["relation"] is not None, order[p["kind"]], not p["cross"], p["left"], p["right"], p["rule"]))


def _disagreements(store: Store, listed: list[dict]) -> list[Disagreement]:
    """The pairs with both sides read, every side of the page in one batch of queries."""
    sides = _sides(store, [k for pair in listed for k in (pair["left"], pair["right"])])
    out = []
    for pair in listed:
        left, right = sides[pair["left"]], sides[pair["right"]]
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
    return out


def of_claims(store: Store, keys: list[str]) -> dict[str, list[tuple[Disagreement, Side]]]:
    """For each claim key, the pairs it is a side of that do not agree, each with the other
    side: what a claim's provenance prints beside it, read for those claims alone."""
    keys = list(dict.fromkeys(keys))
    rows = [r for chunk in _chunks(keys) for r in library.run(store, "disagreements_of", {"claim": [Term.uri(iris.claim(k)) for k in chunk]}).rows]
    found = _disagreements(store, _ordered(_pairs(rows, {"contradiction", "apparent", "not_comparable"})))
    out: dict[str, list[tuple[Disagreement, Side]]] = {k: [] for k in keys}
    for d in found:
        for side, other in ((d.left, d.right), (d.right, d.left)):
            if side.claim in out:
                out[side.claim].append((d, other))
    return out


_CHUNK = 200  # claims bound in one query: a VALUES block of this many rows stays small


def _chunks(keys: list[str]) -> list[list[str]]:
    return [keys[i:i + _CHUNK] for i in range(0, len(keys), _CHUNK)]


def _sides(store: Store, keys: list[str]) -> dict[str, Side]:
    """Each claim key's side as a journalist reads it, in one query per batch of claims."""
    keys = list(dict.fromkeys(keys))
    by_claim: dict[str, list[dict]] = {k: [] for k in keys}
    for chunk in _chunks(keys):
        for r in library.run(store, "disagreement_side", {"claim": [Term.uri(iris.claim(k)) for k in chunk]}).rows:
            by_claim.setdefault(_local(r["claim"]), []).append(r)
    return {k: _side(k, by_claim.get(k, [])) for k in keys}


def _side(key: str, rows: list[dict]) -> Side:
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
    """One source's word on a claim (disputes, confirms, could not verify ...): where and by whom it
    was said, the origin it counts for, its quote, and the claim's standing and status."""

    kind: str  # disputes, refutes, could not verify ...
    claim: str
    claim_label: str | None = None
    standing: str | None = None
    standing_text: str | None = None  # "confirmed by HUR; not confirmed by the Spanish police", once per claim like the reason
    status: str
    # the claim's reason names every disputing source: printed once per claim, never once per
    # stance (5,000 stances would repeat it 5,000 times), so it is left out of a stance's JSON
    status_reason: str | None = Field(None, exclude=True)
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


def stances(
    store: Store,
    claim: str | None = None,
    subject: str | None = None,
    standing: str | None | bool = False,
    limit: int | None = None,
    claims: list[str] | None = None,
) -> list[Stance]:
    """Every stance taken on a claim (or on one claim, by key; on the given `claims`, by key; or
    on claims about one entity, by slug: each an index lookup), contesting ones first. With
    `standing` (Contested, Confirmed, Unverified, or None for claims with other stances only),
    the stances on the first `limit` claims of that standing, a page of the build's listing at
    a time. A claim's status reason is read once for it, however many stances it has."""
    out = []
    if claim is not None and subject is None:
        claims = [claim]
    if claims is not None:
        keys = list(dict.fromkeys(claims))
        rows = [r for chunk in _chunks(keys) for r in library.run(store, "stances_on", {"claim": [Term.uri(iris.claim(k)) for k in chunk]}).rows]
    elif subject is not None:
        rows = library.run(store, "stances_about", {"entity": Term.uri(iris.entity(subject))}).rows
    else:
        sections = [STANDINGS[standing]] if standing is not False else list(STANDINGS.values())
        rows, _size, _skip = listings.read(store, "stances", "stances", sections, 0, limit)
        if limit is not None:  # the pages read hold whole claims: keep the first `limit` of them
            order = list(STANDINGS)
            first = sorted({(order.index(_local(r.get("standing"))), r["claim"].value) for r in rows})[:limit]
            keep = {c for _rank, c in first}
            rows = [r for r in rows if r["claim"].value in keep]
    reasons = _status_reasons(store, sorted({r["claim"].value for r in rows}))
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
                status=_local(r["status"]),
                status_reason=reasons.get(r["claim"].value, (None, None))[0],
                standing_text=reasons.get(r["claim"].value, (None, None))[1],
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


def status_reasons(stances_: list[Stance]) -> dict[str, str]:
    """claim key -> its status reason, once each, for the claims these stances are on."""
    return {s.claim: s.status_reason for s in stances_ if s.status_reason}


def _status_reasons(store: Store, claim_iris: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """claim IRI -> (its status reason, its standing in words), one row per claim (the same
    strings shared by its stances)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for i in range(0, len(claim_iris), _CHUNK):
        chunk = [Term.uri(c) for c in claim_iris[i:i + _CHUNK]]
        for r in library.run(store, "claim_status", {"claim": chunk}).rows:
            out[r["claim"].value] = (_value(r, "statusReason"), _value(r, "standingText"))
    return out
