"""PARTITION BY and partition maintenance in MySQL's grammar (expressions in ``partitions.py``)."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

from ..partitions import MAXVALUE, AlterPartitionExpression, PartitionDefinition, _MaxValue

_NEEDS_BOUNDS = {"RANGE", "RANGE COLUMNS"}
_NEEDS_VALUES = {"LIST", "LIST COLUMNS"}
_COUNTED = {"HASH", "KEY", "LINEAR HASH", "LINEAR KEY"}


class MySQLPartitionMixin:
    def format_partition_clause(self, expr: Any) -> tuple[str, tuple]:
        method = expr.method
        params: list[Any] = []
        keys = []
        for key in expr.keys:
            sql, p = key.to_sql()
            keys.append(sql)
            params.extend(p)
        definitions = getattr(expr, "partitions", [])
        if (method in _NEEDS_BOUNDS or method in _NEEDS_VALUES) and not definitions:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"PARTITION BY {method} without partitions",
                "MySQL needs the partitions listed: use MySQLPartitionClause(..., partitions=[...])",
            )
        sql = f" PARTITION BY {method} ({', '.join(keys)})"
        count = getattr(expr, "count", None)
        if count is not None:
            if method not in _COUNTED:
                raise ValueError(f"PARTITIONS n applies to HASH/KEY partitioning, not {method}")
            sql += f" PARTITIONS {int(count)}"
        if definitions:
            parts = []
            for definition in definitions:
                part_sql, part_params = self._partition_definition(definition, method)
                parts.append(part_sql)
                params.extend(part_params)
            sql += f" ({', '.join(parts)})"
        return sql, tuple(params)

    def _partition_definition(self, definition: PartitionDefinition, method: str) -> tuple[str, tuple]:
        sql = f"PARTITION {self.format_identifier(definition.name)}"  # type: ignore[attr-defined]
        params: list[Any] = []
        if method in _NEEDS_BOUNDS:
            if definition.less_than is None:
                raise ValueError(f"RANGE partition {definition.name!r} needs less_than")
            bound = definition.less_than
            if isinstance(bound, _MaxValue):
                sql += " VALUES LESS THAN MAXVALUE"
            else:
                sql += f" VALUES LESS THAN ({self._bound_values(list(bound), params)})"
        elif method in _NEEDS_VALUES:
            if not definition.values_in:
                raise ValueError(f"LIST partition {definition.name!r} needs values_in")
            sql += f" VALUES IN ({self._bound_values(list(definition.values_in), params)})"
        elif definition.less_than is not None or definition.values_in:
            raise ValueError(f"{method} partitions take no bounds ({definition.name!r})")
        if definition.comment:
            from .ddl_table import mysql_literal

            sql += f" COMMENT = {mysql_literal(definition.comment)}"
        return sql, tuple(params)

    def _bound_values(self, values: list[Any], params: list[Any]) -> str:
        # Partition bounds are constants in the DDL; DDL takes literals, not placeholders.
        from .ddl_table import mysql_literal

        return ", ".join("MAXVALUE" if v is MAXVALUE else mysql_literal(v) for v in values)

    def format_alter_partition(self, expr: AlterPartitionExpression) -> tuple[str, tuple]:
        fmt = self.format_identifier  # type: ignore[attr-defined]
        head = f"ALTER TABLE {fmt(expr.table)} {expr.action} PARTITION"
        names = ", ".join(fmt(n) for n in expr.names)
        params: list[Any] = []

        def definitions() -> str:
            parts = []
            for d in expr.partitions:  # the bound given says which kind of partition it is
                kind = "RANGE" if d.less_than is not None else ("LIST" if d.values_in else "HASH")
                part_sql, part_params = self._partition_definition(d, kind)
                parts.append(part_sql)
                params.extend(part_params)
            return ", ".join(parts)

        if expr.action in ("DROP", "TRUNCATE"):
            if not expr.names:
                raise ValueError(f"{expr.action} PARTITION needs names")
            return f"{head} {names}", ()
        if expr.action == "ADD":
            if not expr.partitions:
                raise ValueError("ADD PARTITION needs partitions")
            return f"{head} ({definitions()})", tuple(params)
        if not expr.names or not expr.partitions:
            raise ValueError("REORGANIZE PARTITION needs names and partitions")
        return f"{head} {names} INTO ({definitions()})", tuple(params)


__all__ = ["MySQLPartitionMixin"]
