"""Identifiers, placeholders, LIMIT/OFFSET, CAST targets and string concatenation."""

from __future__ import annotations

import re
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.base import SQLDialectBase
from rhosocial.activerecord.backend.toolkit.inline_literals import placeholder
from rhosocial.activerecord.backend.toolkit.limit_offset import LimitOffsetRendering

# MySQL has no OFFSET without LIMIT; this is the documented "all remaining rows" bound.
NO_LIMIT = 18446744073709551615

# CAST target names other databases use -> what MySQL/MariaDB accept.
_CAST_TYPES = {
    "INTEGER": "SIGNED",
    "INT": "SIGNED",
    "BIGINT": "SIGNED",
    "SMALLINT": "SIGNED",
    "TINYINT": "SIGNED",
    "BOOLEAN": "SIGNED",
    "BOOL": "SIGNED",
    "TEXT": "CHAR",
    "VARCHAR": "CHAR",
    "STRING": "CHAR",
    "REAL": "DOUBLE",
    "FLOAT": "DOUBLE",
    "DOUBLE PRECISION": "DOUBLE",
    "NUMERIC": "DECIMAL",
    "TIMESTAMP": "DATETIME",
}
_TYPE_HEAD = re.compile(r"^\s*([A-Za-z ]+?)\s*(\(.*\))?\s*$")


def cast_target(target_type: str) -> str:
    """Map a portable CAST target onto MySQL's (``INTEGER`` -> ``SIGNED``, ``VARCHAR(20)`` -> ``CHAR(20)``)."""
    match = _TYPE_HEAD.match(target_type)
    if not match:
        return target_type
    head, size = match.group(1).upper(), match.group(2) or ""
    mapped = _CAST_TYPES.get(head)
    if mapped is None:
        return target_type
    if mapped in ("SIGNED", "DOUBLE"):
        return mapped  # these take no length
    return f"{mapped}{size}"


class MySQLSyntaxMixin(LimitOffsetRendering):
    """Placed before the core mixins in the dialect's bases."""

    OFFSET_ONLY_LIMIT = NO_LIMIT  # MySQL has no OFFSET without LIMIT

    def get_parameter_placeholder(self, position: int = 0) -> str:
        # Inside DDL (see ddl_table.py) this is a marker that becomes an inline literal.
        return placeholder("%s")

    def format_identifier(self, identifier: str) -> str:
        return "`" + identifier.replace("`", "``") + "`"

    def format_limit_offset(self, limit: Any = None, offset: Any = None) -> tuple[Optional[str], list]:
        if limit is None and offset is None:
            return None, []
        params: list = [NO_LIMIT if limit is None else limit]
        mark = self.get_parameter_placeholder()
        sql = f"LIMIT {mark}"
        if offset is not None:
            sql += f" OFFSET {mark}"
            params.append(offset)
        return sql, params

    def format_cast_expression(
        self, expr_sql: str, target_type: str, expr_params: tuple, alias: Optional[str] = None
    ) -> tuple[str, tuple]:
        if not SQLDialectBase._validate_data_type(target_type):
            raise ValueError(f"Invalid target type '{target_type}'")
        sql = f"CAST({expr_sql} AS {cast_target(target_type)})"
        if alias:
            sql = f"{sql} AS {self.format_identifier(alias)}"
        return sql, expr_params

    def format_binary_operator(
        self, op: str, left_sql: str, right_sql: str, left_params: tuple, right_params: tuple
    ) -> tuple[str, tuple]:
        # '||' is logical OR in MySQL's default sql_mode; the portable meaning is concatenation.
        if op == "||":
            return f"CONCAT({left_sql}, {right_sql})", left_params + right_params
        return f"{left_sql} {op} {right_sql}", left_params + right_params

    @staticmethod
    def _escape_sql_string(value: str) -> str:
        # Backslash is an escape character in MySQL string literals (unless NO_BACKSLASH_ESCAPES).
        return value.replace("\\", "\\\\").replace("'", "''")
