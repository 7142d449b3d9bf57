"""MySQL/MariaDB: the raw mysql-connector side and our backend (or the published one), for tools/benchmark.py.

mysql-connector has a C extension and a pure-Python implementation, chosen per connection by
``use_pure``; both the raw side and the backend get the same choice. tools/benchmark.py loads this
module as ``benchmarks.mysql`` (with tools/benchmarks/ off sys.path, which would hide the driver).
"""

from __future__ import annotations

from typing import Any, Optional

from benchmarks.workloads import Kit, RawSide, open_backend, rows

IMPLEMENTATIONS = ("cext", "pure")
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


def open_kit(server: dict[str, Any], impl: str, published: bool = False) -> Kit:
    import mysql.connector

    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend, MySQLConnectionConfig

    if not published and impl not in IMPLEMENTATIONS:
        raise Unavailable(f"unknown implementation {impl!r} (one of {', '.join(IMPLEMENTATIONS)})")
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

    raw = RawSide(lambda data: cur.executemany(INSERT, data), fetch_all, fetch_one, save, reset)
    name = "published" if published else "backend"
    opened = open_backend(name, MySQLBackend, config, TABLE, (INSERT, SELECT_ALL, SELECT_ONE), used_implementation)

    def close() -> None:
        cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
        opened.close()
        raw_conn.close()

    return Kit(
        raw=raw,
        ours=opened.contender,
        driver=f"mysql-connector-python {mysql.connector.__version__}",
        implementation={
            "requested": impl,
            "driver": implementation_of(raw_conn),
            "used": opened.used,
            "source": opened.source,
        },
        extra=[],
        sqlalchemy_url="mysql+mysqlconnector://",
        connect=connect,
        close=close,
    )
