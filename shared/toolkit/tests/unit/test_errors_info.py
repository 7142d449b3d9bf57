"""Layer 3: what each driver extractor reads from real driver exceptions.

psycopg and mysql-connector exceptions come from live servers or from the drivers' own
factories (``psycopg.errors.lookup``, ``mysql.connector.errors.get_mysql_exception``); Oracle
ones from python-oracledb's ``errors`` module, the way the driver builds them.
"""

from __future__ import annotations

import socket

import pytest

from rhosocial.activerecord.backend.toolkit.errors import (
    DriverErrorInfo,
    extract_mysql_connector,
    extract_oracledb,
    extract_psycopg,
)
from rhosocial.activerecord.backend.toolkit.errors.info import ORACLE_SESSION_DEAD_CODES

try:
    import oracledb
    from oracledb import errors as ora_errors
except ImportError:
    oracledb = ora_errors = None

needs_oracledb = pytest.mark.skipif(oracledb is None, reason="python-oracledb is not installed")


def captured(action) -> BaseException:
    """Run ``action`` and return the exception it raised (failing the test when it raises none)."""
    with pytest.raises(Exception) as info:  # any driver exception; the caller checks which
        action()
    return info.value


# --- psycopg -----------------------------------------------------------------------------------


def test_psycopg_statement_error(pg):
    pg.execute("CREATE TEMP TABLE u (id int PRIMARY KEY)")
    pg.execute("INSERT INTO u VALUES (1)")
    error = captured(lambda: pg.execute("INSERT INTO u VALUES (1)"))

    info = extract_psycopg(error)

    assert info == DriverErrorInfo(
        code="23505",
        sqlstate="23505",
        message='duplicate key value violates unique constraint "u_pkey" DETAIL: Key (id)=(1) already exists.',
        session_dead=False,
    )


def test_psycopg_failed_connect_carries_a_bad_pgconn(pg_server):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    error = captured(lambda: pg_server.connect(port=port))
    assert error.pgconn is not None
    assert error.pgconn.status == 1  # CONNECTION_BAD

    info = extract_psycopg(error)

    assert info.session_dead is True
    assert info.code is None
    assert info.sqlstate is None
    assert info.message.startswith("connection failed:")


def test_psycopg_connect_timeout_is_dead(pg_server):
    # A listener that accepts TCP and never answers the startup packet: libpq waits out connect_timeout.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        error = captured(lambda: pg_server.connect(port=silent.getsockname()[1]))
    finally:
        silent.close()
    assert type(error).__name__ == "ConnectionTimeout"
    assert error.sqlstate is None

    info = extract_psycopg(error)

    assert info.session_dead is True
    assert info.message == "connection timeout expired"


def test_psycopg_closed_connection_is_dead(pg_server):
    conn = pg_server.connect()
    conn.close()
    error = captured(lambda: conn.execute("SELECT 1"))
    assert type(error).__name__ == "OperationalError"

    assert extract_psycopg(error).session_dead is True


def test_psycopg_closed_cursor_is_not_a_dead_session(pg):
    cursor = pg.cursor()
    cursor.close()
    error = captured(lambda: cursor.execute("SELECT 1"))
    assert type(error).__name__ == "InterfaceError"

    info = extract_psycopg(error)

    assert info.session_dead is False
    assert info.message == "the cursor is closed"
    assert pg.execute("SELECT 1").fetchone() == (1,)


def test_psycopg_error_with_a_healthy_pgconn_is_not_dead(pg):
    import psycopg

    # Built by hand with a live connection's pgconn: psycopg attaches pgconn only to connect
    # failures (always CONNECTION_BAD), so no raised error reaches "pgconn present and OK".
    error = psycopg.ProgrammingError("stand-in", pgconn=pg.pgconn)

    assert extract_psycopg(error).session_dead is False


