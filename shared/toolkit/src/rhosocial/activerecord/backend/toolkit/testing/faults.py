"""A money-transfer workload for restart / killed-session tests, the same for every backend, sync and async.

Workers move money between accounts, one transaction per transfer, each with its own backend (or
through a pool). Meanwhile the test kills every session, restarts the server under load, then restarts
it again while the backends sit idle. Afterwards:

- every backend object (or pool) succeeds again within 2 attempts;
- balances reconcile exactly with the transfers table and the total never changes;
- no transfer reported as committed is missing, no transfer reported as failed is in the data;
- a COMMIT whose outcome is unknown (``CommitOutcomeUnknownError``) is looked up, not counted as failed.

Each transfer writes a row keyed by its own id, which is what makes the last two checks possible.
Only the loop that runs one transfer differs between sync and async.
"""

from __future__ import annotations

import asyncio
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from rhosocial.activerecord.backend.errors import DatabaseError

from ..errors.exceptions import CommitOutcomeUnknownError

# How long each phase of the workload runs; the whole test stays within seconds.
PHASE_S = 0.6
# What a failed transfer may raise: the backend's errors, and a pool's acquire timeout (nothing ran).
FAILURES = (DatabaseError, TimeoutError)
# After a failed transfer a worker waits this long (the server may be down for a moment).
BACKOFF_S = 0.02
RECOVERY_ATTEMPTS = 2

SyncSource = Callable[[], AbstractContextManager[Any]]
AsyncSource = Callable[[], AbstractAsyncContextManager[Any]]


@dataclass
class Faults:
    """What the test does to the server: ``kill()`` returns how many sessions it killed."""

    kill: Callable[[], int]
    restart: Callable[[], None]


def localdb_restart(name: str, root: Path) -> Callable[[], None]:
    """A restart of the fault instance ``name`` through the checkout's ``tools/localdb.py``."""

    def restart() -> None:
        command = [sys.executable, str(root / "tools" / "localdb.py"), "restart", name]
        subprocess.run(command, check=True, capture_output=True, timeout=90)

    return restart


@dataclass
class Outcomes:
    """Every transfer id with what the caller was told."""

    ok: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, tid: str, error: Optional[BaseException]) -> bool:
        with self.lock:
            if error is None:
                self.ok.add(tid)
                return True
            self.errors[type(error).__name__] += 1
            (self.unknown if isinstance(error, CommitOutcomeUnknownError) else self.failed).add(tid)
            return False


