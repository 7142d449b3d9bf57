"""What a backend does with an error, decided without a server (real driver exception objects)."""

import pytest
from mysql.connector import errors as driver

from rhosocial.activerecord.backend.errors import ConnectionError, DeadlockError, TransactionError
from rhosocial.activerecord.backend.impl.mysql import MySQLBackend, MySQLConnectionConfig
from rhosocial.activerecord.backend.toolkit.errors import SessionLostError
from rhosocial.activerecord.backend.toolkit.lifecycle import SessionState, Step


class _OpenTransaction:
    is_active = True


@pytest.fixture
def backend():
    b = MySQLBackend(MySQLConnectionConfig())
    b._connection = object()  # stands for a live driver connection; never used for I/O here
    b._lifecycle.connected()
    b._discard_connection = lambda: setattr(b, "_connection", None)
    yield b
    b._connection = None  # nothing real to close
    b._transaction_manager = None


def test_lost_connection_outside_transaction_allows_a_fresh_session(backend):
    error = backend._statement_error(driver.get_mysql_exception(2013, "Lost connection", None))
    assert isinstance(error, SessionLostError)
    assert "2013" in str(error)
    assert backend._connection is None  # the next statement connects anew; this one is not retried
    assert backend._must_connect()


def test_lost_connection_inside_transaction_refuses_further_statements(backend):
    backend._transaction_manager = _OpenTransaction()
    backend._lifecycle.succeeded(Step.BEGIN)
    error = backend._statement_error(driver.get_mysql_exception(2006, "gone away", None))
    assert isinstance(error, ConnectionError)
    assert error.transaction_open
    assert backend._lifecycle.state is SessionState.LOST
    assert backend.is_connected() is False
    with pytest.raises(ConnectionError, match="roll the transaction back"):
        backend._get_cursor()


def test_deadlock_inside_transaction_poisons_it(backend):
    backend._transaction_manager = _OpenTransaction()
    error = backend._statement_error(driver.get_mysql_exception(1213, "Deadlock found", "40001"))
    assert isinstance(error, DeadlockError)
    with pytest.raises(TransactionError, match="rolled this transaction back"):
        backend._check_usable()


def test_non_driver_errors_pass_through(backend):
    error = ValueError("bad value")
    assert backend._translate_error(error) is error
