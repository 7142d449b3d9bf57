"""Set operations and the JSON path operators, gated by the server's version.

INTERSECT / EXCEPT: MySQL 8.0.31+, MariaDB 10.3+; with ALL: MySQL 8.0.31+, MariaDB 10.5+. A trailing
FOR UPDATE would bind to the last SELECT only, so it is refused. ``->`` / ``->>``: MySQL only
(MariaDB has no such operators; the core's default mode writes JSON_EXTRACT / JSON_UNQUOTE there).
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

_NEEDS_VERSION = {"INTERSECT", "EXCEPT"}


class MySQLOperatorMixin:
    def format_set_operation_expression(self, left: Any, right: Any, operation: str, *rest: Any) -> tuple[str, tuple]:
        # rest: alias, all_, order_by, limit_offset, for_update (the core passes them by position).
        if len(rest) > 4 and rest[4] is not None:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"{operation} ... FOR UPDATE",
                "lock the rows of each SELECT instead.",
            )
        keyword = operation.upper().split()[0]
        if keyword in _NEEDS_VERSION:
            self.require("intersect_except")  # type: ignore[attr-defined]
            if (len(rest) > 1 and rest[1]) or operation.upper().endswith(" ALL"):
                self.require("intersect_except_all")  # type: ignore[attr-defined]
        return super().format_set_operation_expression(left, right, operation, *rest)  # type: ignore[misc]

    def format_json_arrow_expression(self, expr: Any) -> tuple[str, tuple]:
        self.require("json_arrow")  # type: ignore[attr-defined]
        return super().format_json_arrow_expression(expr)  # type: ignore[misc]


__all__ = ["MySQLOperatorMixin"]
