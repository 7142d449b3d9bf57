"""The restart-test workload (toolkit testing.faults) on an in-memory bank: its bookkeeping, the
reconciliation that must catch lost or phantom transfers, and the sync / async drivers (pure logic;
the real runs against restarted servers are the fault steps of tools/run_tests.py)."""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import threading
from pathlib import Path

import pytest

from rhosocial.activerecord.backend.errors import OperationalError
from rhosocial.activerecord.backend.toolkit.errors import CommitOutcomeUnknownError
from rhosocial.activerecord.backend.toolkit.testing import faults
from rhosocial.activerecord.backend.toolkit.testing.faults import (
    FaultReport,
    Faults,
    Outcomes,
    TransferPlan,
    statement_attempts,
    statement_attempts_async,
)

_UPDATE = re.compile(r"UPDATE (\w+) SET balance = balance \+ %s WHERE id = %s")
_INSERT = re.compile(r"INSERT INTO (\w+) \(id, src, dst, amount\) VALUES")


class Bank:
    """The two tables in memory; a transaction's statements apply at commit, all or nothing."""

    def __init__(self, plan: TransferPlan) -> None:
        self.plan = plan
        self.balances = dict.fromkeys(range(1, plan.accounts + 1), plan.balance)
        self.transfers: dict[str, tuple[int, int, int]] = {}
        self.lock = threading.Lock()
        self.down = 0  # how many next transfers fail before anything is applied
        self.unknown_commits = 0  # how many next commits apply and then report an unknown outcome

    def apply(self, statements: list[tuple[str, tuple]]) -> None:
        with self.lock:
            if self.down:
                self.down -= 1
                raise OperationalError("server restarting")
            for sql, params in statements:
                if _UPDATE.match(sql):
                    self.balances[params[1]] += params[0]
                elif _INSERT.match(sql):
                    tid, src, dst, amount = params
                    self.transfers[tid] = (src, dst, amount)
            if self.unknown_commits:
                self.unknown_commits -= 1
                raise CommitOutcomeUnknownError("connection lost during COMMIT")

    def fetch_all(self, sql: str) -> list[dict]:
        if sql.startswith("SELECT id, balance"):
            return [{"id": k, "balance": v} for k, v in self.balances.items()]
        return [{"id": t, "src": s, "dst": d, "amount": a} for t, (s, d, a) in self.transfers.items()]


class Session:
    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.pending: list[tuple[str, tuple]] = []

    @contextlib.contextmanager
    def transaction(self):
        self.pending = []
        yield
        self.bank.apply(self.pending)

    def execute(self, sql: str, params: tuple) -> None:
        self.pending.append((sql, params))


class AsyncSession(Session):
    @contextlib.asynccontextmanager
    async def transaction(self):  # type: ignore[override]
        self.pending = []
        yield
        self.bank.apply(self.pending)

    async def execute(self, sql: str, params: tuple) -> None:  # type: ignore[override]
        self.pending.append((sql, params))


def sync_source(bank: Bank):
    @contextlib.contextmanager
    def source():
        yield Session(bank)

    return source


def async_source(bank: Bank):
    @contextlib.asynccontextmanager
    async def source():
        yield AsyncSession(bank)

    return source


@pytest.fixture(autouse=True)
def short_phases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(faults, "PHASE_S", 0.02)
    monkeypatch.setattr(faults, "BACKOFF_S", 0.001)


def test_plan_sql_and_statements_lock_rows_in_id_order() -> None:
    plan = TransferPlan("t1", accounts=3, balance=10)
    setup = plan.setup_sql()
    assert setup[:2] == plan.teardown_sql()
    assert setup[-1].endswith("VALUES (1, 10), (2, 10), (3, 10)")
    tid, statements = plan.statements(random.Random(5))
    assert len(tid) == 32
    updates = [params for sql, params in statements if sql.startswith("UPDATE fault_accounts_t1")]
    assert [i for _, i in updates] == sorted(i for _, i in updates)  # id order: no deadlocks
    assert sum(d for d, _ in updates) == 0
    assert statements[-1][1][0] == tid


