"""Helpers shared by the sync and async backends: fetch conversions, out variables, probes, CLI."""

from __future__ import annotations

import json
from decimal import Decimal

import oracledb
import pytest

from rhosocial.activerecord.backend.impl.oracle.backend import common
from rhosocial.activerecord.backend.impl.oracle.capabilities import CAPABILITIES, server_info
from rhosocial.activerecord.backend.impl.oracle.cli import main
from rhosocial.activerecord.backend.impl.oracle.explain import display_sql, parse_plan


class Cursor:
    arraysize = 25

    def var(self, typ, size=0, arraysize=1, outconverter=None):
        return (typ, size, arraysize, outconverter)


@pytest.mark.parametrize(
    ("type_code", "precision", "scale", "expected"),
    [
        (oracledb.DB_TYPE_CLOB, 0, 0, oracledb.DB_TYPE_LONG),
        (oracledb.DB_TYPE_NCLOB, 0, 0, oracledb.DB_TYPE_LONG),
        (oracledb.DB_TYPE_BLOB, 0, 0, oracledb.DB_TYPE_LONG_RAW),
        (oracledb.DB_TYPE_TIMESTAMP_TZ, 0, 0, str),
        (oracledb.DB_TYPE_TIMESTAMP_LTZ, 0, 0, str),
        (oracledb.DB_TYPE_NUMBER, 10, 2, Decimal),
        (oracledb.DB_TYPE_NUMBER, 0, -127, Decimal),
        (oracledb.DB_TYPE_NUMBER, 10, 0, None),
        (oracledb.DB_TYPE_VARCHAR, 0, 0, None),
        (oracledb.DB_TYPE_VECTOR, 0, 0, oracledb.DB_TYPE_VECTOR),
    ],
)
def test_output_type_handler(fake, type_code, precision, scale, expected):
    result = common.output_type_handler(Cursor(), fake.meta("C", type_code, precision=precision, scale=scale))
    assert (result[0] if result else None) is expected
    if result:
        assert result[2] == 25


def test_unconstrained_number_gives_int_or_decimal():
    assert common.integral_or_decimal(Decimal("4")) == 4
    assert isinstance(common.integral_or_decimal(Decimal("4")), int)
    assert common.integral_or_decimal(Decimal("4.5")) == Decimal("4.5")
    assert common.integral_or_decimal(None) is None


@pytest.mark.parametrize(
    ("type_code", "scale", "expected"),
    [
        (oracledb.DB_TYPE_NUMBER, 2, Decimal),
        (oracledb.DB_TYPE_NUMBER, 0, Decimal),
        (oracledb.DB_TYPE_VARCHAR, 0, str),
        (oracledb.DB_TYPE_TIMESTAMP_TZ, 0, str),
        (oracledb.DB_TYPE_CLOB, 0, oracledb.DB_TYPE_LONG),
        (oracledb.DB_TYPE_BLOB, 0, oracledb.DB_TYPE_LONG_RAW),
        (oracledb.DB_TYPE_TIMESTAMP, 0, oracledb.DB_TYPE_TIMESTAMP),
    ],
)
def test_out_variables_typed_from_metadata(fake, type_code, scale, expected):
    var = common.out_variable(Cursor(), fake.meta("C", type_code, size=30, scale=scale), arraysize=3)
    assert var[0] is expected
    assert var[2] == 3
    if type_code is oracledb.DB_TYPE_NUMBER:
        assert (var[3] is None) == (scale > 0)


def test_returning_rows(fake):
    a, b = fake.FakeVar(int), fake.FakeVar(str)
    a.values, b.values = [[1, 2]], [["x", "y"]]
    assert common.returning_rows([("id", a), ("name", b)]) == [{"id": 1, "name": "x"}, {"id": 2, "name": "y"}]
    assert common.returning_rows([]) == []
    empty = fake.FakeVar(int)
    assert common.returning_rows([("id", empty)]) == []


def test_session_setup_block_is_one_plsql_block():
    from rhosocial.activerecord.backend.impl.oracle import OracleConnectionConfig

    block = common.session_setup_block(OracleConnectionConfig(host="h", service_name="S"))
    assert block.startswith("BEGIN EXECUTE IMMEDIATE q'[ALTER SESSION SET NLS_TIMESTAMP_TZ_FORMAT")
    assert block.endswith("END;")


