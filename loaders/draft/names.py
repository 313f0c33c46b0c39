"""Names: the registry's entities found in the text, and the names it lacks proposed as entries.

Every name, alias and transliteration is folded to skeleton words (schema/fold.py), so
"Кузьминов", "Kuzminov" and "KUZMINOV" meet; inflected forms are met by the language's
lemmas (see lemmas.py).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from ...schema.fold import skeleton
from ...schema.models import MAX_ID, SLUG_RE, EntityBase
from ...schema.vocab import EntityType
from .dates import MONTHS
from .lemmas import adjective, given_name, nominative, word_forms
from .text import Lines

# --------------------------------------------------------------------------- names

WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc][^\W_]+)*")


@lru_cache(maxsize=200_000)
def _keys(word: str) -> tuple[frozenset[str], ...]:
    """Matching keys of one word: one set per skeleton word it folds to; a single-word fold also
    holds the skeletons of the word's normal forms (lemmas.py), so inflected forms meet."""
    parts = skeleton(word).split()
    if len(parts) != 1:
        return tuple(frozenset([p]) for p in parts)
    forms = {parts[0]} | {k for f in word_forms(word) for k in skeleton(f).split()[:1]}
    return (frozenset(forms),)


def _tokens(text: str) -> list[tuple[frozenset[str], int, int]]:
    """(matching keys, start, end) for each word; a word whose fold is several words gives each."""
    out = []
    for m in WORD.finditer(text):
        word = m.group()
        if len(word) > 2 and word[-2] in "'\u2019\u02bc" and word[-1] in "sS":
            word = word[:-2]  # a possessive names the same thing: Putin's regime
        for key in _keys(word):
            out.append((key, m.start(), m.end()))
    return out


