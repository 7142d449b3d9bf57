"""Driver rows to the dicts the core takes: keys named once per statement, adapters per column.

The names (after ``column_mapping``) are worked out once per result, then each row is one
``dict(zip(...))`` built in C; column adapters run only for the columns they name.
"""

from __future__ import annotations

from typing import Any, Optional

from .integral import ints_for_scale_zero_decimals


def to_dicts(description: Any, rows: list, adapters: Optional[dict], mapping: Optional[dict]) -> list[dict]:
    """``rows`` (driver tuples) as dicts keyed by field name, values adapted as the core would."""
    names = [column[0].strip('"') for column in description]
    keys = [mapping.get(name, name) for name in names] if mapping else names
    data = [dict(zip(keys, row)) for row in rows]  # noqa: B905 - rows are as wide as the description
    if not data:
        return data
    if adapters:
        done: set = set()  # a name twice in the result is one key of the dict: adapt it once
        for name, key in zip(names, keys, strict=True):
            adapter_info = adapters.get(name)
            if adapter_info and key not in done:
                done.add(key)
                adapter, target = adapter_info
                from_database = adapter.from_database
                for row in data:
                    row[key] = from_database(row[key], target)
    return ints_for_scale_zero_decimals(description, data, adapters, mapping)  # type: ignore[return-value]


__all__ = ["to_dicts"]
