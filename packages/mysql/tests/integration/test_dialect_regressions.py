"""Defects of issue #9 with no capability flag of their own, proven through the dialect: the statement
is built from the core's objects, rendered by our dialect and run live. Each test failed before its fix.

The defects that prove a capability (AUTO_INCREMENT, generated columns, sequences, JSON_TABLE, SPATIAL
and functional indexes, INSERT IGNORE / REPLACE, COLLATE, literals in DDL, triggers, views, CREATE
TABLE LIKE, MODIFY COLUMN, column foreign keys) are conformance cases in the toolkit's
``testing/conformance/cases/mysql.py``, run by ``tests/conformance``."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column, FunctionCall, Literal, Subquery, TableExpression
from rhosocial.activerecord.backend.expression import statements as st
from rhosocial.activerecord.backend.expression.advanced_functions import AnyExpression
from rhosocial.activerecord.backend.expression.functions import strpos
from rhosocial.activerecord.backend.expression.query_sources import (
    LateralExpression,
)
from rhosocial.activerecord.backend.expression.types import IntegerType, VarCharType

pytestmark = pytest.mark.server

T = "it_reg"


def run(b, expr) -> None:
    sql, params = expr.to_sql()
    b.execute(sql, params)


def rows(b, expr) -> list:
    sql, params = expr.to_sql()
    return b.fetch_all(sql, params)


def create(b, columns, **kw) -> None:
    b.execute(f"DROP TABLE IF EXISTS {T}")
    sql, params = st.CreateTableExpression(b.dialect, T, columns, **kw).to_sql()
    assert params == (), "DDL takes no bind parameters: literals are written into the text"
    b.execute(sql)


def insert(b, names, *values_rows, **kw):
    d = b.dialect
    source = st.ValuesSource(d, [[Literal(d, v) for v in row] for row in values_rows])
    return st.InsertExpression(d, T, source, list(names), **kw)


def select(b, *names, **kw):
    d = b.dialect
    return st.QueryExpression(d, [Column(d, n) for n in names], from_=TableExpression(d, T), **kw)


@pytest.fixture
def b(backend):
    yield backend
    backend.execute(f"DROP TABLE IF EXISTS {T}")


def test_lateral_refused_where_missing(b):
    d = b.dialect
    create(b, [st.ColumnDefinition("v", IntegerType())])
    run(b, insert(b, ["v"], [1], [2]))
    inner = st.QueryExpression(d, [Column(d, "v", table=T, alias="w")])
    lateral = LateralExpression(d, Subquery(d, inner), alias="x")
    q = st.QueryExpression(d, [Column(d, "w", table="x")], from_=[TableExpression(d, T), lateral])
    if not d.supports_lateral_join():
        with pytest.raises(UnsupportedFeatureError, match=rf"{d.name}.*{'.'.join(map(str, d.version[:2]))}"):
            q.to_sql()
        return
    assert sorted(r["w"] for r in rows(b, q)) == [1, 2]


def test_strpos_finds_the_position(b):
    d = b.dialect
    q = st.QueryExpression(d, [strpos(d, "hello", "l").as_("p")])
    assert rows(b, q) == [{"p": 3}]


def test_any_subquery(b):
    d = b.dialect
    create(b, [st.ColumnDefinition("v", IntegerType())])
    run(b, insert(b, ["v"], [1], [2], [3]))
    inner = st.QueryExpression(d, [Literal(d, 2)])
    q = select(b, "v", where=AnyExpression(d, Column(d, "v"), ">=", inner))
    assert rows(b, q) == [{"v": 2}, {"v": 3}]


def test_expression_default_is_evaluated(b):
    d = b.dialect
    default = st.ColumnConstraint(
        st.ColumnConstraintType.DEFAULT, default_value=FunctionCall(d, "CONCAT", Literal(d, "a"), Literal(d, "b"))
    )
    create(b, [st.ColumnDefinition("v", IntegerType()), st.ColumnDefinition("s", VarCharType(10), [default])])
    run(b, insert(b, ["v"], [1]))
    assert rows(b, select(b, "s")) == [{"s": "ab"}]
