"""Rows and key/value records as a table (people), JSON or CSV (scripts)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (dict, list)):
        return json.dumps(value, default=str)
    return str(value)


def _as_rows(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, Mapping):
        return [{"name": key, "value": value} for key, value in data.items()]
    return list(data)


def render(data: Any, fmt: str) -> str:
    """``data`` is a list of row dicts or one mapping (shown as name/value rows)."""
    if fmt == "json":
        return json.dumps(data, indent=2, default=str)
    rows = _as_rows(data)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: _cell(row.get(key)) for key in columns} for row in rows)
        return buffer.getvalue().rstrip("\n")
    if not rows:
        return "(no rows)"
    cells = [[_cell(row.get(key)) for key in columns] for row in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    return "\n".join(lines)
