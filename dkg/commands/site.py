"""dkg site: every entity, document and claim page as a static site, for readers without a
server (the same pages `dkg serve` shows under /id/, with relative links)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from . import Progress, add_out


MARK = ".dkg-site"  # marks a folder dkg site wrote, which the next run may replace


def register(sub) -> None:
    p = sub.add_parser("site", help="write a page for every entity, document and claim as a static site (HTML, relative links)")
    add_out(p)
    p.add_argument("-o", "--output", required=True, type=Path, help="folder to write: new, empty, or one dkg site wrote before (replaced whole, only once the new site is complete)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_site)


def cmd_site(args) -> int:
    from dkg.graph.build import store_path
    from dkg.graph.store import OxigraphStore
    from dkg.pages.site import write_site
    from dkg.schema.errors import UnusableInput

    if args.output.exists() and not args.output.is_dir():
        raise UnusableInput(f"{args.output}: exists and is not a folder")
    if args.output.is_dir() and any(args.output.iterdir()) and not (args.output / MARK).is_file():
        raise UnusableInput(f"{args.output}: holds files dkg site did not write; give a new or empty folder, or one dkg site wrote")
    store = OxigraphStore(store_path(args.out), read_only=True)
    started = time.perf_counter()
    # written beside the target and put in its place whole: a failure leaves the old site as it was
    args.output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{args.output.name}.", dir=args.output.parent))
    try:
        count = write_site(store, work, progress=Progress(args.quiet))
        (work / MARK).write_text("written by dkg site; the folder is replaced whole by the next run\n", encoding="utf-8")
        os.chmod(work, 0o755)
        old = None
        if args.output.exists():
            old = args.output.with_name(f".{args.output.name}.old-{os.getpid()}")
            args.output.rename(old)
        work.rename(args.output)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    print(f"Wrote {count} pages to {args.output} in {time.perf_counter() - started:.1f}s; open {args.output / 'index.html'}")
    return 0
