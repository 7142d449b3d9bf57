"""What users of the earlier PostgreSQL backend call, live, sync and async (issue 11, drop-in)."""

from __future__ import annotations

import datetime
import inspect
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.errors import IntegrityError
from rhosocial.activerecord.backend.expression import Literal, QueryExpression, RawSQLExpression
from rhosocial.activerecord.backend.expression.functions.datetime import date_diff
from rhosocial.activerecord.backend.expression.statements import ExplainFormat, ExplainOptions

pytestmark = pytest.mark.server


async def _maybe(value):
    return await value if inspect.isawaitable(value) else value


async def test_execute_without_options_returns_rows(db, table):
    assert (await db.execute("SELECT 1 AS a, 'x' AS b")).data == [{"a": 1, "b": "x"}]
    created = await db.execute(f'CREATE TABLE "{table}" (id INT PRIMARY KEY, name TEXT)')
    assert created.data is None  # no result set: nothing read
    inserted = await db.execute(f'INSERT INTO "{table}" VALUES (1, %s) RETURNING id', ("a",))
    assert inserted.data == [{"id": 1}]
    plain = await db.execute(f'INSERT INTO "{table}" VALUES (2, %s)', ("b",))
    assert plain.data is None
    assert plain.affected_rows == 1


async def test_execute_result_keywords(db, table):
    from rhosocial.activerecord.backend.type_adapter import BaseSQLTypeAdapter

    class Upper(BaseSQLTypeAdapter):
        def __init__(self):
            super().__init__()
            self._register_type(str, str)

        def _do_to_database(self, value, target_type, options=None):
            return value

        def _do_from_database(self, value, target_type, options=None):
            return value.upper()

    mapped = await db.execute("SELECT 1 AS a, 'x' AS b", column_mapping={"a": "first"})
    assert mapped.data == [{"first": 1, "b": "x"}]
    adapted = await db.execute("SELECT 'x' AS b", column_adapters={"b": (Upper(), str)})
    assert adapted.data == [{"b": "X"}]


async def test_date_diff_in_each_unit(db):
    d = db.backend.dialect
    start = Literal(d, datetime.datetime(2024, 1, 31, 12, 0))
    end = Literal(d, datetime.datetime(2025, 3, 2, 18, 30))
    # 396 days (2024 is a leap year) and 6.5 hours; 1 year, 1 month and a bit by the calendar
    expected = {
        "second": 34237800,
        "hour": Decimal("9510.5"),
        "week": Decimal(34237800) / 604800,
        "month": 13,
        "year": 1,
    }
    for unit, value in expected.items():
        expr = date_diff(d, unit, start, end)
        query = QueryExpression(d, select=[expr.as_("diff") if hasattr(expr, "as_") else expr])
        sql, params = query.to_sql()
        row = (await db.execute(sql, params)).data[0]
        assert abs(Decimal(str(next(iter(row.values())))) - value) < Decimal("1e-9"), (unit, row)
    dates = date_diff(d, "day", Literal(d, datetime.date(2024, 2, 1)), Literal(d, datetime.date(2024, 3, 1)))
    sql, params = QueryExpression(d, select=[dates]).to_sql()
    assert Decimal(str(next(iter((await db.execute(sql, params)).data[0].values())))) == 29


async def test_parse_type_reads_the_catalogue(db, table):
    from rhosocial.activerecord.backend.expression.types import (
        ArrayType,
        CustomType,
        DecimalType,
        TimestampTzType,
        VarCharType,
    )

    await db.execute(
        f'CREATE TABLE "{table}" (a VARCHAR(20), b NUMERIC(10,2), c TIMESTAMP(3) WITH TIME ZONE, d INT[], e UUID)'
    )
    rows = (
        await db.execute(
            "SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 ORDER BY attnum",
            (f'"{table}"',),
        )
    ).data
    parsed = {r["attname"]: db.backend.dialect.parse_type(r["t"]) for r in rows}
    assert isinstance(parsed["a"], VarCharType)
    assert parsed["a"].length == 20
    assert isinstance(parsed["b"], DecimalType)
    assert (parsed["b"].precision, parsed["b"].scale) == (10, 2)
    assert isinstance(parsed["c"], TimestampTzType)
    assert parsed["c"].precision == 3
    assert isinstance(parsed["d"], ArrayType)
    assert parsed["d"].dimensions == 1
    assert isinstance(parsed["e"], CustomType)
    assert parsed["e"].raw == "uuid"
    for name, data_type in parsed.items():  # each parsed type renders back to what the server stores
        rendered, _ = db.backend.dialect.format_data_type(data_type)
        same = (await db.execute("SELECT format_type(%s::regtype, NULL) AS x", (rendered.split("(")[0],))).data
        assert same, name


