"""What users of the earlier MySQL backends call directly: offline dialects, execute() without options,
the introspection flags, the concurrency hint, the autocommit field. Sync and async share one body."""

from __future__ import annotations

import inspect

import pytest

from rhosocial.activerecord.backend.impl.mysql import (
    MariaDBDialect,
    MySQLConnectionConfig,
    MySQLDialect,
)
from rhosocial.activerecord.backend.introspection.types import IntrospectionScope
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError


async def run(value):
    return await value if inspect.isawaitable(value) else value


def test_dialect_built_offline_from_a_version():
    assert MySQLDialect((8, 0, 36)).version == (8, 0, 36)
    assert MySQLDialect(version=(8, 4)).version == (8, 4, 0)
    assert MySQLDialect((8, 0, 36)).supports_intersect() is True
    assert MySQLDialect((8, 0, 30)).supports_intersect() is False
    assert MariaDBDialect((10, 11, 5)).supports_returning_insert() is True
    assert MariaDBDialect(version=(10, 4)).supports_returning_insert() is False
    assert MySQLDialect().server.version_string == "assumed"


def test_introspection_flags_and_scopes():
    mysql, mariadb = MySQLDialect((8, 0, 0)), MariaDBDialect((10, 11, 0))
    for dialect in (mysql, mariadb):
        assert dialect.supports_introspection()
        assert dialect.supports_column_introspection()
        assert dialect.supports_foreign_key_introspection()
        assert dialect.supports_trigger_introspection()
        assert IntrospectionScope.TABLE in dialect.get_supported_introspection_scopes()
    assert IntrospectionScope.SEQUENCE in mariadb.get_supported_introspection_scopes()
    assert IntrospectionScope.SEQUENCE not in mysql.get_supported_introspection_scopes()


def test_autocommit_field_mapped_or_refused():
    assert MySQLConnectionConfig(autocommit=True).autocommit is True
    with pytest.raises(ConfigurationError, match=r"transaction\(\)"):
        MySQLConnectionConfig(autocommit=False)


@pytest.mark.server
async def test_execute_without_options_returns_rows(either):
    result = await run(either.execute("SELECT 1 AS one, 'x' AS two"))
    assert result.data == [{"one": 1, "two": "x"}]
    shown = await run(either.execute("SHOW VARIABLES LIKE 'version'"))
    assert shown.data
    assert shown.data[0]["Variable_name"] == "version"
    mapped = await run(either.execute("SELECT 2 AS n", column_mapping={"n": "number"}))
    assert mapped.data == [{"number": 2}]
    await run(either.execute("DROP TABLE IF EXISTS dropin_t"))
    ddl = await run(either.execute("CREATE TABLE dropin_t (id INT PRIMARY KEY)"))
    assert ddl.data is None
    inserted = await run(either.execute("INSERT INTO dropin_t VALUES (1), (2)"))
    assert inserted.data is None
    assert inserted.affected_rows == 2
    if isinstance(either.dialect, MariaDBDialect):  # a DML reply with rows: read because the server sent them
        returned = await run(either.execute("DELETE FROM dropin_t WHERE id = 2 RETURNING id"))
        assert returned.data == [{"id": 2}]
    await run(either.execute("DROP TABLE dropin_t"))


@pytest.mark.server
async def test_concurrency_hint(either):
    hint = either.get_concurrency_hint()
    assert hint.max_concurrency is None
    assert "InnoDB" in hint.reason
