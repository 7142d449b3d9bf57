"""rollup() renders as GROUP BY ... WITH ROLLUP; placements WITH ROLLUP cannot express are refused."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column, TableExpression
from rhosocial.activerecord.backend.expression.query_parts import GroupByHavingClause, GroupingExpression
from rhosocial.activerecord.backend.expression.statements import QueryExpression
from rhosocial.activerecord.backend.impl.mysql import MariaDBDialect, MySQLDialect


def grouped(dialect, *group_by):
    return QueryExpression(
        dialect,
        [Column(dialect, "a")],
        from_=TableExpression(dialect, "t"),
        group_by_having=GroupByHavingClause(dialect, group_by=list(group_by)),
    )


@pytest.mark.parametrize("dialect", [MySQLDialect((8, 0, 36)), MariaDBDialect((10, 11, 0))])
def test_rollup_is_with_rollup(dialect):
    rollup = GroupingExpression(dialect, "ROLLUP", [Column(dialect, "a"), Column(dialect, "b")])
    sql, _ = grouped(dialect, rollup).to_sql()
    assert sql.endswith("GROUP BY `a`, `b` WITH ROLLUP")
    assert dialect.supports_rollup()


def test_rollup_next_to_other_items_is_refused():
    d = MySQLDialect((8, 0, 36))
    rollup = GroupingExpression(d, "ROLLUP", [Column(d, "b")])
    with pytest.raises(UnsupportedFeatureError, match="whole GROUP BY"):
        grouped(d, Column(d, "a"), rollup).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="CUBE"):
        grouped(d, GroupingExpression(d, "CUBE", [Column(d, "a")])).to_sql()