async def test_deferred_constraints_from_the_transaction_manager(db, table):
    await db.execute(
        f'CREATE TABLE "{table}" (id INT PRIMARY KEY, parent INT, CONSTRAINT "{table}_fk" FOREIGN KEY (parent) '
        f'REFERENCES "{table}"(id) DEFERRABLE INITIALLY IMMEDIATE)'
    )
    manager = db.backend.transaction_manager
    await _maybe(manager.begin())
    await _maybe(manager.defer_constraints(f"{table}_fk"))
    await db.execute(f'INSERT INTO "{table}" VALUES (1, 2)')  # parent 2 does not exist yet: checked at COMMIT
    await db.execute(f'INSERT INTO "{table}" VALUES (2, NULL)')
    await _maybe(manager.commit())
    await _maybe(manager.begin())
    await _maybe(manager.defer_constraints())
    await db.execute(f'INSERT INTO "{table}" VALUES (3, 99)')
    with pytest.raises(IntegrityError):
        await _maybe(manager.immediate_constraints())  # pending rows are checked now
    await _maybe(manager.rollback())
    rows = (await db.execute(f'SELECT id FROM "{table}" ORDER BY id')).data
    assert [r["id"] for r in rows] == [1, 2]


async def test_explain_helpers(db, table):
    d = db.backend.dialect
    await db.execute(f'CREATE TABLE "{table}" (id INT PRIMARY KEY, v INT)')
    await db.execute(f'INSERT INTO "{table}" SELECT g, g FROM generate_series(1, 2000) g')
    await db.execute(f'ANALYZE "{table}"')
    by_key = RawSQLExpression(d, f'SELECT v FROM "{table}" WHERE id = 7')
    by_value = RawSQLExpression(d, f'SELECT v FROM "{table}" WHERE v = 7')
    covered = RawSQLExpression(d, f'SELECT id FROM "{table}" WHERE id = 7')
    for options in (None, ExplainOptions(format=ExplainFormat.JSON)):
        keyed = await db.explain(by_key, options)
        assert keyed.is_index_used
        assert not keyed.is_full_scan
        assert keyed.index_names == [f"{table}_pkey"]
        assert keyed.estimated_rows == 1
        scanned = await db.explain(by_value, options)
        assert scanned.is_full_scan
        assert not scanned.is_index_used
        assert scanned.analyze_index_usage() == "full_scan"
    json_plan = ExplainOptions(format=ExplainFormat.JSON)
    assert (await db.explain(covered, json_plan)).analyze_index_usage() in ("covering_index", "index_with_lookup")
    analyzed = await db.explain(by_value, ExplainOptions(analyze=True, format=ExplainFormat.JSON))
    assert analyzed.actual_rows == 1
    assert analyzed.seq_scan_tables == [table]


async def test_create_table_like_including(db, table):
    from rhosocial.activerecord.backend.expression.statements import CreateTableExpression

    d = db.backend.dialect
    await db.execute(f'CREATE TABLE "{table}" (id INT PRIMARY KEY, n INT DEFAULT 5 CHECK (n > 0))')
    copy = f"{table}_copy"
    try:
        sql, params = CreateTableExpression(
            d, copy, [], dialect_options={"like_table": table, "like_including": ["DEFAULTS", "CONSTRAINTS"]}
        ).to_sql()
        assert "LIKE" in sql
        assert "INCLUDING DEFAULTS INCLUDING CONSTRAINTS" in sql
        await db.execute(sql, params)
        await db.execute(f'INSERT INTO "{copy}" (id) VALUES (1)')
        assert (await db.execute(f'SELECT n FROM "{copy}"')).data == [{"n": 5}]
        with pytest.raises(IntegrityError):
            await db.execute(f'INSERT INTO "{copy}" VALUES (2, -1)')
    finally:
        await db.execute(f'DROP TABLE IF EXISTS "{copy}"')
