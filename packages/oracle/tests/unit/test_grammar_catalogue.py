"""The grammar figure: core statements a user builds, rendered for 19c and 23ai, each checked against
Oracle's documented statement shapes (``oracle_grammar.check``) or refused with the core's error.

Issue #13 counted 63 of 70 valid before issue #9's fixes; the 7 misses (upsert EXCLUDED, MERGE ON
without parentheses, DATE_TRUNC, REPEAT, NO CYCLE, identity dropped, DROP TABLE IF EXISTS) are here
as ``issue9_*`` entries. Every entry must render valid Oracle SQL or be refused; none may do less.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column, FunctionCall, Literal, QueryExpression, TableExpression
from rhosocial.activerecord.backend.expression import functions as F
from rhosocial.activerecord.backend.expression.advanced_functions import AnyExpression
from rhosocial.activerecord.backend.expression.query_parts import (
    ForUpdateClause,
    GroupByHavingClause,
    LimitOffsetClause,
    OrderByClause,
    WhereClause,
)
from rhosocial.activerecord.backend.expression.statements import (
    AddColumn,
    AlterSequenceExpression,
    AlterTableExpression,
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateIndexExpression,
    CreateSequenceExpression,
    CreateTableExpression,
    CreateViewExpression,
    DeleteExpression,
    DropIndexExpression,
    DropSequenceExpression,
    DropTableExpression,
    DropViewExpression,
    InsertExpression,
    MergeAction,
    MergeActionType,
    MergeExpression,
    OnConflictClause,
    ReturningClause,
    UpdateExpression,
    ValuesSource,
)
from rhosocial.activerecord.backend.expression.types import (
    BigIntType,
    BooleanType,
    DecimalType,
    IntegerType,
    JsonType,
    TextType,
    TimestampTzType,
    VarCharType,
)
from rhosocial.activerecord.backend.impl.oracle import OracleDialect
from rhosocial.activerecord.backend.impl.oracle.binds import to_oracle_sql
from rhosocial.activerecord.backend.impl.oracle.capabilities import server_info

C = ColumnConstraintType
Build = Callable[[Any], Any]


def _select(d, **kw):
    return QueryExpression(d, select=[Column(d, "id"), Column(d, "name")], from_=TableExpression(d, "users"), **kw)


def _upsert(d):
    return InsertExpression(
        d,
        into="users",
        source=ValuesSource(d, [[Literal(d, 1), Literal(d, "a")]]),
        columns=["id", "name"],
        on_conflict=OnConflictClause(
            d, conflict_target=["id"], update_assignments={"name": Column(d, "name", table="EXCLUDED")}
        ),
    )


def _merge(d):
    return MergeExpression(
        d,
        target_table=TableExpression(d, "users", alias="t"),
        source=TableExpression(d, "staging", alias="s"),
        on_condition=Column(d, "id", "t") == Column(d, "id", "s"),
        when_matched=[MergeAction(MergeActionType.UPDATE, assignments={"name": Column(d, "name", "s")})],
        when_not_matched=[MergeAction(MergeActionType.INSERT, assignments={"id": Column(d, "id", "s")})],
    )


def _users(d, **kw):
    cols = [
        ColumnDefinition("id", BigIntType(), [ColumnConstraint(C.PRIMARY_KEY, is_auto_increment=True)]),
        ColumnDefinition("name", VarCharType(50), [ColumnConstraint(C.NOT_NULL), ColumnConstraint(C.UNIQUE)]),
        ColumnDefinition("price", DecimalType(10, 2), [ColumnConstraint(C.DEFAULT, default_value=Literal(d, 0))]),
        ColumnDefinition("bio", TextType()),
        ColumnDefinition("seen", TimestampTzType()),
        ColumnDefinition("active", BooleanType()),
        ColumnDefinition("doc", JsonType()),
    ]
    return CreateTableExpression(d, "users", cols, **kw)


CATALOGUE: dict[str, Build] = {
    # queries
    "select_where_order_limit": lambda d: _select(
        d,
        where=WhereClause(d, Column(d, "id") > Literal(d, 1)),
        order_by=OrderByClause(d, [Column(d, "name")]),
        limit_offset=LimitOffsetClause(d, limit=5, offset=10),
    ),
    "select_group_having": lambda d: QueryExpression(
        d,
        select=[Column(d, "name"), FunctionCall(d, "COUNT", Column(d, "id"), alias="n")],
        from_="users",
        group_by_having=GroupByHavingClause(
            d, [Column(d, "name")], FunctionCall(d, "COUNT", Column(d, "id")) > Literal(d, 1)
        ),
    ),
    "select_for_update_skip_locked": lambda d: _select(d, for_update=ForUpdateClause(d, skip_locked=True)),
    "select_no_from": lambda d: QueryExpression(d, select=[Literal(d, 1)]),
    "select_any_list": lambda d: _select(
        d, where=WhereClause(d, AnyExpression(d, Column(d, "id"), "=", Literal(d, [1, 2])))
    ),
    "select_functions": lambda d: QueryExpression(
        d,
        select=[
            F.substring(d, Column(d, "name"), 1, 2),
            F.concat(d, Column(d, "a"), Column(d, "b"), Column(d, "c")),
            F.now(d),
            F.year(d, Column(d, "seen")),
        ],
        from_="users",
    ),
    "issue9_date_trunc": lambda d: QueryExpression(d, select=[F.date_trunc(d, "month", Column(d, "seen"))], from_="t"),
    "issue9_repeat": lambda d: QueryExpression(d, select=[F.repeat(d, Column(d, "name"), 2)], from_="t"),
    # DML
    "insert_returning": lambda d: InsertExpression(
        d,
        into="users",
        source=ValuesSource(d, [[Literal(d, "a")]]),
        columns=["name"],
        returning=ReturningClause(d, [Column(d, "id")]),
    ),
    "insert_many_rows": lambda d: InsertExpression(
        d, into="users", source=ValuesSource(d, [[Literal(d, "a")], [Literal(d, "b")]]), columns=["name"]
    ),
    "update_returning": lambda d: UpdateExpression(
        d,
        table="users",
        assignments={"name": Literal(d, "x")},
        where=Column(d, "id") == Literal(d, 1),
        returning=ReturningClause(d, [Column(d, "id")]),
    ),
    "delete": lambda d: DeleteExpression(d, tables="users", where=Column(d, "id") == Literal(d, 1)),
    "issue9_upsert_excluded": _upsert,
    "issue9_merge_on": _merge,
    # DDL
    "issue9_identity_create_table": _users,
    "create_table_if_not_exists": lambda d: _users(d, if_not_exists=True),
    "create_table_comment": lambda d: CreateTableExpression(
        d, "t", [ColumnDefinition("a", IntegerType(), comment="it's a")]
    ),
    "issue9_drop_table_if_exists": lambda d: DropTableExpression(d, "users", if_exists=True, cascade=True),
    "drop_table": lambda d: DropTableExpression(d, "users"),
    "alter_add_column": lambda d: AlterTableExpression(
        d, "users", [AddColumn(d, column=ColumnDefinition("age", IntegerType(), comment="years"))]
    ),
    "issue9_create_sequence": lambda d: CreateSequenceExpression(d, "s", start=1, cache=10),
    "create_sequence_if_not_exists": lambda d: CreateSequenceExpression(d, "s", if_not_exists=True),
    "alter_sequence": lambda d: AlterSequenceExpression(d, "s", increment=2, cycle=False),
    "drop_sequence_if_exists": lambda d: DropSequenceExpression(d, "s", if_exists=True),
    "create_view": lambda d: CreateViewExpression(d, "v", _select(d, where=Column(d, "id") > Literal(d, 3))),
    "drop_view_if_exists": lambda d: DropViewExpression(d, "v", if_exists=True),
    "create_index": lambda d: CreateIndexExpression(d, "i", "users", ["name"], unique=True),
    "create_index_if_not_exists": lambda d: CreateIndexExpression(d, "i", "users", ["name"], if_not_exists=True),
    "drop_index_if_exists": lambda d: DropIndexExpression(d, "i", if_exists=True),
}

VERSIONS = {"19c": server_info("19.0.0"), "23ai": server_info("23.4.0")}


@pytest.mark.parametrize("version", list(VERSIONS))
@pytest.mark.parametrize("name", list(CATALOGUE))
def test_statement_is_valid_oracle_or_refused(grammar, name, version):
    d = OracleDialect(VERSIONS[version])
    try:
        sql, _ = CATALOGUE[name](d).to_sql()
    except UnsupportedFeatureError:  # pragma: no cover - every entry above renders today
        return
    grammar(to_oracle_sql(sql), version=int(VERSIONS[version].version[0]))


def test_catalogue_size():
    # The figure quoted in docs/oracle.md and the report: entries x versions.
    assert len(CATALOGUE) * len(VERSIONS) == 58


# What the dialect rendered before issue #9's fixes (recorded from the previous release): the checker
# must reject each, or the figures above prove nothing.
BEFORE_FIX = {
    "upsert EXCLUDED": 'MERGE INTO "T" t USING (SELECT :1 "ID", :2 "NAME" FROM DUAL) s ON (t."ID" = s."ID") '
    'WHEN MATCHED THEN UPDATE SET t."NAME" = "EXCLUDED"."NAME" WHEN NOT MATCHED THEN INSERT ("ID", "NAME") '
    'VALUES (s."ID", s."NAME")',
    "MERGE ON": 'MERGE INTO "T" "TGT" USING "S" "SRC" ON "TGT"."ID" = "SRC"."ID" WHEN MATCHED THEN UPDATE SET '
    '"NAME" = "SRC"."NAME"',
    "DATE_TRUNC": 'SELECT DATE_TRUNC(:1, "T") FROM "X"',
    "REPEAT": 'SELECT REPEAT("S", :1) FROM "X"',
    "NO CYCLE": 'CREATE SEQUENCE "S1" NO CYCLE',
    "binds in DDL": 'CREATE TABLE "T" ("N" NUMBER(10) DEFAULT :1 CHECK ("N" > :2))',
    "inline COMMENT": 'CREATE TABLE "T" ("N" NUMBER(10) COMMENT \'the n\')',
    "IF EXISTS at 19c": 'DROP TABLE IF EXISTS "T"',
    "ANY without parentheses": 'SELECT "ID" FROM "T" WHERE ("ID" = ANY:1)',
}


@pytest.mark.parametrize("name", list(BEFORE_FIX))
def test_checker_rejects_the_old_renderings(grammar, name):
    with pytest.raises(AssertionError):
        grammar(BEFORE_FIX[name], version=19)