def test_capability_report_and_compatible_level():
    s19 = server_info("Oracle Database 19c Enterprise Edition Release 19.0.0.0.0")
    assert s19.version == (19, 0, 0)
    assert CAPABILITIES.report(s19)["native_json"] == "native_json needs oracle >= 21, found 19.0.0"
    s21 = server_info("21.3.0.0.0", "19.0.0", {"edition": "XE"})
    assert s21.version == (19, 0, 0)
    assert s21.settings["release"] == (21, 3, 0)
    assert s21.settings["edition"] == "XE"
    assert CAPABILITIES.supports(server_info("23.4.0"), "native_boolean")


def test_explain_helpers():
    with pytest.raises(ValueError):
        display_sql("X", "fancy")
    assert "'ALL'" in display_sql("X", "all")
    assert parse_plan([], "sql", 0.0).lines == []


def test_cli_offline_commands(capsys):
    assert main(["capabilities", "--server-version", "19.0.0", "-f", "json"]) == 0
    report = {row["capability"]: row for row in json.loads(capsys.readouterr().out)}
    assert report  # every capability has a row: supported yes/no and why not


def test_cli_connect_args_masks_the_password(monkeypatch, capsys):
    monkeypatch.setenv("ORACLE_PASSWORD", "hunter2")
    assert main(["connect-args", "--set", "dsn=db:1521/FREEPDB1", "--user", "app", "-f", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {"dsn": "db:1521/FREEPDB1", "user": "app", "password": "***"}
    assert main(["connect-args", "--set", "dsn=db:xx/S"]) == 1
    assert capsys.readouterr().err.startswith("error: invalid dsn")


def test_cli_info_connects(server, capsys):
    assert main(["info", "--host", "db", "-d", "FREEPDB1", "--user", "app", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["server"] == "oracle 23.0.0"
    assert server.closed == 1


def test_cli_module_entry_point(monkeypatch, capsys):
    import runpy
    import sys

    monkeypatch.setattr(sys, "argv", ["rhosocial-oracle", "capabilities", "--server-version", "21.3", "-f", "csv"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("rhosocial.activerecord.backend.impl.oracle", run_name="__main__")
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("capability,supported,reason")


def test_ddl_helpers():
    from rhosocial.activerecord.backend.impl.oracle.ddl import column_types, drop_if_exists

    sql = drop_if_exists("table", "users")
    assert sql == (
        "BEGIN EXECUTE IMMEDIATE 'DROP TABLE \"USERS\" CASCADE CONSTRAINTS PURGE'; "
        "EXCEPTION WHEN OTHERS THEN IF SQLCODE != -942 THEN RAISE; END IF; END;"
    )
    assert "SQLCODE != -2289" in drop_if_exists("sequence", "s")
    assert "CASCADE" not in drop_if_exists("table", "t", cascade=False)
    assert "DROP TABLE \"it''s\"" in drop_if_exists("table", "it's")
    assert "SQLCODE != -1418" in drop_if_exists("index", "i")
    with pytest.raises(ValueError):
        drop_if_exists("trigger", "i")
    assert column_types(native_json=True, native_boolean=True)["bool"] == "BOOLEAN"
    assert column_types(native_json=False, native_boolean=False)["dict"] == "CLOB CHECK ({column} IS JSON)"


def test_vector_is_read_as_a_list_and_lobs_stream_as_locators(fake):
    import array

    from rhosocial.activerecord.backend.impl.oracle.lobs import locator_handler

    *_, converter = common.output_type_handler(Cursor(), fake.meta("V", oracledb.DB_TYPE_VECTOR))
    assert converter(array.array("f", [0.5, 1.5])) == [0.5, 1.5]
    # read_lob / write_lob: no conversion at all, the driver's LOB locator comes back
    assert locator_handler(Cursor(), fake.meta("C", oracledb.DB_TYPE_CLOB)) is None


def test_driver_implementation_follows_the_drivers_connection_mode():
    from types import SimpleNamespace

    from rhosocial.activerecord.backend.impl.oracle.backend.common import driver_implementation

    assert driver_implementation(SimpleNamespace(thin=True)) == "thin"
    assert driver_implementation(SimpleNamespace(thin=False)) == "thick"
    assert oracledb.Connection.thin  # the driver's own property this reads
