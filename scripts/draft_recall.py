#!/usr/bin/env python3
"""How much of a curator's work does `dkg new-source` propose, and how much of what it proposes
does the curator keep? Recall alone rewards a draft that proposes everything; precision beside it
says what a curator must delete.

Two kinds of ground truth, each drafted afresh against its registry:

- curated source files whose article text is at hand (default: data/ and the frozen seed
  fixture, texts in ../shared/seeds or $DKG_TEXTS): a curated claim is *proposed* when a
  candidate's quote contains its quote (white space and typographic quotes normalised);
- the measurement set in tests/fixtures/drafts (real excerpts in several languages with the
  claims a curator wrote down before the draft ran): a claim is proposed when a candidate's
  quote and its sentence overlap.

For each proposed claim, the fields are compared one by one: subject, property, value (the
value skeleton, numbers compared as numbers, text as quotes are: typographic quotes as straight
ones, case and white space folded), speaker, hedges (each hedge), stance. Reported:

- recall per field: of the curated claims, the share a candidate proposed with that field right
  (`claim` = subject, property and value all right);
- precision: of the candidates, the share whose quote holds a curated claim (`kept`); of the
  candidates that propose a subject, property and value, the share a curated claim has exactly
  (`claim`); of the figures proposed, the share a curated claim's value equals (`figures`); of
  the hedges and stances proposed, the share the curated claim has;
- entities: recall and precision of registry ids found (named in the text or used by a proposal):
  the ids the curated claims use that the draft found; the ids the draft found that the claims
  use; language right or not.

    scripts/draft_recall.py [--texts DIR] [--missed] [--json] [DATA_DIR ...]

Run with another checkout's interpreter to measure its draft (the script reads only the
package's public functions): `/work/main/.venv/bin/python scripts/draft_recall.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "drafts"
SEED = ROOT / "tests" / "fixtures" / "seed"
FIELDS = ("quote", "subject", "property", "value", "claim", "speaker", "hedges", "stance")


# --------------------------------------------------------------------------- reading a draft


def _proposals(made) -> list[dict[str, Any]]:
    """The candidates of a draft as plain dicts (older drafts lack property, hedges, stance)."""
    out = []
    for c in made.candidates:
        value = getattr(c, "value", None)
        figures = getattr(c, "figures", []) or []
        if value is None and figures:
            value = figures[0].value
        out.append({
            "quote": c.quote, "subject": c.subject, "property": getattr(c, "property", None), "value": value,
            "speaker": c.speaker, "hedges": list(getattr(c, "hedges", []) or []), "stance": getattr(c, "stance", None),
            "figures": [f.value for f in figures], "why": c.why,
        })
    return out


def _norm_value(v: Any) -> Any:
    """A value skeleton comparable however it was written (500000 == 500000.0 == '500000')."""
    if not isinstance(v, dict):
        return v
    out = {}
    for k, x in v.items():
        if k == "bound" and x == "exact":
            continue
        if k in ("amount", "min", "max"):
            x = Decimal(str(x)).normalize()
        elif k == "equivalents":
            x = sorted((str(Decimal(str(e["amount"])).normalize()), e["currency"]) for e in x)
        elif k == "date":
            x = str(x)
        elif k == "text":  # as quotes are compared: typographic quotes as straight ones, white space collapsed
            x = _norm(str(x))
        out[k] = x
    return out


def _values_equal(a: Any, b: Any) -> bool:
    a, b = _norm_value(a), _norm_value(b)
    if isinstance(a, dict) and isinstance(b, dict) and "text" in a and "text" in b:
        return a["text"] in b["text"] or b["text"] in a["text"]  # a text value is judged by its words
    return a == b


# --------------------------------------------------------------------------- scoring


class Score:
    """Counts for one group (an article, a language, overall)."""

    def __init__(self):
        self.hit = defaultdict(int)  # field -> curated claims proposed with it right
        self.total = defaultdict(int)  # field -> curated claims that have the field
        self.kept = self.proposed = 0
        self.claim_ok = self.claim_proposed = 0
        self.fig_ok = self.fig_proposed = 0
        self.hedge_ok = self.hedge_proposed = 0
        self.stance_ok = self.stance_proposed = 0
        self.ent_found = self.ent_total = self.ent_named = self.ent_used = 0
        self.lang_ok = self.lang_total = 0
        self.missed: list[str] = []

    def add(self, other: "Score") -> None:
        for k, v in other.hit.items():
            self.hit[k] += v
        for k, v in other.total.items():
            self.total[k] += v
        for name in ("kept", "proposed", "claim_ok", "claim_proposed", "fig_ok", "fig_proposed", "hedge_ok",
                     "hedge_proposed", "stance_ok", "stance_proposed", "ent_found", "ent_total", "ent_named",
                     "ent_used", "lang_ok", "lang_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed

    def as_dict(self) -> dict[str, Any]:
        def r(a, b):
            return None if not b else round(a / b, 3)

        return {
            "recall": {f: r(self.hit[f], self.total[f]) for f in FIELDS if self.total[f]},
            "counts": {f: f"{self.hit[f]}/{self.total[f]}" for f in FIELDS if self.total[f]},
            "precision": {"kept": r(self.kept, self.proposed), "claim": r(self.claim_ok, self.claim_proposed),
                          "figures": r(self.fig_ok, self.fig_proposed), "hedges": r(self.hedge_ok, self.hedge_proposed),
                          "stance": r(self.stance_ok, self.stance_proposed)},
            "precision_counts": {"kept": f"{self.kept}/{self.proposed}", "claim": f"{self.claim_ok}/{self.claim_proposed}",
                                 "figures": f"{self.fig_ok}/{self.fig_proposed}", "hedges": f"{self.hedge_ok}/{self.hedge_proposed}",
                                 "stance": f"{self.stance_ok}/{self.stance_proposed}"},
            "entities": {"recall": r(self.ent_found, self.ent_total), "precision": r(self.ent_used, self.ent_named),
                         "counts": f"{self.ent_found}/{self.ent_total} found, {self.ent_used}/{self.ent_named} used"},
            "language": f"{self.lang_ok}/{self.lang_total}" if self.lang_total else None,
        }


def score(curated: list[dict[str, Any]], proposals: list[dict[str, Any]], matches, named: set[str],
          entity_ids: set[str]) -> Score:
    """Score one draft: `matches(curated claim, proposal)` says whether the proposal holds it."""
    s = Score()
    held = [[p for p in proposals if matches(c, p)] for c in curated]
    for c, ps in zip(curated, held):
        s.total["quote"] += 1
        s.hit["quote"] += bool(ps)
        if not ps:
            s.missed.append(c.get("quote") or c.get("sentence") or "")
        for f in ("subject", "property", "speaker", "stance"):
            if c.get(f):
                s.total[f] += 1
                s.hit[f] += any(p.get(f) == c[f] for p in ps)
        if c.get("value") is not None:
            s.total["value"] += 1
            s.hit["value"] += any(_values_equal(p.get("value"), c["value"]) for p in ps)
            s.total["claim"] += 1
            s.hit["claim"] += any(p.get("subject") == c.get("subject") and p.get("property") == c.get("property")
                                  and _values_equal(p.get("value"), c["value"]) for p in ps)
        for h in c.get("hedges") or []:
            s.total["hedges"] += 1
            s.hit["hedges"] += any(h in p.get("hedges", []) for p in ps)
    for p in proposals:
        mine = [c for c in curated if matches(c, p)]
        s.proposed += 1
        s.kept += bool(mine)
        if p.get("subject") and p.get("property") and p.get("value") is not None:
            s.claim_proposed += 1
            s.claim_ok += any(c.get("subject") == p["subject"] and c.get("property") == p["property"]
                              and _values_equal(p["value"], c.get("value")) for c in mine)
        for fig in p.get("figures", []):
            s.fig_proposed += 1
            s.fig_ok += any(_values_equal(fig, c.get("value")) for c in mine)
        for h in p.get("hedges", []):
            s.hedge_proposed += 1
            s.hedge_ok += any(h in (c.get("hedges") or []) for c in mine)
        if p.get("stance"):
            s.stance_proposed += 1
            s.stance_ok += any(c.get("stance") == p["stance"] for c in mine)
    used = {x for c in curated for x in _ids(c)} & entity_ids
    named = named & entity_ids  # a name the draft proposes as a new entry is no registry id
    s.ent_total, s.ent_found = len(used), len(used & named)
    s.ent_named, s.ent_used = len(named), len(named & used)
    return s


def _ids(c: dict[str, Any]) -> Iterable[str]:
    for f in ("subject", "speaker", "on_behalf_of"):
        if c.get(f):
            yield c[f]
    if isinstance(c.get("value"), dict) and c["value"].get("entity"):
        yield c["value"]["entity"]
    yield from c.get("entities", [])


def _found(made) -> set[str]:
    """The registry ids a draft finds: those its text names, and those its proposals use (a
    registry event the draft files a sentence's claims on is found though no sentence names it)."""
    out = set(made.mentions)
    for c in made.candidates:
        out.update(x for x in (c.subject, c.speaker, getattr(c, "on_behalf_of", None)) if x)
        value = getattr(c, "value", None)
        if isinstance(value, dict) and value.get("entity"):
            out.add(value["entity"])
    return out


def _norm(text: str) -> str:
    from dkg.loaders import draft

    return draft.normalise_quote(text).casefold()


# --------------------------------------------------------------------------- the two ground truths


def measure(data_dir: Path, texts: Path) -> list[tuple[str, str, Score]]:
    """(document id, language, score) for each curated source file whose text is in `texts`."""
    from dkg.loaders import draft
    from dkg.loaders.yamlsrc import CuratedLoader

    entities, _ = draft.known_entities(data_dir)
    rows = []
    for path in sorted((data_dir / "sources").glob("*.y*ml")):
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=CuratedLoader) or {}
        doc = raw.get("document") or {}
        text_file = texts / (doc.get("file") or "")
        if not doc.get("file") or not text_file.is_file():
            continue
        text = draft.decode_text(text_file.read_bytes(), str(text_file))
        made = draft.make_draft(text, text_file.name, entities, doc_id="recall-draft")
        curated = []
        for c in raw.get("claims") or []:
            if isinstance(c, dict) and isinstance(c.get("quote"), str):
                curated.append({**c, "value": dict(c["value"]) if isinstance(c.get("value"), dict) else c.get("value")})
        for st in raw.get("stances") or []:
            if isinstance(st, dict) and isinstance(st.get("quote"), str):
                curated.append({"quote": st["quote"], "speaker": st.get("speaker"), "stance": None})
        props = _proposals(made)

        def matches(c, p):
            return _norm(c["quote"]) in _norm(p["quote"])

        s = score(curated, props, matches, _found(made), set(entities))
        lang = doc.get("language") or "?"
        s.lang_total, s.lang_ok = 1, int(made.document.get("language") == doc.get("language"))
        rows.append((doc.get("id", path.stem), lang, s))
    return rows


