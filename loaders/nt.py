"""N-Triples terms as text. The build writes quads as N-Quads lines: fast to make, fast for
Oxigraph to bulk-load, and sortable into a canonical, byte-identical export."""

from __future__ import annotations

import re
from decimal import Decimal

from ..schema.iris import PREFIXES

XSD = PREFIXES["xsd"]
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"})
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t\b\f]')
_UNSAFE_IRI = re.compile(r'[<>"{}|^`\\ \n]')


def iri(value: str) -> str:
    if _UNSAFE_IRI.search(value):
        raise ValueError(f"not a safe IRI: {value!r}")
    return f"<{value}>"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    # most texts need no escaping: one regex scan is far cheaper than translating every one
    body = '"' + (text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text) + '"'
    if lang:
        return f"{body}@{lang}"
    if datatype and datatype != XSD + "string":
        return f"{body}^^<{datatype}>"
    return body


def number(value: Decimal | int) -> str:
    d = Decimal(value)
    if d == d.to_integral_value():
        return literal(str(int(d)), XSD + "integer")
    return literal(format(d.normalize(), "f"), XSD + "decimal")


def date(value: str) -> str:
    """YYYY -> xsd:gYear, YYYY-MM -> xsd:gYearMonth, YYYY-MM-DD -> xsd:date."""
    kind = ("gYear", "gYearMonth", "date")[value.count("-")]
    return literal(value, XSD + kind)


def boolean(value: bool) -> str:
    return literal("true" if value else "false", XSD + "boolean")


def quad(s: str, p: str, o: str, g: str) -> str:
    return f"{s} {p} {o} {g} .\n"
