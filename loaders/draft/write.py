"""The draft as YAML. Text from the article is data: every value is written with PyYAML's
emitter (never pasted into YAML), strings holding invisible or control characters are written
double-quoted with escapes (str.isprintable() refuses control, format, separator, private and
unassigned characters), and each dumped value is checked to be one line, so no article text can
end a comment and start live YAML.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

import yaml

from .claims import Candidate, properties_for
from .hedges import STANCE_KINDS
from .names import slug_id

if TYPE_CHECKING:
    from . import Draft


def _has_unsafe(value: Any) -> bool:
    if isinstance(value, str):
        return not value.isprintable()
    if isinstance(value, dict):
        return any(_has_unsafe(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_unsafe(v) for v in value)
    return False


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter when present: same output, faster
    """Strings with invisible or control characters go double-quoted (escaped when ASCII only)."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = '"' if not value.isprintable() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_field(key: str, value: Any) -> str:
    """`key: value` on one line, the value as PyYAML writes it (flow style; escaped ASCII when it
    holds invisible or control characters). Keys are our own identifiers, never article text."""
    assert re.fullmatch(r"[a-z_]+", key), key
    text = yaml.dump(value, Dumper=_Dumper, default_flow_style=True, allow_unicode=not _has_unsafe(value),
                     width=10**6, sort_keys=False)
    if text.endswith("\n...\n"):
        text = text[:-5]
    text = text.rstrip("\n")
    if not text.isprintable():  # a line break or an invisible character got through
        raise AssertionError(f"a draft field did not fit one line: {key}")  # the emitter broke our rule
    return f"{key}: {text}"


