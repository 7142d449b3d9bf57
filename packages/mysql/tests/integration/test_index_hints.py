"""Index hints reach the optimizer: EXPLAIN of the rendered query uses the forced index, ignores the ignored one."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.expression import Column, Literal
from rhosocial.activerecord.backend.expression.statements import QueryExpression
from rhosocial.activerecord.backend.impl.mysql.hints import HintedTable

pytestmark = pytest.mark.server

TABLE = "ih_orders"


@pytest.fixture
def orders(backend):
    backend.execute(f"DROP TABLE IF EXISTS {TABLE}")
    backend.execute(f"CREATE TABLE {TABLE} (id INT PRIMARY KEY, a INT, b INT, KEY ix_a (a), KEY ix_b (b))")
    backend.execute_many(f"INSERT INTO {TABLE} VALUES (%s, %s, %s)", [(i, i % 7, i % 5) for i in range(1, 200)])
    yield TABLE
    backend.execute(f"DROP TABLE IF EXISTS {TABLE}")


def plan_key(backend, table) -> object:
    d = backend.dialect
    where = (Column(d, "a") == Literal(d, 3)) & (Column(d, "b") == Literal(d, 2))
    query = QueryExpression(d, [Column(d, "id")], from_=table, where=where)
    sql, params = query.to_sql()
    return backend.fetch_all(f"EXPLAIN {sql}", params)[0]["key"]


def test_force_and_ignore_index(backend, orders):
    d = backend.dialect
    assert plan_key(backend, HintedTable(d, orders, force=["ix_b"])) == "ix_b"
    assert plan_key(backend, HintedTable(d, orders, force=["ix_a"])) == "ix_a"
    assert plan_key(backend, HintedTable(d, orders, ignore=["ix_a", "ix_b"])) is None
