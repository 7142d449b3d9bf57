"""FOR SYSTEM_TIME renders on MariaDB 10.3.4+ in its grammar and is refused on MySQL and older MariaDB."""

from __future__ import annotations

from datetime import datetime

import pytest

from rhosocial.activerecord.backend.expression import Column, TableExpression
from rhosocial.activerecord.backend.expression.statements import QueryExpression
from rhosocial.activerecord.backend.impl.mysql import MariaDBDialect, MySQLDialect
from rhosocial.activerecord.backend.toolkit.capabilities import UnsupportedCapabilityError

T0, T1 = datetime(2024, 1, 1), datetime(2024, 6, 1)


def rendered(dialect, **options):
    source = TableExpression(dialect, "t", temporal_options=options)
    return QueryExpression(dialect, [Column(dialect, "v")], from_=source).to_sql()


def test_mariadb_forms():
    d = MariaDBDialect((10, 11, 0))
    assert rendered(d, as_of=T0) == ("SELECT `v` FROM `t` FOR SYSTEM_TIME AS OF TIMESTAMP %s", (T0,))
    assert rendered(d, between=(T0, T1))[0].endswith("FOR SYSTEM_TIME BETWEEN TIMESTAMP %s AND TIMESTAMP %s")
    assert rendered(d, from_to=(T0, T1))[0].endswith("FOR SYSTEM_TIME FROM TIMESTAMP %s TO TIMESTAMP %s")
    assert rendered(d, all=True)[0].endswith("FOR SYSTEM_TIME ALL")
    with pytest.raises(ValueError, match="unknown temporal option"):
        rendered(d, as_at=T0)


@pytest.mark.parametrize("dialect", [MySQLDialect((8, 4, 0)), MariaDBDialect((10, 3, 0))])
def test_refused_where_there_is_no_system_versioning(dialect):
    assert not dialect.supports_temporal_tables()
    with pytest.raises(UnsupportedCapabilityError, match="system_versioning"):
        rendered(dialect, as_of=T0)
