"""The bulk format: one appearance of one claim per row, as CSV or JSON lines.

Rows go through the same models as the YAML files (TabularRow -> ClaimEntry), so a claim
loaded in bulk is indistinguishable from a curated one. Problems name the file, the line and
the column (the CSV column number, or 1 for JSON lines) and the field.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterator

from pydantic import ValidationError

from ..schema.errors import Problem
from ..schema.models import ClaimEntry, TabularRow
from .yamlsrc import Located, pydantic_problems

COLUMNS = list(TabularRow.model_fields)


def _rows(path: Path) -> Iterator[tuple[int, dict | None, dict[str, int], str | None]]:
    """(line, raw row, column number per field, parse error) for each data row."""
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            try:
                header = next(reader)
            except StopIteration:
                return
            cols = {name: i + 1 for i, name in enumerate(header)}
            line = reader.line_num
            for record in reader:
                row_line, line = line + 1, reader.line_num
                if not any(record):
                    continue
                if len(record) != len(header):
                    yield row_line, None, cols, f"has {len(record)} cells; the header has {len(header)}"
                    continue
                yield row_line, dict(zip(header, record)), cols, None
    else:
        with path.open(encoding="utf-8") as fh:
            for n, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                try:
                    raw = json.loads(text)
                except json.JSONDecodeError as exc:
                    yield n, None, {}, f"malformed JSON: {exc.msg} (column {exc.colno})"
                    continue
                if not isinstance(raw, dict):
                    yield n, None, {}, "each line must be a JSON object"
                    continue
                yield n, raw, {}, None


def read_rows(path: Path, display: str) -> Iterator[tuple[ClaimEntry | None, str, tuple, list[Problem]]]:
    """Yield (entry, document id, where, problems) for each row."""
    for line, raw, cols, error in _rows(path):
        marks = {(): (line, 1)}
        for name, col in cols.items():
            marks[(name,)] = (line, col)
            if name.startswith("value_"):
                marks[("value", name[len("value_"):])] = (line, col)
        located = Located(display, raw, marks)
        if error:
            yield None, "", (located, ()), [Problem(display, line, 1, "", error)]
            continue
        try:
            row = TabularRow.model_validate(TabularRow.prepare(raw))
            entry = row.to_entry()
        except ValidationError as exc:
            yield None, "", (located, ()), pydantic_problems(located, exc)
            continue
        yield entry, row.document, (located, ()), []


def write_rows(path: Path, rows: list[dict]) -> None:
    """Write rows in the bulk format (used by the synthetic corpus generator)."""
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: ("|".join(v) if isinstance(v, list) else v) for k, v in row.items()})
    else:
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
