"""One state machine for a backend's session after faults, shared by every backend, sync and async.

Pure logic, no I/O: the backend asks it what to do before a statement (run, connect first, skip)
and tells it what happened (connected, closed, failed); the transaction manager marks which step of a
unit of work runs (BEGIN, COMMIT, ...) and loops over :meth:`ConnectionLifecycle.attempts`.

The rule it enforces: a lost session is detected once (the error layer's ``session_dead``, or the
driver reporting the connection closed), the connection is discarded, and the next unit of work opens
a new one **only when nothing of it can have run**:

- a BEGIN that fails on a dead session is begun again on a new one (BEGIN changes no data);
- a statement or COMMIT that may have reached the server raises :class:`SessionLostError`
  (:class:`CommitOutcomeUnknownError` for COMMIT) and is never retried;
- inside a transaction whose session died every statement is refused until the caller rolls back;
  that ROLLBACK does nothing on the server (the server already discarded the transaction);
- outside a transaction, a statement on a session already known dead connects first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from types import TracebackType
from typing import Optional

from rhosocial.activerecord.backend.errors import DatabaseError

from .errors.exceptions import CommitOutcomeUnknownError, ConnectFailedError, SessionLostError


class Step(Enum):
    """What the backend is about to run, as far as recovery is concerned."""

    BEGIN = "BEGIN"  # the start of an outermost transaction (with any SET TRANSACTION before it)
    STATEMENT = "statement"  # anything else, savepoints included
    COMMIT = "COMMIT"
    ROLLBACK = "ROLLBACK"
    ROLLBACK_SAVEPOINT = "ROLLBACK TO SAVEPOINT"


class SessionState(Enum):
    CLOSED = "closed"  # no session: the next unit of work opens one
    OPEN = "open"
    LOST = "lost"  # died (or was closed) while a transaction was open: only ROLLBACK is accepted


class Action(Enum):
    RUN = "run"  # run on the current session
    CONNECT = "connect"  # open a new session, then run
    SKIP = "skip"  # nothing is left on the server to act on: do not send anything


# Per step: what a lost session means for the caller (ends the error message).
_CONSEQUENCE = {
    Step.BEGIN: "no transaction had started",
    Step.STATEMENT: "the statement may have run; the next statement opens a new session",
    Step.COMMIT: "the transaction may or may not have been committed: check the data before running it again",
    Step.ROLLBACK: "the server discarded the transaction",
    Step.ROLLBACK_SAVEPOINT: "the server discarded the transaction",
}
_IN_TRANSACTION = "a transaction was open and the server rolled it back: roll back, then run the transaction again"

# Steps whose failure on a dead session is the outcome the caller asked for (the transaction is gone).
_ABSORBED = (Step.ROLLBACK, Step.ROLLBACK_SAVEPOINT)
# Attempts per step: only BEGIN is ever run twice.
_MAX_ATTEMPTS = {Step.BEGIN: 2}


@dataclass
class LifecycleStats:
    """Counters for logs and tests: how often sessions were lost, opened and BEGIN retried."""

    connects: int = 0
    losses: int = 0
    begin_retries: int = 0


class ConnectionLifecycle:
    """The session state of one backend instance.

    ``where`` names the server in messages (``host:port``); ``alive`` is the driver's cheap,
    local "is this connection still usable" flag (no round trip), asked before each statement.
    """

    def __init__(self, where: str, alive: Callable[[], bool] = lambda: True) -> None:
        self.where = where
        self._alive = alive
        self.state = SessionState.CLOSED
        self.transaction_open = False
        self.step = Step.STATEMENT
        self.loss: Optional[SessionLostError] = None
        self.stats = LifecycleStats()

    # --- what the I/O layer reports ------------------------------------------------------

    def connected(self) -> None:
        """A new session is open.

        A reconnect while a lost transaction is still open in the caller's eyes (LOST) stays LOST:
        statements on the new session would run outside the transaction the caller believes in.
        """
        self.stats.connects += 1
        if self.state is SessionState.LOST:
            return
        self.state = SessionState.OPEN
        self.transaction_open = False
        self.loss = None

    def closed(self) -> None:
        """The backend closed its session on purpose (disconnect, pool release)."""
        if self.transaction_open:
            self._lose(
                SessionLostError(
                    f"the connection to {self.where} was closed with a transaction open; "
                    "the server rolled it back: roll back before running more statements"
                ),
                count=False,
            )
            return
        self.state = SessionState.CLOSED

    def before(self) -> Action:
        """What to do before sending the current step to the server; raises when it must not run."""
        if self.state is SessionState.OPEN and not self._alive():
            self.failed(SessionLostError(f"the driver reports the connection to {self.where} closed"), dead=True)
        if self.state is SessionState.OPEN:
            return Action.RUN
        if self.step in _ABSORBED:
            if self.step is Step.ROLLBACK:
                self._end_lost_transaction()
            return Action.SKIP
        if self.state is SessionState.LOST:
            if self.step is not Step.BEGIN:
                raise self._refusal()
            self._end_lost_transaction()  # the manager starts afresh: its old transaction is over
            if self.state is SessionState.OPEN:
                return Action.RUN
        return Action.CONNECT

    def failed(self, error: DatabaseError, dead: Optional[bool] = None) -> DatabaseError:
        """Record a failed step; returns the error to raise.

        An error on a live session is returned unchanged. For a dead session (``dead``, else the
        error layer's ``session_dead``) the state moves to CLOSED or LOST and the result is a
        :class:`SessionLostError` whose message says where, during which step, with the driver's
        code, and whether a transaction was open; the original stays its ``__cause__``.
        """
        if isinstance(error, ConnectFailedError):
            return error  # no session was opened (a reconnect failed): nothing was lost, nothing ran
        if not (getattr(error, "session_dead", False) if dead is None else dead):
            return error
        step = self.step
        was_open = self.transaction_open and step is not Step.ROLLBACK
        if isinstance(error, SessionLostError) and error.__cause__ is None:
            lost = error  # our own detection (closed flag): nothing more to say
        else:
            lost = self._lost_error(error, step, was_open)
        self._lose(lost)
        if step is Step.ROLLBACK:
            self.transaction_open = False
            self.state = SessionState.CLOSED
        return lost

    # --- what the transaction manager uses -----------------------------------------------

    def attempts(self, step: Step) -> Iterator[Attempt]:
        """Attempts for one step: ``for attempt in lc.attempts(step): with attempt: <send it>``.

        The loop ends after a success, a failure that must be raised (raised by the ``with``), or
        a failure that is the requested outcome (a ROLLBACK on a dead session).
        """
        for number in range(_MAX_ATTEMPTS.get(step, 1)):
            attempt = Attempt(self, step, number)
            yield attempt
            if attempt.finished:
                return

    def succeeded(self, step: Step) -> None:
        if step is Step.BEGIN:
            self.transaction_open = True
        elif step in (Step.COMMIT, Step.ROLLBACK):
            self.transaction_open = False

    # --- internals -------------------------------------------------------------------------

    def _end_lost_transaction(self) -> None:
        self.transaction_open = False
        self.loss = None
        # a session opened after the loss (an explicit reconnect) is usable from here on
        self.state = SessionState.OPEN if self.state is SessionState.LOST and self._alive() else SessionState.CLOSED

    def _lose(self, lost: SessionLostError, count: bool = True) -> None:
        self.loss = lost
        self.state = SessionState.LOST if self.transaction_open else SessionState.CLOSED
        if count:
            self.stats.losses += 1

    def _lost_error(self, error: DatabaseError, step: Step, was_open: bool) -> SessionLostError:
        kind = CommitOutcomeUnknownError if step is Step.COMMIT else SessionLostError
        code = getattr(error, "code", None)
        head = f"session to {self.where} lost during {step.value}"
        consequence = _IN_TRANSACTION if was_open and step is Step.STATEMENT else _CONSEQUENCE[step]
        lost = kind(f"{head}: {error} ({consequence})")
        lost.transaction_open = was_open
        for name in ("code", "sqlstate", "driver_error"):
            setattr(lost, name, getattr(error, name, None))
        lost.session_dead = True  # type: ignore[attr-defined]
        lost.code = code  # type: ignore[attr-defined]
        lost.__cause__ = error.__cause__ or error
        return lost

    def _refusal(self) -> SessionLostError:
        reason = f": {self.loss}" if self.loss is not None else ""
        if self.step is Step.COMMIT:
            refusal = SessionLostError(
                f"cannot COMMIT: the session to {self.where} was lost inside this transaction, "
                f"nothing of it was committed; roll back and run it again{reason}"
            )
        else:
            refusal = SessionLostError(
                f"the session to {self.where} was lost inside a transaction; "
                f"roll the transaction back before running more statements{reason}"
            )
        refusal.transaction_open = True
        refusal.__cause__ = self.loss
        return refusal


class Attempt:
    """One try of one step; a context manager deciding, on failure, between raise, retry and done."""

    def __init__(self, lifecycle: ConnectionLifecycle, step: Step, number: int) -> None:
        self._lifecycle = lifecycle
        self.step = step
        self.number = number
        self.finished = False
        self.skip = False

    def __enter__(self) -> Attempt:
        self._lifecycle.step = self.step
        self.skip = self._lifecycle.before() is Action.SKIP
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> bool:
        lifecycle = self._lifecycle
        lifecycle.step = Step.STATEMENT
        if exc is None:
            self.finished = True
            if not self.skip:
                lifecycle.succeeded(self.step)
            return False
        if not isinstance(exc, SessionLostError):
            self.finished = True
            return False
        if self.step in _ABSORBED:
            self.finished = True
            return True  # the transaction is gone with the session: that is what ROLLBACK wanted
        if self.step is Step.BEGIN and self.number + 1 < _MAX_ATTEMPTS[Step.BEGIN]:
            lifecycle.stats.begin_retries += 1
            return True  # nothing ran: the next attempt connects and begins again
        self.finished = True
        return False


__all__ = ["Action", "Attempt", "ConnectionLifecycle", "LifecycleStats", "SessionState", "Step"]
