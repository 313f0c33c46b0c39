"""SPARQL results independent of the store that produced them, and their W3C serialisations
(SPARQL 1.1 Query Results JSON, XML, CSV and TSV), checked against the W3C results tests
(tests/test_results_formats.py).

XML 1.0 cannot carry most C0 control characters (U+0001 to U+0008, U+000B, U+000C, U+000E to
U+001F), U+FFFE, U+FFFF or a lone surrogate, not even as character references: a result holding
one is refused for XML with a message naming the variable and row (JSON, CSV and TSV carry
it). A carriage return is written `&#13;`, since an XML parser turns a raw one into a newline.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import NamedTuple
from decimal import Decimal

from ..schema.errors import UnusableInput
from ..schema.iris import PREFIXES

XSD = PREFIXES["xsd"]
_INTS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger", "byte")}


class Term(NamedTuple):
    """An RDF term as the W3C JSON results format describes it.

    A named tuple rather than a dataclass: large results make hundreds of thousands of
    terms, and a tuple is several times cheaper to create.
    """

    type: str  # "uri", "literal" or "bnode"
    value: str
    datatype: str | None = None
    lang: str | None = None

    @classmethod
    def uri(cls, value: str) -> "Term":
        """An IRI term."""
        return cls("uri", value)

    @classmethod
    def literal(cls, value, datatype: str | None = None, lang: str | None = None) -> "Term":
        """A literal: Python bools, ints, floats and Decimals get their XSD datatype, anything else
        its text with the given datatype or language."""
        if isinstance(value, bool):
            return cls("literal", "true" if value else "false", XSD + "boolean")
        if isinstance(value, int):
            return cls("literal", str(value), XSD + "integer")
        if isinstance(value, (float, Decimal)):
            return cls("literal", str(value), XSD + "decimal")
        return cls("literal", str(value), datatype, lang)

    def python(self):
        """The value a user expects: int, Decimal, float, bool or str."""
        if self.type != "literal" or not self.datatype:
            return self.value
        try:
            if self.datatype in _INTS:
                return int(self.value)
            if self.datatype == XSD + "decimal":
                return Decimal(self.value)
            if self.datatype in (XSD + "double", XSD + "float"):
                return float(self.value)
            if self.datatype == XSD + "boolean":
                return self.value == "true"
        except (ValueError, ArithmeticError):
            pass
        return self.value

    def json(self) -> dict:
        """The term in SPARQL 1.1 JSON results form (`type`, `value`, `datatype`, `xml:lang`)."""
        out = {"type": self.type, "value": self.value}
        if self.datatype and self.type == "literal" and not self.lang:
            out["datatype"] = self.datatype
        if self.lang:
            out["xml:lang"] = self.lang
        return out

    def __str__(self) -> str:
        return self.value


Binding = Term | str | int | float

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class NotRepresentable(UnusableInput):
    """A result the asked-for format cannot carry (a control character in XML)."""


def _xml_text(text: str, where: str) -> str:
    bad = _NOT_XML.search(text)
    if bad:
        raise NotRepresentable(
            f"{where} holds U+{ord(bad.group()):04X}, which XML 1.0 cannot carry, even escaped; "
            "ask for the JSON, CSV or TSV results instead"
        )
    from xml.sax.saxutils import escape  # only XML results need it (it imports urllib.request)

    return escape(text, {"\r": "&#13;"})


def as_term(value: Binding) -> Term:
    """A user's value as an RDF term: a Term as given, anything else as a literal."""
    return value if isinstance(value, Term) else Term.literal(value)


