"""The session state machine on its own: every rule of "reconnect only when nothing can have run".

Pure logic, so the I/O layer is simulated: ``Session`` plays a backend that runs one step through the
lifecycle the way the PostgreSQL and MySQL backends do (before -> connect/run -> failed/succeeded).
"""

from __future__ import annotations

from typing import Optional

import pytest

from rhosocial.activerecord.backend.errors import ConnectionError, IntegrityError
from rhosocial.activerecord.backend.toolkit.errors import CommitOutcomeUnknownError, SessionLostError
from rhosocial.activerecord.backend.toolkit.lifecycle import Action, ConnectionLifecycle, SessionState, Step


def dead_error(code: str = "57P01") -> ConnectionError:
    error = ConnectionError(f"[SQLSTATE {code}] terminating connection due to administrator command")
    error.code = code  # type: ignore[attr-defined]
    error.sqlstate = code  # type: ignore[attr-defined]
    error.session_dead = True  # type: ignore[attr-defined]
    error.__cause__ = RuntimeError("driver error")
    return error


class Session:
    """A fake backend: ``alive`` is the driver flag, ``fail_next`` makes the next statements fail."""

    def __init__(self) -> None:
        self.alive = False
        self.lc = ConnectionLifecycle("db.example:5432", alive=lambda: self.alive)
        self.sent: list[str] = []
        self.fail_next: list[Exception] = []

    def connect(self) -> None:
        self.alive = True
        self.lc.connected()

    def execute(self, sql: str) -> None:
        if self.lc.before() is Action.CONNECT:
            self.connect()
        self.sent.append(sql)
        if self.fail_next:
            error = self.fail_next.pop(0)
            if getattr(error, "session_dead", False):
                self.alive = False
            raise self.lc.failed(error)  # type: ignore[arg-type]

    def step(self, step: Step, sql: str) -> None:
        for attempt in self.lc.attempts(step):
            with attempt:
                if not attempt.skip:
                    self.execute(sql)


@pytest.fixture
def s() -> Session:
    session = Session()
    session.connect()
    return session


def test_statement_on_a_new_backend_connects_first() -> None:
    session = Session()
    session.execute("SELECT 1")
    assert session.lc.state is SessionState.OPEN
    assert session.lc.stats.connects == 1


def test_failed_begin_on_dead_session_reconnects_and_begins_again(s: Session) -> None:
    s.fail_next = [dead_error()]
    s.step(Step.BEGIN, "BEGIN")
    assert s.sent == ["BEGIN", "BEGIN"]
    assert s.lc.transaction_open
    assert s.lc.state is SessionState.OPEN
    assert (s.lc.stats.connects, s.lc.stats.losses, s.lc.stats.begin_retries) == (2, 1, 1)


def test_begin_is_tried_twice_at_most(s: Session) -> None:
    s.fail_next = [dead_error(), dead_error()]
    with pytest.raises(SessionLostError, match="lost during BEGIN"):
        s.step(Step.BEGIN, "BEGIN")
    assert s.sent == ["BEGIN", "BEGIN"]
    assert not s.lc.transaction_open


def test_begin_failing_on_live_session_is_not_retried(s: Session) -> None:
    s.fail_next = [IntegrityError("not a session problem")]
    with pytest.raises(IntegrityError):
        s.step(Step.BEGIN, "BEGIN")
    assert s.sent == ["BEGIN"]


