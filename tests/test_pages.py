"""Pages for people: entity, document and claim pages rendered from the typed API, the static
site (`dkg site`), and the JSON-LD export with its published context. No server here; the
served pages are tested in test_server_pages.py."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rdflib

from dkg.graph import export
from dkg.graph.build import current
from dkg.pages.render import Links
from dkg.pages.site import respond, write_site
from dkg.queries import pages as q

from .conftest import run_dkg
from .test_viz import HOSTILE_NAME, HOSTILE_QUOTE, hostile_out  # noqa: F401  (fixture)

KUZMINOV_AGE = "maxim-kuzminov--age--c95e55f3"
LOSSES_ZERO = "russian-armed-forces--personnel_losses--8d24849b"
BBC_ARTICLE = "002_bd55ee8a1af82e1f"


class Links_(HTMLParser):
    """Every href and src in a page, and the text."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.text, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k in ("href", "src"):
                self.hrefs.append(v)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Links_:
    p = Links_()
    p.feed(html)
    return p


def text_of(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


def page(store, slug, here=None):
    status, media, body = respond(store, slug, "html", Links(here or f"id/{slug}"))
    return status, body


# ------------------------------------------------------------------ entity, claim, document pages


def test_entity_page_groups_the_profile_with_sources(seed_store):
    status, html = page(seed_store, "maxim-kuzminov")
    assert status == 200
    text = text_of(html)
    assert "Maxim Kuzminov" in text and "Kuzminov" in text  # label and alias
    assert "fled or escaped to" in text  # the property label from schema/vocab.py, not the name
    assert "identified the 28-year-old Russian pilot as Maxim Kuzminov" in text  # a quote
    assert "Russian Pilot Encourages Others to Join His Defection to Ukraine" in text  # the document title
    hrefs = parse(html).hrefs
    assert f"claim/{KUZMINOV_AGE}" in hrefs and "000_9dcf5df62fe0ca39" in hrefs and "hur" in hrefs
    assert "Timeline" in text and "Defection of Maxim Kuzminov" in text
    assert "<script" not in html


def test_entity_page_shows_stances_and_the_other_side_of_each_comparison(seed_store):
    _s, html = page(seed_store, "russian-armed-forces")
    text = text_of(html)
    assert "contested" in text and "refutes" in text and "Dmitry Mishov" in text
    assert "apparent disagreement" in text
    # the other side of a comparison is a link to that claim
    other = next(h for h in parse(html).hrefs if h.startswith("claim/russian-armed-forces--personnel_losses--") and LOSSES_ZERO not in h)
    assert other


def test_claim_page_has_provenance_stances_and_verdicts(seed_store):
    status, html = page(seed_store, LOSSES_ZERO, f"id/claim/{LOSSES_ZERO}")
    assert status == 200
    text = text_of(html)
    assert "Provenance: 1 appearance, 1 independent origin" in text
    assert "rereports BBC interview with Dmitry Mishov" in text  # the cited chain
    assert "refutes by Dmitry Mishov" in text and "contested" in text
    assert "different scope" in text  # a verdict with its reason
    hrefs = parse(html).hrefs
    assert "../russian-armed-forces" in hrefs and "../bbc-mishov-interview" in hrefs


def test_document_page_masthead_and_claims(seed_store):
    _s, html = page(seed_store, BBC_ARTICLE)
    text = text_of(html)
    assert "Russian military defector reveals low morale, high losses in rare interview" in text
    assert "Lilly Larkin" in text and "Kateryna Khinkulova" in text  # byline and editor
    hrefs = parse(html).hrefs
    assert "bbc-mishov-interview" in hrefs and "shoigu-casualty-statement" in hrefs  # re-reports, cites
    assert f"claim/{LOSSES_ZERO}" in hrefs
    assert "contested" in text


def test_unknown_slug_is_404_with_close_slugs(seed_store):
    status, media, html = respond(seed_store, "maxim-kuzmin", "html", Links("id/maxim-kuzmin"))
    assert status == 404 and media == "text/html"
    assert "maxim-kuzminov" in parse(html).hrefs
    status, _m, body = respond(seed_store, "maxim-kuzmin", "ttl", Links("id/maxim-kuzmin"))
    assert status == 404 and "maxim-kuzminov" in body


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml")])
def test_rdf_of_a_node_in_each_format(seed_store, fmt, rdflib_format):
    status, _media, body = respond(seed_store, "maxim-kuzminov", fmt, Links("id/maxim-kuzminov"))
    assert status == 200
    g = rdflib.Graph().parse(data=body, format=rdflib_format)
    me = rdflib.URIRef("https://w3id.org/dkg/id/maxim-kuzminov")
    assert [o.toPython() for o in g.objects(me, rdflib.URIRef("https://w3id.org/dkg/ontology#age"))] == [28]


def test_property_labels_come_from_the_vocabulary():
    assert q.property_label("fled_to") == "fled or escaped to"
    assert q.property_label("no_such_thing") == "no such thing"


# ------------------------------------------------------------------ the static site


def test_site_links_all_resolve_and_pages_carry_no_script(seed_out, tmp_path):
    target = tmp_path / "site"
    result = run_dkg("site", "--out", str(seed_out), "-o", str(target), "-q")
    assert result.returncode == 0, result.stderr
    pages = sorted(p for p in target.rglob("*.html") if "views" not in p.relative_to(target).parts)
    assert (target / "id" / "maxim-kuzminov.html").is_file() and (target / "id" / "claim" / f"{KUZMINOV_AGE}.html").is_file()
    assert len(pages) > 300 and f"Wrote {len(pages)} pages" in result.stdout
    # the views beside the pages (they run a script: the graph) link each node to a page that exists
    views = sorted((target / "views").rglob("*.html"))
    assert (target / "views" / "graph.html") in views and (target / "views" / "sources.html") in views
    for view in views:
        data = json.loads(re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', view.read_text(encoding="utf-8"), re.S).group(1))
        linked = [r["p"] for r in data["nodes"] if "p" in r]
        assert linked, view
        for rel in linked:
            assert (view.parent / (data["pages"]["base"] + unquote(rel) + data["pages"]["suffix"])).resolve().is_file(), (view.name, rel)
    broken = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        parsed = parse(html)
        assert "script" not in parsed.tags, path
        for href in parsed.hrefs:
            assert not urlsplit(href).scheme, (path, href)  # nothing from outside, no javascript:
            target_file = (path.parent / unquote(href)).resolve()
            if not target_file.is_file():
                broken.append((path.name, href))
    assert broken == []


def test_site_refuses_a_file_as_folder(seed_out, tmp_path):
    (tmp_path / "f").write_text("x")
    result = run_dkg("site", "--out", str(seed_out), "-o", str(tmp_path / "f"))
    assert result.returncode != 0 and "not a folder" in result.stderr and "Traceback" not in result.stderr


def test_site_is_replaced_whole_and_a_failure_keeps_the_old_one(seed_out, tmp_path, monkeypatch):
    """A second run replaces the site dkg wrote; one that fails part way leaves the old site as
    it was (nothing half-written beside it); a folder of other files is refused, not emptied."""
    import argparse

    import dkg.pages.site as site
    from dkg.commands.site import cmd_site
    from dkg.schema.errors import UnusableInput

    target = tmp_path / "site"
    assert run_dkg("site", "--out", str(seed_out), "-o", str(target), "-q").returncode == 0
    before = {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    (target / "id" / "stale-page.html").write_text("from an older build")  # a page the next build no longer has
    args = argparse.Namespace(out=seed_out, output=target, quiet=True)
    calls = {"n": 0}
    real = site.html

    def failing(*a, **k):
        calls["n"] += 1
        if calls["n"] == 50:
            raise OSError(28, "No space left on device")
        return real(*a, **k)

    monkeypatch.setattr(site, "html", failing)
    with pytest.raises(OSError):
        cmd_site(args)
    after = {p.relative_to(target): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert after == {**before, Path("id/stale-page.html"): b"from an older build"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary folder left
    monkeypatch.setattr(site, "html", real)
    assert cmd_site(args) == 0
    assert not (target / "id" / "stale-page.html").exists() and (target / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    with pytest.raises(UnusableInput, match="did not write"):
        cmd_site(argparse.Namespace(out=seed_out, output=mine, quiet=True))
    assert (mine / "notes.txt").read_text() == "mine"


def test_hostile_text_is_escaped_on_every_page(hostile_out, tmp_path):  # noqa: F811
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore

    store = OxigraphStore(store_path(hostile_out), read_only=True)
    write_site(store, tmp_path / "site")
    person = (tmp_path / "site" / "id" / "hostile-person.html").read_text(encoding="utf-8")
    assert HOSTILE_NAME in text_of(person) and HOSTILE_QUOTE in text_of(person)  # shown, as text
    for path in (tmp_path / "site").rglob("*.html"):
        if "views" in path.relative_to(tmp_path / "site").parts:
            continue  # the graph views: hostile text in them is tested in test_viz*.py
        html = path.read_text(encoding="utf-8")
        tags = parse(html).tags
        assert "script" not in tags and "img" not in tags and "b" not in tags, path
        assert "onerror=" not in html.replace("onerror=alert(1)&gt;", ""), path


# ------------------------------------------------------------------ JSON-LD


def test_published_context_is_generated_from_the_ontology():
    assert export.published_context() == export.build_context(), "run dkg.graph.export.write_context() after changing the ontology"
    ctx = export.published_context()["@context"]
    assert ctx["dkg"] == "https://w3id.org/dkg/ontology#" and ctx["age"] == "dkg:age" and ctx["Person"] == "dkg:Person"


def test_jsonld_export_is_compact_indented_json(seed_out):
    text = (current(seed_out) / "exports" / "dkg.jsonld").read_text(encoding="utf-8")
    assert text.count("\n") > 1000  # indented, not one line
    doc = json.loads(text)
    assert doc["@context"] == export.published_context()["@context"]
    nodes = [n for g in doc["@graph"] for n in g.get("@graph", [g])]
    kuzminov = [n for n in nodes if n["@id"] == "id:maxim-kuzminov" and "age" in n]
    assert kuzminov and kuzminov[0]["age"] == {"@value": "28", "@type": "xsd:integer"}
    types = [t for n in nodes if n["@id"] == "id:maxim-kuzminov" for t in n.get("@type", [])]
    assert "Person" in types  # a class as its term name
    # IRIs compacted (node references and ids; a literal may list IRIs as text, e.g. dkg:originList)
    assert not re.search(r'"@id": "https://w3id\.org/dkg/id/', text.split('"@graph"', 1)[1])


# ------------------------------------------------------------------ what a reader reads (issue 26)

SLUGS_WHERE_NAMES_BELONG = ("said by hur", "origin russia-ministry-of-defence", "cites shoigu-casualty-statement", "origin: russia-ministry-of-defence")


def _reads_as_words(text: str) -> None:
    for slug in SLUGS_WHERE_NAMES_BELONG:
        assert slug not in text
    singular = re.search(r".{0,40}(?<![\w\-.,])(?!1 )\d[\d,]* (person|year|helicopter)\b.{0,10}", text)
    assert singular is None, singular.group()
    assert "(s)" not in text and "news_report" not in text and "organizedBy" not in text and "party_to_conflict" not in text
    assert "Contested" not in text and "Disputed" not in text  # the standing word, lower case, one per meaning


def test_every_seed_page_reads_as_names_and_words(seed_store):
    from dkg.pages.site import entries

    for kind, slug, _label in entries(seed_store):
        here = ("id/claim/" if kind == "Claim" else "id/") + slug
        status, html = page(seed_store, slug, here)
        assert status == 200, slug
        _reads_as_words(text_of(html))


def test_speaker_page_says_what_it_said_and_who_repeated_it(seed_store):
    _s, html = page(seed_store, "hur")
    text = text_of(html)
    assert "What Main Intelligence Directorate of the Ukrainian Defence Ministry said (" in text
    assert "Maxim Kuzminov · age · 28 years" in text  # one of its statements, as words
    assert "Who repeated it" in text and "Newsweek" in text
    # one display name; each alias once
    assert text.count("Also known as") == 1
    names = re.search(r"Also known as: (.*?) What", text).group(1).split(" · ")
    assert len(names) == len({n.casefold() for n in names}) and "HUR" in names


def test_outlet_page_says_what_it_carried(seed_store):
    _s, html = page(seed_store, "newsweek")
    text = text_of(html)
    assert "What Newsweek carried (35 appearances)" in text
    assert "No claims about this entity" in text  # nothing is said about Newsweek itself, and it says so after
    assert text.index("What Newsweek carried") < text.index("What Newsweek said") < text.index("No claims about this entity")
    assert "could not verify" in text  # its own could-not-verify stances, in what it said


def test_cited_document_page_walks_back_to_who_cites_it(seed_store):
    _s, html = page(seed_store, "shoigu-casualty-statement")
    text = text_of(html)
    assert "Cited by (1 appearance)" in text
    assert "Russian armed forces · personnel losses · about 6,000 people" in text
    assert BBC_ARTICLE in parse(html).hrefs and "Sergei Shoigu" in text
    assert "official statement" in text


def test_shoigu_claim_page_answers_who_for_whom_who_disputes_and_why(seed_store):
    key = next(c.slug for c in __import__("dkg.queries.resolve", fromlist=["x"]).claim_index(seed_store, "russian-armed-forces") if c.label.endswith("about 6,000 person"))
    _s, html = page(seed_store, key, f"id/claim/{key}")
    text = text_of(html)
    assert "said by Sergei Shoigu for Ministry of Defence of Russia" in text
    assert "disputes by unnamed analysts" in text
    assert "apparent disagreement" in text and "at least 25,000 people (no time given) against about 6,000 people (\u201cLast September\u201d, not placed in time: its report has no date): the figures do not meet" in text


@pytest.fixture(scope="module")
def anchored_store(tmp_path_factory):
    """The seed built with its article texts (quotes anchored) and one document given a URL."""
    from .conftest import SEED, SEEDS

    if not SEEDS.is_dir():
        pytest.skip(f"the seed article texts are not at {SEEDS}")
    import shutil

    from dkg.graph.build import build, store_path
    from dkg.graph.store import OxigraphStore

    base = tmp_path_factory.mktemp("anchored")
    data = base / "data"
    shutil.copytree(SEED, data)
    src = data / "sources" / f"{BBC_ARTICLE}.yaml"
    src.write_text(src.read_text(encoding="utf-8").replace("document:\n", "document:\n  url: \"https://example.org/news/mishov-interview?a=1&b='2'\"\n", 1), encoding="utf-8")
    build(data, base / "out", shacl=False, formats=(), texts=SEEDS)
    return OxigraphStore(store_path(base / "out"), read_only=True)


def test_claim_page_shows_the_quote_in_context_and_links_the_original(anchored_store):
    _s, html = page(anchored_store, LOSSES_ZERO, f"id/claim/{LOSSES_ZERO}")
    assert "<mark>in the early days of the war the Russian command was claiming no casualties or losses of kit</mark>" in html
    context = re.search(r'<span class="context">…([^<]*)</span><mark>', html).group(1)
    assert context.strip() and "He says that while" in context  # the words before the quote in the article
    assert "<mark>he personally knew some of those who had been killed</mark>" in html  # a stance's quote, in context too
    original = 'href="https://example.org/news/mishov-interview?a=1&amp;b=&#x27;2&#x27;"'
    assert original in html  # the article's own address, escaped
    _s, doc = page(anchored_store, BBC_ARTICLE)
    assert original in doc and "original ↗" in text_of(doc)
