"""What the sources say about each other's claims, and the standing that follows.

A stance is a claim about a claim: a document (or someone it quotes) supports, confirms,
disputes, refutes, corrects, qualifies, retracts or could not verify a claim. Curators write
stances in a source file's `stances:` list; an appearance hedged `unverified` ("Newsweek has
been unable to verify the HUR claims") is read as the document's own could-not-verify stance,
so the hedge stays a shortcut and the stance is the data.

The standing of a claim, worked out once at build time:

- contested: a stance disputes, refutes or corrects it from an origin that is not one of the
  claim's own origins (an agency cannot contest itself into doubt), or its source corrects or
  retracts it;
- confirmed: not contested, and supported or confirmed by a known origin independent of the
  claim's own (two outlets repeating one agency's stance are one origin, as for corroboration);
- partly confirmed: confirmed as above, while an authority declines to confirm it ("confirmed
  by HUR; not confirmed by the Spanish police"), never shown as simply confirmed;
- not confirmed: an authority declines to confirm it (or has not yet), and nobody independent
  confirms or contests it;
- unverified: none of these, and someone says they could not verify it.

Declining to confirm is an authority's silence, not a denial (that is `refutes`) and not a
failed attempt to check (`could_not_verify`), so it neither contests a claim nor confirms it.

Origins of a stance follow the appearance rules (loaders/provenance.py), except that a stance
nobody else is said to have taken is the document's own voice: its outlet's, else its authors'.
Agreeing or disagreeing with a proposal or an opinion (cito:agreesWith, cito:disagreesWith) and
qualifying a claim are recorded and shown, but are no evidence about its truth, so they leave
its standing alone. A curator's explicit status on a claim still overrides the status that
follows from this.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..schema import iris
from ..schema.models import StanceEntry
from ..schema.vocab import CONFIRMING, CONTESTING, Hedge, StanceKind, StrEnum
from .corpus import Claim, Corpus, Stance
from .provenance import cached, origins, origins_of


class Standing(StrEnum):
    contested = "contested"
    confirmed = "confirmed"
    partly_confirmed = "partly_confirmed"
    not_confirmed = "not_confirmed"
    unverified = "unverified"


@dataclass
class Evidence:
    standing: Standing | None = None
    contested_by: list[Stance] = field(default_factory=list)
    confirmed_by: list[Stance] = field(default_factory=list)
    unverified_by: list[Stance] = field(default_factory=list)
    declined_by: list[Stance] = field(default_factory=list)

    def words(self, name) -> str | None:
        """The standing as a reader sees it everywhere, naming who: `name(stance)` is who took it."""
        def who(stances):
            return ", ".join(dict.fromkeys(name(s) for s in stances))

        if self.standing is Standing.contested:
            return f"contested by {who(self.contested_by)}"
        if self.standing is Standing.partly_confirmed:
            return f"confirmed by {who(self.confirmed_by)}; not confirmed by {who(self.declined_by)}"
        if self.standing is Standing.confirmed:
            return f"confirmed by {who(self.confirmed_by)}"
        if self.standing is Standing.not_confirmed:
            return f"not confirmed by {who(self.declined_by)}"
        if self.standing is Standing.unverified:
            return f"could not be verified by {who(self.unverified_by)}"
        return None


def all_stances(corpus: Corpus) -> list[Stance]:
    """Curated stances, then those read from `unverified` hedges (unless the same document
    already states that stance on that claim), in a stable order."""
    return cached(corpus, "stances", lambda: _all_stances(corpus))


def _all_stances(corpus: Corpus) -> list[Stance]:
    out = list(corpus.stances)
    stated = {(s.document, s.target) for s in out if s.entry.stance is StanceKind.could_not_verify}
    for claim in corpus.claims.values():
        for app in claim.appearances:
            if Hedge.unverified in app.entry.hedges and (app.document, claim.key) not in stated:
                stated.add((app.document, claim.key))
                entry = StanceEntry(on=claim.key, stance=StanceKind.could_not_verify)
                out.append(Stance(entry, app.document, claim.key, from_hedge=True))
    return out


def stance_origins(stance: Stance, corpus: Corpus) -> list[str]:
    return origins_of(stance.entry, stance.document, corpus, own_voice=True)


def claim_origins(claim: Claim, corpus: Corpus) -> set[str]:
    return {o for app in claim.appearances for o in origins(app, corpus)}


def evidence(corpus: Corpus) -> dict[str, Evidence]:
    """claim key -> its evidence, for claims that any stance speaks of."""
    return cached(corpus, "evidence", lambda: _evidence(corpus))


def _evidence(corpus: Corpus) -> dict[str, Evidence]:
    by_claim: dict[str, list[Stance]] = defaultdict(list)
    for stance in all_stances(corpus):
        by_claim[stance.target].append(stance)
    out: dict[str, Evidence] = {}
    for key, stances in sorted(by_claim.items()):
        claim = corpus.claims[key]
        own = claim_origins(claim, corpus)
        ev = Evidence()
        for stance in stances:
            kind = stance.entry.stance
            theirs = set(stance_origins(stance, corpus))
            independent = not theirs <= own and theirs != {iris.UNKNOWN_ORIGIN}
            if kind in CONTESTING and (independent or kind in (StanceKind.corrects, StanceKind.retracts)):
                ev.contested_by.append(stance)
            elif kind in CONFIRMING and independent:
                ev.confirmed_by.append(stance)
            elif kind is StanceKind.could_not_verify:
                ev.unverified_by.append(stance)
            elif kind is StanceKind.declined_to_confirm:
                ev.declined_by.append(stance)
        if ev.contested_by:
            ev.standing = Standing.contested
        elif ev.confirmed_by:
            ev.standing = Standing.partly_confirmed if ev.declined_by else Standing.confirmed
        elif ev.declined_by:
            ev.standing = Standing.not_confirmed
        elif ev.unverified_by:
            ev.standing = Standing.unverified
        out[key] = ev
    return out
