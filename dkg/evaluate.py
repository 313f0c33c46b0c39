"""How right the disagreements are, measured against what a journalist wrote down beforehand.

A labelled corpus (tests/fixtures/heldout: real articles dkg was not tuned on, built together
with the seed fixture) comes with `expected.yaml`: every pair a careful journalist would set
side by side, with the verdict and reason expected, whether `dkg disagreements` should list it,
and the stances and standings a reader must see. This module builds the corpus the way `dkg
build` derives it (loaders/compare.py, loaders/evidence.py) and scores the engine:

- recall: of the labelled disagreements (verdict other than agree), how many the engine finds
  with the same verdict and reason;
- precision: of the disagreements the engine lists that involve a labelled claim, how many are
  labelled with that verdict and reason;
- false contradictions: contradictions the journalist did not expect (the first error counted);
- agreements kept: labelled agreements the engine does not call anything else;
- stances and standings found as labelled.

`dkg bench --heldout` prints the same report; tests/test_heldout.py holds the targets.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# the engine's value tests (`basis`) that say why two values agree, in the labels' words
AGREE_REASONS = {
    "same-entity": "same_value", "same-date": "same_value", "same-text": "same_value", "same-category": "same_value",
    "same-post": "same_value", "within": "within", "date-within": "within", "category-implies": "within",
    "part-of-total": "within", "intervals-meet": "compatible", "compatible-categories": "compatible",
    "compatible-posts": "compatible", "different-bodies": "compatible", "unidentified": "compatible",
    "order-holds": "compatible", "consistent-change": "consistent_change",
}


@dataclass
class Outcome:
    left: str
    right: str
    expected: tuple[str, str]
    got: tuple[str, str] | None
    listed_expected: bool
    listed_got: bool | None
    why: str = ""
    languages: tuple[str, ...] = ()  # of the documents that carry either claim

    @property
    def right_answer(self) -> bool:
        return self.got == self.expected

    def line(self) -> str:
        got = "not paired" if self.got is None else f"{self.got[0]} ({self.got[1]})"
        return f"{self.left} / {self.right}: expected {self.expected[0]} ({self.expected[1]}), got {got}"


@dataclass
class Report:
    pairs: list[Outcome] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)  # listed engine pairs with no label, as lines
    false_contradictions: list[str] = field(default_factory=list)
    stances: list[tuple[str, bool]] = field(default_factory=list)
    standings: list[tuple[str, str, str | None]] = field(default_factory=list)  # claim, expected, got

    @property
    def disagreements(self) -> list[Outcome]:
        return [o for o in self.pairs if o.expected[0] != "agree"]

    @property
    def recall(self) -> float:
        d = self.disagreements
        return sum(o.right_answer for o in d) / len(d) if d else 1.0

    @property
    def precision(self) -> float:
        listed = [o for o in self.pairs if o.got is not None and o.got[0] != "agree"]
        wrong = len(self.unexpected) + sum(1 for o in listed if not o.right_answer)
        right = sum(1 for o in listed if o.right_answer)
        return right / (right + wrong) if right + wrong else 1.0

    @property
    def agreements_kept(self) -> float:
        agree = [o for o in self.pairs if o.expected[0] == "agree"]
        return sum(1 for o in agree if o.got is None or o.got[0] == "agree") / len(agree) if agree else 1.0

    @property
    def listing_right(self) -> float:
        judged = [o for o in self.pairs if o.listed_got is not None]
        return sum(o.listed_got == o.listed_expected for o in judged) / len(judged) if judged else 1.0

    def summary(self) -> list[str]:
        d = self.disagreements
        lines = [
            f"labelled pairs: {len(self.pairs)} ({len(d)} disagreements, {len(self.pairs) - len(d)} agreements)",
            f"recall of disagreements (verdict and reason): {self.recall:.0%} ({sum(o.right_answer for o in d)} of {len(d)})",
            f"precision of listed disagreements: {self.precision:.0%}",
            f"false contradictions: {len(self.false_contradictions)}",
            f"agreements not called anything else: {self.agreements_kept:.0%}",
            f"listed or kept behind --all as labelled: {self.listing_right:.0%}",
            f"stances found: {sum(ok for _s, ok in self.stances)} of {len(self.stances)}",
        ]
        missed = [o.line() for o in self.pairs if not o.right_answer and not (o.expected[0] == "agree" and (o.got is None or o.got[0] == "agree"))]
        by_language: dict[str, list[Outcome]] = {}
        for o in d:
            for lang in o.languages:
                by_language.setdefault(lang, []).append(o)
        if by_language:
            lines.append("recall by language of the articles: " + ", ".join(
                f"{lang} {sum(o.right_answer for o in os_) / len(os_):.0%} ({len(os_)})" for lang, os_ in sorted(by_language.items())))
        lines += ["missed or wrong: " + m for m in missed]
        lines += ["not labelled: " + u for u in self.unexpected]
        lines += ["false contradiction: " + f for f in self.false_contradictions]
        return lines


def merged(*corpora: Path) -> Path:
    """A temporary data directory holding the registry and sources of each corpus together."""
    root = Path(tempfile.mkdtemp(prefix="dkg-heldout-")) / "data"
    for corpus in corpora:
        for part in ("registry", "sources", "tabular"):
            if (corpus / part).is_dir():
                shutil.copytree(corpus / part, root / part, dirs_exist_ok=True)
    return root


def evaluate(data: Path, expected_file: Path) -> Report:
    from dkg.loaders.compare import Verdict, comparisons
    from dkg.loaders.corpus import load_corpus
    from dkg.loaders.evidence import all_stances, evidence, stance_origins
    from dkg.loaders.yamlsrc import read_yaml
    from dkg.schema import iris

    corpus = load_corpus(data)
    located, problems = read_yaml(expected_file)
    if located is None:
        raise ValueError("; ".join(str(p) for p in problems))
    expected = located.data
    key = lambda ref: corpus.refs.get(ref, ref)  # noqa: E731
    found = {}
    for cmp in comparisons(corpus):
        found.setdefault(frozenset((cmp.left, cmp.right)), []).append(cmp)
    report = Report()
    docs = corpus.documents()
    labelled: set[frozenset] = set()
    labelled_claims: set[str] = set()
    for pair in expected.get("pairs", []):
        a, b = key(pair["left"]), key(pair["right"])
        labelled.add(frozenset((a, b)))
        labelled_claims.update((a, b))
        cmps = found.get(frozenset((a, b)), [])
        cmp = next((c for c in cmps if c.verdict is not Verdict.agree), cmps[0] if cmps else None)
        got = None
        listed = None
        if cmp is not None:
            if cmp.verdict is Verdict.agree:
                got = ("agree", AGREE_REASONS.get(cmp.basis, cmp.basis))
            else:
                got = (cmp.verdict.value, cmp.reasons[0].value if cmp.reasons else "")
                if len(cmp.reasons) > 1 and pair["reason"] in {r.value for r in cmp.reasons}:
                    got = (cmp.verdict.value, pair["reason"])
            listed = cmp.relation is None and cmp.verdict is not Verdict.agree
        langs = tuple(sorted({docs[app.document].language or "unknown" for k in (a, b) if k in corpus.claims for app in corpus.claims[k].appearances}))
        report.pairs.append(Outcome(pair["left"], pair["right"], (pair["verdict"], pair["reason"]), got, bool(pair.get("listed")), listed, pair.get("why", ""), langs))
    expected_contradictions = {frozenset((key(p["left"]), key(p["right"]))) for p in expected.get("pairs", []) if p["verdict"] == "contradiction"}
    # the set's own documents: its source files are named after them
    own_documents = {p.stem for p in (expected_file.parent / "sources").glob("*.yaml")}
    heldout_claims = {k for k, c in corpus.claims.items() if any(app.document in own_documents for app in c.appearances)}
    for pair_keys, cmps in found.items():
        if not pair_keys & heldout_claims:
            continue
        for cmp in cmps:
            if cmp.verdict is Verdict.contradiction and pair_keys not in expected_contradictions:
                report.false_contradictions.append(cmp.explanation)
            if pair_keys not in labelled and cmp.verdict is not Verdict.agree and cmp.relation is None:
                report.unexpected.append(f"{cmp.verdict.value}: {cmp.explanation}")
    stances = all_stances(corpus)
    for st in expected.get("stances", []):
        target = key(st["on"])
        ok = any(
            s.target == target and s.entry.stance.value == st["kind"]
            and iris.entity(st["by"]) in set(stance_origins(s, corpus)) | {iris.entity(x) for x in (s.entry.speaker, s.entry.on_behalf_of) if x}
            for s in stances
        )
        report.stances.append((f"{st['kind']} {st['on']} by {st['by']}", ok))
    ev = evidence(corpus)
    from dkg.loaders.rdf import stance_agent

    for st in expected.get("standing", []):
        k = key(st["claim"])
        e = ev.get(k)
        report.standings.append((st["claim"], st["expected"], e.words(lambda s: stance_agent(s, corpus)) if e else None))
    return report
