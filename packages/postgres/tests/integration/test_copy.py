"""COPY as an API and as the path of execute_many's plain INSERTs, live, sync and async (issues 11, 17)."""

from __future__ import annotations

import datetime
import enum
import io
import uuid
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.errors import DatabaseError, IntegrityError
from rhosocial.activerecord.backend.impl.postgres.adapters import PgArray
from rhosocial.activerecord.backend.toolkit.testing.statements import logged_statements, statements_logged

pytestmark = pytest.mark.server


class Mood(enum.Enum):
    happy = "h"
    sad = "s"


async def _rows_out(db, *args, **kwargs) -> list:
    if db.is_async:
        return [row async for row in db.copy_to(*args, **kwargs)]
    return list(await db.copy_to(*args, **kwargs))


async def _select(db, sql: str) -> list:
    return await db.fetch_all(sql)


# --- the API --------------------------------------------------------------------------------------


async def test_copy_rows_in_and_out(db, table):
    await db.execute(f'CREATE TABLE "{table}" (id INT PRIMARY KEY, name TEXT, price NUMERIC(8,2), tags TEXT[])')
    count = await db.copy_from(table, [(1, "a\tb", Decimal("1.50"), ["x"]), (2, None, Decimal("2"), [])])
    assert count == 2
    count = await db.copy_from(table, [{"id": 3, "name": "c\\d\n"}, {"id": 4, "name": "é"}])
    assert count == 2
    count = await db.copy_from(
        table, [(5, "bin", Decimal("9.99"), ["p", "q"])], ["id", "name", "price", "tags"], format="binary"
    )
    assert count == 1
    rows = await _rows_out(db, table, columns=["id", "name", "price", "tags"])
    assert sorted(rows) == [
        (1, "a\tb", Decimal("1.50"), ["x"]),
        (2, None, Decimal("2.00"), []),
        (3, "c\\d\n", None, None),
        (4, "é", None, None),
        (5, "bin", Decimal("9.99"), ["p", "q"]),
    ]
    assert await _rows_out(db, query=f'SELECT id * 10 AS x FROM "{table}" WHERE id < %s ORDER BY id', params=(3,)) == [
        (10,),
        (20,),
    ]


async def test_copy_files_csv_text_binary(db, table, tmp_path):
    await db.execute(f'CREATE TABLE "{table}" (id INT, name TEXT)')
    source = tmp_path / "in.csv"
    source.write_text('id,name\n1,"a,b"\n2,"line\nbreak"\n')
    assert await db.copy_from_file(table, source, header=True) == 2
    assert await db.copy_from_file(table, io.BytesIO(b"3\tt\\tab\n"), format="text") == 1
    out = tmp_path / "out.csv"
    assert await db.copy_to_file(out, query=f'SELECT * FROM "{table}" ORDER BY id', header=True) == 3
    assert out.read_text() == 'id,name\n1,"a,b"\n2,"line\nbreak"\n3,t\tab\n'  # text's \\t is a tab
    text = io.StringIO()
    assert await db.copy_to_file(text, table, format="text") == 3
    assert "3\tt\\tab" in text.getvalue()
    binary = io.BytesIO()
    assert await db.copy_to_file(binary, table, columns=["id"], format="binary") == 3
    await db.execute(f'DELETE FROM "{table}"')
    binary.seek(0)
    assert await db.copy_from_file(table, binary, ["id"], format="binary") == 3
    assert [r["id"] for r in await _select(db, f'SELECT id FROM "{table}" ORDER BY id')] == [1, 2, 3]


async def test_copy_refuses_what_it_cannot_render(db, table):
    with pytest.raises(ValueError, match="HEADER"):
        await db.copy_from_file(table, io.BytesIO(b""), format="text", header=True)
    with pytest.raises(ValueError, match="copy_from_file"):
        await db.copy_from(table, [(1,)], format="csv")
    with pytest.raises(ValueError, match="either a table or a query"):
        await db.copy_to_file(io.BytesIO())


async def test_failed_copy_stores_nothing_and_the_session_goes_on(db, table):
    await db.execute(f'CREATE TABLE "{table}" (id INT PRIMARY KEY)')
    with pytest.raises(IntegrityError):
        await db.copy_from(table, [(1,), (2,), (1,)])
    assert await _select(db, f'SELECT count(*) AS n FROM "{table}"') == [{"n": 0}]
    with pytest.raises(DatabaseError):
        await db.copy_from_file(table, io.BytesIO(b"1\nnot a number\n"), format="text")
    with pytest.raises(DatabaseError, match="a row has no 'id'"):
        await db.copy_from(table, [{"id": 5}, {"name": 6}])
    assert await db.copy_from(table, [(7,)]) == 1
    assert await _select(db, f'SELECT id FROM "{table}"') == [{"id": 7}]


