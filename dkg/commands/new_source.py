"""dkg new-source: a draft source file from an article's text, for a curator to edit.

The work is in dkg.loaders.draft; this module reads the text, writes the draft without ever
replacing a file it was not told to (exit 2 and a message instead), and checks that what it
wrote is a source file `dkg validate` accepts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import add_data


def register(sub) -> None:
    p = sub.add_parser(
        "new-source",
        help="write a draft source file from an article's text (registry names, candidate claims, figures)",
        description="Read TEXT_FILE and write a draft data/sources/<id>.yaml: the document record (live), and as "
        "comments the registry entities the text names, candidate claims with their quotes, speakers and parsed "
        "figures, and names the registry lacks. Never replaces an existing file unless --force is given.",
    )
    p.add_argument("text_file", metavar="TEXT_FILE", help="the article as UTF-8 text; its first line is the title")
    add_data(p)
    p.add_argument("-o", "--output", help="where to write the draft (default: DATA/sources/<id>.yaml; '-' for stdout)")
    p.add_argument("--id", dest="doc_id", help="the document id (default: the file name's stem, slugified)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.set_defaults(func=cmd_new_source)


def _shown(text: str) -> str:
    """A path or name safe to print: invisible and control characters escaped."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def cmd_new_source(args) -> int:
    from dkg.loaders import draft
    from dkg.schema.errors import UnusableInput
    from dkg.schema.models import SLUG_RE, SourceFile

    src = Path(args.text_file)
    name = _shown(str(src))
    try:
        if not src.is_file():
            raise UnusableInput(f"{name}: no such file")
        if src.stat().st_size > draft.MAX_BYTES:
            raise UnusableInput(f"{name}: {src.stat().st_size / 1e6:.1f} MB is too large for an article (at most {draft.MAX_BYTES // 2**20} MB)")
        data = src.read_bytes()
    except OSError as exc:
        raise UnusableInput(f"{name}: cannot read: {exc.strerror}") from None
    text = draft.decode_text(data, name)
    if args.doc_id is not None and not SLUG_RE.match(args.doc_id):
        raise UnusableInput(f"--id {_shown(args.doc_id)!r} is not a valid id: use lower-case letters, digits and single '-' or '_'")

    data_dir = Path(args.data)
    if not data_dir.is_dir():
        raise UnusableInput(f"{_shown(str(data_dir))}: no such data directory (give --data)")
    entities, problems = draft.known_entities(data_dir)
    if problems:
        print(f"dkg new-source: {data_dir} has {problems} problem(s) (see `dkg validate`); matching names against the entries that are valid",
              file=sys.stderr)
    result = draft.make_draft(text, src.name, entities, args.doc_id)
    doc_id = result.document["id"]
    out = Path(args.output) if args.output and args.output != "-" else data_dir / "sources" / f"{doc_id}.yaml"
    if args.output != "-" and out.exists() and not args.force:
        raise UnusableInput(f"{_shown(str(out))} exists; not replacing it (give -o PATH for another file, or --force)")
    if doc_id in entities and args.output != "-":
        existing = entities[doc_id]
        target = Path(args.output) if args.output else data_dir / "sources" / f"{doc_id}.yaml"
        if not (args.force and target.exists()):
            raise UnusableInput(
                f"the id {doc_id!r} already names a {existing.entity_type.value} in {data_dir}; "
                "give the new document another with --id"
            )
    rendered = draft.render(result, src.name)
    _self_check(rendered, SourceFile)

    if args.output == "-":
        sys.stdout.write(rendered)
        return 0
    out = Path(args.output) if args.output else data_dir / "sources" / f"{doc_id}.yaml"
    if out.exists() and not args.force:
        raise UnusableInput(f"{_shown(str(out))} exists; not replacing it (give -o PATH for another file, or --force)")
    if not out.parent.is_dir():
        raise UnusableInput(f"{_shown(str(out.parent))}: no such directory")
    _write(out, rendered, replace=args.force)
    found = len(result.mentions)
    print(
        f"wrote {_shown(str(out))}: document {doc_id}, {found} registry entit{'y' if found == 1 else 'ies'} named, "
        f"{len(result.candidates)} candidate claim(s), {len(result.new_names)} name(s) not in the registry",
        file=sys.stderr,
    )
    return 0


def _self_check(rendered: str, SourceFile) -> None:
    """The draft must parse to a document record alone, valid as written; anything else is our
    bug, and nothing is written. (libyaml when present: a long article's draft is megabytes of comments.)"""
    import yaml

    data = yaml.load(rendered, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or set(data) != {"document"}:
        raise RuntimeError("dkg new-source made a draft whose live YAML is not the document record alone")
    SourceFile.model_validate(data)


def _write(out: Path, text: str, replace: bool) -> None:
    """Write whole or not at all; without `replace`, never over a file that appeared meanwhile."""
    from dkg.schema.files import atomic_write

    try:
        atomic_write(out, text, replace=replace)
    except FileExistsError:
        from dkg.schema.errors import UnusableInput

        raise UnusableInput(f"{_shown(str(out))} exists; not replacing it (give -o PATH for another file, or --force)") from None
