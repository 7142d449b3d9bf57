"""MySQL / MariaDB errno table. Codes are server errnos (1xxx, 3xxx, 4xxx) and client errnos (2xxx)."""

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DeadlockError,
    IntegrityError,
    QueryError,
)

from ..exceptions import (
    AuthenticationError,
    ClusterNodeNotReadyError,
    ConnectTimeoutError,
    DataError,
    LockTimeoutError,
    QueryCanceledError,
    ReadOnlyTransactionError,
    ServerUnreachableError,
    StatementTimeoutError,
    TlsError,
    UnknownDatabaseError,
)
from ..table import ErrorRule, ErrorTable, MessageRule

MYSQL_ERRORS = ErrorTable(
    name="mysql",
    exact={
        "1062": ErrorRule(IntegrityError, "duplicate entry for unique key"),
        "1586": ErrorRule(IntegrityError, "duplicate entry for unique key"),
        "1451": ErrorRule(IntegrityError, "foreign key: row is referenced"),
        "1452": ErrorRule(IntegrityError, "foreign key: parent row missing"),
        "1216": ErrorRule(IntegrityError, "foreign key: parent row missing"),
        "1217": ErrorRule(IntegrityError, "foreign key: row is referenced"),
        "1048": ErrorRule(IntegrityError, "column cannot be null"),
        "1364": ErrorRule(IntegrityError, "field has no default value"),
        "3819": ErrorRule(IntegrityError, "check constraint violated"),
        "4025": ErrorRule(IntegrityError, "check constraint violated (MariaDB)"),
        # on Galera also a certification conflict with a transaction committed on another node
        "1213": ErrorRule(DeadlockError, "deadlock or Galera certification conflict, transaction rolled back"),
        "1205": ErrorRule(LockTimeoutError, "lock wait timeout exceeded"),
        "3572": ErrorRule(LockTimeoutError, "lock not available (NOWAIT)"),
        "1792": ErrorRule(ReadOnlyTransactionError, "read-only transaction"),
        # Galera reuses "unknown command" for "WSREP has not yet prepared node for application use"
        "1047": ErrorRule(ClusterNodeNotReadyError, "Galera node not ready (WSREP not synced) or unknown command"),
        "4165": ErrorRule(
            QueryError,
            "Galera cannot replicate this: a table without a PRIMARY KEY (wsrep_mode=REQUIRED_PRIMARY_KEY)"
            " or a non-InnoDB table",
        ),
        "3024": ErrorRule(StatementTimeoutError, "max_execution_time exceeded"),
        "1969": ErrorRule(StatementTimeoutError, "max_statement_time exceeded (MariaDB)"),
        "1317": ErrorRule(QueryCanceledError, "query execution was interrupted"),
        "1064": ErrorRule(QueryError, "SQL syntax error"),
        "1146": ErrorRule(QueryError, "table does not exist"),
        "1054": ErrorRule(QueryError, "unknown column"),
        "1049": ErrorRule(UnknownDatabaseError, "unknown database"),
        "1045": ErrorRule(AuthenticationError, "access denied"),
        "1040": ErrorRule(ConnectionError, "too many connections"),
        "1927": ErrorRule(ConnectionError, "connection was killed"),
        "1053": ErrorRule(ConnectionError, "server shutdown in progress"),
        "2002": ErrorRule(ServerUnreachableError, "cannot connect through socket"),
        "2003": ErrorRule(ServerUnreachableError, "cannot connect to server"),
        "2005": ErrorRule(ServerUnreachableError, "unknown server host"),
        "2026": ErrorRule(TlsError, "TLS connection error"),
        "2006": ErrorRule(ConnectionError, "server has gone away"),
        "2013": ErrorRule(ConnectionError, "lost connection during query"),
        "2055": ErrorRule(ConnectionError, "lost connection to server"),
        "4031": ErrorRule(ConnectionError, "disconnected by the server after inactivity"),
        "1406": ErrorRule(DataError, "data too long for column"),
        "1264": ErrorRule(DataError, "out of range value"),
        "1366": ErrorRule(DataError, "incorrect value for column"),
        "1292": ErrorRule(DataError, "incorrect datetime or truncated value"),
        "1265": ErrorRule(DataError, "data truncated"),
        "3140": ErrorRule(DataError, "invalid JSON text"),
    },
    # SQLSTATE classes as a fallback for errnos not listed (the extractor passes both).
    prefixes={
        "08": ErrorRule(ConnectionError, "connection exception"),
        "22": ErrorRule(DataError, "data exception"),
        "23": ErrorRule(IntegrityError, "integrity constraint violation"),
        "42": ErrorRule(QueryError, "syntax error or access rule violation"),
    },
)

# At connect only: codes whose usual class is not a connection error. A user without global
# privileges gets 1044 for a database that does not exist (the server will not say which).
MYSQL_CONNECT_ERRORS = ErrorTable(
    name="mysql-connect",
    exact={"1044": ErrorRule(UnknownDatabaseError, "no access to the database, or it does not exist")},
)

# mysql-connector's client-side timeouts carry no code of their own (the extractor names them).
MYSQL_CONNECT_MESSAGES = (MessageRule(r"^client connect timeout", ErrorRule(ConnectTimeoutError, "connect timeout")),)