@pytest.mark.parametrize(
    ("sqlstate", "dead"),
    [
        ("08006", True),  # connection failure
        ("08001", True),  # unable to establish connection
        ("57P01", True),  # admin shutdown
        ("57P02", True),  # crash shutdown
        ("57P03", True),  # cannot connect now
        ("57P04", True),  # database dropped
        ("57P05", True),  # idle session timeout
        ("25P03", True),  # idle-in-transaction session timeout
        ("57014", False),  # query canceled: the session lives on
        ("25P02", False),  # in failed transaction: ROLLBACK recovers it
        ("40P01", False),  # deadlock victim
        ("55P03", False),  # lock not available
    ],
)
def test_psycopg_dead_sqlstates(sqlstate, dead):
    errors = pytest.importorskip("psycopg.errors", reason="psycopg 3 is not installed")
    # psycopg.errors.lookup gives the class psycopg instantiates for that SQLSTATE from a server result.
    error = errors.lookup(sqlstate)("server message")

    info = extract_psycopg(error)

    assert info.sqlstate == info.code == sqlstate
    assert info.session_dead is dead


def test_psycopg_empty_message_falls_back_to_the_class_name():
    errors = pytest.importorskip("psycopg.errors", reason="psycopg 3 is not installed")
    assert extract_psycopg(errors.UniqueViolation()).message == "UniqueViolation"


# --- mysql-connector-python --------------------------------------------------------------------


def test_mysql_statement_error(my):
    cur = my.cursor()
    cur.execute("CREATE TEMPORARY TABLE u (id INT PRIMARY KEY)")
    cur.execute("INSERT INTO u VALUES (1)")
    error = captured(lambda: cur.execute("INSERT INTO u VALUES (1)"))

    info = extract_mysql_connector(error)

    assert info == DriverErrorInfo(
        code="1062", sqlstate="23000", message="Duplicate entry '1' for key 'PRIMARY'", session_dead=False
    )


@pytest.mark.parametrize(
    ("errno", "dead"),
    [
        (2002, True),  # can't connect through socket
        (2003, True),  # can't connect to server
        (2006, True),  # server has gone away
        (2013, True),  # lost connection during query
        (2055, True),  # lost connection (system error)
        (4031, True),  # disconnected after inactivity (MySQL 8.0.24+)
        (1927, True),  # connection was killed (MariaDB)
        (1053, True),  # server shutdown in progress
        (3169, True),  # session was killed (MySQL)
        (1062, False),
        (1205, False),  # lock wait timeout: the transaction lives on
        (1213, False),  # deadlock: rolled back, session usable
    ],
)
def test_mysql_dead_errnos(errno, dead):
    errors = pytest.importorskip("mysql.connector.errors", reason="mysql-connector-python is not installed")
    # The connector's own factory for server error packets.
    error = errors.get_mysql_exception(errno, "server message", "HY000")

    info = extract_mysql_connector(error)

    assert info.code == str(errno)
    assert info.session_dead is dead
    assert info.message == "server message"


def test_mysql_client_error_without_errno(mysql_server):
    conn = mysql_server.connect()
    conn.close()
    error = captured(conn.cursor)

    info = extract_mysql_connector(error)

    assert info == DriverErrorInfo(code=None, sqlstate=None, message="MySQL Connection not available")


def test_mysql_refused_connection(mysql_server):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    error = captured(lambda: mysql_server.connect(port=port))

    info = extract_mysql_connector(error)

    assert (info.code, info.sqlstate, info.session_dead) == ("2003", None, True)
    assert "Connection refused" in info.message


def test_mysql_extractor_on_an_exception_without_msg():
    # Not a connector object (no errno/msg attributes): the first line of str() is used.
    info = extract_mysql_connector(TimeoutError("read timed out\nmore"))
    assert info == DriverErrorInfo(code=None, sqlstate=None, message="read timed out")


# --- python-oracledb ---------------------------------------------------------------------------


