"""Hierarchical queries attached to the core's QueryExpression (issue #13 query features)."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column, Literal, QueryExpression, TableExpression
from rhosocial.activerecord.backend.expression.query_parts import OrderByClause, WhereClause
from rhosocial.activerecord.backend.impl.oracle import OracleDialect
from rhosocial.activerecord.backend.impl.oracle.binds import to_oracle_sql
from rhosocial.activerecord.backend.impl.oracle.hierarchical import ConnectBy, connect_by_root, level, path, prior


@pytest.fixture
def d() -> OracleDialect:
    return OracleDialect()


def test_tree_walk_with_roots_nocycle_and_siblings_order(d, grammar):
    q = QueryExpression(
        d,
        select=[Column(d, "name"), level(d), path(d, Column(d, "name"), "/"), connect_by_root(d, Column(d, "name"))],
        from_="employees",
        order_by=OrderByClause(d, [Column(d, "name")]),
        dialect_options={
            "connect_by": ConnectBy(
                condition=prior(d, Column(d, "id")) == Column(d, "manager_id"),
                start_with=Column(d, "manager_id").is_null(),
                nocycle=True,
                order_siblings=True,
            )
        },
    )
    sql, params = q.to_sql()
    assert sql == (
        'SELECT "NAME", LEVEL, SYS_CONNECT_BY_PATH("NAME", \'/\'), CONNECT_BY_ROOT "NAME" FROM "EMPLOYEES" '
        'START WITH "MANAGER_ID" IS NULL CONNECT BY NOCYCLE PRIOR "ID" = "MANAGER_ID" ORDER SIBLINGS BY "NAME"'
    )
    assert params == ()
    grammar(to_oracle_sql(sql))


def test_with_where_and_binds_in_order(d, grammar):
    q = QueryExpression(
        d,
        select=[Column(d, "id")],
        from_=TableExpression(d, "nodes", alias="n"),
        where=WhereClause(d, Column(d, "kind") == Literal(d, "leaf")),
        dialect_options={
            "connect_by": ConnectBy(
                condition=(prior(d, Column(d, "id")) == Column(d, "parent_id")) & (level(d) < Literal(d, 5)),
                start_with=Column(d, "id") == Literal(d, 1),
            )
        },
    )
    sql, params = q.to_sql()
    assert to_oracle_sql(sql) == (
        'SELECT "ID" FROM "NODES" "N" WHERE "KIND" = :1 START WITH "ID" = :2 '
        'CONNECT BY PRIOR "ID" = "PARENT_ID" AND LEVEL < :3'
    )
    assert params == ("leaf", 1, 5)
    grammar(to_oracle_sql(sql))
    no_where = QueryExpression(
        d,
        select=[Column(d, "id")],
        from_=TableExpression(d, "nodes"),
        dialect_options={"connect_by": ConnectBy(condition=prior(d, Column(d, "id")) == Column(d, "parent_id"))},
    )
    assert no_where.to_sql()[0] == 'SELECT "ID" FROM "NODES" CONNECT BY PRIOR "ID" = "PARENT_ID"'


def test_misuse_is_refused(d):
    spec = ConnectBy(condition=prior(d, Column(d, "id")) == Column(d, "parent_id"), order_siblings=True)
    with pytest.raises(ValueError, match="order_by"):
        QueryExpression(d, select=[Column(d, "id")], from_="t", dialect_options={"connect_by": spec}).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="FROM"):
        QueryExpression(d, select=[level(d)], dialect_options={"connect_by": spec}).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="dialect_options"):
        QueryExpression(d, select=[level(d)], from_="t", dialect_options={"start_with": 1}).to_sql()


def test_pseudocolumns_take_aliases(d):
    assert to_oracle_sql(level(d, "depth").to_sql()[0]) == 'LEVEL "DEPTH"'
    assert path(d, Column(d, "n"), "'", "p").to_sql()[0] == "SYS_CONNECT_BY_PATH(\"N\", '''') AS \"P\""
    assert connect_by_root(d, Column(d, "n"), "r").to_sql()[0] == 'CONNECT_BY_ROOT "N" AS "R"'
