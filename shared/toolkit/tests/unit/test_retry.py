"""The transaction retry helper: which errors re-run the transaction, how often, how long it waits."""

from __future__ import annotations

import asyncio
import random
from contextlib import asynccontextmanager, contextmanager

import pytest

from rhosocial.activerecord.backend.errors import DeadlockError, IntegrityError, TransactionError
from rhosocial.activerecord.backend.toolkit.errors import (
    CommitOutcomeUnknownError,
    ConnectFailedError,
    SerializationError,
    SessionLostError,
)
from rhosocial.activerecord.backend.toolkit.retry import (
    RetryPolicy,
    is_retryable,
    run_transaction,
    run_transaction_async,
)


def _wrapped(inner: BaseException) -> TransactionError:
    """What the core raises when COMMIT fails: a TransactionError raised from the driver-level error."""
    try:
        raise TransactionError("Failed to commit transaction") from inner
    except TransactionError as outer:
        return outer


@pytest.mark.parametrize(
    "error",
    [
        DeadlockError("1213 deadlock / certification conflict"),
        SerializationError("40001"),
        SessionLostError("server closed the connection before COMMIT"),
        ConnectFailedError("no primary reachable"),
        _wrapped(DeadlockError("certification failed at COMMIT")),
    ],
)
def test_retryable_errors(error):
    assert is_retryable(error)


@pytest.mark.parametrize(
    "error",
    [
        CommitOutcomeUnknownError("lost during COMMIT"),
        _wrapped(CommitOutcomeUnknownError("lost during COMMIT")),
        IntegrityError("duplicate key"),
        ValueError("a bug in the caller's code"),
        TransactionError("Failed to begin"),
    ],
)
def test_errors_never_retried(error):
    assert not is_retryable(error)


def test_a_class_marked_retryable_is_retried():
    class Custom(Exception):
        retryable = True

    assert is_retryable(Custom())


def test_backoff_doubles_up_to_the_cap_and_stops_at_the_last_attempt():
    policy = RetryPolicy(attempts=5, base_delay=0.1, max_delay=0.3, jitter=0)
    err = DeadlockError("x")
    assert [policy.delay_after(err, n) for n in range(1, 6)] == [0.1, 0.2, 0.3, 0.3, None]


def test_jitter_stays_within_its_band():
    policy = RetryPolicy(attempts=3, base_delay=1.0, jitter=0.5, rng=random.Random(7))
    for _ in range(50):
        delay = policy.delay_after(DeadlockError("x"), 1)
        assert delay is not None
        assert 0.5 <= delay <= 1.0


def test_a_non_retryable_error_gives_no_delay():
    assert RetryPolicy().delay_after(IntegrityError("dup"), 1) is None


@pytest.mark.parametrize("kwargs", [{"attempts": 0}, {"base_delay": -1}, {"jitter": 2}])
def test_invalid_policies_are_refused(kwargs):
    with pytest.raises(ValueError):
        RetryPolicy(**kwargs)


class _Manager:
    """Records transactions as the core's manager would run them: begin, commit, rollback on error."""

    def __init__(self) -> None:
        self.log: list[str] = []

    @contextmanager
    def transaction(self, **kwargs):
        self.log.append("begin")
        try:
            yield
        except BaseException:
            self.log.append("rollback")
            raise
        self.log.append("commit")


class _AsyncManager(_Manager):
    @asynccontextmanager
    async def transaction(self, **kwargs):
        self.log.append("begin")
        try:
            yield
        except BaseException:
            self.log.append("rollback")
            raise
        self.log.append("commit")


class _Backend:
    def __init__(self, manager) -> None:
        self.transaction_manager = manager


def _flaky(errors: list):
    """A unit of work raising the given errors in turn, then returning 'done'."""

    def work():
        if errors:
            raise errors.pop(0)
        return "done"

    return work


def test_sync_reruns_the_whole_transaction_until_it_commits():
    manager = _Manager()
    retries, sleeps = [], []
    result = run_transaction(
        _Backend(manager),
        _flaky([DeadlockError("a"), SerializationError("b")]),
        policy=RetryPolicy(attempts=3, base_delay=0.01, jitter=0),
        on_retry=lambda attempt, error, delay: retries.append((attempt, type(error).__name__)),
        sleep=sleeps.append,
    )
    assert result == "done"
    assert manager.log == ["begin", "rollback", "begin", "rollback", "begin", "commit"]
    assert retries == [(1, "DeadlockError"), (2, "SerializationError")]
    assert sleeps == [0.01, 0.02]


def test_sync_gives_up_after_the_last_attempt():
    manager = _Manager()
    with pytest.raises(DeadlockError):
        run_transaction(
            _Backend(manager),
            _flaky([DeadlockError(str(n)) for n in range(5)]),
            policy=RetryPolicy(attempts=2, base_delay=0),
            sleep=lambda s: None,
        )
    assert manager.log.count("begin") == 2


def test_sync_never_reruns_a_commit_of_unknown_outcome():
    manager = _Manager()
    with pytest.raises(CommitOutcomeUnknownError):
        run_transaction(
            _Backend(manager), _flaky([CommitOutcomeUnknownError("?")]), sleep=lambda s: pytest.fail("slept")
        )
    assert manager.log.count("begin") == 1


def test_async_twin_behaves_the_same():
    manager = _AsyncManager()
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    errors = [SessionLostError("failover before COMMIT")]

    async def work():
        if errors:
            raise errors.pop(0)
        return 42

    result = asyncio.run(
        run_transaction_async(_Backend(manager), work, policy=RetryPolicy(base_delay=0.5, jitter=0), sleep=sleep)
    )
    assert result == 42
    assert manager.log == ["begin", "rollback", "begin", "commit"]
    assert slept == [0.5]


def test_async_raises_non_retryable_errors_at_once():
    manager = _AsyncManager()

    async def work():
        raise IntegrityError("dup")

    with pytest.raises(IntegrityError):
        asyncio.run(run_transaction_async(_Backend(manager), work))
    assert manager.log == ["begin", "rollback"]
