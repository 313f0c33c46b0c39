"""YAML reading that remembers where every value came from.

PyYAML's composer gives nodes with line and column marks; we construct plain Python data from
the same nodes and keep a map from each value's path (('claims', 3, 'value', 'amount')) to its
position, so a pydantic error or a bad reference can be reported as file:line:column.
Duplicate keys, which plain yaml.safe_load silently resolves to the last one, are problems,
and so is a lone surrogate escape ("\\ud800"): it is not a character, and the first write of the
text as UTF-8 would fail far from the file (see `surrogates`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..schema.errors import Problem
from ..schema.vocab import closest

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


_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogates(text: str) -> tuple[str, str | None]:
    """Text with its escaped surrogate pairs joined into the characters they stand for (JSON
    writes U+1F600 as "\ud83d\ude00", and YAML 1.2 reads JSON) and any lone surrogate replaced
    by U+FFFD; with the first lone one as an escape, or None when there was none.

    >>> surrogates("a" + chr(0xD83D) + chr(0xDE00))
    ('a😀', None)
    >>> surrogates("x" + chr(0xD800) + "y")
    ('x�y', '\\\\ud800')
    """
    if _SURROGATE.search(text) is None:
        return text, None
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    lone = _SURROGATE.search(joined)
    if lone is None:
        return joined, None
    return _SURROGATE.sub("\ufffd", joined), f"\\u{ord(lone.group()):04x}"


def surrogate_message(escape: str) -> str:
    return (
        f"holds the lone surrogate escape {escape}: half of a UTF-16 pair, not a character; "
        "write the character itself, or a pair such as \\ud83d\\ude00"
    )


def _walk(node: yaml.Node, path: Path_, marks: Marks, problems: list[Problem], file: str) -> None:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
        _, lone = surrogates(node.value)
        if lone is not None:
            problems.append(Problem(file, *marks[path], format_path(path), surrogate_message(lone)))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key, lone = surrogates(key_node.value) if isinstance(key_node.value, str) else (key_node.value, None)
            if lone is not None:
                problems.append(
                    Problem(file, key_node.start_mark.line + 1, key_node.start_mark.column + 1, format_path(path + (key,)), "this key " + surrogate_message(lone))
                )
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


# Curated YAML is written by hand, one article a file; bulk claims go in tabular/*.csv|jsonl,
# which stream. A YAML file is held in memory several times over (text, nodes, marks, values),
# so a limit keeps a mistaken or hostile file from taking minutes and gigabytes (docs/curation.md).
MAX_YAML_BYTES = 8 * 1024 * 1024
# Nesting deeper than this is never curation; PyYAML composes recursively and would overflow.
MAX_DEPTH = 64


class CuratedLoader(yaml.SafeLoader):
    """PyYAML's safe loader for hand-written files.

    - YAML 1.2 booleans: only true and false. YAML 1.1 also reads yes, no, on, off, y and n as
      booleans, so a stance's `on:` key became True and a text value `no` became False. Curated
      files mean the words they say.
    - No anchors, aliases or '<<' merge keys: each alias is a shared node, and a few nested levels of them expand
      to billions of values ("billion laughs"). Nesting is bounded too.
    - An impossible unquoted date (2023-02-30) stays text, so the models report it with its field.
    """

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            raise yaml.composer.ComposerError(
                None, None, f"found an {kind} ({kind}s and '<<' merges are not allowed in curated files: write each value out)", event.start_mark
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):
        try:
            value = super().construct_object(node, deep)
            # a lone surrogate is reported with its field by _walk; the data keeps no such half-character
            return surrogates(value)[0] if isinstance(value, str) else value
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            why = "the number has too many digits" if "integer string conversion" in str(exc) else str(exc)
            raise yaml.constructor.ConstructorError(None, None, f"cannot read this value: {why}", node.start_mark) from None

    def flatten_mapping(self, node):
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "found a '<<' merge key (anchors, aliases and '<<' merges are not allowed in curated files: write each value out)",
                    key_node.start_mark,
                )
        super().flatten_mapping(node)

    def _timestamp_or_text(self, node):
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)  # the models say what is wrong with it


CuratedLoader.add_constructor("tag:yaml.org,2002:timestamp", CuratedLoader._timestamp_or_text)
CuratedLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    CuratedLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index` of `text`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode_utf8(raw: bytes, name: str, offset: int = 0) -> tuple[str | None, Problem | None]:
    """The text of a file (or of a part of it that starts at byte `offset`), or a problem naming
    the line and column of its first bad byte."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = line_column(before, len(before))
        bad = raw[exc.start : exc.end].hex(" ")
        return None, Problem(
            name, line, col, "", f"not UTF-8 text: byte(s) {bad} at byte offset {offset + exc.start} ({exc.reason}); save the file as UTF-8", True
        )


