"""MySQL / MariaDB conformance: the toolkit's case catalogue on every MySQL-family server (see docs/capabilities)."""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.mysql import MySQLBackend
from rhosocial.activerecord.backend.impl.mysql.dialect import dialect_for
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version
from rhosocial.activerecord.backend.toolkit.testing.conformance import Binding, conformance_tests

from ..conftest import config_for


def _connect(server):
    backend = MySQLBackend(config_for(server))
    backend.connect()
    return backend


def _info(flavour: str, version: str) -> ServerInfo:
    return ServerInfo("mysql", flavour, parse_version(version))


def _cleanup(kind: str, name: str) -> str:
    return f"DROP {kind} IF EXISTS `{name}`"


# Claim checks that fail for a known, open defect: reported as expected failures until fixed (then the
# entry must go). The capability page shows them as they are.
OPEN_CLAIMS: dict[str, str] = {}


BINDING = Binding(
    backend="mysql",
    connect=_connect,
    dialect_for=dialect_for,
    server_info=_info,
    open_claims=OPEN_CLAIMS,
    cleanup_sql=_cleanup,
)

globals().update(conformance_tests(BINDING))
