"""Session settings behind a transaction-pooling PgBouncer: sent with every transaction, kept on no session.

Each transaction may run on another server connection, so a ``SET`` (or libpq ``options``, which PgBouncer
1.18 refuses at connect) would either be lost or stay behind for the next client of that server
connection. Instead the configured settings (``search_path``, ``timezone``, ``statement_timeout``,
``lock_timeout``, ``idle_in_transaction_session_timeout``) are applied with ``set_config(name, value,
true)`` -- the function form of ``SET LOCAL`` -- at the start of every transaction, and vanish at its end:

- ``BEGIN ...`` is followed by the ``set_config`` call in the same pipeline (one round trip);
- a statement outside a transaction is preceded by it in one pipeline with a single Sync: the extended
  protocol runs both in one implicit transaction, so the settings cover exactly that statement (one
  round trip, no BEGIN/COMMIT);
- ``executemany`` outside a transaction: the settings, then every row, in one pipeline (psycopg's own
  executemany already sends all rows before one Sync, so the rows share one implicit transaction);
- statements inside a transaction, and those that end one, run as they are.

Statements PostgreSQL refuses inside a transaction block or pipeline (VACUUM, CREATE/DROP DATABASE,
``... CONCURRENTLY``, ALTER SYSTEM...) run without the settings: they see the role's and database's.

Only connections configured with ``transaction_pooling=True`` and at least one setting get these cursor
classes (``install``); every other connection keeps psycopg's own, so the plain path pays nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

import psycopg
from psycopg import pq

from .adapters.utc import UtcTimestamptzBinaryLoader, UtcTimestamptzLoader, _utc_if_utc

_IDLE = pq.TransactionStatus.IDLE
_FIRST_WORDS = re.compile(r"^\s*(\w+)(?:\s+(\w+))?", re.I)
# Statements that end (or belong to) a transaction: no new transaction for the settings to live in.
_TRANSACTION_CONTROL = frozenset({"COMMIT", "ROLLBACK", "END", "ABORT", "SAVEPOINT", "RELEASE"})
# Statements PostgreSQL runs only outside a transaction block (and so outside a pipeline).
_OUTSIDE_BLOCK = frozenset({"VACUUM", "DISCARD", "REINDEX"})
_OUTSIDE_BLOCK_PAIRS = frozenset(
    {
        ("CREATE", "DATABASE"),
        ("DROP", "DATABASE"),
        ("CREATE", "TABLESPACE"),
        ("DROP", "TABLESPACE"),
        ("ALTER", "SYSTEM"),
        ("ALTER", "DATABASE"),
    }
)
_CONCURRENTLY = re.compile(r"\bCONCURRENTLY\b", re.I)

PLAIN, BEGIN, WRAP = "plain", "begin", "wrap"


def statement_plan(sql: Any, idle: bool) -> str:
    """How to send ``sql``: as it is, as a BEGIN followed by the settings, or after the settings."""
    if not idle:
        return PLAIN
    text = sql if isinstance(sql, str) else sql.decode() if isinstance(sql, bytes) else str(sql)
    match = _FIRST_WORDS.match(text)
    if match is None:
        return PLAIN
    first = match.group(1).upper()
    second = (match.group(2) or "").upper()
    if first == "BEGIN" or (first == "START" and second == "TRANSACTION"):
        return BEGIN
    if first in _TRANSACTION_CONTROL or first in _OUTSIDE_BLOCK or (first, second) in _OUTSIDE_BLOCK_PAIRS:
        return PLAIN
    if first in ("CREATE", "DROP") and _CONCURRENTLY.search(text):
        return PLAIN
    return WRAP


def settings_call(settings: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """One statement setting every GUC for the current transaction only (values as parameters)."""
    calls = ", ".join(f"set_config('{name}', %s, true)" for name in settings)
    return f"SELECT {calls}", tuple(settings.values())


class _SettingsCursorMixin:
    """The settings this cursor's connection sends (set on the class that ``install`` builds)."""

    settings_sql: str = ""
    settings_params: tuple[str, ...] = ()

    def _plan(self, query: Any) -> str:
        return statement_plan(query, self._conn.pgconn.transaction_status == _IDLE)  # type: ignore[attr-defined]


