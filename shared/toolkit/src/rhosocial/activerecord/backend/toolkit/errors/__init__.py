"""Driver-error mapping shared by every backend (see ``translate.py`` for the three layers)."""

from .connect import connect_failure
from .exceptions import (
    AuthenticationError,
    ClusterNodeNotReadyError,
    CommitOutcomeUnknownError,
    ConfigurationError,
    ConnectFailedError,
    ConnectTimeoutError,
    DataError,
    LockTimeoutError,
    MultipleStatementsError,
    QueryCanceledError,
    ReadOnlyTransactionError,
    SerializationError,
    ServerUnreachableError,
    SessionLostError,
    StatementTimeoutError,
    TlsError,
    UnknownDatabaseError,
    UnsupportedServerError,
)
from .info import (
    DriverErrorInfo,
    ErrorExtractor,
    extract_mysql_connector,
    extract_oracledb,
    extract_psycopg,
)
from .table import ErrorRule, ErrorTable, MessageRule
from .translate import PEP249_CLASSES, ErrorTranslator

__all__ = [
    "PEP249_CLASSES",
    "AuthenticationError",
    "ClusterNodeNotReadyError",
    "CommitOutcomeUnknownError",
    "ConfigurationError",
    "ConnectFailedError",
    "ConnectTimeoutError",
    "DataError",
    "DriverErrorInfo",
    "ErrorExtractor",
    "ErrorRule",
    "ErrorTable",
    "ErrorTranslator",
    "LockTimeoutError",
    "MessageRule",
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
    "connect_failure",
    "extract_mysql_connector",
    "extract_oracledb",
    "extract_psycopg",
]
