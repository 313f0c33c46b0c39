"""dkg site: every entity, document and claim page as a static site, for readers without a
server (the same pages `dkg serve` shows under /id/, with relative links)."""

from __future__ import annotations

import time
from pathlib import Path

from . import Progress, add_out


def register(sub) -> None:
    p = sub.add_parser("site", help="write a page for every entity, document and claim as a static site (HTML, relative links)")
    add_out(p)
    p.add_argument("-o", "--output", required=True, type=Path, help="folder to write (created; existing pages are overwritten)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_site)


def cmd_site(args) -> int:
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore
    from dkg.pages.site import write_site
    from dkg.schema.errors import UnusableInput

    if args.output.exists() and not args.output.is_dir():
        raise UnusableInput(f"{args.output}: exists and is not a folder")
    store = OxigraphStore(store_path(args.out), read_only=True)
    started = time.perf_counter()
    count = write_site(store, args.output, progress=Progress(args.quiet))
    print(f"Wrote {count} pages to {args.output} in {time.perf_counter() - started:.1f}s; open {args.output / 'index.html'}")
    return 0
