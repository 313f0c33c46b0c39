"""Query worker processes: where every query is checked and run, under its time limit.

pyoxigraph's `Store.query` cannot be interrupted and has no timeout, so queries run in worker
processes that each open the on-disk store read-only and answer several queries at once, one a
thread (WorkerPool says why). A request waits for a free place in a worker for at
most `queue_wait` seconds (then 503 with Retry-After), and its `timeout` starts only once a
worker has taken it: time spent queued behind other clients never shortens a query's run (it
did, and a query that had waited 2.9 s of a 3 s limit was killed after 0.1 s, its worker with
it). A worker that overruns is killed (SIGKILL), reaped and replaced, so a runaway query costs
one process, never the server; the queries it was running beside the runaway are run again. The guard (guard.py) runs in the worker too, inside
the same time limit: parsing half a megabyte of SPARQL takes rdflib seconds, and in the server
process it held up every other client. Rows beyond `max_rows` are not even pulled from the
engine; the answer says it was truncated.

A worker sends the guard verdicts it parsed (by query shape, guard.py) back with its answer,
and the pool hands them to the other workers with their next job: a bundled question's shape
is parsed once per server, not once per worker (four cold caches had cost 36 rdflib parses,
1.5 s of CPU each 100 requests, where 9 do).

The worker also serialises the answer and sends its bytes: serialising is then inside the time
limit, and the shared server process never holds an answer's terms (a 64 MB answer rendered
there took it to 530 MB and ran past the limit). An answer over `max_bytes` is refused, and
rows stop being pulled as soon as their values alone pass it. Each worker caps its address
space (RLIMIT_AS) at what it holds with the store open plus `memory_bytes`, so a query that
keeps allocating fails in its worker (a MemoryError, or Oxigraph's abort on a failed
allocation) instead of taking the machine's memory; that worker is replaced. RLIMIT_AS rather
than a watchdog on RSS: the kernel refuses the allocation at once, where a poll would let a
doubling string overshoot between two looks.

A worker reads whatever build OUT/current names: it leases that build (graph/build.py), so a
`dkg build` never deletes it underneath, and before each query it checks whether `current` has
moved; if so it opens the new build, and drops its lease on the old one once the queries
still reading it are done. A replacement worker
starts on the current build, and keeps being retried if it cannot start, so the pool never
shrinks for good.
"""

from __future__ import annotations

import heapq
import itertools
import math
import multiprocessing
import os
import queue
import re
import signal
import sys
import threading
import time
import traceback
from collections import Counter, OrderedDict
from pathlib import Path

import pyoxigraph as ox

from dkg.graph import formats
from dkg.schema.iris import PREFIXES

from . import guard
from .guard import Refused

CACHE_BYTES = 32 << 20  # the parse caches of all workers together
MEMORY_BYTES = 1 << 30  # what one query may allocate in its worker, beyond the open store
MAX_BYTES = 16 << 20  # the largest answer sent (the shared server process holds it while sending)


class _Build:
    """One open build: its lease, store and graph names, and how many jobs are using it."""

    def __init__(self, lease, store, graphs):
        self.lease, self.store, self.graphs = lease, store, graphs
        self.users = 0


class _Reader:
    """The build a worker answers from, followed as OUT/current moves.

    The worker's threads share it: a job takes the current build (`take`) and gives it back
    (`give`), and a build that `current` has moved past keeps its lease until its last job is
    done, so a `dkg build` never deletes a store a running query reads."""

    def __init__(self, out_dir: str):
        self.out_dir = Path(out_dir)
        self.lock = threading.Lock()
        self.current: _Build | None = None
        self.open()

    def open(self) -> None:

        from dkg.graph.build import lease_current

        lease = lease_current(self.out_dir)
        try:
            store = ox.Store.read_only(str(lease.build / "store"))
            graphs = {g.value for g in store.named_graphs()}
        except BaseException:
            lease.release()
            raise
        old, self.current = self.current, _Build(lease, store, graphs)
        if old is not None and old.users == 0:
            old.lease.release()

    def take(self) -> _Build:
        """The newest complete build, switched to if `current` moved (one readlink per job)."""
        with self.lock:
            self._follow()
            build = self.current
            build.users += 1
            return build

    def give(self, build: _Build) -> None:
        with self.lock:
            build.users -= 1
            if build is not self.current and build.users == 0:
                build.lease.release()

    def _follow(self) -> None:
        try:
            moved = os.path.realpath(self.out_dir / "current") != os.path.realpath(self.current.lease.build)
        except OSError:
            return
        if moved:
            lifted = _lift_memory_cap()  # opening a store takes address space of its own; the cap is for queries
            try:
                self.open()
            except Exception as exc:  # keep answering from the build we hold
                print(f"dkg serve: staying on build {self.current.lease.build.name}: {exc}", file=sys.stderr, flush=True)
            finally:
                if lifted is not None:
                    _limit_memory(lifted)  # measured again: the old store is closed by now


