"""LIMIT/OFFSET rendering shared by the dialects that write ``LIMIT n OFFSET m``.

The core's ``format_limit_offset_clause`` asks ``isinstance()`` of the runtime ``ToSQLProtocol`` for each
value (several microseconds a call, on every ``find_one``); this one looks up ``to_sql`` instead.
"""

from __future__ import annotations

from typing import Any


class LimitOffsetRendering:
    """``LIMIT``/``OFFSET`` with bound values or expressions; mixed into a dialect before the core's mixins."""

    #: The LIMIT written when only an OFFSET is given (``None``: no LIMIT, the server accepts OFFSET alone).
    OFFSET_ONLY_LIMIT: Any = None

    def format_limit_offset_clause(self, clause: Any) -> tuple[str, tuple]:
        parts: list[str] = []
        params: list[Any] = []
        limit = clause.limit
        if limit is None and clause.offset is not None:
            limit = self.OFFSET_ONLY_LIMIT
        for keyword, value in (("LIMIT", limit), ("OFFSET", clause.offset)):
            if value is None:
                continue
            to_sql = getattr(value, "to_sql", None)
            if to_sql is not None:
                sql, p = to_sql()
                parts.append(f"{keyword} {sql}")
                params.extend(p)
            else:
                parts.append(f"{keyword} {self.get_parameter_placeholder()}")  # type: ignore[attr-defined]
                params.append(value)
        return " ".join(parts), tuple(params)
