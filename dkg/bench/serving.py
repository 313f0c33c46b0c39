"""Serving under load, beside its floor, for the benchmark: dkg/server/load.py asks `dkg serve`
and `oxigraph serve-read-only` over the same store, in the same run, the same bound bundled
questions from the same 50 clients; this keeps its figures in the shape the report reads."""

from __future__ import annotations

from pathlib import Path
from typing import Callable


def time_serving(out: Path, oxigraph: str | None, *, clients: int = 50, per_client: int = 10, seed: int = 1,
                 progress: Callable[[str], None] = lambda s: None) -> dict:
    """{"dkg": figures, "oxigraph": figures, "p50_ratio", "p95_ratio", ...} (figures as
    dkg.server.load.run_clients gives them); `oxigraph` None leaves the floor out."""
    from dkg.server.load import compare

    result = compare(out, clients=clients, requests=per_client, seed=seed, oxigraph=oxigraph is not None)
    result["questions"] = result["dkg"]["requests"]
    if oxigraph is None:
        result["oxigraph"] = {"skipped": "the oxigraph CLI is not installed"}
    for key in ("p50", "p95"):
        if key in result.get("ratio", {}):
            result[f"{key}_ratio"] = result["ratio"][key]
    ox, dk = result["oxigraph"], result["dkg"]
    if "p50_ms" in ox:
        progress(f"  oxigraph serve-read-only: p50 {ox['p50_ms']} ms, p95 {ox['p95_ms']} ms, {ox['requests_per_s']} req/s")
    progress(f"  dkg serve: p50 {dk['p50_ms']} ms, p95 {dk['p95_ms']} ms, {dk['requests_per_s']} req/s, peak {dk['peak_rss_mib']:.0f} MiB")
    return result
