"""Layer 2: the code tables, entry by entry.

The expected class of every code is written out here, grouped by exception, independently
of the tables: a changed or added entry must be changed here too, on purpose. Each entry is
then pushed through its translator as an exception object made by the driver's own factory.
"""

from __future__ import annotations

import re

import pytest

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DatabaseError,
    DeadlockError,
    IntegrityError,
    OperationalError,
    QueryError,
    TransactionError,
)
from rhosocial.activerecord.backend.toolkit.errors import (
    AuthenticationError,
    ClusterNodeNotReadyError,
    ConnectFailedError,
    DataError,
    ErrorRule,
    ErrorTable,
    ErrorTranslator,
    LockTimeoutError,
    QueryCanceledError,
    ReadOnlyTransactionError,
    SerializationError,
    ServerUnreachableError,
    StatementTimeoutError,
    TlsError,
    UnknownDatabaseError,
    extract_mysql_connector,
    extract_oracledb,
    extract_psycopg,
)
from rhosocial.activerecord.backend.toolkit.errors.tables import MYSQL_ERRORS, ORACLE_ERRORS, POSTGRES_ERRORS


def by_code(spec: dict[type, set[str]]) -> dict[str, type]:
    flat = {}
    for exc_type, codes in spec.items():
        for code in codes:
            assert code not in flat, f"{code} listed twice in the test's spec"
            flat[code] = exc_type
    return flat


POSTGRES_EXACT = by_code(
    {
        IntegrityError: {"23505", "23503", "23502", "23514", "23P01"},
        DeadlockError: {"40P01"},
        SerializationError: {"40001"},
        LockTimeoutError: {"55P03"},
        QueryCanceledError: {"57014"},
        ConnectionError: {"57P01", "57P02", "57P03", "57P05", "53300"},
        AuthenticationError: {"28P01", "28000"},
        UnknownDatabaseError: {"3D000"},
        TransactionError: {"25P02"},
        ReadOnlyTransactionError: {"25006"},
        DataError: {"22001", "22003", "22P02"},
        QueryError: {"42P01", "42703", "42601", "0A000"},
    }
)
POSTGRES_PREFIXES = {
    "08": ConnectionError,
    "22": DataError,
    "23": IntegrityError,
    "25": TransactionError,
    "28": ConnectionError,
    "40": TransactionError,
    "42": QueryError,
    "53": OperationalError,
    "55": OperationalError,
    "57": OperationalError,
    "58": OperationalError,
    "XX": OperationalError,
}

MYSQL_EXACT = by_code(
    {
        IntegrityError: {"1062", "1586", "1451", "1452", "1216", "1217", "1048", "1364", "3819", "4025"},
        DeadlockError: {"1213"},
        LockTimeoutError: {"1205", "3572"},
        ReadOnlyTransactionError: {"1792"},
        ClusterNodeNotReadyError: {"1047"},
        StatementTimeoutError: {"3024", "1969"},
        QueryCanceledError: {"1317"},
        QueryError: {"1064", "1146", "1054", "4165"},
        AuthenticationError: {"1045"},
        ServerUnreachableError: {"2002", "2003", "2005"},
        TlsError: {"2026"},
        UnknownDatabaseError: {"1049"},
        ConnectionError: {
            "1040",
            "1927",
            "1053",
            "2006",
            "2013",
            "2055",
            "4031",
        },
        DataError: {"1406", "1264", "1366", "1292", "1265", "3140"},
    }
)
MYSQL_PREFIXES = {"08": ConnectionError, "22": DataError, "23": IntegrityError, "42": QueryError}

ORACLE_EXACT = by_code(
    {
        IntegrityError: {"ORA-00001", "ORA-01400", "ORA-01407", "ORA-02290", "ORA-02291", "ORA-02292"},
        DeadlockError: {"ORA-00060"},
        LockTimeoutError: {"ORA-00054", "ORA-30006"},
        SerializationError: {"ORA-08177"},
        QueryCanceledError: {"ORA-01013", "DPY-4024"},
        TransactionError: {"ORA-01456"},
        ConnectionError: {
            "ORA-00028",
            "ORA-01012",
            "ORA-01017",
            "ORA-03113",
            "ORA-03114",
            "ORA-03135",
            "ORA-12514",
            "ORA-12541",
            "DPY-1001",
            "DPY-4011",
            "DPY-6005",
        },
        QueryError: {"ORA-00904", "ORA-00933", "ORA-00942", "ORA-00936"},
        DataError: {"ORA-01438", "ORA-12899", "ORA-01722", "ORA-01841"},
    }
)
ORACLE_PREFIXES = {"DPY-6": ConnectionError, "DPY-4": QueryError}

TABLES = [
    pytest.param(POSTGRES_ERRORS, POSTGRES_EXACT, POSTGRES_PREFIXES, r"[0-9A-Z]{5}", id="postgresql"),
    pytest.param(MYSQL_ERRORS, MYSQL_EXACT, MYSQL_PREFIXES, r"[1-4]\d{3}", id="mysql"),
    pytest.param(ORACLE_ERRORS, ORACLE_EXACT, ORACLE_PREFIXES, r"ORA-\d{5}|DPY-\d{4}", id="oracle"),
]


@pytest.mark.parametrize(("table", "exact", "prefixes", "code_format"), TABLES)
def test_table_entries_are_the_intended_exceptions(table, exact, prefixes, code_format):
    assert {code: rule.exception for code, rule in table.exact.items()} == exact
    assert {code: rule.exception for code, rule in table.prefixes.items()} == prefixes
    for code, rule in [*table.exact.items(), *table.prefixes.items()]:
        assert issubclass(rule.exception, DatabaseError), code
        assert rule.meaning.strip(), f"{table.name} {code} has no meaning"
    for code in table.exact:
        assert re.fullmatch(code_format, code), f"{table.name}: malformed code {code!r}"


