"""CPU the Oracle backend adds per call, with no server: the driver replaced by a stub cursor.

    python tools/oracle_overhead.py            # microseconds per call, ours and the stub floor, sync and async
    python tools/oracle_overhead.py --profile  # top functions by own time (fetch_one path, sync)

The stub answers instantly with fixed rows (NUMBER, VARCHAR2, NUMBER(12,2), NUMBER columns), so
what is timed is rendering the SQL, binding, result processing and the backend's bookkeeping; the
"floor" column is the same calls made on the stub directly (what any caller would pay). The async
rows run OracleBackend's asyncio twin over an awaitable stub: each run awaits its calls in one
coroutine, so the event loop's entry is not counted per call.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import time
from collections import namedtuple
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import oracledb

Meta = namedtuple("Meta", "name type_code display_size internal_size precision scale null_ok")
COLUMNS = [
    Meta("ID", oracledb.DB_TYPE_NUMBER, 0, 0, 19, 0, False),
    Meta("NAME", oracledb.DB_TYPE_VARCHAR, 64, 64, 0, 0, False),
    Meta("AMOUNT", oracledb.DB_TYPE_NUMBER, 0, 0, 12, 2, False),
    Meta("QTY", oracledb.DB_TYPE_NUMBER, 0, 0, 10, 0, False),
]
ROW = (1, "name-1", Decimal("0.25"), 1)
FETCH_ROWS = 1000
MANY_ROWS = 1000


class StubCursor:
    def __init__(self, connection: Any = None) -> None:
        self.connection = connection
        self.arraysize = 100
        self.prefetchrows = 2
        self.description: Any = None
        self.rowcount = 0
        self.rowfactory: Any = None
        self.outputtypehandler: Any = None
        self._rows: list = []

    def __enter__(self) -> StubCursor:
        return self

    def __exit__(self, *exc: Any) -> None:
        pass

    def close(self) -> None:
        pass

    def setinputsizes(self, *sizes: Any) -> None:
        pass

    def var(self, typ: Any, size: int = 0, arraysize: int = 1, outconverter: Any = None, **_: Any) -> Any:
        return (typ, size, arraysize, outconverter)

    def execute(self, sql: str, params: Any = None) -> None:
        if sql.startswith("SELECT"):
            self.description = COLUMNS
            # the driver asks the output type handler once per column of every query it defines
            handler = self.outputtypehandler or getattr(self.connection, "outputtypehandler", None)
            if handler is not None:
                for column in COLUMNS:
                    handler(self, column)
            self._rows = [ROW] * (FETCH_ROWS if "WHERE" not in sql else 1)
        else:
            self.description = None
            self._rows = []
        self.rowcount = 1

    def executemany(self, sql: str, rows: list, **_: Any) -> None:
        self.description = None
        self.rowcount = len(rows)

    def fetchall(self) -> list:
        rows, self._rows = self._rows, []
        factory = self.rowfactory
        return [factory(*r) for r in rows] if factory else rows

    def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None


class StubConnection:
    thin = True
    version = "23.4.0.24.5"

    def __init__(self) -> None:
        self.autocommit = False
        self.call_timeout = 0
        self.outputtypehandler = None

    def cursor(self) -> StubCursor:
        return StubCursor(self)

    def is_healthy(self) -> bool:
        return True

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        pass


class AsyncStubCursor(StubCursor):
    """The stub with python-oracledb's AsyncCursor shape: the round-trip calls are awaitable."""

    async def execute(self, sql: str, params: Any = None) -> None:  # type: ignore[override]
        super().execute(sql, params)

    async def executemany(self, sql: str, rows: list, **kw: Any) -> None:  # type: ignore[override]
        super().executemany(sql, rows, **kw)

    async def fetchall(self) -> list:  # type: ignore[override]
        return super().fetchall()

    async def fetchone(self) -> Any:
        return super().fetchone()


class AsyncStubConnection(StubConnection):
    def cursor(self) -> AsyncStubCursor:
        return AsyncStubCursor(self)

    async def commit(self) -> None:  # type: ignore[override]
        pass

    async def rollback(self) -> None:  # type: ignore[override]
        pass

    async def close(self) -> None:  # type: ignore[override]
        pass


def _config() -> Any:
    from rhosocial.activerecord.backend.impl.oracle import OracleConnectionConfig

    return OracleConnectionConfig(host="stub", service_name="S", username="u", password="p")


