"""PostgreSQL primary + synchronous hot standby: host lists, target_session_attrs, read-only errors,
reads on the standby with their lag, and a failover under a transfer workload."""

from __future__ import annotations

import random
import threading
import time

import pytest
from topology_support import bring_up, node_port, topologies
from topology_workload import pick, reconcile, schema, transfer_statements

from rhosocial.activerecord.backend.impl.postgres import PostgresBackend, PostgresConnectionConfig
from rhosocial.activerecord.backend.toolkit.errors import CommitOutcomeUnknownError, ReadOnlyTransactionError
from rhosocial.activerecord.backend.toolkit.retry import RetryPolicy, run_transaction


@pytest.fixture(scope="module")
def topo():
    entry = bring_up("pg-replica")
    return {
        "entry": entry,
        "primary": node_port(entry, "topo-pg-primary"),
        "standby": node_port(entry, "topo-pg-standby"),
    }


def backend(topo, **options) -> PostgresBackend:
    entry = topo["entry"]
    config = PostgresConnectionConfig(
        host=["127.0.0.1", "127.0.0.1"],
        port=[topo["primary"], topo["standby"]],
        database=entry["database"],
        username=entry["user"],
        password=entry["password"],
        connect_timeout=2,
        **options,
    )
    return PostgresBackend(connection_config=config)


def where(db: PostgresBackend) -> tuple:
    row = db.fetch_one("SELECT inet_server_port() AS port, pg_is_in_recovery() AS standby")
    return row["port"], row["standby"]


@pytest.mark.parametrize(
    ("attrs", "role"),
    [
        ("read-write", "primary"),
        ("primary", "primary"),
        ("any", "primary"),
        ("standby", "standby"),
        ("read-only", "standby"),
        ("prefer-standby", "standby"),
    ],
)
def test_target_session_attrs_pick_the_server(topo, attrs, role):
    db = backend(topo, target_session_attrs=attrs)
    try:
        assert where(db) == (topo[role], role == "standby")
    finally:
        db.disconnect()


def test_load_balance_hosts_spreads_sessions(topo):
    ports = set()
    for _ in range(20):
        db = backend(topo, load_balance_hosts="random")
        ports.add(where(db)[0])
        db.disconnect()
    assert ports == {topo["primary"], topo["standby"]}


def test_write_on_the_standby_raises_read_only_naming_the_server(topo):
    writer = backend(topo, target_session_attrs="read-write")
    writer.execute("CREATE TABLE IF NOT EXISTS topo_ro (id INT PRIMARY KEY)")
    reader = backend(topo, target_session_attrs="standby")
    try:
        with pytest.raises(
            ReadOnlyTransactionError, match=rf"25006.*server 127\.0\.0\.1:{topo['standby']}, a hot standby"
        ):
            reader.execute("INSERT INTO topo_ro (id) VALUES (%s)", (1,))
    finally:
        reader.disconnect()
        writer.disconnect()


def test_reads_on_the_standby_with_replication_lag_visible(topo):
    writer = backend(topo, target_session_attrs="primary")
    reader = backend(topo, target_session_attrs="standby")
    try:
        writer.execute("DROP TABLE IF EXISTS topo_lag")
        writer.execute("CREATE TABLE topo_lag (id INT PRIMARY KEY)")
        writer.execute("INSERT INTO topo_lag (id) VALUES (%s)", (7,))
        deadline = time.monotonic() + 10
        while not reader.fetch_all("SELECT id FROM topo_lag WHERE id = %s", (7,)) and time.monotonic() < deadline:
            time.sleep(0.05)
        lag = reader.fetch_one(
            "SELECT pg_is_in_recovery() AS standby, now() - pg_last_xact_replay_timestamp() AS lag,"
            " pg_last_wal_replay_lsn() = pg_last_wal_receive_lsn() AS caught_up"
        )
        assert lag["standby"] is True
        assert lag["lag"] is not None  # a timedelta: how old the last replayed transaction is
        assert reader.fetch_all("SELECT id FROM topo_lag") == [{"id": 7}]
    finally:
        reader.disconnect()
        writer.disconnect()