def _answer(build: _Build, job: dict) -> dict:
    """Check, run and serialise one query: the worker sends the body ready to write, so the
    shared server process never holds an answer's terms, and serialising is inside the time
    limit and under this worker's memory limit."""
    from dkg.graph.store import dataset_options

    _form, dataset = guard.inspect_query(job["query"])
    in_query = set(dataset.default + dataset.named) if dataset else set()
    guard.check_graphs(in_query | set(job["default_graphs"]) | set(job["named_graphs"]), build.graphs)
    options = dataset_options(job["query"], job["default_graphs"], job["named_graphs"], query_names_dataset=dataset is not None)
    answer = build.store.query(job["query"], prefixes=PREFIXES, base_iri=job.get("base_iri"), **options)  # lazy: nothing pulled yet
    try:
        return _serialise(answer, job)
    finally:
        # pyoxigraph's results may only be dropped by the thread that made them: not left in this
        # frame for the cyclic collector, which runs in any thread, to free if something holds it
        del answer


def _serialise(answer, job: dict) -> dict:
    """The answer's body in the format chosen, within the row and byte limits."""
    from dkg.graph.export import jsonld
    from dkg.graph.results import NotRepresentable, Result
    from dkg.graph.store import _to_term

    kind = "graph" if isinstance(answer, ox.QueryTriples) else "table"
    fmt = job["formats"][kind]
    if isinstance(fmt, dict):  # no acceptable format for this kind of result
        raise Refused(fmt["status"], fmt["error"])
    rows_limit, byte_limit = job["max_rows"], job["max_bytes"]
    size, truncated = 0, False

    def grow(n: int) -> None:  # the values alone already exceed the limit: stop pulling
        nonlocal size
        size += n
        if size > byte_limit:
            raise Refused(503, _too_big(byte_limit))

    if isinstance(answer, ox.QuerySolutions) and fmt == "json":
        body, truncated = _native_json(answer, rows_limit, byte_limit)
        return {"body": body, "media": formats.BY_NAME[fmt].media, "truncated": truncated}
    if isinstance(answer, ox.QueryBoolean):
        result = Result(boolean=bool(answer))
    elif isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        rows = []
        for sol in answer:
            if len(rows) >= rows_limit:
                truncated = True
                break
            row = {n: _to_term(sol[n]) for n in names if sol[n] is not None}
            grow(sum(len(t.value) for t in row.values()))
            rows.append(row)
        result = Result(names, rows)
    else:
        triples = []
        for t in answer:
            if len(triples) >= rows_limit:
                truncated = True
                break
            grow(sum(len(getattr(term, "value", "")) or len(str(term)) for term in (t.subject, t.predicate, t.object)))
            triples.append(t)
    if kind == "graph":
        chosen = formats.BY_NAME[fmt]
        if chosen is formats.JSONLD:
            text = jsonld(triples)
        else:
            text = ox.serialize(triples, format=chosen.ox, prefixes=PREFIXES if chosen is not formats.NTRIPLES else None).decode("utf-8")
    else:
        try:
            text = result.serialize(fmt)
        except NotRepresentable as exc:  # a control character XML 1.0 cannot carry
            raise Refused(406, str(exc)) from None
    body = text.encode("utf-8")
    if len(body) > byte_limit:
        raise Refused(503, _too_big(byte_limit))
    return {"body": body, "media": formats.BY_NAME[fmt].media, "truncated": truncated}


