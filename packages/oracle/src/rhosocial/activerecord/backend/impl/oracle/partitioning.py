"""Table partitioning from the core's ``PartitionClause``: RANGE, LIST, HASH, and RANGE ... INTERVAL.

The core's clause carries the method and the keys; Oracle needs the partitions too (a RANGE or
LIST table must name at least one), so :class:`OraclePartitionClause` adds them as structured
fields, as the core's docstring asks of backend-specific forms::

    OraclePartitionClause(d, PartitionStrategy.RANGE, [Column(d, "created")],
                          partitions=[RangePartition("p0", "DATE '2024-01-01'")],
                          interval="NUMTOYMINTERVAL(1, 'MONTH')")

renders ``PARTITION BY RANGE ("CREATED") INTERVAL (NUMTOYMINTERVAL(1, 'MONTH')) (PARTITION "P0" VALUES
LESS THAN (DATE '2024-01-01'))`` (SQL Language Reference, CREATE TABLE: table_partitioning_clauses).
Bounds and the interval are SQL text written into the DDL (Oracle takes no binds in DDL); numbers
and strings may be given as Python values and are written as literals.
A plain ``PartitionClause`` works for HASH (``PARTITIONS n`` via ``hash_partitions``); RANGE and
LIST without partitions are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression.statements.ddl_partition import PartitionClause, PartitionStrategy


@dataclass(frozen=True)
class RangePartition:
    """``PARTITION name VALUES LESS THAN (bound)``; ``bound`` "MAXVALUE" for the last one."""

    name: str
    bound: Any


@dataclass(frozen=True)
class ListPartition:
    """``PARTITION name VALUES (v1, v2, ...)``; ``values=("DEFAULT",)`` for the catch-all."""

    name: str
    values: Sequence[Any]


class OraclePartitionClause(PartitionClause):
    def __init__(
        self,
        dialect: Any,
        method: PartitionStrategy,
        keys: Sequence[Any],
        *,
        partitions: Sequence[Any] = (),
        interval: Optional[str] = None,
        hash_partitions: Optional[int] = None,
    ) -> None:
        super().__init__(dialect, method, keys)
        self.partitions = list(partitions)
        self.interval = interval
        self.hash_partitions = hash_partitions


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        raise UnsupportedFeatureError("Oracle", f"partition bound {value!r}")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str) and value.upper() in ("MAXVALUE", "DEFAULT", "NULL"):
        return value.upper()
    if isinstance(value, str) and value.upper().startswith(("DATE '", "TIMESTAMP '", "TO_DATE(")):
        return value  # a date literal written by the caller
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise UnsupportedFeatureError("Oracle", f"partition bound {value!r}", "use a number, a string or a DATE literal")


def partition_by_sql(dialect: Any, clause: PartitionClause) -> str:
    """The ``PARTITION BY ...`` text of a CREATE TABLE (literals only, no binds)."""
    unknown = sorted(clause.dialect_options)
    if unknown:
        raise UnsupportedFeatureError(dialect.name, f"PARTITION BY dialect_options {unknown}")
    keys = []
    for key in clause.keys:
        sql, params = key.to_sql()
        if params:
            raise UnsupportedFeatureError(dialect.name, "a partition key with bind values")
        keys.append(sql)
    method = clause.method
    partitions = list(getattr(clause, "partitions", ()))
    interval = getattr(clause, "interval", None)
    count = getattr(clause, "hash_partitions", None)
    head = f"PARTITION BY {method} ({', '.join(keys)})"
    if interval is not None:
        if method != "RANGE":
            raise UnsupportedFeatureError(
                dialect.name, f"INTERVAL with {method} partitioning", "INTERVAL extends RANGE"
            )
        head += f" INTERVAL ({interval})"
    if method == "HASH":
        if partitions:
            raise UnsupportedFeatureError(dialect.name, "named HASH partitions", "give hash_partitions=n")
        return head + (f" PARTITIONS {int(count)}" if count else "")
    if count:
        raise UnsupportedFeatureError(dialect.name, f"hash_partitions with {method} partitioning")
    if not partitions:
        raise UnsupportedFeatureError(
            dialect.name, f"{method} partitioning without partitions", "use OraclePartitionClause(partitions=[...])"
        )
    rendered = []
    for part in partitions:
        name = dialect.format_identifier(part.name)
        if method == "RANGE" and isinstance(part, RangePartition):
            rendered.append(f"PARTITION {name} VALUES LESS THAN ({_literal(part.bound)})")
        elif method == "LIST" and isinstance(part, ListPartition):
            rendered.append(f"PARTITION {name} VALUES ({', '.join(_literal(v) for v in part.values)})")
        else:
            raise UnsupportedFeatureError(dialect.name, f"{type(part).__name__} in {method} partitioning")
    return f"{head} ({', '.join(rendered)})"


__all__ = ["ListPartition", "OraclePartitionClause", "RangePartition", "partition_by_sql"]
