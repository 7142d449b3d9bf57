"""Optional connection pools (psycopg-pool), one per distinct set of connect arguments.

Used only when ``pool_max_size`` is set; each backend instance then borrows one connection on
``connect()`` and gives it back on ``disconnect()``. A borrowed connection is checked first (one
round trip per connect, not per statement): after a server restart the pool still holds sessions
that died, and handing one out would fail the unit of work that asked for a fresh session.
"""

from __future__ import annotations

import threading
from typing import Any

from rhosocial.activerecord.backend.toolkit.extras import require_extra

_lock = threading.Lock()
_sync_pools: dict[tuple, Any] = {}
_async_pools: dict[tuple, Any] = {}


DISTRIBUTION = "rhosocial-activerecord-postgres"


def _key(kwargs: dict[str, Any]) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in kwargs.items()))


def _sizes(config) -> dict[str, Any]:
    sizes = {"min_size": config.pool_min_size or 1, "max_size": config.pool_max_size}
    if config.pool_timeout:
        sizes["timeout"] = float(config.pool_timeout)
    return sizes


def _pool_arguments(pool_type: Any, config, kwargs: dict[str, Any], *, open_now: bool) -> dict[str, Any]:
    # check: a pooled session that died while idle is replaced before it is handed out
    return {
        "kwargs": {**kwargs, "autocommit": True},
        "open": open_now,
        "check": pool_type.check_connection,
        **_sizes(config),
    }


def sync_pool(config, kwargs: dict[str, Any]):
    ConnectionPool = require_extra("psycopg_pool", DISTRIBUTION, "pool", "pool_max_size").ConnectionPool

    key = _key(kwargs)
    with _lock:
        found = _sync_pools.get(key)
        if found is None:
            found = ConnectionPool(**_pool_arguments(ConnectionPool, config, kwargs, open_now=True))
            _sync_pools[key] = found
        return found


async def async_pool(config, kwargs: dict[str, Any]):
    AsyncConnectionPool = require_extra("psycopg_pool", DISTRIBUTION, "pool", "pool_max_size").AsyncConnectionPool

    key = _key(kwargs)
    found = _async_pools.get(key)
    if found is None:
        # an async pool opens by awaiting open(), not in its constructor
        found = AsyncConnectionPool(**_pool_arguments(AsyncConnectionPool, config, kwargs, open_now=False))
        await found.open()
        _async_pools[key] = found
    return found
