"""``introspector.status``: the server's state from SHOW statements (variables, status, processlist).

Each method is a plan (named SHOW/SELECT statements) and a pure builder over their rows; the sync
and async introspectors only run the plan. Reading other sessions' processes needs the PROCESS
privilege; without it the server lists the caller's own, which is what is reported.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Optional

from rhosocial.activerecord.backend.introspection.status.base import (
    AsyncAbstractStatusIntrospector,
    SyncAbstractStatusIntrospector,
)
from rhosocial.activerecord.backend.introspection.status.types import (
    BinaryLogInfo,
    ConnectionInfo,
    DatabaseBriefInfo,
    InnoDBInfo,
    ProcessInfo,
    ServerOverview,
    SessionInfo,
    StatusCategory,
    StatusItem,
    StorageInfo,
    UserInfo,
)

Rows = list[dict[str, Any]]
Plan = dict[str, str]

_VARIABLES = "SHOW GLOBAL VARIABLES"
_STATUS = "SHOW GLOBAL STATUS"
_DATABASES = (
    "SELECT s.schema_name AS name, s.default_character_set_name AS encoding, "
    "SUM(t.table_type = 'BASE TABLE') AS tables, SUM(t.table_type = 'VIEW') AS views, "
    "SUM(t.data_length + t.index_length) AS size_bytes FROM information_schema.schemata s "
    "LEFT JOIN information_schema.tables t ON t.table_schema = s.schema_name "
    "GROUP BY s.schema_name, s.default_character_set_name ORDER BY s.schema_name"
)
_STORAGE = (
    "SELECT SUM(data_length) AS data_bytes, SUM(index_length) AS index_bytes, SUM(data_free) AS free_bytes "
    "FROM information_schema.tables WHERE table_schema = DATABASE()"
)
_SESSION = "SELECT CURRENT_USER() AS user, DATABASE() AS db, @@hostname AS host"
_SESSION_TLS = "SHOW SESSION STATUS WHERE Variable_name IN ('Ssl_version', 'Ssl_cipher')"
_USERS = "SELECT CURRENT_USER() AS account"
_PROCESSES = (
    "SELECT id AS id, user AS user, host AS host, db AS db, command AS command, time AS time, "
    "state AS state, info AS info FROM information_schema.processlist ORDER BY id"
)
# Variables that describe connections and security rather than tuning.
_CONNECTION_VARIABLES = {"max_connections", "max_user_connections", "wait_timeout", "interactive_timeout"}
_SECURITY_VARIABLES = {"require_secure_transport", "ssl_ca", "ssl_cert", "tls_version", "have_ssl"}
_REPLICATION_PREFIXES = ("binlog_", "log_bin", "gtid_", "server_id", "relay_log", "read_only")


def _pairs(rows: Rows) -> dict[str, Any]:
    """SHOW VARIABLES / STATUS rows as name -> value (the column names differ in case across servers)."""
    found = {}
    for row in rows:
        values = list(row.values())
        found[str(values[0])] = values[1]
    return found


def _number(value: Any) -> Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _variable_category(name: str) -> StatusCategory:
    lower = name.lower()
    if lower in _CONNECTION_VARIABLES:
        return StatusCategory.CONNECTION
    if lower in _SECURITY_VARIABLES or lower.startswith("ssl_"):
        return StatusCategory.SECURITY
    if lower.startswith(_REPLICATION_PREFIXES):
        return StatusCategory.REPLICATION
    if lower.startswith(("innodb_data", "datadir", "tmpdir")):
        return StatusCategory.STORAGE
    return StatusCategory.CONFIGURATION


def configuration(results: dict[str, Rows], category: Optional[StatusCategory] = None) -> list[StatusItem]:
    items = [StatusItem(n, v, _variable_category(n)) for n, v in _pairs(results["variables"]).items()]
    return [i for i in items if category is None or i.category == category]


def performance(results: dict[str, Rows], category: Optional[StatusCategory] = None) -> list[StatusItem]:
    def kind(name: str) -> StatusCategory:
        lower = name.lower()
        if lower.startswith(("threads_", "connections", "aborted_", "max_used_connections")):
            return StatusCategory.CONNECTION
        if lower.startswith("ssl_"):
            return StatusCategory.SECURITY
        return StatusCategory.PERFORMANCE

    items = [StatusItem(n, v, kind(n), is_readonly=True) for n, v in _pairs(results["status"]).items()]
    return [i for i in items if category is None or i.category == category]


def connections(results: dict[str, Rows]) -> ConnectionInfo:
    variables, status = _pairs(results["variables"]), _pairs(results["status"])
    connected, running = _number(status.get("Threads_connected")), _number(status.get("Threads_running"))
    return ConnectionInfo(
        active_count=running,
        max_connections=_number(variables.get("max_connections")),
        idle_count=connected - running if connected is not None and running is not None else None,
        extra={"threads_connected": connected, "max_used_connections": _number(status.get("Max_used_connections"))},
    )


def storage(results: dict[str, Rows]) -> StorageInfo:
    row = results["storage"][0] if results["storage"] else {}
    data, index = _number(row.get("data_bytes")), _number(row.get("index_bytes"))
    total = (data or 0) + (index or 0) if data is not None or index is not None else None
    return StorageInfo(
        total_size_bytes=total,
        data_size_bytes=data,
        index_size_bytes=index,
        free_space_bytes=_number(row.get("free_bytes")),
    )


def databases(results: dict[str, Rows]) -> list[DatabaseBriefInfo]:
    return [
        DatabaseBriefInfo(
            name=r["name"],
            encoding=r.get("encoding"),
            size_bytes=_number(r.get("size_bytes")),
            table_count=_number(r.get("tables")) or 0,
            view_count=_number(r.get("views")) or 0,
        )
        for r in results["databases"]
    ]


def users(results: dict[str, Rows]) -> list[UserInfo]:
    # The account this session runs as; listing every account needs SELECT on mysql.user.
    found = []
    for r in results["users"]:
        name, _, host = str(r["account"]).partition("@")
        found.append(UserInfo(name=name, host=host or None))
    return found


def session(results: dict[str, Rows]) -> SessionInfo:
    row = results["session"][0]
    tls = _pairs(results["tls"])
    version = tls.get("Ssl_version") or None
    return SessionInfo(
        user=row.get("user"),
        database=row.get("db"),
        host=row.get("host"),
        ssl_enabled=bool(version),
        ssl_version=version,
        ssl_cipher=tls.get("Ssl_cipher") or None,
    )


def innodb(results: dict[str, Rows]) -> InnoDBInfo:
    status = {k.lower(): v for k, v in _pairs(results["status"]).items()}
    values: dict[str, Any] = {}
    for f in dataclasses.fields(InnoDBInfo):
        if f.name == "extra":
            continue
        raw = status.get(f"innodb_{f.name}")
        values[f.name] = (float(raw) if f.name.endswith("_avg") else _number(raw)) if raw is not None else None
    values["buffer_pool_size"] = _number(_pairs(results["variables"]).get("innodb_buffer_pool_size"))
    return InnoDBInfo(**values)


def binary_log(results: dict[str, Rows]) -> BinaryLogInfo:
    variables = _pairs(results["variables"])
    return BinaryLogInfo(
        log_enabled=str(variables.get("log_bin", "")).upper() == "ON",
        log_format=variables.get("binlog_format"),
        gtid_mode=variables.get("gtid_mode"),
        binlog_checksum=variables.get("binlog_checksum"),
    )


def processes(results: dict[str, Rows]) -> list[ProcessInfo]:
    return [
        ProcessInfo(
            id=int(r["id"]),
            user=r.get("user"),
            host=r.get("host"),
            database=r.get("db"),
            command=r.get("command"),
            time=_number(r.get("time")),
            state=r.get("state") or None,
            info=r.get("info"),
        )
        for r in results["processes"]
    ]


def overview(results: dict[str, Rows], vendor: str) -> ServerOverview:
    variables = _pairs(results["variables"])
    return ServerOverview(
        server_version=str(variables.get("version", "")),
        server_vendor=vendor,
        server_name=variables.get("hostname"),
        session=session(results),
        configuration=configuration(results),
        performance=performance(results),
        connections=connections(results),
        storage=storage(results),
        databases=databases(results),
        users=users(results),
        innodb=innodb(results),
        binary_log=binary_log(results),
        processes=processes(results),
    )


_EVERYTHING: Plan = {
    "variables": _VARIABLES,
    "status": _STATUS,
    "storage": _STORAGE,
    "databases": _DATABASES,
    "users": _USERS,
    "session": _SESSION,
    "tls": _SESSION_TLS,
    "processes": _PROCESSES,
}
PLANS: dict[str, Plan] = {
    "overview": _EVERYTHING,
    "configuration": {"variables": _VARIABLES},
    "performance": {"status": _STATUS},
    "connections": {"variables": _VARIABLES, "status": _STATUS},
    "storage": {"storage": _STORAGE},
    "databases": {"databases": _DATABASES},
    "users": {"users": _USERS},
    "session": {"session": _SESSION, "tls": _SESSION_TLS},
    "innodb": {"variables": _VARIABLES, "status": _STATUS},
    "processes": {"processes": _PROCESSES},
}


class _StatusShared:
    _backend: Any

    def _get_vendor_name(self) -> str:
        return self._backend.dialect.name


class SyncMySQLStatusIntrospector(_StatusShared, SyncAbstractStatusIntrospector):
    def _run(self, plan: str, build: Callable[..., Any], *args: Any) -> Any:
        return build({key: self._backend.fetch_all(sql) for key, sql in PLANS[plan].items()}, *args)

    def get_overview(self) -> ServerOverview:
        return self._run("overview", overview, self._get_vendor_name())

    def list_configuration(self, category: Optional[StatusCategory] = None) -> list[StatusItem]:
        return self._run("configuration", configuration, category)

    def list_performance_metrics(self, category: Optional[StatusCategory] = None) -> list[StatusItem]:
        return self._run("performance", performance, category)

    def get_connection_info(self) -> ConnectionInfo:
        return self._run("connections", connections)

    def get_storage_info(self) -> StorageInfo:
        return self._run("storage", storage)

    def list_databases(self) -> list[DatabaseBriefInfo]:
        return self._run("databases", databases)

    def list_users(self) -> list[UserInfo]:
        return self._run("users", users)

    def get_session_info(self) -> SessionInfo:
        return self._run("session", session)

    def get_innodb_info(self) -> InnoDBInfo:
        return self._run("innodb", innodb)

    def list_processes(self) -> list[ProcessInfo]:
        return self._run("processes", processes)


class AsyncMySQLStatusIntrospector(_StatusShared, AsyncAbstractStatusIntrospector):
    async def _run(self, plan: str, build: Callable[..., Any], *args: Any) -> Any:
        return build({key: await self._backend.fetch_all(sql) for key, sql in PLANS[plan].items()}, *args)

    async def get_overview(self) -> ServerOverview:
        return await self._run("overview", overview, self._get_vendor_name())

    async def list_configuration(self, category: Optional[StatusCategory] = None) -> list[StatusItem]:
        return await self._run("configuration", configuration, category)

    async def list_performance_metrics(self, category: Optional[StatusCategory] = None) -> list[StatusItem]:
        return await self._run("performance", performance, category)

    async def get_connection_info(self) -> ConnectionInfo:
        return await self._run("connections", connections)

    async def get_storage_info(self) -> StorageInfo:
        return await self._run("storage", storage)

    async def list_databases(self) -> list[DatabaseBriefInfo]:
        return await self._run("databases", databases)

    async def list_users(self) -> list[UserInfo]:
        return await self._run("users", users)

    async def get_session_info(self) -> SessionInfo:
        return await self._run("session", session)

    async def get_innodb_info(self) -> InnoDBInfo:
        return await self._run("innodb", innodb)

    async def list_processes(self) -> list[ProcessInfo]:
        return await self._run("processes", processes)


__all__ = ["PLANS", "AsyncMySQLStatusIntrospector", "SyncMySQLStatusIntrospector"]
