"""execute_batch_dql streams: pages come off the socket, memory stays flat, early stops leave the session clean."""

from __future__ import annotations

import inspect
import json
import pathlib
import subprocess
import sys

import pytest

from rhosocial.activerecord.backend.expression import Column, TableExpression
from rhosocial.activerecord.backend.expression.statements import QueryExpression
from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend

pytestmark = pytest.mark.server

DIGITS = "stream_digits"
ROWS = "stream_rows"
PROBE = pathlib.Path(__file__).with_name("stream_memory_probe.py")
# 10**6 rows kept in memory as the core's row dicts take well over 150 MiB; a stream needs a few pages.
FLAT_LIMIT_KIB = 32 * 1024


async def run(value):
    return await value if inspect.isawaitable(value) else value


async def first_page_then_stop(b, page_size: int):
    """Read one page, then stop the iteration the way ``break`` does (closing the generator)."""
    iterator = b.execute_batch_dql(thousand_rows(b.dialect), page_size=page_size)
    if hasattr(iterator, "__anext__"):
        page = await iterator.__anext__()
        in_flight = b._stream is not None
        await iterator.aclose()
    else:
        page = next(iterator)
        in_flight = b._stream is not None
        iterator.close()
    return page, in_flight


async def all_pages(b, page_size: int, between=None):
    iterator = b.execute_batch_dql(thousand_rows(b.dialect), page_size=page_size)
    seen = []
    if hasattr(iterator, "__anext__"):
        async for page in iterator:
            seen.append(page.page_size)
            if between:
                await run(between())
    else:
        for page in iterator:
            seen.append(page.page_size)
            if between:
                await run(between())
    return seen


@pytest.fixture
def tables(backend):
    backend.execute(f"DROP TABLE IF EXISTS {DIGITS}")
    backend.execute(f"CREATE TABLE {DIGITS} (d INT PRIMARY KEY)")
    backend.execute(f"INSERT INTO {DIGITS} VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)")
    backend.execute(f"DROP TABLE IF EXISTS {ROWS}")
    backend.execute(f"CREATE TABLE {ROWS} (id INT PRIMARY KEY)")
    yield
    backend.execute(f"DROP TABLE IF EXISTS {DIGITS}")
    backend.execute(f"DROP TABLE IF EXISTS {ROWS}")


@pytest.fixture(params=["sync", "async"])
async def either(request, config, tables):
    b = MySQLBackend(config) if request.param == "sync" else AsyncMySQLBackend(config)
    await run(b.connect())
    yield b
    await run(b.disconnect())


def thousand_rows(dialect) -> QueryExpression:
    return QueryExpression(
        dialect,
        [Column(dialect, "d", table="a"), Column(dialect, "d", table="b"), Column(dialect, "d", table="c")],
        from_=[TableExpression(dialect, DIGITS, alias=a) for a in "abc"],
    )


async def test_early_stop_keeps_the_session_and_its_transaction(either):
    b = either
    manager = b.transaction()
    is_async = hasattr(manager, "__aenter__")
    await run(manager.__aenter__() if is_async else manager.__enter__())
    await run(b.execute(f"INSERT INTO {ROWS} VALUES (1)"))
    page, in_flight = await first_page_then_stop(b, 10)
    assert page.page_size == 10
    assert in_flight  # the other 990 rows were still on the socket
    assert b._stream is None  # closing read them off and dropped them
    # The rest of the stream was read off the socket: the same session and transaction go on.
    await run(b.execute(f"INSERT INTO {ROWS} VALUES (2)"))
    await run(
        manager.__aexit__(None, None, None) if hasattr(manager, "__aexit__") else manager.__exit__(None, None, None)
    )
    assert [r["id"] for r in await run(b.fetch_all(f"SELECT id FROM {ROWS} ORDER BY id"))] == [1, 2]


async def test_statement_between_pages_gets_its_own_rows_and_the_batch_keeps_its_own(either):
    b = either
    answers = []

    async def between():
        answers.append((await run(b.fetch_one("SELECT 'between' AS x")))["x"])

    assert await all_pages(b, 300, between) == [300, 300, 300, 100]
    assert answers == ["between"] * 4


def test_break_in_a_plain_loop_closes_the_stream(backend, tables):
    for page in backend.execute_batch_dql(thousand_rows(backend.dialect), page_size=100):
        assert backend._stream is not None
        assert page.page_size == 100
        break
    assert backend._stream is None
    assert backend.fetch_one("SELECT 'clean' AS x")["x"] == "clean"


def test_memory_stays_flat_over_a_million_rows(server, tables):
    fields = {
        "host": server.host,
        "port": server.port,
        "database": server.database,
        "username": server.user,
        "password": server.password,
    }
    done = subprocess.run(
        [sys.executable, str(PROBE), json.dumps(fields), DIGITS], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"streamed {figures['rows']} rows in {figures['seconds']:.1f}s, peak RSS growth "
        f"{(figures['peak_kib'] - figures['baseline_kib']) / 1024:.1f} MiB"
    )
    assert figures["rows"] == 1_000_000
    assert figures["after"] == "clean"
    assert figures["peak_kib"] - figures["baseline_kib"] < FLAT_LIMIT_KIB
