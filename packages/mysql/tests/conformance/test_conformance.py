"""MySQL / MariaDB conformance: the toolkit's case catalogue on every MySQL-family server (see docs/capabilities)."""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.mysql import MySQLBackend
from rhosocial.activerecord.backend.impl.mysql.dialect import dialect_for
from rhosocial.activerecord.backend.toolkit.testing.conformance import (
    Binding,
    conformance_tests,
    connected,
    declared_server,
)

from ..conftest import config_for

BINDING = Binding(
    backend="mysql",
    connect=connected(MySQLBackend, config_for),
    dialect_for=dialect_for,
    server_info=declared_server("mysql"),
    cleanup_sql=lambda kind, name: f"DROP {kind} IF EXISTS `{name}`",
)

globals().update(conformance_tests(BINDING))
