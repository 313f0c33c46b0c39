"""A tiny HTML builder that escapes by default.

Text from the graph is never trusted: every string given to `el` is escaped with html.escape
unless it is already `Markup` (built by `el` itself or read from a template shipped with the
package). Attribute values are escaped the same way, and links are built from slugs with
urllib's quote, so no value can open a tag, close an attribute or start a `javascript:` URL.
"""

from __future__ import annotations

import html
from typing import Iterable


class Markup(str):
    """HTML known to be safe: produced here, never from data."""


def esc(value) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def join(parts: Iterable, sep: str = "") -> Markup:
    return Markup(esc(sep).join(esc(p) for p in parts if p is not None and p != ""))


def el(tag: str, *children, **attrs) -> Markup:
    """<tag attrs>children</tag>; `class_` for class, `None` attributes left out."""
    parts = [tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{esc(value)}"')
    inner = join(_flatten(children))
    if tag in ("br", "meta", "link", "img", "hr"):
        return Markup(f"<{' '.join(parts)}>")
    return Markup(f"<{' '.join(parts)}>{inner}</{tag}>")


def _flatten(children):
    for c in children:
        if isinstance(c, (list, tuple)) or (not isinstance(c, str) and hasattr(c, "__iter__")):
            yield from _flatten(c)
        else:
            yield c