# A registry name that is a determiner and common nouns only names something in the article it
# came from; in a new article "his unit" or "the authorities" are as likely someone else's.
_DESCRIPTIVE = re.compile(r"^(?:the|his|her|their|its|a|an|this|that|our|my)\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    printed: str
    ids: tuple[str, ...]  # several when two entities share the spelling


class NameIndex:
    """Every name, alias and transliteration of the registry, keyed by skeleton words and the
    skeletons of their normal forms."""

    def __init__(self, entities: Mapping[str, EntityBase]):
        self.entities = dict(entities)
        names: dict[tuple[frozenset[str], ...], set[str]] = {}
        for ent in self.entities.values():
            for name in ent.all_names():
                if _DESCRIPTIVE.match(name):
                    continue  # "his unit", "the war": one article's way of naming, another's is someone else's
                key = tuple(k for k, _, _ in _tokens(name))
                if key:
                    names.setdefault(key, set()).add(ent.id)
        self.by_first: dict[str, list[tuple[tuple[frozenset[str], ...], tuple[str, ...]]]] = {}
        for key, ids in names.items():
            for first in key[0]:
                self.by_first.setdefault(first, []).append((key, tuple(sorted(ids))))
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest match first

    def mentions(self, text: str) -> list[Mention]:
        """Registry names in the text, whole words only, longest first, never overlapping."""
        toks = _tokens(text)
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            found = None
            seen = set()
            entries = [e for k in toks[i][0] for e in self.by_first.get(k, ())]
            entries.sort(key=lambda e: -len(e[0]))
            for key, ids in entries:
                if (key, ids) in seen:
                    continue
                seen.add((key, ids))
                n = len(key)
                window = toks[i:i + n]
                if len(window) == n and all(t[0] & k for t, k in zip(window, key)):
                    if found is None or n > found[0]:
                        found = (n, ids)
                    elif n == found[0] and ids != found[1]:
                        found = (n, tuple(sorted(set(found[1]) | set(ids))))
                elif found is not None and n < found[0]:
                    break
            if found is None:
                i += 1
                continue
            n, ids = found
            start, end = toks[i][1], toks[i + n - 1][2]
            if n == 1 and i > 0 and self._namesake(text, toks[i - 1], start, ids):
                i += 1
                continue
            out.append(Mention(start, end, text[start:end], ids))
            # a word that folds to several keys must not be split between matches
            while i + n < len(toks) and toks[i + n][1] < end:
                n += 1
            i += n
        return out

    def _namesake(self, text: str, prev: tuple[frozenset[str], int, int], start: int, ids: tuple[str, ...]) -> bool:
        """A registry person's surname printed after another given name or patronymic is someone
        else of that name: "Инна Кузьминова" is not Максим Кузьминов (his mother)."""
        if text[prev[2]:start].strip() or not all(self.entities[i].entity_type is EntityType.person for i in ids):
            return False
        word = text[prev[1]:prev[2]]
        if not given_name(word):
            return False
        for i in ids:
            for name in self.entities[i].all_names():
                first = _tokens(name)[:1]
                if len(_tokens(name)) > 1 and first and first[0][0] & prev[0]:
                    return False  # his own given name: "Максим Кузьминов" printed with an alias
        return True

    def type_of(self, entity_id: str) -> EntityType:
        return self.entities[entity_id].entity_type


@dataclass
class NewName:
    name: str
    section: str  # registry section it probably belongs in
    line: int
    count: int = 1
    id: str | None = None  # the slug proposed for it


# Capitals and small letters of the Latin and Cyrillic alphabets the articles are written in.
_UP = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐĄĆĘŁŃŚŹŻČŠŽ"
_LOW = "a-zß-öø-ÿа-яёіїєґąćęłńóśźżčšž"
_CAPWORD = rf"(?:[{_UP}][{_LOW}]{{0,2}}\.|[{_UP}][\w'\u2019.-]*[\w]|[{_UP}])"  # "Mr." and "Gen." keep their stop
_NAME_RUN = re.compile(rf"{_CAPWORD}(?:[ \t]+(?:(?:of|the|for|de|al|von|van|bin|and)[ \t]+)?{_CAPWORD})+")
_ACRONYM = re.compile(rf"(?<![\w-])[{_UP}]{{2,6}}(?![\w-])")
# A single capitalised word after a preposition of place is a place ("in Villajoyosa", "в Аликанте").
_PLACE_AFTER = re.compile(rf"(?<![^\W\d_])(?:in|from|near|в|во|из|под|у|з|із|під|до)\s+"
                          r"(?:(?:the\s+)?(?:town|city|village|province|region)\s+of\s+|(?:городе|місті|селе|провинции|провінції|"
                          r"области|області|регионе|регіоні)\s+(?:[^\W\d_]+\s+)?)?"
                          rf"(?P<name>[{_UP}][{_LOW}][\w-]+)(?![\w-])")
# A name printed in guillemets is usually an outlet or a programme: «Украинская правда», «Главком».
_GUILLEMETS = re.compile(rf"«(?P<name>[{_UP}][^»\n]{{1,40}})»")
_STOP_CAP = frozenset(
    "the a an in on at by for and but or if as it he she they we i this that these those his her their our "
    "mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
# Capitalised words that open a Russian or Ukrainian sentence without being part of a name
# ("Там Кузьминову заплатили", "При Кузьминове", "В РФ"): prepositions, pronouns, adverbs,
# conjunctions and particles, as printed at the start of a name run.
_STOP_CAP_CYRILLIC = frozenset(
    "в во на по при о об обо про у к ко с со из изо от до за под над перед для без через после между "
    "там тут здесь где когда как так также тоже и а но или же ли ещё еще уже вот это этот эта эти "
    "тот та те он она оно они его её ее их мы вы я ты что чтобы если хотя однако поэтому теперь "
    "ранее позднее затем потом тогда сейчас вместе напомним кроме "
    "з із зі від до за під над перед для без через після між там тут де коли як також теж і й та "
    "але або чи вже ось це цей ця ці той ті він вона воно вони його її їх ми ви що щоб якщо хоча "
    "однак тому тепер раніше пізніше потім тоді зараз разом нагадаємо крім".split()
)
# Words before a name that say what it names: "газета El Periodico", "издание «Главком»".
_ORG_CUE = re.compile(r"(?<![^\W\d_])(?:газет\w*|издани\w*|видання|агентств\w*|агенці\w*|телеканал\w*|радио|радіо|"
                      r"портал\w*|журнал\w*|сайт\w*|newspaper|outlet|daily|agency|broadcaster|channel|magazine|"
                      r"tabloid|paper)\s+$", re.I)
# Dictionary forms of Russian and Ukrainian nouns that head the name of a body.
_ORG_LEMMAS = frozenset(
    "правительство министерство минобороны управление служба спецслужба агентство полиция гвардия совет "
    "комитет суд прокуратура разведка партия ведомство штаб командование администрация офис фонд центр "
    "уряд міністерство міноборони управління служба спецслужба агентство поліція гвардія рада комітет "
    "прокуратура розвідка партія відомство командування адміністрація офіс фонд центр".split()
)
# A name right after such a noun, however it is written: "видання elPeriódico", "агентство
# Интерфакс", "газета El Periodico" (one word or a run of capitalised ones).
_CUED_NAME = re.compile(rf"(?<![^\W\d_])(?:[Гг]азет[аыеу]|[Ии]здани[еяю]|[Вв]идання|[Аа]гентств[оау]|[Аа]генці[яії]|"
                        rf"[Тт]елеканал[аеу]?|[Пп]ортал[аеу]?|[Жж]урнал[аеу]?|newspaper|outlet|agency|broadcaster|magazine)\s+"
                        rf"(?P<name>(?:[{_UP}]|[a-z]{{1,3}}(?=[A-Z]))[\w'\u2019.-]*[\w](?:[ \t]+[{_UP}][\w'\u2019.-]*[\w])*)")
# A body named by its common noun and the country or place it belongs to: "полиция Испании",
# "уряд Іспанії", "суд Вильяхойосы" (lower-case, so no name run finds them).
_BODY_OF = re.compile(rf"(?<![^\W\d_])(?P<name>(?:полици[яиюей]|правительств[оау]|министерств[оау]|гражданск\w+ гварди\w+|"
                      rf"гварди[яиюей]|спецслужб\w*|прокуратур\w+|суд[аеу]?|поліці[яїюєі]|уряд[уі]?|міністерств[оау]|"
                      rf"цивільн\w+ гварді\w+|гварді[яїю]|спецслужб\w*|прокуратур\w+)\s+[{_UP}][{_LOW}][\w-]+)(?![\w-])")
# ... or by an adjective and that noun: "Испанская полиция", "Цивільна гвардія", "Верховный суд".
_ADJ_BODY = re.compile(rf"(?<![\w-])(?P<name>[{_UP}][{_LOW}]+(?:ая|ый|ий|ой|ое|ые|а|е|і)\s+(?:гварди[яиюей]|гварді[яїю]|"
                       rf"полици[яиюей]|поліці[яїю]|прокуратур[аыиу]|разведк[аиу]|розвідк[аиу]|спецслужб[ыи]|служб[аыиу]|"
                       rf"суд[аеу]?|рад[аиу]|совет[аеу]?))(?![\w-])")
# Acronyms of states, as the press prints them: a place, not an organization.
_STATE_ACRONYMS = frozenset("РФ США ФРГ КНР КНДР ОАЭ СССР РБ US USA UK UAE PRC DPRK USSR".split())
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")

_ORG_WORDS = frozenset("ministry directorate agency council committee party service government parliament "
                       "office bureau department commission project foundation institute news times post "
                       "independent union guard company".split())
_UNIT_WORDS = frozenset("army brigade regiment division district corps battalion squadron forces fleet "
                        "force command group".split())
_PLACE_WORDS = frozenset("region oblast city republic province district island river east west north south".split())


def _guess_section(words: list[str]) -> str:
    last = words[-1].casefold()
    if any(w.casefold() in _UNIT_WORDS for w in words):
        return "units"
    if last in _ORG_WORDS or any(w.casefold() in _ORG_WORDS for w in words):
        return "organizations"
    if any(word_forms(w) & _ORG_LEMMAS for w in words if _CYRILLIC_LETTER.search(w)):
        return "organizations"  # "Правительству Испании", "Уряд Іспанії"
    if last in _PLACE_WORDS:
        return "places"
    return "persons"


def new_names(text: str, mentions: list[Mention], first_line_end: int, line_of: "Lines | None" = None,
              language: str | None = None, types: Mapping[str, EntityType] | None = None) -> list[NewName]:
    """Capitalised multi-word names and acronyms the registry does not know, with a section guess;
    Russian and Ukrainian names in the nominative (lemmas.nominative), as a registry writes them.
    `types` (registry id -> type) lets a run that ends in a known person lose that person: in
    "ГУР Минобороны Украины Андрей Юсов" only the words before Юсов could be a new name."""
    starts = [m.start for m in mentions]  # mentions are sorted and never overlap
    line_of = line_of or Lines(text)
    found: dict[str, NewName] = {}
    cyrillic_text = len(_CYRILLIC_LETTER.findall(text)) > len(_LATIN.findall(text))

    def overlapping(a: int, b: int) -> list[Mention]:
        i = max(bisect.bisect_right(starts, a) - 1, 0)
        out = []
        while i < len(mentions) and mentions[i].start < b:
            if mentions[i].end > a:
                out.append(mentions[i])
            i += 1
        return out

    def section_of(words: list[str], a: int, titled: bool) -> str:
        if titled:
            return "persons"
        if len(words) > 1 and _CYRILLIC_LETTER.search(words[0]) and _ACRONYM.fullmatch(words[0]):
            return "organizations"  # "ИА Регнум", "ГУР Минобороны": an acronym heads a body's name
        if _ORG_CUE.search(text[max(0, a - 30):a]):
            return "organizations"  # "газета El Periodico", "the newspaper Novaya Gazeta"
        if cyrillic_text and all(_LATIN.search(w) and not _CYRILLIC_LETTER.search(w) for w in words):
            # a Russian or Ukrainian article writes a person's or a place's name in Cyrillic; a
            # name left in Latin letters is an outlet, agency or company (El Mundo, EFE, Reuters)
            return "organizations"
        return "organizations" if len(words) == 1 else _guess_section(words)

    def known(a: int, b: int) -> bool:  # wholly a registry name
        i = bisect.bisect_right(starts, a) - 1
        return 0 <= i < len(mentions) and mentions[i].start <= a and b <= mentions[i].end

    runs: list[tuple[int, int, str]] = []  # the spans of the names taken (and their keys): an acronym inside one is not another
    for m in list(_NAME_RUN.finditer(text, first_line_end)) + list(_ACRONYM.finditer(text, first_line_end)):
        if m.re is _ACRONYM and any(a <= m.start() and m.end() <= b for a, b, _k in runs):
            continue  # "ИА" of "ИА Регнум"
        words = m.group().split()
        # an adjective before a lower-case noun is no part of a name ("Latvia-based Russian newspaper")
        nxt = text[m.end():m.end() + 2]
        while words and re.search(r"(?:ian|ean|ese|ish|ic|an)$", words[-1]) and re.match(r" [a-z]", nxt):
            words, nxt = words[:-1], " x"
        while words and words[-1].casefold() in _STOP_CAP | {"of", "for", "de", "al", "von", "van", "bin"}:
            words = words[:-1]
        titled = False
        cued = False  # "Видання El Pais", "Газета Коммерсантъ": the noun says what the name is
        while len(words) > 1 and _ORG_CUE.search(words[0] + " "):
            cued, words = True, words[1:]
        while words and (words[0].casefold().rstrip(".") in _STOP_CAP | _STOP_CAP_CYRILLIC
                         or re.search(r"['\u2019]s$", words[0])):
            titled = titled or words[0].casefold().rstrip(".") in ("mr", "mrs", "ms", "dr")
            words = words[1:]
        a = m.start() + m.group().find(words[0]) if words else m.end()
        if not words or known(a, m.end()):
            continue
        if types:
            inside = overlapping(a, m.end())
            if inside and inside[0].start <= a and types.get(inside[0].ids[0]) in (EntityType.organization, EntityType.unit) \
                    and len(text[inside[0].end:m.end()].split()) == 1:
                runs.append((a, m.end(), ""))  # nor is its acronym ("МО") one
                continue  # "ГУР МО": a known body and one qualifier after it (its ministry), not a new name
            # a known person inside the run: what precedes them is their post or body, not a new
            # name, unless it is a name of its own of two words or more the registry lacks
            person = next((x for x in inside if types.get(x.ids[0]) is EntityType.person), None)
            if person is not None:
                free = [w for w in re.finditer(r"\S+", text[a:person.start])
                        if not any(x.start <= a + w.start() < x.end for x in inside)]
                words = [w.group() for w in free]
                if len(words) < 2 or any(x.start < person.start for x in inside):
                    continue
        if all(w.casefold().rstrip(".") in _STOP_CAP for w in words):
            continue
        if len(words) == 1 and not (_ACRONYM.fullmatch(words[0]) or titled):
            continue
        section = "places" if len(words) == 1 and words[0] in _STATE_ACRONYMS else \
            "organizations" if cued else section_of(words, a, titled)
        name = " ".join(nominative(words, section, language))
        key = skeleton(name)
        runs.append((a, m.end(), key))
        if key in found:
            found[key].count += 1
            continue
        found[key] = NewName(name, section, line_of(a))
    for pattern, section in ((_PLACE_AFTER, "places"), (_GUILLEMETS, "organizations"), (_CUED_NAME, "organizations"),
                             (_BODY_OF, "organizations"), (_ADJ_BODY, "organizations")):
        for m in pattern.finditer(text, first_line_end):
            name = m.group("name").strip()
            a, b = m.start("name"), m.end("name")
            if known(a, b) or name.casefold() in _STOP_CAP or name.casefold() in MONTHS or re.search(r"(?:ian|ean|ese|ish)$", name):
                continue
            if pattern is _CUED_NAME and len(name.split()) == 1 and adjective(name, language):
                # "издания Украинская правда", "газета Новая газета": an adjective and its noun
                noun = re.match(rf"\s+([{_LOW}][{_LOW}-]+)", text[b:])
                if noun:
                    b = b + noun.end()
                    name = text[a:b]
            if pattern is _ADJ_BODY and (name.split()[0].casefold() in _STOP_CAP_CYRILLIC or not adjective(name.split()[0], language)):
                continue  # "Позднее полиция": an adverb, not the body's adjective
            holder = next((key for x, y, key in runs if x < b and a < y and key in found), None)
            if holder is not None and pattern in (_CUED_NAME, _BODY_OF, _ADJ_BODY):
                # a name run took it already ("газета El Periodico"): the noun before it says its kind
                found[holder].section = "organizations"
                continue
            name = " ".join(nominative(name.split(), section, language))
            same = next((n for n in found.values() if _same_name(n.name, name)), None)
            if same:
                same.count += 1
                continue
            found[skeleton(name)] = NewName(name, section, line_of(a))
    out = sorted(found.values(), key=lambda n: n.line)
    for n in out:
        n.id = slug_id(n.name)
    return out


def _same_name(a: str, b: str) -> bool:
    """Two printed names of one thing: the same skeleton, or inflected forms of one word."""
    if skeleton(a) == skeleton(b):
        return True
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(word_forms(x) & word_forms(y) for x, y in zip(wa, wb))


def slug_id(stem: str) -> str | None:
    """A document id from a file name stem: ASCII, lower case, single '-' or '_' between words."""
    from anyascii import anyascii

    s = re.sub(r"['\u2019\u02bc\u02b9`]", "", anyascii(unicodedata.normalize("NFKC", stem))).casefold()
    s = re.sub(r"[^a-z0-9_]+", "-", s)
    s = re.sub(r"[-_]*([-_])[-_]*", r"\1", s).strip("-_")
    s = s[:MAX_ID].strip("-_")
    return s if s and SLUG_RE.match(s) else None



_SECTION_MODELS = {"persons": "Person", "organizations": "Organization", "units": "MilitaryUnit", "places": "Place"}


def provisional_entities(names: list[NewName], known: Mapping[str, EntityBase]) -> dict[str, EntityBase]:
    """The names the registry lacks as entries of their guessed section (kind `other`), so the
    draft can find them in the text and propose claims about them; never an id already taken."""
    from ...schema import models

    out: dict[str, EntityBase] = {}
    for n in names:
        if not n.id or n.id in known or n.id in out or n.section not in _SECTION_MODELS:
            continue
        model = getattr(models, _SECTION_MODELS[n.section])
        extra = {} if n.section == "persons" else {"kind": "other"}
        try:
            out[n.id] = model(id=n.id, name=n.name, **extra)
        except ValueError:  # a name the models refuse (too long, invisible characters): listed only
            continue
    return out
