"""PgBouncer in transaction pooling mode (pool of 5 server connections): 50 clients run the transfer
workload with ``transaction_pooling=True``; nothing of a client's session may outlive its transaction."""

from __future__ import annotations

import random
import threading

import pytest
from topology_support import bring_up, node_port
from topology_workload import pick, reconcile, schema, transfer

from rhosocial.activerecord.backend.expression import Column, QueryExpression, TableExpression
from rhosocial.activerecord.backend.expression.query_parts import OrderByClause
from rhosocial.activerecord.backend.impl.postgres import PostgresBackend, PostgresConnectionConfig
from rhosocial.activerecord.backend.toolkit.retry import RetryPolicy, run_transaction

CLIENTS = 50
TRANSFERS_EACH = 8


@pytest.fixture(scope="module")
def topo():
    entry = bring_up("pgbouncer")
    return {"entry": entry, "port": node_port(entry, "pgbouncer")}


def config_for(entry, port: int, **options) -> PostgresConnectionConfig:
    """The topology's login on ``port`` (PgBouncer's or the server's own), with ``options``."""
    return PostgresConnectionConfig(
        host="127.0.0.1",
        port=port,
        database=entry["database"],
        username=entry["user"],
        password=entry["password"],
        **options,
    )


def backend(topo, **options) -> PostgresBackend:
    config = config_for(topo["entry"], topo["port"], connect_timeout=5, transaction_pooling=True, **options)
    return PostgresBackend(connection_config=config)


def test_transaction_pooling_turns_automatic_prepared_statements_off(topo):
    db = backend(topo)
    try:
        assert db.config.prepare_threshold is None
        db.connect()
        assert db._connection.prepare_threshold is None
        # the same statement many times, over transactions that land on different server connections
        for i in range(20):
            with db.transaction_manager.transaction():
                assert db.fetch_one("SELECT %s::int AS n", (i,))["n"] == i
    finally:
        db.disconnect()


def test_batch_reads_outside_a_transaction_need_no_holdable_cursor(topo):
    db = backend(topo)
    try:
        db.execute("DROP TABLE IF EXISTS topo_rows")
        db.execute("CREATE TABLE topo_rows AS SELECT g AS id FROM generate_series(1, 250) AS g")
        dialect = db.dialect
        query = QueryExpression(
            dialect,
            select=[Column(dialect, "id")],
            from_=TableExpression(dialect, "topo_rows"),
            order_by=OrderByClause(dialect, [Column(dialect, "id")]),
        )
        assert db._batch_cursor_args() == {}  # a client-side cursor: no WITH HOLD across pooled transactions
        pages = list(db.execute_batch_dql(query, page_size=100))
        assert [len(p.data) for p in pages] == [100, 100, 50]
        with db.transaction_manager.transaction():  # inside one, the server-side cursor streams
            assert db._batch_cursor_args()["withhold"] is False
            pages = list(db.execute_batch_dql(query, page_size=100))
        assert [row["id"] for p in pages for row in p.data] == list(range(1, 251))
    finally:
        db.disconnect()


def test_fifty_clients_over_five_server_connections_keep_the_books(topo):
    setup = backend(topo)
    for sql in schema():
        setup.execute(sql)
    errors: list = []
    retries: list = []

    def client(seed: int) -> None:
        rng = random.Random(seed)
        db = backend(topo)
        try:
            for _ in range(TRANSFERS_EACH):
                src, dst, amount = pick(rng)
                run_transaction(
                    db,
                    lambda s=src, d=dst, a=amount: transfer(db, s, d, a),
                    policy=RetryPolicy(attempts=10),
                    on_retry=lambda attempt, error, delay: retries.append(type(error).__name__),
                )
        except Exception as exc:  # collected: a failing thread must fail the test
            errors.append(repr(exc))
        finally:
            db.disconnect()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    seen: list = []
    done = threading.Event()
    sampler = threading.Thread(target=sample_server_sessions, args=(topo, seen, done))
    sampler.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    done.set()
    sampler.join(30)
    assert not errors, errors[:3]
    result = reconcile(setup)
    print(f"\npgbouncer: {CLIENTS} clients, {result['transfers']} transfers, retries {len(retries)}")
    assert result["transfers"] == CLIENTS * TRANSFERS_EACH
    # PgBouncer really multiplexed: while 50 clients ran, the server never had more than 5 sessions of ours
    assert seen
    assert 1 <= max(seen) <= 5, seen
    setup.disconnect()


