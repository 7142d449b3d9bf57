"""Optional psycopg-pool pooling: backends borrow on connect and give back on disconnect."""

from __future__ import annotations

import pytest

from .conftest import close_backend, open_backend

pytestmark = pytest.mark.server


@pytest.mark.parametrize("flavour", ["sync", "async"])
async def test_pooled_backends_share_sessions(server, flavour):
    pytest.importorskip("psycopg_pool")
    first = await open_backend(server, flavour, pool_max_size=1, pool_timeout=10)
    pid = (await first.fetch_one("SELECT pg_backend_pid() AS pid"))["pid"]
    await close_backend(first)  # back to the pool, still open
    second = await open_backend(server, flavour, pool_max_size=1, pool_timeout=10)
    try:
        assert (await second.fetch_one("SELECT pg_backend_pid() AS pid"))["pid"] == pid
    finally:
        await close_backend(second)
