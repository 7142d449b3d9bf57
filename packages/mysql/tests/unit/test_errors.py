"""errno -> core exception, from REAL mysql-connector exception objects (its own factory)."""

import pytest
from mysql.connector import errors as driver

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DeadlockError,
    IntegrityError,
    LockError,
    QueryError,
)
from rhosocial.activerecord.backend.impl.mysql.errors import translate
from rhosocial.activerecord.backend.toolkit.errors import DataError, LockTimeoutError, StatementTimeoutError

CASES = [
    (1062, "23000", IntegrityError),
    (1451, "23000", IntegrityError),
    (1452, "23000", IntegrityError),
    (1048, "23000", IntegrityError),
    (1364, "HY000", IntegrityError),
    (3819, "HY000", IntegrityError),
    (4025, "23000", IntegrityError),
    (1213, "40001", DeadlockError),
    (1205, "HY000", LockTimeoutError),
    (3572, "HY000", LockTimeoutError),
    (3024, "HY000", StatementTimeoutError),
    (1969, "70100", StatementTimeoutError),
    (1064, "42000", QueryError),
    (1146, "42S02", QueryError),
    (1054, "42S22", QueryError),
    (2002, None, ConnectionError),
    (2003, None, ConnectionError),
    (2006, None, ConnectionError),
    (2013, None, ConnectionError),
    (2055, None, ConnectionError),
    (4031, "HY000", ConnectionError),
    (1406, "22001", DataError),
    (1264, "22003", DataError),
    (1366, "22007", DataError),
]


@pytest.mark.parametrize(("errno", "sqlstate", "expected"), CASES)
def test_errno_maps_to_specific_exception(errno, sqlstate, expected):
    error = driver.get_mysql_exception(errno, f"message for {errno}", sqlstate)
    translated = translate(error)
    assert isinstance(translated, expected)
    assert translated.__cause__ is error
    assert f"MySQL errno {errno}" in str(translated)
    assert translated.code == str(errno)


def test_lock_timeout_is_a_lock_error_not_a_deadlock():
    translated = translate(driver.get_mysql_exception(1205, "Lock wait timeout exceeded", "HY000"))
    assert isinstance(translated, LockError)
    assert not isinstance(translated, DeadlockError)


@pytest.mark.parametrize("errno", [2006, 2013, 2055, 4031, 1927])
def test_lost_connection_marks_session_dead(errno):
    assert translate(driver.get_mysql_exception(errno, "gone", None)).session_dead is True


def test_unknown_errno_falls_back_to_sqlstate_class_then_pep249_class():
    assert isinstance(translate(driver.get_mysql_exception(9999, "x", "23000")), IntegrityError)
    fallback = translate(driver.ProgrammingError(msg="x", errno=9998))
    assert isinstance(fallback, QueryError)


def test_interface_error_without_errno_is_a_connection_error():
    assert isinstance(translate(driver.InterfaceError(msg="Lost connection")), ConnectionError)


# mysql-connector's client-side timeouts reuse errno 3024 (the server's max_execution_time code)
# but carry no SQLSTATE: the session is out of step, so they are connection errors.
@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda: driver.ReadTimeoutError(errno=3024), "client read timeout"),
        (lambda: driver.WriteTimeoutError(errno=3024), "client write timeout"),
        (lambda: driver.ConnectionTimeoutError(errno=3024, msg="connect timed out"), "client connect timeout"),
        (lambda: driver.ConnectionTimeoutError(errno=2003, msg="Can't connect (timed out)"), "client connect timeout"),
    ],
)
def test_client_timeouts_are_lost_sessions_not_statement_timeouts(make, what):
    error = make()
    translated = translate(error)
    assert type(translated) is ConnectionError
    assert not isinstance(translated, StatementTimeoutError)
    assert translated.session_dead is True
    assert what in str(translated)
    assert translated.__cause__ is error


def test_server_statement_timeout_3024_stays_a_statement_timeout():
    error = driver.get_mysql_exception(3024, "Query execution was interrupted, max_execution_time exceeded", "HY000")
    translated = translate(error)
    assert isinstance(translated, StatementTimeoutError)
    assert translated.session_dead is False


@pytest.mark.parametrize(
    "error",
    [
        driver.ConnectionTimeoutError(errno=3024, msg="The Read Operation timed out"),  # sync client
        driver.ConnectionTimeoutError(errno=2003, msg="Can't connect to MySQL server (timed out)"),  # asyncio
    ],
)
def test_connect_timeouts_while_connecting_are_connect_timeout_errors(error):
    from rhosocial.activerecord.backend.toolkit.errors import ConnectTimeoutError

    assert type(translate(error, connecting=True)) is ConnectTimeoutError