def sample_server_sessions(topo, seen: list, done: threading.Event) -> None:
    entry = topo["entry"]
    direct = PostgresBackend(connection_config=config_for(entry, node_port(entry, "topo-pgb-server")))
    try:
        while not done.wait(0.02):
            row = direct.fetch_one(
                "SELECT count(*) AS n FROM pg_stat_activity"
                " WHERE usename = current_user AND datname = current_database() AND pid <> pg_backend_pid()"
            )
            seen.append(int(row["n"]))
    finally:
        direct.disconnect()


ZONES = (
    "UTC",
    "Asia/Tokyo",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kolkata",
    "America/Sao_Paulo",
)
SCHEMAS = 5  # client n reads its marker table through search_path topo_sp_{n % 5}


def settings_of(n: int) -> dict:
    return {
        "timezone": ZONES[n % len(ZONES)],
        "search_path": f"topo_sp_{n % SCHEMAS}, public",
        "statement_timeout": 10 + n,  # seconds: a value per client, never reached
    }


SEEN_SQL = (
    "SELECT current_setting('TimeZone') AS tz, current_setting('search_path') AS sp,"
    " current_setting('statement_timeout') AS st, (SELECT v FROM topo_marker) AS marker,"
    " now() AS now, pg_backend_pid() AS pid"
)


def check_seen(row: dict, n: int) -> None:
    wanted = settings_of(n)
    assert row["tz"] == wanted["timezone"], (n, row)
    assert row["sp"] == wanted["search_path"], (n, row)
    assert row["st"] == f"{wanted['statement_timeout']}s", (n, row)
    assert row["marker"] == n % SCHEMAS, (n, row)  # search_path really resolved the table
    zone = getattr(row["now"].tzinfo, "key", "UTC")  # UTC comes back as datetime.timezone.utc
    assert zone == wanted["timezone"], (n, row["now"])


@pytest.fixture(scope="module")
def marker_schemas(topo):
    db = backend(topo)
    for i in range(SCHEMAS):
        db.execute(f"CREATE SCHEMA IF NOT EXISTS topo_sp_{i}")
        db.execute(f"CREATE TABLE IF NOT EXISTS topo_sp_{i}.topo_marker (v int)")
        db.execute(f"DELETE FROM topo_sp_{i}.topo_marker")
        db.execute(f"INSERT INTO topo_sp_{i}.topo_marker VALUES ({i})")
    db.disconnect()


def test_fifty_clients_with_their_own_settings_see_them_every_time(topo, marker_schemas):
    """50 clients over 5 server connections, each with its own timezone, search_path and statement_timeout,
    alternate single statements (implicit transactions) and explicit transactions: every statement sees
    its own client's settings, whichever server connection it landed on; nothing stays on the server."""
    errors: list = []
    pids: set = set()

    def client(n: int) -> None:
        db = backend(topo, **settings_of(n))
        try:
            for _ in range(6):
                row = db.fetch_one(SEEN_SQL)
                check_seen(row, n)
                pids.add(row["pid"])
                with db.transaction_manager.transaction():
                    for _ in range(2):
                        row = db.fetch_one(SEEN_SQL)
                        check_seen(row, n)
                        pids.add(row["pid"])
        except Exception as exc:  # collected: a failing thread must fail the test
            errors.append(repr(exc))
        finally:
            db.disconnect()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors[:3]
    assert 1 <= len(pids) <= 5, pids  # 50 clients really shared at most 5 server sessions
    # a client without settings gets the server's defaults on every server connection: nothing leaked
    plain = backend(topo)
    try:
        for _ in range(10):
            row = plain.fetch_one(
                "SELECT current_setting('TimeZone') AS tz, current_setting('search_path') AS sp,"
                " current_setting('statement_timeout') AS st"
            )
            assert row["sp"] == '"$user", public', row
            assert row["st"] == "0", row
            assert row["tz"] not in ZONES[1:], row
    finally:
        plain.disconnect()


