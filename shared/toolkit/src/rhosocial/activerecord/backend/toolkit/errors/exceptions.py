"""Exceptions the core does not define but users of a real server need.

Each one subclasses the core exception a caller would already catch, so code written
against the core keeps working and code that wants the finer distinction can have it.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.errors import (
    DatabaseError,
    LockError,
    OperationalError,
    QueryError,
)


class DataError(QueryError):
    """A value the server rejected: out of range, too long, bad format (SQLSTATE class 22)."""


class LockTimeoutError(LockError):
    """A lock could not be taken in time (NOWAIT, lock_timeout, innodb_lock_wait_timeout).

    Not a deadlock: nobody was chosen as a victim, retrying later may succeed.
    """


class SerializationError(OperationalError):
    """The server aborted the transaction to keep it serializable; the whole transaction may be retried."""

    retryable = True


class QueryCanceledError(OperationalError):
    """The statement was cancelled (by the user, an admin or a call timeout)."""


class StatementTimeoutError(QueryCanceledError):
    """The statement ran longer than the configured statement timeout."""


class MultipleStatementsError(QueryError):
    """``execute()`` was given more than one statement; scripts go through ``executescript()``."""


class ConfigurationError(DatabaseError, ValueError):
    """A connection configuration field is invalid or unknown; the message names the field."""


class UnsupportedServerError(DatabaseError):
    """The server's product or version is outside what the backend supports."""


__all__ = [
    "ConfigurationError",
    "DataError",
    "LockTimeoutError",
    "MultipleStatementsError",
    "QueryCanceledError",
    "SerializationError",
    "StatementTimeoutError",
    "UnsupportedServerError",
]
