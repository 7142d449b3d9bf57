"""Oracle table, keyed by the error object's ``full_code`` (ORA-NNNNN, DPY-NNNN)."""

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DeadlockError,
    IntegrityError,
    QueryError,
    TransactionError,
)

from ..exceptions import (
    DataError,
    LockTimeoutError,
    QueryCanceledError,
    SerializationError,
)
from ..table import ErrorRule, ErrorTable

ORACLE_ERRORS = ErrorTable(
    name="oracle",
    exact={
        "ORA-00001": ErrorRule(IntegrityError, "unique constraint violated"),
        "ORA-01400": ErrorRule(IntegrityError, "cannot insert NULL"),
        "ORA-01407": ErrorRule(IntegrityError, "cannot update to NULL"),
        "ORA-02290": ErrorRule(IntegrityError, "check constraint violated"),
        "ORA-02291": ErrorRule(IntegrityError, "integrity constraint violated - parent key not found"),
        "ORA-02292": ErrorRule(IntegrityError, "integrity constraint violated - child record found"),
        "ORA-00060": ErrorRule(DeadlockError, "deadlock detected while waiting for resource"),
        "ORA-00054": ErrorRule(LockTimeoutError, "resource busy and acquire with NOWAIT specified"),
        "ORA-30006": ErrorRule(LockTimeoutError, "resource busy; acquire with WAIT timeout expired"),
        "ORA-08177": ErrorRule(SerializationError, "can't serialize access for this transaction"),
        "ORA-01013": ErrorRule(QueryCanceledError, "user requested cancel of current operation"),
        "DPY-4024": ErrorRule(QueryCanceledError, "call timeout exceeded"),
        "ORA-01456": ErrorRule(TransactionError, "may not perform DML inside a READ ONLY transaction"),
        "ORA-00028": ErrorRule(ConnectionError, "session has been killed"),
        "ORA-01012": ErrorRule(ConnectionError, "not logged on"),
        "ORA-01017": ErrorRule(ConnectionError, "invalid username/password"),
        "ORA-03113": ErrorRule(ConnectionError, "end-of-file on communication channel"),
        "ORA-03114": ErrorRule(ConnectionError, "not connected to ORACLE"),
        "ORA-03135": ErrorRule(ConnectionError, "connection lost contact"),
        "ORA-12514": ErrorRule(ConnectionError, "listener does not know of service"),
        "ORA-12541": ErrorRule(ConnectionError, "no listener"),
        "DPY-1001": ErrorRule(ConnectionError, "not connected to database"),
        "DPY-4011": ErrorRule(ConnectionError, "the database or network closed the connection"),
        "DPY-6005": ErrorRule(ConnectionError, "cannot connect to database"),
        "ORA-00904": ErrorRule(QueryError, "invalid identifier"),
        "ORA-00933": ErrorRule(QueryError, "SQL command not properly ended"),
        "ORA-00942": ErrorRule(QueryError, "table or view does not exist"),
        "ORA-00936": ErrorRule(QueryError, "missing expression"),
        "ORA-01438": ErrorRule(DataError, "value larger than specified precision"),
        "ORA-12899": ErrorRule(DataError, "value too large for column"),
        "ORA-01722": ErrorRule(DataError, "invalid number"),
        "ORA-01841": ErrorRule(DataError, "invalid date"),
    },
    prefixes={
        "DPY-6": ErrorRule(ConnectionError, "connection error"),
        "DPY-4": ErrorRule(QueryError, "database error"),
    },
)
