"""Issue 13: questions asked as a journalist asks them, on the frozen seed graph.

By speaker (`said-by`), by document (`document`), by words and numbers (`search`, and claims
given by a prefix or text wherever a claim is taken), by names in any script (`find`), with
output a person can read (rich tables and trees, names, claim keys, property labels, natural
units, escaped data text, NO_COLOR) and a CLI that behaves as people use it (any folder of the
project, long SPARQL text, unquoted names, bundled query names, CONSTRUCT and DESCRIBE, portable
queries, documented exit codes)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil

import pytest

from .conftest import run_dkg
from dkg.queries import api, library
from dkg.queries.search import parse_number
from dkg.schema.errors import NotFound

KUZMINOV_AGE = "maxim-kuzminov--age--c95e55f3"
REWARD = "maxim-kuzminov--reward_received"


# --------------------------------------------------------------------------- 1. speakers


def test_said_by_hur_counts_its_own_words_and_its_spokesman(seed_store):
    answer = api.said_by(seed_store, "HUR")
    assert answer.agent.slug == "hur"
    # the 28 appearances whose origin is HUR, and the words of others in documents HUR issued
    own = [i for i in answer.items if i.how in ("said", "spokesperson")]
    assert len(own) == 28
    cited = [i for i in answer.items if i.how == "cited"]
    assert cited and all(i.speaker not in (None, "hur") for i in cited)
    assert {i.speaker for i in cited} == {"maxim-kuzminov"}  # Kuzminov in HUR's video
    yusov = [i for i in answer.items if i.how == "spokesperson"]
    assert yusov and {i.speaker for i in yusov} == {"andriy-yusov"}
    # per repeating outlet (or document naming none), most appearances first
    by_label = {r.label: r for r in answer.repeaters}
    assert by_label["Newsweek"].outlet == "newsweek" and by_label["Newsweek"].documents == ["003_e82a78f22526c30b"]
    assert sum(r.appearances for r in answer.repeaters) == len(answer.items)
    assert [r.appearances for r in answer.repeaters] == sorted((r.appearances for r in answer.repeaters), reverse=True)


def test_said_by_a_person_an_outlet_and_what_cites_it(seed_store):
    michel = api.said_by(seed_store, "Charles Michel")  # a stance: he agrees with Babiš's proposal
    assert [(i.how, i.stance) for i in michel.items] == [("said", "http://purl.org/spar/cito/agreesWith")]
    assert michel.items[0].claim.startswith("andrej-babis--proposed--") and michel.repeaters[0].label == "TheArticle"
    # the BBC says nothing itself in the seed, but 002 re-reports its interview as a whole
    bbc = api.said_by(seed_store, "bbc")
    assert bbc.items and {i.how for i in bbc.items} <= {"cited", "said"}
    assert {i.document for i in bbc.items} == {"002_bd55ee8a1af82e1f"}
    with pytest.raises(NotFound):
        api.said_by(seed_store, "nobody-of-that-name")


def test_said_by_query_header_documents_its_parameter():
    q = library.load("said_by")
    assert [p.name for p in q.params] == ["agent"] and "spokesperson" in q.description


# --------------------------------------------------------------------------- 2. documents


@pytest.mark.parametrize("typed", ["002", "002_bd55ee8a1af82e1f", "rare interview", "id:002_bd55ee8a1af82e1f"])
def test_document_by_prefix_or_title_words(seed_store, typed):
    doc = api.document(seed_store, typed)
    assert doc.document.slug == "002_bd55ee8a1af82e1f"
    assert doc.authors == ["Lilly Larkin"] and doc.editors == ["Kateryna Khinkulova"]
    assert doc.outlet is None and doc.rereports == ["bbc-mishov-interview"]
    assert "shoigu-casualty-statement" in doc.cites
    assert "Dmitry Mishov" in doc.speakers and "Olga Ivshina" in doc.speakers
    assert len(doc.claims) > 50


def test_document_marks_hedged_and_single_origin_claims(seed_store):
    doc = api.document(seed_store, "003")
    assert doc.outlet == "newsweek" and doc.outlet_label == "Newsweek"
    hedged = {c.claim_label for c in doc.hedged}
    assert "Southern Military District · deserters · more than 18,000 person" in hedged
    assert all(c.origin_count == 1 for c in doc.single_origin) and doc.single_origin
    assert doc.contested == []  # nothing in the seed is contested yet


def test_document_ambiguous_or_unknown(seed_store):
    with pytest.raises(NotFound) as err:
        api.document(seed_store, "00")  # five documents start with 00
    assert "000_9dcf5df62fe0ca39" in err.value.suggestions
    with pytest.raises(NotFound):
        api.document(seed_store, "no such title words")


# --------------------------------------------------------------------------- 3. words and numbers


@pytest.mark.parametrize("text", ["500000", "500,000", "half a million", "$500,000", "0.5 million"])
def test_numbers_match_however_printed(seed_store, text):
    hits = {h.claim.rsplit("--", 1)[0]: h for h in api.search_claims(seed_store, text)}
    assert REWARD in hits, sorted(hits)
    assert "kyiv-official-reward-list--reward_for_equipment" in hits  # "could reach $500,000"


def test_words_in_printed_values_quotes_and_remarks(seed_store):
    [tenfold] = api.search_claims(seed_store, "tenfold")
    assert tenfold.claim.startswith("russian-armed-forces--desertion_trend") and "printed" in tenfold.matched_in
    remark = api.search_claims(seed_store, "unable to verify")
    assert remark and all("remark" in h.matched_in for h in remark)
    assert api.search_claims(seed_store, "Кузьминов")  # Cyrillic folds onto the label's Kuzminov


def test_parse_number():
    assert parse_number("half a million dollars") == 500000
    assert parse_number("More than 18,000") == 18000
    assert parse_number("around 12,000") == 12000
    assert parse_number("145 million") == 145_000_000
    assert parse_number("18k") == 18000
    assert parse_number("About one thousand") == 1000
    assert parse_number("increased tenfold") is None


def test_a_claim_by_prefix_or_text_everywhere(seed_store):
    assert api.sources(seed_store, "maxim-kuzminov--age").claim.slug == KUZMINOV_AGE
    assert api.sources(seed_store, "tenfold").claim.slug.startswith("russian-armed-forces--desertion_trend")
    prov = api.provenance(seed_store, "maxim-kuzminov--age")
    assert [c.claim.slug for c in prov.claims] == [KUZMINOV_AGE]
    with pytest.raises(NotFound) as err:  # several claims: say which
        api.sources(seed_store, "maxim-kuzminov--")
    assert len(err.value.suggestions) > 1 and all(s.startswith("maxim-kuzminov--") for s in err.value.suggestions)
    with pytest.raises(NotFound) as err:
        api.sources(seed_store, "half a million")
    assert any(s.startswith(REWARD) for s in err.value.suggestions)
    text = api.provenance(seed_store, "half a million")
    assert text.matched is None and any(c.claim.slug.startswith(REWARD) for c in text.claims)


# --------------------------------------------------------------------------- 4. names in any script


@pytest.mark.parametrize(
    "typed, slug",
    [("Кузьминов", "maxim-kuzminov"), ("Мишов", "dmitry-mishov"), ("Дмитрий Мишов", "dmitry-mishov"), ("Шойгу", "sergei-shoigu"),
     ("Kuz'minov", "maxim-kuzminov"), ("Primorie", "primorye"), ("Zelenskii", "volodymyr-zelenskyy")],
)
def test_names_in_any_script(seed_store, typed, slug):
    hits = api.find(seed_store, typed)
    assert hits and hits[0].slug == slug


def test_surname_before_generic_word_and_short_queries_exact(seed_store):
    hits = api.find(seed_store, "Kuzmin")
    assert hits[0].slug == "maxim-kuzminov"
    assert hits[0].score > max(h.score for h in hits[1:])
    # DIU is no alias in the frozen seed: three letters match whole words only, never people by chance
    assert api.find(seed_store, "DIU") == []
    assert api.resolve_entity(seed_store, "Mishov").slug == "dmitry-mishov"


def test_a_curated_alias_is_found_in_any_script(data_copy, tmp_path):
    """An alias a curator adds (GUR, DIU for HUR) is found as typed, in Latin or Cyrillic, and a
    short abbreviation finds nothing else."""
    from dkg.graph.build import build, store_path
    from dkg.graph.store import OxigraphStore

    common = data_copy / "registry" / "common.yaml"
    text = common.read_text(encoding="utf-8")
    assert "aliases: [HUR, " in text
    common.write_text(text.replace("aliases: [HUR, ", "aliases: [HUR, GUR, DIU, "), encoding="utf-8")
    build(data_copy, tmp_path / "out", shacl=False)
    with OxigraphStore(store_path(tmp_path / "out"), read_only=True) as store:
        for typed in ("GUR", "ГУР", "gur", "DIU"):
            assert [h.slug for h in api.find(store, typed)] == ["hur"], typed
        assert api.said_by(store, "GUR").agent.slug == "hur"


# --------------------------------------------------------------------------- 5. readable output


def test_printer_escapes_controls_and_bidi_and_reads_units():
    from dkg.printer import Printer, for_terminal, naturally

    assert for_terminal("a\x1b[31mb\u202ec") == "a\\x1b[31mb\\u202ec"
    assert naturally("Maxim Kuzminov · age · 28 year") == "Maxim Kuzminov · age · 28 years"
    assert naturally("more than 18,000 person, 1 person, 3 aircraft") == "more than 18,000 people, 1 person, 3 aircraft"
    buf = io.StringIO()
    p = Printer(file=buf)
    p.table(["name"], [["evil\x1b]0;title\x07[bold]x[/bold]\u2066"]])
    out = buf.getvalue()
    assert "\x1b" not in out and "\u2066" not in out and "\x07" not in out
    assert "[bold]x[/bold]" in out  # data is never read as markup


def test_tables_fit_the_terminal_and_wide_prints_whole(seed_out):
    env = {"COLUMNS": "80"}
    r = run_dkg("corroboration", "--out", str(seed_out), env=env)
    assert r.returncode == 0, r.stderr
    assert "…" not in r.stdout  # wrapped, never cut
    # claim keys are printed whole on a line of their own, to copy: a table is only ever wider
    # than the terminal when a key and the longest words beside it cannot fit otherwise
    keys = re.findall(r"[a-z0-9-]+--[a-z_]+--[0-9a-f]{8}", r.stdout)
    assert KUZMINOV_AGE in keys
    widest = max(len(line) for line in r.stdout.splitlines())
    assert widest <= 80 or widest <= max(map(len, keys)) + 50
    r = run_dkg("queries", env=env)  # no keys: the table fits
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    r = run_dkg("corroboration", "--out", str(seed_out), "--wide", env=env)
    assert max(len(line) for line in r.stdout.splitlines()) > 80
    assert any(KUZMINOV_AGE in line for line in r.stdout.splitlines())


def test_profile_reads_as_prose(seed_out):
    r = run_dkg("profile", "Maxim", "Kuzminov", "--out", str(seed_out), "--wide")
    assert r.returncode == 0, r.stderr
    assert "28 years" in r.stdout and "28 year " not in r.stdout
    assert "served in" in r.stdout and "served_in" not in r.stdout.replace(KUZMINOV_AGE, "").split("served_in--")[0]
    assert KUZMINOV_AGE in r.stdout  # the key to follow the row up
    r = run_dkg("reported-by", "newsweek", "--out", str(seed_out), "--wide")
    assert "HUR" in r.stdout  # speaker by name (its short alias), not the slug column alone
    r = run_dkg("reported-by", "newsweek", "--out", str(seed_out), "--wide", "--ids")
    assert "(hur)" in r.stdout


def test_colour_only_on_request_and_no_color_respected(seed_out):
    r = run_dkg("find", "Kuzminov", "--out", str(seed_out))
    assert "\x1b[" not in r.stdout  # not a terminal: plain
    r = run_dkg("find", "Kuzminov", "--out", str(seed_out), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    forced = r.stdout
    r = run_dkg("find", "Kuzminov", "--out", str(seed_out), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[1m" in forced or "\x1b[" in forced
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", r.stdout)  # no colours under NO_COLOR


# --------------------------------------------------------------------------- 6. the CLI as people use it


def test_build_found_from_any_folder_of_the_project(seed_out, tmp_path):
    project = tmp_path / "project"
    (project / "notes" / "deep").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[project]\nname = "dkg"\n', encoding="utf-8")
    shutil.copytree(seed_out, project / "out", symlinks=True)
    env = {k: "" for k in ("DKG_OUT", "DKG_ENDPOINT")}
    r = run_dkg("find", "Primorye", cwd=project / "notes" / "deep", env=env)
    assert r.returncode == 0, r.stderr
    assert "primorye" in r.stdout
    r = run_dkg("find", "Primorye", cwd=tmp_path, env={"DKG_OUT": str(seed_out)})
    assert r.returncode == 0, r.stderr


def test_long_sparql_text_is_never_probed_as_a_file(seed_out):
    long_query = "SELECT ?s WHERE { ?s a dkg:Person . " + " ".join(f"OPTIONAL {{ ?s rdfs:label ?l{i} }}" for i in range(12)) + " } LIMIT 1"
    assert len(long_query) > 300 and "\n" not in long_query
    r = run_dkg("sparql", long_query, "--out", str(seed_out), "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 2


def test_unquoted_names_and_find_exit_codes(seed_out):
    r = run_dkg("find", "Maksim", "Kuzminov", "--out", str(seed_out))
    assert r.returncode == 0, r.stderr
    assert "maxim-kuzminov" in r.stdout
    r = run_dkg("find", "zzzqqq", "--out", str(seed_out))
    assert r.returncode == 1 and "nothing is called" in r.stderr
    r = run_dkg("profile", "kuzminv", "--out", str(seed_out))
    assert r.returncode == 1


def test_sparql_runs_bundled_queries_by_name_and_answers_construct_as_turtle(seed_out):
    import rdflib

    r = run_dkg("sparql", "corroboration", "--out", str(seed_out), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert "origins" in json.loads(r.stdout)["head"]["vars"]
    r = run_dkg("sparql", "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l ; dkg:slug 'hur' }", "--out", str(seed_out))
    assert r.returncode == 0, r.stderr
    g = rdflib.Graph().parse(data=r.stdout, format="turtle")
    assert len(g) == 1
    r = run_dkg("sparql", "DESCRIBE id:newsweek", "--out", str(seed_out))
    assert r.returncode == 0, r.stderr
    assert len(rdflib.Graph().parse(data=r.stdout, format="turtle")) > 2


@pytest.mark.parametrize("name", library.names())
def test_printed_queries_run_anywhere(name):
    """`dkg queries NAME` declares every prefix it uses: rdflib parses it with none predeclared."""
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(library.load(name).portable_text, initNs={})


def test_new_commands_on_the_cli(seed_out):
    r = run_dkg("said-by", "hur", "--out", str(seed_out), "--wide")
    assert r.returncode == 0, r.stderr
    assert "appearance(s)" in r.stdout and "through Andriy Yusov" in r.stdout and "via Maxim Kuzminov" in r.stdout
    r = run_dkg("document", "002", "--out", str(seed_out), "--wide")
    assert r.returncode == 0, r.stderr
    for text in ("byline: Lilly Larkin", "editor: Kateryna Khinkulova", "re-reports: BBC interview with Dmitry Mishov", "single-origin"):
        assert text in r.stdout
    r = run_dkg("search", "half", "a", "million", "--out", str(seed_out), "--wide")
    assert r.returncode == 0, r.stderr
    assert "half a million dollars" in r.stdout and REWARD in r.stdout
    r = run_dkg("said-by", "hur", "--out", str(seed_out), "--json")
    assert len([i for i in json.loads(r.stdout)["items"] if i["how"] != "cited"]) == 28


def test_timeline_shows_a_resolved_printed_time_as_inferred(tmp_path):
    """'in August' in a document dated 2023 becomes 2023-08, marked inferred with its rule."""
    import shutil

    from dkg.graph.build import build, store_path
    from dkg.graph.store import OxigraphStore

    from .conftest import SEED

    data = tmp_path / "data"
    shutil.copytree(SEED, data)
    out = tmp_path / "out"
    build(data, out, shacl=False, formats=())
    tl = api.timeline(OxigraphStore(store_path(out), read_only=True), "maxim-kuzminov")
    inferred = [t for t in tl.entries if t.how == "when (inferred)"]
    assert inferred and inferred[0].date == "2023-08"
    assert inferred[0].rule == "'in August' in a document of 2023: the year of publication"
