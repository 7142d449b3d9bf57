"""``execute()`` runs exactly one statement, with or without parameters; ``executescript()`` runs scripts."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.errors import IntegrityError, QueryError
from rhosocial.activerecord.backend.toolkit.errors import MultipleStatementsError

pytestmark = pytest.mark.server


@pytest.fixture
def table(backend, table_name):
    backend.execute(f'CREATE TABLE "{table_name}" (id INT PRIMARY KEY, note TEXT)')
    yield table_name
    backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')


def test_two_statements_without_parameters_are_refused(backend, table):
    with pytest.raises(MultipleStatementsError, match=r"executescript\(\)"):
        backend.execute(f"INSERT INTO \"{table}\" VALUES (1, 'a'); INSERT INTO \"{table}\" VALUES (2, 'b')")
    assert backend.fetch_all(f'SELECT id FROM "{table}"') == []  # nothing of it ran


def test_two_statements_with_parameters_are_refused_the_same_way(backend, table):
    with pytest.raises(MultipleStatementsError, match=r"executescript\(\)"):
        backend.execute(f'INSERT INTO "{table}" VALUES (%s, %s); DELETE FROM "{table}"', (1, "a"))
    assert backend.fetch_all(f'SELECT id FROM "{table}"') == []


def test_one_statement_with_semicolons_inside_runs(backend, table):
    backend.execute(f"INSERT INTO \"{table}\" VALUES (1, 'a;b'), (2, $$c;d$$), (3, E'e\\';f');")
    backend.execute("DO $body$ BEGIN PERFORM 1; PERFORM 2; END $body$ /* a; comment */ -- another;\n")
    rows = backend.fetch_all(f'SELECT note FROM "{table}" ORDER BY id;')
    assert [r["note"] for r in rows] == ["a;b", "c;d", "e';f"]


def test_sql_standard_function_body_is_one_statement(backend, table_name):
    if backend.get_server_version() < (14,):
        pytest.skip("SQL-standard function bodies (BEGIN ATOMIC) need PostgreSQL 14; this server is older")
    fn = f"{table_name}_f"
    backend.execute(f"CREATE FUNCTION {fn}() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END")
    try:
        assert backend.fetch_one(f"SELECT {fn}() AS v")["v"] == 2
    finally:
        backend.execute(f"DROP FUNCTION {fn}()")


def script_for(table: str) -> str:
    return f"""
-- a migration: DDL and DML
CREATE TABLE "{table}" (id INT PRIMARY KEY, note TEXT);
INSERT INTO "{table}" VALUES (1, 'a;b'), (2, 'it''s; fine');
CREATE FUNCTION "{table}_bump"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "{table}" SET note = note || '!';
END;
$$;
SELECT "{table}_bump"();
DROP FUNCTION "{table}_bump"();
"""


def test_executescript_runs_every_statement(backend, table_name):
    try:
        backend.executescript(script_for(table_name))
        rows = backend.fetch_all(f'SELECT note FROM "{table_name}" ORDER BY id')
        assert [r["note"] for r in rows] == ["a;b!", "it's; fine!"]
    finally:
        backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')


def test_executescript_error_names_the_statement_and_a_transaction_makes_it_atomic(backend, table):
    script = f"INSERT INTO \"{table}\" VALUES (1, 'a');\n\nINSERT INTO \"{table}\"\n VALUES (1, 'dup');"
    with pytest.raises(IntegrityError) as info, backend.transaction():
        backend.executescript(script)
    message = str(info.value)
    assert f'statement 2 (line 3: INSERT INTO "{table}") of 2 failed' in message
    assert "23505" in message
    assert backend.fetch_all(f'SELECT id FROM "{table}"') == []  # rolled back with the transaction


async def test_async_one_statement_rule_and_executescript(async_backend, table_name):
    b = async_backend
    with pytest.raises(MultipleStatementsError):
        await b.execute("SELECT 1; SELECT 2")
    with pytest.raises(MultipleStatementsError):
        await b.execute("SELECT %s; SELECT 2", (1,))
    try:
        await b.executescript(script_for(table_name))
        rows = await b.fetch_all(f'SELECT note FROM "{table_name}" ORDER BY id')
        assert [r["note"] for r in rows] == ["a;b!", "it's; fine!"]
        with pytest.raises(QueryError, match=r"statement 2 \(line 1: SELECT nope FROM nowhere\) of 2"):
            await b.executescript("SELECT 1; SELECT nope FROM nowhere")
    finally:
        await b.execute(f'DROP TABLE IF EXISTS "{table_name}"')