@pytest.mark.parametrize(("table", "exact", "prefixes", "code_format"), TABLES)
def test_exact_entries_win_over_their_prefix(table, exact, prefixes, code_format):
    for code, rule in table.exact.items():
        assert table.lookup(code) is rule


def test_lookup_order_exact_then_longest_prefix():
    broad = ErrorRule(DatabaseError, "class")
    narrow = ErrorRule(IntegrityError, "subclass")
    exact = ErrorRule(DeadlockError, "exact")
    table = ErrorTable("t", exact={"ABC12": exact}, prefixes={"A": broad, "AB": narrow})

    assert table.lookup("ABC12") is exact
    assert table.lookup("ABC99") is narrow
    assert table.lookup("AZ") is broad
    assert table.lookup("Z1") is None
    assert table.lookup("") is None
    assert table.lookup(None) is None
    # A code is never its own prefix: prefixes are proper prefixes.
    assert table.lookup("AB") is broad


def test_sqlstate_classes_resolve_unlisted_codes():
    assert POSTGRES_ERRORS.lookup("23999").exception is IntegrityError
    assert POSTGRES_ERRORS.lookup("08P01").exception is ConnectionError
    assert POSTGRES_ERRORS.lookup("XX000").meaning == "internal error"
    assert POSTGRES_ERRORS.lookup("P0001") is None
    assert MYSQL_ERRORS.lookup("9999") is None
    assert MYSQL_ERRORS.lookup("42S02").exception is QueryError
    assert ORACLE_ERRORS.lookup("DPY-6000").exception is ConnectionError
    assert ORACLE_ERRORS.lookup("ORA-99999") is None


# --- every entry through its translator, as a driver-made exception -------------------------------


def hint(exc_type: type) -> str:
    """Connect failures end by naming the configuration field to check."""
    return f" (check {exc_type.field})" if issubclass(exc_type, ConnectFailedError) else ""


def expect(exc_type: type, dead: bool) -> type:
    """A dead session always becomes ConnectionError, whatever the table says."""
    return ConnectionError if dead and not issubclass(exc_type, ConnectionError) else exc_type


@pytest.mark.parametrize("sqlstate", sorted(POSTGRES_EXACT))
def test_every_postgres_entry_through_psycopg(sqlstate):
    errors = pytest.importorskip("psycopg.errors", reason="psycopg 3 is not installed")
    error = errors.lookup(sqlstate)(f"server says {sqlstate}")
    translator = ErrorTranslator(POSTGRES_ERRORS, extract_psycopg, "SQLSTATE")

    translated = translator.translate(error)

    rule = POSTGRES_ERRORS.exact[sqlstate]
    assert type(translated) is expect(rule.exception, translated.session_dead)
    assert str(translated) == f"[SQLSTATE {sqlstate}, {rule.meaning}] server says {sqlstate}" + hint(rule.exception)
    assert translated.__cause__ is error


@pytest.mark.parametrize("errno", sorted(MYSQL_EXACT))
def test_every_mysql_entry_through_the_connector(errno):
    errors = pytest.importorskip("mysql.connector.errors", reason="mysql-connector-python is not installed")
    # Client errnos (2xxx) carry no SQLSTATE; server errors do.
    sqlstate = None if errno.startswith("2") else "HY000"
    error = errors.get_mysql_exception(int(errno), f"server says {errno}", sqlstate)
    translator = ErrorTranslator(MYSQL_ERRORS, extract_mysql_connector, "MySQL errno")

    translated = translator.translate(error)

    rule = MYSQL_ERRORS.exact[errno]
    assert type(translated) is expect(rule.exception, translated.session_dead)
    assert str(translated) == f"[MySQL errno {errno}, {rule.meaning}] server says {errno}" + hint(rule.exception)
    assert translated.__cause__ is error


@pytest.mark.parametrize("full_code", sorted(ORACLE_EXACT))
def test_every_oracle_entry_through_oracledb(full_code):
    oracledb_errors = pytest.importorskip("oracledb.errors", reason="python-oracledb is not installed")
    number = int(full_code[4:])
    if full_code.startswith("DPY-"):
        args = {"timeout": 100} if number == oracledb_errors.ERR_CALL_TIMEOUT_EXCEEDED else {}
        if number == oracledb_errors.ERR_CONNECTION_FAILED:
            args = {"connection_id": "test"}
        error = oracledb_errors._create_exception(number, **args)
    else:
        error_obj = oracledb_errors._Error(f"{full_code}: server says {full_code}", code=number)
        error = error_obj.exc_type(error_obj)
    driver_code = error.args[0].full_code
    translator = ErrorTranslator(ORACLE_ERRORS, extract_oracledb, "Oracle")

    translated = translator.translate(error)

    rule = ORACLE_ERRORS.exact[full_code]
    # python-oracledb rewrites some server codes (ORA-03113 ...) to its DPY-4011; the class must agree.
    assert driver_code == full_code or (driver_code == "DPY-4011" and rule.exception is ConnectionError)
    driver_rule = ORACLE_ERRORS.exact[driver_code]
    assert type(translated) is expect(driver_rule.exception, translated.session_dead)
    assert str(translated).startswith(f"[Oracle {driver_code}, {driver_rule.meaning}] ")
    assert translated.__cause__ is error