def test_a_per_transaction_statement_timeout_cancels(topo):
    from rhosocial.activerecord.backend.toolkit.errors import StatementTimeoutError

    db = backend(topo, statement_timeout=0.2)
    try:
        with pytest.raises(StatementTimeoutError):
            db.execute("SELECT pg_sleep(2)")
        with db.transaction_manager.transaction(), pytest.raises(StatementTimeoutError):
            db.execute("SELECT pg_sleep(2)")
        assert db.fetch_one("SELECT current_setting('statement_timeout') AS st")["st"] == "200ms"
    finally:
        db.disconnect()


def test_batch_writes_outside_a_transaction_see_the_settings(topo, marker_schemas):
    """execute_many (psycopg executemany) outside a transaction: the unqualified table resolves through the
    client's search_path for every row, and the rows commit together."""
    setup = backend(topo)
    setup.execute("DROP TABLE IF EXISTS topo_sp_3.topo_batch")
    setup.execute("CREATE TABLE topo_sp_3.topo_batch (v int)")
    db = backend(topo, search_path="topo_sp_3, public")
    try:
        db.execute_many("INSERT INTO topo_batch (v) VALUES (%s)", [(1,), (2,), (3,)])
        rows = setup.fetch_all("SELECT v FROM topo_sp_3.topo_batch ORDER BY v")
        assert [r["v"] for r in rows] == [1, 2, 3]
    finally:
        db.disconnect()
        setup.execute("DROP TABLE topo_sp_3.topo_batch")
        setup.disconnect()


def test_async_clients_see_their_own_settings(topo, marker_schemas):
    import asyncio

    from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend

    async def client(n: int) -> None:
        db = AsyncPostgresBackend(connection_config=backend(topo, **settings_of(n)).config)
        try:
            for _ in range(4):
                check_seen(await db.fetch_one(SEEN_SQL), n)
                async with db.transaction_manager.transaction():
                    check_seen(await db.fetch_one(SEEN_SQL), n)
        finally:
            await db.disconnect()

    async def main() -> None:
        await asyncio.gather(*(client(n) for n in range(20)))

    asyncio.run(main())


def test_without_the_switch_prepared_statements_collide(topo):
    """The control: prepared statements on pooled server connections break (8 clients, 5 connections: two
    clients prepare the same statement name on one server connection), which transaction_pooling avoids."""
    from rhosocial.activerecord.backend.errors import DatabaseError

    config = config_for(topo["entry"], topo["port"], prepare_threshold=0)
    clients = [PostgresBackend(connection_config=config) for _ in range(8)]

    def round_robin():
        for i in range(10):
            for db in clients:
                with db.transaction_manager.transaction():
                    db.fetch_one("SELECT %s::int AS n", (i,))

    try:
        with pytest.raises(DatabaseError, match="prepared statement"):
            round_robin()
    finally:
        for db in clients:
            db.disconnect()


def test_async_clients_rerun_with_the_async_helper(topo):
    """The async twin: 20 asyncio clients through PgBouncer, each transfer in run_transaction_async."""
    import asyncio

    from topology_workload import transfer_statements

    from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend
    from rhosocial.activerecord.backend.toolkit.retry import run_transaction_async

    entry = topo["entry"]
    setup = backend(topo)
    for sql in schema():
        setup.execute(sql)

    async def client(seed: int) -> None:
        rng = random.Random(seed)
        db = AsyncPostgresBackend(connection_config=backend(topo).config)
        try:
            for _ in range(5):
                statements = transfer_statements(*pick(rng))

                async def work(statements=statements) -> None:
                    for sql, params in statements:
                        await db.execute(sql, params)

                await run_transaction_async(db, work)
        finally:
            await db.disconnect()

    async def main() -> None:
        await asyncio.gather(*(client(n) for n in range(20)))

    assert entry["pool_size"] == 5
    asyncio.run(main())
    assert reconcile(setup)["transfers"] == 100
    setup.disconnect()
