"""What an EXPLAIN plan says about access paths, from the JSON plan or the text lines.

The names follow the core's SQLite explain result (``analyze_index_usage``, ``is_full_scan``,
``is_index_used``, ``is_covering_index``) so code written against it reads a PostgreSQL plan the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal, Optional

IndexUsage = Literal["full_scan", "index_with_lookup", "covering_index", "unknown"]

# Text plan lines: "Seq Scan on t", "Index Scan using i on t", "Index Only Scan using i on t",
# "Bitmap Index Scan on i" (an index read, its heap lookup is the Bitmap Heap Scan above it).
_SEQ = re.compile(r"\bSeq Scan on (\S+)")
_INDEX = re.compile(r"\b(Index Only Scan|Index Scan)(?: Backward)? using (\S+) on")
_BITMAP = re.compile(r"\bBitmap Index Scan on (\S+)")
_ROWS = re.compile(r"\brows=(\d+)")


def plan_nodes(plan: Optional[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every node of a JSON plan document (``{"Plan": {...}}``), depth first."""
    stack = [plan["Plan"]] if plan and "Plan" in plan else []
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.get("Plans", [])))


class PlanFactsMixin:
    """For ``PostgresExplainResult`` (fields ``lines`` and ``plan``)."""

    lines: list[str]
    plan: Optional[dict[str, Any]]

    def _scans(self) -> list[tuple[str, Optional[str]]]:
        """(node type, index name) for each scan node."""
        if self.plan is not None:
            return [(n["Node Type"], n.get("Index Name")) for n in plan_nodes(self.plan) if "Scan" in n["Node Type"]]
        scans: list[tuple[str, Optional[str]]] = []
        for line in self.lines:
            if _SEQ.search(line):
                scans.append(("Seq Scan", None))
            elif match := _INDEX.search(line):
                scans.append((match.group(1), match.group(2)))
            elif match := _BITMAP.search(line):
                scans.append(("Bitmap Index Scan", match.group(1)))
        return scans

    @property
    def index_names(self) -> list[str]:
        """The indexes the plan reads, in plan order."""
        return [name for _, name in self._scans() if name]

    @property
    def seq_scan_tables(self) -> list[str]:
        if self.plan is not None:
            return [n.get("Relation Name", "") for n in plan_nodes(self.plan) if n["Node Type"] == "Seq Scan"]
        return [m.group(1) for line in self.lines if (m := _SEQ.search(line))]

    @property
    def estimated_rows(self) -> Optional[int]:
        """The planner's row estimate for the whole statement (top node)."""
        if self.plan is not None:
            return self.plan["Plan"].get("Plan Rows")
        match = _ROWS.search(self.lines[0]) if self.lines else None
        return int(match.group(1)) if match else None

    @property
    def actual_rows(self) -> Optional[int]:
        """Rows the top node returned (EXPLAIN ANALYZE in JSON format only)."""
        return self.plan["Plan"].get("Actual Rows") if self.plan is not None else None

    def analyze_index_usage(self) -> IndexUsage:
        kinds = {kind for kind, _ in self._scans()}
        if not kinds:
            return "unknown"
        if "Seq Scan" in kinds:
            return "full_scan"
        if kinds == {"Index Only Scan"}:
            return "covering_index"
        if kinds & {"Index Scan", "Index Only Scan", "Bitmap Index Scan"}:
            return "index_with_lookup"
        return "unknown"

    @property
    def is_full_scan(self) -> bool:
        """True when some table is read sequentially (a Seq Scan node)."""
        return self.analyze_index_usage() == "full_scan"

    @property
    def is_index_used(self) -> bool:
        return bool(self.index_names)

    @property
    def is_covering_index(self) -> bool:
        return self.analyze_index_usage() == "covering_index"
