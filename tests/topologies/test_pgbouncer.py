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


def backend(topo, **options) -> PostgresBackend:
    entry = topo["entry"]
    config = PostgresConnectionConfig(
        host="127.0.0.1",
        port=topo["port"],
        database=entry["database"],
        username=entry["user"],
        password=entry["password"],
        connect_timeout=5,
        transaction_pooling=True,
        **options,
    )
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
    direct = PostgresBackend(
        connection_config=PostgresConnectionConfig(
            host="127.0.0.1",
            port=node_port(entry, "topo-pgb-server"),
            database=entry["database"],
            username=entry["user"],
            password=entry["password"],
        )
    )
    try:
        while not done.wait(0.02):
            row = direct.fetch_one(
                "SELECT count(*) AS n FROM pg_stat_activity"
                " WHERE usename = current_user AND datname = current_database() AND pid <> pg_backend_pid()"
            )
            seen.append(int(row["n"]))
    finally:
        direct.disconnect()


def test_session_settings_are_refused_not_dropped():
    from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

    with pytest.raises(
        ConfigurationError, match="search_path, statement_timeout cannot be used with transaction_pooling"
    ):
        PostgresConnectionConfig(transaction_pooling=True, search_path="app", statement_timeout=5)
    with pytest.raises(ConfigurationError, match="prepare_threshold cannot be used with transaction_pooling"):
        PostgresConnectionConfig(transaction_pooling=True, prepare_threshold=1)


def test_without_the_switch_prepared_statements_collide(topo):
    """The control: prepared statements on pooled server connections break (8 clients, 5 connections: two
    clients prepare the same statement name on one server connection), which transaction_pooling avoids."""
    from rhosocial.activerecord.backend.errors import DatabaseError

    entry = topo["entry"]
    config = PostgresConnectionConfig(
        host="127.0.0.1",
        port=topo["port"],
        database=entry["database"],
        username=entry["user"],
        password=entry["password"],
        prepare_threshold=0,
    )
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
