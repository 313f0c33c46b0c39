"""The document record: id, file, title, outlet, byline authors, publication date, language.

Read from where newspapers print them: the first line is the title, a dateline or copyright
line gives the date, a byline the authors, and an outlet the registry knows named near the top,
in a byline or in a copyright line is the outlet. The language comes from language.py.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from pathlib import Path
from typing import Any, Mapping

from ...schema.errors import UnusableInput
from ...schema.fold import fold
from ...schema.models import MAX_NAME, EntityBase
from ...schema.vocab import EntityType
from .dates import find_date
from .language import detect_language
from .names import Mention, slug_id
from .text import Lines

_MONTHS = {m.casefold(): i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
_MONTHS |= {m[:3].casefold(): i for m, i in list(_MONTHS.items())} | {"sept": 9}
_MONTH_RE = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DATES = [
    re.compile(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH_RE}\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH_RE}\s+(?P<year>(?:19|20)\d\d)\b"),
]
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?P<year>(?:19|20)\d\d)\b[^\n]{0,80}", re.I)
_DATELINE_HINT = re.compile(r"^\s*(?:published|updated|posted|first published|last updated|date)\b|\(\w[\w .&-]*\)\s*[-\u2013\u2014]", re.I)
_CITY_DATELINE = re.compile(r"^\s*[^\W\d_][^\W\d_ .-]*(?:[ -][^\W\d_]+){0,2},\s*\d{1,2}\.?\s+[^\W\d_]+")
_BYLINE = re.compile(r"^\s*(?:by|written by|words by)\s+(?P<names>[^\n]{2,160})$", re.I | re.M)


def _date_in(line: str) -> tuple[str, str] | None:
    """(YYYY[-MM[-DD]], as printed) for the first real date in a line."""
    for pattern in _DATES:
        for m in pattern.finditer(line):
            month = m.group("month").casefold().rstrip(".")
            month = int(month) if month.isdigit() else _MONTHS.get(month) or _MONTHS.get(month[:3])
            day = m.groupdict().get("day")
            try:
                dt.date(int(m.group("year")), month, int(day) if day else 1)
            except (TypeError, ValueError):
                continue
            return f"{m.group('year')}-{month:02d}" + (f"-{int(day):02d}" if day else ""), m.group().strip()
    return None


def published(text: str) -> tuple[str, str, str] | None:
    """(date, as printed, evidence) from a dateline near the top or a copyright line."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:8]):
        if i == 0:
            continue  # the title
        if len(line) <= 120 or _DATELINE_HINT.search(line):
            found = _date_in(line[:200])
            if found:
                return found[0], found[1], f"the dateline on line {i + 1}"
        if len(line) <= 120 or _CITY_DATELINE.match(line):
            # a dateline in another language: "Мадрид, 20 февраля, 2024, 01:41 — ИА Регнум."
            other = find_date(line[:80], None)
            if other:
                return other[0], other[1], f"the dateline on line {i + 1}"
    for m in _COPYRIGHT.finditer(text):
        year = m.group("year")
        line = Lines(text)(m.start())
        printed = m.group().strip().rstrip(",.;")
        return int(year), printed[:MAX_NAME], f"the copyright line on line {line} (a year only)"
    return None


def _clean_title(line: str) -> tuple[str, bool]:
    """The first line as a document name: invisible characters out, at most MAX_NAME characters."""
    cleaned = "".join(ch if ch.isprintable() else " " if ch.isspace() else "" for ch in line)
    cleaned = " ".join(cleaned.split())
    changed = cleaned != " ".join(line.split())
    if len(cleaned) > MAX_NAME:
        cleaned = cleaned[:MAX_NAME - 1].rsplit(" ", 1)[0] + "…"
        changed = True
    return cleaned, changed



