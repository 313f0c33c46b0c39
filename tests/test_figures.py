"""Figures as intervals (schema/figures.py): how each printed bound becomes an interval, when two
intervals meet, and how a value reads back."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from dkg.schema.figures import Interval, describe, interval
from dkg.schema.models import Value


@pytest.mark.parametrize(
    "value, expected",
    [
        (Value(amount=18000, bound="more_than", unit="person"), Interval(D(18000), None, low_open=True)),
        (Value(amount=18000, bound="at_least"), Interval(D(18000), None)),
        (Value(amount=500000, bound="at_most", currency="USD"), Interval(None, D(500000))),
        (Value(amount=10, bound="less_than"), Interval(None, D(10), high_open=True)),
        (Value(amount=12000, bound="approximate"), Interval(D(10800), D(13200))),
        (Value(min=450000, max=500000, currency="USD"), Interval(D(450000), D(500000))),
        (Value(amount=28, unit="year"), Interval(D(28), D(28))),
    ],
)
def test_each_bound_becomes_an_interval(value, expected):
    assert interval(value) == expected


def test_meeting_respects_open_ends():
    more_than = Interval(D(18000), None, low_open=True)
    assert not more_than.meets(Interval(D(18000), D(18000)))  # "more than 18,000" is not 18,000
    assert more_than.meets(Interval(D(18001), D(18001)))
    assert Interval(D(450000), D(500000)).meets(Interval(D(500000), D(500000)))  # a range and its end
    assert not Interval(None, D(10), high_open=True).meets(Interval(D(10), None))
    assert Interval(None, None).meets(Interval(D(1), D(1)))


def test_approximate_is_ten_percent_either_way():
    around = interval(Value(amount=6000, bound="approximate"))
    assert around.meets(interval(Value(amount=6600))) and not around.meets(interval(Value(amount=6601)))


def test_describe_reads_a_value_back():
    assert describe(Value(amount=18000, bound="more_than", unit="person")) == "more than 18,000 person"
    assert describe(Value(min=450000, max=500000, currency="USD")) == "between 450,000 and 500,000 USD"
    assert describe(Value(entity="hur"), {"hur": "HUR"}) == "HUR"
    assert describe(Value(date="2023-08")) == "2023-08"
