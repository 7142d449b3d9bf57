"""ErrorTranslator on real driver exceptions: the right core exception, the code in the message,
the driver exception as ``__cause__``, and dead sessions reported as ConnectionError.

PostgreSQL and MySQL/MariaDB errors are provoked on live servers. Oracle errors are built the
way python-oracledb builds them (``errors._Error(message, code=...)`` then ``exc_type(error)`` for
server errors, ``errors._create_exception`` for driver errors), since no Oracle server runs here.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid

import pytest

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DatabaseError,
    DeadlockError,
    IntegrityError,
    OperationalError,
    QueryError,
)
from rhosocial.activerecord.backend.toolkit.errors import (
    DataError,
    DriverErrorInfo,
    ErrorRule,
    ErrorTable,
    ErrorTranslator,
    LockTimeoutError,
    QueryCanceledError,
    ServerUnreachableError,
    StatementTimeoutError,
    extract_mysql_connector,
    extract_oracledb,
    extract_psycopg,
)
from rhosocial.activerecord.backend.toolkit.errors.tables import MYSQL_ERRORS, ORACLE_ERRORS, POSTGRES_ERRORS

try:
    import oracledb
    from oracledb import errors as ora_errors
except ImportError:  # the Oracle cases skip; the rest still run
    oracledb = ora_errors = None

needs_oracledb = pytest.mark.skipif(oracledb is None, reason="python-oracledb is not installed")

PG = ErrorTranslator(POSTGRES_ERRORS, extract_psycopg, "SQLSTATE")
MY = ErrorTranslator(MYSQL_ERRORS, extract_mysql_connector, "MySQL errno")
ORA = ErrorTranslator(ORACLE_ERRORS, extract_oracledb, "Oracle")


def captured(action) -> BaseException:
    """Run ``action`` and return the exception it raised (failing the test when it raises none)."""
    with pytest.raises(Exception) as info:  # any driver exception; the caller checks which
        action()
    return info.value


def unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_translated(translated, error, exc_type, label_code, meaning, *, dead=False):
    """The checks every mapping must pass."""
    assert type(translated) is exc_type, f"{label_code}: got {type(translated).__name__}"
    assert translated.__cause__ is error
    assert translated.driver_error is error
    assert translated.session_dead is dead
    text = str(translated)
    assert text.startswith(f"[{label_code}")
    if meaning:
        assert f"{label_code}, {meaning}]" in text


# --- PostgreSQL (psycopg 3) --------------------------------------------------------------------


@pytest.fixture
def pg_table(pg):
    pg.execute(
        "CREATE TEMP TABLE parent (id int PRIMARY KEY);"
        "CREATE TEMP TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent(id),"
        " name text NOT NULL, qty int CHECK (qty >= 0))"
    )
    pg.execute("INSERT INTO parent VALUES (1)")
    pg.execute("INSERT INTO child VALUES (1, 1, 'a', 1)")
    return pg


PG_STATEMENT_CASES = [
    ("INSERT INTO child VALUES (1, 1, 'dup', 1)", "23505", IntegrityError, "unique violation"),
    ("INSERT INTO child VALUES (2, 99, 'orphan', 1)", "23503", IntegrityError, "foreign key violation"),
    ("INSERT INTO child VALUES (3, 1, NULL, 1)", "23502", IntegrityError, "not null violation"),
    ("INSERT INTO child VALUES (4, 1, 'neg', -1)", "23514", IntegrityError, "check violation"),
    # 22012 has no exact entry: the SQLSTATE class 22 decides.
    ("SELECT 1 / 0", "22012", DataError, "data exception"),
    ("SELECT 'x'::int", "22P02", DataError, "invalid text representation"),
    ("SELEC 1", "42601", QueryError, "syntax error"),
    ("SELECT * FROM no_such_table", "42P01", QueryError, "undefined table"),
    ("SELECT no_such_column FROM parent", "42703", QueryError, "undefined column"),
    ("SELECT no_such_function()", "42883", QueryError, "syntax error or access rule violation"),
]


@pytest.mark.parametrize(("sql", "sqlstate", "exc_type", "meaning"), PG_STATEMENT_CASES)
def test_postgres_statement_errors(pg_table, sql, sqlstate, exc_type, meaning):
    error = captured(lambda: pg_table.execute(sql))
    assert error.sqlstate == sqlstate

    translated = PG.translate(error)

    assert_translated(translated, error, exc_type, f"SQLSTATE {sqlstate}", meaning)
    assert translated.code == translated.sqlstate == sqlstate
    # The driver's first line follows the bracket, then the server's DETAIL (it names the row or key).
    detail = error.diag.message_detail
    assert str(translated).endswith(str(error).splitlines()[0] + (f" DETAIL: {detail}" if detail else ""))


def test_postgres_lock_not_available_from_second_connection(pg_server):
    table = unique_name("lock_probe")
    holder, waiter = pg_server.connect(), pg_server.connect()
    try:
        holder.execute(f"CREATE TABLE {table} (id int PRIMARY KEY)")
        holder.execute(f"INSERT INTO {table} VALUES (1)")
        holder.autocommit = False
        holder.execute(f"SELECT * FROM {table} WHERE id = 1 FOR UPDATE")

        error = captured(lambda: waiter.execute(f"SELECT * FROM {table} WHERE id = 1 FOR UPDATE NOWAIT"))
        translated = PG.translate(error)

        assert_translated(translated, error, LockTimeoutError, "SQLSTATE 55P03", "lock not available")
        assert not waiter.broken
    finally:
        holder.rollback()
        holder.autocommit = True
        holder.execute(f"DROP TABLE IF EXISTS {table}")
        holder.close()
        waiter.close()


def test_postgres_statement_timeout_is_a_cancel_not_a_dead_session(pg):
    pg.execute("SET statement_timeout = 1")
    error = captured(lambda: pg.execute("SELECT pg_sleep(1)"))

    translated = PG.translate(error)

    # 57014 is shared by cancel and statement_timeout; the postgres backend refines it, the table cannot.
    assert_translated(translated, error, QueryCanceledError, "SQLSTATE 57014", "query canceled")
    assert not isinstance(translated, StatementTimeoutError)
    assert "statement timeout" in str(translated)
    pg.execute("SET statement_timeout = 0")
    assert pg.execute("SELECT 1").fetchone() == (1,)


def test_postgres_connection_refused_is_a_dead_connection_error(pg_server):
    error = captured(lambda: pg_server.connect(port=closed_port()))
    assert error.sqlstate is None

    translated = PG.translate(error)

    assert type(translated) is ConnectionError
    assert translated.__cause__ is error
    assert translated.session_dead is True
    assert translated.code is None
    # No code to name: the message is the driver's first line, without an empty bracket.
    assert str(translated) == str(error).splitlines()[0]
    assert "Connection refused" in str(translated)


def test_postgres_terminated_backend_is_dead(pg_server, pg):
    victim = pg_server.connect()
    pid = victim.info.backend_pid
    pg.execute("SELECT pg_terminate_backend(%s)", (pid,))
    time.sleep(0.2)

    error = captured(lambda: victim.execute("SELECT 1"))
    translated = PG.translate(error)

    assert_translated(
        translated, error, ConnectionError, "SQLSTATE 57P01", "admin shutdown, session terminated", dead=True
    )
    assert victim.broken

    # Using the broken connection again: psycopg raises OperationalError without SQLSTATE.
    again = captured(lambda: victim.execute("SELECT 1"))
    assert again.sqlstate is None
    retranslated = PG.translate(again)
    assert type(retranslated) is ConnectionError
    assert retranslated.session_dead is True
    victim.close()


@pytest.mark.parametrize(
    ("setting", "sqlstate", "table_type", "meaning"),
    [
        # FATAL on the server: the session is gone even though the SQLSTATE is not class 08.
        ("idle_session_timeout", "57P05", ConnectionError, "idle session timeout"),
        ("idle_in_transaction_session_timeout", "25P03", ConnectionError, "invalid transaction state"),
    ],
)
def test_postgres_idle_timeouts_kill_the_session(pg_server, setting, sqlstate, table_type, meaning):
    conn = pg_server.connect()
    conn.execute(f"SET {setting} = '200ms'")
    if sqlstate == "25P03":
        conn.autocommit = False
        conn.execute("SELECT 1")
    time.sleep(0.8)

    error = captured(lambda: conn.execute("SELECT 1"))
    assert error.sqlstate == sqlstate
    translated = PG.translate(error)

    assert conn.broken
    # 25P03 is in class 25 (a TransactionError) but a dead session always becomes ConnectionError.
    assert_translated(translated, error, table_type, f"SQLSTATE {sqlstate}", meaning, dead=True)
    conn.close()


def test_postgres_layer_one_class_decides_without_a_table_entry(pg):
    # P0001 (raise_exception) is in no table and class P0 has no prefix entry: psycopg's class for it,
    # a ProgrammingError, decides (QueryError).
    error = captured(lambda: pg.execute("DO $$ BEGIN RAISE EXCEPTION 'boom'; END $$"))
    assert error.sqlstate == "P0001"
    assert POSTGRES_ERRORS.lookup("P0001") is None

    translated = PG.translate(error)

    assert type(translated) is QueryError
    assert str(translated) == "[SQLSTATE P0001] boom"
    assert translated.__cause__ is error


def test_postgres_internal_error_class_maps_to_database_error(pg):
    pg.execute("CREATE TEMP TABLE base_t (id int); CREATE TEMP VIEW base_v AS SELECT * FROM base_t")
    error = captured(lambda: pg.execute("DROP TABLE base_t"))
    assert error.sqlstate == "2BP01"  # dependent objects still exist; psycopg class InternalError
    assert POSTGRES_ERRORS.lookup("2BP01") is None

    translated = PG.translate(error)

    assert type(translated) is DatabaseError
    assert str(translated).startswith("[SQLSTATE 2BP01] cannot drop table base_t")


def test_postgres_programming_error_without_sqlstate_is_a_query_error_on_a_live_session(pg):
    cursor = pg.cursor()
    error = captured(cursor.fetchone)  # nothing executed yet
    assert error.sqlstate is None

    translated = PG.translate(error)

    assert type(translated) is QueryError
    assert translated.session_dead is False
    assert translated.code is None


# --- MySQL / MariaDB (mysql-connector-python) --------------------------------------------------


@pytest.fixture
def my_schema(my, my_tables):
    parent = my_tables("parent", "id INT PRIMARY KEY")
    child = my_tables(
        "child",
        f"id INT PRIMARY KEY, parent_id INT, name VARCHAR(3) NOT NULL, qty TINYINT,"
        f" CONSTRAINT {parent}_fk FOREIGN KEY (parent_id) REFERENCES {parent}(id),"
        f" CONSTRAINT {parent}_ck CHECK (qty >= 0)",
    )
    cur = my.cursor()
    cur.execute(f"INSERT INTO {parent} VALUES (1)")
    cur.execute(f"INSERT INTO {child} VALUES (1, 1, 'a', 1)")
    return cur, parent, child


MY_STATEMENT_CASES = [
    ("INSERT INTO {child} VALUES (1, 1, 'b', 1)", "1062", IntegrityError, "duplicate entry for unique key"),
    ("INSERT INTO {child} VALUES (2, 99, 'b', 1)", "1452", IntegrityError, "foreign key: parent row missing"),
    ("DELETE FROM {parent}", "1451", IntegrityError, "foreign key: row is referenced"),
    ("INSERT INTO {child} VALUES (3, 1, NULL, 1)", "1048", IntegrityError, "column cannot be null"),
    ("SELEC 1", "1064", QueryError, "SQL syntax error"),
    ("SELECT * FROM no_such_table_zz", "1146", QueryError, "table does not exist"),
    ("SELECT no_such_column FROM {parent}", "1054", QueryError, "unknown column"),
    ("INSERT INTO {child} VALUES (4, 1, 'toolong', 1)", "1406", DataError, "data too long for column"),
    ("INSERT INTO {child} VALUES (5, 1, 'b', 1000)", "1264", DataError, "out of range value"),
    # Errnos not in the table fall back to their SQLSTATE class (22012 and 42S02 here).
    ("INSERT INTO {child} VALUES (6, 1, 'b', 1/0)", "1365", DataError, "data exception"),
    ("DROP TABLE no_such_table_zz", "1051", QueryError, "syntax error or access rule violation"),
]


@pytest.mark.parametrize(("sql", "errno", "exc_type", "meaning"), MY_STATEMENT_CASES)
def test_mysql_statement_errors(my_schema, sql, errno, exc_type, meaning):
    cur, parent, child = my_schema
    error = captured(lambda: cur.execute(sql.format(parent=parent, child=child)))
    assert str(error.errno) == errno

    translated = MY.translate(error)

    assert_translated(translated, error, exc_type, f"MySQL errno {errno}", meaning)
    assert translated.code == errno
    assert translated.sqlstate == error.sqlstate
    assert str(translated).endswith(error.msg)


def test_mysql_check_constraint(my_schema, mysql_server):
    cur, _, child = my_schema
    error = captured(lambda: cur.execute(f"INSERT INTO {child} VALUES (7, 1, 'b', -1)"))
    # MariaDB reports 4025, MySQL 8 reports 3819; both are integrity errors.
    expected = {
        "mariadb": ("4025", "check constraint violated (MariaDB)"),
        "mysql": ("3819", "check constraint violated"),
    }
    errno, meaning = expected[mysql_server.flavour]

    assert_translated(MY.translate(error), error, IntegrityError, f"MySQL errno {errno}", meaning)


def test_mysql_unlisted_errno_without_sqlstate_class_uses_the_driver_class(my_schema):
    cur, parent, _ = my_schema
    error = captured(lambda: cur.execute(f"INSERT INTO {parent} VALUES (1, 2)"))
    assert (error.errno, error.sqlstate) == (1136, "21S01")  # class 21 is in no table

    translated = MY.translate(error)

    # mysql.connector raises DataError for 21S01, so layer 1 gives the toolkit's DataError.
    assert type(translated) is DataError
    assert str(translated) == f"[MySQL errno 1136] {error.msg}"


def test_mysql_lock_nowait_from_second_connection(mysql_server, my_tables):
    table = my_tables("lock_probe", "id INT PRIMARY KEY")
    holder, waiter = mysql_server.connect(), mysql_server.connect()
    try:
        holder.cursor().execute(f"INSERT INTO {table} VALUES (1)")
        holder.start_transaction()
        hold = holder.cursor()
        hold.execute(f"SELECT * FROM {table} WHERE id = 1 FOR UPDATE")
        hold.fetchall()

        error = captured(lambda: waiter.cursor().execute(f"SELECT * FROM {table} WHERE id = 1 FOR UPDATE NOWAIT"))
        translated = MY.translate(error)

        # MariaDB reports NOWAIT as 1205 (lock wait timeout), MySQL 8 as 3572.
        expected = {1205: "lock wait timeout exceeded", 3572: "lock not available (NOWAIT)"}
        assert error.errno in expected
        assert_translated(translated, error, LockTimeoutError, f"MySQL errno {error.errno}", expected[error.errno])
    finally:
        holder.rollback()
        holder.close()
        waiter.close()


def test_mysql_statement_time_limit(my, mysql_server):
    if mysql_server.flavour != "mariadb":
        pytest.skip("max_statement_time (errno 1969) is MariaDB's; MySQL's 3024 needs a long SELECT")
    cur = my.cursor()
    cur.execute("SET SESSION max_statement_time = 0.05")
    # A cross join that really runs (BENCHMARK and SLEEP are not reliably interrupted with an error).
    heavy = (
        "SELECT COUNT(*) FROM information_schema.collations a, information_schema.collations b,"
        " information_schema.collations c"
    )

    def run():
        cur.execute(heavy)
        cur.fetchall()

    error = captured(run)

    translated = MY.translate(error)

    assert_translated(
        translated, error, StatementTimeoutError, "MySQL errno 1969", "max_statement_time exceeded (MariaDB)"
    )
    assert isinstance(translated, QueryCanceledError)


def test_mysql_connection_refused_is_dead(mysql_server):
    error = captured(lambda: mysql_server.connect(port=closed_port()))
    assert error.errno == 2003

    translated = MY.translate(error)

    assert_translated(
        translated, error, ServerUnreachableError, "MySQL errno 2003", "cannot connect to server", dead=True
    )
    assert str(translated).endswith("(check host/port)")
    assert translated.sqlstate is None


def test_mysql_killed_connection_is_dead(mysql_server, my):
    victim = mysql_server.connect()
    cursor = victim.cursor()
    my.cursor().execute(f"KILL CONNECTION {victim.connection_id}")
    time.sleep(0.2)

    lost = captured(lambda: cursor.execute("SELECT 1"))
    assert lost.errno == 2013
    assert_translated(
        MY.translate(lost), lost, ConnectionError, "MySQL errno 2013", "lost connection during query", dead=True
    )

    gone = captured(lambda: cursor.execute("SELECT 1"))
    assert gone.errno == 2055
    assert_translated(
        MY.translate(gone), gone, ConnectionError, "MySQL errno 2055", "lost connection to server", dead=True
    )


def test_mysql_closed_connection_error_has_no_code(mysql_server):
    conn = mysql_server.connect()
    conn.close()
    error = captured(conn.cursor)  # "MySQL Connection not available", errno -1
    assert error.errno == -1

    translated = MY.translate(error)

    # No errno and no SQLSTATE: the driver's OperationalError class decides.
    assert type(translated) is OperationalError
    assert translated.code is None
    assert str(translated) == error.msg


def test_mysql_deadlock_between_two_connections(mysql_server, my_tables):
    table = my_tables("deadlock_probe", "id INT PRIMARY KEY, v INT")
    a, b = mysql_server.connect(), mysql_server.connect()
    try:
        a.cursor().execute(f"INSERT INTO {table} VALUES (1, 0), (2, 0)")
        for conn in (a, b):
            conn.cursor().execute("SET SESSION innodb_lock_wait_timeout = 5")
            conn.start_transaction()
        a.cursor().execute(f"UPDATE {table} SET v = 1 WHERE id = 1")
        b.cursor().execute(f"UPDATE {table} SET v = 1 WHERE id = 2")
        errors: list[BaseException] = []

        def second_lock(conn, row):
            try:
                conn.cursor().execute(f"UPDATE {table} SET v = 2 WHERE id = {row}")
            except Exception as e:  # one of the two is chosen as the deadlock victim
                errors.append(e)

        waiter = threading.Thread(target=second_lock, args=(a, 2))
        waiter.start()
        time.sleep(0.3)
        second_lock(b, 1)
        waiter.join(10)
        assert len(errors) == 1, errors
        error = errors[0]

        translated = MY.translate(error)

        assert_translated(
            translated,
            error,
            DeadlockError,
            "MySQL errno 1213",
            "deadlock or Galera certification conflict, transaction rolled back",
        )
    finally:
        for conn in (a, b):
            conn.rollback()
            conn.close()


# --- Oracle (python-oracledb objects, built as the driver builds them) -------------------------


def ora_server_error(message: str, code: int) -> Exception:
    """What the thin driver raises for a server error packet (messages.pyx ``_check_and_raise_exception``)."""
    error = ora_errors._Error(message, code=code, offset=0)
    return error.exc_type(error)


@needs_oracledb
@pytest.mark.parametrize(
    ("message", "code", "driver_type", "exc_type", "meaning"),
    [
        (
            "ORA-00001: unique constraint (APP.T_PK) violated on table APP.T columns (ID)",
            1,
            "IntegrityError",
            IntegrityError,
            "unique constraint violated",
        ),
        (
            "ORA-00060: deadlock detected while waiting for resource",
            60,
            "DatabaseError",
            DeadlockError,
            "deadlock detected while waiting for resource",
        ),
        (
            "ORA-00054: resource busy and acquire with NOWAIT specified or timeout expired",
            54,
            "DatabaseError",
            LockTimeoutError,
            "resource busy and acquire with NOWAIT specified",
        ),
        # The driver calls ORA-01438 an IntegrityError; the table knows it is a value out of range.
        (
            "ORA-01438: value larger than specified precision allowed for this column",
            1438,
            "IntegrityError",
            DataError,
            "value larger than specified precision",
        ),
        (
            "ORA-01013: user requested cancel of current operation",
            1013,
            "OperationalError",
            QueryCanceledError,
            "user requested cancel of current operation",
        ),
    ],
)
def test_oracle_server_errors(message, code, driver_type, exc_type, meaning):
    error = ora_server_error(message, code)
    assert type(error).__name__ == driver_type
    full_code = error.args[0].full_code
    assert full_code == message.split(":")[0]

    translated = ORA.translate(error)

    assert_translated(translated, error, exc_type, f"Oracle {full_code}", meaning)
    assert translated.code == full_code
    assert translated.sqlstate is None
    # Only the first line: the driver appends a "Help: https://..." line.
    assert str(translated).endswith(message)


@needs_oracledb
def test_oracle_end_of_file_is_rewritten_by_the_driver_and_dead():
    error = ora_server_error("ORA-03113: end-of-file on communication channel", 3113)
    info = error.args[0]
    # python-oracledb turns ORA-03113 into DPY-4011 and flags the session dead.
    assert (info.full_code, info.code, info.is_session_dead) == ("DPY-4011", 3113, True)

    translated = ORA.translate(error)

    assert_translated(
        translated,
        error,
        ConnectionError,
        "Oracle DPY-4011",
        "the database or network closed the connection",
        dead=True,
    )
    assert "ORA-03113" in str(translated.__cause__)


@needs_oracledb
def test_oracle_connection_closed_driver_error():
    error = ora_errors._create_exception(ora_errors.ERR_CONNECTION_CLOSED)
    assert error.args[0].full_code == "DPY-4011"

    translated = ORA.translate(error)

    assert_translated(
        translated,
        error,
        ConnectionError,
        "Oracle DPY-4011",
        "the database or network closed the connection",
        dead=True,
    )


@needs_oracledb
def test_oracle_call_timeout_is_a_cancel():
    error = ora_errors._create_exception(ora_errors.ERR_CALL_TIMEOUT_EXCEEDED, timeout=250)

    translated = ORA.translate(error)

    assert_translated(translated, error, QueryCanceledError, "Oracle DPY-4024", "call timeout exceeded")
    assert "call timeout of 250 ms exceeded" in str(translated)


@needs_oracledb
def test_oracle_connect_to_closed_port_is_dead():
    error = captured(
        lambda: oracledb.connect(user="u", password="p", dsn=f"127.0.0.1:{closed_port()}/free", tcp_connect_timeout=2)
    )
    info = error.args[0]
    # The driver does not flag DPY-6005 as session-dead; the toolkit's own list does.
    assert (info.full_code, info.is_session_dead) == ("DPY-6005", False)

    translated = ORA.translate(error)

    assert_translated(translated, error, ConnectionError, "Oracle DPY-6005", "cannot connect to database", dead=True)


@needs_oracledb
@pytest.mark.parametrize(
    ("error_num", "args", "exc_type", "meaning"),
    [
        (6000, {"error_code": "12506"}, ConnectionError, "connection error"),  # ERR_LISTENER_REFUSED_CONNECTION
        (4004, {}, QueryError, "database error"),  # ERR_INVALID_NUMBER
    ],
)
def test_oracle_driver_error_families_by_prefix(error_num, args, exc_type, meaning):
    error = ora_errors._create_exception(error_num, **args)
    full_code = error.args[0].full_code
    assert full_code not in ORACLE_ERRORS.exact

    translated = ORA.translate(error)

    assert_translated(translated, error, exc_type, f"Oracle {full_code}", meaning)


@needs_oracledb
def test_oracle_unlisted_server_code_uses_the_driver_class():
    error = ora_server_error("ORA-00955: name is already used by an existing object", 955)

    translated = ORA.translate(error)

    assert type(translated) is DatabaseError
    assert str(translated) == "[Oracle ORA-00955] ORA-00955: name is already used by an existing object"


# --- translator mechanics that no particular driver error exercises ------------------------------


def test_core_exceptions_pass_through_unchanged():
    original = IntegrityError("already translated")
    assert PG.translate(original) is original


def test_non_driver_exception_becomes_database_error_with_cause():
    # Not a driver object: plain OS errors can escape a driver's socket code.
    error = BrokenPipeError("socket closed")

    translated = MY.translate(error)

    assert type(translated) is DatabaseError
    assert translated.__cause__ is error
    assert str(translated) == "socket closed"


def test_dead_session_keeps_a_more_specific_connection_error():
    class AuthFailed(ConnectionError):
        pass

    table = ErrorTable("t", exact={"X1": ErrorRule(AuthFailed, "auth failed")})

    # Stand-in extractor: which driver says "dead" here is irrelevant to the rule under test.
    def extract(error):
        return DriverErrorInfo(code="X1", sqlstate=None, message="no", session_dead=True)

    translated = ErrorTranslator(table, extract, "T").translate(RuntimeError("no"))

    assert type(translated) is AuthFailed
    assert str(translated) == "[T X1, auth failed] no"


def test_format_message_variants():
    info = DriverErrorInfo(code=None, sqlstate=None, message="plain")
    assert PG.format_message(info, None) == "plain"
    assert PG.format_message(info, "meaning only") == "[meaning only] plain"
    coded = DriverErrorInfo(code="XX000", sqlstate="XX000", message="m")
    assert PG.format_message(coded, None) == "[SQLSTATE XX000] m"
    assert PG.format_message(coded, "internal error") == "[SQLSTATE XX000, internal error] m"


@needs_oracledb
def test_driver_exception_can_be_raised_from():
    error = ora_server_error("ORA-00001: unique constraint (APP.T_PK) violated", 1)

    def failing_call():
        try:
            raise error
        except Exception as e:
            raise ORA.translate(e) from e

    with pytest.raises(IntegrityError) as info:
        failing_call()
    assert info.value.__cause__ is error
