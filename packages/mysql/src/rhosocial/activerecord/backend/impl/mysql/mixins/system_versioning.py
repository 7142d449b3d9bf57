"""System-versioned tables: MariaDB's (10.3.4+); MySQL has none and refuses.

Queries name a point or a range of system time on a table reference, with the core's
``TableExpression(..., temporal_options=...)``; the keys are::

    {"as_of": ts}            FOR SYSTEM_TIME AS OF TIMESTAMP ts
    {"between": (a, b)}      FOR SYSTEM_TIME BETWEEN TIMESTAMP a AND TIMESTAMP b
    {"from_to": (a, b)}      FOR SYSTEM_TIME FROM TIMESTAMP a TO TIMESTAMP b
    {"all": True}            FOR SYSTEM_TIME ALL

MariaDB writes FOR SYSTEM_TIME before a table alias, and the core appends it after one, so a
temporal table reference takes no alias (the server rejects the order otherwise). Tables are made
versioned with ``CreateTableExpression(..., dialect_options={"system_versioning": True})``.
"""

from __future__ import annotations

from typing import Any

_RANGES = {"between": ("BETWEEN", "AND"), "from_to": ("FROM", "TO")}


class MySQLSystemVersioningMixin:
    """MySQL: no system-versioned tables; temporal queries are refused, never rendered."""

    create_table_option_keys: frozenset = frozenset({"like_table"})

    def format_temporal_options(self, options: dict[str, Any]) -> tuple[str, tuple]:
        self.require("system_versioning")  # type: ignore[attr-defined]
        if len(options) != 1:
            raise ValueError(f"one FOR SYSTEM_TIME form at a time, got {sorted(options)}")
        ((key, value),) = options.items()
        placeholder = self.get_parameter_placeholder()  # type: ignore[attr-defined]
        if key == "as_of":
            return f"FOR SYSTEM_TIME AS OF TIMESTAMP {placeholder}", (value,)
        if key in _RANGES:
            start, end = value
            first, second = _RANGES[key]
            sql = f"FOR SYSTEM_TIME {first} TIMESTAMP {placeholder} {second} TIMESTAMP {placeholder}"
            return sql, (start, end)
        if key == "all" and value is True:
            return "FOR SYSTEM_TIME ALL", ()
        raise ValueError(f"unknown temporal option {key!r}: as_of, between, from_to or all")

    def extra_table_options(self, expr: Any) -> list[str]:
        return []


class MariaDBSystemVersioningMixin(MySQLSystemVersioningMixin):
    create_table_option_keys = frozenset({"like_table", "system_versioning"})

    def extra_table_options(self, expr: Any) -> list[str]:
        if not expr.dialect_options.get("system_versioning"):
            return []
        self.require("system_versioning")  # type: ignore[attr-defined]
        return ["WITH SYSTEM VERSIONING"]


__all__ = ["MariaDBSystemVersioningMixin", "MySQLSystemVersioningMixin"]
