"""Opt-in re-running of a whole transaction after a retryable error, sync and async.

Nothing in the backends retries a transaction by itself: only the caller knows that its unit of work
can run twice (it reads what it writes, it sends no e-mail). Wrapping it in :func:`run_transaction`
(or :func:`run_transaction_async`) says so. The decision which errors qualify is pure logic
(:class:`RetryPolicy`), unit-tested without a server:

- retried: a deadlock victim (``DeadlockError``, which includes a Galera certification conflict), a
  serialization failure, a session lost *before* COMMIT (the server rolled the transaction back: a
  failover, a killed session), a connection that could not be opened (no primary yet during a
  failover), and any error whose class says ``retryable = True``;
- never retried: a COMMIT whose outcome is unknown (``CommitOutcomeUnknownError``: the transaction may
  have committed), and everything else (constraint violations, syntax, permissions...).

Attempts are bounded and spaced by exponential backoff with jitter, so that two clients that
conflicted do not collide again at once.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Optional, TypeVar

from rhosocial.activerecord.backend.errors import DeadlockError

from .errors.exceptions import CommitOutcomeUnknownError, ConnectFailedError, SerializationError, SessionLostError

T = TypeVar("T")

# Error classes whose transaction the server has certainly rolled back (or never started).
RETRYABLE_ERRORS: tuple[type[BaseException], ...] = (
    DeadlockError,
    SerializationError,
    SessionLostError,
    ConnectFailedError,
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and the errors it was raised from (the core wraps COMMIT failures in TransactionError)."""
    seen: set[int] = set()
    current: Optional[BaseException] = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_retryable(error: BaseException) -> bool:
    """Can the whole transaction run again after ``error``? False as soon as a COMMIT may have committed."""
    chain = list(_chain(error))
    if any(isinstance(e, CommitOutcomeUnknownError) for e in chain):
        return False
    return any(isinstance(e, RETRYABLE_ERRORS) or getattr(type(e), "retryable", False) is True for e in chain)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to re-run a transaction.

    ``attempts`` counts every run, the first included. The wait before run ``n + 1`` is
    ``min(max_delay, base_delay * 2 ** (n - 1))`` scaled by a random factor in ``[1 - jitter, 1]``.
    """

    attempts: int = 5
    base_delay: float = 0.05
    max_delay: float = 2.0
    jitter: float = 0.5
    retryable: Callable[[BaseException], bool] = is_retryable
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < 0 or not 0 <= self.jitter <= 1:
            raise ValueError("delays must be >= 0 and jitter within [0, 1]")

    def delay_after(self, error: BaseException, attempt: int) -> Optional[float]:
        """Seconds to wait before the next run after run number ``attempt`` failed; None: give up and raise."""
        if attempt >= self.attempts or not self.retryable(error):
            return None
        delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return delay * (1 - self.jitter * self.rng.random())


# Called before each re-run with (attempt that failed, its error, the wait): for counters and logs.
OnRetry = Callable[[int, BaseException, float], None]


def _next_delay(policy: RetryPolicy, error: Exception, attempt: int, on_retry: Optional[OnRetry]) -> float:
    """The wait before the next run, told to ``on_retry``; re-raises ``error`` when the policy gives up."""
    delay = policy.delay_after(error, attempt)
    if delay is None:
        raise error
    if on_retry is not None:
        on_retry(attempt, error, delay)
    return delay


def run_transaction(
    backend: Any,
    work: Callable[[], T],
    *,
    policy: Optional[RetryPolicy] = None,
    on_retry: Optional[OnRetry] = None,
    sleep: Callable[[float], None] = time.sleep,
    **transaction_args: Any,
) -> T:
    """Run ``work()`` inside ``backend.transaction_manager.transaction(**transaction_args)``, re-running the
    whole transaction on a retryable error as ``policy`` allows; returns what ``work`` returned."""
    policy = policy or RetryPolicy()
    attempt = 1
    while True:
        try:
            with backend.transaction_manager.transaction(**transaction_args):
                return work()
        except Exception as error:
            delay = _next_delay(policy, error, attempt, on_retry)
        sleep(delay)
        attempt += 1


async def run_transaction_async(
    backend: Any,
    work: Callable[[], Awaitable[T]],
    *,
    policy: Optional[RetryPolicy] = None,
    on_retry: Optional[OnRetry] = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    **transaction_args: Any,
) -> T:
    """The async twin of :func:`run_transaction`: ``work`` is a coroutine function."""
    policy = policy or RetryPolicy()
    attempt = 1
    while True:
        try:
            async with backend.transaction_manager.transaction(**transaction_args):
                return await work()
        except Exception as error:
            delay = _next_delay(policy, error, attempt, on_retry)
        await sleep(delay)
        attempt += 1


__all__ = ["RETRYABLE_ERRORS", "OnRetry", "RetryPolicy", "is_retryable", "run_transaction", "run_transaction_async"]
