"""``python -m rhosocial.activerecord.backend.impl.oracle COMMAND``: the shared command line (toolkit.cli).

What is Oracle's: the URL scheme (the path is the service name), ORACLE_PASSWORD, the data
dictionary (through the backend's introspector), EXPLAIN PLAN + DBMS_XPLAN, the status numbers,
and capabilities for a version without a connection (``capabilities --server-version 19.0``).
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.toolkit.cli import Adapter, column_row, command_line, status_query

from ..capabilities import CAPABILITIES, server_info
from ..config import OracleConnectionConfig, connect_kwargs
from ..explain import cleanup_sql, display_sql, explain_plan_sql, statement_id

STATUS_SQL = (
    "SELECT SYS_CONTEXT('USERENV', 'CON_NAME') AS container, USER AS username, "
    "SYS_CONTEXT('USERENV', 'SID') AS sid, (SELECT COUNT(*) FROM user_tables) AS tables FROM DUAL"
)


def _tables(backend: Any) -> list[dict]:
    return [{"name": t.name, "kind": t.table_type.value} for t in backend.introspector.list_tables()]


def _columns(backend: Any, table: str) -> list[dict]:
    info = backend.introspector.get_table_info(table)
    if info is None:
        return []
    return [column_row(c, identity=c.is_auto_increment, primary_key=c.is_primary_key) for c in info.columns]


def _explain(backend: Any, sql: str, analyze: bool) -> list[dict]:
    sid = statement_id()
    backend.execute(explain_plan_sql(sql, sid))
    try:
        return backend.fetch_all(display_sql(sid, "ALLSTATS LAST" if analyze else "TYPICAL"))
    finally:
        backend.execute(cleanup_sql(sid))


def _backend_type() -> type:
    from ..backend import OracleBackend

    return OracleBackend


ADAPTER = Adapter(
    name="oracle",
    config_type=OracleConnectionConfig,
    backend_type=_backend_type(),
    password_env="ORACLE_PASSWORD",
    connect_args=connect_kwargs,
    tables=_tables,
    columns=_columns,
    explain=_explain,
    status=status_query(STATUS_SQL),
    defaults={"port": 1521},
    offline_capabilities=lambda version: CAPABILITIES.report(server_info(version)),
)

main = command_line(ADAPTER)


__all__ = ["ADAPTER", "main"]
