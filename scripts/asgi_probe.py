"""Would `dkg serve` be faster on a maintained ASGI server? A measurement, not a second server.

    python scripts/asgi_probe.py OUT [--clients 50] [--requests 10] [--workers 4]

Issue 27 asks to measure the endpoint's HTTP layer (the standard library's ThreadingHTTPServer,
dkg/server/http.py) against a maintained ASGI server and move if that holds every guard and is
as fast or faster. This runs the same query path (the same WorkerPool: guard, time limit,
memory cap, native JSON answers) behind Starlette on uvicorn, with the Host and Origin checks
of http.py, and puts it beside `dkg serve` on the same request mix (dkg/server/load.py), one
after the other in one run, with the load average. It also sends the malformed requests the
hostile tests send (two Host headers, a bad or doubled Content-Length, a chunked body, a
client that stalls inside its headers) and prints what uvicorn answers to each, since those
are answered by uvicorn's HTTP parser before any application code runs.

Needs `pip install uvicorn starlette` (not a dependency of dkg: see docs/serving.md for the
figures and the decision).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path


def app_for(pool, server_port: int):
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from dkg.server.guard import Refused
    from dkg.server.http import LOOPBACK_NAMES, choose

    def check(request: Request) -> None:  # http.py's Host and Origin rules, as far as a probe needs
        hosts = request.headers.getlist("host")
        if len(hosts) != 1:
            raise Refused(400, "refused: send one Host header")
        host, _, port = hosts[0].rpartition(":")
        if host not in LOOPBACK_NAMES or port != str(server_port):
            raise Refused(421, "refused: Host is not this server's address")
        origin = request.headers.get("origin")
        if origin is not None and origin.rstrip("/").lower() != f"http://{hosts[0].lower()}":
            raise Refused(403, "cross-origin request refused")

    async def sparql(request: Request) -> Response:
        try:
            check(request)
            params = dict(urllib.parse.parse_qs(request.url.query))
            if request.method == "POST":
                if "transfer-encoding" in request.headers:
                    raise Refused(411, "send the body with a Content-Length, not chunked")
                body = (await request.body()).decode("utf-8")
                ctype = request.headers.get("content-type", "").split(";")[0].strip()
                if ctype == "application/x-www-form-urlencoded":
                    params.update(urllib.parse.parse_qs(body))
                elif ctype == "application/sparql-query":
                    params["query"] = [body]
                else:
                    raise Refused(415, "send application/sparql-query or application/x-www-form-urlencoded")
            queries = params.get("query") or []
            if len(queries) != 1:
                raise Refused(400, "pass exactly one SPARQL query in the `query` parameter")
            chosen = choose(request.headers.get("accept"), (params.get("format") or [None])[0])
            answer = await run_in_threadpool(pool.run, queries[0], (), (), chosen, f"http://{request.headers['host']}/sparql")
        except Refused as exc:
            return Response(exc.message + "\n", exc.status, media_type="text/plain")
        headers = {"X-DKG-Build": answer["build"], "X-Content-Type-Options": "nosniff"}
        return Response(answer["body"], 200, headers=headers, media_type=answer["media"] + "; charset=utf-8")

    return Starlette(routes=[Route("/sparql", sparql, methods=["GET", "POST"])])


def serve_probe(out: Path, workers: int) -> None:
    """Serve the probe in this process until stopped (the measuring side runs it as a child,
    so its clients do not share the probe's interpreter)."""
    import uvicorn

    from dkg.server.pool import WorkerPool

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    pool = WorkerPool(out, workers, 60, 10000)
    config = uvicorn.Config(app_for(pool, port), log_level="warning", timeout_keep_alive=60, backlog=256)
    print(f"SPARQL endpoint http://127.0.0.1:{port}/sparql", file=sys.stderr, flush=True)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        pool.close()


@contextlib.contextmanager
def probe_serving(out: Path, workers: int):
    from dkg.server.launch import stop

    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(out), "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stderr:
            if "SPARQL endpoint" in line:
                break
        else:
            raise RuntimeError("the probe did not start")
        threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
        yield line.split()[-1].rsplit("/", 1)[0], proc
    finally:
        stop(proc)


def raw(port: int, data: bytes, wait: float = 3.0) -> str:
    """The first line uvicorn answers to these bytes (or what happened instead)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        try:
            reply = s.recv(4096).decode("latin-1")
        except socket.timeout:
            return f"no answer within {wait:g} s, connection still open"
    return reply.split("\r\n", 1)[0] if reply else "connection closed, no answer"


def hostile(base: str) -> dict:
    port = int(base.rsplit(":", 1)[1])
    host = f"Host: 127.0.0.1:{port}\r\n".encode()
    q = b"query=ASK%7B%7D"
    return {
        "two Host headers": raw(port, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n" + host + b"Host: evil.example\r\n\r\n"),
        "Content-Length: abc": raw(port, b"POST /sparql HTTP/1.1\r\n" + host + b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: abc\r\n\r\n" + q),
        "two different Content-Length": raw(port, b"POST /sparql HTTP/1.1\r\n" + host + b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\nContent-Length: 3\r\n\r\n" + q),
        "chunked body": raw(port, b"POST /sparql HTTP/1.1\r\n" + host + b"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\nf\r\n" + q + b"\r\n0\r\n\r\n"),
        "stalls inside its headers (5 s)": raw(port, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n" + host, wait=5),
        "PUT": raw(port, b"PUT /sparql HTTP/1.1\r\n" + host + b"Content-Length: 0\r\n\r\n"),
    }


def main(argv=None) -> int:
    from dkg.server import load

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=10)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve_probe(args.out, args.workers)
        return 0
    todo = load.request_mix(args.out, args.clients * args.requests, 1)
    report = {"load_before": load.load_average()}
    report["dkg serve (http.server)"] = load.measure_dkg(args.out, todo, args.clients, args.workers)
    with probe_serving(args.out, args.workers) as (base, proc):
        report["starlette on uvicorn"] = load.run_clients(base + "/sparql", todo, args.clients, proc.pid)
        report["uvicorn's answers to malformed requests"] = hostile(base)
    report["load_after"] = load.load_average()
    for side in ("dkg serve (http.server)", "starlette on uvicorn"):
        report[side].pop("rows")
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
