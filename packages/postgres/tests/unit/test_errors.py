"""SQLSTATE mapping, built from real psycopg exception objects (psycopg sets ``sqlstate`` per class)."""

from __future__ import annotations

import psycopg
import psycopg.errors as pe
import pytest

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DeadlockError,
    IntegrityError,
    LockError,
    QueryError,
    TransactionError,
)
from rhosocial.activerecord.backend.impl.postgres.errors import timeout_from_set_statement, translate
from rhosocial.activerecord.backend.toolkit.errors import (
    AuthenticationError,
    DataError,
    LockTimeoutError,
    QueryCanceledError,
    ReadOnlyTransactionError,
    SerializationError,
    StatementTimeoutError,
    UnknownDatabaseError,
)


@pytest.mark.parametrize(
    ("driver_error", "expected"),
    [
        (pe.UniqueViolation, IntegrityError),
        (pe.ForeignKeyViolation, IntegrityError),
        (pe.NotNullViolation, IntegrityError),
        (pe.CheckViolation, IntegrityError),
        (pe.DeadlockDetected, DeadlockError),
        (pe.LockNotAvailable, LockTimeoutError),
        (pe.SerializationFailure, SerializationError),
        (pe.QueryCanceled, QueryCanceledError),
        (pe.AdminShutdown, ConnectionError),
        (pe.CrashShutdown, ConnectionError),
        (pe.CannotConnectNow, ConnectionError),
        (pe.InvalidPassword, AuthenticationError),
        (pe.InvalidCatalogName, UnknownDatabaseError),
        (pe.UndefinedTable, QueryError),
        (pe.SyntaxError, QueryError),
        (pe.InsufficientPrivilege, QueryError),
        (pe.NumericValueOutOfRange, DataError),
        (pe.StringDataRightTruncation, DataError),
        (pe.InvalidDatetimeFormat, DataError),
        (pe.InFailedSqlTransaction, TransactionError),
        (pe.ReadOnlySqlTransaction, ReadOnlyTransactionError),
    ],
)
def test_sqlstate_maps_to_specific_error(driver_error, expected):
    error = driver_error("boom")
    translated = translate(error)
    assert type(translated) is expected
    assert translated.__cause__ is error
    assert f"SQLSTATE {driver_error.sqlstate}" in str(translated)
    assert translated.sqlstate == driver_error.sqlstate


def test_lock_timeout_is_a_lock_error_not_a_deadlock():
    translated = translate(pe.LockNotAvailable("could not obtain lock"))
    assert isinstance(translated, LockError)
    assert not isinstance(translated, DeadlockError)


def test_serialization_failure_is_retryable():
    assert translate(pe.SerializationFailure("x")).retryable is True


def test_unknown_code_falls_back_to_class():
    class Custom(pe.IntegrityConstraintViolation):
        sqlstate = "23999"

    assert isinstance(translate(Custom("x")), IntegrityError)


def test_lost_connection_without_sqlstate_is_connection_error():
    translated = translate(psycopg.OperationalError("server closed the connection unexpectedly"))
    assert isinstance(translated, ConnectionError)
    assert translated.session_dead is True


def test_canceled_with_statement_timeout_becomes_statement_timeout():
    translated = translate(pe.QueryCanceled("x"), statement_timeout_active=True)
    assert isinstance(translated, StatementTimeoutError)
    assert translated.sqlstate == "57014"
    assert isinstance(translated.__cause__, pe.QueryCanceled)


def test_canceled_by_our_own_cancel_stays_a_cancel():
    translated = translate(pe.QueryCanceled("x"), statement_timeout_active=True, cancel_requested=True)
    assert type(translated) is QueryCanceledError


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SET statement_timeout = 100", True),
        ("set session statement_timeout to '1s'", True),
        ("SET LOCAL statement_timeout = 0", False),
        ("SET statement_timeout TO DEFAULT", False),
        ("SET search_path = x", None),
        ("SELECT 1", None),
    ],
)
def test_statement_timeout_tracking(sql, expected):
    assert timeout_from_set_statement(sql) is expected
