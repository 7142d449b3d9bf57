"""Parameters as the driver takes them: the backend's type adapters applied, non-finite floats refused.

The adapter for a value is looked up by its exact type (as the core does), in a table built once
per backend from ``get_default_adapter_suggestions``; a float's finiteness check rides in the same
table, so a value whose type needs nothing costs one dictionary lookup.
"""

from __future__ import annotations

import math
from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.bulk_binding import binds_as_is, positional_columns

from .results import refuse_non_finite


class _NonFinite(Exception):
    """A NaN or infinite float: the caller re-checks the parameters to name which one."""


class _FiniteFloat:
    """Passes finite floats through; MySQL and MariaDB cannot store NaN or Infinity."""

    @staticmethod
    def to_database(value: float, _target: Any) -> float:
        if math.isfinite(value):
            return value
        raise _NonFinite

    @staticmethod
    def passes_through(values: Any, _target: Any) -> bool:
        return set(map(type, values)) == {float} and all(map(math.isfinite, values))


def converter_table(suggestions: dict[type, tuple[Any, type]]) -> dict[type, tuple[Any, Any]]:
    """Python type -> (adapter, driver type) for every type that needs work before it is sent."""
    table: dict[type, tuple[Any, Any]] = dict(suggestions)
    table.setdefault(float, (_FiniteFloat, float))
    return table


def bind(table: dict[type, tuple[Any, Any]], params: Any) -> Optional[Any]:
    """The driver's values for ``params`` (a sequence or a mapping); None when there are none."""
    if not params:
        return None
    get = table.get
    try:
        if isinstance(params, dict):
            return {
                key: value if (c := get(type(value))) is None else c[0].to_database(value, c[1])
                for key, value in params.items()
            }
        return tuple([value if (c := get(type(value))) is None else c[0].to_database(value, c[1]) for value in params])
    except _NonFinite:
        refuse_non_finite(params.items() if isinstance(params, dict) else enumerate(params, 1))
        raise  # pragma: no cover - refuse_non_finite raised


def bind_columns(table: dict[type, tuple[Any, Any]], rows: Any, width: int) -> Optional[list]:
    """The parameter sets of an ``execute_many`` bound a column at a time, or None when they are not
    all positional sets of ``width`` values.

    A column whose values all have types that need nothing (ints, strings, None, ...) is kept as it
    is, found at C speed, and so is one of a single type whose adapter says it ``passes_through``
    every value unchanged (finite floats, Decimals); no per-row tuples are built (their garbage
    collection costs more than a tenth of a 100,000-row load).
    """
    columns = positional_columns(rows, width)
    if columns is None:
        return None
    get = table.get
    try:
        for i, column in enumerate(columns):
            if binds_as_is(get, column):
                continue
            columns[i] = [
                value if (c := get(type(value))) is None else c[0].to_database(value, c[1]) for value in column
            ]
    except _NonFinite:
        for row in rows:
            refuse_non_finite(enumerate(row, 1))
        raise  # pragma: no cover - refuse_non_finite raised
    return columns


def bind_rows(table: dict[type, tuple[Any, Any]], rows: Any) -> list:
    """``bind`` for each parameter set of an ``execute_many``."""
    return [bind(table, row) if row else row for row in rows]


__all__ = ["bind", "bind_columns", "bind_rows", "converter_table"]
