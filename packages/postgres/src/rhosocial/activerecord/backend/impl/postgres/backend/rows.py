"""Result rows -> dicts, with column adapters and field-name mapping resolved once per result, not per row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional


def rows_to_dicts(
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    adapters: Optional[dict] = None,
    mapping: Optional[dict] = None,
) -> list[dict[str, Any]]:
    """What the core's ``_process_result_set`` produces, without its per-row dictionary rebuilding."""
    if not rows:
        return []
    if adapters:
        converters = []
        for index, name in enumerate(names):
            found = adapters.get(name)
            if found is not None:
                adapter, target = found
                converters.append((index, adapter.from_database, target))
        if converters:
            converted = []
            for row in rows:
                values = list(row)
                for index, convert, target in converters:
                    values[index] = convert(values[index], target)
                converted.append(values)
            rows = converted
    keys = [mapping.get(n, n) for n in names] if mapping else list(names)
    return [dict(zip(keys, row, strict=False)) for row in rows]
