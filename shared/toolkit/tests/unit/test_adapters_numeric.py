"""ExactDecimalAdapter: Decimal never passes through float, in or out."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

import pytest

from rhosocial.activerecord.backend.toolkit.adapters import ExactDecimalAdapter

ADAPTER = ExactDecimalAdapter()
EXACT = Decimal("12345678901234567890.0123456789")


def test_supported_pairs():
    assert ADAPTER.supported_types == {Decimal: {Decimal, str}}


@pytest.mark.parametrize("value", [EXACT, Decimal("-0.1"), Decimal("0E-10"), Decimal("1E+30")])
def test_round_trip_through_decimal_and_text(value):
    assert ADAPTER.from_database(ADAPTER.to_database(value, Decimal), Decimal) == value
    as_text = ADAPTER.to_database(value, str)
    assert as_text == str(value)
    restored = ADAPTER.from_database(as_text, Decimal)
    assert restored == value
    assert str(restored) == str(value)  # same digits and exponent


def test_ints_are_accepted_bools_are_not():
    assert ADAPTER.to_database(7, Decimal) == Decimal(7)
    assert ADAPTER.from_database(7, Decimal) == Decimal(7)
    with pytest.raises(TypeError, match="Cannot convert bool value True to Decimal"):
        ADAPTER.to_database(True, Decimal)
    with pytest.raises(TypeError, match="Cannot convert bool value False to Decimal"):
        ADAPTER.from_database(False, Decimal)


def test_float_input_is_refused():
    with pytest.raises(TypeError, match=r"Cannot convert float value 0\.1 to str"):
        ADAPTER.to_database(0.1, str)


def test_float_from_driver_keeps_its_shortest_repr():
    # A driver returning float (FLOAT/DOUBLE columns): 0.1, not 0.1000000000000000055511151231257827.
    assert ADAPTER.from_database(0.1, Decimal) == Decimal("0.1")
    assert ADAPTER.from_database(1e-7, Decimal) == Decimal("1E-7")
    assert Decimal(0.1) != Decimal("0.1")  # noqa: RUF032 - the float path the adapter avoids


def test_non_finite_values():
    with pytest.raises(ValueError, match="NaN cannot be stored in an exact numeric column"):
        ADAPTER.to_database(Decimal("NaN"), Decimal)
    with pytest.raises(ValueError, match="-Infinity cannot be stored"):
        ADAPTER.to_database(Decimal("-Infinity"), Decimal)
    assert ADAPTER.to_database(Decimal("Infinity"), str) == "Infinity"  # text columns may hold it


def test_bad_text_from_database_names_the_value():
    with pytest.raises(TypeError, match=r"Cannot convert '12,5' to Decimal"):
        ADAPTER.from_database("12,5", Decimal)


def test_unsupported_driver_value_names_both_types():
    with pytest.raises(TypeError, match=r"Cannot convert bytes value b'1' to Decimal"):
        ADAPTER.from_database(b"1", Decimal)


def test_precision_option_quantizes_half_up_by_default():
    assert ADAPTER.from_database(Decimal("2.345"), Decimal, {"precision": "0.01"}) == Decimal("2.35")
    assert ADAPTER.from_database("2.345", Decimal, {"precision": "0.01", "rounding": ROUND_DOWN}) == Decimal("2.34")
    assert ADAPTER.from_database(0.125, Decimal, {"precision": "0.1"}) == Decimal("0.1")


def test_none_passes_through():
    assert ADAPTER.to_database(None, Decimal) is None
    assert ADAPTER.from_database(None, Decimal) is None


def test_live_round_trip_postgres_numeric(pg):
    row = pg.execute("SELECT %s::numeric(30,10), 0.1::float8", (ADAPTER.to_database(EXACT, Decimal),)).fetchone()
    assert ADAPTER.from_database(row[0], Decimal) == EXACT
    assert ADAPTER.from_database(row[1], Decimal) == Decimal("0.1")


def test_live_round_trip_mysql_decimal_and_double(my):
    cur = my.cursor()
    cur.execute("CREATE TEMPORARY TABLE n (d DECIMAL(30,10), f DOUBLE)")
    cur.execute("INSERT INTO n VALUES (%s, %s)", (ADAPTER.to_database(EXACT, str), 0.1))
    cur.execute("SELECT d, f FROM n")
    d, f = cur.fetchone()
    assert isinstance(f, float)
    assert ADAPTER.from_database(d, Decimal) == EXACT
    assert ADAPTER.from_database(f, Decimal) == Decimal("0.1")


def test_a_column_of_finite_decimals_passes_through_unchanged():
    adapter = ADAPTER
    assert adapter.passes_through([Decimal("1.5"), Decimal("-2")], Decimal)
    assert not adapter.passes_through([Decimal("1.5"), Decimal("NaN")], Decimal)  # to_database refuses it
    assert not adapter.passes_through([Decimal("1.5"), 2], Decimal)  # an int becomes a Decimal
    assert not adapter.passes_through([Decimal("1.5")], str)  # sent as text
