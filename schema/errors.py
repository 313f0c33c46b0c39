"""The few exceptions dkg raises; the CLI maps each to an exit code and a readable message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with curated input, located as precisely as the input allows."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DkgError(Exception):
    exit_code = 2


class DataProblems(DkgError):
    """Curated data has mistakes; every one found in the run is listed."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
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
