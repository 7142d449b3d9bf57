"""Pure logic of the model-level fast paths: which column adapters a result may skip, the row shaper's
plan reuse, LIMIT/OFFSET rendering, remembered adapter suggestions."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import psycopg
import pytest
from psycopg import pq

from rhosocial.activerecord.backend.impl.postgres import PostgresDialect
from rhosocial.activerecord.backend.impl.postgres.adapters import PostgresArrayAdapter
from rhosocial.activerecord.backend.impl.postgres.adapters.arrays import AdapterSuggestions
from rhosocial.activerecord.backend.impl.postgres.backend.rows import RowShaper, passes_through
from rhosocial.activerecord.backend.toolkit.adapters.numeric import ExactDecimalAdapter

NUMERIC, TEXT = 1700, 25
DECIMAL_LOADER = psycopg.adapters.get_loader(NUMERIC, pq.Format.TEXT)


class CustomDecimal(ExactDecimalAdapter):
    pass


def test_exact_decimal_adapter_passes_numeric_through_only_with_psycopgs_loader():
    adapter = ExactDecimalAdapter()
    assert passes_through(adapter, Decimal, NUMERIC, DECIMAL_LOADER)
    assert passes_through(adapter, Decimal, NUMERIC, psycopg.adapters.get_loader(NUMERIC, pq.Format.BINARY))
    assert not passes_through(adapter, Decimal, NUMERIC, object)  # a loader registered by the application
    assert not passes_through(adapter, Decimal, TEXT, psycopg.adapters.get_loader(TEXT, pq.Format.TEXT))
    assert not passes_through(adapter, str, NUMERIC, DECIMAL_LOADER)
    assert not passes_through(CustomDecimal(), Decimal, NUMERIC, DECIMAL_LOADER)  # a subclass may convert


class FakeResult:
    status = pq.ExecStatus.TUPLES_OK

    def __init__(self, columns):
        self.columns = columns  # [(name, oid)]
        self.nfields = len(columns)

    def fname(self, i):
        return self.columns[i][0].encode()

    def ftype(self, i):
        return self.columns[i][1]

    def fformat(self, i):
        return pq.Format.TEXT


class Halving(ExactDecimalAdapter):
    def from_database(self, value, target_type, options=None, **kwargs):
        return value / 2


def cursor(columns):
    return SimpleNamespace(pgresult=FakeResult(columns), _encoding="utf-8", adapters=psycopg.adapters)


def test_row_shaper_applies_adapters_and_mapping_and_skips_pass_through_columns():
    shaper = RowShaper()
    shaper.use({"amount": (ExactDecimalAdapter(), Decimal), "qty": (Halving(), Decimal)}, {"qty": "quantity"})
    make = shaper(cursor([("amount", NUMERIC), ("qty", NUMERIC)]))
    amount = Decimal("1.50")
    row = make((amount, Decimal(4)))
    assert row == {"amount": amount, "quantity": Decimal(2)}
    assert row["amount"] is amount


def test_row_shaper_keeps_its_plan_while_columns_adapters_and_mapping_repeat():
    shaper = RowShaper()
    adapters = {"qty": (Halving(), Decimal)}
    shaper.use(adapters, None)
    first = shaper(cursor([("qty", NUMERIC)]))
    shaper.use({"qty": adapters["qty"]}, None)  # an equal dict, as the core builds one per call
    assert shaper(cursor([("qty", NUMERIC)])) is first
    assert shaper(cursor([("qty", TEXT)])) is not first  # another column type: resolved again
    shaper.use(None, None)
    plain = shaper(cursor([("qty", NUMERIC)]))
    assert plain((Decimal(4),)) == {"qty": Decimal(4)}  # no adapter for this statement
    shaper.use(None, {"qty": "q"})
    assert shaper(cursor([("qty", NUMERIC)]))((1,)) == {"q": 1}


def test_row_shaper_answers_a_statement_without_rows():
    make = RowShaper()(SimpleNamespace(pgresult=None))
    with pytest.raises(TypeError, match="no rows"):
        make(())


def test_limit_offset_render_as_placeholders_or_expressions():
    from rhosocial.activerecord.backend.expression import RawSQLExpression
    from rhosocial.activerecord.backend.expression.query_parts import LimitOffsetClause

    dialect = PostgresDialect()
    assert dialect.format_limit_offset_clause(LimitOffsetClause(dialect, limit=1)) == ("LIMIT %s", (1,))
    assert dialect.format_limit_offset_clause(LimitOffsetClause(dialect, limit=5, offset=10)) == (
        "LIMIT %s OFFSET %s",
        (5, 10),
    )
    expr = LimitOffsetClause(dialect, limit=RawSQLExpression(dialect, "ALL"), offset=3)
    assert dialect.format_limit_offset_clause(expr) == ("LIMIT ALL OFFSET %s", (3,))


def test_adapter_suggestions_remember_array_and_empty_answers():
    arrays = PostgresArrayAdapter()
    suggestions = AdapterSuggestions({Decimal: ("decimal", Decimal)}, arrays)
    for _ in range(2):
        assert suggestions.get(Decimal) == ("decimal", Decimal)
        assert suggestions.get(list[int]) == (arrays, list)
        assert suggestions.get(int) is None
        assert suggestions.get(int, "dflt") == "dflt"
        assert suggestions.get(list[dict]) is None  # JSON, not an array
    assert suggestions.get({"unhashable": 1}.keys().__class__) is None