def _csv_cell(t: Term | None) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as their text, blank nodes as `_:label`."""
    if t is None:
        return ""
    return "_:" + t.value if t.type == "bnode" else t.value


@dataclass
class Result:
    """Solutions of a SELECT (vars, rows) or the answer of an ASK (boolean)."""

    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, var: str) -> list:
        """The values bound to `var`, as Python values, skipping rows where it is unbound."""
        return [row[var].python() for row in self.rows if var in row]

    def records(self) -> list[dict]:
        """Each row as a dict of Python values, for code that does not care about RDF terms."""
        return [{k: v.python() for k, v in row.items()} for row in self.rows]

    # ------------------------------------------------------------------ W3C formats

    def to_json(self) -> dict:
        """The SPARQL 1.1 Query Results JSON document."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        return {
            "head": {"vars": list(self.vars)},
            "results": {"bindings": [{k: v.json() for k, v in row.items()} for row in self.rows]},
        }

    @classmethod
    def from_json(cls, data: dict) -> "Result":
        """A Result from a SPARQL 1.1 JSON results document, as stores and endpoints send it
        (an old `typed-literal` read as a literal)."""
        if "boolean" in data:
            return cls(boolean=bool(data["boolean"]))
        make = Term._make
        rows = [
            {
                k: make(
                    (
                        "literal" if v["type"] == "typed-literal" else v["type"],
                        v["value"],
                        v.get("datatype"),
                        v.get("xml:lang"),
                    )
                )
                for k, v in b.items()
            }
            for b in data["results"]["bindings"]
        ]
        return cls(list(data["head"].get("vars", [])), rows)

    def serialize(self, fmt: str) -> str:
        """The results in one of the W3C formats, by its name in graph/formats.py (json, xml, csv, tsv)."""
        writers = {"json": lambda: json.dumps(self.to_json(), ensure_ascii=False), "xml": self.to_xml, "csv": self.to_csv, "tsv": self.to_tsv}
        return writers[fmt]()

    def to_csv(self) -> str:
        """SPARQL 1.1 Query Results CSV: the terms' plain text, CRLF line ends."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if self.boolean is not None:
            w.writerow(["boolean"])
            w.writerow(["true" if self.boolean else "false"])
            return buf.getvalue()
        w.writerow(self.vars)
        for row in self.rows:
            w.writerow([_csv_cell(row.get(v)) for v in self.vars])
        return buf.getvalue()

    def to_tsv(self) -> str:
        """SPARQL 1.1 Query Results TSV: IRIs in `<>`, literals quoted with their language or
        datatype, so the cells keep what CSV drops."""
        def enc(t: Term | None) -> str:
            if t is None:
                return ""
            if t.type == "uri":
                return f"<{t.value}>"
            if t.type == "bnode":
                return f"_:{t.value}"
            body = '"' + t.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'
            if t.lang:
                return f"{body}@{t.lang}"
            if t.datatype and t.datatype != XSD + "string":
                return f"{body}^^<{t.datatype}>"
            return body

        if self.boolean is not None:
            return "?boolean\n" + ("true" if self.boolean else "false") + "\n"
        lines = ["\t".join("?" + v for v in self.vars)]
        lines += ["\t".join(enc(row.get(v)) for v in self.vars) for row in self.rows]
        return "\n".join(lines) + "\n"

    def to_xml(self) -> str:
        """SPARQL Query Results XML; NotRepresentable when a value holds what XML 1.0 cannot carry."""
        from xml.sax.saxutils import quoteattr

        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        for v in self.vars:
            out.append(f"<variable name={quoteattr(v)}/>")
        out.append("</head>")
        if self.boolean is not None:
            out.append(f"<boolean>{'true' if self.boolean else 'false'}</boolean>")
        else:
            out.append("<results>")
            for number, row in enumerate(self.rows, 1):
                out.append("<result>")
                for k, t in row.items():
                    text = _xml_text(t.value, f"?{k} in row {number}")
                    if t.type == "uri":
                        inner = f"<uri>{text}</uri>"
                    elif t.type == "bnode":
                        inner = f"<bnode>{text}</bnode>"
                    else:
                        attrs = f" xml:lang={quoteattr(t.lang)}" if t.lang else (f" datatype={quoteattr(t.datatype)}" if t.datatype else "")
                        inner = f"<literal{attrs}>{text}</literal>"
                    out.append(f"<binding name={quoteattr(k)}>{inner}</binding>")
                out.append("</result>")
            out.append("</results>")
        out.append("</sparql>")
        return "\n".join(out) + "\n"

    def to_table(self, max_width: int = 60) -> str:
        """A plain text table for the terminal."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        from ..schema.iris import local_name

        def show(t: Term | None) -> str:
            if t is None:
                return ""
            text = local_name(t.value) if t.type == "uri" else t.value
            text = " ".join(text.split())
            return text if len(text) <= max_width else text[: max_width - 1] + "…"

        cells = [[show(row.get(v)) for v in self.vars] for row in self.rows]
        widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(self.vars)]
        line = lambda parts: "  ".join(p.ljust(w) for p, w in zip(parts, widths)).rstrip()  # noqa: E731
        out = [line(self.vars), line(["-" * w for w in widths])]
        out += [line(r) for r in cells]
        return "\n".join(out)
