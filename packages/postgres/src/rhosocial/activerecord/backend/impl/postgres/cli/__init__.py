"""``python -m rhosocial.activerecord.backend.impl.postgres COMMAND``: the shared command line (toolkit.cli).

What is PostgreSQL's: the URL schemes, PGPASSWORD, the catalog queries, EXPLAIN's syntax and the
status numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.cli import Adapter, run
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version

from ..backend import PostgresBackend
from ..capabilities import CAPABILITIES
from ..config import PostgresConnectionConfig, connect_kwargs
from ..introspection import PostgresCatalog

STATUS_SQL = (
    "SELECT current_database() AS database, current_user AS user, "
    "date_trunc('second', now() - pg_postmaster_start_time())::text AS uptime, "
    "(SELECT count(*) FROM pg_stat_activity) AS connections, "
    "pg_size_pretty(pg_database_size(current_database())) AS database_size, "
    "pg_is_in_recovery() AS in_recovery"
)


def _explain(backend: Any, sql: str, analyze: bool) -> list[dict]:
    return backend.fetch_all(f"EXPLAIN {'(ANALYZE, BUFFERS) ' if analyze else ''}{sql}")


def _offline(version: str) -> Any:
    return CAPABILITIES.report(ServerInfo("postgresql", "postgresql", parse_version(version)))


ADAPTER = Adapter(
    name="postgres",
    config_type=PostgresConnectionConfig,
    backend_type=PostgresBackend,
    url_schemes=PostgresConnectionConfig.URL_SCHEMES,
    password_env="PGPASSWORD",
    connect_args=connect_kwargs,
    capabilities=lambda backend: CAPABILITIES.report(backend.server_info),
    tables=lambda backend: PostgresCatalog(backend).tables(),
    columns=lambda backend, table: PostgresCatalog(backend).describe(table)["columns"],
    explain=_explain,
    status=lambda backend: backend.fetch_one(STATUS_SQL) or {},
    defaults={"host": "127.0.0.1", "port": 5432},
    offline_capabilities=_offline,
)


def main(argv: Optional[Sequence[str]] = None) -> int:
    return run(ADAPTER, argv)


__all__ = ["ADAPTER", "main"]
