"""From what a person types to the thing in the graph: entities, documents and claims.

People type a slug, a prefixed IRI, a name in any script, an alias, a surname, the start of a
document id (`002`) or words of a title, the start of a claim key or words of a claim. Each
resolver tries the exact forms first, then the forgiving ones, and accepts a forgiving match
only when it is unique; otherwise it raises NotFound with the candidates, so the CLI can say
"did you mean". Every value typed goes into queries as a bound parameter.
"""

from __future__ import annotations

import difflib
from typing import Literal

from pydantic import Field

from ..graph.results import Term
from ..graph.store import Store
from ..schema import iris
from ..schema.errors import NotFound
from . import library, listings, names
from .rows import Model, from_row, short

EntityType = Literal[
    "Claim", "Person", "MilitaryUnit", "Organization", "EquipmentType", "EquipmentItem", "Place", "Event", "Document", "Thing"
]
# most specific class first: a Claim beats all, a Document beats an organization it also is
_TYPE_ORDER = ["Claim", "Document", "Person", "MilitaryUnit", "Organization", "EquipmentItem", "EquipmentType", "Place", "Event"]


class Ref(Model):
    """Something a user named, resolved: its IRI, slug, label and class."""

    iri: str
    slug: str
    label: str | None = None
    type: str = "Thing"


def lookup(store: Store, slug: str) -> Ref | None:
    """The node with exactly this slug or claim key, or None."""
    rows = library.run(store, "lookup", {"slug": slug}).rows
    if not rows:
        return None
    types = {short(r.get("type")) for r in rows} - {None}
    kind = next((t for t in _TYPE_ORDER if t in types), "Thing")
    label = next((short(r.get("label")) for r in rows if "label" in r), None)
    return Ref(iri=rows[0]["node"].value, slug=slug, label=label, type=kind)


def slug_of(text: str) -> str:
    """`id:x`, `claim:x`, a full IRI or a bare slug -> the slug."""
    text = text.strip()
    for prefix in ("id:claim/", "claim:", "id:"):
        if text.startswith(prefix):
            return text[len(prefix):]
    if text.startswith(iris.ID):
        return iris.local_name(text)
    return text


class NameRow(Model):
    """One name of an entity or document (a label, an alias or a transliteration) with its type."""

    VARS = {"name_kind": "nameKind"}
    iri: str
    slug: str
    name: str
    name_kind: str
    type: str = "Thing"


def _rank(kind: str) -> int:
    return _TYPE_ORDER.index(kind) if kind in _TYPE_ORDER else len(_TYPE_ORDER)


NAMES_AT_ONCE = 100


def entity_names(store: Store, entities: list[str] | None = None) -> list[NameRow]:
    """Every name (label, alias, transliteration) of every entity and document, one row each;
    with `entities` (IRIs), of those only (an index lookup; the whole index is read a page of
    the build's entity listing at a time)."""
    if entities is None:
        rows = listings.read(store, "entity_names", "entities", "all")[0]
    elif entities:
        # a hundred at a time: Oxigraph joins a long VALUES list in quadratic time (1,000
        # documents 0.31 s, 3,000 2.1 s at 1M claims; 100 take 0.013 s)
        unique = list(dict.fromkeys(entities))
        rows = [r for i in range(0, len(unique), NAMES_AT_ONCE)
                for r in library.run(store, "names_of", {"entity": [Term.uri(e) for e in unique[i:i + NAMES_AT_ONCE]]}).rows]
    else:
        rows = []
    best: dict[tuple, NameRow] = {}
    for r in rows:
        key = (r["entity"].value, r["name"].value, r["nameKind"].value)
        row = from_row(NameRow, r, iri=key[0], type=short(r.get("type")) or "Thing")
        if key not in best or _rank(row.type) < _rank(best[key].type):
            best[key] = row
    return sorted(best.values(), key=lambda n: (n.slug, n.name_kind, n.name))


class Hit(Model):
    """An entity found for a typed name, with the name that matched and how well."""

    slug: str
    label: str
    type: str
    matched: str = Field(description="the name, alias or transliteration that matched")
    score: float


def named(store: Store, text: str) -> list[str]:
    """The entities one of whose names folds to `text`, or has one of its words (an index
    lookup of the keys the build stored: loaders/rdf.py name_index_triples)."""
    key = names.fold(text)
    return _with_keys(store, sorted({key, *key.split()} - {""}))


def _with_keys(store: Store, keys: list[str]) -> list[str]:
    if not keys:
        return []
    return sorted({r["entity"].value for r in library.run(store, "entities_named", {"key": [Term.literal(k) for k in keys]}).rows})


# Case endings of Russian and Ukrainian nouns and surnames, as they fold (schema/fold.py: й and
# ы fold to i, so -ой/-ый/-ий are all -oi/-ii/-i): longest first. Every name in a Russian or
# Ukrainian text is inflected (Кузьминова, the genitive of Кузьминов; Ившиной of Ившина).
_ENDINGS = ("iami", "ami", "ogo", "ego", "omu", "emu", "imi", "oiu", "eiu", "om", "em", "im", "ii", "oi", "ei", "ia", "iu", "a", "u", "e", "i")


