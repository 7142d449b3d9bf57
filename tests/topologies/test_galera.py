"""A 3-node MariaDB Galera cluster: certification conflicts raised as deadlocks and re-run by the retry
helper, causal reads, failover of a client configured with several nodes, tables without a primary key."""

from __future__ import annotations

import random
import threading
import time

import pytest
from topology_support import bring_up, topologies
from topology_workload import pick, reconcile, schema, transfer

from rhosocial.activerecord.backend.errors import DeadlockError, QueryError
from rhosocial.activerecord.backend.impl.mysql import MySQLBackend, MySQLConnectionConfig
from rhosocial.activerecord.backend.toolkit.retry import RetryPolicy, run_transaction


@pytest.fixture(scope="module")
def topo():
    entry = bring_up("galera")
    return {"entry": entry, "ports": [n["port"] for n in entry["nodes"]]}


def backend(topo, nodes=(1,), **options) -> MySQLBackend:
    entry = topo["entry"]
    config = MySQLConnectionConfig(
        host=["127.0.0.1"] * len(nodes),
        port=[topo["ports"][i - 1] for i in nodes],
        database=entry["database"],
        username=entry["user"],
        password=entry["password"],
        connect_timeout=2,
        **options,
    )
    return MySQLBackend(connection_config=config)


def node_of(db: MySQLBackend) -> int:
    return int(db.fetch_one("SELECT @@port AS port")["port"])


@pytest.fixture
def books(topo):
    db = backend(topo)
    for sql in schema("BIGINT AUTO_INCREMENT PRIMARY KEY"):
        db.execute(sql)
    yield db
    db.disconnect()


def test_a_table_without_primary_key_is_refused_clearly(topo):
    db = backend(topo)
    try:
        db.execute("DROP TABLE IF EXISTS topo_nopk")
        with pytest.raises(QueryError, match=r"4165.*without a PRIMARY KEY"):
            db.execute("CREATE TABLE topo_nopk (a INT)")
    finally:
        db.disconnect()


def test_causal_reads_see_a_write_made_on_another_node(topo, books):
    reader = backend(topo, nodes=(2,), wsrep_sync_wait=1)
    try:
        assert reader.fetch_one("SELECT @@SESSION.wsrep_sync_wait AS w")["w"] == 1
        for n in range(20):
            books.execute("UPDATE topo_accounts SET balance = %s WHERE id = 1", (2000 + n,))
            assert reader.fetch_one("SELECT balance FROM topo_accounts WHERE id = 1")["balance"] == 2000 + n
        books.execute("UPDATE topo_accounts SET balance = 1000 WHERE id = 1")
    finally:
        reader.disconnect()


def test_a_certification_conflict_at_commit_is_a_deadlock_the_helper_reruns(topo, books):
    other = backend(topo, nodes=(2,))
    db = backend(topo, nodes=(1,))
    retried: list = []

    def work():
        transfer(db, 1, 2, 10)
        if not retried:  # first run only: node 2 commits a write to the same row before we commit
            other.execute("UPDATE topo_accounts SET balance = balance + 5 WHERE id = 1")
            other.execute("UPDATE topo_accounts SET balance = balance - 5 WHERE id = 3")
            other.execute("INSERT INTO topo_ledger (src, dst, amount) VALUES (3, 1, 5)")

    try:
        run_transaction(db, work, on_retry=lambda attempt, error, delay: retried.append(error))
        assert len(retried) == 1
        assert any(isinstance(e, DeadlockError) for e in _chain(retried[0])), repr(retried[0])
        assert "1213" in str(retried[0]) or "1213" in str(retried[0].__cause__)
        assert reconcile(books)["transfers"] == 2
    finally:
        other.disconnect()
        db.disconnect()


def _chain(error):
    while error is not None:
        yield error
        error = error.__cause__