# --- execute_many through COPY ---------------------------------------------------------------------

# Every column type the brief lists; each value as the normal INSERT path receives it.
_TYPES_DDL = """(id INT PRIMARY KEY, i BIGINT, small SMALLINT, n NUMERIC(20,6), f DOUBLE PRECISION, t TEXT,
  b BYTEA, flag BOOLEAN, d DATE, ts TIMESTAMPTZ, u UUID, j JSON, jb JSONB, jl JSONB, ints INT[], texts TEXT[],
  r INT4RANGE, tr TSTZRANGE, mood {enum}, mood2 {enum}, iv INTERVAL)"""
_COLUMNS = "id, i, small, n, f, t, b, flag, d, ts, u, j, jb, jl, ints, texts, r, tr, mood, mood2, iv"
_TRICKY_TEXT = ["tab\there", "new\nline", "back\\slash", "\\N", "unicode é ✓ 𝄞", "", "quote ' \" ,;", "\r\n"]


def _typed_rows(count: int) -> list[tuple]:
    zone = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
    rows = []
    for k in range(count):
        moment = datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, tzinfo=zone) + datetime.timedelta(hours=k)
        rows.append(
            (
                k,
                2**62 + k if k % 2 else -k,
                k % 100,
                Decimal("12345678901234.123456") if k % 3 else Decimal("-0.000001"),
                0.1 + 0.2 * k,
                _TRICKY_TEXT[k % len(_TRICKY_TEXT)],
                bytes([k % 256, 0, 255, 92, 10]),
                k % 2 == 0,
                datetime.date(2000, 1, 1) + datetime.timedelta(days=k),
                moment,
                uuid.UUID(int=k),
                {"k": k, "s": "tab\t\\ é"},
                {"nested": {"list": [1, 2, k]}, "null": None},
                [k, "two", {"three": 3.5}],
                PgArray([k, -k, 2**31 - 1]),
                PgArray(["a\tb", "c,d", '"q"', "\\", "é"]),
                (k, k + 10),
                None if k % 5 == 0 else (moment, moment + datetime.timedelta(days=1)),
                "happy" if k % 2 else "sad",
                Mood.happy if k % 3 else Mood.sad,
                datetime.timedelta(days=k, seconds=1, microseconds=5),
            )
        )
    rows.append((count,) + (None,) * 20)  # NULL in every column
    return rows


@pytest.fixture
async def typed_tables(db, table):
    enum_name = f"{table}_mood"
    await db.execute(f'DROP TYPE IF EXISTS "{enum_name}" CASCADE')
    await db.execute(f"CREATE TYPE \"{enum_name}\" AS ENUM ('happy', 'sad')")
    names = (f"{table}_copy", f"{table}_insert")
    for name in names:
        await db.execute(f'CREATE TABLE "{name}" {_TYPES_DDL.format(enum=chr(34) + enum_name + chr(34))}')
    yield names
    for name in names:
        await db.execute(f'DROP TABLE IF EXISTS "{name}"')
    await db.execute(f'DROP TYPE IF EXISTS "{enum_name}" CASCADE')


_statements = logged_statements


@pytest.fixture
def statement_log(caplog):
    with statements_logged(caplog):
        yield caplog


async def _insert_both_ways(db, names, rows, sql_for):
    backend = db.backend
    result = await db.execute_many(sql_for(names[0]), rows)
    backend.copy_min_rows = None  # the normal INSERT path, for the same rows
    try:
        await db.execute_many(sql_for(names[1]), rows)
    finally:
        del backend.copy_min_rows
    return result


async def test_execute_many_through_copy_stores_what_inserts_store(db, typed_tables, statement_log):
    rows = _typed_rows(60)
    placeholders = ", ".join(["%s"] * 21)
    result = await _insert_both_ways(
        db, typed_tables, rows, lambda name: f'INSERT INTO "{name}" ({_COLUMNS}) VALUES ({placeholders})'
    )
    assert result.affected_rows == len(rows)
    logged = _statements(statement_log)
    assert any(typed_tables[0] in m and "through COPY" in m for m in logged), logged
    assert not any(typed_tables[1] in m and "through COPY" in m for m in logged), logged
    # compared on the server, as text, so no client-side conversion can hide a difference
    select = 'SELECT {cols} FROM "{name}" ORDER BY id'
    as_text = ", ".join(f"{c}::text" for c in _COLUMNS.split(", "))
    copied = await db.fetch_all(select.format(cols=as_text, name=typed_tables[0]))
    inserted = await db.fetch_all(select.format(cols=as_text, name=typed_tables[1]))
    assert len(copied) == len(rows)
    assert copied == inserted
    # and as Python values
    plain = ", ".join(_COLUMNS.split(", "))
    assert await db.fetch_all(select.format(cols=plain, name=typed_tables[0])) == await db.fetch_all(
        select.format(cols=plain, name=typed_tables[1])
    )
    first = await db.fetch_one(f'SELECT jl, jb, t FROM "{typed_tables[0]}" WHERE id = 1')
    assert first["jl"] == [1, "two", {"three": 3.5}]
    assert first["t"] == "new\nline"


