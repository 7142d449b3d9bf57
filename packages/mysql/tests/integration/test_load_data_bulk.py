"""execute_many through LOAD DATA LOCAL INFILE: the same rows as the INSERT path, or the INSERT path itself."""

from __future__ import annotations

import asyncio
import datetime
import inspect
import os
import stat
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.errors import DatabaseError, IntegrityError
from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend
from rhosocial.activerecord.backend.impl.mysql.backend import infile_insert
from rhosocial.activerecord.backend.impl.mysql.backend.infile_insert import LOAD_DATA_MIN_ROWS, InfileDir
from rhosocial.activerecord.backend.toolkit.testing.statements import logged_statements, statements_logged

pytestmark = pytest.mark.server

T = "it_load_bulk"
N = LOAD_DATA_MIN_ROWS + 200
_TEXTS = [
    "tab\there",
    "new\nline",
    "back\\slash",
    "\\N",
    "unicode é ✓ 𝄞",
    "",
    "quote ' \" ,;",
    "\r\n",
    "nul\x00!",
    "trail\\",
]
_COLUMNS = "id, i, n, f, t, tx, d, dt, tm, flag, maybe"
_DDL = """(id INT PRIMARY KEY, i BIGINT, n DECIMAL(20,6), f DOUBLE, t VARCHAR(40), tx TEXT, d DATE,
  dt DATETIME(6), tm TIME(6), flag TINYINT, maybe VARCHAR(10) NULL)"""


async def run(value):
    return await value if inspect.isawaitable(value) else value


def typed_rows(count: int, first: int = 0) -> list[tuple]:
    rows = []
    for k in range(first, first + count):
        rows.append(
            (
                k,
                2**62 + k if k % 2 else -k,
                Decimal("12345678901234.123456") if k % 3 else Decimal("-0.000001"),
                0.1 + 0.2 * k,
                _TEXTS[k % len(_TEXTS)],
                _TEXTS[(k + 3) % len(_TEXTS)] * 3,
                datetime.date(2000, 1, 1) + datetime.timedelta(days=k),
                datetime.datetime(2024, 2, 29, 23, 59, 58, 123456) + datetime.timedelta(hours=k),
                datetime.time(12, 34, 56, k % 1000),
                k % 2 == 0,
                None if k % 4 else "x",
            )
        )
    return rows


def insert_sql(table: str) -> str:
    return f"INSERT INTO {table} ({_COLUMNS}) VALUES ({', '.join(['%s'] * 11)})"


@pytest.fixture
def tables(backend):
    names = (f"{T}_load", f"{T}_insert")
    for name in names:
        backend.execute(f"DROP TABLE IF EXISTS {name}")
        backend.execute(f"CREATE TABLE {name} {_DDL}")
    yield names
    for name in names:
        backend.execute(f"DROP TABLE IF EXISTS {name}")


@pytest.fixture
def infile_on(backend) -> bool:
    """Whether the server takes LOAD DATA LOCAL (MySQL 8 ships with it off: then the INSERTs must run)."""
    return bool(int(backend.fetch_one("SELECT @@local_infile AS v")["v"]))


@pytest.fixture
def statement_log(caplog):
    with statements_logged(caplog):
        yield caplog


def loaded(caplog, table: str) -> bool:
    return any(table in m and "through LOAD DATA" in m for m in logged_statements(caplog))


async def loads_run(backend) -> int:
    """LOAD DATA statements the server ran in the backend's session so far (its own count)."""
    row = await run(backend.fetch_one("SHOW SESSION STATUS LIKE 'Com_load'"))
    return int(row["Value"])


@pytest.fixture
def three_files(monkeypatch):
    """N rows go in three load files (500, 500, 200): each made while the server loads the one before."""
    monkeypatch.setattr(infile_insert, "CHUNK_ROWS", 500)


async def no_files_left(folder: str) -> bool:
    """Whether ``folder`` empties (a file made for a load that did not run is deleted once made)."""
    for _ in range(100):
        if not os.listdir(folder):
            return True
        await asyncio.sleep(0.01)
    return False


