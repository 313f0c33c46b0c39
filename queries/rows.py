"""One mapping from a SPARQL result row to a typed model, instead of a cast per field.

A model field `document_title` is read from the query variable `documentTitle` (camelCase of
the field name) unless the model names another in `VARS`. The field's annotation says how:
a `list[str]` field reads a space-separated GROUP_CONCAT of IRIs or words, an `int` field a
count (0 when unbound), anything else the text of the term, with our IRIs shortened to their
slug and the unknown origin to "unknown".
"""

from __future__ import annotations

import typing
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict

from ..graph.results import Term
from ..schema import iris

UNKNOWN = "unknown"

M = TypeVar("M", bound="Model")


class Model(BaseModel):
    """A frozen answer; `VARS` maps a field to its query variable where camelCase does not."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    VARS: ClassVar[dict[str, str]] = {}


def short(term: Term | None) -> str | None:
    """A term as a person reads it: our IRIs as slugs, literals as their text."""
    if term is None:
        return None
    if term.type == "uri":
        if term.value == iris.UNKNOWN_ORIGIN:
            return UNKNOWN
        return iris.local_name(term.value)
    return term.value


def short_list(term: Term | None) -> list[str]:
    """A space-separated GROUP_CONCAT of IRIs or words as a sorted list of slugs, each once."""
    if term is None or not term.value:
        return []
    items = [UNKNOWN if v == iris.UNKNOWN_ORIGIN else iris.local_name(v) for v in term.value.split(" ") if v]
    return sorted(set(items))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


def _kind(annotation: Any) -> str:
    """'list', 'int' or 'text' for a field annotation (Optional[...] unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is list:
        return "list"
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(args[0]) if len(args) == 1 else "text"
    if annotation is int:
        return "int"
    return "text"


def from_row(cls: type[M], row: dict[str, Term], **given: Any) -> M:
    """The model `cls` filled from `row`; `given` values win (for fields computed elsewhere)."""
    values: dict[str, Any] = {}
    for name, field in cls.model_fields.items():
        if name in given:
            values[name] = given[name]
            continue
        var = cls.VARS.get(name, _camel(name))
        if var not in row:
            continue
        kind = _kind(field.annotation)
        if kind == "list":
            values[name] = short_list(row[var])
        elif kind == "int":
            values[name] = int(row[var].value)
        else:
            values[name] = short(row[var])
    return cls(**values)
