"""`dkg export --format csv` and `--format claimreview`: the claims for spreadsheets and for the
tools fact-checkers use, with names beside slugs, on the frozen seed."""

from __future__ import annotations

import csv
import io
import json

from dkg.queries import claimexport
from dkg.queries.reports import claim_sources
from dkg.queries.resolve import claim_index

from .conftest import run_dkg

SHOIGU = "about 6,000 people"


def test_csv_has_one_row_per_appearance_with_names(seed_out, seed_store):
    done = run_dkg("export", "--out", str(seed_out), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
    assert list(rows[0]) == claimexport.CSV_COLUMNS
    appearances = sum(len(claim_sources(seed_store, c.iri)) for c in claim_index(seed_store))
    assert len(rows) == appearances
    shoigu = [r for r in rows if r["claim_label"].endswith(SHOIGU)]
    assert len(shoigu) == 1
    row = shoigu[0]
    assert (row["speaker"], row["speaker_name"]) == ("sergei-shoigu", "Sergei Shoigu")
    assert row["on_behalf_of_name"] == "Ministry of Defence of Russia" and row["origin_names"] == "Ministry of Defence of Russia"
    assert row["standing"] == "contested" and row["hedges"] == "from a party to the war"
    assert row["value"] == SHOIGU and row["property"] == "personnel losses"
    assert "around 6,000 men" in row["quote"]
    # a quote holding commas and quotation marks survives the round trip whole
    assert any('"' in r["quote"] or "," in r["quote"] for r in rows)


def test_claimreview_reviews_each_claim_with_a_standing(seed_out, seed_store):
    done = run_dkg("export", "--out", str(seed_out), "--format", "claimreview")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["@context"] == "https://schema.org/"
    reviews = doc["@graph"]
    assert reviews and all(r["@type"] == "ClaimReview" and r["itemReviewed"]["@type"] == "Claim" for r in reviews)
    assert {r["reviewRating"]["alternateName"] for r in reviews} <= {"contested", "confirmed", "unverified"}
    assert len({r["url"] for r in reviews}) == len(reviews)  # each claim once
    shoigu = next(r for r in reviews if r["claimReviewed"].endswith(SHOIGU))
    assert shoigu["reviewRating"]["alternateName"] == "contested"
    assert "disputes by unnamed analysts" in shoigu["reviewRating"]["ratingExplanation"]
    assert shoigu["itemReviewed"]["author"] == [{"@type": "Person", "@id": "https://w3id.org/dkg/id/sergei-shoigu", "name": "Sergei Shoigu"}]
    work = shoigu["itemReviewed"]["appearance"][0]
    assert work["name"].startswith("Russian military defector") and "around 6,000 men" in work["text"]
    unverified = [r for r in reviews if r["reviewRating"]["alternateName"] == "unverified"]
    assert unverified and all("could not verify by Newsweek" in r["reviewRating"]["ratingExplanation"] for r in unverified)


def test_to_frame_gives_one_row_per_item_with_the_fields_as_columns(seed_store):
    from dkg.queries import api

    said = api.said_by(seed_store, "HUR")
    frame = api.to_frame(said)
    assert len(frame) == len(said.items) and {"how", "claim", "claim_label", "quote", "document_title"} <= set(frame.columns)
    assert list(frame["claim"]) == [i.claim for i in said.items]
    repeaters = api.to_frame(said.repeaters)
    assert repeaters.loc[repeaters["label"] == "Newsweek", "appearances"].item() == 7
    one = api.to_frame(api.profile(seed_store, "maxim-kuzminov"))  # a container's list of rows: `about`
    assert len(one) == len(api.profile(seed_store, "maxim-kuzminov").about) and "value" in one.columns