@pytest.mark.parametrize("files", ["one", "three"])
async def test_load_data_stores_what_inserts_store(either, tables, statement_log, infile_on, files, monkeypatch):
    if files == "three":
        monkeypatch.setattr(infile_insert, "CHUNK_ROWS", 500)
    rows = typed_rows(N)
    before = await loads_run(either)
    result = await run(either.execute_many(insert_sql(tables[0]), rows))
    files_loaded = await loads_run(either) - before
    either.load_data_min_rows = None  # the INSERT path, for the same rows
    try:
        await run(either.execute_many(insert_sql(tables[1]), rows))
    finally:
        del either.load_data_min_rows
    assert result.affected_rows == N
    assert loaded(statement_log, tables[0]) is infile_on
    assert files_loaded == ({"one": 1, "three": 3}[files] if infile_on else 0)
    assert not loaded(statement_log, tables[1])
    assert await no_files_left(either._infile_dir.path)
    # compared on the server, as text, so no client-side conversion can hide a difference
    as_text = ", ".join(f"HEX(CAST({c} AS CHAR))" for c in _COLUMNS.split(", "))
    select = "SELECT {cols} FROM {name} ORDER BY id"
    by_load = await run(either.fetch_all(select.format(cols=as_text, name=tables[0])))
    by_insert = await run(either.fetch_all(select.format(cols=as_text, name=tables[1])))
    assert len(by_load) == N
    assert [list(r.values()) for r in by_load] == [list(r.values()) for r in by_insert]
    back = await run(either.fetch_all(f"SELECT t, tx, maybe FROM {tables[0]} ORDER BY id"))
    assert [(r["t"], r["tx"], r["maybe"]) for r in back] == [(r[4], r[5], r[10]) for r in rows]


async def test_a_warning_rolls_the_load_back_and_the_inserts_decide(either, tables, statement_log):
    rows = typed_rows(N)
    rows[-1] = (0, *rows[-1][1:])  # a duplicate key: LOAD DATA LOCAL would skip it with a warning
    with pytest.raises(IntegrityError):
        await run(either.execute_many(insert_sql(tables[0]), rows))
    assert not loaded(statement_log, tables[0])
    assert await run(either.fetch_all(f"SELECT id FROM {tables[0]}")) == []


async def test_a_warning_in_a_later_file_undoes_the_earlier_ones(either, tables, statement_log, three_files):
    rows = typed_rows(N)
    rows[700] = (0, *rows[700][1:])  # a duplicate key in the second file
    with pytest.raises(IntegrityError):
        await run(either.execute_many(insert_sql(tables[0]), rows))
    assert not loaded(statement_log, tables[0])
    assert await run(either.fetch_all(f"SELECT id FROM {tables[0]}")) == []
    assert await no_files_left(either._infile_dir.path)  # the third file, made for nothing, is gone


async def test_a_value_a_later_file_cannot_carry_sends_the_call_as_inserts(
    either, tables, statement_log, three_files, infile_on
):
    rows = typed_rows(N)
    rows[1100] = (*rows[1100][:2], Decimal("1E+2"), *rows[1100][3:])  # in the third file: an exponent
    before = await loads_run(either)
    result = await run(either.execute_many(insert_sql(tables[0]), rows))
    assert result.affected_rows == N
    assert not loaded(statement_log, tables[0])
    assert await loads_run(either) - before == (2 if infile_on else 0)  # two files loaded, then undone
    back = await run(either.fetch_all(f"SELECT COUNT(*) AS c, SUM(n = 100) AS e FROM {tables[0]}"))
    assert (back[0]["c"], back[0]["e"]) == (N, 1)  # each row once, the INSERTs' way
    assert await no_files_left(either._infile_dir.path)


async def test_types_mixed_across_files_keep_the_insert_path(either, tables, statement_log, three_files):
    rows = typed_rows(N)
    rows[1100] = (*rows[1100][:4], 1100, *rows[1100][5:])  # an int among the strings, in the third file
    before = await loads_run(either)
    assert (await run(either.execute_many(insert_sql(tables[0]), rows))).affected_rows == N
    assert await loads_run(either) == before  # decided before any file was loaded
    assert not loaded(statement_log, tables[0])


