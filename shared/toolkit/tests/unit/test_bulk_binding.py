"""bulk_binding: which columns of an execute_many bind as they are."""

from __future__ import annotations

from decimal import Decimal

from rhosocial.activerecord.backend.toolkit.adapters.numeric import ExactDecimalAdapter
from rhosocial.activerecord.backend.toolkit.bulk_binding import binds_as_is, positional_columns, rows_bind_as_is


class NoPassing:
    def to_database(self, value, target):
        return value


SUGGESTIONS = {Decimal: (ExactDecimalAdapter(), Decimal), bytes: (NoPassing(), bytes), bool: (NoPassing(), int)}
suggest = SUGGESTIONS.get


def test_positional_columns():
    assert positional_columns([(1, "a"), [2, "b"]]) == [[1, 2], ["a", "b"]]
    assert positional_columns([(1, "a")], width=2) == [[1], ["a"]]
    assert positional_columns([(1, "a")], width=3) is None
    assert positional_columns([(1, "a"), (2,)]) is None  # ragged
    assert positional_columns([(1,), {"k": 2}]) is None  # named sets
    assert positional_columns([]) is None
    assert positional_columns(iter([(1,)])) is None  # an iterator is read once: not here


def test_binds_as_is():
    assert binds_as_is(suggest, [1, None, 3])  # no adapter for int or None
    assert binds_as_is(suggest, ["a", "b"])
    assert binds_as_is(suggest, [Decimal("1.5"), Decimal("2")])  # one type whose adapter passes through
    assert not binds_as_is(suggest, [Decimal("1.5"), Decimal("NaN")])  # refused by the adapter, per value
    assert not binds_as_is(suggest, [Decimal("1.5"), None])  # two types, one with an adapter
    assert not binds_as_is(suggest, [True, 1])
    assert not binds_as_is(suggest, [b"x"])  # an adapter without passes_through


def test_rows_bind_as_is():
    assert rows_bind_as_is(suggest, [(1, "a", Decimal("1")), (2, None, Decimal("2"))])
    assert not rows_bind_as_is(suggest, [(1, b"x")])
    assert not rows_bind_as_is(suggest, [(1,), (2, 3)])
    assert not rows_bind_as_is(suggest, [])
