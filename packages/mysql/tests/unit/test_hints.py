"""Index hints render on both flavours; optimizer hints render on MySQL 8 and are refused on MariaDB."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.expression import Column
from rhosocial.activerecord.backend.impl.mysql import MariaDBDialect, MySQLDialect
from rhosocial.activerecord.backend.impl.mysql.hints import HintedQuery, HintedTable
from rhosocial.activerecord.backend.toolkit.capabilities import UnsupportedCapabilityError


@pytest.mark.parametrize("dialect", [MySQLDialect((8, 0, 36)), MariaDBDialect((10, 11, 0))])
def test_index_hints(dialect):
    table = HintedTable(dialect, "orders", alias="o", force=["ix_created"], ignore=["ix_a", "ix_b"])
    assert table.to_sql() == ("`orders` AS `o` FORCE INDEX (`ix_created`) IGNORE INDEX (`ix_a`, `ix_b`)", ())
    scoped = HintedTable(dialect, "orders", use=["PRIMARY"], scope="ORDER BY")
    assert scoped.to_sql()[0] == "`orders` USE INDEX FOR ORDER BY (`PRIMARY`)"
    with pytest.raises(ValueError, match="scope"):
        HintedTable(dialect, "orders", use=["x"], scope="WHERE")


def test_optimizer_hints_on_mysql_8():
    d = MySQLDialect((8, 0, 36))
    query = HintedQuery(
        d, [Column(d, "id")], from_=HintedTable(d, "t"), optimizer_hints=["MAX_EXECUTION_TIME(1000)", "NO_ICP(t)"]
    )
    assert query.to_sql()[0] == "SELECT /*+ MAX_EXECUTION_TIME(1000) NO_ICP(t) */ `id` FROM `t`"
    with pytest.raises(ValueError, match="not an optimizer hint"):
        HintedQuery(d, [Column(d, "id")], from_=HintedTable(d, "t"), optimizer_hints=["X */ DROP"]).to_sql()


def test_optimizer_hints_refused_on_mariadb():
    d = MariaDBDialect((10, 11, 0))
    query = HintedQuery(d, [Column(d, "id")], from_=HintedTable(d, "t"), optimizer_hints=["NO_ICP(t)"])
    with pytest.raises(UnsupportedCapabilityError, match="optimizer_hints"):
        query.to_sql()