def fixture_entities(seed: Path, extend: list[dict[str, Any]]):
    """The seed registry with a fixture's extra names (aliases, transliterations) added."""
    from dkg.loaders import draft

    entities, _ = draft.known_entities(seed)
    for ext in extend or []:
        ent = entities[ext["id"]]
        entities[ext["id"]] = ent.model_copy(update={
            "aliases": [*ent.aliases, *ext.get("aliases", [])],
            "transliterations": [*ent.transliterations, *ext.get("transliterations", [])],
        })
    return entities


def measure_fixtures(fixtures: Path = FIXTURES, seed: Path = SEED) -> list[tuple[str, str, Score]]:
    """(fixture name, language, score) for each excerpt of the measurement set."""
    from dkg.loaders import draft

    rows = []
    for path in sorted(fixtures.glob("*.yaml")):
        fx = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(fx, dict) or "expected" not in fx:
            continue  # languages.yaml: the language identifier's own set
        entities = fixture_entities(seed, fx.get("extend"))
        made = draft.make_draft(draft.Text(fx["text"]), path.stem + ".txt", entities, doc_id="fixture-draft")
        exp = fx["expected"]
        curated = [dict(c) for c in exp["claims"]]
        props = _proposals(made)

        def matches(c, p):
            a, b = _norm(c["sentence"]), _norm(p["quote"])
            return a in b or b in a

        s = score(curated, props, matches, _found(made), set(entities))
        used = set(exp.get("entities", [])) | {x for c in curated for x in _ids(c)}
        used &= set(entities)
        named = _found(made) & set(entities)
        s.ent_total, s.ent_found, s.ent_named, s.ent_used = len(used), len(used & named), len(named), len(named & used)
        s.lang_total, s.lang_ok = 1, int(made.document.get("language") == exp.get("language"))
        rows.append((path.stem, exp.get("language") or fx["source"].get("language") or "?", s))
    return rows


