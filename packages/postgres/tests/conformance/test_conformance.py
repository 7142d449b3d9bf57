"""PostgreSQL conformance: the toolkit's case catalogue on every local PostgreSQL server (see docs/capabilities)."""

from __future__ import annotations

from functools import partial

from rhosocial.activerecord.backend.impl.postgres import PostgresBackend, PostgresDialect
from rhosocial.activerecord.backend.toolkit.testing.conformance import (
    Binding,
    conformance_tests,
    connected,
    declared_server,
)

from ..conftest import config_for

BINDING = Binding(
    backend="postgres",
    connect=connected(PostgresBackend, partial(config_for, application_name="rhosocial-conformance")),
    dialect_for=PostgresDialect,
    server_info=declared_server("postgresql"),
    cleanup_sql=lambda kind, name: f'DROP {kind} IF EXISTS "{name}" CASCADE',
)

globals().update(conformance_tests(BINDING))
