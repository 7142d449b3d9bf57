"""ILIKE for a server without the operator."""

from __future__ import annotations

from typing import Any


class MySQLILIKEMixin:
    """No ILIKE operator: ILIKE is written as LOWER(x) LIKE LOWER(p), right under any collation."""

    def format_like_predicate(self, op: str, expr: Any, pattern: Any) -> tuple[str, tuple]:
        expr_sql, expr_params = expr.to_sql()
        pattern_sql, pattern_params = pattern.to_sql()
        words = op.upper().split()
        if words[-1] == "ILIKE":
            negation = "NOT " if words[0] == "NOT" else ""
            return f"LOWER({expr_sql}) {negation}LIKE LOWER({pattern_sql})", expr_params + pattern_params
        return f"{expr_sql} {op} {pattern_sql}", expr_params + pattern_params