def read_yaml(path: Path, display: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Parse one YAML file; if it cannot be read, return no data and a located problem."""
    name = display or str(path)

    def unreadable(line: int, col: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(name, line, col, "", message, True)]

    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            return unreadable(
                1, 1,
                f"file is {size / 1048576:.1f} MB; a curated YAML file may be at most {MAX_YAML_BYTES // 1048576} MB "
                "(put bulk claims in tabular/*.csv or *.jsonl; see docs/curation.md)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return unreadable(1, 1, f"cannot read: {exc.strerror}")
    text, problem = decode_utf8(raw, name)
    if problem is not None:
        return None, [problem]
    loader = None
    try:
        loader = CuratedLoader(text)  # the reader checks every character here
        node = loader.get_single_node()
        if node is None:
            return Located(name, None, {}), []
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if "\t" in text and "'\\t'" in msg:
            msg += " (indent with spaces, not tabs)"
        return unreadable(line, col, f"malformed YAML: {msg}")
    except yaml.reader.ReaderError as exc:
        line, col = line_column(text, exc.position)
        return unreadable(line, col, f"malformed YAML: the character U+{exc.character:04X} cannot appear in a YAML file; remove it")
    except yaml.YAMLError as exc:
        return unreadable(1, 1, f"malformed YAML: {exc}")
    except RecursionError:
        return unreadable(1, 1, "malformed YAML: nested too deeply")
    finally:
        if loader is not None:
            loader.dispose()
    marks: Marks = {}
    problems: list[Problem] = []
    _walk(node, (), marks, problems, name)
    return Located(name, data, marks), problems


# pydantic puts validator and union tags ("function-after[_slug(), str]") in an error's location;
# they are not keys of the file (a hostile key such as "\x1b[2J" is, and must stay visible).
_PYDANTIC_TAG = re.compile(r"^(function-[a-z]+|[A-Za-z][\w-]*\[.*\])$", re.S)


def _sibling_fields(_ctx, loc) -> list[str]:
    """Field names a misspelt key could have meant: those of every curated model (a key is
    compared by spelling; the models' field names do not overlap in confusing ways)."""
    from ..schema import models

    names: set[str] = set()
    for model in (
        models.SourceFile, models.ClaimEntry, models.StanceEntry, models.Value, models.Money, models.Grading,
        models.Registry, models.EntityExtension, models.TabularRow, *models.ENTITY_MODELS.values(),
    ):
        names.update(n for n in model.model_fields if n != "entity_type")
    return sorted(names)


# Unknown fields reported per record at most; a hostile row of 20,000 keys took 13 s to
# report key by key (each with its closest field name), and told a curator nothing more.
MAX_UNKNOWN_FIELDS = 20


def pydantic_problems(located: Located, exc, base: Path_ = ()) -> list[Problem]:
    """Turn every error of a pydantic ValidationError into a located problem."""
    out = []
    errors = exc.errors(include_url=False)
    unknown = [e for e in errors if e["type"] == "extra_forbidden"]
    if len(unknown) > MAX_UNKNOWN_FIELDS:
        errors = [e for e in errors if e["type"] != "extra_forbidden"] + unknown[:MAX_UNKNOWN_FIELDS]
        out.append(located.problem(base, f"{len(unknown):,} unknown fields; the first {MAX_UNKNOWN_FIELDS} are listed"))
    for err in errors:
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and _PYDANTIC_TAG.match(p)))
        path = base + loc
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (not part of the format; check its spelling)"
            known = _sibling_fields(err.get("ctx"), loc)
            hint = closest(str(loc[-1]), known) if loc and known else []
            if hint:
                msg = f"unknown field; did you mean {', '.join(map(repr, hint))}?"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        elif err["type"] == "missing":
            msg = "required field is missing"
        out.append(located.problem(path, msg))
    return out