def _known_with(corpus: Path, seed: Path, before, heldout: Path):
    """The registry a curator of `heldout` would draft against: the seed fixture copied to
    `corpus` with the registry and sources of the sets before it and of `heldout` itself."""
    import shutil

    from dkg.loaders import draft

    shutil.copytree(seed, corpus)
    for extra in (*before, heldout):
        for sub in ("registry", "sources"):
            for f in (extra / sub).glob("*.y*ml"):
                shutil.copy(f, corpus / sub / f.name)
    entities, _ = draft.known_entities(corpus)
    return entities


def _curated(heldout: Path, seed: Path, before):
    """(the registry's entities, file, its YAML, its document header) for each curated file of
    `heldout`, drafted against the registry _known_with assembles (kept while the files are read)."""
    import tempfile

    from dkg.loaders.yamlsrc import CuratedLoader

    with tempfile.TemporaryDirectory() as tmp:
        entities = _known_with(Path(tmp) / "data", seed, before, heldout)
        for path in sorted((heldout / "sources").glob("*.y*ml")):
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=CuratedLoader) or {}
            yield entities, path, raw, raw.get("document") or {}


def measure_heldout(heldout: Path, seed: Path = SEED, before: Iterable[Path] = (),
                    texts: dict[str, Path] | None = None) -> list[tuple[str, str, Score]]:
    """(document id, language, score) for each curated file of a held-out corpus built with the
    seed fixture and the held-out corpora it builds on (`before`: tests/fixtures/heldout2 uses
    tests/fixtures/heldout's ids), whose article texts are not stored: the
    text drafted is the title and each curated quote on a line of its own. Quote recall then says
    which of those sentences the draft takes up at all; the rest (subject, property, value,
    speaker, hedges, stance, entities, language) is measured on sentences another curator chose."""
    from dkg.loaders import draft

    rows = []
    for entities, path, raw, doc in _curated(heldout, seed, before):
        curated, quotes = [], []
        for c in raw.get("claims") or []:
            if isinstance(c, dict) and isinstance(c.get("quote"), str):
                curated.append({**c, "value": dict(c["value"]) if isinstance(c.get("value"), dict) else c.get("value")})
        for st in raw.get("stances") or []:
            if isinstance(st, dict) and isinstance(st.get("quote"), str):
                curated.append({"quote": st["quote"], "speaker": st.get("speaker"), "stance": st.get("stance")})
        for c in curated:
            if c["quote"] not in quotes:
                quotes.append(c["quote"])
        text = draft.Text("\n".join([str(doc.get("name") or doc.get("id")), *quotes]) + "\n")
        given = (texts or {}).get(doc.get("id"))
        if given is not None:  # the article's own text, kept outside the repository
            text = draft.decode_text(given.read_bytes(), str(given))
        others = {i: e for i, e in entities.items() if i != doc.get("id")}
        made = draft.make_draft(text, path.stem + ".txt", others, doc_id="heldout-draft")

        def matches(c, p):
            return _norm(c["quote"]) in _norm(p["quote"])

        s = score(curated, _proposals(made), matches, _found(made), set(others))
        s.lang_total, s.lang_ok = 1, int(made.document.get("language") == doc.get("language"))
        rows.append((doc.get("id", path.stem), doc.get("language") or "?", s))
    return rows


