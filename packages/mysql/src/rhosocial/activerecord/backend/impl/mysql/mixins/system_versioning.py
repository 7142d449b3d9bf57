"""System-versioned tables: MariaDB's (10.3.4+); MySQL has none and refuses.

Queries name a point or a range of system time on a table reference, with the core's
``TableExpression(..., temporal_options=...)``; the keys are::

    {"as_of": ts}            FOR SYSTEM_TIME AS OF TIMESTAMP ts
    {"between": (a, b)}      FOR SYSTEM_TIME BETWEEN TIMESTAMP a AND TIMESTAMP b
    {"from_to": (a, b)}      FOR SYSTEM_TIME FROM TIMESTAMP a TO TIMESTAMP b
    {"all": True}            FOR SYSTEM_TIME ALL

MariaDB writes FOR SYSTEM_TIME between the table and its alias (``FROM t FOR SYSTEM_TIME AS OF
TIMESTAMP ts AS a``), where the core would append it after the alias: such tables in a query's FROM
(joins included) render through :class:`SystemTimeTable`. Tables are made versioned with
``CreateTableExpression(..., dialect_options={"system_versioning": True})``.
"""

from __future__ import annotations

import copy
from typing import Any

from rhosocial.activerecord.backend.expression.core import TableExpression
from rhosocial.activerecord.backend.toolkit.table_sources import retype_tables

_RANGES = {"between": ("BETWEEN", "AND"), "from_to": ("FROM", "TO")}


class SystemTimeTable(TableExpression):
    """``table FOR SYSTEM_TIME ... [AS alias]``: the period clause before the alias."""

    def to_sql(self) -> tuple[str, tuple]:
        table_sql, params = self.dialect.format_table(self.name, None, self.schema_name)
        period_sql, period_params = self.dialect.format_temporal_options(self.temporal_options)
        alias = f" AS {self.dialect.format_identifier(self.alias)}" if self.alias else ""
        return f"{table_sql} {period_sql}{alias}", (*params, *period_params)


def _has_period(table: TableExpression) -> bool:
    return bool(table.temporal_options)


class MySQLSystemVersioningMixin:
    """MySQL: no system-versioned tables; temporal queries are refused, never rendered."""

    create_table_option_keys: frozenset = frozenset({"like_table"})

    def format_query_statement(self, expr: Any) -> tuple[str, tuple]:
        source = retype_tables(expr.from_, SystemTimeTable, _has_period) if expr.from_ else expr.from_
        if source is not expr.from_:
            expr = copy.copy(expr)
            expr.from_ = source
        return super().format_query_statement(expr)  # type: ignore[misc]

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


__all__ = ["MariaDBSystemVersioningMixin", "MySQLSystemVersioningMixin", "SystemTimeTable"]