# In Oxigraph's compact JSON results a solution begins with `{`, after `[` for the first and
# after `,` for every other; within a solution a comma is followed by a quoted key, so `,{`
# outside strings counts solutions. `,{"` and a character of a variable name counts them without
# following strings, at the speed of a regular expression in C: inside a string a quote is
# always escaped, so `{"` there can only be a value ending in `{` and its closing quote, which
# is followed by `}` or `,`. Only a solution with nothing bound (`{}`, which a value can also
# hold) needs the exact scan, which follows strings and escapes and keeps its state, not text,
# across chunks.
_OUTSIDE = re.compile(rb'"|,\{|,\Z')
_IN_STRING = re.compile(rb'(?:[^"\\]|\\.)*')
_NEXT_ROW = re.compile(rb',\{"[^,}]')


class _Enough(Exception):
    """Raised from the writer to stop Oxigraph pulling solutions: the row limit is reached."""


class _JsonRows:
    """A writer for `QuerySolutions.serialize` that counts solutions as their bytes arrive,
    stops the engine after `rows_limit` of them or past `byte_limit` bytes, and keeps the body.

    The W3C JSON results serialised by Oxigraph itself, not term by term in Python: for the
    bundled questions that halved a worker's time per query (42 ms native against 82 ms with
    the Python writer, at 10k claims; the engine's own time was 41 ms)."""

    def __init__(self, rows_limit: int, byte_limit: int):
        self.rows_limit, self.byte_limit = rows_limit, byte_limit
        self.parts: list[bytes] = []
        self.size = 0
        self.boundaries = 0
        self.tail = b""  # the last three bytes so far (a solution's start may straddle two chunks)
        self.exact = False
        self.in_string = self.escaped = self.comma = False
        self.cut: int | None = None  # where the first solution over the limit begins (its comma)
        self.stopped = False

    def write(self, chunk) -> int:
        if self.stopped:  # Oxigraph's buffered writer writes its buffer once more as it is dropped
            raise _Enough
        chunk = bytes(chunk)
        start = self.size
        self.parts.append(chunk)
        self.size += len(chunk)
        if self.size > self.byte_limit:
            self.stopped = True
            raise Refused(503, _too_big(self.byte_limit))
        if self.exact:
            self._scan(chunk, start)
        elif b"{}" in chunk or b"{}" in self.tail + chunk[:1]:
            self.exact, self.boundaries = True, 0
            self._scan(b"".join(self.parts), 0)  # from the beginning, strings followed
        else:
            self._count(chunk, start)
        self.tail = (self.tail + chunk)[-3:]
        return len(chunk)

    def _count(self, chunk: bytes, start: int) -> None:
        joint = self.tail + chunk[:3]  # a match here straddles the two chunks: 4 bytes, 3 on each side at most
        found = len(_NEXT_ROW.findall(joint)) + len(_NEXT_ROW.findall(chunk))
        if self.boundaries + found < self.rows_limit:
            self.boundaries += found
            return
        offsets = [start - len(self.tail) + m.start() for m in _NEXT_ROW.finditer(joint)]
        offsets += [start + m.start() for m in _NEXT_ROW.finditer(chunk)]
        self._boundary(offsets[self.rows_limit - self.boundaries - 1], self.rows_limit - self.boundaries)

    def _scan(self, chunk: bytes, start: int) -> None:
        pos, end = 0, len(chunk)
        while pos < end:
            if self.in_string:
                if self.escaped:
                    pos, self.escaped = pos + 1, False
                    continue
                pos = _IN_STRING.match(chunk, pos).end()
                if pos == end:
                    break
                if chunk[pos] == 0x5C:  # a backslash, the last byte: what it escapes comes next
                    self.escaped, pos = True, pos + 1
                    continue
                self.in_string, pos = False, pos + 1  # the closing quote
                continue
            if self.comma:
                self.comma = False
                if chunk[pos] == 0x7B:  # "{" after a comma that ended the last chunk
                    self._boundary(start + pos - 1)
            m = _OUTSIDE.search(chunk, pos)
            if m is None:
                break
            if m.group() == b'"':
                self.in_string, pos = True, m.end()
            elif m.group() == b",{":
                self._boundary(start + m.start())
                pos = m.end()
            else:
                self.comma, pos = True, end

    def _boundary(self, offset: int, count: int = 1) -> None:
        self.boundaries += count
        if self.boundaries >= self.rows_limit:
            self.cut, self.stopped = offset, True
            raise _Enough

    def flush(self) -> None:
        pass


