"""MySQL and MariaDB backend for rhosocial-activerecord, on mysql-connector-python.

    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend, MySQLConnectionConfig
    User.configure(MySQLConnectionConfig(host="127.0.0.1", database="app", username="u", password="p"), MySQLBackend)

The server is probed once per connection; MariaDB gets :class:`MariaDBDialect`, a subclass
of :class:`MySQLDialect` with its own capability column.
"""

from .__about__ import __version__
from .backend.async_ import AsyncMySQLBackend
from .backend.sync import MySQLBackend
from .config import MySQLConnectionConfig
from .dialect import MariaDBDialect, MySQLDialect

__all__ = [
    "AsyncMySQLBackend",
    "MariaDBDialect",
    "MySQLBackend",
    "MySQLConnectionConfig",
    "MySQLDialect",
    "__version__",
]
