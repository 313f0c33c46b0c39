"""The draft as YAML. Text from the article is data: every value is written with PyYAML's
emitter (never pasted into YAML), strings holding invisible or control characters are written
double-quoted with escapes (str.isprintable() refuses control, format, separator, private and
unassigned characters), and each dumped value is checked to be one line, so no article text can
end a comment and start live YAML.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from .claims import properties_for
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


def _comment(line: str, prefix: str = "# ") -> str:
    return prefix + line


def render(draft: Draft, source_name: str) -> str:
    """The draft file: the live document record, then commented entities, candidates and names."""
    d = draft
    out: list[str] = [
        f"# Draft written by `dkg new-source` from the text {dump_field('file', source_name)[6:]}.",
        "# Only `document:` is live. Below it, commented out: the registry entities the text names,",
        "# candidate claims (one per sentence that attributes, quotes or prints a figure) and names",
        "# the registry lacks. Uncomment `claims:` and the candidates you keep (remove the leading '# '),",
        "# choose each one's property and value, check subject and speaker, delete the rest, then run",
        "# `dkg validate --texts DIR`. Quotes are verbatim with white space collapsed.",
    ]
    if d.controls:
        out.append(f"# The text held {d.controls} control character(s); they were read as spaces.")
    out.append("document:")
    for key, value in d.document.items():
        line = "  " + dump_field(key, value)
        if key in d.notes:
            line += "  # " + d.notes[key]
        out.append(line)
    index = d.index

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
        etype = index.type_of(c.subject) if c.subject else None
        props = properties_for(etype, bool(c.figures))
        out.append(f"#   # [{n}] line {c.line}: {c.why}")
        subj = "  - " + dump_field("subject", c.subject)
        subj += "  # " + (f"guessed; also named: {', '.join(c.others[:6])}" if c.others else "guessed" if c.subject else "no registry entity in the sentence")
        out.append(_comment(subj))
        out.append(_comment("    property: ~  # " + (f"a {etype.value} takes" if etype else "one of") + ": " + ", ".join(props[:14])
                            + (", ..." if len(props) > 14 else "")))
        if c.figures:
            f = c.figures[0]
            out.append(_comment("    " + dump_field("value", f.value)))
            out.append(_comment("    " + dump_field("printed", " ".join(f.printed.split()))))
            for g in c.figures[1:4]:
                out.append(_comment("    # or " + dump_field("value", g.value) + "  " + dump_field("printed", " ".join(g.printed.split()))))
        else:
            out.append(_comment("    value: ~  # {entity: id}, {text: ...}, {date: YYYY-MM-DD} or a figure"))
        if c.speaker:
            line = "    " + dump_field("speaker", c.speaker)
            if c.speaker_note:
                line += "  # " + c.speaker_note
            out.append(_comment(line))
        out.append(_comment("    " + dump_field("quote", c.quote)))

    out += ["", "# ---------------------------------------------------------------- names not in the registry",
            "# Candidate registry entries (section guessed; look each up with `dkg find` first):"]
    if not d.new_names:
        out.append("#   (none)")
    for nn in d.new_names:
        sid = slug_id(nn.name) or "choose-an-id"
        entry = {"id": sid.replace("_", "-"), "name": nn.name}
        out.append(f"#   {nn.section}: " + dump_field("x", entry)[3:] + f"  # line {nn.line}, x{nn.count}")
    return "\n".join(out) + "\n"