# --------------------------------------------------------------------------- a curator's editing


_CLAIM_FIELDS = ("subject", "property", "value", "quote", "speaker", "on_behalf_of", "hedges")
_HEADER_FIELDS = ("name", "kind", "outlet", "published", "language", "authors")


def _filled(c: dict[str, Any], f: str) -> bool:
    v = c.get(f)
    return v not in (None, [], "")


def _same(f: str, a: Any, b: Any) -> bool:
    if f == "value":
        return a is not None and b is not None and _values_equal(a, b)
    if f == "quote":
        return _norm(a or "") == _norm(b or "")
    if f == "hedges":
        return sorted(a or []) == sorted(b or [])
    return a == b


def edit_cost(raw: dict[str, Any], made) -> dict[str, int]:
    """The editing a curator does to reach a curated file, counted in fields (a proxy for the
    time, not a human's minutes): from nothing, every header field and every claim field the file
    fills is written; from the draft, a field the draft already has right costs nothing, one it
    has wrong or lacks costs one, and each proposal no curated claim keeps costs one deletion.
    A curated claim is matched to the proposal (of those whose quote holds its quote) with the
    most fields right; fields the draft never proposes (cites, group, remarks, when) cost the same
    either way and are left out of both counts."""
    doc = raw.get("document") or {}
    claims = [c for c in raw.get("claims") or [] if isinstance(c, dict) and isinstance(c.get("quote"), str)]
    props = [{**p, "on_behalf_of": getattr(c, "on_behalf_of", None)} for p, c in zip(_proposals(made), made.candidates)]
    scratch = sum(1 for f in _HEADER_FIELDS if _filled(doc, f)) + sum(1 for c in claims for f in _CLAIM_FIELDS if _filled(c, f))
    header = sum(1 for f in _HEADER_FIELDS if _filled(doc, f) and not _same(f, doc.get(f), made.document.get(f)))
    used: set[int] = set()
    fields = 0
    for c in claims:
        want = [f for f in _CLAIM_FIELDS if _filled(c, f)]
        best, best_i = len(want), None
        for i, p in enumerate(props):
            if _norm(c["quote"]) not in _norm(p["quote"] or ""):
                continue
            cost = sum(1 for f in want if not _same(f, p.get(f), c.get(f)))
            cost += sum(1 for f in _CLAIM_FIELDS if f not in want and _filled(p, f))  # a field to clear
            if cost < best:
                best, best_i = cost, i
        fields += best
        if best_i is not None:
            used.add(best_i)
    deletions = len(props) - len(used)
    return {"from_nothing": scratch, "with_draft": header + fields + deletions, "header": header,
            "claim_fields": fields, "deletions": deletions, "claims": len(claims), "proposals": len(props)}