def _native_json(answer, rows_limit: int, byte_limit: int) -> tuple[bytes, bool]:
    """(the JSON results body, whether solutions beyond `rows_limit` were left out)."""
    writer = _JsonRows(rows_limit, byte_limit)
    try:
        answer.serialize(writer, format=ox.QueryResultsFormat.JSON)
    except _Enough:  # the writer's exception comes back out of serialize as it was raised
        return b"".join(writer.parts)[: writer.cut] + b"]}}", True
    return b"".join(writer.parts), False


def _too_big(limit: int) -> str:
    return (f"the answer is over the {limit:,}-byte limit (`dkg serve --max-bytes`); "
            "ask for fewer rows (LIMIT) or shorter values")


def _page(build: _Build, job: dict) -> dict:
    """A page (HTML) or a node's description (RDF) for GET /id/..., rendered in the worker so
    it follows the current build and runs under the same time limit as a query."""
    from dkg.graph.store import OxigraphStore
    from dkg.pages.render import Links
    from dkg.pages.site import respond

    from .views import Served
    from .views import respond as view

    store = OxigraphStore.over(build.store, build.lease.build / "store")  # the store this worker holds
    if "view" in job:
        status, text = view(store, build.lease.build.name, job["view"])
        return {"kind": "page", "status": status, "media": "text/html" if status == 200 else "text/plain", "text": text}
    links = Links(job["here"])
    links.number, links.views = job.get("number", 1), Served()
    status, media, text = respond(store, job["page"], job["format"], links)
    return {"kind": "page", "status": status, "media": media, "text": text}


_EXTRA: int | None = None  # this worker's --worker-memory, once its cap is set


def _limit_memory(extra_bytes: int) -> int | None:
    """Cap this process's address space at what it holds now plus `extra_bytes` (the soft
    RLIMIT_AS; the hard limit stays, so the cap can be lifted to open a new build), so a query
    that keeps allocating fails here instead of taking the machine's memory; no core file
    either. Returns the cap, or None where the platform has no such limit."""
    global _EXTRA
    try:
        import resource

        with open("/proc/self/statm") as f:
            held = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        cap = held + extra_bytes
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
        _EXTRA = extra_bytes
        return cap
    except (ImportError, OSError, ValueError):
        return None


def _lift_memory_cap() -> int | None:
    """Lift the cap _limit_memory set (to the hard limit); its extra bytes, to set it again."""
    if _EXTRA is None:
        return None
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (resource.getrlimit(resource.RLIMIT_AS)[1],) * 2)
    return _EXTRA


def _run(build: _Build, job: dict) -> dict:
    """One job's answer, or the error to give for it.

    The frames an exception passed through are cleared here, in the thread that ran the job:
    they hold the query's pyoxigraph results, which may only be dropped by the thread that made
    them, and a traceback in a reference cycle is otherwise freed by whichever thread the cyclic
    collector next runs in ("PyQuerySolutions is unsendable, but is being dropped on another
    thread", printed by a worker after a rebuild)."""
    try:
        return _page(build, job) if "page" in job or "view" in job else _answer(build, job)
    except BaseException as exc:
        traceback.clear_frames(exc.__traceback__)
        if isinstance(exc, MemoryError):  # Python ran out under the cap (Oxigraph running out aborts the process)
            return {"error": "memory", "status": 503, "exit": True}
        if isinstance(exc, Refused):
            return {"error": exc.message, "status": exc.status}
        if isinstance(exc, SyntaxError):
            return {"error": f"SPARQL syntax error: {exc}", "status": 400}
        if isinstance(exc, Exception):  # an evaluation error is the query's, not the server's
            return {"error": f"query failed: {exc}", "status": 400}
        raise


