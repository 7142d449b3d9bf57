"""The server-free half of execute_many through LOAD DATA: which statements, tables and values qualify, and the text."""

from __future__ import annotations

import os
import stat
import threading
import time as time_module
from datetime import date, datetime, time, timezone
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.impl.mysql.backend.infile_insert import (
    InfileDir,
    LoadFileJob,
    catalog_params,
    catalog_sql,
    chunked,
    column_types,
    infile_bytes,
    infile_target,
    load_statement,
    python_encoding,
    refused_errno,
    single_typed,
)


@pytest.mark.parametrize(
    ("sql", "table", "schema", "columns"),
    [
        ("INSERT INTO t (a, b) VALUES (%s, %s)", "t", None, ("a", "b")),
        ("insert into `s`.`we``ird` (`x y`, b) values (%s, %s)", "we`ird", "s", ("x y", "b")),
        ("  INSERT INTO db1 . t1 ( a ) VALUES (%s)", "t1", "db1", ("a",)),
    ],
)
def test_plain_inserts_are_targets(sql, table, schema, columns):
    target = infile_target(sql)
    assert target is not None
    assert (target.table, target.schema, target.columns) == (table, schema, columns)


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT IGNORE INTO t (a) VALUES (%s)",  # IGNORE: the INSERT's own semantics
        "REPLACE INTO t (a) VALUES (%s)",
        "INSERT INTO t VALUES (%s)",  # no column list: invisible columns would differ
        "INSERT LOW_PRIORITY INTO t (a) VALUES (%s)",
    ],
)
def test_other_statements_are_not(sql):
    assert infile_target(sql) is None


def catalog(*columns, engine="InnoDB", kind="BASE TABLE", local_infile=1, triggers=0, wsrep=None):
    return [(name, data_type, extra, engine, kind, local_infile, triggers, wsrep) for name, data_type, extra in columns]


TARGET = infile_target("INSERT INTO t (id, name) VALUES (%s, %s)")


def test_a_plain_innodb_table_qualifies():
    rows = catalog(("ID", "int", "auto_increment"), ("name", "varchar", ""), ("other", "year", ""))
    assert column_types(TARGET, rows) == ["int", "varchar"]
    # MySQL 8 hands some information_schema text back as bytes
    raw = catalog((b"id", b"bigint", b""), (b"name", b"text", b""), engine=b"InnoDB", kind=b"BASE TABLE")
    assert column_types(TARGET, raw) == ["bigint", "text"]


@pytest.mark.parametrize(
    "facts",
    [
        {"engine": "MyISAM"},
        {"kind": "VIEW"},
        {"kind": "SYSTEM VERSIONED"},
        {"local_infile": 0},
        {"local_infile": "0"},
        {"triggers": 1},
        {"wsrep": "ON"},
    ],
)
def test_tables_a_rollback_cannot_cover_do_not(facts):
    assert column_types(TARGET, catalog(("id", "int", ""), ("name", "varchar", ""), **facts)) is None


@pytest.mark.parametrize("data_type", ["year", "bit", "enum", "set", "json", "blob", "varbinary", "geometry", "uuid"])
def test_columns_whose_text_could_differ_do_not(data_type):
    assert column_types(TARGET, catalog(("id", "int", ""), ("name", data_type, ""))) is None


def test_generated_or_missing_target_columns_do_not():
    assert column_types(TARGET, catalog(("id", "int", ""), ("name", "varchar", "VIRTUAL GENERATED"))) is None
    assert column_types(TARGET, catalog(("id", "int", ""))) is None
    assert column_types(TARGET, []) is None


def test_catalog_query_asks_for_the_named_table_and_galera_only_on_mariadb():
    assert catalog_sql(True).count("%s") == len(catalog_params(TARGET)) == 8
    assert "WSREP_ON" in catalog_sql(True)
    assert "WSREP_ON" not in catalog_sql(False)
    assert catalog_params(TARGET) == (None, "t") * 4


def test_the_text_escapes_what_load_data_reads_specially():
    columns = [
        [1, 2, 3],
        ["tab\there", "new\nline\\", None],
        [Decimal("1.50"), None, Decimal("-0.000001")],
        [0.1, 2.5, None],
        [True, False, None],
    ]
    data = infile_bytes(columns, ["int", "text", "decimal", "double", "tinyint"], "utf-8")
    assert data == (b"1\ttab\\there\t1.50\t0.1\t1\n2\tnew\\nline\\\\\t\\N\t2.5\t0\n3\t\\N\t-0.000001\t\\N\t\\N\n")
    assert infile_bytes([["\x00", "\\N"]], ["varchar"], "utf-8") == b"\\0\n\\\\N\n"


def test_dates_and_times_are_written_as_the_driver_writes_them():
    columns = [
        [date(2024, 2, 29)],
        [datetime(2024, 2, 29, 23, 59, 58, 123456)],
        [datetime(2024, 2, 29, 23, 59, 58)],
        [time(1, 2, 3, 4)],
    ]
    data = infile_bytes(columns, ["date", "datetime", "datetime", "time"], "utf-8")
    assert data == b"2024-02-29\t2024-02-29 23:59:58.123456\t2024-02-29 23:59:58\t01:02:03.000004\n"