class PooledSettingsCursor(_SettingsCursorMixin, psycopg.Cursor):
    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        plan = self._plan(query)
        if plan is PLAIN:
            return super().execute(query, params, **kwargs)
        settings = psycopg.Cursor(self._conn)
        with self._conn.pipeline():
            if plan is BEGIN:
                super().execute(query, params, **kwargs)
                settings.execute(self.settings_sql, self.settings_params)
            else:
                settings.execute(self.settings_sql, self.settings_params)
                super().execute(query, params, **kwargs)
        return self

    def executemany(self, query: Any, params_seq: Any, **kwargs: Any) -> None:
        # psycopg rides an open pipeline: every row runs in the implicit transaction the settings began
        if self._plan(query) is not WRAP:
            return super().executemany(query, params_seq, **kwargs)
        with self._conn.pipeline():
            psycopg.Cursor(self._conn).execute(self.settings_sql, self.settings_params)
            super().executemany(query, params_seq, **kwargs)


class AsyncPooledSettingsCursor(_SettingsCursorMixin, psycopg.AsyncCursor):
    async def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        plan = self._plan(query)
        if plan is PLAIN:
            return await super().execute(query, params, **kwargs)
        settings = psycopg.AsyncCursor(self._conn)
        async with self._conn.pipeline():
            if plan is BEGIN:
                await super().execute(query, params, **kwargs)
                await settings.execute(self.settings_sql, self.settings_params)
            else:
                await settings.execute(self.settings_sql, self.settings_params)
                await super().execute(query, params, **kwargs)
        return self

    async def executemany(self, query: Any, params_seq: Any, **kwargs: Any) -> None:
        if self._plan(query) is not WRAP:
            return await super().executemany(query, params_seq, **kwargs)
        async with self._conn.pipeline():
            await psycopg.AsyncCursor(self._conn).execute(self.settings_sql, self.settings_params)
            await super().executemany(query, params_seq, **kwargs)


@lru_cache(maxsize=64)
def _cursor_class(base: type, sql: str, params: tuple[str, ...]) -> type:
    return type(base.__name__, (base,), {"settings_sql": sql, "settings_params": params})


class _ZoneTimestamptzLoader(UtcTimestamptzLoader):
    zone: Any = None

    def __init__(self, oid: int, context: Any = None):
        super().__init__(oid, context)
        self._timezone = self.zone


class _ZoneTimestamptzBinaryLoader(UtcTimestamptzBinaryLoader):
    zone: Any = None

    def __init__(self, oid: int, context: Any = None):
        super().__init__(oid, context)
        self._timezone = self.zone


@lru_cache(maxsize=64)
def _zone_loaders(name: str) -> Optional[tuple[type, type]]:
    """timestamptz loaders in the configured zone: inside an implicit transaction the server reports no
    TimeZone change, so psycopg would convert values to the session's default zone instead."""
    from zoneinfo import ZoneInfo

    try:
        zone = _utc_if_utc(ZoneInfo(name))
    except (ValueError, KeyError, OSError):
        return None  # not an IANA name (e.g. '+05:00'): psycopg's zone, the same instants
    return (
        type("ZoneTimestamptzLoader", (_ZoneTimestamptzLoader,), {"zone": zone}),
        type("ZoneTimestamptzBinaryLoader", (_ZoneTimestamptzBinaryLoader,), {"zone": zone}),
    )


def install(connection: Any, config: Any) -> None:
    """Make ``connection`` send ``config``'s settings per transaction (only under transaction pooling)."""
    if not config.transaction_pooling:
        return
    settings = config.server_settings()
    if not settings:
        return
    base = AsyncPooledSettingsCursor if isinstance(connection, psycopg.AsyncConnection) else PooledSettingsCursor
    connection.cursor_factory = _cursor_class(base, *settings_call(settings))
    loaders = _zone_loaders(settings["TimeZone"]) if "TimeZone" in settings else None
    if loaders is not None:
        for loader in loaders:
            connection.adapters.register_loader("timestamptz", loader)
