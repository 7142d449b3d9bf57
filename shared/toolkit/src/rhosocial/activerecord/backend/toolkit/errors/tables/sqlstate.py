"""SQLSTATE table used for PostgreSQL (and any SQLSTATE-speaking server): exact code, then class."""

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DeadlockError,
    IntegrityError,
    OperationalError,
    QueryError,
    TransactionError,
)

from ..exceptions import (
    AuthenticationError,
    ConnectTimeoutError,
    DataError,
    LockTimeoutError,
    QueryCanceledError,
    ReadOnlyTransactionError,
    SerializationError,
    ServerUnreachableError,
    TlsError,
    UnknownDatabaseError,
)
from ..table import ErrorRule, ErrorTable, MessageRule

POSTGRES_ERRORS = ErrorTable(
    name="postgresql",
    exact={
        "23505": ErrorRule(IntegrityError, "unique violation"),
        "23503": ErrorRule(IntegrityError, "foreign key violation"),
        "23502": ErrorRule(IntegrityError, "not null violation"),
        "23514": ErrorRule(IntegrityError, "check violation"),
        "23P01": ErrorRule(IntegrityError, "exclusion violation"),
        "40P01": ErrorRule(DeadlockError, "deadlock detected"),
        "40001": ErrorRule(SerializationError, "serialization failure, retry the transaction"),
        "55P03": ErrorRule(LockTimeoutError, "lock not available"),
        "57014": ErrorRule(QueryCanceledError, "query canceled"),
        "57P01": ErrorRule(ConnectionError, "admin shutdown, session terminated"),
        "57P02": ErrorRule(ConnectionError, "crash shutdown"),
        "57P03": ErrorRule(ConnectionError, "cannot connect now"),
        "57P05": ErrorRule(ConnectionError, "idle session timeout"),
        "25P02": ErrorRule(TransactionError, "in failed transaction, statements ignored until rollback"),
        # a hot standby, or a READ ONLY transaction: the backend adds which server answered
        "25006": ErrorRule(ReadOnlyTransactionError, "read-only transaction"),
        "28P01": ErrorRule(AuthenticationError, "invalid password"),
        "28000": ErrorRule(AuthenticationError, "invalid authorization specification"),
        "3D000": ErrorRule(UnknownDatabaseError, "database does not exist"),
        "53300": ErrorRule(ConnectionError, "too many connections"),
        "22001": ErrorRule(DataError, "value too long"),
        "22003": ErrorRule(DataError, "numeric value out of range"),
        "22P02": ErrorRule(DataError, "invalid text representation"),
        "42P01": ErrorRule(QueryError, "undefined table"),
        "42703": ErrorRule(QueryError, "undefined column"),
        "42601": ErrorRule(QueryError, "syntax error"),
        "0A000": ErrorRule(QueryError, "feature not supported"),
    },
    prefixes={
        "08": ErrorRule(ConnectionError, "connection exception"),
        "22": ErrorRule(DataError, "data exception"),
        "23": ErrorRule(IntegrityError, "integrity constraint violation"),
        "25": ErrorRule(TransactionError, "invalid transaction state"),
        "28": ErrorRule(ConnectionError, "invalid authorization"),
        "40": ErrorRule(TransactionError, "transaction rollback"),
        "42": ErrorRule(QueryError, "syntax error or access rule violation"),
        "53": ErrorRule(OperationalError, "insufficient resources"),
        "55": ErrorRule(OperationalError, "object not in prerequisite state"),
        "57": ErrorRule(OperationalError, "operator intervention"),
        "58": ErrorRule(OperationalError, "system error"),
        "XX": ErrorRule(OperationalError, "internal error"),
    },
)

# libpq reports connect failures without a SQLSTATE; its (English, client-side or FATAL) texts decide.
LIBPQ_CONNECT_MESSAGES = (
    MessageRule(r"timeout expired", ErrorRule(ConnectTimeoutError, "connect timeout")),
    MessageRule(
        r"Connection refused|failed to resolve host|could not translate host name|No route to host"
        r"|Network is unreachable|No such file or directory",
        ErrorRule(ServerUnreachableError, "server unreachable"),
    ),
    MessageRule(r'database ".*" does not exist', ErrorRule(UnknownDatabaseError, "database does not exist")),
    MessageRule(
        r"SSL|certificate|no encryption|GSSAPI", ErrorRule(TlsError, "TLS negotiation or certificate check failed")
    ),
    MessageRule(
        r"password authentication failed|no password supplied|authentication failed|no pg_hba\.conf entry"
        r'|role ".*" does not exist',
        ErrorRule(AuthenticationError, "authentication failed"),
    ),
)
