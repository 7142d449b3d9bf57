"""The managers' side of the lifecycle on the core's own TransactionManager / AsyncTransactionManager.

The backend is a stand-in that runs statements through the lifecycle the way the real backends do;
what is checked is which statements reach it and which exception the caller sees.
"""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.errors import ConnectionError, IntegrityError, TransactionError
from rhosocial.activerecord.backend.toolkit.errors import (
    CommitOutcomeUnknownError,
    ServerUnreachableError,
    SessionLostError,
)
from rhosocial.activerecord.backend.toolkit.lifecycle import Action, ConnectionLifecycle
from rhosocial.activerecord.backend.toolkit.transaction import (
    AsyncLifecycleTransactionMixin,
    LifecycleTransactionMixin,
)
from rhosocial.activerecord.backend.transaction import AsyncTransactionManager, TransactionManager


def dead() -> ConnectionError:
    error = ConnectionError("[SQLSTATE 57P01] terminating connection")
    error.session_dead = True  # type: ignore[attr-defined]
    return error


class FakeBackend:
    def __init__(self) -> None:
        self.alive = True
        self._lifecycle = ConnectionLifecycle("h:1", alive=lambda: self.alive)
        self._lifecycle.connected()
        self.sent: list[str] = []
        self.failures: dict[str, list[Exception]] = {}
        self.refuse_connect = False

    def _run(self, sql: str) -> None:
        if self._lifecycle.before() is Action.CONNECT:
            if self.refuse_connect:
                raise ServerUnreachableError("cannot connect to h:1")
            self.alive = True
            self._lifecycle.connected()
        self.sent.append(sql)
        pending = self.failures.get(sql)
        if pending:
            error = pending.pop(0)
            if getattr(error, "session_dead", False):
                self.alive = False
            raise self._lifecycle.failed(error)  # type: ignore[arg-type]

    def execute(self, sql: str, params=None) -> None:
        self._run(sql)


class AsyncFakeBackend(FakeBackend):
    async def execute(self, sql: str, params=None) -> None:  # type: ignore[override]
        self._run(sql)


class _FixedSql:
    def _build_begin_sql(self):
        return "BEGIN", ()

    def _build_commit_sql(self):
        return "COMMIT", ()

    def _build_rollback_sql(self, savepoint=None):
        return (f"ROLLBACK TO SAVEPOINT {savepoint}" if savepoint else "ROLLBACK"), ()

    def _build_savepoint_sql(self, name):
        return f"SAVEPOINT {name}", ()

    def _build_release_savepoint_sql(self, name):
        return f"RELEASE SAVEPOINT {name}", ()


class Manager(LifecycleTransactionMixin, _FixedSql, TransactionManager):
    pass


class AsyncManager(AsyncLifecycleTransactionMixin, _FixedSql, AsyncTransactionManager):
    pass


def test_begin_on_dead_session_is_begun_again() -> None:
    backend = FakeBackend()
    backend.failures["BEGIN"] = [dead()]
    manager = Manager(backend)
    with manager.transaction():
        backend.execute("UPDATE t")
    assert backend.sent == ["BEGIN", "BEGIN", "UPDATE t", "COMMIT"]


def test_begin_failing_twice_raises_the_connection_error_not_a_wrapper() -> None:
    backend = FakeBackend()
    backend.failures["BEGIN"] = [dead(), dead()]
    manager = Manager(backend)
    with pytest.raises(SessionLostError) as info, manager.transaction():
        backend.execute("UPDATE t")
    assert not isinstance(info.value, TransactionError)
    assert not manager.is_active


def test_reconnect_failure_during_begin_names_the_server() -> None:
    backend = FakeBackend()
    backend.failures["BEGIN"] = [dead()]
    backend.refuse_connect = True
    with pytest.raises(ServerUnreachableError):
        Manager(backend).begin()


def test_statement_lost_inside_transaction_rolls_back_without_sending() -> None:
    backend = FakeBackend()
    backend.failures["UPDATE t"] = [dead()]
    manager = Manager(backend)
    with pytest.raises(SessionLostError, match="a transaction was open"), manager.transaction():
        backend.execute("UPDATE t")
    assert backend.sent == ["BEGIN", "UPDATE t"]
    assert not manager.is_active


def test_commit_lost_is_outcome_unknown_and_state_is_clean_afterwards() -> None:
    backend = FakeBackend()
    backend.failures["COMMIT"] = [dead()]
    manager = Manager(backend)
    with pytest.raises(CommitOutcomeUnknownError), manager.transaction():
        backend.execute("UPDATE t")
    assert backend.sent == ["BEGIN", "UPDATE t", "COMMIT"]
    assert not manager.is_active
    with manager.transaction():
        backend.execute("UPDATE t")
    assert backend.sent[-3:] == ["BEGIN", "UPDATE t", "COMMIT"]


def test_nested_failure_after_loss_unwinds_both_levels() -> None:
    backend = FakeBackend()
    backend.failures["UPDATE t"] = [dead()]
    manager = Manager(backend)
    with pytest.raises(SessionLostError), manager.transaction(), manager.transaction():
        backend.execute("UPDATE t")
    assert backend.sent == ["BEGIN", "SAVEPOINT SP_1", "UPDATE t"]
    assert not manager.is_active


def test_other_errors_keep_the_core_behaviour() -> None:
    backend = FakeBackend()
    backend.failures["COMMIT"] = [IntegrityError("deferred constraint")]
    manager = Manager(backend)
    with pytest.raises(TransactionError), manager.transaction():
        pass
    backend.failures["BEGIN"] = [IntegrityError("odd")]
    with pytest.raises(TransactionError):
        manager.begin()


async def test_async_manager_follows_the_same_steps() -> None:
    backend = AsyncFakeBackend()
    backend.failures["BEGIN"] = [dead()]
    manager = AsyncManager(backend)
    async with manager.transaction():
        await backend.execute("UPDATE t")
    backend.failures["UPDATE t"] = [dead()]
    with pytest.raises(SessionLostError):
        async with manager.transaction(), manager.transaction():
            await backend.execute("UPDATE t")
    backend.failures["COMMIT"] = [dead()]
    with pytest.raises(CommitOutcomeUnknownError):
        async with manager.transaction():
            pass
    backend.failures["BEGIN"] = [dead(), dead()]
    with pytest.raises(SessionLostError):
        await manager.begin()
    backend.failures["COMMIT"] = [IntegrityError("deferred")]
    with pytest.raises(TransactionError):
        async with manager.transaction():
            pass
    assert backend.sent[:4] == ["BEGIN", "BEGIN", "UPDATE t", "COMMIT"]
    assert not manager.is_active


async def test_savepoint_rollback_runs_on_a_live_session() -> None:
    backend = AsyncFakeBackend()
    manager = AsyncManager(backend)
    async with manager.transaction():
        with pytest.raises(IntegrityError):
            async with manager.transaction():
                raise IntegrityError("duplicate")
    sync_backend = FakeBackend()
    sync_manager = Manager(sync_backend)
    with sync_manager.transaction(), pytest.raises(IntegrityError), sync_manager.transaction():
        raise IntegrityError("duplicate")
    assert "ROLLBACK TO SAVEPOINT SP_1" in backend.sent
    assert sync_backend.sent == ["BEGIN", "SAVEPOINT SP_1", "ROLLBACK TO SAVEPOINT SP_1", "COMMIT"]
