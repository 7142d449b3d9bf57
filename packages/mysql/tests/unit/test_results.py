"""Result bookkeeping without a server: which errors end an exchange, NaN/Infinity parameters, connect errors."""

from __future__ import annotations

import math

import pytest
from mysql.connector import errors as driver

from rhosocial.activerecord.backend.errors import ConnectionError
from rhosocial.activerecord.backend.impl.mysql import MySQLBackend, MySQLConnectionConfig
from rhosocial.activerecord.backend.impl.mysql.backend.results import is_complete_server_error, refuse_non_finite
from rhosocial.activerecord.backend.toolkit.errors import (
    ConnectFailedError,
    DataError,
    MultipleStatementsError,
    UnknownDatabaseError,
)


@pytest.mark.parametrize(
    ("error", "complete"),
    [
        (driver.get_mysql_exception(1062, "Duplicate entry", "23000"), True),
        (driver.get_mysql_exception(1064, "syntax", "42000"), True),
        (driver.get_mysql_exception(3024, "max_execution_time exceeded", "HY000"), True),
        (driver.ReadTimeoutError(errno=3024), False),
        (driver.InterfaceError(errno=2013), False),
        (driver.OperationalError(errno=2055, msg="Lost connection"), False),
        (RuntimeError("not from the driver"), False),
    ],
)
def test_which_errors_leave_the_session_in_step(error, complete):
    assert is_complete_server_error(error) is complete


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_are_refused_naming_value_and_position(value):
    with pytest.raises(DataError, match=rf"parameter 2 is {value!r}: MySQL and MariaDB cannot store NaN or Infinity"):
        refuse_non_finite(enumerate((1.5, value), 1))
    with pytest.raises(DataError, match=rf"parameter 'price' is {value!r}"):
        refuse_non_finite({"price": value}.items())


def test_finite_values_pass():
    refuse_non_finite(enumerate((0.0, -1e308, 1, "nan", None, True), 1))


def backend_offline(**fields) -> MySQLBackend:
    return MySQLBackend(MySQLConnectionConfig(host="127.0.0.1", port=1, database="app", **fields))


def test_prepare_refuses_two_statements_and_non_finite_floats_before_any_io():
    b = backend_offline()
    assert b._prepare_sql_and_params("SELECT %s;", [1.0]) == ("SELECT %s;", (1.0,))
    with pytest.raises(MultipleStatementsError):
        b._prepare_sql_and_params("SELECT 1; SELECT 2", None)
    with pytest.raises(DataError, match="parameter 1 is nan"):
        b._prepare_sql_and_params("INSERT INTO t VALUES (%s)", [math.nan])


def test_no_backslash_escapes_sql_mode_changes_statement_boundaries():
    sql = r"SELECT 'a\'; SELECT 2"
    backend_offline()._prepare_sql_and_params(sql, None)  # one unterminated statement: left to the server
    with pytest.raises(MultipleStatementsError):
        backend_offline(sql_mode="NO_BACKSLASH_ESCAPES")._prepare_sql_and_params(sql, None)


@pytest.mark.parametrize(
    "error",
    [
        driver.get_mysql_exception(1044, "Access denied for user 'app'@'%' to database 'app'", "42000"),
        driver.get_mysql_exception(1049, "Unknown database 'app'", "42000"),
    ],
)
def test_a_wrong_database_is_the_same_error_whatever_the_errno(error):
    failure = backend_offline()._connect_error(error)
    assert type(failure) is UnknownDatabaseError
    assert isinstance(failure, ConnectionError)
    assert "database 'app'" in str(failure)
    assert failure.code == str(error.errno)
    assert failure.__cause__ is error


def test_other_connect_failures_are_connection_errors_too():
    # 1227 (no privilege) is a QueryError after connecting; while connecting it is a failed connect.
    error = driver.get_mysql_exception(1227, "Access denied; you need the SUPER privilege", "42000")
    failure = backend_offline()._connect_error(error)
    assert type(failure) is ConnectFailedError
    assert failure.code == "1227"
