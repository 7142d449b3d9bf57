"""MySQL/MariaDB partitioning as expressions: the core's ``PartitionClause`` with the parts MySQL needs.

The core's clause carries a method and keys; MySQL also needs the partitions themselves (RANGE
bounds up to MAXVALUE, LIST values) or a count (HASH/KEY). As the core asks, these are structured
fields of a subclass, not ``dialect_options``::

    MySQLPartitionClause(d, MySQLPartitionMethod.RANGE, [Column(d, "year")], partitions=[
        PartitionDefinition("p2020", less_than=[2021]),
        PartitionDefinition("pmax", less_than=MAXVALUE),
    ])

``AlterPartitionExpression`` covers ADD / DROP / TRUNCATE / REORGANIZE PARTITION.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Optional, Union

from rhosocial.activerecord.backend.expression.bases import BaseExpression
from rhosocial.activerecord.backend.expression.statements.ddl_partition import PartitionClause


class _MaxValue:
    def __repr__(self) -> str:
        return "MAXVALUE"


MAXVALUE: Any = _MaxValue()  # the open upper bound of the last RANGE partition


class MySQLPartitionMethod(Enum):
    RANGE = "RANGE"
    LIST = "LIST"
    HASH = "HASH"
    KEY = "KEY"
    LINEAR_HASH = "LINEAR HASH"
    LINEAR_KEY = "LINEAR KEY"
    RANGE_COLUMNS = "RANGE COLUMNS"
    LIST_COLUMNS = "LIST COLUMNS"


Bound = Union[_MaxValue, Sequence[Any]]


@dataclass
class PartitionDefinition:
    """One partition: ``less_than`` for RANGE (values or MAXVALUE), ``values_in`` for LIST."""

    name: str
    less_than: Optional[Bound] = None
    values_in: Optional[Sequence[Any]] = None
    comment: Optional[str] = None


class MySQLPartitionClause(PartitionClause):
    strategy_type = MySQLPartitionMethod

    def __init__(
        self,
        dialect: Any,
        method: MySQLPartitionMethod,
        keys: Sequence[BaseExpression],
        *,
        partitions: Optional[Sequence[PartitionDefinition]] = None,
        count: Optional[int] = None,
    ) -> None:
        super().__init__(dialect, method, keys)
        self.partitions = list(partitions or [])
        self.count = count


class AlterPartitionExpression(BaseExpression):
    """``ALTER TABLE t {ADD|DROP|TRUNCATE|REORGANIZE} PARTITION ...`` (rendered by the dialect).

    ADD takes ``partitions``; DROP and TRUNCATE take ``names``; REORGANIZE takes ``names`` (the
    partitions replaced) and ``partitions`` (what replaces them).
    """

    ACTIONS = ("ADD", "DROP", "TRUNCATE", "REORGANIZE")

    def __init__(
        self,
        dialect: Any,
        table: str,
        action: str,
        *,
        names: Optional[Sequence[str]] = None,
        partitions: Optional[Sequence[PartitionDefinition]] = None,
    ) -> None:
        super().__init__(dialect)
        action = action.upper()
        if action not in self.ACTIONS:
            raise ValueError(f"action must be one of {self.ACTIONS}, got {action!r}")
        self.table = table
        self.action = action
        self.names = list(names or [])
        self.partitions = list(partitions or [])

    def to_sql(self) -> tuple[str, tuple]:
        return self.dialect.format_alter_partition(self)


__all__ = [
    "MAXVALUE",
    "AlterPartitionExpression",
    "MySQLPartitionClause",
    "MySQLPartitionMethod",
    "PartitionDefinition",
]
