"""``SELECT DISTINCT ON (expr, ...)`` on the core's QueryExpression, through its ``dialect_options``:

    QueryExpression(d, select=[...], from_="events", order_by=...,
                    dialect_options={"distinct_on": [Column(d, "user_id")]})

keeps the first row of each group in ORDER BY order (the ORDER BY must start with the same expressions,
which the server checks).
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError


class PostgresDistinctOnMixin:
    def format_query_statement(self, expr: Any) -> tuple[str, tuple]:
        sql, params = super().format_query_statement(expr)  # type: ignore[misc]
        keys = (getattr(expr, "dialect_options", None) or {}).get("distinct_on")
        if not keys:
            return sql, params
        if not sql.startswith("SELECT ") or sql.startswith(("SELECT DISTINCT", "SELECT ALL")):
            raise UnsupportedFeatureError("postgres", "DISTINCT ON together with a DISTINCT/ALL select modifier")
        rendered = [k.to_sql() for k in keys]
        head = "SELECT DISTINCT ON (" + ", ".join(s for s, _ in rendered) + ") "
        key_params = tuple(p for _, ps in rendered for p in ps)
        return head + sql[len("SELECT ") :], key_params + tuple(params)
