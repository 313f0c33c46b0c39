"""A synthetic corpus of any size, for the benchmark and for trying dkg at scale.

Real reporting on defectors has a recognisable shape, and the generator copies it so the
benchmark measures the joins users will run: a few agencies and officials issue origin
statements; many outlets re-report them (speaker + on_behalf_of + cites), sometimes with a
different figure (a contradiction), sometimes as a whole-document re-report; figures come
exact, approximate, bounded or as ranges; many claims are undated; people have aliases and
transliterations. Output is the curated format the loaders read (registry YAML, a few source
YAML files, and bulk JSON lines or CSV), so ingesting it exercises dkg's real path.

Deterministic: one seeded random.Random drives everything, so `--seed` reproduces a corpus
byte for byte. Rows are streamed to disk; memory stays flat in the number of claims apart
from a bounded pool of propositions to re-report.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from dkg.loaders.tabular import COLUMNS
from dkg.schema.declarations import ENTITIES
from dkg.schema.vocab import EntityType

FIRST = [
    "Maxim", "Dmitry", "Ivan", "Sergei", "Alexei", "Nikolai", "Pavel", "Andrei", "Yuri", "Oleg",
    "Viktor", "Roman", "Kirill", "Artem", "Denis", "Mikhail", "Anton", "Igor", "Vadim", "Stanislav",
]
LAST = [
    "Kuzmin", "Mishov", "Petrov", "Sokolov", "Volkov", "Lebedev", "Kozlov", "Novikov", "Morozov",
    "Orlov", "Zaitsev", "Pavlov", "Semenov", "Golubev", "Vinogradov", "Bogdanov", "Vorobyov",
    "Fedorov", "Mikhailov", "Belyaev", "Tarasov", "Belov", "Komarov", "Kiselev", "Makarov",
]
_CYR = {
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у",
    "f": "ф", "h": "х", "y": "й", "c": "ц",
}
RANKS = ["Private", "Sergeant", "Junior Lieutenant", "Lieutenant", "Senior Lieutenant", "Captain", "Major"]
ROLES = ["pilot", "helicopter pilot", "navigator", "tank commander", "medic", "signaller", "driver"]
MOTIVES = [
    "opposed the war",
    "did not want to kill Ukrainians",
    "was promised safety for his family",
    "said the invasion was a \"crime\" & a mistake",
]
OUTCOMES = ["landed safely", "crew detained", "aircraft destroyed", "defector granted asylum"]
CARGO = ["spare parts", "fighter jet components", "ammunition", "documents"]
EQUIPMENT_TYPES = [
    ("mi-8", "Mi-8", "transport_helicopter"), ("ka-52", "Ka-52", "attack_helicopter"),
    ("su-25", "Su-25", "fighter_bomber"), ("su-34", "Su-34", "fighter_bomber"),
    ("mig-29", "MiG-29", "fighter"), ("t-72", "T-72", "tank"), ("t-90", "T-90", "tank"),
    ("bmp-2", "BMP-2", "armoured_vehicle"), ("btr-82", "BTR-82", "armoured_vehicle"),
]
UNIT_KINDS = ["brigade", "regiment", "battalion", "division", "squadron", "army", "corps"]
EVENT_KINDS = ["defection", "desertion", "surrender", "escape", "asylum_request", "interview"]
DISPUTED = "A party to the conflict disputes it."


def _slug(*parts) -> str:
    return "-".join(str(p).lower().replace(" ", "-") for p in parts)


def _cyrillic(name: str) -> str:
    return "".join(_CYR.get(c, _CYR.get(c.lower(), c).upper() if c.isupper() else c) for c in name)


@dataclass
class _World:
    persons: list[str] = field(default_factory=list)
    speakers: list[tuple[str, str]] = field(default_factory=list)  # (person, agency)
    journalists: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    equipment_types: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    origins: list[tuple[str, str]] = field(default_factory=list)  # (document, issuing agency)
    reports: list[str] = field(default_factory=list)


def _date(rng: random.Random) -> str:
    y = rng.choice([2022, 2023, 2024])
    r = rng.random()
    if r < 0.2:
        return str(y)
    if r < 0.4:
        return f"{y}-{rng.randint(1, 12):02d}"
    return f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _registry(rng: random.Random, claims: int) -> tuple[_World, dict, list[dict]]:
    """Entities scaled to the corpus size; returns the world, the registry and the report documents."""
    w = _World()
    reg: dict[str, list] = {e.section: [] for e in ENTITIES.values() if e.type is not EntityType.document}
    for cid, name in [("russia", "Russia"), ("ukraine", "Ukraine"), ("georgia", "Georgia"), ("kazakhstan", "Kazakhstan"), ("spain", "Spain")]:
        reg["places"].append({"id": cid, "name": name, "kind": "country"})
        w.countries.append(cid)
    for i in range(max(10, claims // 400)):
        pid = f"city-{i}"
        reg["places"].append({"id": pid, "name": f"City {i}", "kind": rng.choice(["city", "military_base", "region"]), "within": rng.choice(w.countries[:2])})
        w.places.append(pid)
    w.places += w.countries
    agencies = [
        ("hur", "Main Intelligence Directorate", "intelligence_agency", "ukraine", ["HUR", "Ukrainian military intelligence"]),
        ("ua-mod", "Ministry of Defence of Ukraine", "ministry", "ukraine", ["Ukrainian Defence Ministry"]),
        ("ru-mod", "Ministry of Defence of Russia", "ministry", "russia", ["Russian Defense Ministry"]),
        ("ua-gov", "Government of Ukraine", "government", "ukraine", ["Kyiv"]),
        ("uk-mod", "UK Ministry of Defence", "ministry", None, ["British Defence Ministry"]),
        ("fsb", "Federal Security Service", "intelligence_agency", "russia", ["FSB"]),
    ]
    for aid, name, kind, country, aliases in agencies:
        org = {"id": aid, "name": name, "aliases": aliases, "kind": kind}
        if country:
            org["country"] = country
        reg["organizations"].append(org)
        w.agencies.append(aid)
    for i in range(max(12, min(3000, claims // 300))):
        oid = f"outlet-{i}"
        reg["organizations"].append({"id": oid, "name": f"The Daily {i}" if i % 3 else f"News Agency {i}", "kind": "news_agency" if i % 7 == 0 else "news_outlet"})
        w.outlets.append(oid)
    for i in range(max(30, claims // 50)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        pid = _slug(first, last, i)
        person = {"id": pid, "name": f"{first} {last}", "aliases": [last]}
        if rng.random() < 0.5:
            person["transliterations"] = [f"{_cyrillic(first)} {_cyrillic(last)}"]
        if rng.random() < 0.05:
            person = {"id": pid, "name": f"an unnamed {rng.choice(ROLES)}", "named": False}
        reg["persons"].append(person)
        w.persons.append(pid)
    for i, aid in enumerate(w.agencies * 2):
        pid = f"spokesperson-{i}"
        reg["persons"].append({"id": pid, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "description": f"spokesperson of {aid}"})
        w.speakers.append((pid, aid))
    for i in range(max(10, len(w.outlets) // 2)):
        pid = f"journalist-{i}"
        reg["persons"].append({"id": pid, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}"})
        w.journalists.append(pid)
    for i in range(max(10, claims // 300)):
        uid = f"unit-{i}"
        unit = {"id": uid, "name": f"{i + 1}th {rng.choice(UNIT_KINDS).capitalize()}", "kind": rng.choice(UNIT_KINDS), "country": rng.choice(w.countries[:2])}
        if i % 4 == 0:
            unit["aliases"] = [f"military unit {10000 + i}"]
        reg["units"].append(unit)
        w.units.append(uid)
    for tid, name, kind in EQUIPMENT_TYPES:
        reg["equipment_types"].append({"id": tid, "name": name, "kind": kind})
        w.equipment_types.append(tid)
    for i in range(max(5, claims // 1000)):
        iid = f"airframe-{i}"
        reg["equipment_items"].append({"id": iid, "name": f"airframe {i}", "type": rng.choice(w.equipment_types), "identifier": f"RF-{90000 + i}"})
        w.items.append(iid)
    for i in range(max(10, claims // 200)):
        eid = f"event-{i}"
        reg["events"].append({"id": eid, "name": f"{rng.choice(EVENT_KINDS).replace('_', ' ')} {i}", "kind": rng.choice(EVENT_KINDS)})
        w.events.append(eid)

    documents: list[dict] = []
    for i in range(max(5, claims // 2000)):
        did = f"origin-{i}"
        agency = rng.choice(w.agencies)
        documents.append({"id": did, "name": f"Statement {i} by {agency}", "kind": rng.choice(["official_statement", "social_media_post"]), "issued_by": agency, "published": _date(rng)})
        w.origins.append((did, agency))
    for i in range(max(20, claims // 40)):
        did = f"report-{i}"
        doc = {"id": did, "name": f"Report {i}: defectors and deserters", "kind": rng.choice(["news_report", "news_report", "interview", "opinion"]), "outlet": rng.choice(w.outlets)}
        if rng.random() < 0.8:
            doc["published"] = _date(rng)
        if rng.random() < 0.7:
            doc["authors"] = [rng.choice(w.journalists)]
        if w.reports and rng.random() < 0.05:
            doc["rereports"] = rng.choice(w.reports[-50:])
        if rng.random() < 0.3:
            doc["derived_from"] = [rng.choice(w.origins)[0]]
        documents.append(doc)
        w.reports.append(did)
    return w, reg, documents


def _figure(rng: random.Random, prop: str) -> dict:
    unit, currency = None, None
    if prop == "age":
        return {"value_amount": rng.randint(19, 55), "value_unit": "year"}
    if prop in ("reward_received", "salary"):
        currency = rng.choice(["USD", "RUB", "UAH"])
        base = rng.choice([500, 1000, 90000, 200000, 500000])
    elif prop == "aircraft_lost":
        unit, base = "aircraft", rng.randint(1, 40)
    elif prop == "other_crew":
        unit, base = "person", rng.randint(1, 3)
    elif prop == "population":
        unit, base = "person", rng.randint(10, 2000) * 1000
    else:
        unit, base = "person", rng.choice([50, 200, 1000, 5000, 12000, 18000, 50000])
    out: dict = {}
    r = rng.random()
    if r < 0.15 and prop not in ("other_crew",):
        out["value_min"], out["value_max"] = base, base + base // 2
    else:
        out["value_amount"] = base
        if r < 0.5:
            out["value_bound"] = rng.choice(["approximate", "more_than", "at_least", "at_most", "less_than"])
    if unit:
        out["value_unit"] = unit
    else:
        out["value_currency"] = currency
    return out


def _printed(value: dict) -> str:
    if "value_min" in value:
        return f"between {value['value_min']:,} and {value['value_max']:,}"
    words = {"approximate": "around", "more_than": "more than", "at_least": "at least", "at_most": "up to", "less_than": "fewer than"}
    amount = f"{value['value_amount']:,}"
    bound = value.get("value_bound")
    return f"{words[bound]} {amount}" if bound else amount


def _proposition(rng: random.Random, w: _World) -> dict:
    """A new claim: subject, property and a value that fit schema/vocab.py PROPERTIES."""
    r = rng.random()
    if r < 0.55:
        s = rng.choice(w.persons)
        prop = rng.choices(
            ["age", "rank", "role", "nationality", "served_in", "defected_with", "fled_to", "sought_asylum_in", "reward_received", "motivation", "origin_place"],
            [3, 3, 2, 1, 3, 2, 2, 1, 1, 1, 1],
        )[0]
        if prop in ("age", "reward_received"):
            value = _figure(rng, prop)
        elif prop == "rank":
            value = {"value_text": rng.choice(RANKS)}
        elif prop == "role":
            value = {"value_text": rng.choice(ROLES)}
        elif prop == "motivation":
            value = {"value_text": rng.choice(MOTIVES)}
        elif prop == "served_in":
            value = {"value_entity": rng.choice(w.units)}
        elif prop == "defected_with":
            value = {"value_entity": rng.choice(w.items + w.equipment_types)}
        elif prop in ("nationality", "sought_asylum_in"):
            value = {"value_entity": rng.choice(w.countries)}
        else:
            value = {"value_entity": rng.choice(w.places)}
    elif r < 0.85:
        s = rng.choice(w.units)
        prop = rng.choices(["deserters", "personnel_losses", "aircraft_lost", "troop_strength", "salary", "part_of", "based_at", "surrendered"], [5, 3, 1, 1, 1, 1, 1, 1])[0]
        if prop == "part_of":
            value = {"value_entity": rng.choice(w.units)}
        elif prop == "based_at":
            value = {"value_entity": rng.choice(w.places)}
        else:
            value = _figure(rng, prop)
    elif r < 0.95:
        s = rng.choice(w.events)
        prop = rng.choice(["date", "place", "participant", "outcome"])
        value = {
            "date": lambda: {"value_date": _date(rng)},
            "place": lambda: {"value_entity": rng.choice(w.places)},
            "participant": lambda: {"value_entity": rng.choice(w.persons)},
            "outcome": lambda: {"value_text": rng.choice(OUTCOMES)},
        }[prop]()
    else:
        s = rng.choice(w.items)
        prop = rng.choice(["other_crew", "cargo"])
        value = _figure(rng, prop) if prop == "other_crew" else {"value_text": rng.choice(CARGO)}
    row = {"subject": s, "property": prop, **value}
    if rng.random() < 0.6:  # the rest are undated
        row["when"] = _date(rng)
    if prop in ("deserters", "personnel_losses") and rng.random() < 0.2:
        row["group"] = rng.choice(["officers", "conscripts", "contract soldiers"])
    if rng.random() < 0.01:
        row["status"], row["status_reason"] = "disputed", DISPUTED
    return row


def _appearance(rng: random.Random, w: _World, prop: dict, origin: tuple[str, str] | None) -> dict:
    """How one document tells a proposition: printed value, attribution, citation, hedges."""
    row = dict(prop)
    if any(k in row for k in ("value_amount", "value_min")) and rng.random() < 0.7:
        row["printed"] = _printed(row)
    if "when" in row and rng.random() < 0.2:
        row["when_printed"] = rng.choice(["last September", "earlier this year", "on Wednesday"])
    hedges = []
    if origin is not None:
        doc, agency = origin
        speakers = [p for p, a in w.speakers if a == agency]
        if speakers and rng.random() < 0.8:
            row["speaker"] = rng.choice(speakers)
            row["on_behalf_of"] = agency
        else:
            row["speaker"] = agency
        if rng.random() < 0.9:
            row["cites"] = [doc]
        if agency in ("hur", "ua-mod", "ua-gov", "ru-mod", "fsb"):
            hedges += ["party_to_conflict"]
            if rng.random() < 0.5:
                hedges.append("unverified")
    elif rng.random() < 0.1:
        hedges.append("reportedly")
    if hedges:
        row["hedges"] = hedges
    if rng.random() < 0.3:
        who = row.get("speaker", "the outlet")
        row["quote"] = f"{who} said that {row['subject']} {row['property'].replace('_', ' ')} \u201c{row.get('printed', 'as reported')}\u201d"
    if rng.random() < 0.05:
        row["remarks"] = "The outlet says it could not independently verify this <claim> & its figures."
    return row


def _contradict(rng: random.Random, prop: dict) -> dict | None:
    """The same subject and property with a different figure: a contradiction."""
    if "value_amount" not in prop or prop["property"] == "age":
        return None
    out = {k: v for k, v in prop.items() if k not in ("status", "status_reason")}
    out["value_amount"] = max(1, int(prop["value_amount"] * rng.choice([0.5, 0.7, 1.5, 2, 3])))
    return out


def _table_row(row: dict, fmt: str) -> dict:
    return {k: row[k] for k in COLUMNS if k in row}


def generate(out: str | Path, claims: int, seed: int = 1, fmt: str = "jsonl", yaml_sources: int | None = None, hot_spots: int = 0) -> dict:
    """Write a data directory with `claims` claim entries (appearances); returns counts. With
    `hot_spots` = N, also the places where costs that grow with the data concentrate (see
    `_hot_spots`): N stances on one claim in one curated file, 2N claims about one person, one
    document cited by N/5 appearances."""
    if fmt not in ("jsonl", "csv", "yaml"):
        raise ValueError(f"unknown format {fmt!r}")
    rng = random.Random(seed)
    out = Path(out)
    (out / "registry").mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(exist_ok=True)
    (out / "tabular").mkdir(exist_ok=True)
    w, reg, documents = _registry(rng, claims)
    _dump(out / "registry" / "entities.yaml", reg)
    chunk = 5000
    for i in range(0, len(documents), chunk):
        _dump(out / "registry" / f"documents-{i // chunk:04d}.yaml", {"documents": documents[i:i + chunk]})

    # A few curated YAML source files, the way curators write them (all of it in yaml mode).
    n_yaml = claims if fmt == "yaml" else min(claims, yaml_sources if yaml_sources is not None else max(20, claims // 100))
    pool: list[tuple[dict, tuple[str, str] | None]] = []
    pool_cap = 20000
    counts = {"claim_entries": 0, "yaml_entries": 0, "table_rows": 0, "documents": len(documents), "source_files": 0}

    def next_row() -> dict:
        r = rng.random()
        if pool and r < 0.45:  # re-report something already reported
            prop, origin = pool[rng.randrange(len(pool))]
            if rng.random() < 0.08:
                prop = _contradict(rng, prop) or prop
            else:
                prop = {k: v for k, v in prop.items() if k not in ("status", "status_reason")}
            return _appearance(rng, w, prop, origin)
        prop = _proposition(rng, w)
        origin = rng.choice(w.origins) if rng.random() < 0.5 else None
        entry = (prop, origin)
        if len(pool) < pool_cap:
            pool.append(entry)
        else:
            pool[rng.randrange(pool_cap)] = entry
        return _appearance(rng, w, prop, origin)

    per_file = 25
    written = 0
    n_files = 0
    while written < n_yaml:
        n = min(per_file, n_yaml - written)
        did = f"curated-{n_files}"
        doc = {"id": did, "name": f"Curated article {n_files}", "kind": "news_report", "outlet": rng.choice(w.outlets), "language": "en"}
        if rng.random() < 0.8:
            doc["published"] = _date(rng)
        entries = [_yaml_entry(next_row()) for _ in range(n)]
        _dump(out / "sources" / f"{did}.yaml", {"document": doc, "claims": entries})
        written += n
        n_files += 1
    counts["yaml_entries"] = written
    counts["source_files"] = n_files

    remaining = claims - written
    if remaining > 0:
        path = out / "tabular" / f"claims.{fmt}"
        rows_per_doc = 40
        if fmt == "csv":
            import csv

            fh = path.open("w", newline="", encoding="utf-8")
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            emit = lambda row: writer.writerow({k: ("|".join(v) if isinstance(v, list) else v) for k, v in row.items()})  # noqa: E731
        else:
            fh = path.open("w", encoding="utf-8")
            emit = lambda row: fh.write(json.dumps(row, ensure_ascii=False) + "\n")  # noqa: E731
        with fh:
            for i in range(remaining):
                row = next_row()
                row["document"] = w.reports[(i // rows_per_doc) % len(w.reports)]
                emit(_table_row(row, fmt))
        counts["table_rows"] = remaining
    counts["claim_entries"] = claims
    if hot_spots:
        counts.update(_hot_spots(w, out, hot_spots))
    (out / "synth.json").write_text(json.dumps({"claims": claims, "seed": seed, "format": fmt, **counts}, indent=1) + "\n")
    return counts


HOT_PERSON_NAME = "Hot Spot Subject"


def _hot_spots(w: _World, out: Path, n: int) -> dict:
    """The shapes a curated corpus can take that a uniform one never does, so a benchmark can
    show what grows with them: one curated file whose one claim has `n` stances from `n`
    speakers (disputes, confirms and could-not-verify in turn); `2n` claims about one person
    (distinct motivations, a property that is not compared pairwise, each in a bulk row); and
    one origin document cited by `n // 5` of those rows. The person is added to the registry
    under its own file, so the rest of the corpus is byte for byte the one without hot spots."""
    person = "hot-spot-subject"
    cited = w.origins[0][0]
    _dump(out / "registry" / "hot-spots.yaml", {"persons": [{"id": person, "name": HOT_PERSON_NAME}]})
    kinds = ["disputes", "confirms", "could_not_verify"]
    speakers = w.persons + w.journalists + [p for p, _a in w.speakers]
    stances = [
        {"on": "hot-spot-claim", "stance": kinds[i % 3], "speaker": speakers[i % len(speakers)], "quote": f"stance number {i} on the hot claim"}
        for i in range(n)
    ]
    doc = {"id": "hot-spot-stances", "name": "One claim and the stances on it", "kind": "news_report", "outlet": w.outlets[0], "published": "2024-01-15"}
    claim = {"subject": person, "property": "motivation", "value": {"text": "the claim every stance is about"}, "ref": "hot-spot-claim", "quote": "the claim every stance is about"}
    _dump(out / "sources" / "hot-spot-stances.yaml", {"document": doc, "claims": [claim], "stances": stances})
    with (out / "tabular" / "hot-spot-claims.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(2 * n):
            row = {"document": w.reports[i % len(w.reports)], "subject": person, "property": "motivation", "value_text": f"motive number {i}"}
            if i < n // 5:
                row["cites"] = [cited]
            fh.write(json.dumps(_table_row(row, "jsonl"), ensure_ascii=False) + "\n")
    return {"hot_stances": n, "hot_claims_about_one": 2 * n, "hot_cited_by": n // 5, "hot_person": person, "hot_cited": cited}


def _yaml_entry(row: dict) -> dict:
    value = {k[len("value_"):]: v for k, v in row.items() if k.startswith("value_")}
    entry = {k: v for k, v in row.items() if not k.startswith("value_")}
    return {"subject": entry.pop("subject"), "property": entry.pop("property"), "value": value, **entry}


def _dump(path: Path, data) -> None:
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True, sort_keys=False, width=120)