def _import_what_jobs_use() -> None:
    """Import now what answering and rendering import: a first import under a job leaves frames
    in reference cycles (an import's caught exceptions hold their frames, and those their
    callers'), and with them that job's pyoxigraph results, which may only be dropped by the
    thread that made them; it also keeps a first visitor from waiting on imports."""
    import dkg.graph.export  # noqa: F401
    import dkg.graph.results  # noqa: F401
    import dkg.graph.store  # noqa: F401
    import dkg.pages.render  # noqa: F401
    import dkg.pages.site  # noqa: F401

    from . import views  # noqa: F401


def _one_malloc_arena() -> None:
    """Make glibc's malloc serve every thread from one arena. Each thread that allocates would
    otherwise get an arena of its own, reserving 64 MiB of address space, which RLIMIT_AS counts:
    twelve threads took a 96 MiB cap before any query ran. Python's own allocations are under
    the GIL anyway, and the load test served as fast with one arena as with many (docs/serving.md)."""
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(-8, 1)  # M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc: nothing to set
        pass


def _worker_main(out_dir: str, cache_bytes: int, memory_bytes: int, threads: int, conn) -> None:
    """Answer jobs from one connection until it closes, `threads` at a time. Runs in its own
    process; the pool sends at most `threads` jobs before one comes back, each with its number,
    and an answer carries the number of its job."""
    _one_malloc_arena()
    guard.CACHE = guard.ByteBoundedCache(cache_bytes)
    reader = _Reader(out_dir)
    guard.inspect_query("ASK {}")  # import and warm the parser before the first visitor's query
    _import_what_jobs_use()
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    sending = threading.Lock()

    def answer_jobs() -> None:
        while (item := jobs.get()) is not None:
            number, job = item
            guard.learn(job.pop("verdicts", ()))
            build = reader.take()
            try:
                out = _run(build, job)
                out["build"] = build.lease.build.name
            finally:
                reader.give(build)
            out["id"], out["learned"] = number, guard.take_learned()
            with sending:
                try:
                    conn.send(out)  # after a MemoryError ("exit") the pool replaces this process
                except (OSError, ValueError):
                    return  # the pool is gone

    for _ in range(threads):  # before the cap: their stacks are address space the store-holding process has
        threading.Thread(target=answer_jobs, daemon=True).start()
    _limit_memory(memory_bytes)
    conn.send({"ready": True, "build": reader.current.lease.build.name})
    while True:
        try:
            jobs.put(conn.recv())
        except (EOFError, OSError):
            return


class _Pending:
    """A job sent to a worker: its answer, or None once the worker died under it."""

    def __init__(self):
        self.done = threading.Event()
        self.answer: dict | None = None


class Worker:
    """One query process answering `threads` jobs at a time; a listening thread hands each
    answer to the request that waits for it."""

    def __init__(self, ctx, out_dir: str, cache_bytes: int, memory_bytes: int, threads: int = 1):
        self.heard = 0  # the verdicts (Verdicts.since) this worker has been given
        self.threads = threads
        self.pending: dict[int, _Pending] = {}
        self.lock = threading.Lock()  # for sending and for `pending`
        self.dead = self.replaced = False
        self.listener: threading.Thread | None = None  # started once the process is ready
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(out_dir, cache_bytes, memory_bytes, threads, child), daemon=True)
        self.process.start()
        child.close()
        try:
            if not self.conn.poll(60):
                raise RuntimeError("it did not start within 60 s")
            self.conn.recv()
        except Exception as exc:
            self.kill()  # and reap: a worker that failed to start must not stay defunct
            detail = f"it exited with code {self.process.exitcode}" if isinstance(exc, (EOFError, OSError)) else str(exc)
            raise RuntimeError(f"a query worker could not open the current build in {out_dir}: {detail}") from None
        self.listener = threading.Thread(target=self._listen, daemon=True)
        self.listener.start()

    def send(self, number: int, job: dict) -> _Pending:
        pending = _Pending()
        with self.lock:
            if self.dead:
                pending.done.set()
                return pending
            self.pending[number] = pending
            try:
                self.conn.send((number, job))
            except (OSError, ValueError):
                self.pending.pop(number, None)
                pending.done.set()
        return pending

    def forget(self, number: int) -> None:
        """A job given up on (over its time limit): its answer, if it comes, is dropped."""
        with self.lock:
            self.pending.pop(number, None)

    def _listen(self) -> None:
        while True:
            try:
                out = self.conn.recv()
            except (EOFError, OSError, ValueError):
                break
            with self.lock:
                pending = self.pending.pop(out.pop("id"), None)
            if pending is not None:
                pending.answer = out
                pending.done.set()
        with self.lock:  # the process is gone: every job still out has no answer
            self.dead = True
            left, self.pending = list(self.pending.values()), {}
        for pending in left:
            pending.done.set()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        if self.listener is not None and self.listener is not threading.current_thread():
            self.listener.join(5)  # it sees the pipe close and releases every job still out
        self.conn.close()


