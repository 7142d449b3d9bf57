"""Array DML for executemany: rows cut into batches and bind types fixed once per statement.

python-oracledb infers each bind's type from the first row of an executemany; a ``None`` there
says nothing, so a later row's value would force the driver to rebind (or fail). The types are
derived once per statement from the first non-NULL value of each column and handed to
``cursor.setinputsizes`` before every batch; columns the first row already types stay inferred.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple, Optional

# Rows per executemany round trip: large enough to amortise the round trip, small enough to keep
# the driver's bind buffers (one array per column) modest.
BATCH_ROWS = 10_000


class ManyPlan(NamedTuple):
    """How one execute_many stays a single statement for the caller.

    ``savepoint``: SQL to run first inside the caller's transaction (a failure rolls back to it);
    ``own_transaction``: an autocommit session runs the batches in one transaction of its own,
    committed by the last batch (no extra round trip) and rolled back on failure.
    """

    savepoint: Optional[str]
    own_transaction: bool


def batches(rows: Sequence[Any], size: Optional[int] = None) -> Iterator[Sequence[Any]]:
    """``rows`` in slices of at most ``size`` (default BATCH_ROWS; the list itself when it fits in one)."""
    size = size or BATCH_ROWS
    if len(rows) <= size:
        yield rows
        return
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def input_sizes(rows: Sequence[Sequence[Any]]) -> Optional[list[Any]]:
    """Arguments for ``cursor.setinputsizes``, or None when the first row types every column.

    A column whose first value is NULL gets the type of its first non-NULL value (strings: the
    longest length, so the buffer never has to grow); a column NULL in every row stays inferred.
    """
    if not rows:
        return None
    first = rows[0]
    if all(v is not None for v in first):
        return None
    sizes: list[Any] = [None] * len(first)
    for position, value in enumerate(first):
        if value is None:
            sizes[position] = _column_type(rows, position)
    return sizes if any(s is not None for s in sizes) else None


def _column_type(rows: Sequence[Sequence[Any]], position: int) -> Any:
    sample = next((row[position] for row in rows if row[position] is not None), None)
    if sample is None:
        return None
    if isinstance(sample, str):
        # An int means "string of this many characters" to setinputsizes.
        return max(len(row[position]) for row in rows if isinstance(row[position], str)) or 1
    return type(sample)
