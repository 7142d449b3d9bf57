"""Driver rows to the dicts the core wants, in one pass per row.

The core's own helpers copy each row twice (adapt, then rename); here the per-column work -
model-side names, result adapters, the column mapping - is decided once per result, and each row
becomes its dict in one step. Adapters are applied to NULLs too, as the core does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Optional

from .naming import from_oracle


@lru_cache(maxsize=1024)
def result_names(driver_names: tuple[str, ...]) -> tuple[str, ...]:
    """Model-side names for a description's column names (folded once per distinct select list)."""
    return tuple(from_oracle(n) for n in driver_names)


def description_names(description: Sequence[Any]) -> tuple[str, ...]:
    return result_names(tuple(d[0] for d in description))


def shape_rows(
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    column_adapters: Optional[Mapping[str, Any]],
    column_mapping: Optional[Mapping[str, str]],
) -> list[dict[str, Any]]:
    """``rows`` (tuples in ``names`` order) as dicts, adapted and renamed as the core asks."""
    keys = [column_mapping.get(n, n) for n in names] if column_mapping else names
    converters = []
    if column_adapters:
        converters = [(i, *info) for i, n in enumerate(names) if (info := column_adapters.get(n))]
    if not converters:
        return [dict(zip(keys, row)) for row in rows]  # noqa: B905 (a description and its rows agree)
    out = []
    for row in rows:
        values = list(row)
        for i, adapter, python_type in converters:
            values[i] = adapter.from_database(values[i], python_type)
        out.append(dict(zip(keys, values)))  # noqa: B905
    return out


def shape_dicts(
    rows: Sequence[Mapping[str, Any]],
    column_adapters: Optional[Mapping[str, Any]],
    column_mapping: Optional[Mapping[str, str]],
) -> list[dict[str, Any]]:
    """Dict rows (RETURNING INTO values) through the same adapters and mapping."""
    if not rows:
        return []
    names = list(rows[0])
    return shape_rows(names, [[r[n] for n in names] for r in rows], column_adapters, column_mapping)