class Verdicts:
    """Guard verdicts the workers have parsed, numbered in the order they came, bounded by the
    bytes of their shapes; each worker is given those it has not had yet."""

    def __init__(self, max_bytes: int):
        self.max_bytes, self.bytes, self.next = max_bytes, 0, 1
        self.items: dict[int, tuple[str, tuple]] = {}
        self.lock = threading.Lock()

    def add(self, learned) -> None:
        with self.lock:
            for item in learned:
                self.items[self.next] = item
                self.next += 1
                self.bytes += len(item[0])
            while self.bytes > self.max_bytes and self.items:
                oldest = next(iter(self.items))
                self.bytes -= len(self.items.pop(oldest)[0])

    def since(self, worker: "Worker") -> list[tuple[str, tuple]]:
        new = []
        with self.lock:
            for seq in reversed(self.items):  # numbered in insertion order: newest first, back to what it has
                if seq < worker.heard:
                    break
                new.append(self.items[seq])
            worker.heard = self.next
        return new[::-1]


class Idle:
    """Free places in the workers (a worker answering T jobs at once is put here T times),
    handed to waiting requests shortest expected first, not first come, each to the worker with
    most places free.

    Fifty clients share four workers, so a request mostly waits for one; first come first served
    made a 20 ms lookup wait behind every 700 ms report page queued before it (p50 at 10k
    claims 2.0 s, oxigraph serve-read-only's 0.48 s: its threads share the CPU among all
    requests at once, so short ones finish first). A request's place is its arrival plus
    `AGING` times the time its kind of query took before (`Costs`), at most a quarter of the
    time limit (or of the queue wait, if shorter) later, so a long one waits for shorter ones but
    never for long."""

    AGING = 4.0

    def __init__(self, timeout: float):
        self.cap = timeout / 4
        self.workers: list[Worker] = []
        self.waiting: list[list] = []  # heap of [place, number, worker or None, still waiting]
        self.number = 0
        self.cond = threading.Condition()

    def put(self, worker: Worker) -> None:
        with self.cond:
            self.workers.append(worker)
            self._hand_out()

    def get(self, expected: float, timeout: float) -> Worker:
        """An idle worker; queue.Empty if none came within `timeout` seconds."""
        now = time.monotonic()
        with self.cond:
            self.number += 1
            entry = [now + min(self.AGING * expected, self.cap), self.number, None, True]
            heapq.heappush(self.waiting, entry)
            self._hand_out()
            deadline = now + timeout
            while entry[2] is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    entry[3] = False  # skipped when it comes to the top
                    raise queue.Empty
                self.cond.wait(left)
            return entry[2]

    def clear(self) -> None:
        """No more places to hand out (the pool is closing)."""
        with self.cond:
            self.workers = []

    def discard(self, worker: Worker) -> None:
        """Take a worker's free places away (it is being replaced)."""
        with self.cond:
            self.workers = [w for w in self.workers if w is not worker]

    def _hand_out(self) -> None:
        handed = False
        while self.workers and self.waiting:
            entry = heapq.heappop(self.waiting)
            if entry[3]:
                chosen = Counter(self.workers).most_common(1)[0][0]  # the least busy worker: its threads share less
                self.workers.remove(chosen)
                entry[2] = chosen
                handed = True
        if handed:
            self.cond.notify_all()