@needs_oracledb
def test_oracle_server_error_uses_full_code_and_first_line():
    error_obj = ora_errors._Error("ORA-00001: unique constraint (APP.PK) violated", code=1, offset=0)
    error = error_obj.exc_type(error_obj)

    info = extract_oracledb(error)

    assert info == DriverErrorInfo(
        code="ORA-00001", sqlstate=None, message="ORA-00001: unique constraint (APP.PK) violated"
    )
    assert "Help: https://" in error_obj.message  # the dropped second line


@needs_oracledb
def test_oracle_driver_flags_connection_closed_dead():
    error = ora_errors._create_exception(ora_errors.ERR_CONNECTION_CLOSED)

    info = extract_oracledb(error)

    assert (info.code, info.session_dead) == ("DPY-4011", True)
    assert info.message == "DPY-4011: the database or network closed the connection"


@needs_oracledb
def test_oracle_dead_codes_rewritten_by_the_driver_still_end_dead():
    # Every ORA code the toolkit lists as dead is, in python-oracledb, rewritten to DPY-4011
    # with is_session_dead set; the ORA entries matter for drivers/wrappers that keep the ORA code.
    for full_code in sorted(c for c in ORACLE_SESSION_DEAD_CODES if c.startswith("ORA-")):
        number = int(full_code[4:])
        if number not in ora_errors.ERR_ORACLE_ERROR_XREF:
            continue
        error_obj = ora_errors._Error(f"{full_code}: message", code=number)
        info = extract_oracledb(error_obj.exc_type(error_obj))
        assert info.session_dead is True, full_code
        assert info.code == "DPY-4011", full_code


@needs_oracledb
def test_oracle_driver_session_dead_flag_is_honoured_for_unlisted_codes():
    # Thick mode copies ODPI-C's isSessionDead onto the error object; emulated on a real _Error
    # because no thin-mode server error outside the DPY-4011 family sets it.
    error_obj = ora_errors._Error("ORA-00600: internal error code, arguments: [x]", code=0)
    error_obj.is_session_dead = True

    info = extract_oracledb(oracledb.DatabaseError(error_obj))

    assert (info.code, info.session_dead) == ("ORA-00600", True)


@needs_oracledb
def test_oracle_plain_string_argument_is_parsed_for_a_code():
    # A driver exception class raised with a plain message (as wrappers and older code do).
    error = oracledb.DatabaseError("ORA-00942: table or view does not exist\nmore")

    info = extract_oracledb(error)

    assert info == DriverErrorInfo(code="ORA-00942", sqlstate=None, message="ORA-00942: table or view does not exist")


@needs_oracledb
def test_oracle_without_any_code():
    assert extract_oracledb(oracledb.DatabaseError("something failed")).code is None
    empty = extract_oracledb(oracledb.DatabaseError())
    assert (empty.code, empty.message) == (None, "DatabaseError")


def test_oracle_object_with_numeric_code_but_no_full_code():
    # Stand-in for cx_Oracle-era error objects (code and message, no full_code); no
    # python-oracledb object lacks full_code when it has a non-zero code.
    class LegacyError:
        code = 1400
        message = "cannot insert NULL into (APP.T.NAME)"

    info = extract_oracledb(Exception(LegacyError()))

    assert info.code == "ORA-01400"
    assert info.message == "cannot insert NULL into (APP.T.NAME)"


def test_extractors_never_need_the_driver_installed():
    # Duck typing only: a bare exception gives an empty-but-valid info from every extractor.
    for extract in (extract_psycopg, extract_mysql_connector, extract_oracledb):
        info = extract(RuntimeError("boom"))
        assert (info.code, info.message, info.session_dead) == (None, "boom", False)


def test_driver_error_info_is_frozen():
    info = DriverErrorInfo(code="1", sqlstate=None, message="m")
    with pytest.raises(AttributeError):
        info.code = "2"  # type: ignore[misc]