@pytest.mark.parametrize(
    ("values", "data_type"),
    [
        ([Decimal("1E+2")], "decimal"),  # the INSERT sends a float literal
        ([Decimal("NaN")], "decimal"),
        ([float("inf")], "double"),
        ([1e-05], "double"),
        ([5], "date"),  # a number into a temporal column converts unlike its text
        ([Decimal("1.5")], "datetime"),
        ([datetime(2024, 1, 1, tzinfo=timezone.utc)], "datetime"),
        ([date(999, 1, 1)], "date"),
        ([b"bytes"], "varchar"),
        ([1, "one"], "varchar"),  # mixed types in one column
        ([[1, 2]], "text"),
    ],
)
def test_values_whose_text_could_store_differently_keep_the_insert_path(values, data_type):
    assert infile_bytes([values], [data_type], "utf-8") is None


def test_text_that_cannot_be_encoded_keeps_the_insert_path():
    assert infile_bytes([["lone \ud800"]], ["varchar"], "utf-8") is None


def test_only_utf8_sessions_qualify():
    assert python_encoding("utf8mb4") == python_encoding(b"utf8") == "utf-8"
    assert python_encoding("latin1") is None


def test_the_statement_has_no_parameters_and_no_backslash():
    sql = load_statement(TARGET, "/tmp/x.tsv", "utf8mb4")
    assert sql.startswith("LOAD DATA LOCAL INFILE '/tmp/x.tsv' INTO TABLE t CHARACTER SET utf8mb4 ")
    assert sql.endswith("ESCAPED BY X'5C' LINES TERMINATED BY X'0A' (id, name)")
    assert "\\" not in sql
    assert "%" not in sql
    with pytest.raises(ValueError, match="character set"):
        load_statement(TARGET, "/tmp/x.tsv", "utf8; DROP")
    with pytest.raises(ValueError, match="file name"):
        load_statement(TARGET, "/tmp/it's.tsv", "utf8mb4")


def test_names_with_a_percent_sign_are_not_targets():
    assert infile_target("INSERT INTO `100%` (a) VALUES (%s)") is None


def test_a_directory_name_that_cannot_be_written_into_the_statement_is_refused(tmp_path):
    odd = tmp_path / "it's"
    odd.mkdir()
    with pytest.raises(OSError, match="quote"):
        InfileDir(str(odd))
    assert os.listdir(odd) == []


class _Error(Exception):
    def __init__(self, errno):
        super().__init__(errno)
        self.errno = errno


def test_refusals_are_told_from_other_errors():
    assert refused_errno(_Error(2068)) == 2068
    wrapped = RuntimeError("translated")
    wrapped.__cause__ = _Error(1148)
    assert refused_errno(wrapped) == 1148
    assert refused_errno(_Error(1062)) is None


def test_the_directory_and_its_files_are_private_and_removed(tmp_path):
    folder = InfileDir(str(tmp_path))
    assert stat.S_IMODE(os.stat(folder.path).st_mode) == 0o700
    path = folder.write(b"1\n")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path, "rb") as f:
        assert f.read() == b"1\n"
    folder.remove()
    assert not os.path.exists(folder.path)


def test_calls_mixing_types_in_a_column_keep_the_insert_path():
    assert single_typed([[1, None, 2], ["a", "b", None], [None, None, None]])
    assert not single_typed([[1, Decimal("2")]])
    assert not single_typed([["1", 1]])


def test_rows_are_cut_into_load_files():
    columns = [list(range(5)), list("abcde")]
    assert chunked(columns, 10)[0] is columns  # one file: no copy
    assert chunked(columns, 2) == [[[0, 1], ["a", "b"]], [[2, 3], ["c", "d"]], [[4], ["e"]]]


def _job_maker(made_in: list, fail: bool = False):
    def make(columns):
        made_in.append(threading.current_thread().name)
        if fail:
            raise OSError("disk full")
        return f"/tmp/{len(columns)}"

    return make


def test_a_load_file_job_not_begun_is_made_in_the_calling_thread():
    seen: list = []
    assert LoadFileJob(_job_maker(seen), [[1], [2]]).made() == "/tmp/2"
    assert seen == [threading.current_thread().name]
    ahead = LoadFileJob(_job_maker(seen), [[1]], ahead=True)
    assert ahead.made() == "/tmp/1"  # never begun: its worker finds nothing to do
    assert seen == [threading.current_thread().name] * 2


def test_a_job_made_ahead_runs_in_its_worker_once_begun():
    seen: list = []
    job = LoadFileJob(_job_maker(seen), [[1]], ahead=True)
    assert not job.done()  # waits for begin(): it must not take the GIL before the LOAD starts
    job.begin()
    assert job.made() == "/tmp/1"
    assert seen == ["rhosocial-load-file"]
    failing = LoadFileJob(_job_maker([], fail=True), [[1]], ahead=True)
    failing.begin()
    with pytest.raises(OSError, match="disk full"):
        failing.made()


def test_a_discarded_job_never_runs_or_leaves_its_file(tmp_path):
    seen: list = []
    idle = LoadFileJob(_job_maker(seen), [[1]], ahead=True)
    idle.discard()
    assert idle.cancelled()
    assert seen == []
    folder = InfileDir(str(tmp_path))
    gate = threading.Event()

    def slow(columns):
        gate.wait(5)
        return folder.write(b"x\n")

    begun = LoadFileJob(slow, [[1]], ahead=True)
    begun.begin()
    begun.discard()  # still being made: its file goes once it exists
    gate.set()
    path = begun.result(5)
    for _ in range(500):  # the callback runs just after the result is set, in the worker
        if not os.path.exists(path):
            break
        time_module.sleep(0.01)
    assert not os.path.exists(path)
    folder.remove()
