"""dkg new-source: a draft source file from an article's text, for a curator to edit.

The work is in dkg.loaders.draft; this module reads the text, writes the draft without ever
replacing a file it was not told to (exit 2 and a message instead), and makes the promise of
docs/tutorial.md true: a fresh draft validates as written. Before anything is written, the draft
(and with --into the registry entries it proposes) is validated in a scratch copy of the data
directory, SHACL included; a proposal the validator refuses is written commented out instead,
so what lands in data/ is a corpus `dkg validate` accepts, with warnings for the proposals.
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
    p.add_argument("--into", metavar="DATA", help="add the draft to this data directory in one step: DATA/sources/<id>.yaml and, for "
                   "the new entities its proposals use, DATA/registry/<id>.yaml (both or neither)")
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

    if args.into is not None:
        if args.output is not None:
            raise UnusableInput("give --into DATA or -o PATH, not both")
        args.data = args.into
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
    registry_out = data_dir / "registry" / f"{doc_id}.yaml" if args.into is not None else None
    if args.output != "-" and out.exists() and not args.force:
        raise UnusableInput(f"{_shown(str(out))} exists; not replacing it (give -o PATH for another file, or --force)")
    if registry_out is not None and registry_out.exists() and not args.force:
        raise UnusableInput(f"{_shown(str(registry_out))} exists; not replacing it (give --id for another document id, or --force)")
    if doc_id in entities and args.output != "-":
        existing = entities[doc_id]
        if not (args.force and out.exists()):
            raise UnusableInput(
                f"the id {doc_id!r} already names a {existing.entity_type.value} in {data_dir}; "
                "give the new document another with --id"
            )
    new_entries = set(result.provisional) if registry_out is not None else set()
    rendered, registry_text, live = _validated(result, src.name, data_dir, set(entities), new_entries, out, problems > 0)
    _self_check(rendered, SourceFile)

    if args.output == "-":
        sys.stdout.write(rendered)
        return 0
    if not out.parent.is_dir():
        raise UnusableInput(f"{_shown(str(out.parent))}: no such directory")
    if registry_text is not None:
        if not registry_out.parent.is_dir():
            raise UnusableInput(f"{_shown(str(registry_out.parent))}: no such directory")
        _write(registry_out, registry_text, replace=args.force)
        try:
            _write(out, rendered, replace=args.force)
        except BaseException:
            registry_out.unlink(missing_ok=True)  # both or neither
            raise
    else:
        _write(out, rendered, replace=args.force)
    found = len(result.mentions)
    print(
        f"wrote {_shown(str(out))}: document {doc_id}, {found} registry entit{'y' if found == 1 else 'ies'} named, "
        f"{len(live)} proposed claim(s) and {len(result.candidates) - len(live)} candidate(s) to complete, "
        f"{len(result.new_names)} name(s) not in the registry"
        + (f"; wrote {_shown(str(registry_out))}: {len(_used(result, live) & new_entries)} new entr(y/ies)" if registry_text else ""),
        file=sys.stderr,
    )
    if not live:
        print("dkg new-source: no proposal could be completed from the registry's entities; `dkg validate` asks for at least "
              "one claim: complete a commented candidate (or give --into to add the new entities it names)", file=sys.stderr)
    return 0


def _used(result, live) -> set[str]:
    """Ids the live proposals use."""
    out = set()
    for n in live:
        c = result.candidates[n - 1]
        out.update(r for r in (c.subject, c.speaker, c.on_behalf_of) if r)
        if c.value and "entity" in c.value:
            out.add(c.value["entity"])
    return out


def _validated(result, source_name, data_dir: Path, known: set[str], new_entries: set[str], out: Path, had_problems: bool):
    """(draft text, registry text or None, live proposal numbers) that validate in a scratch copy
    of `data_dir`: a proposal the validator refuses is demoted to a comment and the check run again."""
    import re
    import shutil
    import tempfile

    from dkg.graph.build import validate
    from dkg.loaders import draft
    from dkg.loaders.yamlsrc import MAX_YAML_BYTES
    from dkg.schema.errors import DataProblems, UnusableInput

    demoted: set[int] = set()
    for _attempt in range(4):
        live = draft.live_candidates(result, known | new_entries, demoted)
        entries = _used(result, live) & new_entries
        rendered = draft.render(result, source_name, live)
        registry_text = draft.render_registry(result, entries) if entries else None
        size = len(rendered.encode("utf-8"))
        if size > MAX_YAML_BYTES:
            raise UnusableInput(
                f"{_shown(source_name)}: its draft would be {size / 1048576:.1f} MB, more than a curated file may hold "
                f"({MAX_YAML_BYTES // 1048576} MB); an article is kilobytes: split the text into its articles")
        if had_problems:
            return rendered, registry_text, live  # the corpus has problems of its own: nothing to check against
        with tempfile.TemporaryDirectory(prefix="dkg-new-source-") as tmp:
            scratch = Path(tmp) / "data"
            shutil.copytree(data_dir, scratch, ignore=shutil.ignore_patterns(".*"))
            name = f"{result.document['id']}.yaml"
            (scratch / "sources").mkdir(exist_ok=True)
            target = scratch / "sources" / name
            if out.parent.resolve() == (data_dir / "sources").resolve():
                (scratch / "sources" / out.name).unlink(missing_ok=True)  # the file --force replaces
            target.write_text(rendered, encoding="utf-8")
            if registry_text:
                (scratch / "registry").mkdir(exist_ok=True)
                (scratch / "registry" / name).write_text(registry_text, encoding="utf-8")
            try:
                validate(scratch, shacl=bool(live))
                return rendered, registry_text, live
            except DataProblems as exc:
                ours = [p for p in exc.problems if Path(p.file).name == name]
                bad = set()
                live_order = sorted(live)
                stance_of = [n for n in live_order if result.candidates[n - 1].stance in draft.STANCE_KINDS]
                for p in ours:
                    m = re.match(r"(claims|stances)\[(\d+)\]", p.field or "")
                    if m and m.group(1) == "claims" and int(m.group(2)) < len(live_order):
                        bad.add(live_order[int(m.group(2))])
                    elif m and int(m.group(2)) < len(stance_of):
                        bad.add(stance_of[int(m.group(2))])
                others = [p for p in exc.problems if Path(p.file).name != name]
                if not bad:
                    if others and not ours:
                        return rendered, registry_text, live  # problems elsewhere in data/ are not the draft's
                    raise RuntimeError("dkg new-source made a draft `dkg validate` refuses:\n" + str(exc)) from None
                demoted |= bad
    raise RuntimeError("dkg new-source could not make a draft `dkg validate` accepts")


def _self_check(rendered: str, SourceFile) -> None:
    """The draft must parse to a source file whose every claim and stance is a proposal, valid as
    written; anything else is our bug, and nothing is written. (libyaml when present: a long article's draft is megabytes of comments.)"""
    import yaml

    data = yaml.load(rendered, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or "document" not in data or set(data) - {"document", "claims", "stances"}:
        raise RuntimeError("dkg new-source made a draft whose live YAML is not a source file")
    if any(not c.get("proposed") for c in [*(data.get("claims") or []), *(data.get("stances") or [])]):
        raise RuntimeError("dkg new-source made a draft with a claim not marked as a proposal")
    SourceFile.model_validate(data)


def _write(out: Path, text: str, replace: bool) -> None:
    """Write whole or not at all; without `replace`, never over a file that appeared meanwhile."""
    from dkg.schema.files import atomic_write

    try:
        atomic_write(out, text, replace=replace)
    except FileExistsError:
        from dkg.schema.errors import UnusableInput

        raise UnusableInput(f"{_shown(str(out))} exists; not replacing it (give -o PATH for another file, or --force)") from None
