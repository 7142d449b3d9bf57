"""What differs for Oracle: SQL types of the suite's columns, idempotent drops and a config per server.

Column types are chosen to work on every supported release (19c, 21c XE, 23ai Free): booleans as
NUMBER(1) (23ai converts its BOOLEAN binds implicitly), JSON as CLOB (read back as text and parsed).

Without an Oracle server (no ``RHOSOCIAL_ORACLE_DSN``) the suite still collects: every test runs
against a placeholder scenario whose setup skips with the reason, so a local run reports
"skipped: no Oracle DSN ..." per test instead of silently collecting nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rhosocial.activerecord.backend.impl.oracle.ddl import IDENTITY_KEY
from rhosocial.activerecord.backend.impl.oracle.naming import quote
from rhosocial.activerecord.backend.toolkit.testing.compliance import (
    BackendSpec,
    SchemaBuilder,
    TypeMap,
    standard_types,
)
from rhosocial.activerecord.backend.toolkit.testing.servers import ServerTarget

PACKAGE = "rhosocial.activerecord.backend.impl.oracle"
NO_SERVER = "no-oracle-dsn"
NO_SERVER_REASON = (
    "no Oracle DSN: set RHOSOCIAL_ORACLE_DSN=oracle://user:pass@host:1521/SERVICE (CI runs Oracle 23 Free and 21c XE)"
)

TYPES = TypeMap(
    types=standard_types(
        bool="NUMBER(1)",
        int="NUMBER(19)",
        float="BINARY_DOUBLE",
        decimal="NUMBER(20,6)",
        str="VARCHAR2(4000)",
        bytes="BLOB",
        datetime="TIMESTAMP(6) WITH TIME ZONE",
        time="VARCHAR2(15)",
        timedelta="INTERVAL DAY(9) TO SECOND(6)",
        uuid="RAW(16)",
        dict="CLOB",
        list="CLOB",
        enum="VARCHAR2(64)",
    ),
    auto_increment_key=IDENTITY_KEY,
    default="VARCHAR2(4000)",
    quote=quote,
)

# DROP TABLE IF EXISTS only exists from 23ai; this block works on every release.
DROP = (
    "BEGIN EXECUTE IMMEDIATE 'DROP TABLE {table} CASCADE CONSTRAINTS PURGE'; "
    "EXCEPTION WHEN OTHERS THEN IF SQLCODE != -942 THEN RAISE; END IF; END;"
)

SCHEMA = SchemaBuilder(TYPES, drop_template=DROP)


def config_kwargs(server: ServerTarget) -> dict[str, Any]:
    return {**server.config_fields("service_name"), "program": "rhosocial-compliance"}


def _skip() -> Any:
    import pytest

    pytest.skip(NO_SERVER_REASON)


@dataclass(frozen=True)
class OracleSpec(BackendSpec):
    def servers(self) -> list[ServerTarget]:
        real = super().servers()
        if real:
            return real
        return [ServerTarget(NO_SERVER, "oracle", "oracle", "", 0, "", "", "")]

    def config(self, scenario: str) -> Any:
        if scenario == NO_SERVER:
            _skip()
        return super().config(scenario)

    def config_kwargs_for(self, scenario: str) -> dict[str, Any]:
        if scenario == NO_SERVER:
            _skip()
        return self.config_kwargs(self.server(scenario))


SPEC = OracleSpec(
    name="oracle",
    sync_backend=f"{PACKAGE}:OracleBackend",
    async_backend=f"{PACKAGE}:AsyncOracleBackend",
    config_class=f"{PACKAGE}:OracleConnectionConfig",
    config_kwargs=config_kwargs,
    schema=SCHEMA,
    ddl_in_one_call=False,
)
