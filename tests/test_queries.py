"""The query library on the seed graph: golden results per bundled query, the typed API with the
values a reader of the seed articles would check, the CLI as a user runs it, and bad input
(unknown names, syntax errors, hostile parameters)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import run_dkg
from dkg.graph.results import Term
from dkg.queries import api, library, names
from dkg.schema.errors import NotFound, QuerySyntaxError
from dkg.schema.iris import PREFIXES

GOLDEN = Path(__file__).parent / "golden"
CASES = json.loads((GOLDEN / "cases.json").read_text())["cases"]


def _term(value: str) -> Term:
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES:
        return Term.uri(PREFIXES[prefix] + local)
    return Term.literal(value)


def _rows(result) -> list[dict]:
    rows = [{k: (v.value if v.type == "uri" else v.value + (f"^^{v.datatype}" if v.datatype else "")) for k, v in r.items()} for r in result.rows]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def test_every_bundled_query_has_a_golden_case():
    assert sorted(c["query"] for c in CASES) == library.names()


@pytest.mark.parametrize("case", CASES, ids=[c["query"] for c in CASES])
def test_golden(seed_store, case):
    query = library.load(case["query"])
    result = query.run(seed_store, **{k: _term(v) for k, v in case["bindings"].items()})
    got = {"vars": result.vars, "rows": _rows(result)}
    path = GOLDEN / f"{case['query']}.expected.json"
    if os.environ.get("DKG_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got["vars"] == expected["vars"]
    assert got["rows"] == expected["rows"]
    assert got["rows"], "a golden case should exercise a query that answers something"


def test_every_query_file_documents_itself_and_its_parameters():
    for q in library.all_queries():
        assert len(q.description) > 40, q.name
        for p in q.params:
            assert f"?{p.name}" in q.text.split("\n", len(q.description.splitlines()) + 1)[-1] or f"?{p.name}" in q.text
            assert p.description, (q.name, p.name)
    assert [p.name for p in library.load("sources").params] == ["claim"]
    with pytest.raises(NotFound) as err:
        library.load("sorces")
    assert "sources" in err.value.suggestions


# --------------------------------------------------------------------------- typed API, seed values

KUZMINOV_AGE = "maxim-kuzminov--age--c95e55f3"


def test_sources_of_kuzminov_age(seed_store):
    answer = api.sources(seed_store, KUZMINOV_AGE)
    assert answer.claim.label == "Maxim Kuzminov · age · 28 year"
    by_doc = {s.document: s for s in answer.sources}
    assert set(by_doc) == {"000_9dcf5df62fe0ca39", "001_03936b38e0261b39"}
    assert by_doc["000_9dcf5df62fe0ca39"].speaker == "hur"
    assert by_doc["000_9dcf5df62fe0ca39"].printed == "28-year-old"
    assert by_doc["001_03936b38e0261b39"].cites == ["kyiv-independent-report-kuzminov-reward"]
    assert by_doc["001_03936b38e0261b39"].quote == "a 28-year-old Russian pilot who recently defected to Ukraine"


def test_reported_by_outlet_and_cited_document(seed_store):
    newsweek = api.reported_by(seed_store, "Newsweek")
    assert newsweek.source.slug == "newsweek"
    assert {i.carrier for i in newsweek.items} == {"003_e82a78f22526c30b"}
    assert any(i.printed == "More than 18,000" and i.speaker == "hur" for i in newsweek.items)
    # the BBC interview is re-reported as a whole by article 002: its claims are "cited"
    bbc = api.reported_by(seed_store, "bbc-mishov-interview")
    assert bbc.items and {i.how for i in bbc.items} == {"cited"}
    assert any("26 year" in (i.claim_label or "") for i in bbc.items)


def test_provenance_tree_follows_rereports_to_the_origin(seed_store):
    prov = api.provenance(seed_store, "dmitry-mishov--rank--19564003")
    [claim] = prov.claims
    [app] = claim.appearances
    assert app.source.document == "002_bd55ee8a1af82e1f"
    assert [d.document for d in app.cited] == ["bbc-mishov-interview"]
    assert app.cited[0].relation == "rereports"
    assert claim.origins == ["bbc"]


def test_provenance_of_an_entity_and_of_text(seed_store):
    by_entity = api.provenance(seed_store, "Kuzminov")
    assert by_entity.matched.slug == "maxim-kuzminov"
    assert KUZMINOV_AGE in {c.claim.slug for c in by_entity.claims}
    by_text = api.provenance(seed_store, "helicopter regiment")
    assert by_text.matched is None
    assert any("319th helicopter regiment" in c.claim.label for c in by_text.claims)


def test_corroboration_counts_origins_not_outlets(seed_store):
    rows = {c.claim: c for c in api.corroboration(seed_store)}
    age = rows[KUZMINOV_AGE]
    assert (age.appearances, age.origins, age.origin_list) == (2, 2, ["hur", "kyiv-independent"])
    # HUR via article 000 and nothing known for 001's own-voice telling: one origin, one unknown
    crew = next(c for c in rows.values() if c.claim.startswith("kuzminov-mi-8-crew-deaths--deaths"))
    assert (crew.origins, crew.unknown_appearances, crew.origin_list) == (1, 1, ["hur"])
    hur_alone = api.single_origin(seed_store, "HUR")
    assert hur_alone and {s.origin for s in hur_alone} == {"hur"}
    assert any(s.claim_label == "Southern Military District · deserters · more than 18,000 person" for s in hur_alone)


def test_seed_dates_that_refine_each_other_do_not_contradict(seed_store):
    # 000 says the war began in February 2022, 002 says February 24: not a contradiction
    found = api.contradictions(seed_store)
    assert not [c for c in found if c.subject == "russian-invasion-of-ukraine"]


def test_profile_and_timeline(seed_store):
    prof = api.profile(seed_store, "Dmitry Mishov")
    groups = prof.by_property()
    assert [c.value for c in groups["rank"]] == ["Lieutenant"]
    assert [c.value for c in groups["age"]] == ["26 year"]
    tl = api.timeline(seed_store, "dmitry-mishov")
    dated = [(t.date, t.event) for t in tl.entries if t.date]
    assert dated[0] == ("2022-01", "mishov-discharge-attempt")
    assert [t.date for t in tl.entries if t.date] == sorted(t.date for t in tl.entries if t.date)
    assert tl.entries[-1].date is None  # undated events last


def test_unverified_lists_newsweek_hedges(seed_store):
    items = api.unverified(seed_store, ["unverified"])
    assert items and all("unverified" in h.hedges for h in items)
    assert any(h.document == "003_e82a78f22526c30b" and h.speaker == "hur" for h in items)


@pytest.mark.parametrize(
    "typed, slug",
    [("Primorye", "primorye"), ("primorje", "primorye"), ("PRIMORJE", "primorye"), ("Maksim Kuzminov", "maxim-kuzminov"),
     ("Volodymyr Zelenskiy", "volodymyr-zelenskyy"), ("Sergey Shoygu", "sergei-shoigu"), ("Dmitri Mishov", "dmitry-mishov")],
)
def test_find_forgives_transliteration(seed_store, typed, slug):
    hits = api.find(seed_store, typed)
    assert hits and hits[0].slug == slug and hits[0].score == 1.0


def test_fold_rules():
    assert names.fold("Primorje") == names.fold("Primorye")
    assert names.fold("Zelenskyy") == names.fold("Zelenskiy") == names.fold("Zelensky")
    assert names.fold("Kyiv") != names.fold("Lviv")


def test_unknown_names_suggest_the_closest(seed_store):
    with pytest.raises(NotFound) as err:
        api.profile(seed_store, "kuzminv")
    assert "maxim-kuzminov" in err.value.suggestions
    with pytest.raises(NotFound) as err:
        api.sources(seed_store, "maxim-kuzminov--age--c95e55f4")
    assert KUZMINOV_AGE in err.value.suggestions


# --------------------------------------------------------------------------- hostile input

HOSTILE = ['"} ; DROP GRAPH graph:registry ; #', '") } UNION { ?s ?p ?o', "id:x> } UNION { ?s ?p ?o . <", "'; DELETE WHERE { ?s ?p ?o }"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_parameters_are_data(seed_store, text):
    before = len(api.corroboration(seed_store))
    # bound as a literal, the text can only ever be compared with labels, never run
    assert library.run(seed_store, "lookup", {"slug": text}).rows == []
    assert library.run(seed_store, "claims_about", {"entity": Term.literal(text)}).rows == []
    with pytest.raises(NotFound):
        api.profile(seed_store, text)
    with pytest.raises(NotFound):
        api.sources(seed_store, text)
    assert api.find(seed_store, text) == [] or all(h.score < 1.0 for h in api.find(seed_store, text))
    assert len(api.corroboration(seed_store)) == before > 200  # nothing was dropped


# --------------------------------------------------------------------------- CLI


def test_cli_tables_and_json(seed_out):
    r = run_dkg("sources", KUZMINOV_AGE, "--out", str(seed_out), "--wide")
    assert r.returncode == 0, r.stderr
    assert "identified the 28-year-old Russian pilot as Maxim Kuzminov" in r.stdout
    r = run_dkg("sources", KUZMINOV_AGE, "--out", str(seed_out), "--json")
    data = json.loads(r.stdout)
    assert {s["document"] for s in data["sources"]} == {"000_9dcf5df62fe0ca39", "001_03936b38e0261b39"}
    r = run_dkg("provenance", "dmitry-mishov--rank--19564003", "--out", str(seed_out), "--wide")
    lines = r.stdout.splitlines()
    # names, not slugs; the last branch of each level drawn with the closing corner
    assert "    ├── rereports BBC interview with Dmitry Mishov (outlet BBC)" in lines
    assert "    └── origin: BBC" in lines
    assert lines[-2].startswith("    └── ") or lines[-1].startswith("    └── ")
    r = run_dkg("provenance", "dmitry-mishov--rank--19564003", "--out", str(seed_out), "--wide", "--ids")
    assert "rereports BBC interview with Dmitry Mishov (bbc-mishov-interview)" in r.stdout
    r = run_dkg("find", "Primorye", "--out", str(seed_out))
    assert r.returncode == 0 and "primorye" in r.stdout and "Primorje" in r.stdout


def test_cli_unknown_entity_exits_1_with_suggestion(seed_out):
    r = run_dkg("profile", "kuzminv", "--out", str(seed_out))
    assert r.returncode == 1
    assert "did you mean maxim-kuzminov" in r.stderr


def test_cli_empty_result_says_so(seed_out):
    r = run_dkg("reported-by", "kateryna-khinkulova", "--out", str(seed_out))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("No claims")
    r = run_dkg("sparql", "SELECT ?s WHERE { ?s a dkg:NoSuchClass }", "--out", str(seed_out))
    assert r.returncode == 0 and "No results." in r.stdout


def test_cli_sparql_formats(seed_out):
    q = "SELECT ?age WHERE { id:maxim-kuzminov dkg:age ?age }"
    r = run_dkg("sparql", q, "--format", "json", "--out", str(seed_out))
    data = json.loads(r.stdout)
    assert data["head"]["vars"] == ["age"]
    assert data["results"]["bindings"] == [{"age": {"type": "literal", "value": "28", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]
    r = run_dkg("sparql", q, "--format", "csv", "--out", str(seed_out))
    assert r.stdout.splitlines() == ["age", "28"]
    r = run_dkg("sparql", q, "--format", "tsv", "--out", str(seed_out))
    assert r.stdout.splitlines() == ["?age", '"28"^^<http://www.w3.org/2001/XMLSchema#integer>']


def test_cli_sparql_file_with_bindings(seed_out):
    path = str(library.load("sources").path)
    r = run_dkg("sparql", path, "--bind", f"claim=claim:{KUZMINOV_AGE}", "--format", "json", "--out", str(seed_out))
    assert r.returncode == 0, r.stderr
    docs = {b["document"]["value"].rsplit("/", 1)[-1] for b in json.loads(r.stdout)["results"]["bindings"]}
    assert docs == {"000_9dcf5df62fe0ca39", "001_03936b38e0261b39"}
    hostile = '") } UNION { ?s ?p ?o } #'
    r = run_dkg("sparql", "SELECT ?s WHERE { ?s rdfs:label ?name }", "--bind", f"name={hostile}", "--out", str(seed_out))
    assert r.returncode == 0 and "No results." in r.stdout


def test_cli_syntax_error_has_line_and_column(seed_out):
    r = run_dkg("sparql", "SELECT ?s\nWHERE { ?s ?p ?o .\n  FILTER( }", "--out", str(seed_out))
    assert r.returncode == 2
    assert "line 3, column" in r.stderr


def test_syntax_error_position(seed_store):
    with pytest.raises(QuerySyntaxError) as err:
        seed_store.query("SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(?s = ) }")
    # pyoxigraph reports where its parser stopped: here the bad FILTER on line 4
    assert "line 4, column" in str(err.value)


def test_cli_queries_lists_every_bundled_query():
    r = run_dkg("queries")
    assert r.returncode == 0
    for name in library.names():
        assert name in r.stdout
    r = run_dkg("queries", "sources")
    assert r.stdout == library.load("sources").portable_text
    assert "PREFIX dkg: <https://w3id.org/dkg/ontology#>" in r.stdout


def test_syntax_error_points_at_the_mistake(seed_out):
    from .conftest import run_dkg

    result = run_dkg("sparql", "--out", str(seed_out), "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?s = )\n}")
    assert result.returncode == 2
    assert "SPARQL syntax error at line 3, column 3" in result.stderr
    result = run_dkg("sparql", "--out", str(seed_out), "SELEKT ?s WHERE { ?s ?p ?o }")
    assert result.returncode == 2
    assert "line 1, column 1" in result.stderr


def test_cookbook_shows_each_query_as_it_is():
    """The cookbook quotes each bundled .rq file; a changed query must be changed there too."""
    import re

    from .conftest import ROOT

    text = (ROOT / "docs" / "cookbook.md").read_text(encoding="utf-8")
    quoted = re.findall(r"SPARQL \(`queries/rq/([a-z_]+)\.rq`\):\n\n```sparql\n(.*?)\n```", text, flags=re.S)
    assert quoted
    for name, body in quoted:
        assert body == (ROOT / "queries" / "rq" / f"{name}.rq").read_text(encoding="utf-8").rstrip("\n"), name
