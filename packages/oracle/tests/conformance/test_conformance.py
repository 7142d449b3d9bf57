"""Oracle conformance: server-free rendering checks for 19c, 21c and 23ai always; the live cases where
``RHOSOCIAL_ORACLE_DSN`` is set (they skip with that reason otherwise). See docs/capabilities."""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.oracle import OracleBackend, OracleConnectionConfig, OracleDialect
from rhosocial.activerecord.backend.impl.oracle.capabilities import server_info
from rhosocial.activerecord.backend.impl.oracle.ddl import drop_if_exists
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo
from rhosocial.activerecord.backend.toolkit.testing.conformance import Binding, conformance_tests

NO_DSN = "no Oracle DSN: set RHOSOCIAL_ORACLE_DSN=oracle://user:pass@host:1521/SERVICE"


def config_for(server) -> OracleConnectionConfig:
    return OracleConnectionConfig(
        host=server.host,
        port=server.port,
        service_name=server.database,
        username=server.user,
        password=server.password,
    )


def _connect(server):
    backend = OracleBackend(config_for(server))
    backend.connect()
    return backend


def _info(flavour: str, version: str) -> ServerInfo:
    return server_info(version)


# Claim checks that fail for a known, open defect: reported as expected failures until fixed (then the
# entry must go). The capability page shows them as they are.
OPEN_CLAIMS: dict[str, str] = {}


BINDING = Binding(
    backend="oracle",
    connect=_connect,
    dialect_for=OracleDialect,
    server_info=_info,
    offline=(server_info("19.0.0"), server_info("21.0.0"), server_info("23.0.0")),
    open_claims=OPEN_CLAIMS,
    cleanup_sql=lambda kind, name: drop_if_exists(kind, name),
    no_server=NO_DSN,
)

globals().update(conformance_tests(BINDING))
