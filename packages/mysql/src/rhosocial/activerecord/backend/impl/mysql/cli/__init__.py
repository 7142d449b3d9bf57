"""``python -m rhosocial.activerecord.backend.impl.mysql COMMAND``: the shared command line (toolkit.cli).

What is MySQL's / MariaDB's: the URL schemes, MYSQL_PWD, the introspector (introspection/), EXPLAIN's
syntax per flavour (the dialect builds it) and the status counters.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.toolkit.cli import Adapter, column_row, command_line

from ..backend.sync import MySQLBackend
from ..config import MySQLConnectionConfig, build_connect_args


def _tables(backend: Any) -> list[dict]:
    """``introspect``: the core's introspector, so the CLI and applications read the same catalog."""
    return [
        {"name": t.name, "kind": t.table_type.value.lower(), "estimated_rows": t.row_count, "comment": t.comment}
        for t in backend.introspector.list_tables()
    ]


def _columns(backend: Any, table: str) -> list[dict]:
    return [
        column_row(
            c,
            key="PRI" if c.is_primary_key else ("UNI" if c.is_unique else ""),
            charset=c.charset,
            collation=c.collation,
            **c.extra,
        )
        for c in backend.introspector.list_columns(table)
    ]


def _explain(backend: Any, sql: str, analyze: bool) -> list[dict]:
    return backend.fetch_all(backend.dialect.explain_sql(sql, analyze=analyze))


def _status(backend: Any) -> dict[str, Any]:
    """Variables, counters, the processlist and an InnoDB summary (``introspector.status``)."""
    overview = backend.introspector.status.get_overview()
    counters = {i.name: i.value for i in overview.performance}
    innodb = overview.innodb
    return {
        "server": f"{overview.server_vendor} {overview.server_version}",
        "database": overview.session.database if overview.session else None,
        "uptime": counters.get("Uptime"),
        "questions": counters.get("Questions"),
        "slow_queries": counters.get("Slow_queries"),
        "threads_connected": overview.connections.extra.get("threads_connected"),
        "threads_running": overview.connections.active_count,
        "max_connections": overview.connections.max_connections,
        "processes": len(overview.processes),
        "innodb.buffer_pool_size": innodb.buffer_pool_size if innodb else None,
        "innodb.buffer_pool_pages_free": innodb.buffer_pool_pages_free if innodb else None,
        "innodb.row_lock_waits": innodb.row_lock_waits if innodb else None,
        "binary_log": overview.binary_log.log_enabled if overview.binary_log else None,
    }


ADAPTER = Adapter(
    name="mysql",
    config_type=MySQLConnectionConfig,
    backend_type=MySQLBackend,
    password_env="MYSQL_PWD",
    connect_args=build_connect_args,
    tables=_tables,
    columns=_columns,
    explain=_explain,
    status=_status,
    defaults={"host": "127.0.0.1", "port": 3306},
)

main = command_line(ADAPTER)


__all__ = ["ADAPTER", "main"]
