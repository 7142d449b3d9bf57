"""Scale-0 DECIMAL results become int; other DECIMALs, adapted columns and other types are untouched."""

from decimal import Decimal

from rhosocial.activerecord.backend.impl.mysql.backend.integral import decimals_in, scale_zero_columns
from rhosocial.activerecord.backend.impl.mysql.backend.rows import to_dicts

# mysql-connector's description: (name, type_code, ...); 246 NEWDECIMAL, 3 LONG
DESCRIPTION = [("total", 246), ("mean", 246), ("n", 3), ("typed", 246)]
ROWS = [(None, Decimal("2.5000"), 1, Decimal("7")), (Decimal("5"), None, 2, Decimal("8"))]


class Keep:
    """A model field's adapter that hands values back as they are."""

    @staticmethod
    def from_database(value, target):
        return value


def test_scale_zero_becomes_int_and_the_rest_stays():
    data = to_dicts(DESCRIPTION, ROWS, {"typed": (Keep, Decimal)}, None)
    assert type(data[1]["total"]) is int
    assert data[1]["total"] == 5
    assert data[0]["total"] is None
    assert type(data[0]["mean"]) is Decimal
    assert type(data[0]["typed"]) is Decimal  # a model field's adapter decides
    assert data[0]["n"] == 1


def test_follows_the_column_mapping():
    data = to_dicts([("total", 246)], [(Decimal("5"),)], None, {"total": "sum_n"})
    assert type(data[0]["sum_n"]) is int


def test_the_first_non_null_value_decides():
    assert scale_zero_columns(ROWS, (0, 1, 3)) == [0, 3]
    assert scale_zero_columns([(None,), (None,)], (0,)) == []
    assert decimals_in(ROWS, 0)
    assert decimals_in([(None,)], 0)
    assert not decimals_in([(None,), ("5",)], 0)


def test_nothing_to_do():
    assert to_dicts(DESCRIPTION, [], None, None) == []