class TransferPlan:
    """Tables, statements and the final check; ``suffix`` keeps concurrent runs apart."""

    def __init__(self, suffix: str, accounts: int = 8, balance: int = 1000) -> None:
        self.accounts_table = f"fault_accounts_{suffix}"
        self.transfers_table = f"fault_transfers_{suffix}"
        self.accounts = accounts
        self.balance = balance

    def setup_sql(self) -> list[str]:
        values = ", ".join(f"({i}, {self.balance})" for i in range(1, self.accounts + 1))
        return [
            *self.teardown_sql(),
            f"CREATE TABLE {self.accounts_table} (id INT PRIMARY KEY, balance BIGINT NOT NULL)",
            f"CREATE TABLE {self.transfers_table} (id VARCHAR(32) PRIMARY KEY, src INT NOT NULL, "
            "dst INT NOT NULL, amount INT NOT NULL)",
            f"INSERT INTO {self.accounts_table} (id, balance) VALUES {values}",
        ]

    def teardown_sql(self) -> list[str]:
        return [f"DROP TABLE IF EXISTS {self.transfers_table}", f"DROP TABLE IF EXISTS {self.accounts_table}"]

    def statements(self, rng: random.Random) -> tuple[str, list[tuple[str, tuple[Any, ...]]]]:
        """A new transfer id and its statements; rows are locked in id order so workers never deadlock."""
        src, dst = rng.sample(range(1, self.accounts + 1), 2)
        amount = rng.randint(1, 50)
        tid = uuid.uuid4().hex
        updates = sorted([(src, -amount), (dst, amount)])
        update = f"UPDATE {self.accounts_table} SET balance = balance + %s WHERE id = %s"
        sql: list[tuple[str, tuple[Any, ...]]] = [(update, (d, i)) for i, d in updates]
        insert = f"INSERT INTO {self.transfers_table} (id, src, dst, amount) VALUES (%s, %s, %s, %s)"
        sql.append((insert, (tid, src, dst, amount)))
        return tid, sql

    def reconcile(self, fetch_all: Callable[[str], list[dict]], outcomes: Outcomes) -> dict[str, int]:
        """Check the data against what callers were told; returns the counts for the report."""
        accounts = {
            int(r["id"]): int(r["balance"]) for r in fetch_all(f"SELECT id, balance FROM {self.accounts_table}")
        }
        rows = fetch_all(f"SELECT id, src, dst, amount FROM {self.transfers_table}")
        committed = {r["id"] for r in rows}
        expected = dict.fromkeys(range(1, self.accounts + 1), self.balance)
        for r in rows:
            expected[int(r["src"])] -= int(r["amount"])
            expected[int(r["dst"])] += int(r["amount"])
        missing = outcomes.ok - committed
        persisted_failures = outcomes.failed & committed
        unexplained = committed - outcomes.ok - outcomes.unknown
        assert not missing, f"{len(missing)} transfers reported as committed are missing"
        assert not persisted_failures, f"{len(persisted_failures)} transfers reported as failed were committed"
        assert not unexplained, f"{len(unexplained)} committed transfers were never attempted"
        assert accounts == expected, f"balances do not match the transfers: {accounts} != {expected}"
        assert sum(accounts.values()) == self.accounts * self.balance
        return {
            "committed": len(committed),
            "unknown_committed": len(outcomes.unknown & committed),
            "unknown_not_committed": len(outcomes.unknown - committed),
        }


@dataclass
class FaultReport:
    transfers_ok: int
    transfers_failed: int
    transfers_unknown: int
    restarts: int
    sessions_killed: int
    recovery_attempts: list[Optional[int]]
    reconciliation: dict[str, int]
    errors: dict[str, int]

    def summary(self) -> str:
        return (
            f"{self.transfers_ok} ok, {self.transfers_failed} failed, {self.transfers_unknown} outcome unknown "
            f"({self.reconciliation}); {self.restarts} restarts, {self.sessions_killed} sessions killed; "
            f"recovery attempts per backend {self.recovery_attempts}; errors {self.errors}"
        )

    def check(self) -> None:
        assert self.transfers_ok > 0, "no transfer succeeded at all"
        late = [a for a in self.recovery_attempts if a is None or a > RECOVERY_ATTEMPTS]
        assert not late, f"backends not working again within {RECOVERY_ATTEMPTS} attempts: {self.recovery_attempts}"


def _report(outcomes: Outcomes, kills: int, attempts: list[Optional[int]], reconciliation: dict) -> FaultReport:
    return FaultReport(
        transfers_ok=len(outcomes.ok),
        transfers_failed=len(outcomes.failed),
        transfers_unknown=len(outcomes.unknown),
        restarts=2,
        sessions_killed=kills,
        recovery_attempts=attempts,
        reconciliation=reconciliation,
        errors=dict(outcomes.errors),
    )


# --- sync ---------------------------------------------------------------------------------------


def transfer(source: SyncSource, plan: TransferPlan, outcomes: Outcomes, rng: random.Random) -> bool:
    tid, statements = plan.statements(rng)
    try:
        with source() as backend, backend.transaction():
            for sql, params in statements:
                backend.execute(sql, params)
    except FAILURES as e:
        return outcomes.record(tid, e)
    return outcomes.record(tid, None)


