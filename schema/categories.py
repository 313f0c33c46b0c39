"""Closed categories for text values, with what implies what and what excludes what.

Free text that differs proves nothing ("shot dead", "killed by gunfire" and "murdered" say
compatible things), so a contradiction between text values needs a vocabulary that says which
values exclude each other. A property that names a scheme here (`categories=` in schema/vocab.py)
has its values read as categories: a printed wording is matched to a category by its name or one
of its wordings, folded; what matches none stays free text and is never a contradiction.

Two categories of one scheme are
- the same, or one implies the other (shot implies killed): they agree;
- exclusive: each implies a member of one exclusive set, and different members (killed and
  suicide; a captain and a major at one time);
- otherwise compatible (murdered and shot are both kinds of killed): they agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fold import fold


@dataclass(frozen=True)
class Category:
    name: str
    label: str
    implies: tuple[str, ...] = ()
    wordings: tuple[str, ...] = ()  # other ways a text prints it, matched folded


@dataclass(frozen=True)
class Scheme:
    name: str
    label: str
    members: tuple[Category, ...]
    exclusive: tuple[frozenset[str], ...]  # sets whose members exclude one another
    by_name: dict[str, Category] = field(init=False, repr=False, compare=False)
    by_wording: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_name", {c.name: c for c in self.members})
        words: dict[str, str] = {}
        for c in self.members:
            for w in (c.name, c.name.replace("_", " "), c.label, *c.wordings):
                words.setdefault(fold(w), c.name)
        object.__setattr__(self, "by_wording", words)

    def match(self, text: str) -> str | None:
        """The category a value's text names, or None (free text)."""
        return self.by_wording.get(fold(text))

    def closure(self, name: str) -> frozenset[str]:
        """The category and everything it implies."""
        seen, stack = set(), [name]
        while stack:
            n = stack.pop()
            if n not in seen:
                seen.add(n)
                stack.extend(self.by_name[n].implies)
        return frozenset(seen)

    def relation(self, a: str, b: str) -> tuple[str, str]:
        """("same" | "implies" | "compatible" | "exclusive", the words that say why)."""
        la, lb = self.by_name[a].label, self.by_name[b].label
        if a == b:
            return "same", f"both {la}"
        ca, cb = self.closure(a), self.closure(b)
        if b in ca or a in cb:
            inner, outer = (la, lb) if b in ca else (lb, la)
            return "implies", f"{inner} is a kind of {outer}"
        for group in self.exclusive:
            xa, xb = ca & group, cb & group
            if xa and xb and not (xa & xb):
                wa, wb = self.by_name[min(xa)].label, self.by_name[min(xb)].label
                how = f"{la} ({wa})" if wa != la else la
                how_b = f"{lb} ({wb})" if wb != lb else lb
                return "exclusive", f"{how} and {how_b} exclude each other"
        shared = sorted((ca & cb) - {"died"})
        common = f": both are kinds of {self.by_name[shared[0]].label}" if shared else ""
        return "compatible", f"{la} and {lb} can both hold{common}"


def _c(name, label, implies=(), *wordings):
    return Category(name, label, tuple(implies) if isinstance(implies, (list, tuple)) else (implies,), tuple(wordings))


DEATH = Scheme(
    "death",
    "cause or manner of death",
    (
        _c("died", "died (cause not given)", (), "dead", "death", "died", "passed away"),
        _c("killed", "killed by another", ["died"], "killed", "slain", "homicide", "killed on arrival"),
        _c("murdered", "murdered", ["killed"], "murder", "assassinated", "assassination", "contract killing"),
        _c("shot", "shot", ["killed"], "shot dead", "gunned down", "killed by gunfire", "gunshot", "gunshot wounds", "shot and killed", "bullet wounds"),
        _c("stabbed", "stabbed", ["killed"], "stabbed to death", "knife wounds"),
        _c("executed", "executed", ["killed"], "execution", "extrajudicial killing"),
        _c("poisoned", "poisoned", ["killed"], "poisoning"),
        _c("run_over", "run over by a vehicle", ["died"], "run over", "hit by a car"),
        _c("explosion", "killed in an explosion", ["died"], "blast", "bomb", "shelling"),
        _c("suicide", "suicide", ["died"], "took his own life", "took her own life", "killed himself", "killed herself"),
        _c("accident", "accident", ["died"], "accidental death", "crash"),
        _c("natural_causes", "natural causes", ["died"], "illness", "heart attack", "disease"),
    ),
    (frozenset({"killed", "suicide", "accident", "natural_causes"}),),
)

# Ranks as armed forces print them (Russian and Ukrainian ranks in English). A person holds one
# rank at a time: two ranks at one time exclude each other; at different times they differ.
_RANKS = [
    ("private", "private", "ryadovoy", "soldier"),
    ("corporal", "corporal", "yefreitor", "lance corporal"),
    ("junior_sergeant", "junior sergeant"),
    ("sergeant", "sergeant"),
    ("senior_sergeant", "senior sergeant", "staff sergeant"),
    ("sergeant_major", "sergeant major", "starshina"),
    ("warrant_officer", "warrant officer", "praporshchik", "ensign"),
    ("junior_lieutenant", "junior lieutenant"),
    ("lieutenant", "lieutenant", "first lieutenant"),
    ("senior_lieutenant", "senior lieutenant"),
    ("captain", "captain", "kapitan"),
    ("major", "major"),
    ("lieutenant_colonel", "lieutenant colonel", "lieutenant-colonel", "lt col"),
    ("colonel", "colonel"),
    ("major_general", "major general", "major-general"),
    ("lieutenant_general", "lieutenant general", "lieutenant-general"),
    ("colonel_general", "colonel general", "colonel-general"),
    ("general", "general of the army", "army general"),
    ("marshal", "marshal"),
]
RANK = Scheme(
    "rank",
    "military rank",
    tuple(_c(name, label, (), *rest) for name, label, *rest in _RANKS),
    (frozenset(name for name, *_ in _RANKS),),
)

# Official posts (the `post` property: a post and the body it belongs to). Within one body a
# person holds at most one of the posts of a ladder (head or deputy, not both); a single-holder
# post (the head of a body) is held by one person at a time.
POSTS = Scheme(
    "post",
    "official post",
    (
        _c("head_of_state", "head of state", ["head"], "president"),
        _c("head_of_government", "head of government", ["head"], "prime minister", "premier"),
        _c("minister", "minister", ["head"], "defence minister", "defense minister", "secretary of state"),
        _c("deputy_minister", "deputy minister", ["deputy"]),
        _c("head", "head", (), "chief", "director", "chairman", "chair", "leader"),
        _c("deputy", "deputy head", (), "deputy chief", "deputy director", "deputy chairman", "vice president"),
        _c("commander", "commander", ["head"], "commanding officer", "commander-in-chief"),
        _c("deputy_commander", "deputy commander", ["deputy"]),
        _c("secretary", "secretary", ["head"], "secretary of the security council"),
        _c("spokesperson", "spokesperson", (), "spokesman", "spokeswoman", "press secretary", "representative"),
        _c("member", "member"),
    ),
    (frozenset({"head", "deputy"}),),
)
SINGLE_HOLDER = frozenset({"head"})  # posts (by closure) that one person at a time holds in one body

SCHEMES: dict[str, Scheme] = {s.name: s for s in (DEATH, RANK, POSTS)}