class Costs:
    """How long each kind of query took a worker lately (a moving average per query text with
    its IRIs, strings and numbers removed), so Idle can let short ones go first. A hint only:
    a wrong guess reorders, it never refuses; texts over 16 KB are not scanned for it."""

    _VALUES = re.compile(r"""<[^<>"{}|^`\\\x00-\x20]*>|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|\d+""")

    def __init__(self, size: int = 1024):
        self.size = size
        self.seconds: OrderedDict[int, float] = OrderedDict()
        self.lock = threading.Lock()

    def key(self, job: dict) -> int | None:
        text = job.get("query")
        if text is None:
            return hash("view" if "view" in job else "page")
        return hash(self._VALUES.sub("", text)) if len(text) <= 16384 else None

    def expected(self, key: int | None) -> float:
        with self.lock:
            return self.seconds.get(key, 0.0)

    def record(self, key: int | None, took: float) -> None:
        if key is None:
            return
        with self.lock:
            old = self.seconds.pop(key, None)
            self.seconds[key] = took if old is None else 0.7 * old + 0.3 * took
            while len(self.seconds) > self.size:
                self.seconds.popitem(last=False)


class WorkerPool:
    """A fixed number of query processes, each answering `threads` jobs at once.

    Threads, because pyoxigraph releases the GIL while it evaluates: the threads of one process
    share one store and its block cache (four single-threaded processes had four cold caches,
    and each request waited its turn for one of four, where Oxigraph's own server lets every
    request run at once). Processes still, because a query that overruns its time or memory can
    only be stopped by killing the process it runs in: the jobs running beside it in that
    process are then run again, once, in another."""

    def __init__(self, out_dir: Path, size: int, timeout: float, max_rows: int, max_bytes: int = MAX_BYTES, memory_bytes: int = MEMORY_BYTES,
                 queue_wait: float | None = None, threads: int = 1):
        self.out_dir, self.timeout, self.max_rows = str(out_dir), timeout, max_rows
        self.threads = threads
        self.queue_wait = timeout if queue_wait is None else queue_wait  # for a free worker, before the time limit starts
        self.busy: dict[int, float] = {}  # job number -> when its time limit runs out
        self.busy_lock = threading.Lock()
        self.numbers = itertools.count(1)
        self.max_bytes, self.memory_bytes = max_bytes, memory_bytes
        self.cache_bytes = CACHE_BYTES // size
        self.ctx = multiprocessing.get_context("spawn")  # no fork from a threaded process
        self.idle = Idle(min(timeout, self.queue_wait))  # aged within both: a long query is not refused for waiting on short ones
        self.costs = Costs()
        self.replaced = 0
        self.verdicts = Verdicts(CACHE_BYTES // 4)
        self.closing = threading.Event()
        self.live: set[Worker] = set()
        self.live_lock = threading.Lock()
        for _ in range(size):
            self._add(self._start())

    def _start(self) -> Worker:
        return Worker(self.ctx, self.out_dir, self.cache_bytes, self.memory_bytes, self.threads)

    def _add(self, worker: Worker) -> None:
        with self.live_lock:
            self.live.add(worker)
        for _ in range(worker.threads):
            self.idle.put(worker)

    def _replace(self, worker: Worker) -> None:
        """Kill a worker (its running jobs come back without an answer) and start another; only
        the first of the requests that find it dead or overrunning does this."""
        with self.live_lock:
            if worker.replaced:
                return
            worker.replaced = True
            self.live.discard(worker)
        self.idle.discard(worker)
        worker.kill()
        self.replaced += 1

        def start():
            delay = 0.5
            while not self.closing.is_set():
                try:
                    new = self._start()
                except Exception as exc:
                    print(f"dkg serve: {exc}; retrying in {delay:g} s", file=sys.stderr, flush=True)
                    self.closing.wait(delay)
                    delay = min(delay * 2, 10)
                    continue
                if self.closing.is_set():
                    new.kill()
                else:
                    self._add(new)
                return

        threading.Thread(target=start, daemon=True).start()

    def run(self, sparql: str, default_graphs=(), named_graphs=(), chosen=None, base_iri: str | None = None) -> dict:
        """Check and run one query on an idle worker: {"body", "media", "truncated", "build"};
        raise Refused with the reason it did not answer. `chosen`: the format name per kind of
        result ("table", "graph"), or the refusal to give if that kind comes back."""
        job = {
            "query": sparql,
            "default_graphs": list(default_graphs),
            "named_graphs": list(named_graphs),
            "max_rows": self.max_rows,
            "max_bytes": self.max_bytes,
            "formats": chosen or {"table": "json", "graph": "ttl"},
            "base_iri": base_iri,
        }
        return self._submit(job)

    def page(self, slug: str, fmt: str, here: str, number: int = 1) -> dict:
        """The page of a minted node (fmt html; `number`: which page of its long lists) or its
        RDF (ttl, jsonld, nt, rdf)."""
        return self._submit({"page": slug, "format": fmt, "here": here, "number": number})

    def view(self, name: str) -> dict:
        """A view (views.py): graph.html, sources.html or claim/<key>.html."""
        return self._submit({"view": name})

    def _submit(self, job: dict) -> dict:
        """Run a job; if its worker dies under it (killed for another job's overrun, or aborted
        on a failed allocation, which may have been this job's), run it once more elsewhere."""
        for attempt in (1, 2):
            answer, worker = self._attempt(job)
            if answer is not None:
                break
            worker.process.join(1)
            aborted = worker.process.exitcode == -signal.SIGABRT  # Oxigraph aborts when an allocation fails
            self._replace(worker)
            if attempt == 2:
                if aborted:
                    raise Refused(503, self._memory_message())
                raise Refused(500, "the query worker died; it has been replaced")
        if answer.get("exit"):
            self._replace(worker)
            if answer["error"] == "memory":
                raise Refused(503, self._memory_message())
        else:
            self.idle.put(worker)
        if "error" in answer:
            raise Refused(answer["status"], answer["error"])
        return answer

    def _attempt(self, job: dict) -> tuple[dict | None, Worker]:
        """(the worker's answer, or None if it died under the job; the worker)."""
        kind = self.costs.key(job)
        try:
            worker = self.idle.get(self.costs.expected(kind), self.queue_wait)
        except queue.Empty:
            retry = self._retry_after()
            raise Refused(503, f"all query workers stayed busy for {self.queue_wait:g} s (`dkg serve --queue-wait`); "
                          f"the query was not run; try again in {retry} s", {"Retry-After": str(retry)}) from None
        started = time.monotonic()  # the time limit starts now, when a worker takes the query
        deadline = started + self.timeout
        number = next(self.numbers)
        with self.busy_lock:
            self.busy[number] = deadline
        try:
            job["verdicts"] = self.verdicts.since(worker)
            pending = worker.send(number, job)
            if not pending.done.wait(max(0.05, deadline - time.monotonic())):
                worker.forget(number)
                self.costs.record(kind, self.timeout)
                self._replace(worker)
                raise Refused(503, f"the query ran longer than the {self.timeout:g} s limit and was stopped")
            answer = pending.answer
            if answer is not None:
                self.costs.record(kind, time.monotonic() - started)
                self.verdicts.add(answer.pop("learned", ()))
            return answer, worker
        finally:
            with self.busy_lock:
                self.busy.pop(number, None)

    def _retry_after(self) -> int:
        """Whole seconds until the running job whose time limit ends first is done at the latest
        (it answers or is stopped by then); at least 1. A hint: others may be waiting too."""
        with self.busy_lock:
            soonest = min(self.busy.values(), default=None)
        if soonest is None:  # none running: workers are being replaced
            return 1
        return max(1, math.ceil(soonest - time.monotonic()))

    def _memory_message(self) -> str:
        return (f"the query needed more than the {self.memory_bytes >> 20:,} MiB a query worker may use "
                "(`dkg serve --worker-memory`) and was stopped; the worker has been replaced")

    def close(self) -> None:
        self.closing.set()
        self.idle.clear()
        with self.live_lock:
            workers, self.live = list(self.live), set()
        for worker in workers:
            worker.kill()
