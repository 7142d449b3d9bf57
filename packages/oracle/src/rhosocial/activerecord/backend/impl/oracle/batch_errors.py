"""Array DML with ``batcherrors``: the rows Oracle rejected, reported as ONE core error.

``cursor.executemany(..., batcherrors=True)`` runs every row and keeps the good ones pending (the
driver starts a transaction even under autocommit); ``getbatcherrors()`` gives one error object per
failed row with its ``offset``. The backend then either undoes the whole batch (default: the call
is all-or-nothing like a plain executemany) or keeps the good rows (``keep_good_rows=True``), and
raises the error built here: the most specific core class shared by all failures (e.g.
``IntegrityError`` when every row broke a constraint), listing each failing row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.toolkit.errors.tables.oracle import ORACLE_ERRORS

# Rows listed in the message; all of them are on ``row_errors``.
LISTED = 20


@dataclass(frozen=True)
class RowError:
    """One rejected row: its index in the parameter list and the server's error."""

    offset: int
    code: str
    message: str


def row_errors(driver_errors: Iterable[Any]) -> list[RowError]:
    """``cursor.getbatcherrors()`` as plain records (first line of each message, no help URL)."""
    return [
        RowError(int(e.offset), str(e.full_code), str(e.message).splitlines()[0] if e.message else str(e.full_code))
        for e in driver_errors
    ]


def batch_error(failures: list[RowError], total: int, kept: bool) -> DatabaseError:
    rules = {ORACLE_ERRORS.lookup(f.code) for f in failures}
    classes = {rule.exception if rule else DatabaseError for rule in rules}
    cls = classes.pop() if len(classes) == 1 else DatabaseError
    listed = "; ".join(f"row {f.offset}: {f.message}" for f in failures[:LISTED])
    more = f"; ... and {len(failures) - LISTED} more" if len(failures) > LISTED else ""
    outcome = f"the other {total - len(failures)} rows were kept" if kept else "no row of the batch was applied"
    error = cls(f"{len(failures)} of {total} rows failed ({outcome}): {listed}{more}")
    error.row_errors = failures  # type: ignore[attr-defined]
    return error
