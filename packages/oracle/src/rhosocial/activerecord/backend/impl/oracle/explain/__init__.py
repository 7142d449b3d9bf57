"""EXPLAIN PLAN for Oracle.

``EXPLAIN PLAN SET STATEMENT_ID = '<id>' FOR <statement>`` writes the plan into PLAN_TABLE
(nothing is executed); ``DBMS_XPLAN.DISPLAY`` then formats it. Both are plain statements, so
the sync and async backends share everything here and only await differently.
"""

from __future__ import annotations

import itertools
import os
from typing import Any

from rhosocial.activerecord.backend.explain import BaseExplainResult

_ids = itertools.count(1)

XPLAN_FORMATS = frozenset({"BASIC", "TYPICAL", "SERIAL", "ALL"})


def statement_id() -> str:
    # Unique per process and call, so concurrent sessions sharing a PLAN_TABLE do not mix.
    return f"RHO{os.getpid()}_{next(_ids)}"


def explain_plan_sql(statement_sql: str, sid: str) -> str:
    return f"EXPLAIN PLAN SET STATEMENT_ID = '{sid}' FOR {statement_sql}"


def display_sql(sid: str, fmt: str = "TYPICAL") -> str:
    fmt = fmt.upper()
    if fmt not in XPLAN_FORMATS:
        raise ValueError(f"DBMS_XPLAN format must be one of {', '.join(sorted(XPLAN_FORMATS))}")
    return f"SELECT plan_table_output FROM TABLE(DBMS_XPLAN.DISPLAY(NULL, '{sid}', '{fmt}'))"


def cleanup_sql(sid: str) -> str:
    return f"DELETE FROM plan_table WHERE statement_id = '{sid}'"


class OracleExplainResult(BaseExplainResult):
    """The DBMS_XPLAN text, one entry per line."""

    lines: list[str] = []

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def parse_plan(raw_rows: list[dict[str, Any]], sql: str, duration: float) -> OracleExplainResult:
    lines = [str(next(iter(row.values()), "") or "") for row in raw_rows]
    return OracleExplainResult(raw_rows=raw_rows, sql=sql, duration=duration, lines=lines)