def test_statement_in_transaction_on_dead_session_raises_and_later_ones_are_refused(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.fail_next = [dead_error()]
    with pytest.raises(SessionLostError) as lost:
        s.execute("UPDATE a")
    message = str(lost.value)
    assert "db.example:5432" in message
    assert "57P01" in message
    assert "a transaction was open" in message
    assert lost.value.transaction_open
    assert lost.value.sqlstate == "57P01"
    assert isinstance(lost.value.__cause__, RuntimeError)
    assert s.lc.state is SessionState.LOST
    with pytest.raises(SessionLostError, match="roll the transaction back") as refused:
        s.execute("UPDATE b")
    assert refused.value.__cause__ is lost.value
    with pytest.raises(SessionLostError, match="nothing of it was committed"):
        s.step(Step.COMMIT, "COMMIT")
    s.step(Step.ROLLBACK_SAVEPOINT, "ROLLBACK TO SAVEPOINT sp")  # nothing sent, still lost
    assert s.lc.state is SessionState.LOST
    s.step(Step.ROLLBACK, "ROLLBACK")  # nothing sent: the server discarded the transaction
    assert s.sent == ["BEGIN", "UPDATE a"]
    assert s.lc.state is SessionState.CLOSED
    assert not s.lc.transaction_open
    s.execute("SELECT 1")  # the next unit of work connects
    assert s.sent[-1] == "SELECT 1"
    assert s.lc.stats.connects == 2


def test_commit_on_dead_session_is_outcome_unknown_and_not_retried(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.fail_next = [dead_error("08006")]
    with pytest.raises(CommitOutcomeUnknownError, match="may or may not have been committed"):
        s.step(Step.COMMIT, "COMMIT")
    assert s.sent == ["BEGIN", "COMMIT"]
    s.step(Step.ROLLBACK, "ROLLBACK")  # what the core's context manager does next
    assert s.sent == ["BEGIN", "COMMIT"]
    assert s.lc.state is SessionState.CLOSED


def test_statement_outside_transaction_raises_once_then_reconnects(s: Session) -> None:
    s.fail_next = [dead_error()]
    with pytest.raises(SessionLostError, match="may have run"):
        s.execute("SELECT 1")
    assert s.lc.state is SessionState.CLOSED
    s.execute("SELECT 2")
    assert s.sent == ["SELECT 1", "SELECT 2"]
    assert s.lc.stats.connects == 2


def test_driver_flag_closed_is_detected_before_sending(s: Session) -> None:
    s.alive = False
    s.execute("SELECT 1")  # outside a transaction: reconnect first, nothing was lost
    assert s.lc.stats.losses == 1
    assert s.lc.stats.connects == 2
    s.step(Step.BEGIN, "BEGIN")
    s.alive = False
    with pytest.raises(SessionLostError, match=r"reports the connection to db\.example:5432 closed"):
        s.execute("UPDATE a")


def test_rollback_meeting_a_dead_session_is_the_requested_outcome(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.fail_next = [dead_error()]
    s.step(Step.ROLLBACK, "ROLLBACK")
    assert s.lc.state is SessionState.CLOSED
    assert not s.lc.transaction_open


def test_rollback_to_savepoint_meeting_a_dead_session_leaves_the_transaction_lost(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.fail_next = [dead_error()]
    s.step(Step.ROLLBACK_SAVEPOINT, "ROLLBACK TO SAVEPOINT sp")
    assert s.lc.state is SessionState.LOST


def test_rollback_failing_on_live_session_is_raised(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.fail_next = [IntegrityError("odd")]
    with pytest.raises(IntegrityError):
        s.step(Step.ROLLBACK, "ROLLBACK")


def test_commit_and_rollback_end_the_transaction(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.step(Step.COMMIT, "COMMIT")
    assert not s.lc.transaction_open
    s.step(Step.BEGIN, "BEGIN")
    s.step(Step.ROLLBACK, "ROLLBACK")
    assert not s.lc.transaction_open
    assert s.lc.state is SessionState.OPEN


def test_live_error_passes_through_unchanged(s: Session) -> None:
    error = IntegrityError("duplicate")
    assert s.lc.failed(error) is error
    assert s.lc.state is SessionState.OPEN


def test_closing_with_a_transaction_open_loses_it(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.lc.closed()
    s.alive = False
    assert s.lc.state is SessionState.LOST
    assert s.lc.stats.losses == 0
    with pytest.raises(SessionLostError, match="closed with a transaction open"):
        s.execute("UPDATE a")


def test_closing_without_transaction_and_reconnect(s: Session) -> None:
    s.lc.closed()
    assert s.lc.state is SessionState.CLOSED
    s.alive = False
    s.execute("SELECT 1")
    assert s.lc.stats.connects == 2


def test_reconnect_inside_a_lost_transaction_stays_lost_until_rollback(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.fail_next = [dead_error()]
    with pytest.raises(SessionLostError):
        s.execute("UPDATE a")
    s.connect()  # the user reconnects by hand inside the transaction
    with pytest.raises(SessionLostError):
        s.execute("UPDATE b")
    s.step(Step.ROLLBACK, "ROLLBACK")
    assert s.lc.state is SessionState.OPEN  # the session opened by hand is usable
    s.execute("SELECT 1")
    assert s.lc.stats.connects == 2


def test_begin_after_an_abandoned_lost_transaction_starts_afresh(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.fail_next = [dead_error()]
    with pytest.raises(SessionLostError):
        s.execute("UPDATE a")
    # a new transaction manager (level 0) begins without the old one having rolled back
    s.step(Step.BEGIN, "BEGIN")
    assert s.lc.transaction_open
    assert s.lc.state is SessionState.OPEN
    assert s.sent[-1] == "BEGIN"


def test_begin_after_abandoned_lost_transaction_on_reopened_session_runs_there(s: Session) -> None:
    s.step(Step.BEGIN, "BEGIN")
    s.fail_next = [dead_error()]
    with pytest.raises(SessionLostError):
        s.execute("UPDATE a")
    s.connect()
    s.step(Step.BEGIN, "BEGIN")
    assert s.lc.stats.connects == 2
    assert s.lc.transaction_open


def test_explicit_dead_flag_overrides_the_error_attribute(s: Session) -> None:
    lost = s.lc.failed(ConnectionError("socket closed"), dead=True)
    assert isinstance(lost, SessionLostError)
    assert "lost during statement" in str(lost)
    assert lost.__cause__ is not None


def _outcome(step: Step, error: Optional[Exception]) -> str:
    session = Session()
    session.connect()
    session.fail_next = [error] if error else []
    try:
        session.step(step, step.value)
    except Exception as e:
        return type(e).__name__
    return "ok"


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (Step.STATEMENT, "SessionLostError"),
        (Step.COMMIT, "CommitOutcomeUnknownError"),
        (Step.ROLLBACK, "ok"),
        (Step.ROLLBACK_SAVEPOINT, "ok"),
        (Step.BEGIN, "ok"),
    ],
)
def test_dead_session_outcome_per_step(step: Step, expected: str) -> None:
    assert _outcome(step, dead_error()) == expected


def test_failed_reconnect_is_not_a_lost_session(s: Session) -> None:
    from rhosocial.activerecord.backend.toolkit.errors import ServerUnreachableError

    refused = ServerUnreachableError("cannot connect")
    refused.session_dead = True  # type: ignore[attr-defined]
    assert s.lc.failed(refused) is refused
    assert s.lc.stats.losses == 0
