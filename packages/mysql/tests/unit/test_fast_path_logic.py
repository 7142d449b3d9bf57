"""The per-statement pieces without a server: parameter binding, rows to dicts, bulk INSERT batches."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.impl.mysql.backend.binding import bind, bind_columns, bind_rows, converter_table
from rhosocial.activerecord.backend.impl.mysql.backend.bulk_insert import (
    InsertTemplate,
    c_extension_groups,
    insert_template,
    row_groups,
    statement_budget,
    statements,
)
from rhosocial.activerecord.backend.impl.mysql.backend.rows import to_dicts
from rhosocial.activerecord.backend.toolkit.adapters.numeric import ExactDecimalAdapter
from rhosocial.activerecord.backend.toolkit.errors import DataError


class Quantized(ExactDecimalAdapter):
    def _do_from_database(self, value, target_type, options):
        return super()._do_from_database(value, target_type, {"precision": "0.01"})


class Doubling:
    """An adapter that shows it ran (and with which target type)."""

    @staticmethod
    def to_database(value, target):
        return (value * 2, target)

    @staticmethod
    def from_database(value, target):
        return None if value is None else f"{target.__name__}:{value}"


TABLE = converter_table({int: (Doubling, str)})


def test_bind_adapts_by_exact_type_and_leaves_the_rest():
    assert bind(TABLE, (1, "a", None, True)) == ((2, str), "a", None, True)
    assert bind(TABLE, {"x": 3, "y": "b"}) == {"x": (6, str), "y": "b"}
    assert bind(TABLE, ()) is None
    assert bind(TABLE, None) is None


def test_bind_refuses_non_finite_floats_naming_the_parameter():
    with pytest.raises(DataError, match="parameter 2 is nan"):
        bind(TABLE, ("a", float("nan")))
    with pytest.raises(DataError, match="parameter 'v' is inf"):
        bind(TABLE, {"v": float("inf")})
    assert bind(TABLE, (1.5,)) == (1.5,)


def test_bind_columns_equals_row_wise_binding():
    rows = [(1, "a", None, 2.5), (None, "b", 3, 0.0), (4, "c", None, -1.0)]
    columns = bind_columns(TABLE, rows, 4)
    assert [tuple(row) for row in zip(*columns, strict=True)] == bind_rows(TABLE, rows)
    assert columns[1] == ["a", "b", "c"]  # a column that needs nothing is taken as it is
    # not all positional sets of the INSERT's width: the driver's executemany gets them row by row
    assert bind_columns(TABLE, [(1, "a"), (2,)], 2) is None
    assert bind_columns(TABLE, [(1,), {"k": 3}], 1) is None
    assert bind_columns(TABLE, [(1, 2)], 3) is None
    assert bind_columns(TABLE, [], 1) is None
    assert bind_rows(TABLE, [(1, "a"), {"k": 3}]) == [((2, str), "a"), {"k": (6, str)}]
    with pytest.raises(DataError, match="parameter 1 is -inf"):
        bind_columns(TABLE, [(1.0,), (float("-inf"),)], 1)


DESCRIPTION = [("id", 8), ("name", 253), ("total", 246), ("mean", 246)]


def test_to_dicts_keys_mapping_adapters_and_scale_zero_decimals():
    rows = [(1, "a", None, Decimal("2.50")), (2, "b", Decimal("7"), None)]
    assert to_dicts(DESCRIPTION, rows, None, None) == [
        {"id": 1, "name": "a", "total": None, "mean": Decimal("2.50")},
        {"id": 2, "name": "b", "total": 7, "mean": None},
    ]
    assert type(to_dicts(DESCRIPTION, rows, None, None)[1]["total"]) is int
    mapped = to_dicts(DESCRIPTION, rows, {"name": (Doubling, str)}, {"id": "pk", "total": "sum"})
    assert mapped[0] == {"pk": 1, "name": "str:a", "sum": None, "mean": Decimal("2.50")}
    assert type(mapped[1]["sum"]) is int
    # a model field's adapter decides for its DECIMAL column
    assert type(to_dicts(DESCRIPTION, rows, {"total": (Doubling, int)}, None)[1]["total"]) is str
    assert to_dicts(DESCRIPTION, [], None, None) == []


def test_to_dicts_leaves_decimals_to_an_exact_decimal_adapter_only_when_it_changes_nothing():
    exact = ExactDecimalAdapter()
    rows = [(1, "a", None, Decimal("2.50")), (2, "b", Decimal("7"), None)]
    data = to_dicts(DESCRIPTION, rows, {"total": (exact, Decimal)}, None)
    assert [row["total"] for row in data] == [None, Decimal("7")]
    assert type(data[1]["total"]) is Decimal  # the field's type, not the scale-0 int
    # a driver that hands back something else (floats, text) still goes through the adapter
    converted = to_dicts(DESCRIPTION, [(1, "a", 0.1, None)], {"total": (exact, Decimal)}, None)
    assert converted[0]["total"] == Decimal("0.1")
    # a subclass may convert: it is always called
    data = to_dicts(DESCRIPTION, rows, {"total": (Quantized(), Decimal)}, None)
    assert data[1]["total"] == Decimal("7.00")


def test_to_dicts_duplicate_names_keep_the_last_value_adapted_once():
    assert to_dicts([("x", 3), ("x", 3)], [(1, 2)], {"x": (Doubling, int)}, None) == [{"x": "int:2"}]


@pytest.mark.parametrize(
    ("sql", "width"),
    [
        ("INSERT INTO t (a, b) VALUES (%s, %s)", 2),
        ("insert ignore into `t` values(%s)", 1),
        ("REPLACE INTO t (`values`) VALUES ( %s ,%s,%s )  ", 3),
    ],
)
def test_plain_inserts_qualify(sql, width):
    template = insert_template(sql)
    assert template is not None
    assert template.width == width
    assert template.head.rstrip().upper().endswith(b"VALUES")


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO t (a) VALUES (%s) ON DUPLICATE KEY UPDATE a = VALUES(a)",
        "INSERT INTO t (a) VALUES (%s) RETURNING id",
        "INSERT INTO t (a, b) VALUES (%s, NOW())",
        "INSERT INTO t (a) VALUES (%(a)s)",
        "INSERT INTO t (a) SELECT %s",
        "UPDATE t SET a = %s",
        "INSERT INTO t (a) VALUES ('%s', %s)",
    ],
)
def test_other_statements_do_not(sql):
    assert insert_template(sql) is None


def literal(value):
    return b"NULL" if value is None else repr(value).encode()


def pure_groups():
    return row_groups(lambda row: [literal(v) for v in row])


def test_batches_stay_under_the_budget_and_keep_every_row():
    template = InsertTemplate(b"INSERT INTO t VALUES ", 2)
    columns = [list(range(1000)), ["x" * (i % 7) for i in range(1000)]]
    batches = list(statements(template, columns, pure_groups(), 1024))
    assert len(batches) > 1
    assert all(len(sql) <= 1024 for sql, _ in batches)
    assert sum(count for _, count in batches) == 1000
    assert batches[0][0].startswith(b"INSERT INTO t VALUES (0,''),(1,'x'),")
    one = list(statements(template, [c[:3] for c in columns], pure_groups(), 10**6))
    assert one == [(b"INSERT INTO t VALUES (0,''),(1,'x'),(2,'xx')", 3)]


def test_c_extension_groups_split_one_converter_call_into_rows():
    calls = []

    def convert(*values):
        calls.append(values)
        return [literal(v) for v in values]

    assert c_extension_groups(convert)([(1, 2), (None, "a")]) == [b"1,NULL", b"2,'a'"]
    assert calls == [(1, None, 2, "a")]  # row by row, in one call
    columns = [list(range(12_000)), ["v"] * 12_000]
    template = InsertTemplate(b"INSERT INTO t VALUES ", 2)
    batches = list(statements(template, columns, c_extension_groups(convert), 10**6))
    assert [len(c) for c in calls[1:]] == [10_000, 10_000, 4_000]  # chunks of 5,000 rows
    assert sum(count for _, count in batches) == 12_000


def test_statement_budget():
    assert statement_budget(16 * 1024 * 1024) == 16 * 1024 * 1024 - 4096
    assert statement_budget(1 << 30) == 16 * 1024 * 1024 - 4096
    assert statement_budget(None) == 4 * 1024 * 1024 - 4096
    assert statement_budget(1024) == 1024
