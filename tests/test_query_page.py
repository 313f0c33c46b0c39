"""The query page's parts that need no browser: its prefixes come from schema/iris.py (the
server embeds them; the page's files retype none), its examples carry the .rq files' titles,
and a syntax error reads in a few words with line and column, never Oxigraph's list of Unicode
ranges."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from dkg.queries import library
from dkg.schema.iris import PREFIXES
from dkg.server.guard import Refused, inspect_query

PAGE = resources.files("dkg.server") / "page"


def test_the_page_retypes_no_namespace():
    for name in ("index.html", "query.js", "views.js"):
        text = (PAGE / name).read_text(encoding="utf-8")
        for prefix, namespace in PREFIXES.items():
            assert namespace not in text, f"{name} retypes {prefix}: {namespace}; the server gives the page schema/iris.py's"
    assert "__PREFIXES__" in (PAGE / "index.html").read_text(encoding="utf-8")


@pytest.mark.live
def test_the_served_page_carries_iris_prefixes(seed_out):
    from .test_server import http, serving

    with serving(seed_out, "--workers", "1") as (base, _proc, _lines):
        status, _headers, html = http(base + "/")
        _s, _h, examples = http(base + "/examples.json")
    assert status == 200
    blob = re.search(r'<script type="application/json" id="dkg-prefixes">(.*?)</script>', html, flags=re.S).group(1)
    assert json.loads(blob) == PREFIXES
    assert [(e["name"], e["title"], e["description"]) for e in json.loads(examples)] == [(q.name, q.title, q.description) for q in library.all_queries()]


def test_examples_carry_titles():
    from dkg.server.http import _examples_bytes

    items = json.loads(_examples_bytes())
    assert [i["title"] for i in items] == [q.title for q in library.all_queries()]
    assert all(i["title"] and i["description"] for i in items)


BAD = [
    ("SELECT ?x WHERE { ?x a dkg:Person . ", "line 1, column 37", "a variable"),
    ("SELECT * WHERE { ?x ?y ?z } ORDER BY", "line 1, column 29", "a variable"),
    ("SELECT ?x WHERE {\n  ?x ?y ?z } GROUP BY", "line 2, column 14", "a variable"),
    ('SELECT ?x WHERE { ?x rdfs:label "abc }', "line 1, column 19", "closing quote"),
    ("SELECT ?x WHERE { ?x ?y ?z } LIMIT x", "line 1, column 30", "a number"),
    ("SELECT ?x WHERE { ?x ?y }", "line 1, column 19", "expected"),
]


@pytest.mark.parametrize("query, where, words", BAD, ids=[b[1] + " " + b[2] for b in BAD])
def test_syntax_errors_read_in_a_few_words(query, where, words):
    with pytest.raises(Refused) as err:
        inspect_query(query)
    message = err.value.message
    first, *rest = message.splitlines()
    assert err.value.status == 400
    assert first.startswith(f"SPARQL syntax error at {where}: expected"), message
    assert words in first
    assert "\\u{" not in message and "..=" not in message and "[_]" not in message, message
    assert len(first) <= 160 and len(rest) <= 2, message  # one line, then the query line and a caret
    if rest:
        assert rest[-1].strip() == "^"
