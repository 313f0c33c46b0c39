"""Names as people type them: inflected (Russian and Ukrainian texts decline every name), shared
by several entities (an ambiguous name lists them rather than picking one), and found through
the stored name index, scoring only the candidates it gives rather than every name."""

from __future__ import annotations

import pytest

from dkg.queries import api, resolve
from dkg.schema.errors import NotFound

from .conftest import run_dkg


@pytest.mark.parametrize("typed", ["Кузьминова", "Кузьминову", "Кузьминовым", "Кузьминове", "Кузьмінова"])
def test_an_inflected_surname_finds_the_person(seed_store, typed):
    hits = api.find(seed_store, typed)
    assert hits and hits[0].slug == "maxim-kuzminov", typed
    assert api.resolve_entity(seed_store, typed).slug == "maxim-kuzminov"


def test_a_feminine_surname_in_the_instrumental(seed_store):
    assert api.find(seed_store, "Ившиной")[0].slug == "olga-ivshina"


def test_inflections_strip_one_ending_and_keep_other_words():
    assert "maxim kuzminov" in resolve.inflections("Максима Кузьминова")
    assert "ivshin" in resolve.inflections("Ившиной") and "ivshina" in resolve.inflections("Ившиной")
    assert resolve.inflections("GUR") == []  # short words are never cut


def test_an_ambiguous_first_name_lists_the_candidates(seed_store, seed_out):
    with pytest.raises(NotFound) as err:
        api.profile(seed_store, "Maksim")
    assert {"maxim-kuzminov", "maxim-fighter-bomber-pilot"} <= set(err.value.suggestions)
    r = run_dkg("profile", "Maksim", "--out", str(seed_out))
    assert r.returncode == 1
    assert "maxim-kuzminov" in r.stderr and "maxim-fighter-bomber-pilot" in r.stderr
    assert r.stdout == ""
    # a whole name is not ambiguous, nor a surname a description merely mentions
    assert api.resolve_entity(seed_store, "Maxim Kuzminov").slug == "maxim-kuzminov"
    assert api.resolve_entity(seed_store, "Kuzminov").slug == "maxim-kuzminov"


def test_a_misspelt_name_suggests_the_person(seed_out):
    r = run_dkg("find", "Kuzminof", "--out", str(seed_out))
    assert r.returncode == 1
    assert "did you mean maxim-kuzminov" in r.stderr


class Counting:
    """A store that counts the rows its queries return."""

    def __init__(self, store):
        self.store, self.rows = store, 0

    def query(self, sparql, bindings=None):
        result = self.store.query(sparql, bindings=bindings)
        self.rows += len(result.rows)
        return result

    def __getattr__(self, name):
        return getattr(self.store, name)


def test_find_reads_the_candidates_not_every_name(seed_store):
    every = len(api.entity_names(seed_store))
    counting = Counting(seed_store)
    hits = api.find(counting, "Maxim Kuzminov")
    assert hits[0].slug == "maxim-kuzminov"
    assert counting.rows < every / 4, (counting.rows, every)