def backend() -> Any:
    from rhosocial.activerecord.backend.impl.oracle import OracleBackend

    oracledb.connect = lambda **kw: StubConnection()  # type: ignore[assignment]
    b = OracleBackend(_config())
    b._probe = lambda: b._server_from_probe("23.4.0.24.5", "23.0.0")  # no PL/SQL round trip to fake
    b.connect()
    return b


def async_backend(loop: asyncio.AbstractEventLoop) -> Any:
    from rhosocial.activerecord.backend.impl.oracle import AsyncOracleBackend

    async def connect_async(**kw: Any) -> AsyncStubConnection:
        return AsyncStubConnection()

    async def probe() -> None:
        b._server_from_probe("23.4.0.24.5", "23.0.0")

    oracledb.connect_async = connect_async  # type: ignore[assignment]
    b = AsyncOracleBackend(_config())
    b._probe = probe
    loop.run_until_complete(b.connect())
    return b


def workloads(b: Any, raw: Any) -> dict[str, tuple[Callable[[], Any], Callable[[], Any], int]]:
    """name -> (ours, floor, calls per run); on an async backend and stub each call returns an awaitable."""
    insert = "INSERT INTO bench (name, amount, qty) VALUES (?, ?, ?)"
    select_one = "SELECT id, name, amount, qty FROM bench WHERE id = ?"
    select_all = "SELECT id, name, amount, qty FROM bench"
    many = [("n", Decimal("1.5"), i) for i in range(MANY_ROWS)]

    if isinstance(raw, AsyncStubCursor):

        async def raw_one() -> Any:
            await raw.execute("SELECT ... WHERE", [1])
            return await raw.fetchall()

        async def raw_all() -> Any:
            await raw.execute("SELECT ...")
            return await raw.fetchall()

    else:

        def raw_one() -> Any:  # type: ignore[misc]
            raw.execute("SELECT ... WHERE", [1])
            return raw.fetchall()

        def raw_all() -> Any:  # type: ignore[misc]
            raw.execute("SELECT ...")
            return raw.fetchall()

    return {
        "execute (INSERT, 3 binds)": (
            lambda: b.execute(insert, ("n", Decimal("1.5"), 3)),
            lambda: raw.execute("I", ["n", 1, 3]),
            2000,
        ),
        "fetch_one by key": (lambda: b.fetch_one(select_one, (1,)), raw_one, 2000),
        f"fetch_all {FETCH_ROWS} rows": (lambda: b.fetch_all(select_all), raw_all, 50),
        f"execute_many {MANY_ROWS} rows": (
            lambda: b.execute_many(insert, many),
            lambda: raw.executemany("I", many),
            50,
        ),
    }


def per_call_us(call: Callable[[], Any], n: int, loop: Any = None) -> float:
    """Best of 5 runs of ``n`` calls, in CPU microseconds per call; with ``loop``, each run is one
    coroutine that awaits the ``n`` calls."""

    async def awaited() -> None:
        for _ in range(n):
            await call()

    def plain() -> None:
        for _ in range(n):
            call()

    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        if loop is None:
            plain()
        else:
            loop.run_until_complete(awaited())
        best = min(best, time.process_time() - start)
    return best / n * 1e6


def print_table(title: str, found: dict[str, tuple[Callable[[], Any], Callable[[], Any], int]], loop: Any) -> None:
    print(title)
    print(f"{'workload':30} {'ours us/call':>13} {'floor us/call':>14} {'added us':>9}")
    for name, (ours, floor, n) in found.items():
        mine, base = per_call_us(ours, n, loop), per_call_us(floor, n, loop)
        print(f"{name:30} {mine:13.1f} {base:14.1f} {mine - base:9.1f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--profile", action="store_true")
    args = p.parse_args()
    found = workloads(backend(), StubConnection().cursor())  # raw: no output type handler (driver defaults)
    if args.profile:
        ours, _, n = found["fetch_one by key"]
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [ours() for _ in range(n)])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
        return
    print_table("OracleBackend (sync)", found, None)
    loop = asyncio.new_event_loop()
    try:
        print_table("\nAsyncOracleBackend", workloads(async_backend(loop), AsyncStubConnection().cursor()), loop)
    finally:
        loop.close()


if __name__ == "__main__":
    main()
