"""Pages read only what they show (issue 21 item 6): with thousands of stances on one claim, a
page about something else reads as few rows as it did before they were added, and the page of
the claim they are about still opens. Counted in rows the bundled queries return, not in time."""

from __future__ import annotations

import shutil

import pytest

from dkg.graph.build import build, store_path
from dkg.graph.store import OxigraphStore
from dkg.pages.render import Links
from dkg.pages.site import respond
from dkg.queries import library

from .conftest import SEED

STANCES = 3000
CLAIM_FILE = "002_bd55ee8a1af82e1f.yaml"


def _with_stances(tmp_path, n: int):
    data = tmp_path / f"data-{n}"
    shutil.copytree(SEED, data)
    path = data / "sources" / CLAIM_FILE
    text = path.read_text(encoding="utf-8")
    extra = "".join(
        f'  - "on": shoigu-losses-6000\n    stance: disputes\n    speaker: mishov-article-analysts\n    quote: "generated objection number {i}"\n'
        for i in range(n)
    )
    path.write_text(text.replace("stances:\n", "stances:\n" + extra, 1), encoding="utf-8")
    out = tmp_path / f"out-{n}"
    build(data, out, shacl=False, formats=())
    return OxigraphStore(store_path(out), read_only=True)


def _rows_read(monkeypatch, store, slug: str, here: str) -> tuple[int, str]:
    counted = [0]
    real = library.run

    def counting(*args, **kwargs):
        result = real(*args, **kwargs)
        counted[0] += len(result.rows)
        return result

    monkeypatch.setattr(library, "run", counting)
    status, _media, html = respond(store, slug, "html", Links(here))
    monkeypatch.setattr(library, "run", real)
    assert status == 200
    return counted[0], html


@pytest.mark.slow
def test_an_unrelated_page_reads_no_more_with_thousands_of_stances_elsewhere(tmp_path, monkeypatch):
    few, many = _with_stances(tmp_path, 0), _with_stances(tmp_path, STANCES)
    for slug in ("maxim-kuzminov", "hur", "newsweek", "002_bd55ee8a1af82e1f"):
        before, _ = _rows_read(monkeypatch, few, slug, f"id/{slug}")
        after, _ = _rows_read(monkeypatch, many, slug, f"id/{slug}")
        if slug == "002_bd55ee8a1af82e1f":  # the document carrying the stances lists its claims, not its stances
            assert after <= before + 10, (slug, before, after)
        else:
            assert after == before, (slug, before, after)
        assert after < 2000, (slug, after)
    # the claim's own page shows its stances: it reads them, and opens
    key = next(k for k in _claim_keys(many) if "personnel_losses" in k and _label(many, k).endswith("6,000 person"))
    rows, html = _rows_read(monkeypatch, many, key, f"id/claim/{key}")
    assert "generated objection number 2999" in html and rows >= STANCES


def _claim_keys(store):
    from dkg.queries.resolve import claim_index

    return [c.slug for c in claim_index(store, "russian-armed-forces")]


def _label(store, key):
    from dkg.queries.resolve import lookup

    return lookup(store, key).label or ""
