"""The few exceptions dkg raises; the CLI maps each to an exit code and a readable message."""

from __future__ import annotations

from dataclasses import dataclass, field as _field

from .text import for_terminal


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with curated input, located as precisely as the input allows.

    `unreadable` marks a file that could not be read at all (not UTF-8, malformed YAML, too
    large): it is reported before every other problem, since many of those may follow from it.
    Printing escapes control and bidi characters, which file names, keys and values may hold.
    """

    file: str
    line: int
    column: int
    field: str
    message: str
    unreadable: bool = _field(default=False, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return for_terminal(text)


class DkgError(Exception):
    exit_code = 2


class DataProblems(DkgError):
    """Curated data has mistakes; every one found in the run is listed."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        # unreadable files first, then by place; ties keep the order they were found in
        unique = dict.fromkeys(problems)
        self.problems = sorted(unique, key=lambda p: (not p.unreadable, p.file, p.line, p.column, p.field))
        super().__init__(f"{len(self.problems)} problem(s) in the data")

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(self.problems)} problem(s) found; nothing was written.")
        return "\n".join(lines)


class UnusableInput(DkgError):
    """The input cannot be read at all (missing directory, unreadable file, no build yet)."""

    exit_code = 2


class QuerySyntaxError(DkgError):
    """A SPARQL query does not parse; the message says where."""

    exit_code = 2


class NotFound(DkgError):
    """An entity, claim, document or query name that does not exist; suggests the closest."""

    exit_code = 1

    def __init__(self, what: str, name: str, suggestions: list[str] | None = None):
        self.what, self.name, self.suggestions = what, name, suggestions or []
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no {what} {name!r}{hint}")
