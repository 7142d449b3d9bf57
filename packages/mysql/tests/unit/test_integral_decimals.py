"""Scale-0 DECIMAL results become int; other DECIMALs, adapted columns and other types are untouched."""

from decimal import Decimal

from rhosocial.activerecord.backend.impl.mysql.backend.integral import ints_for_scale_zero_decimals

# mysql-connector's description: (name, type_code, ...); 246 NEWDECIMAL, 3 LONG
DESCRIPTION = [("total", 246), ("mean", 246), ("n", 3), ("typed", 246)]


def rows():
    return [
        {"total": None, "mean": Decimal("2.5000"), "n": 1, "typed": Decimal("7")},
        {"total": Decimal("5"), "mean": None, "n": 2, "typed": Decimal("8")},
    ]


def test_scale_zero_becomes_int_and_the_rest_stays():
    data = ints_for_scale_zero_decimals(DESCRIPTION, rows(), {"typed": object()}, None)
    assert type(data[1]["total"]) is int
    assert data[1]["total"] == 5
    assert data[0]["total"] is None
    assert type(data[0]["mean"]) is Decimal
    assert type(data[0]["typed"]) is Decimal  # a model field's adapter decides
    assert data[0]["n"] == 1


def test_follows_the_column_mapping():
    data = [{"sum_n": Decimal("5")}]
    assert type(ints_for_scale_zero_decimals([("total", 246)], data, None, {"total": "sum_n"})[0]["sum_n"]) is int


def test_nothing_to_do():
    assert ints_for_scale_zero_decimals(DESCRIPTION, [], None, None) == []
    assert ints_for_scale_zero_decimals(None, None, None, None) is None
