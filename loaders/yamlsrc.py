"""YAML reading that remembers where every value came from.

PyYAML's composer gives nodes with line and column marks; we construct plain Python data from
the same nodes and keep a map from each value's path (('claims', 3, 'value', 'amount')) to its
position, so a pydantic error or a bad reference can be reported as file:line:column.
Duplicate keys, which plain yaml.safe_load silently resolves to the last one, are problems.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..schema.errors import Problem

Path_ = tuple[Any, ...]
Marks = dict[Path_, tuple[int, int]]


class Located:
    """Data of one file and the position of each of its values."""

    def __init__(self, file: str, data: Any, marks: Marks):
        self.file, self.data, self.marks = file, data, marks

    def where(self, path: Path_) -> tuple[int, int]:
        """Position of the deepest known prefix of path (a missing field points at its parent)."""
        path = tuple(path)
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def problem(self, path: Path_, message: str) -> Problem:
        line, col = self.where(path)
        return Problem(self.file, line, col, format_path(path), message)


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _walk(node: yaml.Node, path: Path_, marks: Marks, problems: list[Problem], file: str) -> None:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(
                    Problem(
                        file,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        format_path(path + (key,)),
                        f"duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})",
                    )
                )
            seen[key] = key_node
            _walk(value_node, path + (key,), marks, problems, file)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), marks, problems, file)


class CuratedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 booleans: only true and false.

    YAML 1.1 also reads yes, no, on, off, y and n as booleans, so a stance's `on:` key became
    True and a text value `no` became False. Curated files mean the words they say."""


CuratedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    CuratedLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def read_yaml(path: Path, display: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML file; on a syntax error return no data and a located problem."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, 1, 1, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(name, 1, 1, "", f"cannot read: {exc.strerror}")]
    loader = CuratedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Located(name, None, {}), []
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return None, [Problem(name, line, col, "", f"malformed YAML: {msg}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 1, 1, "", f"malformed YAML: {exc}")]
    finally:
        loader.dispose()
    marks: Marks = {}
    problems: list[Problem] = []
    _walk(node, (), marks, problems, name)
    return Located(name, data, marks), problems


def pydantic_problems(located: Located, exc, base: Path_ = ()) -> list[Problem]:
    """Turn every error of a pydantic ValidationError into a located problem."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
        path = base + loc
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not part of the format; check its spelling)"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        elif err["type"] == "missing":
            msg = "required field is missing"
        out.append(located.problem(path, msg))
    return out
