"""``python -m rhosocial.activerecord.backend.impl.postgres COMMAND``: the shared command line (toolkit.cli).

What is PostgreSQL's: the URL schemes, PGPASSWORD, the catalog queries, EXPLAIN's syntax and the
status numbers.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.toolkit.cli import Adapter, column_row, command_line, status_query
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version

from ..backend import PostgresBackend
from ..capabilities import CAPABILITIES
from ..config import PostgresConnectionConfig, connect_kwargs

STATUS_SQL = (
    "SELECT current_database() AS database, current_user AS user, "
    "date_trunc('second', now() - pg_postmaster_start_time())::text AS uptime, "
    "(SELECT count(*) FROM pg_stat_activity) AS connections, "
    "pg_size_pretty(pg_database_size(current_database())) AS database_size, "
    "pg_is_in_recovery() AS in_recovery"
)


_KINDS = {"r": "table", "p": "partitioned table", "v": "view", "m": "materialized view", "f": "foreign table"}


def _tables(backend: Any) -> list[dict]:
    """``introspect``: the schema's relations through ``backend.introspector``."""
    return [
        {"name": t.name, "kind": _KINDS.get(t.extra.get("relkind"), "table"), "estimated_rows": t.row_count}
        for t in backend.introspector.list_tables()
    ]


def _columns(backend: Any, table: str) -> list[dict]:
    return [
        column_row(c, identity=c.is_auto_increment, generated=c.generated_expression, primary_key=c.is_primary_key)
        for c in backend.introspector.list_columns(table)
    ]


def _explain(backend: Any, sql: str, analyze: bool) -> list[dict]:
    return backend.fetch_all(f"EXPLAIN {'(ANALYZE, BUFFERS) ' if analyze else ''}{sql}")


def _offline(version: str) -> Any:
    return CAPABILITIES.report(ServerInfo("postgresql", "postgresql", parse_version(version)))


ADAPTER = Adapter(
    name="postgres",
    config_type=PostgresConnectionConfig,
    backend_type=PostgresBackend,
    password_env="PGPASSWORD",
    connect_args=connect_kwargs,
    tables=_tables,
    columns=_columns,
    explain=_explain,
    status=status_query(STATUS_SQL),
    defaults={"host": "127.0.0.1", "port": 5432},
    offline_capabilities=_offline,
)

main = command_line(ADAPTER)


__all__ = ["ADAPTER", "main"]