def test_reconcile_catches_lost_phantom_and_unexplained_transfers() -> None:
    plan = TransferPlan("t2", accounts=2, balance=100)
    bank = Bank(plan)
    outcomes = Outcomes()
    tid, statements = plan.statements(random.Random(1))
    bank.apply(statements)
    outcomes.record(tid, None)
    assert plan.reconcile(bank.fetch_all, outcomes) == {
        "committed": 1,
        "unknown_committed": 0,
        "unknown_not_committed": 0,
    }
    outcomes.ok.add("never-written")
    with pytest.raises(AssertionError, match="reported as committed are missing"):
        plan.reconcile(bank.fetch_all, outcomes)
    outcomes.ok.discard("never-written")
    outcomes.failed.add(tid)
    with pytest.raises(AssertionError, match="reported as failed were committed"):
        plan.reconcile(bank.fetch_all, outcomes)
    outcomes.failed.clear()
    outcomes.ok.clear()
    with pytest.raises(AssertionError, match="never attempted"):
        plan.reconcile(bank.fetch_all, outcomes)
    outcomes.ok.add(tid)
    bank.balances[1] += 1
    with pytest.raises(AssertionError, match="balances do not match"):
        plan.reconcile(bank.fetch_all, outcomes)


def test_outcomes_count_unknown_commits_apart_from_failures() -> None:
    outcomes = Outcomes()
    assert outcomes.record("a", None) is True
    assert outcomes.record("b", OperationalError("x")) is False
    assert outcomes.record("c", CommitOutcomeUnknownError("y")) is False
    assert (outcomes.ok, outcomes.failed, outcomes.unknown) == ({"a"}, {"b"}, {"c"})
    assert outcomes.errors == {"OperationalError": 1, "CommitOutcomeUnknownError": 1}


def test_report_check_and_summary() -> None:
    report = FaultReport(3, 1, 1, 2, 4, [1, 2], {"committed": 4}, {"OperationalError": 1})
    report.check()
    assert "3 ok, 1 failed, 1 outcome unknown" in report.summary()
    with pytest.raises(AssertionError, match="within 2 attempts"):
        FaultReport(3, 0, 0, 2, 0, [1, None], {}, {}).check()
    with pytest.raises(AssertionError, match="no transfer succeeded"):
        FaultReport(0, 0, 0, 2, 0, [1], {}, {}).check()


def _faults(bank: Bank) -> Faults:
    def kill() -> int:
        bank.down = 2
        bank.unknown_commits = 1
        return 3

    def restart() -> None:
        bank.down = 1  # the first transfer after a restart meets the dead session

    return Faults(kill=kill, restart=restart)


def test_run_sync_survives_kills_and_restarts_and_reconciles() -> None:
    plan = TransferPlan("t3")
    bank = Bank(plan)
    report = faults.run_sync(plan, [sync_source(bank), sync_source(bank)], _faults(bank), bank.fetch_all)
    report.check()
    assert report.sessions_killed == 3
    assert report.recovery_attempts[0] == 2  # the restart's dead session, then success
    assert report.transfers_unknown == 1
    assert report.reconciliation["unknown_committed"] == 1


def test_run_async_survives_kills_and_restarts_and_reconciles() -> None:
    plan = TransferPlan("t4")
    bank = Bank(plan)
    report = asyncio.run(
        faults.run_async(plan, [async_source(bank), async_source(bank)], _faults(bank), bank.fetch_all)
    )
    report.check()
    assert report.recovery_attempts[0] == 2
    assert report.errors["CommitOutcomeUnknownError"] == 1


def test_recovery_gives_up_after_two_attempts() -> None:
    plan = TransferPlan("t5")
    bank = Bank(plan)
    bank.down = 5
    assert faults.recover(sync_source(bank), plan, Outcomes()) is None
    assert asyncio.run(faults.recover_async(async_source(bank), plan, Outcomes())) is None


def test_statement_attempts() -> None:
    calls: list[int] = []

    def flaky() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("dead session")

    assert statement_attempts(flaky) == 2
    assert statement_attempts(lambda: (_ for _ in ()).throw(OperationalError("down"))) is None

    async def always_down() -> None:
        raise TimeoutError

    async def fine() -> None:
        return None

    assert asyncio.run(statement_attempts_async(always_down)) is None
    assert asyncio.run(statement_attempts_async(fine)) == 1


def test_localdb_restart_runs_the_checkout_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(faults.subprocess, "run", lambda command, **kw: seen.append(command))
    faults.localdb_restart("pg-fault", Path("/checkout"))()
    assert seen[0][1:] == ["/checkout/tools/localdb.py", "restart", "pg-fault"]