def inflections(text: str, most: int = 64) -> list[str]:
    """What `text` may be the inflected form of: each word of five letters or more as typed or
    with one case ending taken off (and, for a feminine surname, put back as -a), in every
    combination (at most `most`): kuzminova -> kuzminov, ivshinoi -> ivshin, ivshina;
    maxima kuzminova -> maxim kuzminov."""
    import itertools

    words = names.fold(text).split()
    options = []
    for w in words:
        forms = [w]
        if len(w) >= 5:
            for ending in _ENDINGS:
                if w.endswith(ending) and len(w) - len(ending) >= 3:
                    stem = w[: -len(ending)]
                    forms += [f for f in (stem, stem + "a") if f not in forms]
        options.append(forms)
    out = [" ".join(combo) for combo in itertools.islice(itertools.product(*options), most + 1)]
    return out[1:]  # the first combination is the text as typed


def _stored_keys(store: Store) -> list[str]:
    """Every distinct key of the name index (whole names and their words, folded): far fewer
    than the names themselves, and no claim is read."""
    return sorted({r["key"].value for r in library.run(store, "name_keys").rows})


def _near_keys(store: Store, text: str, limit: int = 30) -> list[str]:
    """Keys of the name index that `text` starts (a surname's start, a slug's start) or nearly
    spells (a slip: kuzminof), for when no name or word of it is in the index."""
    key = names.fold(text)
    if len(key) <= 3:
        return []
    keys = _stored_keys(store)
    starts = [k for k in keys if k.startswith(key) or any(w.startswith(key) for w in k.split())][:limit]
    close = difflib.get_close_matches(key, keys, n=limit, cutoff=0.75)
    return list(dict.fromkeys(starts + close))[:limit]


def candidates(store: Store, text: str) -> tuple[list[str], list[str]]:
    """(entity IRIs that may be meant by `text`, the forms of it that found them): a name or a
    word of it in the index; else its uninflected forms, all in one lookup; else keys it starts
    or nearly spells. Only these are scored, however many names the graph holds."""
    found = named(store, text)
    if found:
        return found, [text]
    forms = inflections(text)
    keys = sorted({k for form in forms for k in (form, *form.split())})
    found = _with_keys(store, keys)
    if found:
        return found, forms
    return _with_keys(store, _near_keys(store, text)), [text]


def find(store: Store, text: str, limit: int = 10, threshold: float = 0.7, rows: list[NameRow] | None = None) -> list[Hit]:
    """Entities by name, alias, transliteration or slug, in any script and romanisation, and
    inflected (Кузьминова finds Kuzminov); an exact name first, then a surname, the start of a
    surname, a whole word, part of a word. Scores the candidates the name index gives
    (`candidates`), or the `rows` given."""
    forms = [text]
    if rows is None:
        iris_, forms = candidates(store, text)
        rows = entity_names(store, iris_)

    def score(name: str, person: bool) -> float:
        return max(names.score(form, name, person) for form in forms)

    labels = {r.slug: r.name for r in rows if r.name_kind == "name"}
    best: dict[str, Hit] = {}
    for row in rows:
        s = score(row.name, row.type == "Person")
        if s >= threshold and (row.slug not in best or s > best[row.slug].score):
            best[row.slug] = Hit(slug=row.slug, label=labels.get(row.slug, row.name), type=row.type, matched=row.name, score=s)
    for slug, kind in {r.slug: r.type for r in rows}.items():
        s = score(slug.replace("-", " "), kind == "Person")
        if s >= threshold and (slug not in best or s > best[slug].score):
            best[slug] = Hit(slug=slug, label=labels.get(slug, slug), type=kind, matched=slug, score=s)
    order = {t: i for i, t in enumerate(_TYPE_ORDER)}
    # ties: people first, then the shorter name (closer to what was typed)
    return sorted(best.values(), key=lambda h: (-h.score, order.get(h.type, 99), len(h.label), h.slug))[:limit]


def suggest(store: Store, text: str) -> list[str]:
    """The closest entities to a name that finds nothing, for "did you mean"."""
    hits = [h.slug for h in find(store, text, limit=5, threshold=0.5)]
    return hits[:3]


