"""N-Triples terms as text. The build writes quads as N-Quads lines: fast to make, fast for
Oxigraph to bulk-load, and sortable into a canonical, byte-identical export."""

from __future__ import annotations

from decimal import Decimal

XSD = "http://www.w3.org/2001/XMLSchema#"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"})


def iri(value: str) -> str:
    if any(c in value for c in '<>"{}|^`\\ \n'):
        raise ValueError(f"not a safe IRI: {value!r}")
    return f"<{value}>"


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    body = '"' + text.translate(_ESCAPES) + '"'
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
