"""What differs for MySQL/MariaDB: SQL types of the suite's columns and a config per server."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.toolkit.testing.compliance import (
    BackendSpec,
    SchemaBuilder,
    TypeMap,
    standard_types,
)
from rhosocial.activerecord.backend.toolkit.testing.servers import ServerTarget

PACKAGE = "rhosocial.activerecord.backend.impl.mysql"

TYPES = TypeMap(
    types=standard_types(
        bool="TINYINT(1)",
        float="DOUBLE",
        decimal="DECIMAL(20,6)",
        str="LONGTEXT",  # the suite stores long texts; no suite table indexes a string column
        bytes="LONGBLOB",
        datetime="DATETIME(6)",  # aware values are stored as UTC (see the datetime adapter)
        time="TIME(6)",
        timedelta="TIME(6)",
        enum="VARCHAR(64)",
    ),
    auto_increment_key="BIGINT AUTO_INCREMENT PRIMARY KEY",
    default="LONGTEXT",
    quote=lambda name: "`" + name.replace("`", "``") + "`",
)

# Tables whose derived DDL is not what the suite expects.
OVERRIDES = {
    # Fields with Python defaults are omitted from some raw INSERTs in the suite: give them SQL
    # defaults, so the NOT NULL test hits the column it means to ('name', errno 1048).
    "type_adapter_tests": """CREATE TABLE `type_adapter_tests` (
    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,
    `name` LONGTEXT NOT NULL,
    `optional_name` LONGTEXT,
    `optional_age` BIGINT,
    `last_login` DATETIME(6),
    `is_premium` TINYINT(1),
    `unsupported_union` LONGTEXT NOT NULL DEFAULT '0',
    `custom_bool` LONGTEXT,
    `optional_custom_bool` LONGTEXT
)""",
}

SCHEMA = SchemaBuilder(TYPES, overrides=OVERRIDES)


def declared_dialect() -> Any:
    """The dialect for the server under test, from its declared flavour and version (no I/O).

    The suite asks the provider for a dialect outside any scenario to decide capability skips
    (e.g. ``get_dialect("default")`` for ALTER TABLE ... IF [NOT] EXISTS). MySQL and MariaDB differ
    there, so answer for the server being tested; with no server, the MySQL baseline.
    """
    from rhosocial.activerecord.backend.impl.mysql.dialect import DIALECTS, MySQLDialect, dialect_for
    from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version

    servers = SPEC.servers()
    if not servers:
        return MySQLDialect()
    server = servers[0]
    # A DSN server has no declared version: assume the oldest its flavour supports.
    version = (
        parse_version(server.version) if server.version else DIALECTS.get(server.flavour, MySQLDialect).default_version
    )
    return dialect_for(ServerInfo("mysql", server.flavour, version, server.version))


def config_kwargs(server: ServerTarget) -> dict[str, Any]:
    kwargs: dict[str, Any] = server.config_fields()
    if server.tls:
        kwargs.update(
            ssl_ca=server.tls.get("ca"),
            ssl_cert=server.tls.get("cert"),
            ssl_key=server.tls.get("key"),
            ssl_verify_cert=True,
        )
    return kwargs


SPEC = BackendSpec(
    name="mysql",
    sync_backend=f"{PACKAGE}:MySQLBackend",
    async_backend=f"{PACKAGE}:AsyncMySQLBackend",
    config_class=f"{PACKAGE}:MySQLConnectionConfig",
    config_kwargs=config_kwargs,
    schema=SCHEMA,
    dialect_class="compliance.spec:declared_dialect",
    ddl_in_one_call=False,
)
