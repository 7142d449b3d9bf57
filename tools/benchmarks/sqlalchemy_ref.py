"""The backend-level workloads through SQLAlchemy Core, each paired with the raw driver call it wraps.

Same table, SQL, data and row counts as tools/benchmarks/<backend>.py (taken from that module), same
driver and connection settings (the engine's ``creator`` makes the connection the raw side makes),
autocommit on both sides. The raw side is the one the backend benchmark times: psycopg with
``dict_row`` / mysql-connector's buffered cursor. SQLAlchemy is a benchmark-only dependency.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any


@dataclass
class Side:
    """One raw connection's callables and the engine creator for a backend."""

    url: str
    creator: Callable[[], Any]
    reset_cursor: Any  # executes DDL / executemany for table resets
    raw_many: Callable[[list[tuple]], object]
    raw_fetch: Callable[[], object]
    raw_point: Callable[[int], object]
    close: Callable[[], object]


def _postgres(server: Any, bench: ModuleType) -> Side:
    import psycopg
    from psycopg.rows import dict_row

    from rhosocial.activerecord.backend.impl.postgres import PostgresConnectionConfig
    from rhosocial.activerecord.backend.impl.postgres.config import connect_kwargs

    config = PostgresConnectionConfig(
        host=server.host, port=server.port, database=server.database, username=server.user, password=server.password
    )

    def connect() -> Any:
        conn = psycopg.connect(**connect_kwargs(config), autocommit=True)
        conn.prepare_threshold = config.prepare_threshold
        return conn

    raw = connect()
    cur, dcur = raw.cursor(), raw.cursor(row_factory=dict_row)

    def fetch() -> object:
        dcur.execute(bench.SELECT_ALL)
        return dcur.fetchall()

    def point(k: int) -> object:
        dcur.execute(bench.SELECT_ONE, (k,))
        return dcur.fetchone()

    return Side(
        "postgresql+psycopg://", connect, cur, lambda d: cur.executemany(bench.INSERT, d), fetch, point, raw.close
    )


def _mysql(server: Any, bench: ModuleType) -> Side:
    import mysql.connector
    from mysql.connector.cursor import MySQLCursorBuffered

    from rhosocial.activerecord.backend.impl.mysql import MySQLConnectionConfig
    from rhosocial.activerecord.backend.impl.mysql.config import build_connect_args

    config = MySQLConnectionConfig(
        host=server.host, port=server.port, database=server.database, username=server.user, password=server.password
    )

    def connect() -> Any:
        return mysql.connector.connect(**build_connect_args(config))

    raw = connect()
    cur = MySQLCursorBuffered(raw)

    def fetch() -> object:
        cur.execute(bench.SELECT_ALL)
        return cur.fetchall()

    def point(k: int) -> object:
        cur.execute(bench.SELECT_ONE, (k,))
        return cur.fetchall()

    return Side(
        "mysql+mysqlconnector://", connect, cur, lambda d: cur.executemany(bench.INSERT, d), fetch, point, raw.close
    )


SIDES: dict[str, Callable[[Any, ModuleType], Side]] = {"postgres": _postgres, "mysql": _mysql}


def run(backend: str, server: Any, bench: ModuleType, repeat: int) -> dict[str, tuple[float, float]]:
    """``{workload key: (best raw s, best SQLAlchemy Core s)}`` for executemany, fetch_all, point selects."""
    from sqlalchemy import (
        BigInteger,
        Column,
        Integer,
        MetaData,
        Numeric,
        String,
        Table,
        bindparam,
        create_engine,
        select,
    )

    logging.disable(logging.CRITICAL)
    side = SIDES[backend](server, bench)
    engine = create_engine(side.url, creator=side.creator, isolation_level="AUTOCOMMIT", pool_size=1)
    table = Table(
        bench.TABLE,
        MetaData(),
        Column("id", BigInteger, primary_key=True),
        Column("name", String(64), nullable=False),
        Column("amount", Numeric(12, 2), nullable=False),
        Column("qty", Integer, nullable=False),
    )
    data = bench.rows(bench.ROWS_MANY)
    dicts = [{"name": n, "amount": a, "qty": q} for n, a, q in data]
    keys = [1 + (i * 7919) % bench.ROWS_FETCH for i in range(bench.POINT_SELECTS)]
    insert, select_all = table.insert(), select(table)
    select_one = select(table).where(table.c.id == bindparam("k"))

    def reset(n: int = 0) -> Callable[[], None]:
        def go() -> None:
            side.reset_cursor.execute(f"DROP TABLE IF EXISTS {bench.TABLE}")
            side.reset_cursor.execute(bench.DDL)
            if n:
                side.reset_cursor.executemany(bench.INSERT, bench.rows(n))

        return go

    out: dict[str, tuple[float, float]] = {}
    try:
        with engine.connect() as conn:

            def raw_points() -> None:
                for k in keys:
                    side.raw_point(k)

            def sa_points() -> None:
                for k in keys:
                    conn.execute(select_one, {"k": k}).mappings().first()

            out["executemany"] = bench.paired(
                lambda: side.raw_many(data), lambda: conn.execute(insert, dicts), repeat, reset()
            )
            reset(bench.ROWS_FETCH)()
            out["fetch_all"] = bench.paired(side.raw_fetch, lambda: conn.execute(select_all).mappings().all(), repeat)
            out["point_selects"] = bench.paired(raw_points, sa_points, repeat)
    finally:
        side.reset_cursor.execute(f"DROP TABLE IF EXISTS {bench.TABLE}")
        engine.dispose()
        side.close()
    return out
