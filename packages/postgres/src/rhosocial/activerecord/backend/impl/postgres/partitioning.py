"""Declarative partitioning: the core's ``PartitionClause`` on CREATE TABLE, and the partitions themselves.

    parent = CreateTableExpression(d, "events", columns,
                                   partition=PartitionClause(d, PartitionStrategy.RANGE, [Column(d, "at")]))
    CreatePartitionExpression(d, "events_2024", "events", RangeBounds([date(2024, 1, 1)], [date(2025, 1, 1)]))
    CreatePartitionExpression(d, "events_other", "events", DEFAULT)
    AttachPartitionExpression(d, "events", "events_2023", RangeBounds([MINVALUE], [date(2024, 1, 1)]))
    DetachPartitionExpression(d, "events", "events_2023", concurrently=True)   # 14+

Bound values are Python values written as literals (DDL takes no parameters) or ``MINVALUE`` / ``MAXVALUE``.
A partition may itself be partitioned (``partition=`` on CreatePartitionExpression).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Optional, Union

from rhosocial.activerecord.backend.expression import RawSQLExpression
from rhosocial.activerecord.backend.expression.bases import BaseExpression
from rhosocial.activerecord.backend.schema import StatementType


class _Bound(str):
    """MINVALUE / MAXVALUE in a range bound."""


MINVALUE = _Bound("MINVALUE")
MAXVALUE = _Bound("MAXVALUE")


@dataclass(frozen=True)
class RangeBounds:
    lower: Sequence[Any]
    upper: Sequence[Any]


@dataclass(frozen=True)
class ListBounds:
    values: Sequence[Any]


@dataclass(frozen=True)
class HashBounds:
    modulus: int
    remainder: int


class _Default:
    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT = _Default()
Bounds = Union[RangeBounds, ListBounds, HashBounds, _Default]


class _DDL(BaseExpression):
    @property
    def statement_type(self) -> StatementType:
        return StatementType.DDL


class CreatePartitionExpression(_DDL):
    """``CREATE TABLE [IF NOT EXISTS] name PARTITION OF parent {FOR VALUES ... | DEFAULT} [PARTITION BY ...]``."""

    def __init__(
        self,
        dialect: Any,
        name: str,
        parent: str,
        bounds: Bounds,
        *,
        if_not_exists: bool = False,
        partition: Optional[Any] = None,
    ) -> None:
        super().__init__(dialect)
        self.name, self.parent, self.bounds = name, parent, bounds
        self.if_not_exists, self.partition = if_not_exists, partition

    def to_sql(self) -> tuple[str, tuple]:
        return self.dialect.format_create_partition_statement(self)


class AttachPartitionExpression(_DDL):
    """``ALTER TABLE parent ATTACH PARTITION child {FOR VALUES ... | DEFAULT}``."""

    def __init__(self, dialect: Any, parent: str, child: str, bounds: Bounds) -> None:
        super().__init__(dialect)
        self.parent, self.child, self.bounds = parent, child, bounds

    def to_sql(self) -> tuple[str, tuple]:
        return self.dialect.format_attach_partition_statement(self)


class DetachPartitionExpression(_DDL):
    """``ALTER TABLE parent DETACH PARTITION child [CONCURRENTLY | FINALIZE]`` (the two keywords: 14+)."""

    def __init__(self, dialect: Any, parent: str, child: str, *, concurrently: bool = False, finalize: bool = False):
        super().__init__(dialect)
        if concurrently and finalize:
            raise ValueError("DETACH PARTITION takes CONCURRENTLY or FINALIZE, not both")
        self.parent, self.child, self.concurrently, self.finalize = parent, child, concurrently, finalize

    def to_sql(self) -> tuple[str, tuple]:
        return self.dialect.format_detach_partition_statement(self)


class PostgresPartitionMixin:
    def format_partition_clause(self, expr: Any) -> tuple[str, tuple]:
        """``PARTITION BY RANGE|LIST|HASH (key, ...)``: a column as it is, any other expression parenthesised."""
        if expr.dialect_options:
            raise ValueError(f"PostgreSQL PARTITION BY: dialect_options {sorted(expr.dialect_options)} not supported")
        keys, params = [], []
        for key in expr.keys:
            sql, p = key.to_sql()
            keys.append(sql if type(key).__name__ == "Column" else f"({sql})")
            params.extend(p)
        return f"PARTITION BY {expr.method} ({', '.join(keys)})", tuple(params)

    def _bound_value(self, value: Any) -> str:
        if isinstance(value, _Bound):
            return str(value)
        if isinstance(value, RawSQLExpression):
            return value.to_sql()[0]
        if isinstance(value, (datetime.date, datetime.time)):
            # a quoted ISO string: the server reads it as the partition key's type
            return self.sql_literal(value.isoformat())  # type: ignore[attr-defined]
        return self.sql_literal(value)  # type: ignore[attr-defined]

    def format_partition_bounds(self, bounds: Bounds) -> str:
        values = self._bound_value
        if isinstance(bounds, _Default):
            return "DEFAULT"
        if isinstance(bounds, RangeBounds):
            lower = ", ".join(values(v) for v in bounds.lower)
            upper = ", ".join(values(v) for v in bounds.upper)
            return f"FOR VALUES FROM ({lower}) TO ({upper})"
        if isinstance(bounds, ListBounds):
            return f"FOR VALUES IN ({', '.join(values(v) for v in bounds.values)})"
        if isinstance(bounds, HashBounds):
            return f"FOR VALUES WITH (MODULUS {int(bounds.modulus)}, REMAINDER {int(bounds.remainder)})"
        raise TypeError(f"partition bounds must be RangeBounds, ListBounds, HashBounds or DEFAULT, not {bounds!r}")

    def format_create_partition_statement(self, expr: CreatePartitionExpression) -> tuple[str, tuple]:
        ident = self.format_identifier  # type: ignore[attr-defined]
        head = "CREATE TABLE IF NOT EXISTS" if expr.if_not_exists else "CREATE TABLE"
        sql = f"{head} {ident(expr.name)} PARTITION OF {ident(expr.parent)} {self.format_partition_bounds(expr.bounds)}"
        if expr.partition is not None:
            clause, params = expr.partition.to_sql()
            if params:
                raise ValueError("a sub-partition key takes no parameters")
            sql += f" {clause}"
        return sql, ()

    def format_attach_partition_statement(self, expr: AttachPartitionExpression) -> tuple[str, tuple]:
        ident = self.format_identifier  # type: ignore[attr-defined]
        bounds = self.format_partition_bounds(expr.bounds)
        return f"ALTER TABLE {ident(expr.parent)} ATTACH PARTITION {ident(expr.child)} {bounds}", ()

    def format_detach_partition_statement(self, expr: DetachPartitionExpression) -> tuple[str, tuple]:
        ident = self.format_identifier  # type: ignore[attr-defined]
        sql = f"ALTER TABLE {ident(expr.parent)} DETACH PARTITION {ident(expr.child)}"
        if expr.concurrently or expr.finalize:
            self.require_capability("detach_partition_concurrently")  # type: ignore[attr-defined]
            sql += " CONCURRENTLY" if expr.concurrently else " FINALIZE"
        return sql, ()
