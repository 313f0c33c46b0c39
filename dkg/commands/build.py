"""dkg build, dkg validate, dkg export, dkg vocab, dkg schema."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dkg.schema.text import for_terminal

from . import add_data, add_out


def _add_texts(p) -> None:
    p.add_argument(
        "--texts",
        default=os.environ.get("DKG_TEXTS") or None,
        metavar="DIR",
        help="folder of the article texts (each document names its own with `file:`): check every quote "
        "verbatim and record where it sits (default: $DKG_TEXTS; none: quotes are not checked)",
    )


def _quote_report(corpus) -> None:
    q = corpus.quotes
    if q is None:
        return
    print(f"quotes: {q.checked} quote(s), printed value(s) and time(s) found verbatim in their texts in {for_terminal(q.texts)}")
    if q.unchecked or q.missing:
        shown = ", ".join(q.missing[:8]) + (f" and {len(q.missing) - 8} more" if len(q.missing) > 8 else "")
        print(f"quotes: {q.unchecked} could not be checked: no text in {for_terminal(q.texts)} for {len(q.missing)} document(s): {for_terminal(shown)}")


def register(sub) -> None:
    p = sub.add_parser("build", help="validate the curated data, build the store and write the exports")
    add_data(p)
    add_out(p)
    p.add_argument("--no-shacl", action="store_true", help="skip the SHACL check (large synthetic corpora)")
    p.add_argument("--full", action="store_true", help="re-derive every source, even unchanged ones")
    _add_texts(p)
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="check models, references and SHACL shapes (exit 0 clean, 1 problems, 2 unusable)")
    add_data(p)
    p.add_argument("--no-shacl", action="store_true")
    _add_texts(p)
    p.add_argument("--shapes", metavar="SHAPES", help="with --data-graph: a SHACL shapes file (any RDF format, told by its extension)")
    p.add_argument(
        "--data-graph", metavar="FILE",
        help="check this RDF file (.ttl, .nt, .nq, .trig, .rdf, .jsonld) against --shapes instead of the curated data, "
        "and print the SHACL validation report in Turtle (exit 0 conforms, 1 does not, 2 could not run)",
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", help="write the built graph as Turtle, TriG, N-Quads or JSON-LD")
    add_out(p)
    p.add_argument("--format", "-f", default="ttl", help="ttl, trig, nq, jsonld (graphml and gexf: the networkx projection; csv: one row per claim appearance; claimreview: schema.org ClaimReview JSON-LD)")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("vocab", help="list the claim properties curators can use")
    p.add_argument("--wide", action="store_true", help="print every cell whole on one line instead of fitting the terminal")
    p.set_defaults(func=cmd_vocab)

    p = sub.add_parser("schema", help="regenerate schema/properties.ttl, schema/shapes.ttl, the projection's link query and the JSON Schemas for editors")
    p.add_argument("--check", action="store_true", help="exit 1 if the generated files are out of date")
    p.set_defaults(func=cmd_schema)


def cmd_build(args) -> int:
    from dkg.graph.build import build
    from dkg.graph.progress import Steps

    with Steps(quiet=args.quiet) as progress:  # bars on a terminal, step lines elsewhere
        report = build(args.data, args.out, shacl=not args.no_shacl, incremental=not args.full, texts=args.texts, progress=progress)
    print(f"Built {report.quads:,} quads in {report.graphs} named graphs in {report.seconds:.1f}s -> {for_terminal(Path(args.out) / 'current')}")
    if report.reused:
        print(f"Re-derived {len(report.rederived)} source document(s); reused {len(report.reused)} unchanged.")
    print()
    print("What the graph holds:")
    for name, n in sorted(report.per_type.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:>7,}  {name}")
    print()
    print("Claims per source document:")
    shown = report.per_document if len(report.per_document) <= 25 else sorted(report.per_document, key=lambda d: (-d[2], d[0]))[:20]
    for doc, title, n in shown:
        print(f"  {n:>5}  {for_terminal(doc)}  {for_terminal(title[:70])}")
    if len(shown) < len(report.per_document):
        print(f"  ... and {len(report.per_document) - len(shown):,} more documents (dkg reported-by DOC lists one)")
    if report.exports:
        print()
        print("Exports:")
        for path in report.exports:
            print(f"  {for_terminal(Path(args.out) / 'current' / path.relative_to(report.path))}")
    return 0


WARNINGS_SHOWN = 100  # a synthetic or bulk corpus may share thousands of surnames


def cmd_validate(args) -> int:
    if args.shapes or args.data_graph:
        return _validate_file(args)
    from dkg.graph.build import validate

    from dkg.graph.progress import Steps

    with Steps() as progress:
        corpus = validate(args.data, shacl=not args.no_shacl, texts=args.texts, progress=progress)
    apps = sum(len(c.appearances) for c in corpus.claims.values())
    for warning in corpus.warnings[:WARNINGS_SHOWN]:  # Problem prints itself escaped
        print(f"warning: {warning}", file=sys.stderr)
    if len(corpus.warnings) > WARNINGS_SHOWN:
        print(f"warning: ... and {len(corpus.warnings) - WARNINGS_SHOWN:,} more", file=sys.stderr)
    print(
        f"{for_terminal(args.data)}: clean: {len(corpus.entities)} entities, {len(corpus.source_documents)} source documents, "
        f"{len(corpus.claims)} claims in {apps} appearances" + (f"; {len(corpus.warnings)} warning(s) to look at" if corpus.warnings else "")
    )
    _quote_report(corpus)
    _proposals_report(corpus)
    return 0


def _validate_file(args) -> int:
    from dkg.graph.shacl import validate_file
    from dkg.schema.errors import UnusableInput

    if not (args.shapes and args.data_graph):
        raise UnusableInput("--shapes and --data-graph go together: the shapes file and the RDF file to check against it")
    conforms, report, engine = validate_file(args.data_graph, args.shapes)
    if engine != "sparql":
        print(f"dkg validate: checked with {for_terminal(engine)}", file=sys.stderr)
    sys.stdout.write(report)
    return 0 if conforms else 1


def _proposals_report(corpus) -> None:
    """A warning, not a problem: claims and stances `dkg new-source` proposed that no curator has
    reviewed yet (`proposed: true`), counted per document."""
    from collections import Counter

    per_doc = Counter(a.document for c in corpus.claims.values() for a in c.appearances if a.entry.proposed)
    per_doc.update(s.document for s in corpus.stances if s.entry.proposed)
    if per_doc:
        docs = ", ".join(f"{for_terminal(d)} ({n})" for d, n in sorted(per_doc.items()))
        print(f"warning: {sum(per_doc.values())} proposal(s) of `dkg new-source` not yet reviewed: {docs}; "
              "check each and remove its `proposed: true`", file=sys.stderr)


def cmd_export(args) -> int:
    from dkg.graph import export
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore

    fmt = args.format
    if fmt in ("graphml", "gexf"):
        from dkg.queries import graphview

        text = graphview.export_text(OxigraphStore(store_path(args.out), read_only=True), fmt)
    elif fmt in ("csv", "claimreview"):  # the claims for spreadsheets and fact-checking tools
        from dkg.queries import claimexport

        text = claimexport.export_text(OxigraphStore(store_path(args.out), read_only=True), fmt)
    else:
        from dkg.graph.build import QUADS, current

        export.check_format(fmt)
        store = OxigraphStore(store_path(args.out), read_only=True)
        nquads = current(args.out) / QUADS  # the build's canonical file: the same bytes, without reading the store
        nquads = nquads if nquads.is_file() else None
        if not args.output:  # streamed, never held whole
            sys.stdout.flush()
            export.write(store.raw, fmt, sys.stdout.buffer, nquads)
            return 0
        text = export.serialize(store.raw, fmt, nquads)  # bytes, written whole or not at all below
    if args.output:
        from dkg.schema.files import atomic_write

        atomic_write(args.output, text)
        print(f"wrote {for_terminal(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_vocab(args) -> int:
    """The claim properties as a table that fits the terminal (--wide: one line each)."""
    from dkg.printer import Printer, whole_cell
    from dkg.schema.vocab import PROPERTIES

    rows = []
    for name in sorted(PROPERTIES):
        p = PROPERTIES[name]
        subj = ", ".join(sorted(s.value for s in p.subjects)) if p.subjects else "any"
        vals = ", ".join(sorted(v.value for v in p.values))
        tgt = ", ".join(sorted(t.value for t in p.targets)) if p.targets else ""
        traits = [t for t, on in (("one value at a time", p.functional), ("changes over time", p.changes), ("as of the report when no time is printed", p.present),
                                  ("grows one a year", p.growth == "age"), ("a running total", p.cumulative), (f"categories: {p.categories}", bool(p.categories)),
                                  ("not after its report", p.happened), ("who did it", p.agency)) if on]
        rows.append([whole_cell(None, name), subj, vals, tgt, p.label + (f" ({'; '.join(traits)})" if traits else "")])
    Printer(wide=args.wide).table(["property", "subjects", "values", "value types", "meaning"], rows)
    print()
    print(_categories_text())
    return 0


def _categories_text() -> str:
    """The closed categories curators write for properties that declare a scheme, with what each
    implies, what excludes what, and the wordings each also accepts."""
    from dkg.schema.categories import SCHEMES
    from dkg.schema.vocab import PROPERTIES

    out = []
    for scheme in SCHEMES.values():
        used = ", ".join(sorted(p.name for p in PROPERTIES.values() if p.categories == scheme.name)) or "post (value: {post: ..., entity: ...})"
        out.append(f"{scheme.label} ({used}):")
        for c in scheme.members:
            implies = f" -> {', '.join(c.implies)}" if c.implies else ""
            words = f"  also: {', '.join(c.wordings)}" if c.wordings else ""
            out.append(f"  {c.name}{implies}{words}")
        for group in scheme.exclusive:
            if len(group) <= 6:
                out.append(f"  exclusive: {', '.join(sorted(group))}")
            else:
                out.append("  exclusive: any two of them at one time")
    return "\n".join(out)


def cmd_schema(args) -> int:
    from dkg.schema import generate

    if args.check:
        stale = generate.stale()
        if stale:
            print("out of date: " + ", ".join(stale) + " (run `dkg schema`)", file=sys.stderr)
            return 1
        print("generated files are up to date")
        return 0
    for path in generate.write():
        print(f"wrote {path}")
    return 0
