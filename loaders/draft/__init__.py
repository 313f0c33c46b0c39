"""A first draft of a source file, read off an article's text.

A curator starts an article by looking up every name in the registry, finding every sentence
that attributes something to someone and copying its words, and turning printed figures into
values. All three are mechanical and slow by hand; this package does them and leaves the
judgement to the curator.

Everything here is a pure function of the text, its file name and the registry's entities, so
the same article and registry always give the same draft. The parts, by job:

- text.py: bytes to text, line numbers, sentences, the units a candidate quotes;
- names.py: registry names found in the text, names it lacks proposed as entries;
- attribution.py: verbs of saying, speakers, subjects;
- figures.py: amounts, ranges, bounds, units, currencies and printed equivalents;
- header.py, language.py: the document record;
- claims.py: the candidate claims;
- write.py: the draft as YAML, article text always data;
- registry.py: the registry read even from a corpus with problems;
- recall.py: quotes compared as a curator reads them, for scripts/draft_recall.py.

Measured by scripts/draft_recall.py (curated claims proposed with subject, property and value
all right = claim recall; candidates holding a curated claim = kept; completed proposals a
curated claim has exactly = claim precision), before this package (71a257d) and after:

| set                                   | claim recall | claim precision | quotes     | kept      | entities | language |
|---------------------------------------|--------------|-----------------|------------|-----------|----------|----------|
| seed, en (5 articles)                 | 0 -> 19/246  | - -> 17/35      | 184 -> 205/257 | 85/104 -> 106/127 | 75 -> 70/115 | 5/5 |
| measurement set, en ru uk (4 excerpts)| 0 -> 12/21   | - -> 12/27      | 10 -> 21/21 | 9/11 -> 29/33 | 9 -> 14/15 | 1 -> 4/4 |
| held-out, en es ru uk (12, from quotes)| 0 -> 9/68   | - -> 9/32       | 39 -> 66/74 | 25/25 -> 53/53 | 24 -> 34/67 | 4 -> 12/12 |

The seed's entity recall fell by the descriptive aliases ("his unit", "the war") that names.py no
longer matches: they were written for those very articles. Far from issue 25's targets (70% of
claims right, 70% precision): one proposal per property a sentence's words state leaves out what
curators infer from context (who "the man" is, a role from an apposition, a figure's group).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping

from ...schema.models import Document, EntityBase
from .claims import Candidate, candidates, properties_for
from .figures import Figure, find_figures
from .header import document_record, published
from .names import NameIndex, NewName, new_names, provisional_entities, slug_id
from .recall import normalise_quote
from .registry import known_entities
from .text import MAX_BYTES, MAX_QUOTE, Lines, Text, decode_text, split_sentences
from .hedges import STANCE_KINDS
from .write import claim_ref, dump_field, is_complete, live_candidates, render, render_registry

__all__ = [
    "MAX_BYTES", "MAX_QUOTE", "Candidate", "Draft", "Figure", "Lines", "NameIndex", "NewName", "Text", "decode_text",
    "dump_field", "find_figures", "known_entities", "make_draft", "new_names", "normalise_quote",
    "properties_for", "published", "render", "slug_id", "split_sentences", "STANCE_KINDS", "claim_ref",
    "is_complete", "live_candidates", "render_registry",
]


@dataclass
class Draft:
    document: dict[str, Any]
    notes: dict[str, str]  # document field -> a comment for it
    mentions: dict[str, list[str]]  # entity id -> printed forms, in order of first mention
    mention_lines: dict[str, int]
    counts: Counter
    candidates: list[Candidate]
    new_names: list[NewName]
    index: NameIndex
    controls: int = 0
    title_changed: bool = False
    provisional: dict[str, EntityBase] = field(default_factory=dict)  # new entries proposed, by id


def make_draft(source: Text | str, file_name: str, entities: Mapping[str, EntityBase], doc_id: str | None = None) -> Draft:
    """Everything the draft proposes for one article, before it is written out."""
    t = source if isinstance(source, Text) else Text(source)
    text = t.text
    # a document already recorded from this very text is not a name the text prints
    entities = {i: e for i, e in entities.items() if not (isinstance(e, Document) and e.file == file_name)}
    index = NameIndex(entities)
    mentions = index.mentions(text)
    line_of = Lines(text)
    doc, notes, title_changed, first_end = document_record(text, file_name, entities, mentions, line_of, doc_id)
    fresh = new_names(text, mentions, first_end, line_of)
    # the names the registry lacks, as provisional entries, so claims about them can be proposed
    provisional = provisional_entities(fresh, entities)
    if provisional:
        index = NameIndex({**entities, **provisional})
        # registry names first: a new name never hides one ("Spokesman Andriy Yusov")
        starts = [m.start for m in mentions]  # sorted, never overlapping

        def free(m) -> bool:
            i = bisect.bisect_right(starts, m.start) - 1
            before_ok = i < 0 or mentions[i].end <= m.start
            after_ok = i + 1 >= len(mentions) or mentions[i + 1].start >= m.end
            return before_ok and after_ok

        extra = [m for m in NameIndex(provisional).mentions(text) if free(m)]
        found = sorted(mentions + extra, key=lambda m: m.start)
        seen = Counter(i for m in extra for i in m.ids)
        for n in fresh:
            if n.id in seen:
                n.count = max(n.count, seen[n.id])
    else:
        found = mentions

    names: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    counts: Counter = Counter()
    for m in mentions:
        for i in m.ids:
            counts[i] += 1
            forms = names.setdefault(i, [])
            printed = " ".join(m.printed.split())
            if printed not in forms:
                forms.append(printed)
            if i not in first_line:
                first_line[i] = line_of(m.start)

    published = doc.get("published")
    year = int(str(published)[:4]) if published else None
    cands = candidates(text, found, index, {**entities, **provisional}, first_end, doc.get("language"), year)
    return Draft(doc, notes, names, first_line, counts, cands, fresh, index, t.controls, title_changed, provisional)
