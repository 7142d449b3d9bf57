"""PostgreSQL backend for rhosocial-activerecord, on psycopg 3.

from rhosocial.activerecord.backend.impl.postgres import PostgresBackend, PostgresConnectionConfig
User.configure(PostgresConnectionConfig(host="127.0.0.1", database="app", username="app"), PostgresBackend)

The public names are imported on first use (PEP 562): importing the package loads neither psycopg
nor the core's backend machinery, so processes that only need one name (a spawned worker, the CLI's
help) start quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .__about__ import __version__

if TYPE_CHECKING:
    from .adapters import InetAdapter, PostgresArrayAdapter, PostgresRangeAdapter
    from .backend import AsyncPostgresBackend, PostgresBackend
    from .config import PostgresConnectionConfig
    from .dialect import PostgresDialect
    from .transaction import AsyncPostgresTransactionManager, PostgresTransactionManager

# public name -> the submodule defining it
_LAZY = {
    "InetAdapter": ".adapters",
    "PostgresArrayAdapter": ".adapters",
    "PostgresRangeAdapter": ".adapters",
    "PostgresBackend": ".backend.sync",
    "AsyncPostgresBackend": ".backend.async_",
    "PostgresConnectionConfig": ".config",
    "PostgresDialect": ".dialect",
    "PostgresTransactionManager": ".transaction",
    "AsyncPostgresTransactionManager": ".transaction",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


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
