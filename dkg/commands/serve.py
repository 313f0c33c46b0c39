"""dkg serve (the read-only SPARQL endpoint) and dkg push (the built graph into a remote store)."""

from __future__ import annotations

import signal
import sys
import time

from . import Progress, add_out

WORKERS, THREADS = 2, 12  # dkg serve's query processes, and the queries each runs at once (docs/serving.md)


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the built graph as a read-only SPARQL 1.1 endpoint with a query page")
    add_out(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run before it is stopped (default: 30)")
    p.add_argument(
        "--queue-wait", type=float, default=None, metavar="SECONDS",
        help="seconds a query may wait for a free worker before it is refused (503 with Retry-After) "
        "(default: the --timeout); the --timeout starts once a worker takes the query",
    )
    p.add_argument("--max-rows", type=int, default=10000, help="rows returned at most per query (default: 10000)")
    p.add_argument(
        "--max-bytes", type=_mebibytes, default=None, metavar="MIB",
        help="largest answer sent, in MiB (default: 16); a bigger one is refused (503) before it is sent",
    )
    p.add_argument(
        "--worker-memory", type=_mebibytes, default=None, metavar="MIB",
        help="in MiB (default: 1024): the memory the queries running in one worker may take together, beyond the "
        "open store; a query that needs more is stopped (503) and its worker replaced",
    )
    p.add_argument(
        "--workers", type=int, default=WORKERS,
        help=f"query processes (default: {WORKERS}); a query that overruns its time or memory is stopped by killing its "
        "process, and the queries running beside it there are run again in another",
    )
    p.add_argument(
        "--threads", type=int, default=THREADS,
        help=f"queries each worker runs at once (default: {THREADS}); they share its store and cache, "
        "so short questions are not held up behind long ones",
    )
    p.add_argument(
        "--cors", action="append", metavar="ORIGIN",
        help="let web pages from ORIGIN (e.g. https://example.org) query this endpoint from a browser; repeatable. "
        "Other cross-origin requests are refused",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("push", help="load the built graph into a remote SPARQL 1.1 store, one named graph at a time")
    add_out(p)
    p.add_argument("--endpoint", required=True, help="SPARQL query endpoint URL")
    p.add_argument("--update-endpoint", help="SPARQL Update endpoint URL (default: the query endpoint)")
    p.add_argument("--gsp", help="Graph Store Protocol URL: replace each graph with one PUT instead of SPARQL Update")
    p.add_argument("--auth", help="user:password for the update/GSP endpoint (Basic or Digest, as the server asks)")
    p.add_argument("--batch-size", type=int, default=500, help="triples per INSERT DATA request (default: 500; Virtuoso refuses much over 1000)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds each request may take in all, its whole answer included (default: 60)")
    p.add_argument("--max-reply", type=float, default=64, metavar="MB", help="largest answer read from the store, in MB (default: 64)")
    p.add_argument("-q", "--quiet", action="store_true")
    p.set_defaults(func=cmd_push)


def _mebibytes(text: str) -> int:
    import argparse

    try:
        value = float(text)
    except ValueError:
        value = -1
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a positive number of MiB")
    return int(value * (1 << 20))


def _origin(value: str) -> str:
    from urllib.parse import urlsplit

    from dkg.schema.errors import UnusableInput

    parts = urlsplit(value.strip())
    try:
        parts.port
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise UnusableInput(f"--cors {value!r}: give an origin, scheme://host[:port], such as https://example.org")
    return f"{parts.scheme}://{parts.netloc}".lower()


def cmd_serve(args) -> int:
    import errno

    from dkg.graph.build import store_path
    from dkg.schema.errors import UnusableInput
    from dkg.server import SparqlServer
    from dkg.server.pool import MAX_BYTES, MEMORY_BYTES

    if args.timeout <= 0 or args.max_rows < 1 or args.workers < 1 or args.threads < 1 or (args.queue_wait is not None and args.queue_wait <= 0):
        raise UnusableInput("--timeout, --queue-wait, --max-rows, --workers and --threads must be positive")
    cors = tuple(_origin(o) for o in args.cors or ())
    store = store_path(args.out)  # a clear message now if there is no build yet
    max_bytes, memory = args.max_bytes or MAX_BYTES, args.worker_memory or MEMORY_BYTES
    try:
        server = SparqlServer((args.host, args.port), args.out, args.workers, args.timeout, args.max_rows, cors, max_bytes, memory, args.queue_wait, args.threads)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UnusableInput(f"port {args.port} is in use on {args.host} (another `dkg serve`?); stop it or choose another with --port") from None
        raise UnusableInput(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    except RuntimeError as exc:  # a worker could not open the build
        raise UnusableInput(str(exc)) from None
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    print(
        f"dkg serve: SPARQL endpoint http://{shown}:{port}/sparql, query page http://{shown}:{port}/\n"
        f"  store {store} (follows {args.out}/current as builds replace it); queries wait at most "
        f"{args.queue_wait or args.timeout:g} s for a worker, stop after {args.timeout:g} s of running "
        f"and return at most {args.max_rows} rows and {max_bytes / (1 << 20):g} MiB; {args.workers} worker(s) of "
        f"{args.threads} thread(s), {memory / (1 << 20):g} MiB for the queries of each"
        + (f"; cross-origin requests allowed from {', '.join(cors)}" if cors else "")
        + "; Ctrl-C stops",
        file=sys.stderr,
        flush=True,
    )
    if host not in ("127.0.0.1", "::1", "localhost"):
        print(f"dkg serve: warning: listening on {host}, reachable from other machines", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        replaced = server.pool.replaced
        print(f"dkg serve: stopped after {server.answered} answered queries"
              + (f"; {replaced} query worker(s) were replaced (a query over the time or memory limit, or a worker that died)" if replaced else ""),
              file=sys.stderr, flush=True)
    return 0


def cmd_push(args) -> int:
    from dkg.graph.build import store_path
    from dkg.graph.remote import RemoteStore, push
    from dkg.graph.store import OxigraphStore

    progress = Progress(args.quiet)
    local = OxigraphStore(store_path(args.out), read_only=True)
    remote = RemoteStore(
        args.endpoint,
        update_endpoint=args.update_endpoint,
        gsp_endpoint=args.gsp,
        auth=args.auth,
        timeout=args.timeout,
        max_reply=int(args.max_reply * 1024 * 1024),
        batch_size=args.batch_size,
    )
    started = time.perf_counter()
    report = push(local, remote, progress=progress)
    print(
        f"Pushed {report.triples:,} triples in {len(report.graphs)} named graphs to {args.endpoint} "
        f"in {time.perf_counter() - started:.1f}s ({report.requests} requests); "
        f"the store now holds {report.remote_triples:,} triples in dkg graphs"
        + (f"; dropped {len(report.dropped)} graph(s) no longer built" if report.dropped else "")
    )
    if report.remote_triples != report.triples:
        print(
            f"warning: the remote store holds {report.remote_triples:,} triples in dkg graphs, the build {report.triples:,}",
            file=sys.stderr,
        )
        return 1
    return 0
