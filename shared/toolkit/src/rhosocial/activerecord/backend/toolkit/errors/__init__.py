"""Driver-error mapping shared by every backend (see ``translate.py`` for the three layers)."""

from .exceptions import (
    ConfigurationError,
    DataError,
    LockTimeoutError,
    MultipleStatementsError,
    QueryCanceledError,
    SerializationError,
    StatementTimeoutError,
    UnsupportedServerError,
)
from .info import (
    DriverErrorInfo,
    ErrorExtractor,
    extract_mysql_connector,
    extract_oracledb,
    extract_psycopg,
)
from .table import ErrorRule, ErrorTable
from .translate import PEP249_CLASSES, ErrorTranslator

__all__ = [
    "PEP249_CLASSES",
    "ConfigurationError",
    "DataError",
    "DriverErrorInfo",
    "ErrorExtractor",
    "ErrorRule",
    "ErrorTable",
    "ErrorTranslator",
    "LockTimeoutError",
    "MultipleStatementsError",
    "QueryCanceledError",
    "SerializationError",
    "StatementTimeoutError",
    "UnsupportedServerError",
    "extract_mysql_connector",
    "extract_oracledb",
    "extract_psycopg",
]
