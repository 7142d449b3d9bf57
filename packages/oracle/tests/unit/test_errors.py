"""ORA/DPY code -> core exception, from REAL oracledb error objects (the driver's own _Error)."""

from __future__ import annotations

import oracledb
import oracledb.errors as driver_errors
import pytest

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DatabaseError,
    DeadlockError,
    IntegrityError,
    LockError,
    OperationalError,
    QueryError,
)
from rhosocial.activerecord.backend.impl.oracle.errors import is_session_dead, translate
from rhosocial.activerecord.backend.toolkit.errors import (
    DataError,
    LockTimeoutError,
    QueryCanceledError,
    SerializationError,
)


def server_error(code: int, text: str = "message") -> Exception:
    # What the thin driver does with a server error packet: _Error(message, code=...), raised as
    # the exception class the error object chose.
    err = driver_errors._Error(f"ORA-{code:05d}: {text}", code=code)
    return err.exc_type(err)


CASES = [
    (1, IntegrityError),
    (1400, IntegrityError),
    (2290, IntegrityError),
    (2291, IntegrityError),
    (2292, IntegrityError),
    (60, DeadlockError),
    (54, LockTimeoutError),
    (30006, LockTimeoutError),
    (8177, SerializationError),
    (1013, QueryCanceledError),
    (3113, ConnectionError),
    (3114, ConnectionError),
    (3135, ConnectionError),
    (12514, ConnectionError),
    (12541, ConnectionError),
    (904, QueryError),
    (933, QueryError),
    (942, QueryError),
    (1438, DataError),
    (12899, DataError),
]


@pytest.mark.parametrize(("code", "expected"), CASES)
def test_server_codes(code, expected):
    error = server_error(code)
    translated = translate(error)
    assert type(translated) is expected
    full_code = error.args[0].full_code
    assert full_code in str(translated)
    assert translated.__cause__ is error
    assert translated.code == full_code


def test_lock_errors_are_lock_errors():
    assert isinstance(translate(server_error(54)), LockError)
    assert isinstance(translate(server_error(30006)), LockError)


@pytest.mark.parametrize(
    "num",
    [driver_errors.ERR_CONNECTION_CLOSED, driver_errors.ERR_NOT_CONNECTED],
)
def test_lost_session_driver_errors(num):
    error = driver_errors._create_exception(num)
    translated = translate(error)
    assert isinstance(translated, ConnectionError)
    assert translated.session_dead is True
    assert is_session_dead(error)


def test_call_timeout_is_cancellation():
    error = driver_errors._create_exception(driver_errors.ERR_CALL_TIMEOUT_EXCEEDED, timeout=5)
    assert isinstance(translate(error), QueryCanceledError)
    assert isinstance(translate(error), OperationalError)


def test_code_never_from_message_text():
    # A message that *mentions* ORA-00001 but whose error object says ORA-00942.
    error = server_error(942, "table or view does not exist (not ORA-00001)")
    assert type(translate(error)) is QueryError


def test_unknown_code_falls_back_to_driver_class():
    assert type(translate(server_error(20001, "raised by application"))) is DatabaseError
    integrity = driver_errors._Error("ORA-02293: cannot validate", code=2293)
    assert isinstance(translate(oracledb.IntegrityError(integrity)), IntegrityError)


def test_core_errors_pass_through_unchanged():
    own = QueryError("already translated")
    assert translate(own) is own
    assert not is_session_dead(server_error(1))
