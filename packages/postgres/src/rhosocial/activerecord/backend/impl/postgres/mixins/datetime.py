"""The core's ``date_diff(unit, start, end)`` in PostgreSQL terms."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

# Units measured in elapsed seconds (EXTRACT(EPOCH ...) works for date, timestamp and timestamptz).
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}


class PostgresDateTimeMixin:
    def format_datetime_diff_expression(self, expr: Any) -> tuple[str, tuple]:
        """``end - start`` in ``unit``: fractional for second..week, whole months/years completed (AGE)."""
        start_sql, start_params = expr.start.to_sql()
        end_sql, end_params = expr.end.to_sql()
        unit = expr.unit.value
        params = end_params + start_params  # the SQL names end first
        if unit in _SECONDS:
            diff = f"(EXTRACT(EPOCH FROM {end_sql}) - EXTRACT(EPOCH FROM {start_sql}))"
            sql = diff if unit == "second" else f"({diff} / {_SECONDS[unit]})"
        elif unit in ("month", "year"):
            age = f"AGE({end_sql}, {start_sql})"
            if unit == "year":
                sql = f"EXTRACT(YEAR FROM {age})"
            else:
                sql = f"(EXTRACT(YEAR FROM {age}) * 12 + EXTRACT(MONTH FROM {age}))"
                params = params + params  # AGE() appears twice
        else:
            raise UnsupportedFeatureError("postgres", f"date_diff({unit})")
        return self._apply_value_expression_modifiers(sql, params, expr)  # type: ignore[attr-defined]
