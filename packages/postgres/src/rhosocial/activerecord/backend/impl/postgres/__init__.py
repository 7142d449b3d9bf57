"""PostgreSQL backend for rhosocial-activerecord, on psycopg 3.

from rhosocial.activerecord.backend.impl.postgres import PostgresBackend, PostgresConnectionConfig
User.configure(PostgresConnectionConfig(host="127.0.0.1", database="app", username="app"), PostgresBackend)
"""

from .__about__ import __version__
from .adapters import InetAdapter, PostgresArrayAdapter, PostgresRangeAdapter
from .backend import AsyncPostgresBackend, PostgresBackend
from .config import PostgresConnectionConfig
from .dialect import PostgresDialect
from .transaction import AsyncPostgresTransactionManager, PostgresTransactionManager

__all__ = [
    "AsyncPostgresBackend",
    "AsyncPostgresTransactionManager",
    "InetAdapter",
    "PostgresArrayAdapter",
    "PostgresBackend",
    "PostgresConnectionConfig",
    "PostgresDialect",
    "PostgresRangeAdapter",
    "PostgresTransactionManager",
    "__version__",
]