def _note(text: str) -> str:
    """A comment's text: one line, invisible and control characters escaped (it may quote the
    article), so nothing in it can end the comment."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in " ".join(text.split()))


def claim_ref(doc_id: str, n: int) -> str:
    """The `ref` handle of proposal n of a document, for the stances that point at it."""
    return f"{doc_id}-p{n}"


def _refs(c: Candidate) -> list[str]:
    out = [c.subject, c.speaker, c.on_behalf_of]
    if c.value and "entity" in c.value:
        out.append(c.value["entity"])
    return [r for r in out if r]


def is_complete(c: Candidate) -> bool:
    """A candidate with a subject, a property and a value: a claim as the format writes one."""
    return bool(c.subject and c.property and c.value is not None)


def live_candidates(draft: Draft, known: set[str], demoted: set[int] = frozenset()) -> list[int]:
    """Numbers (1-based) of the candidates written as live proposals: complete, and every id
    they use is `known` (the registry, and the new entries written beside the draft)."""
    return [n for n, c in enumerate(draft.candidates, 1)
            if n not in demoted and is_complete(c) and all(r in known for r in _refs(c))]


def render(draft: Draft, source_name: str, live: Iterable[int] = ()) -> str:
    """The draft file: the document record and the `live` candidates as proposed claims (and
    the stances they state), then commented: the registry entities the text names, the other
    candidates, and the names the registry lacks."""
    d = draft
    live = set(live)
    doc_id = d.document["id"]
    out: list[str] = [
        f"# Draft written by `dkg new-source` from the text {dump_field('file', source_name)[6:]}.",
        "# Every claim below is a proposal (`proposed: true`), read off the sentence on the line it names:",
        "# check subject, property, value, speaker and quote against the article, fix or delete it, and",
        "# remove `proposed: true` when it is right; `dkg validate` warns while any remain. Commented",
        "# below: the registry entities the text names, candidates the draft could not complete (uncomment",
        "# and complete them) and names the registry lacks. Quotes are verbatim with white space collapsed.",
    ]
    if d.controls:
        out.append(f"# The text held {d.controls} control character(s); they were read as spaces.")
    out.append("document:")
    for key, value in d.document.items():
        line = "  " + dump_field(key, value)
        if key in d.notes:
            line += "  # " + _note(d.notes[key])
        out.append(line)
    index = d.index

    stances: list[str] = []
    if live:
        out.append("claims:")
    for n, c in enumerate(d.candidates, 1):
        if n not in live:
            continue
        out += _claim_lines(c, n, index, "", ref=claim_ref(doc_id, n) if c.stance in STANCE_KINDS else None)
        if c.stance in STANCE_KINDS:
            stances += ['  - "on": ' + dump_field("x", claim_ref(doc_id, n))[3:],  # quoted: YAML 1.1 reads on as true
                        "    " + dump_field("stance", STANCE_KINDS[c.stance].value) + "  # " + _note(f"from {c.stance_words!r}, line {c.line}")]
            if c.speaker:
                stances.append("    " + dump_field("speaker", c.speaker))
            if c.on_behalf_of:
                stances.append("    " + dump_field("on_behalf_of", c.on_behalf_of))
            stances += ["    " + dump_field("quote", c.quote), "    proposed: true"]
    if stances:
        out += ["stances:"] + stances

    out += ["", "# ---------------------------------------------------------------- registry entities named",
            "# id  (type): as printed, times named"]
    if not d.mentions:
        out.append("#   (none: the registry knows no name in this text)")
    for ent_id in sorted(d.mentions, key=lambda i: (d.mention_lines[i], i)):
        forms = ", ".join(dump_field("x", f)[3:] for f in d.mentions[ent_id][:4])
        out.append(f"#   {ent_id}  ({index.type_of(ent_id).value}): {forms}, x{d.counts[ent_id]}")

    out += ["", "# ---------------------------------------------------------------- candidate claims",
            "# claims:"]
    for n, c in enumerate(d.candidates, 1):
        if n not in live:
            out += _claim_lines(c, n, index, "# ")

    out += ["", "# ---------------------------------------------------------------- names not in the registry",
            "# Candidate registry entries (section guessed; look each up with `dkg find` first):"]
    if not d.new_names:
        out.append("#   (none)")
    for nn in d.new_names:
        sid = nn.id or slug_id(nn.name) or "choose-an-id"
        entry = {"id": sid.replace("_", "-"), "name": nn.name}
        out.append(f"#   {nn.section}: " + dump_field("x", entry)[3:] + f"  # line {nn.line}, x{nn.count}")
    return "\n".join(out) + "\n"


def _claim_lines(c: Candidate, n: int, index, prefix: str, ref: str | None = None) -> list[str]:
    """One candidate as YAML lines under `claims:`, live (prefix '') or commented ('# ')."""
    out = []
    why = f"[{n}] line {c.line}: {c.why}"
    if c.trigger:
        why += f"; property from {c.trigger!r}"
    out.append(f"{prefix}  # " + _note(why))
    etype = index.type_of(c.subject) if c.subject and c.subject in index.entities else None
    note = c.subject_note or (f"guessed; also named: {', '.join(c.others[:6])}" if c.others else "guessed" if c.subject else "no registry entity in the sentence")
    out.append(f"{prefix}  - " + dump_field("subject", c.subject) + "  # " + _note(note))
    if ref:
        out.append(f"{prefix}    " + dump_field("ref", ref))
    if c.property:
        out.append(f"{prefix}    " + dump_field("property", c.property))
    else:
        props = properties_for(etype, bool(c.figures))
        out.append(f"{prefix}    property: ~  # " + (f"a {etype.value} takes" if etype else "one of") + ": " + ", ".join(props[:14])
                   + (", ..." if len(props) > 14 else ""))
    if c.value is not None:
        line = f"{prefix}    " + dump_field("value", c.value)
        if c.date_note:
            line += "  # " + _note(c.date_note)
        out.append(line)
        if c.printed:
            out.append(f"{prefix}    " + dump_field("printed", c.printed))
        out += [_other_figure(prefix, g) for g in c.figures[:3] if g.value != c.value]
    elif c.figures:
        f = c.figures[0]
        out.append(f"{prefix}    " + dump_field("value", f.value))
        out.append(f"{prefix}    " + dump_field("printed", _printed(f)))
        out += [_other_figure(prefix, g) for g in c.figures[1:4]]
    else:
        out.append(f"{prefix}    value: ~  # {{entity: id}}, {{text: ...}}, {{date: YYYY-MM-DD}} or a figure")
    if c.speaker:
        line = f"{prefix}    " + dump_field("speaker", c.speaker)
        if c.speaker_note:
            line += "  # " + _note(c.speaker_note)
        out.append(line)
    if c.on_behalf_of:
        out.append(f"{prefix}    " + dump_field("on_behalf_of", c.on_behalf_of))
    if c.hedges:
        out.append(f"{prefix}    " + dump_field("hedges", list(c.hedges)) + "  # " + _note("from " + ", ".join(repr(w) for w in c.hedge_words)))
    if c.stance and c.stance not in STANCE_KINDS:
        out.append(f"{prefix}    # stance: {c.stance.replace('_', ' ')} ({_note(repr(c.stance_words))}): the vocabulary has no kind for it; say it in remarks")
    elif c.stance and prefix:
        out.append(f"{prefix}    # stance: {STANCE_KINDS[c.stance].value} ({_note(repr(c.stance_words))})")
    out.append(f"{prefix}    " + dump_field("quote", c.quote))
    out.append(f"{prefix}    proposed: true")
    return out


_SECTION_OF = {"person": "persons", "organization": "organizations", "unit": "units", "place": "places"}


def render_registry(draft: Draft, ids: Iterable[str]) -> str:
    """A registry file with the new entities the live proposals use: each read off the text,
    its section and kind guessed, each line saying so for the curator to check."""
    names = {n.id: n for n in draft.new_names}
    out = [
        f"# Registry entries proposed by `dkg new-source` for the document {_note(draft.document['id'])}: names the",
        "# registry lacked, as printed (an inflected form stays as found), section and kind guessed.",
        "# Look each up with `dkg find` first; fix name, section and kind, add aliases and a description.",
    ]
    by_section: dict[str, list[str]] = {}
    for ent_id in sorted(ids):
        ent = draft.provisional[ent_id]
        by_section.setdefault(_SECTION_OF[ent.entity_type.value], []).append(ent_id)
    for section, members in by_section.items():
        out.append(f"{section}:")
        for ent_id in members:
            ent, n = draft.provisional[ent_id], names.get(ent_id)
            out.append("  - " + dump_field("id", ent_id) + (f"  # proposed: line {n.line}, x{n.count}" if n else "  # proposed"))
            out.append("    " + dump_field("name", ent.name))
            if getattr(ent, "kind", None) is not None:
                out.append("    " + dump_field("kind", ent.kind.value) + "  # guessed: choose the kind")
    return "\n".join(out) + "\n"


def _printed(figure) -> str:
    return " ".join(figure.printed.split())


def _other_figure(prefix: str, figure) -> str:
    """Another figure the sentence prints, offered as a comment beside the one proposed."""
    return f"{prefix}    # or " + dump_field("value", figure.value) + "  " + dump_field("printed", _printed(figure))
