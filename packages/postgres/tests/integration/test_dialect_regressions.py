"""Defects found by building statements from the core's objects (issue #9), each proven live.

Every test builds its statement from the core's expression / DDL / model objects, renders it with the
backend's ``PostgresDialect``, runs it and checks the effect in the data or the catalogue. Hand-written
SQL only sets up tables and reads effects.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Optional

import psycopg
import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.expression import Column, Literal, QueryExpression, Subquery, TableExpression
from rhosocial.activerecord.backend.expression.advanced_functions import AnyExpression
from rhosocial.activerecord.backend.expression.query_parts import ForUpdateClause
from rhosocial.activerecord.backend.expression.query_sources import LateralExpression
from rhosocial.activerecord.backend.expression.statements import (
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateFunctionExpression,
    CreateIndexExpression,
    CreateTableExpression,
    CreateTriggerExpression,
    DropIndexExpression,
    GeneratedColumnType,
    InsertExpression,
    OnConflictClause,
    TableConstraint,
    TableConstraintType,
    TriggerEvent,
    TriggerTiming,
    ValuesSource,
)
from rhosocial.activerecord.backend.expression.types import IntegerType, TextType

from ..conftest import config_for

pytestmark = pytest.mark.server


def run(backend, expr):
    sql, params = expr.to_sql()
    return backend.execute(sql, params or None)


def rows(backend, sql: str, params=None) -> list:
    return backend.fetch_all(sql, params)


@pytest.fixture
def t(backend, table_name):
    yield table_name
    backend.execute(f'DROP TABLE IF EXISTS "{table_name}" CASCADE')


@pytest.fixture
def other(server):
    """A second session, for lock conflicts (hand-written probes read the effect)."""
    cfg = config_for(server)
    conn = psycopg.connect(
        host=cfg.host, port=cfg.port, dbname=cfg.database, user=cfg.username, password=cfg.password, autocommit=True
    )
    conn.execute("SET lock_timeout = '2s'")
    yield conn
    conn.close()


# --- ON CONFLICT ... EXCLUDED ---------------------------------------------------------------


def test_upsert_excluded_column(backend, t):
    d = backend.dialect
    backend.execute(f'CREATE TABLE "{t}" (id INT PRIMARY KEY, a TEXT)')
    backend.execute(f"INSERT INTO \"{t}\" VALUES (1, 'old')")
    upsert = InsertExpression(
        d,
        t,
        ValuesSource(d, [[Literal(d, 1), Literal(d, "new")]]),
        ["id", "a"],
        on_conflict=OnConflictClause(d, ["id"], update_assignments={"a": Column(d, "a", table="EXCLUDED")}),
    )
    run(backend, upsert)
    assert rows(backend, f'SELECT a FROM "{t}"') == [{"a": "new"}]


# --- lock strength ---------------------------------------------------------------------------

# strength -> (a lock another session can still take, a lock it cannot take)
LOCKS = {
    "update": (None, "KEY SHARE"),
    "no key update": ("KEY SHARE", "SHARE"),
    "share": ("SHARE", "NO KEY UPDATE"),
    "key share": ("NO KEY UPDATE", "UPDATE"),
}


@pytest.mark.parametrize("strength", list(LOCKS))
def test_lock_strength(backend, t, other, strength):
    d = backend.dialect
    backend.execute(f'CREATE TABLE "{t}" (id INT PRIMARY KEY)')
    backend.execute(f'INSERT INTO "{t}" VALUES (1)')
    query = QueryExpression(
        d,
        select=[Column(d, "id")],
        from_=TableExpression(d, t),
        for_update=ForUpdateClause(d, dialect_options={"strength": strength}),
    )
    compatible, conflicting = LOCKS[strength]
    with backend.transaction():
        run(backend, query)
        if compatible:
            other.execute(f'SELECT id FROM "{t}" FOR {compatible} NOWAIT')
        with pytest.raises(psycopg.errors.LockNotAvailable):
            other.execute(f'SELECT id FROM "{t}" FOR {conflicting} NOWAIT')


def test_lock_strength_unknown_is_refused(backend):
    d = backend.dialect
    clause = ForUpdateClause(d, dialect_options={"strength": "exclusive"})
    with pytest.raises(ValueError, match="exclusive"):
        clause.to_sql()
    with pytest.raises(ValueError, match="wait_seconds"):
        ForUpdateClause(d, dialect_options={"wait_seconds": 3}).to_sql()


# --- CREATE / DROP INDEX CONCURRENTLY ----------------------------------------------------------


def test_index_concurrently(backend, t):
    d = backend.dialect
    backend.execute(f'CREATE TABLE "{t}" (id INT, a INT)')
    index = f"{t}_a"
    run(backend, CreateIndexExpression(d, index, t, ["a"], concurrent=True))
    assert rows(backend, "SELECT indisvalid FROM pg_index WHERE indexrelid = %s::regclass", (index,)) == [
        {"indisvalid": True}
    ]
    # The keyword really reaches the server: inside a transaction block it refuses to run.
    with pytest.raises(DatabaseError, match="cannot run inside a transaction block"), backend.transaction():
        run(backend, DropIndexExpression(d, index, dialect_options={"concurrent": True}))
    run(backend, DropIndexExpression(d, index, table_name=t, dialect_options={"concurrent": True}))
    assert rows(backend, "SELECT to_regclass(%s) AS r", (index,)) == [{"r": None}]
    with pytest.raises(DatabaseError, match="cannot run inside a transaction block"), backend.transaction():
        run(backend, CreateIndexExpression(d, index, t, ["a"], concurrent=True))


# --- generated columns -------------------------------------------------------------------------


def test_stored_generated_column(backend, t):
    d = backend.dialect
    ddl = CreateTableExpression(
        d,
        t,
        [
            ColumnDefinition("a", IntegerType()),
            ColumnDefinition(
                "b",
                IntegerType(),
                generated_expression=Column(d, "a") * Literal(d, 2),
                generated_type=GeneratedColumnType.STORED,
            ),
        ],
    )
    run(backend, ddl)
    backend.execute(f'INSERT INTO "{t}" (a) VALUES (21)')
    assert rows(backend, f'SELECT b FROM "{t}"') == [{"b": 42}]
    attgenerated = rows(
        backend, "SELECT attgenerated FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'b'", (t,)
    )
    assert attgenerated == [{"attgenerated": "s"}]


def test_virtual_generated_column_below_18_is_refused(backend, t):
    d = backend.dialect
    column = ColumnDefinition(
        "b",
        IntegerType(),
        generated_expression=Column(d, "a") + Literal(d, 1),
        generated_type=GeneratedColumnType.VIRTUAL,
    )
    ddl = CreateTableExpression(d, t, [ColumnDefinition("a", IntegerType()), column])
    if d.supports_virtual_generated_columns():
        run(backend, ddl)
        backend.execute(f'INSERT INTO "{t}" (a) VALUES (1)')
        assert rows(backend, f'SELECT b FROM "{t}"') == [{"b": 2}]
        return
    with pytest.raises(UnsupportedFeatureError, match=r"virtual_generated_columns.*18"):
        ddl.to_sql()


# --- functions and triggers --------------------------------------------------------------------


def test_create_or_replace_function_and_trigger_fires(backend, t):
    d = backend.dialect
    fn = f"{t}_fn"
    backend.execute(f'CREATE TABLE "{t}" (a INT, b INT)')
    body = "BEGIN NEW.b := NEW.a * {k}; RETURN NEW; END;"
    try:
        run(backend, CreateFunctionExpression(d, fn, returns="trigger", body=body.format(k=1), or_replace=True))
        run(backend, CreateFunctionExpression(d, fn, returns="trigger", body=body.format(k=10), or_replace=True))
        trigger = CreateTriggerExpression(d, f"{t}_trg", t, TriggerTiming.BEFORE, [TriggerEvent.INSERT], fn)
        run(backend, trigger)
        backend.execute(f'INSERT INTO "{t}" (a) VALUES (4)')
        assert rows(backend, f'SELECT b FROM "{t}"') == [{"b": 40}]
    finally:
        backend.execute(f'DROP TABLE IF EXISTS "{t}"')
        backend.execute(f'DROP FUNCTION IF EXISTS "{fn}"()')


# --- ILIKE and COLLATE -------------------------------------------------------------------------


def test_ilike_matches_as_the_server_does(backend, t):
    d = backend.dialect
    backend.execute(f'CREATE TABLE "{t}" (a TEXT)')
    backend.execute(f"INSERT INTO \"{t}\" VALUES ('ΟΔΟΣ'), ('other')")
    sql, params = d.format_ilike_expression(Column(d, "a"), "%ΟΔΟΣ%")
    assert rows(backend, f'SELECT a FROM "{t}" WHERE {sql}', params) == [{"a": "ΟΔΟΣ"}]
    sql, params = d.format_ilike_expression(Column(d, "a"), "%ΟΔΟΣ%", negate=True)
    assert rows(backend, f'SELECT a FROM "{t}" WHERE {sql}', params) == [{"a": "other"}]


def test_collate_expression(backend, t):
    d = backend.dialect
    backend.execute(f'CREATE TABLE "{t}" (a TEXT)')
    backend.execute(f"INSERT INTO \"{t}\" VALUES ('a'), ('B')")
    collated = Column(d, "a").collate("C")
    query = QueryExpression(d, select=[Column(d, "a")], from_=TableExpression(d, t), where=collated < Literal(d, "a"))
    sql, params = query.to_sql()
    assert rows(backend, sql, params) == [{"a": "B"}]  # bytewise: 'B' < 'a'
    sql, params = collated.to_sql()
    assert rows(backend, f'SELECT DISTINCT pg_collation_for({sql}) AS c FROM "{t}"', params) == [{"c": '"C"'}]
    for bad in ('C" ; DROP TABLE x; --', "", "a b"):
        with pytest.raises(ValueError, match="collation"):
            Column(d, "a").collate(bad).to_sql()


# --- literals inside DDL, comments -------------------------------------------------------------


def test_ddl_literals_are_inlined(backend, t):
    d = backend.dialect
    ddl = CreateTableExpression(
        d,
        t,
        [
            ColumnDefinition("id", IntegerType()),
            ColumnDefinition(
                "status",
                TextType(),
                constraints=[ColumnConstraint(ColumnConstraintType.DEFAULT, default_value=Literal(d, "it's new"))],
            ),
        ],
        table_constraints=[
            TableConstraint(TableConstraintType.CHECK, name=f"{t}_pos", check_condition=Column(d, "id") > Literal(d, 0))
        ],
    )
    run(backend, ddl)
    backend.execute(f'INSERT INTO "{t}" (id) VALUES (1)')
    assert rows(backend, f'SELECT status FROM "{t}"') == [{"status": "it's new"}]
    with pytest.raises(DatabaseError):
        backend.execute(f'INSERT INTO "{t}" (id) VALUES (-1)')
    index = CreateIndexExpression(d, f"{t}_p", t, ["id"], where=Column(d, "status") == Literal(d, "%s'x"))
    run(backend, index)
    definition = rows(
        backend, "SELECT pg_get_expr(indpred, indrelid) AS p FROM pg_index WHERE indexrelid = %s::regclass", (f"{t}_p",)
    )
    assert definition == [{"p": "(status = '%s''x'::text)"}]


def test_column_and_table_comments(backend, t):
    d = backend.dialect
    ddl = CreateTableExpression(
        d,
        t,
        [ColumnDefinition("id", IntegerType(), comment="the key's value")],
        dialect_options={"comment": "a table"},
    )
    run(backend, ddl)
    found = rows(
        backend,
        "SELECT col_description(%s::regclass, 1) AS c, obj_description(%s::regclass, 'pg_class') AS t",
        (t, t),
    )
    assert found == [{"c": "the key's value", "t": "a table"}]


# --- DDL dialect_options -----------------------------------------------------------------------


def test_create_table_like_unlogged_and_index_with(backend, t):
    d = backend.dialect
    backend.execute(f'CREATE TABLE "{t}" (id INT NOT NULL DEFAULT 7, a TEXT)')
    copy = f"{t}_copy"
    try:
        ddl = CreateTableExpression(
            d, copy, [], dialect_options={"like_table": t, "like_including": ["DEFAULTS"], "unlogged_table": True}
        )
        run(backend, ddl)
        backend.execute(f'INSERT INTO "{copy}" (a) VALUES (%s)', ("x",))
        assert rows(backend, f'SELECT id FROM "{copy}"') == [{"id": 7}]
        assert rows(backend, "SELECT relpersistence FROM pg_class WHERE oid = %s::regclass", (copy,)) == [
            {"relpersistence": "u"}
        ]
        run(backend, CreateIndexExpression(d, f"{copy}_i", copy, ["a"], dialect_options={"with": {"fillfactor": 70}}))
        assert rows(backend, "SELECT reloptions FROM pg_class WHERE oid = %s::regclass", (f"{copy}_i",)) == [
            {"reloptions": ["fillfactor=70"]}
        ]
    finally:
        backend.execute(f'DROP TABLE IF EXISTS "{copy}"')


@pytest.mark.parametrize(
    "build",
    [
        lambda d, t: CreateTableExpression(
            d, t, [ColumnDefinition("a", IntegerType())], dialect_options={"engine": "x"}
        ),
        lambda d, t: CreateIndexExpression(d, "i", t, ["a"], dialect_options={"engine": "x"}),
        lambda d, t: DropIndexExpression(d, "i", dialect_options={"engine": "x"}),
    ],
)
def test_unknown_dialect_options_are_refused(backend, build):
    with pytest.raises(ValueError, match="engine"):
        build(backend.dialect, "t").to_sql()


# --- query shapes ------------------------------------------------------------------------------


def test_lateral_in_from_list(backend, t):
    d = backend.dialect
    backend.execute(f'CREATE TABLE "{t}" (v INT)')
    backend.execute(f'INSERT INTO "{t}" VALUES (2), (3)')
    inner = QueryExpression(d, select=[(Column(d, "v", table=t) * Literal(d, 10)).as_("w")])
    query = QueryExpression(
        d,
        select=[Column(d, "w", table="l")],
        from_=[TableExpression(d, t), LateralExpression(d, Subquery(d, inner), alias="l")],
    )
    sql, params = query.to_sql()
    assert sorted(r["w"] for r in rows(backend, sql, params)) == [20, 30]


def test_any_expression(backend, t):
    d = backend.dialect
    backend.execute(f'CREATE TABLE "{t}" (v INT, arr INT[])')
    backend.execute(f"INSERT INTO \"{t}\" VALUES (1, '{{1,9}}'), (2, '{{5}}'), (3, '{{3}}')")
    for predicate, expected in (
        (AnyExpression(d, Column(d, "v"), "=", Literal(d, [1, 3])), [1, 3]),
        (AnyExpression(d, Column(d, "v"), "=", Column(d, "arr")), [1, 3]),
    ):
        query = QueryExpression(d, select=[Column(d, "v")], from_=TableExpression(d, t), where=predicate)
        sql, params = query.to_sql()
        assert sorted(r["v"] for r in rows(backend, sql, params)) == expected


# --- types through models ----------------------------------------------------------------------


def _model(backend, table: str, **fields):
    from rhosocial.activerecord.model import ActiveRecord

    namespace = {"__table_name__": table, "__annotations__": {"id": Optional[int], **fields}, "id": None}
    model = type(f"M_{table}", (ActiveRecord,), namespace)
    model.configure(backend.config, type(backend))
    return model


def test_array_adapter_on_save(backend, t):
    from rhosocial.activerecord.backend.impl.postgres import PostgresArrayAdapter
    from rhosocial.activerecord.base.fields import UseAdapter

    backend.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, tags TEXT[])')
    model = _model(backend, t, tags=Annotated[list, UseAdapter(PostgresArrayAdapter(), list)])
    record = model(tags=["a", "b"])
    record.save()
    assert rows(backend, f'SELECT tags, array_length(tags, 1) AS n FROM "{t}"') == [{"tags": ["a", "b"], "n": 2}]
    assert model.find_one(record.id).tags == ["a", "b"]


def test_range_tuple_is_lower_inclusive(backend, t):
    backend.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, r INT4RANGE)')
    model = _model(backend, t, r=Optional[tuple])
    model(r=(1, 5)).save()
    assert rows(backend, f'SELECT lower(r) AS lo, upper(r) AS hi, lower_inc(r) AS li FROM "{t}"') == [
        {"lo": 1, "hi": 5, "li": True}
    ]


def test_money_into_decimal_field(backend, t):
    backend.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, price MONEY)')
    backend.execute(f"INSERT INTO \"{t}\" (price) VALUES ('1234.56'), ('-0.5')")
    model = _model(backend, t, price=Decimal)
    assert sorted(m.price for m in model.query().all()) == [Decimal("-0.50"), Decimal("1234.56")]


# --- full-text BOOLEAN mode --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("+quick -dog", ["quick brown fox"]),
        ("lazy fox", ["lazy dog", "quick brown fox"]),  # plain words are alternatives
        ('"brown fox"', ["quick brown fox"]),
        ('"fox brown"', []),
        ("qui*", ["quick brown fox", "quick dog"]),
    ],
)
def test_fulltext_boolean_mode(backend, t, search, expected):
    d = backend.dialect
    assert d.supports_fulltext_boolean_mode()
    backend.execute(f'CREATE TABLE "{t}" (body TEXT)')
    backend.execute(f"INSERT INTO \"{t}\" VALUES ('quick brown fox'), ('lazy dog'), ('quick dog')")
    sql, params = d.format_fulltext_match(["body"], search, mode="BOOLEAN")
    assert sorted(r["body"] for r in rows(backend, f'SELECT body FROM "{t}" WHERE {sql}', params)) == expected
