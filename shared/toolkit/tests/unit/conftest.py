"""Live-server helpers for the toolkit's unit tests.

The error-mapping tests feed the translator exceptions the real drivers raised against a
real server. Servers are found the way every suite here finds them (state file of
``tools/localdb.py``, then ``RHOSOCIAL_*_DSN``), falling back to the loopback defaults of a
developer machine; a test that needs a server skips, naming what was tried, when none answers
within 2 seconds.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from rhosocial.activerecord.backend.toolkit.testing.servers import servers_for

CONNECT_TIMEOUT_S = 2

# Used when no state file or DSN names a server (developer machines with system servers).
LOOPBACK_DEFAULTS = {
    "postgres": {"host": "127.0.0.1", "port": 5432, "user": "postgres", "password": "", "database": "test"},
    "mysql": {"host": "127.0.0.1", "port": 3306, "user": "root", "password": "", "database": "test"},
}


def _candidates(backend: str) -> list[dict[str, Any]]:
    found = [
        {"host": s.host, "port": s.port, "user": s.user, "password": s.password, "database": s.database}
        for s in servers_for(backend, tls=False)
    ]
    default = LOOPBACK_DEFAULTS[backend]
    return found + ([default] if default not in found else [])


def unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


@dataclass
class PostgresServer:
    params: dict[str, Any]

    def connect(self, **overrides: Any):
        import psycopg

        params = {**self.params, **overrides}
        return psycopg.connect(
            host=params["host"],
            port=params["port"],
            user=params["user"],
            password=params["password"] or None,
            dbname=params["database"],
            connect_timeout=CONNECT_TIMEOUT_S,
            autocommit=True,
        )


@dataclass
class MySQLServer:
    params: dict[str, Any]
    flavour: str = "mysql"

    def connect(self, **overrides: Any):
        import mysql.connector

        params = {**self.params, **overrides}
        return mysql.connector.connect(
            host=params["host"],
            port=params["port"],
            user=params["user"],
            password=params["password"],
            database=params["database"],
            connection_timeout=CONNECT_TIMEOUT_S,
            autocommit=True,
        )


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    pytest.importorskip("psycopg", reason="psycopg 3 is not installed")
    tried = []
    for params in _candidates("postgres"):
        server = PostgresServer(params)
        try:
            server.connect().close()
        except Exception as e:  # any failure means "not reachable from here"
            tried.append(f"{params['host']}:{params['port']} ({type(e).__name__})")
            continue
        yield server
        return
    pytest.skip(f"no PostgreSQL server reachable within {CONNECT_TIMEOUT_S}s; tried {', '.join(tried)}")


@pytest.fixture(scope="session")
def mysql_server() -> Iterator[MySQLServer]:
    pytest.importorskip("mysql.connector", reason="mysql-connector-python is not installed")
    tried = []
    for params in _candidates("mysql"):
        server = MySQLServer(params)
        try:
            conn = server.connect()
        except Exception as e:  # any failure means "not reachable from here"
            tried.append(f"{params['host']}:{params['port']} ({type(e).__name__})")
            continue
        cur = conn.cursor()
        cur.execute("SELECT VERSION()")
        server.flavour = "mariadb" if "mariadb" in cur.fetchone()[0].lower() else "mysql"
        conn.close()
        yield server
        return
    pytest.skip(f"no MySQL/MariaDB server reachable within {CONNECT_TIMEOUT_S}s; tried {', '.join(tried)}")


@pytest.fixture
def pg(pg_server: PostgresServer) -> Iterator[Any]:
    """An autocommit psycopg connection, closed after the test."""
    conn = pg_server.connect()
    yield conn
    conn.close()


@pytest.fixture
def my(mysql_server: MySQLServer) -> Iterator[Any]:
    """An autocommit mysql.connector connection in strict mode, closed after the test."""
    conn = mysql_server.connect()
    conn.cursor().execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO'")
    yield conn
    conn.close()


@pytest.fixture
def my_tables(my) -> Iterator[Callable[[str, str], str]]:
    """Creates uniquely named InnoDB tables (MySQL temporary tables cannot have foreign keys); drops them after."""
    made: list[str] = []

    def create(prefix: str, columns: str) -> str:
        name = unique_name(prefix)
        my.cursor().execute(f"CREATE TABLE {name} ({columns}) ENGINE=InnoDB")
        made.append(name)
        return name

    yield create
    cur = my.cursor()
    for name in reversed(made):
        cur.execute(f"DROP TABLE IF EXISTS {name}")