def test_writes_on_two_nodes_at_once_reconcile_with_conflicts_retried(topo, books):
    per_node = 40
    conflicts: list = []
    errors: list = []

    def client(node: int) -> None:
        rng = random.Random(node)
        # causal reads and writes: the accounts written on node 1 just before are applied here first
        db = backend(topo, nodes=(node,), wsrep_sync_wait=3)
        try:
            for _ in range(per_node):
                src, dst, amount = pick(rng)
                run_transaction(
                    db,
                    lambda s=src, d=dst, a=amount: transfer(db, s, d, a),
                    policy=RetryPolicy(attempts=20, base_delay=0.01, max_delay=0.2),
                    on_retry=lambda attempt, error, delay: conflicts.append(type(error).__name__),
                )
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            db.disconnect()

    threads = [threading.Thread(target=client, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    result = reconcile(books)
    print(f"\ngalera: {result['transfers']} transfers on two nodes, {len(conflicts)} conflicts retried")
    assert result["transfers"] == 2 * per_node


def test_a_client_with_several_nodes_fails_over_when_its_node_stops(topo, books):
    cluster = topologies.GaleraTopology()
    db = backend(topo, nodes=(1, 2, 3))
    try:
        assert node_of(db) == topo["ports"][0]
        transfer(db, 1, 2, 1)
        stopped_at = time.monotonic()
        cluster.stop_node(1)
        run_transaction(db, lambda: transfer(db, 2, 3, 1), policy=RetryPolicy(attempts=20, max_delay=0.5))
        recovery = time.monotonic() - stopped_at
        assert node_of(db) == topo["ports"][1]
        print(f"\ngalera failover: next transaction committed on node 2 {recovery:.2f}s after node 1 began stopping")
    finally:
        db.disconnect()
        rejoin_started = time.monotonic()
        cluster.start_node(1)
        print(f"galera: node 1 rejoined (IST) in {time.monotonic() - rejoin_started:.1f}s")
    rejoined = backend(topo, nodes=(1,), wsrep_sync_wait=1)
    try:
        assert reconcile(rejoined)["transfers"] == 2  # both transfers, on the node that was down for the second
    finally:
        rejoined.disconnect()


def _create_table(db: MySQLBackend, name: str, with_key: bool):
    from rhosocial.activerecord.backend.expression.statements import (
        ColumnConstraint,
        ColumnConstraintType,
        ColumnDefinition,
        CreateTableExpression,
    )
    from rhosocial.activerecord.backend.expression.types import IntegerType
    from rhosocial.activerecord.backend.options import ExecutionOptions
    from rhosocial.activerecord.backend.schema import StatementType

    key = [ColumnConstraint(ColumnConstraintType.PRIMARY_KEY)] if with_key else []
    expr = CreateTableExpression(
        db.dialect, name, [ColumnDefinition("id", IntegerType(), constraints=key), ColumnDefinition("a", IntegerType())]
    )
    sql, params = expr.to_sql()
    return db.execute(sql, params, options=ExecutionOptions(stmt_type=StatementType.DDL))


def test_create_table_without_primary_key_is_warned_or_refused_client_side(topo):
    """Through our DDL (CreateTableExpression rendered by our dialect): a Galera session (wsrep_sync_wait
    set) warns, naming the table and the reason; require_primary_key='error' refuses before sending."""
    from rhosocial.activerecord.backend.impl.mysql.galera import MissingPrimaryKeyError, MissingPrimaryKeyWarning

    warned = backend(topo, wsrep_sync_wait=1)
    strict = backend(topo, nodes=(2,), wsrep_sync_wait=1, require_primary_key="error")
    try:
        for db in (warned, strict):
            db.connect()
            db.execute("DROP TABLE IF EXISTS topo_nopk_ddl")
        strict.execute("DROP TABLE IF EXISTS topo_pk_ddl_ok")
        # the warning comes first; the cluster (wsrep_mode=REQUIRED_PRIMARY_KEY) then refuses it too
        with (
            pytest.warns(MissingPrimaryKeyWarning, match=r"table 'topo_nopk_ddl' has no PRIMARY KEY: Galera"),
            pytest.raises(QueryError, match="4165"),
        ):
            _create_table(warned, "topo_nopk_ddl", with_key=False)
        with pytest.raises(MissingPrimaryKeyError, match=r"table 'topo_nopk_ddl' has no PRIMARY KEY.*refused"):
            _create_table(strict, "topo_nopk_ddl", with_key=False)
        # with a key the same DDL runs on node 2 and the table reaches node 1
        _create_table(strict, "topo_pk_ddl_ok", with_key=True)
        tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = %s"
        assert warned.fetch_all(tables, ("topo_pk_ddl_ok",))  # a SELECT: causal (wsrep_sync_wait=1)
        assert not warned.fetch_all(tables, ("topo_nopk_ddl",))
        strict.execute("DROP TABLE topo_pk_ddl_ok")
    finally:
        warned.disconnect()
        strict.disconnect()
