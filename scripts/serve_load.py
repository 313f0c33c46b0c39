"""Serving at scale: `dkg serve` over a large build, 50 clients asking the bundled questions,
and `oxigraph serve-read-only` over the same store with the same texts, in the same run.

    python scripts/serve_load.py OUT [--clients 50] [--requests 10] [--workers 4] [--no-oxigraph]

OUT is a build directory (OUT/current/store), e.g. a 1M-claim build. The measurement itself is
dkg/server/load.py (`compare`, which the benchmark calls); this prints its JSON report: per
server requests per second, p50/p95 latency, errors, peak resident memory of the server and
its workers, and the ratios dkg/oxigraph with the load average before and after. No pass/fail
on speed: the numbers are for docs/benchmarks.md.
"""

from __future__ import annotations

import sys

from dkg.server.load import main

if __name__ == "__main__":
    sys.exit(main())
