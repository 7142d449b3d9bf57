"""LOB streaming and sessionless transactions: the decisions shared by the sync and async backends.

LOBs: by default the backend fetches CLOB/BLOB as values (one round trip, whole value in memory).
``backend.read_lob(sql, params, chunk_size)`` instead fetches the locator of the single LOB column
the query selects and yields it chunk by chunk (``LOB.read(offset, amount)``, offsets from 1);
``backend.write_lob(sql, params, chunks)`` takes a ``SELECT lob_col ... FOR UPDATE`` (the row locked,
initialised with ``EMPTY_CLOB()``/``EMPTY_BLOB()``) and appends each chunk (``LOB.write``). Outside a
transaction the write is committed at the end (rolled back on error); inside one it joins it.

Sessionless transactions (23ai, 23.6+): ``begin_sessionless`` / ``suspend_sessionless`` /
``resume_sessionless`` wrap python-oracledb's calls of the same names; below 23.6 they raise naming
the version. COMMIT/ROLLBACK of a resumed one: ``commit_sessionless`` / ``rollback_sessionless``.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.errors import DatabaseError

DEFAULT_CHUNK = 1 << 20  # 1 MiB (characters for a CLOB, bytes for a BLOB)


def locator_handler(cursor: Any, metadata: Any) -> Any:
    """A cursor-level output handler that keeps LOBs as locators (overrides the connection's)."""
    return None


def chunk_size_of(size: int) -> int:
    if size <= 0:
        raise ValueError("chunk_size must be positive")
    return size


def single_lob(row: Any) -> Any:
    """The one LOB locator a read_lob/write_lob query selects."""
    if row is None:
        raise DatabaseError("the LOB query returned no row")
    if len(row) != 1:
        raise DatabaseError("a LOB query selects exactly one column")
    lob = row[0]
    if lob is not None and not hasattr(lob, "read"):
        raise DatabaseError(f"the selected column is not a LOB (got {type(lob).__name__})")
    return lob


def require_sessionless(dialect: Any, in_transaction: bool) -> None:
    if not dialect.has_capability("sessionless_transactions"):
        raise UnsupportedFeatureError(
            dialect.name,
            "sessionless transactions",
            f"need Oracle 23ai 23.6+; the server is {dialect.server.describe()}",
        )
    if in_transaction:
        raise UnsupportedFeatureError(dialect.name, "a sessionless transaction inside a transaction of this backend")


__all__ = ["DEFAULT_CHUNK", "chunk_size_of", "locator_handler", "require_sessionless", "single_lob"]
