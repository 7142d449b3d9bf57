"""Issue #9 item 2 for Oracle: options the option-coverage check found dropped or crashing, each now
rendered the Oracle way or refused with the core's UnsupportedFeatureError naming it."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column, Literal, QueryExpression, TableExpression
from rhosocial.activerecord.backend.expression.query_parts import ForUpdateClause, JoinExpression
from rhosocial.activerecord.backend.expression.statements import (
    AddColumn,
    AlterColumn,
    AlterTableExpression,
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateIndexExpression,
    CreateTableExpression,
    CreateViewExpression,
    DeleteExpression,
    DropIndexExpression,
    DropTableConstraint,
    ExplainExpression,
    ExplainOptions,
    ForeignKeyConstraint,
    GeneratedColumnType,
    InsertExpression,
    RenameObject,
    ReturningClause,
    TableConstraint,
    TableConstraintType,
    TruncateExpression,
    UpdateExpression,
    ValuesSource,
    ViewCheckOption,
    ViewOptions,
)
from rhosocial.activerecord.backend.expression.types import IntegerType
from rhosocial.activerecord.backend.impl.oracle import OracleDialect

C = ColumnConstraintType
UNKNOWN = {"conformance_unknown_option": 1}


@pytest.fixture
def d() -> OracleDialect:
    return OracleDialect()


def _query(d, **kw):
    return QueryExpression(d, select=[Column(d, "a")], from_=TableExpression(d, "t"), **kw)


def test_constraint_states_on_every_kind(d, grammar):
    cols = [
        ColumnDefinition("a", IntegerType(), [ColumnConstraint(C.UNIQUE, deferrable=True, initially_deferred=True)]),
        ColumnDefinition(
            "p",
            IntegerType(),
            [ColumnConstraint(C.FOREIGN_KEY, foreign_key_reference=("p", ["id"]), initially_deferred=True)],
        ),
    ]
    pk = TableConstraint(TableConstraintType.PRIMARY_KEY, columns=["a"], deferrable=False)
    sql, _ = CreateTableExpression(d, "t", cols, table_constraints=[pk]).to_sql()
    assert sql == (
        'CREATE TABLE "T" ("A" NUMBER(10) UNIQUE DEFERRABLE INITIALLY DEFERRED, '
        '"P" NUMBER(10) REFERENCES "P"("ID") INITIALLY DEFERRED, PRIMARY KEY ("A") NOT DEFERRABLE)'
    )
    grammar(sql)


@pytest.mark.parametrize(
    ("constraint", "match"),
    [
        (TableConstraint(TableConstraintType.UNIQUE, columns=["a"], dialect_options=UNKNOWN), "dialect_options"),
        (
            ForeignKeyConstraint(
                TableConstraintType.FOREIGN_KEY, columns=["a"], foreign_key_table="p", foreign_key_columns=["id"],
                match_type="FULL",
            ),
            "MATCH",
        ),
        (
            ForeignKeyConstraint(
                TableConstraintType.FOREIGN_KEY, columns=["a"], foreign_key_table="p", foreign_key_columns=["id"],
                check_condition=Literal(OracleDialect(), 1) == Literal(OracleDialect(), 1),
            ),
            "check_condition",
        ),
    ],
)  # fmt: skip
def test_table_constraint_options_refused(d, constraint, match):
    with pytest.raises(UnsupportedFeatureError, match=match):
        CreateTableExpression(d, "t", [ColumnDefinition("a", IntegerType())], table_constraints=[constraint]).to_sql()


def test_generated_type_alone_is_refused(d):
    col = ColumnDefinition("a", IntegerType(), generated_type=GeneratedColumnType.VIRTUAL)
    with pytest.raises(UnsupportedFeatureError, match="generated_type"):
        CreateTableExpression(d, "t", [col]).to_sql()


@pytest.mark.parametrize(
    ("action", "match"),
    [
        (AddColumn(OracleDialect(), column=ColumnDefinition("a", IntegerType()), dialect_options=UNKNOWN), "AddColumn"),
        (DropTableConstraint(OracleDialect(), "c", if_exists=True), "IF EXISTS"),
        (RenameObject(OracleDialect(), "a", "b", object_type="INDEX"), "RENAME INDEX"),
        (AlterColumn(OracleDialect(), "a", "DROP DEFAULT", new_value=Literal(OracleDialect(), 3)), "with a value"),
    ],
)
def test_alter_options_refused(d, action, match):
    with pytest.raises(UnsupportedFeatureError, match=match):
        AlterTableExpression(d, "t", [action]).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="ALTER TABLE dialect_options"):
        AlterTableExpression(
            d, "t", [AddColumn(d, column=ColumnDefinition("a", IntegerType()))], dialect_options=UNKNOWN
        ).to_sql()


def test_rename_column_object(d):
    assert AlterTableExpression(d, "t", [RenameObject(d, "a", "b")]).to_sql()[0] == (
        'ALTER TABLE "T" RENAME COLUMN "A" TO "B"'
    )


def test_index_online_and_options(d, grammar):
    sql, _ = CreateIndexExpression(d, "i", "t", ["a"], concurrent=True).to_sql()
    assert sql == 'CREATE INDEX "I" ON "T" ("A") ONLINE'
    assert d.supports_concurrent_index()
    with pytest.raises(UnsupportedFeatureError, match="dialect_options"):
        CreateIndexExpression(d, "i", "t", ["a"], dialect_options=UNKNOWN).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="dialect_options"):
        DropIndexExpression(d, "i", dialect_options=UNKNOWN).to_sql()
    assert DropIndexExpression(d, "i", table_name="t").to_sql() == ('DROP INDEX "I"', ())  # names are per schema


def test_view_options(d, grammar):
    q = _query(d)
    assert CreateViewExpression(d, "v", q, replace=True, options=ViewOptions(force=True, read_only=True)).to_sql() == (
        'CREATE OR REPLACE FORCE VIEW "V" AS (SELECT "A" FROM "T") WITH READ ONLY',
        (),
    )
    checked = CreateViewExpression(
        d, "v", q, column_aliases=["x"], options=ViewOptions(check_option=ViewCheckOption.CASCADED)
    ).to_sql()[0]
    assert checked == 'CREATE VIEW "V" ("X") AS (SELECT "A" FROM "T") WITH CHECK OPTION'
    grammar(checked)
    refused = [
        ViewOptions(algorithm="MERGE"),
        ViewOptions(definer="x"),
        ViewOptions(security="INVOKER"),
        ViewOptions(schemabinding=True),
        ViewOptions(encryption=True),
        ViewOptions(materialized=True),
        ViewOptions(recursive=True),
        ViewOptions(check_option=ViewCheckOption.LOCAL),
        ViewOptions(read_only=True, check_option=ViewCheckOption.CASCADED),
    ]
    for options in refused:
        with pytest.raises(UnsupportedFeatureError):
            CreateViewExpression(d, "v", q, options=options).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="TEMPORARY"):
        CreateViewExpression(d, "v", q, temporary=True).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="dialect_options"):
        CreateViewExpression(d, "v", q, options=ViewOptions(dialect_options=UNKNOWN)).to_sql()


def test_query_and_dml_dialect_options(d):
    builds = [
        lambda: _query(d, dialect_options=UNKNOWN),
        lambda: _query(d, for_update=ForUpdateClause(d, dialect_options=UNKNOWN)),
        lambda: JoinExpression(d, TableExpression(d, "t"), TableExpression(d, "u"), dialect_options=UNKNOWN),
        lambda: InsertExpression(
            d, into="t", source=ValuesSource(d, [[Literal(d, 1)]]), columns=["a"], dialect_options=UNKNOWN
        ),
        lambda: UpdateExpression(d, table="t", assignments={"a": Literal(d, 1)}, dialect_options=UNKNOWN),
        lambda: DeleteExpression(d, tables="t", dialect_options=UNKNOWN),
        lambda: DeleteExpression(
            d, tables="t", returning=ReturningClause(d, [Column(d, "a")], dialect_options=UNKNOWN)
        ),
    ]
    for build in builds:
        with pytest.raises(UnsupportedFeatureError, match="dialect_options"):
            build().to_sql()
    with pytest.raises(UnsupportedFeatureError, match="alias"):
        DeleteExpression(d, tables="t", returning=ReturningClause(d, [Column(d, "a")], alias="r")).to_sql()
    assert "WAIT 3" in _query(d, for_update=ForUpdateClause(d, dialect_options={"wait": 3})).to_sql()[0]


def test_with_query_options(d):
    with pytest.raises(UnsupportedFeatureError, match="WITH dialect_options"):
        d.format_with_query(['"C" AS (SELECT 1 FROM DUAL)'], "SELECT 1 FROM DUAL", dialect_options=UNKNOWN)
    assert d.format_with_query(['"C" AS (SELECT 1 FROM DUAL)'], 'SELECT * FROM "C"', has_recursive=True) == (
        'WITH "C" AS (SELECT 1 FROM DUAL) SELECT * FROM "C"'
    )


def test_explain_options_refused(d):
    q = _query(d)
    assert ExplainExpression(d, q).to_sql()[0] == 'EXPLAIN PLAN FOR SELECT "A" FROM "T"'
    assert ExplainExpression(d, q, ExplainOptions()).to_sql()[0].startswith("EXPLAIN PLAN FOR")
    with pytest.raises(UnsupportedFeatureError, match="EXPLAIN options"):
        ExplainExpression(d, q, ExplainOptions(analyze=True)).to_sql()


def test_truncate(d, grammar):
    assert TruncateExpression(d, "t").to_sql() == ('TRUNCATE TABLE "T"', ())
    assert TruncateExpression(d, "t", cascade=True).to_sql() == ('TRUNCATE TABLE "T" CASCADE', ())
    with pytest.raises(UnsupportedFeatureError, match="RESTART IDENTITY"):
        TruncateExpression(d, "t", restart_identity=True).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="dialect_options"):
        TruncateExpression(d, "t", dialect_options=UNKNOWN).to_sql()


@pytest.mark.parametrize(
    "method",
    [
        "format_qualify_clause",
        "format_temporal_options",
        "format_lateral_expression",
        "format_create_schema_statement",
        "format_drop_schema_statement",
        "format_create_function_statement",
        "format_drop_function_statement",
        "format_create_trigger_statement",
        "format_drop_trigger_statement",
    ],
)
def test_statement_kinds_without_oracle_rendering_are_refused(d, method):
    with pytest.raises(UnsupportedFeatureError):
        getattr(d, method)(object())
