"""Capability gates: check() reasons, the table's lookups and require()/report()."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.toolkit.capabilities import (
    ALWAYS,
    Capability,
    CapabilityTable,
    UnsupportedCapabilityError,
)
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version

MARIADB_10_5 = ServerInfo("mysql", "mariadb", parse_version("10.5.2-MariaDB"))
MARIADB_10_11 = ServerInfo("mysql", "mariadb", parse_version("10.11.19-MariaDB-0+deb12u1"))
MYSQL_8 = ServerInfo("mysql", "mysql", parse_version("8.0.36"))
MYSQL_5_7 = ServerInfo("mysql", "mysql", parse_version("5.7.44"))
TIDB = ServerInfo("mysql", "tidb", (7, 5, 0))

RETURNING = Capability("returning", {"mariadb": (10, 5)}, "INSERT ... RETURNING")
NOWAIT = Capability("nowait", {"mariadb": (10, 3), "mysql": (8, 0, 1)})
QUERY_CACHE = Capability("query_cache", {"mysql": ALWAYS}, maximum={"mysql": (8, 0)})
JSON = Capability("json", {"mysql": (5, 7, 8), "mariadb": (10, 2, 7), "tidb": ALWAYS})


def test_check_supported_returns_none():
    assert RETURNING.check(MARIADB_10_5) is None
    assert RETURNING.check(MARIADB_10_11) is None
    assert NOWAIT.check(MYSQL_8) is None
    assert JSON.check(TIDB) is None  # ALWAYS: every version


def test_check_too_old_names_needed_and_found_versions():
    old = ServerInfo("mysql", "mariadb", (10, 4, 32))
    assert RETURNING.check(old) == "returning needs mariadb >= 10.5, found 10.4.32"
    assert NOWAIT.check(MYSQL_5_7) == "nowait needs mysql >= 8.0.1, found 5.7.44"


def test_check_missing_flavour_is_never_available():
    assert RETURNING.check(MYSQL_8) == "returning is not available on mysql"
    assert RETURNING.check(TIDB) == "returning is not available on tidb"


def test_check_removed_in_a_later_version():
    assert QUERY_CACHE.check(MYSQL_5_7) is None
    assert QUERY_CACHE.check(MYSQL_8) == "query_cache was removed in mysql 8.0, found 8.0.36"


def test_version_boundaries_are_inclusive_minimum_exclusive_maximum():
    assert RETURNING.check(ServerInfo("mysql", "mariadb", (10, 5, 0))) is None
    assert QUERY_CACHE.check(ServerInfo("mysql", "mysql", (7, 99, 99))) is None
    assert QUERY_CACHE.check(ServerInfo("mysql", "mysql", (8, 0, 0))) is not None


def test_table_rejects_duplicate_names():
    with pytest.raises(ValueError, match=r"capability 'returning' declared twice in mariadb"):
        CapabilityTable("mariadb", [RETURNING, NOWAIT, Capability("returning", {"mariadb": ALWAYS})])


def test_table_lookups():
    table = CapabilityTable("mysql", [RETURNING, NOWAIT, JSON])

    assert "nowait" in table
    assert "window" not in table
    assert table.names() == ["json", "nowait", "returning"]
    assert list(table) == [RETURNING, NOWAIT, JSON]  # declaration order
    assert table.get("json") is JSON
    assert table.supports(MARIADB_10_11, "returning")
    assert not table.supports(MYSQL_8, "returning")


def test_get_unknown_names_the_known_ones():
    table = CapabilityTable("mysql", [RETURNING, NOWAIT])
    with pytest.raises(KeyError) as info:
        table.get("windows")
    message = str(info.value)
    assert "unknown capability 'windows' for mysql" in message
    assert "['nowait', 'returning']" in message
    with pytest.raises(KeyError):
        table.supports(MYSQL_8, "windows")


def test_require_raises_unsupported_capability_with_the_reason():
    table = CapabilityTable("mariadb", [RETURNING])
    table.require(MARIADB_10_11, "returning")  # supported: no exception

    with pytest.raises(UnsupportedCapabilityError) as info:
        table.require(ServerInfo("mysql", "mariadb", (10, 4, 32)), "returning")

    error = info.value
    assert isinstance(error, UnsupportedFeatureError)  # what core code already catches
    assert error.dialect_name == "mariadb"
    assert error.feature_name == "returning"
    assert error.reason == "returning needs mariadb >= 10.5, found 10.4.32"
    assert str(error) == "'mariadb' dialect does not support returning: returning needs mariadb >= 10.5, found 10.4.32"


def test_report_lists_every_capability_sorted():
    table = CapabilityTable("mysql", [RETURNING, QUERY_CACHE, NOWAIT, JSON])

    report = table.report(MYSQL_8)

    assert list(report) == ["json", "nowait", "query_cache", "returning"]
    assert report == {
        "json": None,
        "nowait": None,
        "query_cache": "query_cache was removed in mysql 8.0, found 8.0.36",
        "returning": "returning is not available on mysql",
    }


def test_gates_answer_once_per_server_and_afresh_for_a_new_one():
    from rhosocial.activerecord.backend.toolkit.capabilities import CapabilityGates

    asked: list[str] = []

    class Counting(CapabilityTable):
        def supports(self, server, name):
            asked.append(name)
            return super().supports(server, name)

    class Dialect(CapabilityGates):
        CAPABILITIES = Counting("mysql", [RETURNING])

    dialect = Dialect()
    dialect.server = MARIADB_10_5
    assert dialect.has_capability("returning")
    assert dialect.has_capability("returning")
    assert asked == ["returning"]
    dialect.server = ServerInfo("mysql", "mariadb", (10, 4, 32))  # a reconnect to another server
    assert not dialect.has_capability("returning")
    assert not dialect.has_capability("returning")
    assert asked == ["returning", "returning"]
