"""Which columns of an ``execute_many`` bind as they are, decided at C speed.

Adapting 100,000 rows value by value costs more than the driver's own work on them; most columns hold
types no adapter touches (str, int, None, ...), or one type whose adapter hands every value back
unchanged (finite Decimals: ``passes_through``). Those columns are found with ``set(map(type, ...))``
and kept as they are; only the others are adapted per value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, Optional

# type -> (adapter, target type), or None when values of that type bind as they are
Suggest = Callable[[type], Optional[tuple[Any, Any]]]


def positional_columns(rows: Any, width: Optional[int] = None) -> Optional[list[list]]:
    """The columns of ``rows`` when they are tuples or lists all of one width (``width`` if given),
    else None (named parameter sets, ragged rows, an iterator)."""
    if not isinstance(rows, Sequence) or not rows or set(map(type, rows)) - {tuple, list}:
        return None
    widths = set(map(len, rows))
    if len(widths) != 1 or (width is not None and widths != {width}):
        return None
    # itemgetter per column, not zip(*rows): that builds 100,000-argument calls and runs 3-5x slower
    return [list(map(itemgetter(i), rows)) for i in range(widths.pop())]


def binds_as_is(suggest: Suggest, column: Sequence[Any]) -> bool:
    """Whether every value of ``column`` binds unchanged: no type in it has an adapter, or it holds
    one type whose adapter ``passes_through`` all of its values."""
    kinds = set(map(type, column))
    found = [suggest(kind) for kind in kinds]
    if not any(found):
        return True
    if len(kinds) != 1:
        return False
    adapter, target = found[0]  # type: ignore[misc]  # any(found) with one kind: it is a pair
    passes = getattr(adapter, "passes_through", None)
    return passes is not None and bool(passes(column, target))


def rows_bind_as_is(suggest: Suggest, rows: Any) -> bool:
    """Whether every column of ``rows`` (positional sets of one width) binds as it is."""
    columns = positional_columns(rows)
    return columns is not None and all(binds_as_is(suggest, column) for column in columns)


__all__ = ["Suggest", "binds_as_is", "positional_columns", "rows_bind_as_is"]