async def test_a_too_long_value_is_refused_as_the_insert_refuses_it(either, tables):
    rows = typed_rows(N)
    rows[7] = (*rows[7][:4], "x" * 41, *rows[7][5:])  # VARCHAR(40): the load would truncate it
    either.load_data_min_rows = None
    try:
        with pytest.raises(DatabaseError) as by_insert:
            await run(either.execute_many(insert_sql(tables[1]), rows))
    finally:
        del either.load_data_min_rows
    with pytest.raises(DatabaseError) as by_load:
        await run(either.execute_many(insert_sql(tables[0]), rows))
    assert type(by_load.value) is type(by_insert.value)
    assert await run(either.fetch_all(f"SELECT id FROM {tables[0]}")) == []


async def test_inside_a_transaction_only_the_call_is_undone(either, tables, statement_log, infile_on):
    table = tables[0]
    rows = typed_rows(N, first=1)
    good = typed_rows(N, first=10_000)
    if isinstance(either, AsyncMySQLBackend):
        async with either.transaction():
            await either.execute_many(insert_sql(table), good)
            await either.execute(f"INSERT INTO {table} (id) VALUES (0)")
            with pytest.raises(IntegrityError):
                await either.execute_many(insert_sql(table), [*rows, rows[0]])
    else:
        with either.transaction():
            either.execute_many(insert_sql(table), good)
            either.execute(f"INSERT INTO {table} (id) VALUES (0)")
            with pytest.raises(IntegrityError):
                either.execute_many(insert_sql(table), [*rows, rows[0]])
    kept = await run(either.fetch_all(f"SELECT COUNT(*) AS n, MIN(id) AS lo FROM {table}"))
    assert (kept[0]["n"], kept[0]["lo"]) == (N + 1, 0)
    assert loaded(statement_log, table) is infile_on  # the first call: LOAD DATA inside the transaction


@pytest.mark.parametrize(
    ("ddl", "value"),
    [
        ("ENGINE=MyISAM", 5),  # no rollback would undo a load that warned
        ("", 5),  # with a trigger (added below)
        ("y YEAR", 0),  # the INSERT stores 0000, the text '0' would be 2000
        ("y BIT(8)", 1),  # the INSERT stores b'00000001', the text '1' would be '1'
        ("y INT AS (id + 1) VIRTUAL", 5),  # generated columns stay the INSERT's business
    ],
    ids=["myisam", "trigger", "year", "bit", "generated"],
)
async def test_tables_where_a_load_could_differ_keep_the_insert_path(either, backend, statement_log, ddl, value):
    table = f"{T}_other"
    backend.execute(f"DROP TABLE IF EXISTS {table}")
    backend.execute(f"DROP TABLE IF EXISTS {table}_log")
    if ddl.startswith("ENGINE"):
        backend.execute(f"CREATE TABLE {table} (id INT PRIMARY KEY, y INT) {ddl}")
    elif ddl:
        backend.execute(f"CREATE TABLE {table} (id INT PRIMARY KEY, {ddl})")
    else:
        backend.execute(f"CREATE TABLE {table} (id INT PRIMARY KEY, y INT)")
        backend.execute(f"CREATE TABLE {table}_log (id INT)")
        backend.execute(
            f"CREATE TRIGGER {table}_t AFTER INSERT ON {table} FOR EACH ROW INSERT INTO {table}_log VALUES (NEW.id)"
        )
    try:
        rows = [(k, value) for k in range(N)]
        insert = f"INSERT INTO {table} (id, y) VALUES (%s, %s)"
        if "AS (" in ddl:  # a value for a generated column: whatever the INSERT says, not a load
            with pytest.raises(DatabaseError, match="generated column"):
                await run(either.execute_many(insert, rows))
            assert not loaded(statement_log, table)
            return
        result = await run(either.execute_many(insert, rows))
        assert result.affected_rows == N
        assert not loaded(statement_log, table)
        got = await run(either.fetch_all(f"SELECT HEX(y) AS v FROM {table} WHERE id = 1"))
        expected = {0: "0", 1: "1", 5: "5"}[value]
        assert got[0]["v"].lstrip("0") == expected.lstrip("0")
    finally:
        backend.execute(f"DROP TABLE IF EXISTS {table}")
        backend.execute(f"DROP TABLE IF EXISTS {table}_log")