def test_failover_under_load_loses_no_committed_transfer(topo):
    """It kills the primary; the async twin below rebuilds the pair (as the next `up` does)."""
    db = backend(topo, target_session_attrs="read-write")
    for sql in schema():
        db.execute(sql)
    rng = random.Random(15)
    acknowledged: list = []  # ledger ids whose COMMIT returned
    unknown: list = []  # transfers whose COMMIT outcome is unknown
    retries: list = []
    stop = threading.Event()
    failover_done = threading.Event()
    recovered_at: list = []

    def one_transfer():
        src, dst, amount = pick(rng)
        statements = transfer_statements(src, dst, amount)

        def work():
            for sql, params in statements[:2]:
                assert db.execute(sql, params).affected_rows == 1
            sql, params = statements[2]
            return db.fetch_one(sql + " RETURNING id", params)["id"]

        return run_transaction(
            db,
            work,
            policy=RetryPolicy(attempts=80, base_delay=0.05, max_delay=0.25),
            on_retry=lambda attempt, error, delay: retries.append(type(error).__name__),
        )

    def client():
        while not stop.is_set():
            try:
                acknowledged.append(one_transfer())
            except CommitOutcomeUnknownError:
                unknown.append(1)
            if failover_done.is_set() and not recovered_at:
                recovered_at.append(time.monotonic())

    worker = threading.Thread(target=client)
    worker.start()
    try:
        deadline = time.monotonic() + 30
        while len(acknowledged) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        before = len(acknowledged)
        crashed_at = time.monotonic()
        promote_seconds = topologies.PgReplica().fail_over()
        failover_done.set()
        deadline = time.monotonic() + 20
        while len(acknowledged) < before + 20 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        worker.join(30)
    assert recovered_at, f"no transfer committed after the failover (retries: {retries[-5:]})"
    recovery = recovered_at[0] - crashed_at
    print(
        f"\nfailover: promote {promote_seconds:.2f}s, first commit on the new primary {recovery:.2f}s after the crash;"
        f" {len(acknowledged)} committed ({before} before), {len(unknown)} with unknown outcome,"
        f" retries {len(retries)}: {sorted(set(retries))}"
    )
    assert recovery < 10
    assert where(db) == (topo["standby"], False)  # the same backend object, now on the promoted standby
    ledger = {r["id"] for r in db.fetch_all("SELECT id FROM topo_ledger")}
    missing = set(acknowledged) - ledger
    assert not missing, f"committed transfers lost in the failover: {sorted(missing)}"
    result = reconcile(db)
    assert result["transfers"] >= len(acknowledged)
    db.disconnect()


def test_async_failover_under_load_loses_no_committed_transfer(topo):
    """The async twin, after the sync failover above: the pair is rebuilt, then the same AsyncPostgresBackend
    object runs transfers (run_transaction_async) while the primary is killed and the standby promoted."""
    import asyncio

    from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend
    from rhosocial.activerecord.backend.toolkit.retry import run_transaction_async

    bring_up("pg-replica")  # the sync test left a promoted standby and a dead primary: rebuild the pair
    setup = backend(topo, target_session_attrs="read-write")
    assert where(setup) == (topo["primary"], False)
    for sql in schema():
        setup.execute(sql)
    setup.disconnect()
    db = AsyncPostgresBackend(connection_config=backend(topo, target_session_attrs="read-write").config)
    rng = random.Random(16)
    acknowledged: list = []
    unknown: list = []
    retries: list = []
    recovered_at: list = []

    async def one_transfer() -> int:
        statements = transfer_statements(*pick(rng))

        async def work() -> int:
            for sql, params in statements[:2]:
                assert (await db.execute(sql, params)).affected_rows == 1
            sql, params = statements[2]
            return (await db.fetch_one(sql + " RETURNING id", params))["id"]

        return await run_transaction_async(
            db,
            work,
            policy=RetryPolicy(attempts=80, base_delay=0.05, max_delay=0.25),
            on_retry=lambda attempt, error, delay: retries.append(type(error).__name__),
        )

    async def client(stop: asyncio.Event, failover_done: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                acknowledged.append(await one_transfer())
            except CommitOutcomeUnknownError:
                unknown.append(1)
            if failover_done.is_set() and not recovered_at:
                recovered_at.append(time.monotonic())

    async def main() -> tuple:
        stop, failover_done = asyncio.Event(), asyncio.Event()
        worker = asyncio.create_task(client(stop, failover_done))
        try:
            deadline = time.monotonic() + 30
            while len(acknowledged) < 30 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            before = len(acknowledged)
            crashed_at = time.monotonic()
            promote_seconds = await asyncio.to_thread(topologies.PgReplica().fail_over)
            failover_done.set()
            deadline = time.monotonic() + 20
            while len(acknowledged) < before + 20 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
        finally:
            stop.set()
            await asyncio.wait_for(worker, 30)
        row = await db.fetch_one("SELECT inet_server_port() AS port, pg_is_in_recovery() AS standby")
        ledger = {r["id"] for r in await db.fetch_all("SELECT id FROM topo_ledger")}
        await db.disconnect()
        return before, crashed_at, promote_seconds, (row["port"], row["standby"]), ledger

    before, crashed_at, promote_seconds, server, ledger = asyncio.run(main())
    assert before >= 30, "the workload did not run before the crash"
    assert recovered_at, f"no transfer committed after the failover (retries: {retries[-5:]})"
    recovery = recovered_at[0] - crashed_at
    print(
        f"\nasync failover: promote {promote_seconds:.2f}s, first commit on the new primary {recovery:.2f}s after"
        f" the crash; {len(acknowledged)} committed ({before} before), {len(unknown)} with unknown outcome,"
        f" retries {len(retries)}: {sorted(set(retries))}"
    )
    assert recovery < 10
    assert server == (topo["standby"], False)  # the same async backend object, now on the promoted standby
    missing = set(acknowledged) - ledger
    assert not missing, f"committed transfers lost in the failover: {sorted(missing)}"
    check = backend(topo, target_session_attrs="read-write")
    try:
        assert reconcile(check)["transfers"] >= len(acknowledged)
    finally:
        check.disconnect()
