"""Issue #9 item 3 on a real Oracle: statements built from the core's objects, rendered by our
dialect, run, and their effect checked in the data dictionary or the data. Skips without a DSN."""

from __future__ import annotations

from datetime import datetime

import pytest

from rhosocial.activerecord.backend.errors import IntegrityError
from rhosocial.activerecord.backend.expression import Column, Literal, QueryExpression
from rhosocial.activerecord.backend.expression import functions as F
from rhosocial.activerecord.backend.expression.statements import (
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateSequenceExpression,
    CreateTableExpression,
    DropSequenceExpression,
    DropTableExpression,
    InsertExpression,
    OnConflictClause,
    ValuesSource,
)
from rhosocial.activerecord.backend.expression.types import BigIntType, IntegerType, TimestampType, VarCharType
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.schema import StatementType

pytestmark = pytest.mark.server
C = ColumnConstraintType
DQL = ExecutionOptions(stmt_type=StatementType.DQL)


def run(backend, expr):
    sql, params = expr.to_sql()
    return backend.execute(sql, params)


@pytest.fixture
def users(backend):
    d = backend.dialect
    cols = [
        ColumnDefinition("id", BigIntType(), [ColumnConstraint(C.PRIMARY_KEY, is_auto_increment=True)]),
        ColumnDefinition("name", VarCharType(50), [ColumnConstraint(C.UNIQUE)], comment="display name"),
        ColumnDefinition(
            "age",
            IntegerType(),
            [
                ColumnConstraint(C.CHECK, check_condition=Column(d, "age") >= Literal(d, 0)),
                ColumnConstraint(C.DEFAULT, default_value=Literal(d, 18)),
            ],
        ),
        ColumnDefinition("seen", TimestampType()),
    ]
    run(backend, DropTableExpression(d, "ho_users", if_exists=True, cascade=True))
    run(backend, CreateTableExpression(d, "ho_users", cols, if_not_exists=True))
    yield "HO_USERS"
    run(backend, DropTableExpression(d, "ho_users", if_exists=True, cascade=True))


def test_identity_default_check_and_comment_take_effect(backend, users):
    backend.execute('INSERT INTO "HO_USERS" ("NAME") VALUES (?)', ("a",))
    backend.execute('INSERT INTO "HO_USERS" ("NAME") VALUES (?)', ("b",))
    rows = backend.fetch_all('SELECT "ID", "AGE" FROM "HO_USERS" ORDER BY "ID"')
    assert [r["age"] for r in rows] == [18, 18]
    assert rows[1]["id"] > rows[0]["id"]
    identity = backend.fetch_one(
        "SELECT generation_type FROM user_tab_identity_cols WHERE table_name = ? AND column_name = 'ID'", (users,)
    )
    assert identity["generation_type"] == "BY DEFAULT"
    comment = backend.fetch_one(
        "SELECT comments FROM user_col_comments WHERE table_name = ? AND column_name = 'NAME'", (users,)
    )
    assert comment["comments"] == "display name"
    with pytest.raises(IntegrityError):
        backend.execute('INSERT INTO "HO_USERS" ("NAME", "AGE") VALUES (?, ?)', ("c", -1))


def test_if_not_exists_and_if_exists_are_idempotent(backend, users):
    d = backend.dialect
    cols = [ColumnDefinition("x", IntegerType())]
    run(backend, CreateTableExpression(d, "ho_users", cols, if_not_exists=True))  # exists: no error, unchanged
    assert backend.fetch_one("SELECT COUNT(*) n FROM user_tab_columns WHERE table_name = ?", (users,))["n"] == 4
    run(backend, DropTableExpression(d, "ho_users", if_exists=True))
    run(backend, DropTableExpression(d, "ho_users", if_exists=True))  # gone: no error
    assert backend.fetch_one("SELECT COUNT(*) n FROM user_tables WHERE table_name = ?", (users,))["n"] == 0


def test_sequence_nocycle_and_if_exists(backend):
    d = backend.dialect
    run(backend, DropSequenceExpression(d, "ho_seq", if_exists=True))
    run(backend, CreateSequenceExpression(d, "ho_seq", start=5, increment=5, maxvalue=10, if_not_exists=True))
    run(backend, CreateSequenceExpression(d, "ho_seq", if_not_exists=True))
    row = backend.fetch_one("SELECT cycle_flag, increment_by FROM user_sequences WHERE sequence_name = 'HO_SEQ'")
    assert (row["cycle_flag"], row["increment_by"]) == ("N", 5)
    run(backend, DropSequenceExpression(d, "ho_seq", if_exists=True))
    run(backend, DropSequenceExpression(d, "ho_seq", if_exists=True))


def test_upsert_with_excluded_updates_from_the_new_row(backend, users):
    d = backend.dialect

    def upsert(name: str, age: int):
        return InsertExpression(
            d,
            into="ho_users",
            source=ValuesSource(d, [[Literal(d, name), Literal(d, age)]]),
            columns=["name", "age"],
            on_conflict=OnConflictClause(
                d, conflict_target=["name"], update_assignments={"age": Column(d, "age", table="EXCLUDED")}
            ),
        )

    run(backend, upsert("a", 20))
    run(backend, upsert("a", 30))
    rows = backend.fetch_all('SELECT "NAME", "AGE" FROM "HO_USERS"')
    assert [(r["name"], r["age"]) for r in rows] == [("a", 30)]


def test_trunc_and_repeat_values(backend):
    d = backend.dialect
    q = QueryExpression(
        d,
        select=[
            F.date_trunc(d, "month", Literal(d, datetime(2024, 5, 17, 13, 45))).as_("m"),
            F.repeat(d, Literal(d, "ab"), 3).as_("r"),
        ],
    )
    sql, params = q.to_sql()
    row = backend.fetch_one(sql, params)
    assert row["m"] == datetime(2024, 5, 1)
    assert row["r"] == "ababab"
