"""Messages that help a curator mend a mistake: a misspelt field gets the field meant, an
unknown property is matched by meaning and by what fits its subject, not only by spelling; and
the vocabulary has what a new article needs (a death and its circumstances)."""

from __future__ import annotations

import pytest

from dkg.loaders.corpus import load_corpus
from dkg.schema.errors import DataProblems

DOC = """\
document:
  id: curator-test
  name: A report on the pilot's later life
  kind: news_report
claims:
{claims}
"""


def _messages(data, claims: str) -> list[str]:
    (data / "sources" / "curator-test.yaml").write_text(DOC.format(claims=claims), encoding="utf-8")
    with pytest.raises(DataProblems) as err:
        load_corpus(data)
    return [str(p) for p in err.value.problems]


def test_a_misspelt_field_suggests_the_field_meant(data_copy):
    (msg,) = _messages(data_copy, "  - {subject: maxim-kuzminov, property: age, value: {amount: 28, unit: year}, cite: [hur-statement-kuzminov]}")
    assert msg.startswith("data/sources/curator-test.yaml:6:") and "claims[0].cite: unknown field; did you mean 'cites'?" in msg


def test_a_property_guessed_by_meaning_is_matched_by_meaning(data_copy):
    (msg,) = _messages(data_copy, "  - {subject: maxim-kuzminov, property: lived_in, value: {entity: primorye}}")
    assert "unknown property 'lived_in'; did you mean 'based_at' (based at)" in msg
    assert msg.index("'based_at'") < (msg.index("'served_in'") if "'served_in'" in msg else len(msg))


def test_a_death_and_its_circumstances(data_copy):
    claims = (
        "  - {subject: maxim-kuzminov, property: date_of_death, value: {date: 2024-02-13}, quote: found dead}\n"
        "  - {subject: maxim-kuzminov, property: place_of_death, value: {entity: spain}, quote: found dead in Spain}\n"
        "  - {subject: maxim-kuzminov, property: cause_of_death, value: {text: shot}, quote: was shot}"
    )
    (data_copy / "registry" / "curator-test.yaml").write_text("places:\n  - {id: spain, name: Spain, kind: country}\n", encoding="utf-8")
    (data_copy / "sources" / "curator-test.yaml").write_text(DOC.format(claims=claims), encoding="utf-8")
    corpus = load_corpus(data_copy)
    props = {c.entry.property for c, _a in corpus.claims_in("curator-test")}
    assert props == {"date_of_death", "place_of_death", "cause_of_death"}