@pytest.mark.parametrize(
    ("ddl", "value"),
    [
        ("REAL", 0.1),  # float8 -> float4 cast vs parsing the float's text
        ("NUMERIC", 0.1 + 0.2),  # float8 -> numeric keeps 15 digits; the text has 17
        ("TIMESTAMP", datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))),
        ("TEXT", 5),  # int -> text cast
    ],
)
async def test_execute_many_keeps_inserts_where_copy_could_differ(db, typed_tables, statement_log, ddl, value):
    names = typed_tables
    for name in names:
        await db.execute(f'DROP TABLE "{name}"')
        await db.execute(f'CREATE TABLE "{name}" (id INT, v {ddl})')
    rows = [(k, value) for k in range(40)]
    await _insert_both_ways(db, names, rows, lambda name: f'INSERT INTO "{name}" (id, v) VALUES (%s, %s)')
    assert not any("through COPY" in m for m in _statements(statement_log))
    a = await db.fetch_all(f'SELECT v::text FROM "{names[0]}" ORDER BY id')
    b = await db.fetch_all(f'SELECT v::text FROM "{names[1]}" ORDER BY id')
    assert a == b
    assert len(a) == 40


@pytest.mark.parametrize(
    "sql",
    [
        'INSERT INTO "{t}" (id) VALUES (%s) RETURNING id',
        'INSERT INTO "{t}" (id) VALUES (%s) ON CONFLICT DO NOTHING',
        'INSERT INTO "{t}" (id, v) VALUES (%s, DEFAULT)',
        'INSERT INTO "{t}" (id) SELECT %s',
    ],
)
async def test_execute_many_other_inserts_keep_the_insert_path(db, table, statement_log, sql):
    await db.execute(f"CREATE TABLE \"{table}\" (id INT PRIMARY KEY, v TEXT DEFAULT 'd')")
    await db.execute_many(sql.format(t=table), [(k,) for k in range(40)])
    assert not any("through COPY" in m for m in _statements(statement_log))
    assert await db.fetch_one(f'SELECT count(*) AS n FROM "{table}"') == {"n": 40}


async def test_execute_many_keeps_inserts_on_tables_copy_treats_differently(db, table, statement_log):
    rows = [(k,) for k in range(40)]
    # an INSERT may not write a GENERATED ALWAYS identity column, COPY would: the INSERT's error stays
    await db.execute(f'CREATE TABLE "{table}" (id INT GENERATED ALWAYS AS IDENTITY, v INT)')
    with pytest.raises(DatabaseError):
        await db.execute_many(f'INSERT INTO "{table}" (id) VALUES (%s)', rows)
    # a statement-level trigger fires once per INSERT, once per COPY
    await db.execute(f'CREATE TABLE "{table}_log" (n INT)')
    await db.execute(
        f'CREATE FUNCTION "{table}_f"() RETURNS trigger LANGUAGE plpgsql AS '
        f'$$ BEGIN INSERT INTO "{table}_log" VALUES (1); RETURN NULL; END $$'
    )
    await db.execute(f'CREATE TRIGGER t AFTER INSERT ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION "{table}_f"()')
    try:
        await db.execute_many(f'INSERT INTO "{table}" (v) VALUES (%s)', rows)
        assert await db.fetch_one(f'SELECT count(*) AS n FROM "{table}_log"') == {"n": 40}
        # a view takes INSERTs (auto-updatable), not COPY
        await db.execute(f'CREATE VIEW "{table}_view" AS SELECT v FROM "{table}"')
        await db.execute_many(f'INSERT INTO "{table}_view" (v) VALUES (%s)', rows)
        assert await db.fetch_one(f'SELECT count(*) AS n FROM "{table}"') == {"n": 80}
    finally:
        await db.execute(f'DROP VIEW IF EXISTS "{table}_view"')
        await db.execute(f'DROP TABLE IF EXISTS "{table}_log"')
        await db.execute(f'DROP TABLE "{table}"')
        await db.execute(f'DROP FUNCTION IF EXISTS "{table}_f"()')
    assert not any("through COPY" in m for m in _statements(statement_log))


