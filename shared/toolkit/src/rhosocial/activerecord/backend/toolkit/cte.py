"""The core's ``format_cte`` with its two hints, ``materialized`` and ``dialect_options``, handed to hooks.

A backend overrides only what it spells differently: ``refuse_cte_materialized`` (a server without
``[NOT] MATERIALIZED`` raises rather than drop it) and ``format_cte_options`` (the SQL a CTE's
``dialect_options`` add after it, e.g. PostgreSQL's SEARCH/CYCLE; by default every option is refused).
"""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError


class CTEHooksMixin:
    """Put before the core's ``CTEMixin`` in the dialect's bases."""

    def format_cte(
        self,
        name: str,
        query_sql: str,
        columns: Optional[list] = None,
        recursive: bool = False,
        materialized: Optional[bool] = None,
        dialect_options: Optional[dict] = None,
    ) -> str:
        self.refuse_cte_materialized(materialized)
        sql = super().format_cte(name, query_sql, columns, recursive, materialized, None)  # type: ignore[misc]
        return sql + self.format_cte_options(dialect_options or {})

    def refuse_cte_materialized(self, materialized: Optional[bool]) -> None:
        """Raise when ``materialized`` (not None) cannot be written; by default the core's SQL writes it."""

    def format_cte_options(self, options: dict[str, Any]) -> str:
        """The SQL after the CTE for its ``dialect_options``; by default any option is refused."""
        if options:
            raise UnsupportedFeatureError(self.name, f"CTE dialect_options {sorted(options)}")  # type: ignore[attr-defined]
        return ""