def measure_edits(heldout: Path, seed: Path = SEED, before: Iterable[Path] = (), texts: dict[str, Path] | None = None):
    """(document id, language, edit cost) for each curated file of a held-out corpus; the text
    drafted is the article's own when `texts` names a file for its id (kept outside the
    repository), else the title and its curated quotes as in measure_heldout."""
    from dkg.loaders import draft

    rows = []
    for entities, path, raw, doc in _curated(heldout, seed, before):
        given = (texts or {}).get(doc.get("id"))
        if given is not None:
            text, how = draft.decode_text(given.read_bytes(), str(given)), "article text"
        else:
            quotes = []
            for c in raw.get("claims") or []:
                if isinstance(c, dict) and isinstance(c.get("quote"), str) and c["quote"] not in quotes:
                    quotes.append(c["quote"])
            text, how = draft.Text("\n".join([str(doc.get("name") or doc.get("id")), *quotes]) + "\n"), "quotes"
        others = {i: e for i, e in entities.items() if i != doc.get("id")}
        made = draft.make_draft(text, path.stem + ".txt", others, doc_id=doc.get("id"))
        rows.append((doc.get("id", path.stem), doc.get("language") or "?", how, edit_cost(raw, made)))
    return rows


# --------------------------------------------------------------------------- report


def _line(name: str, s: Score) -> str:
    d = s.as_dict()
    rc, pc = d["counts"], d["precision_counts"]
    rec = " ".join(f"{f}={rc[f]}" for f in FIELDS if f in rc)
    pre = " ".join(f"{k}={v}" for k, v in pc.items() if not v.endswith("/0"))
    lang = f"  language {d['language']}" if d["language"] else ""
    return f"  {name:<34} recall: {rec}\n  {'':<34} precision: {pre}\n  {'':<34} entities: {d['entities']['counts']}{lang}"


