"""Which execute_many INSERTs may go through COPY: the statement, the table, each value (no server)."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.impl.postgres.backend.copy_insert import column_types, plain_insert, same_value
from rhosocial.activerecord.backend.impl.postgres.server.copy import copy_in_statement, source, table_identifier


@pytest.mark.parametrize(
    ("sql", "table", "columns", "copy_sql"),
    [
        ("INSERT INTO t (a, b) VALUES (%s, %s)", "t", ("a", "b"), "COPY t (a, b) FROM STDIN"),
        (
            'insert into s."My T"(A, "B c")values(%s,%s)',
            's."My T"',
            ("a", "B c"),
            'COPY s."My T" (A, "B c") FROM STDIN',
        ),
        ("  INSERT INTO t (a)\n VALUES ( %s )  ", "t", ("a",), "COPY t (a) FROM STDIN"),
    ],
)
def test_plain_inserts_are_recognised(sql, table, columns, copy_sql):
    target = plain_insert(sql)
    assert target is not None
    assert (target.table, target.columns, target.copy_sql) == (table, columns, copy_sql)


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO t (a) VALUES (%s) RETURNING id",
        "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING",
        "INSERT INTO t (a, b) VALUES (%s, DEFAULT)",
        "INSERT INTO t (a, b) VALUES (%s, now())",
        "INSERT INTO t (a) VALUES (%s::int)",
        "INSERT INTO t (a) SELECT %s",
        "INSERT INTO t VALUES (%s)",
        "INSERT INTO t (a, b) VALUES (%s)",
        "INSERT INTO t (a, a) VALUES (%s, %s)",
        "INSERT INTO t (a) VALUES (%s), (%s)",
        "INSERT INTO t (a) VALUES (%(a)s)",
        "UPDATE t SET a = %s",
        "WITH x AS (SELECT 1) INSERT INTO t (a) VALUES (%s)",
    ],
)
def test_other_statements_keep_the_insert_path(sql):
    assert plain_insert(sql) is None


def _catalog(**changes):
    row = {"kind": "r", "rules": False, "rls": False, "statement_triggers": False, "system_values": False}
    return {**row, "types": [23, 25], "found": 2, **changes}


def test_tables_copy_treats_differently_keep_the_insert_path():
    target = plain_insert("INSERT INTO t (a, b) VALUES (%s, %s)")
    assert column_types(target, _catalog()) == [23, 25]
    assert column_types(target, _catalog(kind="p")) == [23, 25]  # partitioned: COPY routes the rows too
    assert column_types(target, None) is None  # no such table: the INSERT reports it
    for changes in (
        {"found": 1},
        {"kind": "v"},
        {"kind": "f"},
        {"rules": True},
        {"rls": True},
        {"statement_triggers": True},
        {"system_values": True},
    ):
        assert column_types(target, _catalog(**changes)) is None, changes


@pytest.mark.parametrize(
    ("value", "parameter", "column", "same"),
    [
        ("x", 0, 3802, True),  # untyped text: both parse it with the column's input function
        (1.5, 701, 701, True),  # the column's own type
        (5, 20, 1700, True),  # integers into numeric: exact
        (5, 20, 25, False),  # int8 -> text is a cast
        (1.5, 701, 700, False),  # float8 -> real rounds differently from parsing the text
        (0.3, 701, 1700, False),  # float8 -> numeric keeps 15 digits
        ({"a": 1}, 114, 3802, True),  # json into jsonb parses the same text
        ([1], 1005, 1007, True),  # int2[] into int4[]
        ([1], 1005, 1009, False),  # int2[] into text[]
        (None, 1184, 1114, False),  # timestamptz into timestamp drops the offset one way, converts the other
    ],
)
def test_same_value(value, parameter, column, same):
    assert same_value(value, parameter, column) is same


def test_copy_api_statements_quote_names_and_refuse_unknown_options():
    assert table_identifier("s.t").as_string(None) == '"s"."t"'
    assert table_identifier(("a.b", "c")).as_string(None) == '"a.b"."c"'
    with pytest.raises(ValueError, match="schema"):
        table_identifier("a.b.c")
    statement = copy_in_statement("t", ["x y"], "csv", header=True, delimiter=";")
    assert statement.as_string(None) == 'COPY "t" ("x y") FROM STDIN (FORMAT CSV, HEADER, DELIMITER \';\')'
    with pytest.raises(ValueError, match="format"):
        copy_in_statement("t", None, "json")
    with pytest.raises(ValueError, match="columns="):
        source(None, "SELECT 1", ["a"])
