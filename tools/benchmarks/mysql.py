"""MySQL/MariaDB: the raw mysql-connector side and our backend (or the published one), for tools/benchmark.py.

mysql-connector has a C extension and a pure-Python implementation, chosen per connection by
``use_pure``; both the raw side and the backend get the same choice. ``pure-async`` measures
AsyncMySQLBackend against ``mysql.connector.aio`` (pure Python only). tools/benchmark.py loads this
module as ``benchmarks.mysql`` (with tools/benchmarks/ off sys.path, which would hide the driver).
"""

from __future__ import annotations

from typing import Any, Optional

from benchmarks.common import Action
from benchmarks.workloads import Kit, Loop, RawSide, open_backend, raw_on_loop, rows, split_mode

IMPLEMENTATIONS = ("cext", "pure", "pure-async")
TABLE = "bench_mysql"
DDL = (
    f"CREATE TABLE {TABLE} (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL, "
    "amount DECIMAL(12,2) NOT NULL, qty INT NOT NULL)"
)
INSERT = f"INSERT INTO {TABLE} (name, amount, qty) VALUES (%s, %s, %s)"
SELECT_ALL = f"SELECT id, name, amount, qty FROM {TABLE}"
SELECT_ONE = f"SELECT id, name, amount, qty FROM {TABLE} WHERE id = %s"


class Unavailable(Exception):
    """The implementation asked for cannot run here (the reason is printed, the run is skipped)."""


def cext_missing_reason() -> Optional[str]:
    """Why mysql-connector's C extension does not load here, or None when it does."""
    import mysql.connector

    if getattr(mysql.connector, "HAVE_CEXT", False):
        return None
    try:
        import _mysql_connector  # noqa: F401
    except ImportError as exc:
        return f"the C extension of mysql-connector-python {mysql.connector.__version__} does not load: {exc}"
    return f"mysql-connector-python {mysql.connector.__version__} reports no C extension"


def implementation_of(conn: Any) -> str:
    """``cext`` for the C extension's connection class (CMySQLConnection), ``pure`` for the Python one."""
    return "cext" if type(conn).__name__.startswith("CMySQL") else "pure"


def used_implementation(backend: Any) -> tuple[str, str]:
    told = getattr(getattr(backend, "server_info", None), "driver_implementation", None)
    if told:
        return str(told), "server_info.driver_implementation"
    conn = getattr(backend, "_connection", None)
    return implementation_of(conn), f"backend connection class {type(conn).__module__}.{type(conn).__qualname__}"


def async_raw_side(args: dict[str, Any], reset: Any, loop: Loop) -> tuple[RawSide, Action]:
    """The raw side on ``mysql.connector.aio`` (the table is still reset over the sync connection), and its close."""
    from mysql.connector import aio

    conn = loop.run(aio.connect(**{k: v for k, v in args.items() if k != "use_pure"}))
    cur = loop.run(conn.cursor(buffered=True))
    dcur = loop.run(conn.cursor(buffered=True, dictionary=True))

    async def execute_many(data: list[tuple]) -> None:
        await cur.executemany(INSERT, data)

    async def fetch_all() -> object:
        await dcur.execute(SELECT_ALL)
        return await dcur.fetchall()

    async def fetch_one(ks: list[int]) -> None:
        for k in ks:
            await dcur.execute(SELECT_ONE, (k,))
            await dcur.fetchall()

    async def save(data: list[tuple]) -> None:
        for row in data:
            await cur.execute(INSERT, row)
            _ = cur.lastrowid

    calls = (execute_many, fetch_all, fetch_one, save)
    return raw_on_loop(loop, reset, *calls), lambda: loop.run(conn.close())


def open_kit(server: dict[str, Any], impl: str, published: bool = False) -> Kit:
    import mysql.connector

    from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend, MySQLConnectionConfig

    if not published and impl not in IMPLEMENTATIONS:
        raise Unavailable(f"unknown implementation {impl!r} (one of {', '.join(IMPLEMENTATIONS)})")
    requested = impl
    impl, asynchronous = split_mode(impl)
    pure = impl == "pure"
    if not published and not pure and (reason := cext_missing_reason()):
        raise Unavailable(reason)
    fields: dict[str, Any] = {
        "host": server["host"],
        "port": server["port"],
        "database": server["database"],
        "username": server["user"],
        "password": server["password"],
    }
    if published:  # its own config; the driver picks its implementation by default
        config = MySQLConnectionConfig(**fields)
        args: dict[str, Any] = {
            "host": server["host"],
            "port": server["port"],
            "database": server["database"],
            "user": server["user"],
            "password": server["password"],
            "autocommit": True,
        }
    else:
        from rhosocial.activerecord.backend.impl.mysql.config import build_connect_args

        config = MySQLConnectionConfig(**fields, options={"use_pure": pure})
        args = build_connect_args(config)

    def connect() -> Any:
        return mysql.connector.connect(**args)

    raw_conn = connect()
    cur = raw_conn.cursor(buffered=True)
    dcur = raw_conn.cursor(buffered=True, dictionary=True)  # the backend returns dicts: so does the raw side

    def reset(n: int) -> None:
        cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cur.execute(DDL)
        if n:
            cur.executemany(INSERT, rows(n))

    def fetch_all() -> object:
        dcur.execute(SELECT_ALL)
        return dcur.fetchall()

    def fetch_one(ks: list[int]) -> None:
        for k in ks:
            dcur.execute(SELECT_ONE, (k,))
            dcur.fetchall()

    def save(data: list[tuple]) -> None:
        for row in data:
            cur.execute(INSERT, row)
            _ = cur.lastrowid

    loop = Loop() if asynchronous else None
    close_async: Action = lambda: None  # noqa: E731
    if loop is None:
        raw = RawSide(lambda data: cur.executemany(INSERT, data), fetch_all, fetch_one, save, reset)
    else:
        raw, close_async = async_raw_side(args, reset, loop)
    name = "published" if published else "backend"
    backend_class = AsyncMySQLBackend if asynchronous else MySQLBackend
    sql = (INSERT, SELECT_ALL, SELECT_ONE)
    opened = open_backend(name, backend_class, config, TABLE, sql, used_implementation, loop)

    def close() -> None:
        cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
        opened.close()
        close_async()
        raw_conn.close()
        if loop is not None:
            loop.close()

    return Kit(
        raw=raw,
        ours=opened.contender,
        driver=f"mysql-connector-python {mysql.connector.__version__}",
        implementation={
            "requested": requested,
            "driver": implementation_of(raw_conn),
            "used": opened.used,
            "source": opened.source,
        },
        extra=[],
        sqlalchemy_url="mysql+mysqlconnector://",
        connect=connect,
        close=close,
        asynchronous=asynchronous,
    )