def recover(source: SyncSource, plan: TransferPlan, outcomes: Outcomes) -> Optional[int]:
    rng = random.Random()
    for attempt in range(1, RECOVERY_ATTEMPTS + 1):
        if transfer(source, plan, outcomes, rng):
            return attempt
    return None


def run_sync(
    plan: TransferPlan, sources: Sequence[SyncSource], faults: Faults, fetch_all: Callable[[str], list[dict]]
) -> FaultReport:
    outcomes = Outcomes()
    stop = threading.Event()

    def work(index: int) -> None:
        rng = random.Random(index)
        while not stop.is_set():
            if not transfer(sources[index], plan, outcomes, rng):
                time.sleep(BACKOFF_S)

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(len(sources))]
    for thread in threads:
        thread.start()
    try:
        time.sleep(PHASE_S)
        kills = faults.kill()
        time.sleep(PHASE_S)
        faults.restart()  # under load: statements and COMMITs in flight
        time.sleep(2 * PHASE_S)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    faults.restart()  # every backend idle on a session that is now dead
    attempts = [recover(source, plan, outcomes) for source in sources]
    return _report(outcomes, kills, attempts, plan.reconcile(fetch_all, outcomes))


def statement_attempts(run: Callable[[], Any]) -> Optional[int]:
    """Attempts a plain statement needs after a restart: the first may meet the dead session, never more."""
    for attempt in range(1, RECOVERY_ATTEMPTS + 1):
        try:
            run()
            return attempt
        except FAILURES:
            continue
    return None


# --- async --------------------------------------------------------------------------------------


async def transfer_async(source: AsyncSource, plan: TransferPlan, outcomes: Outcomes, rng: random.Random) -> bool:
    tid, statements = plan.statements(rng)
    try:
        async with source() as backend, backend.transaction():
            for sql, params in statements:
                await backend.execute(sql, params)
    except FAILURES as e:
        return outcomes.record(tid, e)
    return outcomes.record(tid, None)


async def recover_async(source: AsyncSource, plan: TransferPlan, outcomes: Outcomes) -> Optional[int]:
    rng = random.Random()
    for attempt in range(1, RECOVERY_ATTEMPTS + 1):
        if await transfer_async(source, plan, outcomes, rng):
            return attempt
    return None


async def statement_attempts_async(run: Callable[[], Awaitable[Any]]) -> Optional[int]:
    for attempt in range(1, RECOVERY_ATTEMPTS + 1):
        try:
            await run()
            return attempt
        except FAILURES:
            continue
    return None


async def run_async(
    plan: TransferPlan,
    sources: Sequence[AsyncSource],
    faults: Faults,
    fetch_all: Callable[[str], list[dict]],
) -> FaultReport:
    outcomes = Outcomes()
    stop = asyncio.Event()

    async def work(index: int) -> None:
        rng = random.Random(index)
        while not stop.is_set():
            if not await transfer_async(sources[index], plan, outcomes, rng):
                await asyncio.sleep(BACKOFF_S)
            else:
                await asyncio.sleep(0)  # let the other workers in

    tasks = [asyncio.create_task(work(i)) for i in range(len(sources))]
    try:
        await asyncio.sleep(PHASE_S)
        kills = await asyncio.to_thread(faults.kill)
        await asyncio.sleep(PHASE_S)
        await asyncio.to_thread(faults.restart)
        await asyncio.sleep(2 * PHASE_S)
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), 30)
    await asyncio.to_thread(faults.restart)
    attempts = [await recover_async(source, plan, outcomes) for source in sources]
    return _report(outcomes, kills, attempts, await asyncio.to_thread(plan.reconcile, fetch_all, outcomes))


__all__ = [
    "FaultReport",
    "Faults",
    "Outcomes",
    "TransferPlan",
    "localdb_restart",
    "recover",
    "recover_async",
    "run_async",
    "run_sync",
    "statement_attempts",
    "statement_attempts_async",
    "transfer",
    "transfer_async",
]
