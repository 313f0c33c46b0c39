"""The bulk format: one appearance of one claim per row, as CSV or JSON lines.

Rows go through the same models as the YAML files (TabularRow -> ClaimEntry), so a claim
loaded in bulk is indistinguishable from a curated one. Problems name the file, the line and
the column (the CSV column number, or 1 for JSON lines) and the field.

What plain `json.loads` and `csv.reader` let through silently is refused with its place: a key
given twice in one JSON row or a column named twice in a CSV header (each kept the last value),
a lone surrogate escape ("\\ud800", not a character), and an integer of thousands of digits
(Python refuses to convert it). A UTF-8 byte order mark at the start of a file is skipped, as
spreadsheets write one.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterator

from pydantic import ValidationError

from ..schema.errors import Problem
from ..schema.models import ClaimEntry, TabularRow
from ..schema.vocab import closest
from .yamlsrc import MAX_UNKNOWN_FIELDS, Located, decode_utf8, pydantic_problems, surrogate_message, surrogates

COLUMNS = list(TabularRow.model_fields)


Error = tuple[int, str]  # (column, message) of a row that cannot be read
BOM = b"\xef\xbb\xbf"


class _RowRefused(ValueError):
    """A JSON row that parses but cannot be taken as written; the message says why."""


def _json_object(pairs: list[tuple[str, object]]) -> dict:
    """One JSON object, refusing a key given twice and lone surrogates in keys and text."""
    out: dict = {}
    for key, value in pairs:
        key, lone = surrogates(key)
        if lone is not None:
            raise _RowRefused(f"{key}: this key {surrogate_message(lone)}")
        if key in out:
            raise _RowRefused(f"{key}: duplicate key {key!r} (a row gives each field once)")
        out[key] = _text_of(key, value)
    return out


def _text_of(key: str, value):
    """A JSON value with no lone surrogate in its text (objects inside were checked as they were read)."""
    if isinstance(value, list):
        return [_text_of(key, item) for item in value]
    if isinstance(value, str):
        value, lone = surrogates(value)
        if lone is not None:
            raise _RowRefused(f"{key}: {surrogate_message(lone)}")
    return value


def _json_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise _RowRefused(f"a number of {len(text.lstrip('-'))} digits is not a figure any text prints") from None


def _loads(text: str):
    return json.loads(text, object_pairs_hook=_json_object, parse_int=_json_int)


def _lines(fh, bad: dict[int, Error]) -> Iterator[str]:
    """Decode a binary file line by line; a line that is not UTF-8 is noted in `bad` (by line
    number, with the column of its first bad byte) and passed on with replacement characters."""
    offset = 0
    for n, raw in enumerate(fh, start=1):
        if n == 1 and raw.startswith(BOM):
            raw, offset = raw[len(BOM):], len(BOM)
        text, problem = decode_utf8(raw, "", offset)
        offset += len(raw)
        if problem is not None:
            bad[n] = (problem.column, problem.message)
            text = raw.decode("utf-8", errors="replace")
        yield text


def _rows(path: Path) -> Iterator[tuple[int, dict | None, dict[str, int], Error | None]]:
    """(line, raw row, column number per field, error) for each data row."""
    bad: dict[int, Error] = {}

    def bad_between(first: int, last: int) -> Error | None:
        return next((bad[n] for n in range(first, last + 1) if n in bad), None)

    with path.open("rb") as fh:
        if path.suffix.lower() == ".csv":
            reader = csv.reader(_lines(fh, bad))
            try:
                header = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield reader.line_num, None, {}, (1, f"malformed CSV header: {exc}")
                return
            error = bad_between(1, reader.line_num)
            if error is not None:
                yield 1, None, {}, (error[0], error[1] + " (the header; no row of this file was read)")
                return
            cols: dict[str, int] = {}
            for i, name in enumerate(header, start=1):
                if name in cols:
                    yield 1, None, {}, (i, f"column {name!r} is named twice in the header (first as column {cols[name]}); no row of this file was read")
                    return
                cols[name] = i
            unknown = [(i, name) for name, i in cols.items() if name not in TabularRow.model_fields]
            if unknown:  # told once at the header, not on every row
                for n, (i, name) in enumerate(unknown[:MAX_UNKNOWN_FIELDS]):
                    hint = closest(name, COLUMNS)
                    why = f"unknown column {name!r}" + (f"; did you mean {', '.join(map(repr, hint))}?" if hint else "")
                    yield 1, None, {}, (i, why + ("; no row of this file was read" if n == 0 else ""))
                if len(unknown) > MAX_UNKNOWN_FIELDS:
                    yield 1, None, {}, (1, f"{len(unknown):,} unknown columns; the first {MAX_UNKNOWN_FIELDS} are listed")
                return
            line = reader.line_num
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    # the reader cannot resynchronise inside a broken record: report it and stop
                    yield line + 1, None, cols, (1, f"malformed CSV: {exc} (no later row of this file was read)")
                    return
                row_line, line = line + 1, reader.line_num
                error = bad_between(row_line, line)
                if error is not None:
                    yield row_line, None, cols, error
                    continue
                if not any(record):
                    continue
                if len(record) != len(header):
                    yield row_line, None, cols, (1, f"has {len(record)} cells; the header has {len(header)}")
                    continue
                yield row_line, dict(zip(header, record)), cols, None
        else:
            for n, text in enumerate(_lines(fh, bad), start=1):
                if n in bad:
                    yield n, None, {}, bad[n]
                    continue
                if not text.strip():
                    continue
                try:
                    raw = _loads(text)
                except _RowRefused as exc:
                    yield n, None, {}, (1, str(exc))
                    continue
                except json.JSONDecodeError as exc:
                    yield n, None, {}, (1, f"malformed JSON: {exc.msg} (column {exc.colno})")
                    continue
                except RecursionError:
                    yield n, None, {}, (1, "malformed JSON: nested too deeply")
                    continue
                if not isinstance(raw, dict):
                    yield n, None, {}, (1, "each line must be a JSON object")
                    continue
                yield n, raw, {}, None


class RowLocated(Located):
    """Where one row's values are: its line, and the column of each field in the file's header
    (one mapping shared by every row of a file, so a million rows cost a few bytes each)."""

    def __init__(self, file: str, line: int, columns: dict[tuple, int]):
        self.file, self.line, self.columns, self.data = file, line, columns, None

    @property
    def marks(self) -> dict:
        return {(): (self.line, 1), **{path: (self.line, col) for path, col in self.columns.items()}}

    def where(self, path) -> tuple[int, int]:
        path = tuple(path)
        while path and path not in self.columns:
            path = path[:-1]
        return (self.line, self.columns.get(path, 1)) if path else (self.line, 1)


def _column_paths(cols: dict[str, int]) -> dict[tuple, int]:
    out: dict[tuple, int] = {}
    for name, col in cols.items():
        out[(name,)] = col
        if name.startswith("value_"):
            out[("value", name[len("value_"):])] = col
    return out


def read_rows(path: Path, display: str) -> Iterator[tuple[ClaimEntry | None, str, tuple, list[Problem]]]:
    """Yield (entry, document id, where, problems) for each row."""
    header, columns = None, {}
    for line, raw, cols, error in _rows(path):
        if cols is not header:  # a CSV file has one header for all its rows
            header, columns = cols, _column_paths(cols)
        located = RowLocated(display, line, columns)
        if error:
            yield None, "", (located, ()), [Problem(display, line, error[0], "", error[1])]
            continue
        try:
            row = TabularRow.model_validate(TabularRow.prepare(raw))
            entry = row.to_entry()
        except ValidationError as exc:
            yield None, "", (located, ()), pydantic_problems(located, exc)
            continue
        yield entry, row.document, (located, ()), []
