"""Exceptions the core does not define but users of a real server need.

Each one subclasses the core exception a caller would already catch, so code written
against the core keeps working and code that wants the finer distinction can have it.
"""

from __future__ import annotations

from typing import Optional

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DatabaseError,
    LockError,
    OperationalError,
    QueryError,
    TransactionError,
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


class ReadOnlyTransactionError(TransactionError):
    """A write reached a server or transaction that only reads (SQLSTATE 25006): a hot standby, a
    READ ONLY transaction, ``default_transaction_read_only``. The message names the server."""


class ClusterNodeNotReadyError(OperationalError):
    """A Galera node that is not synced with its cluster refused the statement (WSREP not ready).

    Nothing ran; the node accepts work again once it has caught up, or another node can take it."""

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


class ConnectFailedError(ConnectionError):
    """No session could be opened; ``field`` names the configuration field to check.

    Raised at connect time only, so nothing of any unit of work has run.
    """

    field: Optional[str] = None


class ConnectTimeoutError(ConnectFailedError):
    """The server did not answer within ``connect_timeout``."""

    field = "connect_timeout"


class ServerUnreachableError(ConnectFailedError):
    """Nothing listens at ``host``:``port`` (refused, unknown host, no route)."""

    field = "host/port"


class UnknownDatabaseError(ConnectFailedError):
    """The server has no database named ``database`` (or the user may not see it)."""

    field = "database"


class AuthenticationError(ConnectFailedError):
    """The server refused ``username`` with this ``password`` (or the authentication method)."""

    field = "username/password"


class TlsError(ConnectFailedError):
    """The TLS handshake or certificate check failed, or the server refused the TLS mode asked for."""

    field = "ssl options"


class SessionLostError(ConnectionError):
    """An open session died (restart, killed session, network).

    The connection was discarded; the next unit of work opens a new one. When
    ``transaction_open`` is True the server has rolled that transaction back and the
    caller must roll back before running anything else. Never retried by the backend:
    the statement that met the dead session may have run.
    """

    transaction_open: bool = False


class CommitOutcomeUnknownError(SessionLostError):
    """The session died while COMMIT was on its way: the transaction may or may not be committed.

    Check the data (or an idempotency key) before running the transaction again.
    """

    transaction_open = True


__all__ = [
    "AuthenticationError",
    "ClusterNodeNotReadyError",
    "CommitOutcomeUnknownError",
    "ConfigurationError",
    "ConnectFailedError",
    "ConnectTimeoutError",
    "DataError",
    "LockTimeoutError",
    "MultipleStatementsError",
    "QueryCanceledError",
    "ReadOnlyTransactionError",
    "SerializationError",
    "ServerUnreachableError",
    "SessionLostError",
    "StatementTimeoutError",
    "TlsError",
    "UnknownDatabaseError",
    "UnsupportedServerError",
]
