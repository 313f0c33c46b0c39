"""What is contested, as typed answers: the pairs the build compared and the stances taken on
claims, read from what the build stored (loaders/compare.py, loaders/evidence.py), never
worked out again here. The CLI, notebooks, pages and endpoint share these functions.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..graph.results import Term
from ..graph.store import Store
from ..schema import iris
from . import library

Kind = Literal["agree", "contradiction", "apparent", "not_comparable"]
KINDS: dict[str, Kind] = {
    "Agree": "agree",
    "Contradiction": "contradiction",
    "ApparentDisagreement": "apparent",
    "NotComparable": "not_comparable",
}
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
    speaker: str | None = None
    speaker_name: str | None = None
    origin: str
    origin_name: str | None = None


class Side(Model):
    claim: str  # claim key
    label: str | None = None
    value: str
    when: str | None = None
    status: str
    standing: str | None = None
    appearances: list[Appearance] = Field(default_factory=list)

    @property
    def origins(self) -> list[str]:
        return sorted({a.origin for a in self.appearances})


class Disagreement(Model):
    kind: Kind
    reasons: list[str]  # "different time", "different scope", "rule against instance" ...
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
) -> list[Disagreement]:
    """Compared pairs, by default every one that does not agree. `kinds` picks among agree,
    contradiction, apparent, not_comparable; `subject` (a slug) keeps pairs whose either claim
    is about it; `prop` (a property name or its direct predicate) keeps that property."""
    wanted = set(kinds) if kinds else {"contradiction", "apparent", "not_comparable"}
    if prop is not None:
        prop = _camel(prop)
    rows = library.run(store, "disagreements").rows
    pairs: dict[str, dict] = {}
    sides: dict[tuple[str, str], dict] = {}
    apps: dict[tuple[str, str], dict[tuple, Appearance]] = defaultdict(dict)
    for r in rows:
        kind = KINDS[_local(r["verdict"])]
        if kind not in wanted:
            continue
        cmp = r["comparison"].value
        pair = pairs.setdefault(
            cmp,
            {
                "kind": kind,
                "reasons": sorted(_words(_local(x)) for x in (r["reasons"].value.split() if r.get("reasons") else [])),
                "rule": r["rule"].value,
                "basis": r["basis"].value,
                "why": r["why"].value,
                "subjects": set(),
                "props": set(),
            },
        )
        pair["subjects"].add(_local(r["subject"]))
        pair["props"].add(_local(r["property"]))
        side = r["side"].value
        sides.setdefault(
            (cmp, side),
            {
                "claim": _local(r["claim"]),
                "label": r["claimLabel"].value if r.get("claimLabel") else None,
                "value": r["value"].value,
                "when": r["when"].value if r.get("when") else None,
                "status": _local(r["status"]),
                "standing": _local(r.get("standing")),
            },
        )
        app = Appearance(
            document=_local(r["document"]),
            document_title=r["documentTitle"].value if r.get("documentTitle") else None,
            printed=r["printed"].value if r.get("printed") else None,
            speaker=_local(r.get("speaker")),
            speaker_name=_value(r, "speakerLabel"),
            origin=_local(r["origin"]),
            origin_name=_value(r, "originLabel") or ("unknown origin" if r["origin"].value == iris.UNKNOWN_ORIGIN else None),
        )
        apps[(cmp, side)][(app.document, app.printed, app.speaker, app.origin)] = app
    out = []
    for cmp, pair in pairs.items():
        if subject is not None and subject not in pair["subjects"]:
            continue
        if prop is not None and prop not in pair["props"]:
            continue
        left, right = (
            Side(**sides[(cmp, s)], appearances=sorted(apps[(cmp, s)].values(), key=lambda a: (a.document, a.printed or "")))
            for s in ("left", "right")
        )
        subject_of = sorted(pair["subjects"])[0] if pair["rule"] == "same-property" else left.claim.split("--")[0]
        out.append(
            Disagreement(
                kind=pair["kind"],
                reasons=pair["reasons"],
                rule=pair["rule"],
                basis=pair["basis"],
                why=pair["why"],
                subject=subject_of,
                property=sorted(pair["props"])[0] if len(pair["props"]) == 1 else " / ".join(sorted(pair["props"])),
                left=left,
                right=right,
            )
        )
    order = {"contradiction": 0, "apparent": 1, "not_comparable": 2, "agree": 3}
    out.sort(key=lambda d: (order[d.kind], d.subject, d.property, d.left.claim, d.right.claim))
    return out


def _camel(name: str) -> str:
    """served_in or servedIn -> servedIn (the direct predicate's local name)."""
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


class Stance(Model):
    kind: str  # disputes, refutes, could not verify ...
    claim: str
    claim_label: str | None = None
    standing: str | None = None
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


def stances(store: Store, claim: str | None = None) -> list[Stance]:
    """Every stance taken on a claim (or on one claim, by key), contesting ones first."""
    out = []
    for r in library.run(store, "stances").rows:
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
    rank = {"Contested": 0, "Confirmed": 1, "Unverified": 2, None: 3}
    out.sort(key=lambda s: (rank.get(s.standing, 3), s.claim, s.document, s.kind))
    return out