def resolve_entity(store: Store, text: str, what: str = "entity") -> Ref:
    """A slug, an IRI, a name, alias or transliteration in any script (inflected too), a unique
    surname or a unique start of a slug -> the entity; a name several entities share -> NotFound
    listing them (`dkg profile Maksim` must not pick one Maxim silently); otherwise NotFound
    with the closest."""
    ref = lookup(store, slug_of(text))
    if ref is not None and ref.type != "Claim":
        return ref
    # a whole name or a surname is found by the stored name keys, inflected or not; only a
    # slug's start or a misspelling needs the list of keys
    hits = _named_in(store, text, entity_names(store, named(store, text)))
    if not hits:
        iris_, forms = candidates(store, text)
        rows = entity_names(store, iris_)
        for form in forms:
            hits = _named_in(store, form, rows)
            if hits:
                break
    if not hits:
        prefix = slug_of(text)
        rows = entity_names(store, _with_keys(store, _near_keys(store, prefix)))
        hits = {r.slug: r for r in rows if prefix and r.slug.startswith(prefix)}
    if len(hits) == 1:
        hit = next(iter(hits.values()))
        return lookup(store, hit.slug) or Ref(iri=hit.iri, slug=hit.slug, label=hit.name, type=hit.type)
    if len(hits) > 1:
        raise NotFound(f"single {what} named", text, sorted(hits))
    raise NotFound(what, text, suggest(store, text))


def _named_in(store: Store, text: str, rows: list[NameRow]) -> dict[str, NameRow]:
    """The entities among `rows` named exactly `text` (folded), else those with it as surname.
    A one-word name that is also a word of another name of the same kind (the pilot "Maxim"
    beside Maxim Kuzminov; a name of four words at most, not a description that mentions it)
    is ambiguous: all of them are returned."""
    key = names.fold(text)
    hits = {r.slug: r for r in rows if names.fold(r.name) == key}
    if hits and len(key.split()) == 1:
        kinds = {r.type for r in hits.values()}
        hits.update({r.slug: r for r in rows if r.type in kinds and r.slug not in hits and key in (words := names.fold(r.name).split()) and len(words) <= 4})
    if not hits:
        found = find(store, text, limit=10, threshold=names.SURNAME, rows=rows)
        if found and found[0].score == names.SURNAME:
            hits = {h.slug: next(r for r in rows if r.slug == h.slug) for h in found if h.score == names.SURNAME}
    return hits


def resolve_document(store: Store, text: str) -> Ref:
    """A document id or its unique start (`002`), or words of its title -> the document."""
    ref = lookup(store, slug_of(text))
    if ref is not None and ref.type == "Document":
        return ref
    docs = [r for r in entity_names(store) if r.type == "Document"]
    prefix = slug_of(text)
    hits = {r.slug: r for r in docs if r.slug.startswith(prefix)}
    if not hits:
        words = names.plain(text).split()
        hits = {r.slug: r for r in docs if words and all(w in names.plain(r.name).split() or w in names.plain(r.name) for w in words)}
    if len(hits) == 1:
        return lookup(store, next(iter(hits)))
    if len(hits) > 1:
        raise NotFound("single document matching", text, sorted(hits))
    raise NotFound("document", text, names.closest(text, sorted({r.slug for r in docs} | {r.name for r in docs}), n=3))


class ClaimRow(Model):
    """A claim's key, IRI, label and subject, as the claim index lists it."""

    iri: str
    slug: str
    label: str | None
    subject: str


def claim_index(store: Store, subject: str | None = None) -> list[ClaimRow]:
    """Every claim with its key and label (a page of the build's claim listing at a time), or
    those about one entity (`subject`, a slug: an index lookup)."""
    if subject is None:
        rows = listings.read(store, "claim_keys", "claims", "all")[0]
    else:
        rows = library.run(store, "claim_keys_about", {"entity": Term.uri(iris.entity(subject))}).rows
    seen: dict[str, ClaimRow] = {}
    for r in rows:
        seen.setdefault(r["claim"].value, from_row(ClaimRow, r, iri=r["claim"].value, label=short(r.get("label"))))
    return list(seen.values())


def resolve_claim(store: Store, text: str) -> Ref:
    """A claim key, its unique start, or words that match one claim alone (its label, the
    value as printed, a quote or remark, a number however printed) -> the claim."""
    from .search import search_claims

    key = slug_of(text)
    ref = lookup(store, key)
    if ref is not None and ref.type == "Claim":
        return ref
    # a key starts with its subject's slug: look among that entity's claims first
    index = claim_index(store, key.split("--", 1)[0]) if "--" in key else []
    if not index:
        index = claim_index(store)
    by_prefix = [c for c in index if key and c.slug.startswith(key)]
    if len(by_prefix) == 1:
        c = by_prefix[0]
        return Ref(iri=c.iri, slug=c.slug, label=c.label, type="Claim")
    if len(by_prefix) > 1:
        raise NotFound("single claim whose key starts with", text, sorted(c.slug for c in by_prefix)[:5])
    if "--" in key and " " not in text.strip():  # typed as a key: a wrong key is not a search
        raise NotFound("claim", text, names.closest(key, [c.slug for c in index], n=3))
    matches = search_claims(store, text)
    if len(matches) == 1:
        m = matches[0]
        return Ref(iri=iris.claim(m.claim), slug=m.claim, label=m.claim_label, type="Claim")
    if matches:
        raise NotFound("single claim matching", text, [m.claim for m in matches[:5]])
    raise NotFound("claim", text, names.closest(key, [c.slug for c in index], n=3))
