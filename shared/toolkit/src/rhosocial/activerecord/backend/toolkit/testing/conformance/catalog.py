"""Effect checks in the servers' catalogs (hand-written on purpose: they check, they do not prove).

One query per question and backend, as data; names are compared exactly as our dialects quote them.
"""

from __future__ import annotations

from typing import Any, Optional

from .context import Ctx

_SCHEMA = {
    "postgres": "current_schema()",
    "mysql": "DATABASE()",
}

# question -> backend -> SQL with one placeholder per name given
_QUERIES: dict[str, dict[str, str]] = {
    "table": {
        "postgres": "SELECT 1 FROM pg_class WHERE relname = %s AND relkind IN ('r', 'p') AND pg_table_is_visible(oid)",
        "mysql": "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = %s"
        " AND table_type = 'BASE TABLE'",
        "oracle": "SELECT 1 FROM user_tables WHERE table_name = :1",
    },
    "view": {
        "postgres": "SELECT 1 FROM pg_class WHERE relname = %s AND relkind IN ('v', 'm') AND pg_table_is_visible(oid)",
        "mysql": "SELECT 1 FROM information_schema.views WHERE table_schema = DATABASE() AND table_name = %s",
        "oracle": "SELECT 1 FROM user_objects WHERE object_name = :1 AND object_type IN ('VIEW', 'MATERIALIZED VIEW')",
    },
    "column": {
        "postgres": "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = %s AND column_name = %s",
        "mysql": "SELECT 1 FROM information_schema.columns WHERE table_schema = DATABASE()"
        " AND table_name = %s AND column_name = %s",
        "oracle": "SELECT 1 FROM user_tab_columns WHERE table_name = :1 AND column_name = :2",
    },
    "index": {
        "postgres": "SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'i' AND pg_table_is_visible(oid)",
        "mysql": "SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name = %s",
        "oracle": "SELECT 1 FROM user_indexes WHERE index_name = :1",
    },
    "sequence": {
        "postgres": "SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'S' AND pg_table_is_visible(oid)",
        "mysql": "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = %s"
        " AND table_type = 'SEQUENCE'",
        "oracle": "SELECT 1 FROM user_sequences WHERE sequence_name = :1",
    },
    "schema": {
        "postgres": "SELECT 1 FROM pg_namespace WHERE nspname = %s",
        "mysql": "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s",
        "oracle": "SELECT 1 FROM all_users WHERE username = :1",
    },
    "trigger": {
        "postgres": "SELECT 1 FROM pg_trigger WHERE tgname = %s",
        "mysql": "SELECT 1 FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND trigger_name = %s",
        "oracle": "SELECT 1 FROM user_triggers WHERE trigger_name = :1",
    },
    "function": {
        "postgres": "SELECT 1 FROM pg_proc WHERE proname = %s",
        "mysql": "SELECT 1 FROM information_schema.routines WHERE routine_schema = DATABASE() AND routine_name = %s",
        "oracle": "SELECT 1 FROM user_objects WHERE object_name = :1 AND object_type = 'FUNCTION'",
    },
    "constraint": {
        "postgres": "SELECT 1 FROM pg_constraint WHERE conname = %s",
        "mysql": "SELECT 1 FROM information_schema.table_constraints WHERE constraint_schema = DATABASE()"
        " AND constraint_name = %s",
        "oracle": "SELECT 1 FROM user_constraints WHERE constraint_name = :1",
    },
}


def exists(ctx: Ctx, kind: str, *names: str) -> bool:
    """Whether the ``kind`` object (``table``, ``view``, ``column`` (table, column), ``index``, ...) exists."""
    sql = _QUERIES[kind][ctx.backend_name]
    return bool(ctx.rows(sql, names))


def column_default(ctx: Ctx, table: str, column: str) -> Optional[str]:
    sql = {
        "postgres": "SELECT column_default FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = %s AND column_name = %s",
        "mysql": "SELECT column_default FROM information_schema.columns WHERE table_schema = DATABASE()"
        " AND table_name = %s AND column_name = %s",
        "oracle": "SELECT data_default FROM user_tab_columns WHERE table_name = :1 AND column_name = :2",
    }[ctx.backend_name]
    value: Any = ctx.scalar(sql, (table, column))
    return None if value is None else str(value)


def column_type(ctx: Ctx, table: str, column: str) -> str:
    sql = {
        "postgres": "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = %s AND column_name = %s",
        "mysql": "SELECT data_type FROM information_schema.columns WHERE table_schema = DATABASE()"
        " AND table_name = %s AND column_name = %s",
        "oracle": "SELECT data_type FROM user_tab_columns WHERE table_name = :1 AND column_name = :2",
    }[ctx.backend_name]
    return str(ctx.scalar(sql, (table, column)) or "").lower()


def nullable(ctx: Ctx, table: str, column: str) -> bool:
    sql = {
        "postgres": "SELECT is_nullable FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = %s AND column_name = %s",
        "mysql": "SELECT is_nullable FROM information_schema.columns WHERE table_schema = DATABASE()"
        " AND table_name = %s AND column_name = %s",
        "oracle": "SELECT nullable FROM user_tab_columns WHERE table_name = :1 AND column_name = :2",
    }[ctx.backend_name]
    return str(ctx.scalar(sql, (table, column))).upper() in ("YES", "Y")


def fails(ctx: Ctx, sql: str, params: tuple[Any, ...] = ()) -> bool:
    """Whether a hand-written statement is rejected (a constraint doing its job)."""
    try:
        ctx.execute(sql, params)
    except Exception:
        return True
    return False
