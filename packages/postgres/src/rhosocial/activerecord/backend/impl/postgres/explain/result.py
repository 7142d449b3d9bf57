"""EXPLAIN output as returned by the server: text lines, or the JSON plan (psycopg parses ``json``)."""

from __future__ import annotations

import json
from typing import Any, Optional

from rhosocial.activerecord.backend.explain.types import BaseExplainResult

from .plan_facts import PlanFactsMixin

PLAN_COLUMN = "QUERY PLAN"


class PostgresExplainResult(PlanFactsMixin, BaseExplainResult):
    lines: list[str] = []
    plan: Optional[dict[str, Any]] = None

    @property
    def total_cost(self) -> Optional[float]:
        return (self.plan or {}).get("Plan", {}).get("Total Cost")

    @property
    def execution_time(self) -> Optional[float]:
        """Milliseconds, when the plan was produced with ANALYZE."""
        return (self.plan or {}).get("Execution Time")

    def text(self) -> str:
        return "\n".join(self.lines) if self.lines else json.dumps(self.plan, indent=2)


def parse_explain(raw_rows: list[dict[str, Any]], sql: str, duration: float) -> PostgresExplainResult:
    values = [row.get(PLAN_COLUMN) for row in raw_rows]
    plan = None
    if len(values) == 1 and not isinstance(values[0], str):
        document = values[0]
        plan = document[0] if isinstance(document, list) and document else document
        return PostgresExplainResult(raw_rows=raw_rows, sql=sql, duration=duration, plan=plan)
    return PostgresExplainResult(raw_rows=raw_rows, sql=sql, duration=duration, lines=[str(v) for v in values])