def document_record(text: str, file_name: str, entities: Mapping[str, EntityBase], mentions: list[Mention],
                    line_of: Lines, doc_id: str | None) -> tuple[dict[str, Any], dict[str, str], bool, int]:
    """(the document record, a note per field, whether the title was changed, where the title ends)."""
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    first_end = text.find(first) + len(first)
    title, title_changed = _clean_title(first)
    ident = doc_id or slug_id(Path(file_name).stem)
    if ident is None:
        raise UnusableInput(f"cannot make a document id from the file name {file_name!r}: give one with --id")
    doc: dict[str, Any] = {"id": ident}
    notes: dict[str, str] = {}
    if re.fullmatch(r"[A-Za-z0-9._-]+", file_name) and len(file_name) <= 200:
        doc["file"] = file_name
    else:
        notes["id"] = "the text's file name has characters `file:` refuses; rename it to letters, digits, . _ - and add `file:`"
    doc["name"] = title or ident
    if title_changed:
        notes["name"] = "the first line, without invisible characters and shortened to 200 characters: check it"
    elif not title:
        notes["name"] = "the text has no title line: write the document's title"
    doc["kind"] = "news_report"
    notes["kind"] = "news_report opinion interview official_statement social_media_post video law research other"

    outlets = {i for i, e in entities.items() if e.entity_type is EntityType.organization
               and getattr(e, "kind", None) in ("news_outlet", "news_agency")}
    outlet, outlet_note = None, "no registry outlet is named near the top or in a byline: unknown"
    top = text[: min(len(text), 600)]
    lines = text.split("\n")
    # bylines are printed at the head or the foot of an article; a few suffice
    head, foot = text[:5000], max(5000, len(text) - 3000)
    bylines = list(_BYLINE.finditer(head))[:3] + list(_BYLINE.finditer(text, foot))[:3]
    for m in mentions:
        hit = [i for i in m.ids if i in outlets]
        if not hit:
            continue
        line_no = line_of(m.start)
        line = lines[line_no - 1]
        in_byline = any(b.start() <= m.start < b.end() for b in bylines)
        in_copyright = bool(_COPYRIGHT.search(line))
        near_top = m.start < len(top) and line_no > 1 and (
            len(line.split()) <= 8 or re.search(r"\(\s*" + re.escape(m.printed) + r"\s*\)", line) is not None)
        if in_byline or in_copyright or near_top:
            outlet = hit[0]
            outlet_note = f"named on line {line_no}" + (" (byline)" if in_byline else " (copyright line)" if in_copyright else "")
            break
    if outlet is None:
        selfref = re.search(r"\b(\w[\w ]{0,40}?) (?:has|have) (?:contacted|reached out|been unable to verify|not been able to verify|could not (?:independently )?verify)", text)
        if selfref:
            ids = [i for m in mentions if selfref.start(1) <= m.start < selfref.end(1) for i in m.ids if i in outlets]
            if ids:
                outlet_note = f"the text says {fold(selfref.group(1))!r} contacted or could not verify: its outlet may be {ids[0]}"
    doc["outlet"] = outlet
    notes["outlet"] = outlet_note

    persons = {i for i, e in entities.items() if e.entity_type is EntityType.person}
    authors: list[str] = []
    starts = [m.start for m in mentions]
    for b in bylines:
        for m in mentions[bisect.bisect_left(starts, b.start("names")):bisect.bisect_left(starts, b.end())]:
            if m.ids[0] in persons and m.ids[0] not in authors:
                authors.append(m.ids[0])
    doc["authors"] = authors
    if bylines and not authors:
        notes["authors"] = f"byline on line {line_of(bylines[0].start())} names no registry person"
    pub = published(text)
    if pub:
        doc["published"], doc["published_printed"], doc["published_evidence"] = pub
    else:
        doc["published"] = None
        notes["published"] = "no date printed in a dateline or copyright line"
    lang = detect_language(text)
    if lang:
        doc["language"] = lang
    doc["rereports"] = None
    doc["derived_from"] = []
    notes["derived_from"] = "documents it draws on: see the documents named below"

    return doc, notes, title_changed, first_end