async def test_execute_many_copy_failure_rolls_back_what_an_insert_failure_would(db, table):
    await db.execute(f'CREATE TABLE "{table}" (id INT PRIMARY KEY)')
    rows = [(k,) for k in range(50)] + [(3,)]
    sql = f'INSERT INTO "{table}" (id) VALUES (%s)'
    for copy_min_rows in (None, 1):  # the INSERT path, then COPY
        db.backend.copy_min_rows = copy_min_rows
        try:
            # outside a transaction: all or nothing, on both paths
            with pytest.raises(IntegrityError):
                await db.execute_many(sql, rows)
            assert await db.fetch_one(f'SELECT count(*) AS n FROM "{table}"') == {"n": 0}
            # inside one, in a nested transaction: its savepoint undoes the batch, the outer row stays
            async with db.transaction():
                await db.execute(f'INSERT INTO "{table}" (id) VALUES (1000)')
                with pytest.raises(IntegrityError):
                    async with db.transaction():
                        await db.execute_many(sql, rows)
                await db.execute(f'INSERT INTO "{table}" (id) VALUES (1001)')
            assert await db.fetch_all(f'SELECT id FROM "{table}" ORDER BY id') == [{"id": 1000}, {"id": 1001}]
            await db.execute(f'DELETE FROM "{table}"')
        finally:
            del db.backend.copy_min_rows


# --- no statement sees another's rows --------------------------------------------------------------


async def test_failed_statement_leaves_no_rows_behind(db, table):
    await db.execute(f'CREATE TABLE "{table}" (id INT PRIMARY KEY, name TEXT)')
    await db.execute_many(f'INSERT INTO "{table}" (id, name) VALUES (%s, %s)', [(1, "one"), (2, "two")])
    assert len(await db.fetch_all(f'SELECT * FROM "{table}"')) == 2
    with pytest.raises(DatabaseError):
        await db.fetch_all(f'SELECT * FROM "{table}" WHERE id = 1 / 0')
    assert await db.fetch_one(f'SELECT name FROM "{table}" WHERE id = %s', (2,)) == {"name": "two"}
    with pytest.raises(DatabaseError):
        await db.execute(f'INSERT INTO "{table}" (id) VALUES (1)')
    assert await db.fetch_one(f'SELECT name FROM "{table}" WHERE id = %s', (3,)) is None
    assert await db.fetch_all(f'SELECT name FROM "{table}" WHERE id > 5') == []
    result = await db.execute(f'UPDATE "{table}" SET name = name')
    assert result.data is None
    assert result.affected_rows == 2
    mapped = await db.fetch_all(f'SELECT id, name FROM "{table}" ORDER BY id', column_mapping={"name": "label"})
    assert mapped == [{"id": 1, "label": "one"}, {"id": 2, "label": "two"}]
    assert await db.fetch_one(f'SELECT id, name FROM "{table}" WHERE id = 1') == {"id": 1, "name": "one"}
    for _ in range(2):  # refused every time, not only the first (statement texts are classified once)
        with pytest.raises(DatabaseError):
            await db.execute("SELECT 1; SELECT 2")


async def test_concurrent_tasks_get_their_own_rows(async_backend, table_name):
    import asyncio

    backend = async_backend
    await backend.execute(f'CREATE TABLE "{table_name}" (id INT PRIMARY KEY, name TEXT)')
    try:
        await backend.execute_many(
            f'INSERT INTO "{table_name}" (id, name) VALUES (%s, %s)', [(k, f"n{k}") for k in range(100)]
        )

        async def one(k: int):
            return await backend.fetch_one(f'SELECT id, name FROM "{table_name}" WHERE id = %s', (k,))

        found = await asyncio.gather(*(one(k) for k in range(100)))
        assert found == [{"id": k, "name": f"n{k}"} for k in range(100)]
    finally:
        await backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')


def test_threads_sharing_a_backend_get_their_own_rows(backend, table_name):
    import threading

    backend.execute(f'CREATE TABLE "{table_name}" (id INT PRIMARY KEY, name TEXT)')
    try:
        backend.execute_many(
            f'INSERT INTO "{table_name}" (id, name) VALUES (%s, %s)', [(k, f"n{k}") for k in range(200)]
        )
        wrong: list = []

        def work(offset: int) -> None:
            for k in range(offset, 200, 4):
                row = backend.fetch_one(f'SELECT id, name FROM "{table_name}" WHERE id = %s', (k,))
                rows = backend.fetch_all(f'SELECT id FROM "{table_name}" WHERE id <= %s ORDER BY id', (k,))
                if row != {"id": k, "name": f"n{k}"} or len(rows) != k + 1:
                    wrong.append((k, row, len(rows)))

        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert wrong == []
    finally:
        backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')


def test_driver_implementation_reported(backend):
    import psycopg

    assert backend.server_info.settings["driver_implementation"] == psycopg.pq.__impl__
    assert backend.server_info.driver_implementation == psycopg.pq.__impl__
    assert psycopg.pq.__impl__ in ("binary", "c", "python")
