"""``python -m rhosocial.activerecord.backend.impl.mysql COMMAND``: the shared command line (toolkit.cli).

What is MySQL's / MariaDB's: the URL schemes, MYSQL_PWD, information_schema queries, EXPLAIN's
syntax per flavour (the dialect builds it) and the status counters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.cli import Adapter, run

from ..backend.sync import MySQLBackend
from ..config import MySQLConnectionConfig, build_connect_args

TABLES_SQL = (
    "SELECT table_name AS name, LOWER(table_type) AS kind, table_rows AS estimated_rows "
    "FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"
)
COLUMNS_SQL = (
    "SELECT column_name AS name, column_type AS data_type, is_nullable = 'YES' AS nullable, "
    "column_default AS `default`, extra FROM information_schema.columns "
    "WHERE table_schema = DATABASE() AND table_name = %s ORDER BY ordinal_position"
)
STATUS_SQL = (
    "SHOW GLOBAL STATUS WHERE Variable_name IN "
    "('Uptime', 'Threads_connected', 'Threads_running', 'Questions', 'Slow_queries', 'Aborted_connects')"
)


def _explain(backend: Any, sql: str, analyze: bool) -> list[dict]:
    return backend.fetch_all(backend.dialect.explain_sql(sql, analyze=analyze))


def _status(backend: Any) -> dict[str, Any]:
    rows = backend.fetch_all(STATUS_SQL)
    return {"database": backend.fetch_one("SELECT DATABASE() AS db")["db"]} | {
        str(row["Variable_name"]).lower(): row["Value"] for row in rows
    }


ADAPTER = Adapter(
    name="mysql",
    config_type=MySQLConnectionConfig,
    backend_type=MySQLBackend,
    url_schemes=("mysql", "mariadb"),
    password_env="MYSQL_PWD",
    connect_args=build_connect_args,
    capabilities=lambda backend: backend.dialect.capability_report(),
    tables=lambda backend: backend.fetch_all(TABLES_SQL),
    columns=lambda backend, table: backend.fetch_all(COLUMNS_SQL, (table,)),
    explain=_explain,
    status=_status,
    defaults={"host": "127.0.0.1", "port": 3306},
)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return run(ADAPTER, argv)


__all__ = ["ADAPTER", "main"]
