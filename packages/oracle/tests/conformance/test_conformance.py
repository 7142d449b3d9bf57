"""Oracle conformance: server-free rendering checks for 19c, 21c and 23ai always; the live cases where
``RHOSOCIAL_ORACLE_DSN`` is set (they skip with that reason otherwise). See docs/capabilities."""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.oracle import OracleBackend, OracleConnectionConfig, OracleDialect
from rhosocial.activerecord.backend.impl.oracle.capabilities import server_info
from rhosocial.activerecord.backend.impl.oracle.ddl import drop_if_exists
from rhosocial.activerecord.backend.toolkit.testing.conformance import Binding, conformance_tests, connected

NO_DSN = "no Oracle DSN: set RHOSOCIAL_ORACLE_DSN=oracle://user:pass@host:1521/SERVICE"


def config_for(server) -> OracleConnectionConfig:
    return OracleConnectionConfig(**server.config_fields("service_name"))


BINDING = Binding(
    backend="oracle",
    connect=connected(OracleBackend, config_for),
    dialect_for=OracleDialect,
    server_info=lambda flavour, version: server_info(version),
    offline=(server_info("19.0.0"), server_info("21.0.0"), server_info("23.0.0")),
    cleanup_sql=lambda kind, name: drop_if_exists(kind, name),
    no_server=NO_DSN,
)

globals().update(conformance_tests(BINDING))
