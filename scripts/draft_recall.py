#!/usr/bin/env python3
"""How much of a curator's work does `dkg new-source` propose? For every curated source file
whose article text is at hand, draft the article afresh and count the curated quotes (claims
and stances) that lie within a quote the draft proposed, after normalising white space and
typographic quotes. Prints the share per article and overall, for each data directory given
(default: data/ and the frozen seed fixture), and the quotes it missed with --missed.

    scripts/draft_recall.py [--texts DIR] [--missed] [DATA_DIR ...]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def measure(data_dir: Path, texts: Path, figures: bool = True) -> list[tuple[str, int, int, list[str]]]:
    """(document id, found, total, missed) for each source file whose text is in `texts`;
    without `figures`, candidates proposed only for a printed figure are left out."""
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
        found, total, missed = draft.recall(draft.iter_quotes(raw), [c.quote for c in made.candidates if figures or c.why != "figure"])
        rows.append((doc.get("id", path.stem), found, total, missed))
    return rows


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data_dirs", nargs="*", type=Path, default=[ROOT / "data", ROOT / "tests" / "fixtures" / "seed"])
    p.add_argument("--texts", type=Path, default=Path(os.environ.get("DKG_TEXTS") or ROOT.parent / "shared" / "seeds"))
    p.add_argument("--missed", action="store_true", help="list the curated quotes the draft did not propose")
    args = p.parse_args(argv)
    if not args.texts.is_dir():
        print(f"{args.texts}: no such directory of article texts (give --texts or set DKG_TEXTS)", file=sys.stderr)
        return 2
    for data_dir in args.data_dirs:
        rows = measure(data_dir, args.texts)
        speech = {r[0]: r for r in measure(data_dir, args.texts, figures=False)}
        print(f"{data_dir}: curated quotes the draft proposed (all candidates | attributions and speech only)")
        for doc, found, total, missed in rows:
            s = speech[doc][1]
            print(f"  {doc:<28} {found:>4}/{total:<4} {found / total if total else 0:6.1%}   | {s:>4}/{total:<4} {s / total if total else 0:6.1%}")
            if args.missed:
                for q in missed:
                    print(f"      missed: {q}")
        f, t = sum(r[1] for r in rows), sum(r[2] for r in rows)
        s = sum(r[1] for r in speech.values())
        print(f"  {'overall':<28} {f:>4}/{t:<4} {f / t if t else 0:6.1%}   | {s:>4}/{t:<4} {s / t if t else 0:6.1%}"
              f"   ({len(rows)} article(s) with a text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