async def test_values_the_text_could_change_keep_the_insert_path(either, tables, statement_log):
    rows = typed_rows(N)
    rows[3] = (*rows[3][:2], Decimal("1E+2"), *rows[3][3:])  # an exponent: the INSERT sends a float literal
    await run(either.execute_many(insert_sql(tables[0]), rows))
    assert not loaded(statement_log, tables[0])
    assert len(await run(either.fetch_all(f"SELECT id FROM {tables[0]}"))) == N


async def test_fewer_rows_than_the_threshold_go_as_inserts(either, tables, statement_log):
    await run(either.execute_many(insert_sql(tables[0]), typed_rows(LOAD_DATA_MIN_ROWS - 1)))
    assert not loaded(statement_log, tables[0])


async def test_a_refused_file_leaves_nothing_behind(either, tables, statement_log, infile_on):
    if not infile_on:
        pytest.skip("the server has local_infile off: the path is never taken, so no file is refused")
    # a directory the driver was not told about: it refuses to send the file
    either._infile_dir = InfileDir()
    if either.server_info.settings["driver_implementation"] == "c":
        # libmysqlclient tells the server (error 2068): the INSERTs go instead, the path is off from now on
        result = await run(either.execute_many(insert_sql(tables[0]), typed_rows(N)))
        assert result.affected_rows == N
        assert either.load_data_min_rows is None
        assert not loaded(statement_log, tables[0])
        del either.load_data_min_rows
    else:
        # the pure driver raises without answering the server: the session is out of step and is dropped
        with pytest.raises(DatabaseError, match="allow_local_infile_in_path"):
            await run(either.execute_many(insert_sql(tables[0]), typed_rows(N)))
        assert await run(either.fetch_all(f"SELECT id FROM {tables[0]}")) == []
        assert (await run(either.execute_many(insert_sql(tables[0]), typed_rows(10)))).affected_rows == 10


async def test_the_load_file_is_private_and_gone_afterwards(either, tables):
    folder = either._infile_dir.path
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    await run(either.execute_many(insert_sql(tables[0]), typed_rows(N)))
    assert os.listdir(folder) == []


def test_switched_off_the_session_has_no_local_infile(make_config, tables):
    b = MySQLBackend(make_config(bulk_load_data=False))
    try:
        assert all("allow_local_infile_in_path" not in args for args in b.connect_candidates())
        b.connect()
        assert b._infile_dir is None
        assert b.execute_many(insert_sql(tables[0]), typed_rows(N)).affected_rows == N
    finally:
        b.disconnect()


@pytest.mark.parametrize("driver", ["default", "pure"])
def test_no_backslash_escapes_sessions_load_the_same_text(make_config, tables, statement_log, driver, infile_on):
    options = {"use_pure": True} if driver == "pure" else {}
    b = MySQLBackend(make_config(sql_mode="NO_BACKSLASH_ESCAPES", options=options))
    b.connect()
    try:
        rows = typed_rows(N)
        b.execute_many(insert_sql(tables[0]), rows)
        assert loaded(statement_log, tables[0]) is infile_on
        back = b.fetch_all(f"SELECT t, tx FROM {tables[0]} ORDER BY id")
        assert [(r["t"], r["tx"]) for r in back] == [(r[4], r[5]) for r in rows]
    finally:
        b.disconnect()


def test_with_an_allow_list_the_load_files_live_inside_it(make_config, tables, statement_log, infile_on, tmp_path):
    allowed = tmp_path / "imports"
    allowed.mkdir()
    b = MySQLBackend(make_config(local_infile_dirs=[str(allowed)]))
    b.connect()
    try:
        assert os.path.dirname(b._infile_dir.path) == os.path.realpath(allowed)
        assert b.execute_many(insert_sql(tables[0]), typed_rows(N)).affected_rows == N
        assert loaded(statement_log, tables[0]) is infile_on
    finally:
        b.disconnect()
