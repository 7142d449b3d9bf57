"""Oracle Database backend for rhosocial-activerecord on python-oracledb (thin mode by default).

Public names: :class:`OracleBackend`, :class:`AsyncOracleBackend`, :class:`OracleConnectionConfig`,
:class:`OracleDialect`. See docs/oracle.md for the identifier case policy, type mapping and what is
verified where.
"""

from .__about__ import __version__
from .backend import AsyncOracleBackend, OracleBackend
from .calls import CallResult, InOut, Out
from .config import OracleConnectionConfig
from .dialect import OracleDialect
from .transaction import AsyncOracleTransactionManager, OracleTransactionManager

__all__ = [
    "AsyncOracleBackend",
    "AsyncOracleTransactionManager",
    "CallResult",
    "InOut",
    "OracleBackend",
    "OracleConnectionConfig",
    "OracleDialect",
    "OracleTransactionManager",
    "Out",
    "__version__",
]
