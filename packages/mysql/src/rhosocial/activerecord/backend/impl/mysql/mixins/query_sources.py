"""FROM-clause sources and quantified predicates in MySQL's grammar.

- LATERAL (MySQL 8.0.14+): ``LATERAL (subquery) AS alias``, the FROM-list item (a comma join) the
  core places it as; the core's own ``CROSS JOIN LATERAL`` after a comma is invalid. MariaDB has no
  LATERAL and refuses.
- JSON_TABLE: the core hands column names already quoted; they are written once, and the alias
  MySQL requires for every table function is enforced.
- ANY / ALL take a subquery in parentheses; MySQL has no arrays to quantify over.
"""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.base import SQLDialectBase
from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression.core import Subquery


class MySQLQuerySourceMixin:
    def format_lateral_expression(
        self, expr_sql: str, expr_params: tuple, alias: Optional[str], join_type: str
    ) -> tuple[str, tuple]:
        self.require("lateral_join")  # type: ignore[attr-defined]
        if alias is None:
            raise ValueError("MySQL needs an alias for a LATERAL derived table: LateralExpression(..., alias=...)")
        if join_type.upper() not in ("CROSS", "CROSS JOIN", ","):
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"LateralExpression(join_type={join_type!r})",
                "a LateralExpression is a FROM-list item, i.e. a cross join; put outer-join logic in the subquery.",
            )
        if not expr_sql.startswith("("):
            expr_sql = f"({expr_sql})"
        return f"LATERAL {expr_sql} AS {self.format_identifier(alias)}", tuple(expr_params)  # type: ignore[attr-defined]

    def format_json_table_expression(
        self, json_col_sql: str, path: str, columns: list[dict[str, Any]], alias: Optional[str], params: tuple
    ) -> tuple[str, tuple]:
        self.require("json_table")  # type: ignore[attr-defined]
        if alias is None:
            raise ValueError("MySQL/MariaDB need an alias for JSON_TABLE: JSONTableExpression(..., alias=...)")
        escape = self._escape_sql_string  # type: ignore[attr-defined]
        definitions = []
        for column in columns:
            name = column["name"]
            if not name.startswith("`"):  # the core quotes names before calling us
                name = self.format_identifier(name)  # type: ignore[attr-defined]
            if not SQLDialectBase._validate_data_type(column["type"]):
                raise ValueError(f"invalid JSON_TABLE column type {column['type']!r}")
            definitions.append(f"{name} {column['type']} PATH '{escape(column['path'])}'")
        sql = f"JSON_TABLE({json_col_sql}, '{escape(path)}' COLUMNS({', '.join(definitions)}))"
        return f"{sql} AS {self.format_identifier(alias)}", tuple(params)  # type: ignore[attr-defined]

    def _quantified(self, quantifier: str, expr: Any, op: str, subquery: Any) -> tuple[str, tuple]:
        if isinstance(getattr(subquery, "value", None), (list, tuple)):
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"{quantifier} over a list",
                "MySQL has no arrays; use IN (...) or a subquery.",
            )
        expr_sql, expr_params = expr.to_sql()
        sub_sql, sub_params = subquery.to_sql()
        if not isinstance(subquery, Subquery):  # a Subquery brings its own parentheses
            sub_sql = f"({sub_sql})"
        return f"({expr_sql} {op} {quantifier} {sub_sql})", tuple(expr_params) + tuple(sub_params)

    def format_any_expression(self, expr: Any, op: str, array_expr: Any) -> tuple[str, tuple]:
        return self._quantified("ANY", expr, op, array_expr)

    def format_all_expression(self, expr: Any, op: str, array_expr: Any) -> tuple[str, tuple]:
        return self._quantified("ALL", expr, op, array_expr)
