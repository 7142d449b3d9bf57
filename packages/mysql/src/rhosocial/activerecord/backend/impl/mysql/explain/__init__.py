"""EXPLAIN results: the rows as the server gave them, plus the parsed JSON plan when there is one."""

from __future__ import annotations

import json
from typing import Any, Optional

from rhosocial.activerecord.backend.explain import BaseExplainResult


class MySQLExplainResult(BaseExplainResult):
    """``rows`` for traditional output; ``plan`` for FORMAT=JSON (MySQL and MariaDB); ``tree`` for TREE/ANALYZE."""

    plan: Optional[Any] = None
    tree: Optional[str] = None

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self.raw_rows


def parse_explain(raw_rows: list[dict[str, Any]], sql: str, duration: float) -> MySQLExplainResult:
    plan = None
    tree = None
    if len(raw_rows) == 1 and len(raw_rows[0]) == 1:
        # Single-cell output: JSON (EXPLAIN FORMAT=JSON / ANALYZE FORMAT=JSON) or a TREE text.
        (value,) = raw_rows[0].values()
        if isinstance(value, (bytes, bytearray)):
            value = bytes(value).decode("utf-8")
        if isinstance(value, str):
            try:
                plan = json.loads(value)
            except ValueError:
                tree = value
    return MySQLExplainResult(raw_rows=raw_rows, sql=sql, duration=duration, plan=plan, tree=tree)


__all__ = ["MySQLExplainResult", "parse_explain"]
