"""The article as the draft reads it: bytes to text, line numbers, sentences, and the units a
candidate quotes (a sentence, or one quotation running over several).

Sentences are split by a hand rule (abbreviations, initials, a full stop before a lower-case
word) rather than a library: the quote a curator keeps must be a verbatim span of the text, and
the rule keeps offsets exact in any script.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...schema.errors import UnusableInput

MAX_QUOTE = 300  # data/ holds short quotes, never an article's text
MAX_BYTES = 20 * 1024 * 1024  # an article is kilobytes; anything this large is not one


# --------------------------------------------------------------------------- reading the text

# C0/C1 controls (bar tab and newline), line/paragraph separators and the BOM: the models refuse
# them in any text, so the draft reads them as white space and says how many it met.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


@dataclass
class Text:
    """An article as the draft reads it: line breaks unified, control characters blanked."""

    text: str
    controls: int = 0  # control characters read as spaces


def decode_text(data: bytes, name: str) -> Text:
    """Bytes of an article to text, or UnusableInput saying plainly why not."""
    if len(data) > MAX_BYTES:
        raise UnusableInput(f"{name}: {len(data) / 1e6:.1f} MB is too large for an article (at most {MAX_BYTES // 2**20} MB)")
    if b"\x00" in data:
        raise UnusableInput(f"{name}: holds NUL bytes; this is not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnusableInput(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. `iconv -f windows-1252 -t utf-8 FILE > FILE.utf8`"
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, n = _CONTROLS.subn(" ", text)
    if not text.strip():
        raise UnusableInput(f"{name}: the text is empty")
    return Text(text, n)


class Lines:
    """Line numbers of offsets, by bisection (a count per lookup is quadratic on a long text)."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos)


# --------------------------------------------------------------------------- sentences

# Words a full stop follows without ending a sentence: titles, months, common Latin.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt cpl adm cmdr gov sen rep rev st jr sr "
    "jan feb mar apr jun jul aug sep sept oct nov dec vs etc eg ie al approx est inc ltd co corp dept univ".split()
)
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    line: int  # 1-based line of its start
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of each paragraph (a line of text); a full stop after an abbreviation or an
    initial does not end one, and neither does one followed by a lower-case word."""
    out: list[Sentence] = []
    pos, line_no = 0, 1
    for para, line in enumerate(text.split("\n")):
        start = 0
        for m in _END.finditer(line):
            before = re.search(r"([^\W\d_]+)\.$", line[: m.start() + 1])
            word = before.group(1) if before and m.group().startswith(".") and len(m.group()) == 1 else None
            nxt = line[m.end():].lstrip()
            if word and (word.casefold() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
                continue
            if word and word.casefold() in ("no", "nos", "vol", "fig", "p", "pp") and nxt[:1].isdigit():
                continue  # "No. 5"
            if nxt and nxt[0].islower():
                continue
            _add(out, line, start, m.end(), pos, line_no, para)
            start = m.end()
        _add(out, line, start, len(line), pos, line_no, para)
        pos += len(line) + 1
        line_no += 1
    return out


def _add(out, line, a, b, pos, line_no, para) -> None:
    chunk = line[a:b]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if chunk:
        out.append(Sentence(pos + a + lead, pos + a + lead + len(chunk), chunk, line_no, para))


# Attribution: who says so. Common forms of the verbs of saying, reporting and believing, and
def clause(sentence: str, at: int) -> str:
    """At most MAX_QUOTE characters of a long sentence around position `at`, cut at clause ends."""
    if len(sentence) <= MAX_QUOTE:
        return sentence
    cuts = [0] + [m.end() for m in re.finditer(r"[,;:\u2013\u2014]\s+", sentence)] + [len(sentence)]
    best = (0, min(len(sentence), MAX_QUOTE))
    for i, a in enumerate(cuts):
        if a > at:
            break
        for b in cuts[i + 1:]:
            if b - a > MAX_QUOTE:
                break
            if b > at and b - a > best[1] - best[0]:
                best = (a, b)
    if best[1] <= at or best[0] > at:  # no clause fits around it: a window of words
        a = max(0, at - MAX_QUOTE // 2)
        best = (a, min(len(sentence), a + MAX_QUOTE))
    return sentence[best[0]:best[1]].strip(" ,;:\u2013\u2014")

@dataclass(frozen=True)
class Unit:
    """What a candidate claim quotes: a sentence, or a quotation of several sentences."""

    start: int
    end: int
    text: str
    line: int
    paragraph: int
    speech: bool  # direct speech, or holds some


_MARKS = {"\u201c": "\u201d", "\u00ab": "\u00bb", '"': '"'}


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans (inner text) of direct quotations of six words or more, one paragraph at most; a
    quotation left open runs to the end of its paragraph, as news style prints long ones."""
    out = []
    pos = 0
    for line in text.split("\n"):
        i = 0
        while i < len(line):
            close = _MARKS.get(line[i])
            if close is None:
                i += 1
                continue
            j = line.find(close, i + 1)
            end = j if j >= 0 else len(line)
            if len(re.findall(r"\w+", line[i + 1:end])) >= 6:
                out.append((pos + i + 1, pos + end))
            i = end + 1
        pos += len(line) + 1
    return out


def quote_units(text: str, sentences: list[Sentence], first_end: int) -> list[Unit]:
    """Sentences after the title, with the sentences of one quotation of at most MAX_QUOTE
    characters joined into one unit, so a quote that runs over a full stop is proposed whole."""
    spans = quotations(text)
    out: list[Unit] = []
    k = 0
    i = 0
    body = [s for s in sentences if s.start >= first_end]
    while i < len(body):
        s = body[i]
        while k < len(spans) and spans[k][1] <= s.start:
            k += 1
        span = spans[k] if k < len(spans) and spans[k][0] < s.end else None
        if span and span[1] - span[0] <= MAX_QUOTE:
            inside = []
            for x in range(i, len(body)):
                t = body[x]
                if not (t.start >= span[0] - 1 and t.end <= span[1] + 2 and t.paragraph == s.paragraph):
                    break
                inside.append(t)
            if len(inside) >= 2 and inside[0] is s:
                a, b = span
                while b > a and text[b - 1] in " ":
                    b -= 1
                out.append(Unit(a, b, text[a:b], s.line, s.paragraph, True))
                i += len(inside)
                continue
        out.append(Unit(s.start, s.end, s.text, s.line, s.paragraph, span is not None))
        i += 1
    return out

