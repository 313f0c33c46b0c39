"""Waiting for a query worker (dkg/server/pool.py) is not running: a query's time limit starts
when a worker takes it, and the wait for one is bounded on its own (503 with Retry-After).
A real pool of worker processes over the seed build; a worker is kept busy by the test."""

from __future__ import annotations

import threading
import time

import pyoxigraph as ox
import pytest

from dkg.server.guard import Refused
from dkg.server.pool import WorkerPool

pytestmark = pytest.mark.live


def counting(k: int) -> str:
    """A query that needs no data and takes a time set by `k` (k**3 rows counted)."""
    values = " ".join(map(str, range(k)))
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }}"


def calibrated(at_least: float) -> tuple[str, float]:
    """(a query taking at least `at_least` seconds in Oxigraph here, how long it took)."""
    store, k = ox.Store(), 100
    while True:
        started = time.monotonic()
        list(store.query(counting(k)))
        took = time.monotonic() - started
        if took >= at_least:
            return counting(k), took
        k = int(k * 1.4)


def hold(pool: WorkerPool, seconds: float) -> threading.Thread:
    """Take the pool's only worker for `seconds`, as a slow query of another client would."""
    worker = pool.idle.get(0.0, 60)

    def release():
        time.sleep(seconds)
        pool.idle.put(worker)

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_time_spent_waiting_for_a_worker_does_not_shorten_the_run(seed_out):
    """A query that waited most of its 'time limit' for a worker was killed soon after it
    started (503 'ran longer than the limit'), though it runs well within the limit."""
    query, took = calibrated(0.3)
    limit = max(2.0, 8 * took)
    pool = WorkerPool(seed_out, 1, limit, 10)
    try:
        assert pool.run(query)["body"]  # alone it answers within the limit
        released = hold(pool, limit - took / 2)  # what is left of the limit by then is half its run
        started = time.monotonic()
        answer = pool.run(query)
        waited_and_ran = time.monotonic() - started
        released.join()
        assert b'"value":"' in answer["body"]  # the count, not a refusal
        assert waited_and_ran > limit  # it waited, then ran, and was not stopped for the wait
    finally:
        pool.close()


def test_a_request_that_waits_too_long_for_a_worker_is_refused_with_retry_after(seed_out):
    pool = WorkerPool(seed_out, 1, 3.0, 10, queue_wait=0.5)
    outcome = {}

    def runaway():  # holds the only worker until its 3 s limit stops it
        try:
            pool.run(counting(1000))
        except Refused as exc:
            outcome["runaway"] = exc

    thread = threading.Thread(target=runaway)
    try:
        thread.start()
        for _ in range(600):
            if pool.busy:
                break
            time.sleep(0.01)
        started = time.monotonic()
        with pytest.raises(Refused) as refused:
            pool.run("ASK {}")
        assert time.monotonic() - started < 2.5  # the 0.5 s wait, not the running query's 3 s
        exc = refused.value
        assert exc.status == 503
        assert "all query workers stayed busy for 0.5 s" in exc.message and "--queue-wait" in exc.message
        assert "was not run" in exc.message
        retry = int(exc.headers["Retry-After"])
        assert 1 <= retry <= 3  # the busy worker is free once its query's 3 s limit ends
        assert f"try again in {retry} s" in exc.message
        thread.join(60)
        assert outcome["runaway"].status == 503 and "3 s limit" in outcome["runaway"].message
        assert pool.replaced == 1  # counted for `dkg serve`'s closing line
        for _ in range(600):  # its replacement starts in the background
            if pool.idle.workers:
                break
            time.sleep(0.1)
        assert pool.run("ASK {}")["body"]  # the pool answers again
    finally:
        thread.join(60)
        pool.close()