def total(rows: Iterable[tuple[str, str, Score]]) -> Score:
    """The scores of these articles added up."""
    out = Score()
    for _name, _lang, s in rows:
        out.add(s)
    return out


def report(title: str, rows: list[tuple[str, str, Score]], missed: bool) -> dict[str, Any]:
    print(title)
    by_lang: dict[str, Score] = defaultdict(Score)
    for name, lang, s in rows:
        print(_line(name, s))
        if missed:
            for q in s.missed:
                print(f"      missed: {q}")
        by_lang[lang].add(s)
    overall = total(rows)
    for lang, s in sorted(by_lang.items()):
        print(_line(f"language {lang}", s))
    print(_line("overall", overall))
    return {"articles": {n: s.as_dict() for n, _, s in rows}, "languages": {k: v.as_dict() for k, v in by_lang.items()},
            "overall": overall.as_dict()}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data_dirs", nargs="*", type=Path, default=[ROOT / "data", SEED])
    p.add_argument("--texts", type=Path, default=Path(os.environ.get("DKG_TEXTS") or ROOT.parent / "shared" / "seeds"))
    p.add_argument("--fixtures", type=Path, default=FIXTURES, help="the measurement set (default tests/fixtures/drafts)")
    p.add_argument("--heldout", type=Path, action="append", default=[],
                   help="also a held-out corpus built with the seed fixture and the held-out corpora given before it "
                        "(its texts: the curated quotes); repeatable")
    p.add_argument("--missed", action="store_true", help="list the curated claims the draft did not propose")
    p.add_argument("--edits", action="store_true",
                   help="for each held-out article, the fields a curator writes from nothing against those edited from the draft")
    p.add_argument("--text", action="append", default=[], metavar="ID=FILE",
                   help="draft this held-out document from its article text in FILE (kept outside the repository), not its quotes")
    p.add_argument("--json", action="store_true", help="print the figures as JSON after the table")
    args = p.parse_args(argv)
    out = {}
    if args.texts.is_dir():
        for data_dir in args.data_dirs:
            out[str(data_dir)] = report(f"{data_dir}: curated claims against drafts of their articles", measure(data_dir, args.texts), args.missed)
    else:
        print(f"{args.texts}: no such directory of article texts (give --texts or set DKG_TEXTS); curated files skipped", file=sys.stderr)
    if args.fixtures.is_dir():
        out[str(args.fixtures)] = report(f"{args.fixtures}: the measurement set", measure_fixtures(args.fixtures), args.missed)
    texts = {k: Path(v) for k, v in (t.split("=", 1) for t in args.text)}
    for i, heldout in enumerate(args.heldout):
        how = "from their quotes" + ("; those given by --text from the article text" if texts else "")
        out[str(heldout)] = report(f"{heldout}: held-out curated files (drafted {how})",
                                   measure_heldout(heldout, before=args.heldout[:i], texts=texts), args.missed)
    if args.edits:
        for i, heldout in enumerate(args.heldout):
            print(f"{heldout}: editing to the curated file, in fields (a proxy for a curator's time)")
            total = defaultdict(int)
            for doc_id, lang, how, e in measure_edits(heldout, before=args.heldout[:i], texts=texts):
                print(f"  {doc_id:<30} {lang}  from nothing {e['from_nothing']:>3}  with the draft {e['with_draft']:>3}"
                      f" ({e['header']} header, {e['claim_fields']} claim fields, {e['deletions']} deletions"
                      f" of {e['proposals']} proposals)  drafted from {how}")
                for k, v in e.items():
                    total[k] += v
            if total:
                print(f"  {'overall':<30}     from nothing {total['from_nothing']:>3}  with the draft {total['with_draft']:>3}"
                      f" ({total['with_draft'] / total['from_nothing']:.0%} of the work)")
            out.setdefault("edits", {})[str(heldout)] = dict(total)
    if args.json:
        print(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
