"""``SELECT DISTINCT ON (expr, ...)`` on the core's QueryExpression, through its ``dialect_options``:

    QueryExpression(d, select=[...], from_="events", order_by=...,
                    dialect_options={"distinct_on": [Column(d, "user_id")]})

keeps the first row of each group in ORDER BY order (the ORDER BY must start with the same expressions,
which the server checks).
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

from .options import check_options


class PostgresDistinctOnMixin:
    def format_query_statement(self, expr: Any) -> tuple[str, tuple]:
        options = getattr(expr, "dialect_options", None)
        keys = check_options("SELECT", options, ("distinct_on",)).get("distinct_on") if options else None
        sql, params = super().format_query_statement(expr)  # type: ignore[misc]
        if not keys:
            return sql, params
        if not sql.startswith("SELECT ") or sql.startswith(("SELECT DISTINCT", "SELECT ALL")):
            raise UnsupportedFeatureError("postgres", "DISTINCT ON together with a DISTINCT/ALL select modifier")
        rendered = [k.to_sql() for k in keys]
        head = "SELECT DISTINCT ON (" + ", ".join(s for s, _ in rendered) + ") "
        key_params = tuple(p for _, ps in rendered for p in ps)
        return head + sql[len("SELECT ") :], key_params + tuple(params)
