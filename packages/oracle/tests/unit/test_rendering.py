"""SQL for every statement shape the core and the compliance suite build, as Oracle receives it.

Each expected string was checked against Oracle's SQL Language Reference (SELECT row limiting
clause, FOR UPDATE, DML RETURNING INTO, MERGE, WITH, MINUS/EXCEPT). ``oracle()`` applies the same
bind numbering and alias normalisation the backend applies before execution.
"""

from __future__ import annotations

import re
import warnings
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import (
    Column,
    FunctionCall,
    Literal,
    QueryExpression,
    TableExpression,
)
from rhosocial.activerecord.backend.expression import functions as F
from rhosocial.activerecord.backend.expression.query_parts import (
    ForUpdateClause,
    GroupByHavingClause,
    LimitOffsetClause,
    OrderByClause,
    WhereClause,
)
from rhosocial.activerecord.backend.expression.statements import (
    DefaultValuesSource,
    DeleteExpression,
    ExplainExpression,
    InsertExpression,
    OnConflictClause,
    ReturningClause,
    UpdateExpression,
    ValuesSource,
)
from rhosocial.activerecord.backend.impl.oracle import OracleDialect
from rhosocial.activerecord.backend.impl.oracle.binds import OutBind, to_oracle_sql
from rhosocial.activerecord.backend.impl.oracle.capabilities import server_info


@pytest.fixture
def d() -> OracleDialect:
    return OracleDialect()


def oracle(expr) -> tuple[str, tuple]:
    sql, params = expr.to_sql()
    return to_oracle_sql(sql), params


def assert_oracle_grammar(sql: str) -> None:
    """Things Oracle never accepts, whatever the statement."""
    assert "?" not in re.sub(r"'[^']*'", "", sql)
    assert not re.search(r"\bLIMIT\b", sql)
    assert not re.search(r"\bRECURSIVE\b", sql)
    assert not re.search(r"\)\s+AS\s+\"", sql), "AS before a subquery alias"
    assert not re.search(r"FROM \"\w+\" AS ", sql), "AS before a table alias"


# --- SELECT -----------------------------------------------------------------------------------


def test_select_with_where_order_and_row_limiting(d):
    q = QueryExpression(
        d,
        select=[Column(d, "id"), Column(d, "name", alias="n")],
        from_=TableExpression(d, "users", alias="u"),
        where=WhereClause(d, Column(d, "id") == Literal(d, 5)),
        order_by=OrderByClause(d, [(Column(d, "name"), "desc")]),
        limit_offset=LimitOffsetClause(d, limit=10, offset=20),
    )
    sql, params = oracle(q)
    assert sql == (
        'SELECT "ID", "NAME" "N" FROM "USERS" "U" WHERE "ID" = :1 ORDER BY "NAME" DESC '
        "OFFSET :2 ROWS FETCH NEXT :3 ROWS ONLY"
    )
    assert params == (5, 20, 10)
    assert_oracle_grammar(sql)


def test_limit_only_offset_only_and_expressions(d):
    assert oracle(QueryExpression(d, select=[Column(d, "id")], from_="t", limit_offset=LimitOffsetClause(d, limit=1)))[
        0
    ].endswith("FETCH NEXT :1 ROWS ONLY")
    assert oracle(QueryExpression(d, select=[Column(d, "id")], from_="t", limit_offset=LimitOffsetClause(d, offset=3)))[
        0
    ].endswith("OFFSET :1 ROWS")
    clause = LimitOffsetClause(d, limit=Literal(d, 2), offset=Literal(d, 4))
    assert d.format_limit_offset_clause(clause) == ("OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", (4, 2))
    assert d.format_limit_offset(5, 6) == ("OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", [6, 5])
    assert d.format_limit_offset() == (None, [])
    assert d.supports_offset_without_limit()


def test_subquery_alias_has_no_as(d):
    assert d.format_subquery("(SELECT 1 FROM DUAL)", (), "sub") == ('(SELECT 1 FROM DUAL) "SUB"', ())
    assert d.format_table("users", "u", "app") == ('"APP"."USERS" "U"', ())


def test_select_without_from_uses_dual(d):
    assert oracle(QueryExpression(d, select=[Literal(d, 1)])) == ('SELECT :1 FROM "DUAL"', (1,))


def test_group_by_having(d):
    q = QueryExpression(
        d,
        select=[Column(d, "age"), FunctionCall(d, "COUNT", Column(d, "id"), alias="cnt")],
        from_="users",
        group_by_having=GroupByHavingClause(
            d, [Column(d, "age")], FunctionCall(d, "COUNT", Column(d, "id")) > Literal(d, 1)
        ),
    )
    sql, params = oracle(q)
    assert sql == 'SELECT "AGE", COUNT("ID") "CNT" FROM "USERS" GROUP BY "AGE" HAVING COUNT("ID") > :1'
    assert params == (1,)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ({}, "FOR UPDATE"),
        ({"nowait": True}, "FOR UPDATE NOWAIT"),
        ({"skip_locked": True}, "FOR UPDATE SKIP LOCKED"),
        ({"dialect_options": {"wait": 5}}, "FOR UPDATE WAIT 5"),
        ({"of_columns": ["id"], "nowait": True}, 'FOR UPDATE OF "ID" NOWAIT'),
    ],
)
def test_for_update_variants(d, clause, expected):
    q = QueryExpression(d, select=[Column(d, "id")], from_="users", for_update=ForUpdateClause(d, **clause))
    assert oracle(q)[0] == f'SELECT "ID" FROM "USERS" {expected}'


def test_for_update_of_expression(d):
    clause = ForUpdateClause(d, of_columns=[Column(d, "id", table="u")])
    assert d.format_for_update_clause(clause) == ('FOR UPDATE OF "U"."ID"', ())
    assert d.supports_for_update()
    assert d.supports_for_update_skip_locked()


def test_for_update_with_row_limit_locks_by_rowid(d):
    # .for_update().one(): Oracle rejects FOR UPDATE next to FETCH (ORA-02014).
    q = QueryExpression(
        d,
        select=[Column(d, "id")],
        from_=TableExpression(d, "users"),
        where=WhereClause(d, Column(d, "age") > Literal(d, 18)),
        order_by=OrderByClause(d, [Column(d, "id")]),
        limit_offset=LimitOffsetClause(d, limit=1),
        for_update=ForUpdateClause(d, nowait=True),
    )
    sql, params = oracle(q)
    assert sql == (
        'SELECT "ID" FROM "USERS" WHERE ROWID IN (SELECT ROWID FROM "USERS" WHERE "AGE" > :1 ORDER BY "ID" '
        'FETCH NEXT :2 ROWS ONLY) ORDER BY "ID" FOR UPDATE NOWAIT'
    )
    assert params == (18, 1)
    grouped = QueryExpression(
        d,
        select=[Column(d, "age")],
        from_="users",
        group_by_having=GroupByHavingClause(d, [Column(d, "age")]),
        limit_offset=LimitOffsetClause(d, limit=1),
        for_update=ForUpdateClause(d),
    )
    with pytest.raises(UnsupportedFeatureError, match="ORA-02014"):
        grouped.to_sql()


def test_cte_has_no_recursive_keyword(d):
    assert d.format_cte("t", "SELECT 1 FROM DUAL", columns=["n"], recursive=True) == (
        '"T" ("N") AS (SELECT 1 FROM DUAL)'
    )
    for materialized in (True, False):  # Oracle has no syntax for it: refused, never dropped
        with pytest.raises(UnsupportedFeatureError, match="MATERIALIZED"):
            d.format_cte("t", "SELECT 1 FROM DUAL", materialized=materialized)
    with pytest.raises(UnsupportedFeatureError, match="dialect_options"):
        d.format_cte("t", "SELECT 1 FROM DUAL", dialect_options={"search": "depth"})
    assert (
        d._format_with_clause(['"T" AS (SELECT 1 FROM DUAL)'], has_recursive=True) == 'WITH "T" AS (SELECT 1 FROM DUAL)'
    )
    assert d._format_with_clause([]) == ""
    assert d.supports_basic_cte()
    assert d.supports_recursive_cte()
    assert not d.supports_materialized_cte()


def test_set_operations_by_version(d):
    left = QueryExpression(d, select=[Column(d, "id")], from_="a")
    right = QueryExpression(d, select=[Column(d, "id")], from_="b")
    sql, _ = d.format_set_operation_expression(left, right, "EXCEPT", None, False)
    assert sql == 'SELECT "ID" FROM "A" MINUS SELECT "ID" FROM "B"'
    with pytest.raises(UnsupportedFeatureError):
        d.format_set_operation_expression(left, right, "INTERSECT", None, True)
    d.adapt_to(server_info("21.3.0"))
    assert d.format_set_operation_expression(left, right, "EXCEPT", None, True)[0] == (
        'SELECT "ID" FROM "A" EXCEPT ALL SELECT "ID" FROM "B"'
    )
    union = d.format_set_operation_expression(left, right, "UNION", "u", True)[0]
    assert to_oracle_sql(union) == 'SELECT "ID" FROM "A" UNION ALL SELECT "ID" FROM "B" "U"'
    assert d.supports_except()
    assert d.supports_intersect()
    assert d.supports_union()
    assert d.supports_union_all()
    assert d.supports_set_operation_order_by()
    assert d.supports_set_operation_limit_offset()
    assert d.supports_explicit_inner_join()


# --- functions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda d: F.substring(d, Column(d, "s"), 2, 3), 'SUBSTR("S", ?, ?)'),
        (lambda d: F.strpos(d, Column(d, "s"), "x"), 'INSTR("S", ?)'),
        (lambda d: F.now(d), "SYSTIMESTAMP"),
        (lambda d: F.current_timestamp(d), "CURRENT_TIMESTAMP"),
        (lambda d: F.current_timestamp(d, 3), "CURRENT_TIMESTAMP(?)"),
        (lambda d: F.localtimestamp(d), "LOCALTIMESTAMP"),
        (lambda d: F.localtimestamp(d, 2), "LOCALTIMESTAMP(?)"),
        (lambda d: F.current_date(d), "CURRENT_DATE"),
        (lambda d: F.current_time(d), "CURRENT_TIMESTAMP"),
        (lambda d: F.concat(d, Column(d, "a"), Column(d, "b")), 'CONCAT("A", "B")'),
        (lambda d: F.concat(d, Column(d, "a"), Column(d, "b"), Column(d, "c")), '("A" || "B" || "C")'),
        (lambda d: F.left(d, Column(d, "s"), 2), 'SUBSTR("S", 1, ?)'),
        (lambda d: F.right(d, Column(d, "s"), 2), 'SUBSTR("S", -(?))'),
        (lambda d: F.year(d, Column(d, "t")), 'EXTRACT(YEAR FROM "T")'),
        (lambda d: F.month(d, Column(d, "t")), 'EXTRACT(MONTH FROM "T")'),
        (lambda d: F.day(d, Column(d, "t")), 'EXTRACT(DAY FROM "T")'),
        (lambda d: F.hour(d, Column(d, "t")), 'EXTRACT(HOUR FROM "T")'),
        (lambda d: F.minute(d, Column(d, "t")), 'EXTRACT(MINUTE FROM "T")'),
        (lambda d: F.second(d, Column(d, "t")), 'EXTRACT(SECOND FROM "T")'),
        (lambda d: F.octet_length(d, Column(d, "s")), 'LENGTHB("S")'),
        (lambda d: FunctionCall(d, "IFNULL", Column(d, "a"), Literal(d, 0)), 'NVL("A", ?)'),
        (lambda d: FunctionCall(d, "CHAR_LENGTH", Column(d, "a")), 'LENGTH("A")'),
        (lambda d: FunctionCall(d, "POSITION", Literal(d, "x"), Column(d, "a")), 'INSTR("A", ?)'),
        (lambda d: FunctionCall(d, "RANDOM"), "DBMS_RANDOM.VALUE"),
        (lambda d: FunctionCall(d, "CEILING", Column(d, "a")), 'CEIL("A")'),
        (lambda d: FunctionCall(d, "LOG10", Column(d, "a")), 'LOG(10, "A")'),
        (lambda d: FunctionCall(d, "TRUNCATE", Column(d, "a"), Literal(d, 1)), 'TRUNC("A", ?)'),
        (lambda d: FunctionCall(d, "JSON_EXTRACT", Column(d, "j"), Literal(d, "$.a")), 'JSON_QUERY("J", ?)'),
        (lambda d: FunctionCall(d, "JSON_UNQUOTE", Column(d, "j")), '"J"'),
        (lambda d: FunctionCall(d, "GROUP_CONCAT", Column(d, "a")), "LISTAGG(\"A\", ',')"),
        (lambda d: FunctionCall(d, "STRING_AGG", Column(d, "a"), Literal(d, ";")), 'LISTAGG("A", ?)'),
        (lambda d: FunctionCall(d, "LENGTH", Column(d, "a")), 'LENGTH("A")'),
    ],
)
def test_generic_functions_use_oracle_names(d, call, expected):
    assert call(d).to_sql()[0] == expected


def test_function_alias_cast_and_distinct(d):
    sql, _ = FunctionCall(d, "NOW", alias="ts").to_sql()
    assert to_oracle_sql(sql) == 'SYSTIMESTAMP "TS"'
    call = FunctionCall(d, "SUBSTRING", Column(d, "a"), Literal(d, 1))
    call.cast("TEXT")
    assert call.to_sql() == ('CAST(SUBSTR("A", ?) AS VARCHAR2(4000))', (1,))
    distinct = FunctionCall(d, "CONCAT", Column(d, "a"), Column(d, "b"), is_distinct=True)
    assert distinct.to_sql()[0] == 'CONCAT(DISTINCT "A", "B")'  # left to the core: not a rename case


@pytest.mark.parametrize(
    ("core", "oracle_type"), [("INTEGER", "NUMBER(19)"), ("TEXT", "VARCHAR2(4000)"), ("NUMBER(10,2)", "NUMBER(10,2)")]
)
def test_cast_types(d, core, oracle_type):
    assert d.format_cast_expression('"A"', core, ())[0] == f'CAST("A" AS {oracle_type})'


def test_json_paths(d):
    from rhosocial.activerecord.backend.expression.advanced_functions import JSONExpression

    scalar = JSONExpression(d, Column(d, "doc"), "$.name", operation="->>")
    assert scalar.to_sql() == ("JSON_VALUE(\"DOC\", '$.name')", ())
    fragment = JSONExpression(d, "doc", "$.tags", operation="->")
    assert fragment.to_sql()[0] == "JSON_QUERY(\"DOC\", '$.tags')"
    fragment.alias = "t"
    fragment.cast("TEXT")
    assert fragment.to_sql()[0] == 'CAST(JSON_QUERY("DOC", \'$.tags\') AS VARCHAR2(4000)) AS "T"'
    assert not d.supports_json_arrow_operators()
    from rhosocial.activerecord.backend.expression.advanced_functions import JSONPathMode

    with pytest.raises(UnsupportedFeatureError, match="arrow"):
        JSONExpression(d, Column(d, "doc"), "$.a", operation="->", mode=JSONPathMode.ARROW).to_sql()
    assert d.supports_json_type()
    assert not d.supports_filter_clause()


# --- DML -----------------------------------------------------------------------------------------


def test_insert_returning_into(d):
    expr = InsertExpression(
        d,
        into="users",
        source=ValuesSource(d, [[Literal(d, "a"), Literal(d, 2)]]),
        columns=["name", "age"],
        returning=ReturningClause(d, [Column(d, "id"), Column(d, "created_at", alias="created")]),
    )
    sql, params = oracle(expr)
    assert sql == 'INSERT INTO "USERS" ("NAME", "AGE") VALUES (:1, :2) RETURNING "ID", "CREATED_AT" INTO :3, :4'
    assert params[:2] == ("a", 2)
    assert params[2:] == (OutBind("id", '"ID"', '"USERS"'), OutBind("created", '"CREATED_AT"', '"USERS"'))


def test_insert_several_rows_uses_select_union_all(d):
    expr = InsertExpression(
        d,
        into=TableExpression(d, "users", schema_name="app"),
        source=ValuesSource(d, [[Literal(d, "a")], [Literal(d, "b")]]),
        columns=["name"],
    )
    assert oracle(expr) == (
        'INSERT INTO "APP"."USERS" ("NAME") SELECT :1 FROM DUAL UNION ALL SELECT :2 FROM DUAL',
        ("a", "b"),
    )
    no_columns = InsertExpression(d, into="t", source=ValuesSource(d, [[Literal(d, 1)], [Literal(d, 2)]]))
    assert oracle(no_columns)[0] == 'INSERT INTO "T" SELECT :1 FROM DUAL UNION ALL SELECT :2 FROM DUAL'


def test_insert_shapes_oracle_rejects(d):
    with pytest.raises(UnsupportedFeatureError, match="DEFAULT VALUES"):
        InsertExpression(d, into="t", source=DefaultValuesSource(d)).to_sql()
    many = InsertExpression(
        d,
        into="t",
        source=ValuesSource(d, [[Literal(d, 1)], [Literal(d, 2)]]),
        columns=["a"],
        returning=ReturningClause(d, [Column(d, "id")]),
    )
    with pytest.raises(UnsupportedFeatureError, match="several rows"):
        many.to_sql()
    star = InsertExpression(
        d,
        into="t",
        source=ValuesSource(d, [[Literal(d, 1)]]),
        columns=["a"],
        returning=ReturningClause(d, [Literal(d, "*")]),
    )
    with pytest.raises(UnsupportedFeatureError, match=r"RETURNING \*"):
        star.to_sql()
    with pytest.raises(UnsupportedFeatureError, match="INTO"):
        d.format_returning_clause(ReturningClause(d, [Column(d, "id")]))


def test_returning_rejects_bind_parameters(d):
    clause = ReturningClause(d, [Column(d, "a") + Literal(d, 1)])
    with pytest.raises(UnsupportedFeatureError, match="bind parameters"):
        d.format_returning_into(clause, '"T"')


def test_update_and_delete_returning(d):
    update = UpdateExpression(
        d,
        table="users",
        assignments={"name": Literal(d, "x")},
        where=Column(d, "id") == Literal(d, 1),
        returning=ReturningClause(d, [Column(d, "id")]),
    )
    sql, params = oracle(update)
    assert sql == 'UPDATE "USERS" SET "NAME" = :1 WHERE "ID" = :2 RETURNING "ID" INTO :3'
    assert params[:2] == ("x", 1)
    delete = DeleteExpression(
        d, tables="users", where=Column(d, "id") == Literal(d, 1), returning=ReturningClause(d, [Column(d, "id")])
    )
    assert oracle(delete)[0] == 'DELETE FROM "USERS" WHERE "ID" = :1 RETURNING "ID" INTO :2'
    plain = DeleteExpression(d, tables="users", where=Column(d, "id") == Literal(d, 1))
    assert oracle(plain) == ('DELETE FROM "USERS" WHERE "ID" = :1', (1,))
    assert d.supports_returning_clause()


def test_update_from_and_delete_using_rejected(d):
    with pytest.raises(UnsupportedFeatureError, match=r"UPDATE \.\.\. FROM"):
        UpdateExpression(d, table="a", assignments={"x": Literal(d, 1)}, from_="b").to_sql()
    with pytest.raises(UnsupportedFeatureError, match="USING"):
        DeleteExpression(d, tables="a", using="b").to_sql()


def test_upsert_becomes_merge(d):
    expr = InsertExpression(
        d,
        into="users",
        source=ValuesSource(d, [[Literal(d, 1), Literal(d, "a")]]),
        columns=["id", "name"],
        on_conflict=OnConflictClause(
            d,
            conflict_target=["id"],
            update_assignments={"name": Literal(d, "b"), "visits": Column(d, "visits") + Literal(d, 1), "note": "raw"},
            update_where=Column(d, "locked") == Literal(d, 0),
        ),
    )
    sql, params = oracle(expr)
    assert sql == (
        'MERGE INTO "USERS" t USING (SELECT :1 "ID", :2 "NAME" FROM DUAL) s ON (t."ID" = s."ID") '
        'WHEN MATCHED THEN UPDATE SET t."NAME" = :3, t."VISITS" = t."VISITS" + :4, t."NOTE" = :5 WHERE t."LOCKED" = :6 '
        'WHEN NOT MATCHED THEN INSERT ("ID", "NAME") VALUES (s."ID", s."NAME")'
    )
    assert params == (1, "a", "b", 1, "raw", 0)
    assert d.supports_upsert()
    assert d.get_upsert_syntax_type() == "MERGE"
    assert not d.supports_on_conflict_clause()


def test_merge_do_nothing_and_rejections(d):
    nothing = InsertExpression(
        d,
        into="t",
        source=ValuesSource(d, [[Literal(d, 1)]]),
        columns=["id"],
        on_conflict=OnConflictClause(d, conflict_target=[Column(d, "id")], do_nothing=True),
    )
    assert oracle(nothing)[0] == (
        'MERGE INTO "T" t USING (SELECT :1 "ID" FROM DUAL) s ON (t."ID" = s."ID") '
        'WHEN NOT MATCHED THEN INSERT ("ID") VALUES (s."ID")'
    )
    no_target = InsertExpression(
        d,
        into="t",
        source=ValuesSource(d, [[Literal(d, 1)]]),
        columns=["id"],
        on_conflict=OnConflictClause(d, None, do_nothing=True),
    )
    with pytest.raises(UnsupportedFeatureError, match="conflict columns"):
        no_target.to_sql()
    two_rows = InsertExpression(
        d,
        into="t",
        source=ValuesSource(d, [[Literal(d, 1)], [Literal(d, 2)]]),
        columns=["id"],
        on_conflict=OnConflictClause(d, conflict_target=["id"], do_nothing=True),
    )
    with pytest.raises(UnsupportedFeatureError, match="one row"):
        two_rows.to_sql()
    returning = InsertExpression(
        d,
        into="t",
        source=ValuesSource(d, [[Literal(d, 1)]]),
        columns=["id"],
        on_conflict=OnConflictClause(d, conflict_target=["id"], do_nothing=True),
        returning=ReturningClause(d, [Column(d, "id")]),
    )
    with pytest.raises(UnsupportedFeatureError, match="MERGE"):
        returning.to_sql()


# --- transactions and EXPLAIN ----------------------------------------------------------------------


def test_transaction_statements(d):
    from rhosocial.activerecord.backend.expression.transaction import (
        BeginTransactionExpression,
        CommitTransactionExpression,
        ReleaseSavepointExpression,
        RollbackTransactionExpression,
        SavepointExpression,
    )
    from rhosocial.activerecord.backend.transaction import IsolationLevel

    assert BeginTransactionExpression(d).to_sql() == ("", ())
    begin = BeginTransactionExpression(d)
    begin.isolation_level(IsolationLevel.SERIALIZABLE)
    assert begin.to_sql() == ("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", ())
    ro = BeginTransactionExpression(d)
    ro.read_only()
    assert ro.to_sql() == ("SET TRANSACTION READ ONLY", ())
    assert CommitTransactionExpression(d).to_sql() == ("COMMIT", ())
    assert RollbackTransactionExpression(d).to_sql() == ("ROLLBACK", ())
    to_sp = RollbackTransactionExpression(d)
    to_sp.to_savepoint("sp_1")
    assert to_sp.to_sql() == ('ROLLBACK TO SAVEPOINT "SP_1"', ())
    assert SavepointExpression(d, "sp_1").to_sql() == ('SAVEPOINT "SP_1"', ())
    assert ReleaseSavepointExpression(d, "sp_1").to_sql() == ("", ())
    with pytest.raises(UnsupportedFeatureError, match="READ_UNCOMMITTED"):
        d.set_transaction_sql(IsolationLevel.READ_UNCOMMITTED)
    assert d.supports_isolation_level_in_begin()
    assert d.supports_transaction_mode()
    assert not d.supports_deferrable_transaction()
    with pytest.raises(UnsupportedFeatureError, match="DEFERRABLE") as refused:
        BeginTransactionExpression(d).isolation_level(IsolationLevel.SERIALIZABLE).deferrable(True).to_sql()
    assert d.server_label in str(refused.value)


def test_tablespaces_and_compound_for_update(d):
    from rhosocial.activerecord.backend.expression.query_sources import SetOperationExpression
    from rhosocial.activerecord.backend.expression.statements import (
        ColumnDefinition,
        CreateIndexExpression,
        CreateTableExpression,
    )
    from rhosocial.activerecord.backend.expression.types import IntegerType

    assert d.supports_table_tablespace()
    assert d.supports_index_tablespace()
    columns = [ColumnDefinition("id", IntegerType())]
    assert CreateTableExpression(d, "t", columns, tablespace="USERS").to_sql()[0].endswith(' TABLESPACE "USERS"')
    query = QueryExpression(d, [Literal(d, 1)])
    as_query = CreateTableExpression(d, "t", [], as_query=query, tablespace="USERS").to_sql()[0]
    assert ' TABLESPACE "USERS" AS ' in as_query, as_query
    index = CreateIndexExpression(d, "ix", "t", ["id"], tablespace="USERS").to_sql()[0]
    assert index == 'CREATE INDEX "IX" ON "T" ("ID") TABLESPACE "USERS"', index
    assert not d.supports_set_operation_for_update()
    union = SetOperationExpression(d, query, query, "UNION", for_update_clause=ForUpdateClause(d))
    with pytest.raises(UnsupportedFeatureError, match="FOR UPDATE"):
        union.to_sql()
    assert d.set_transaction_sql("READ_COMMITTED") == "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"
    assert d.supports_savepoint()
    assert d.supports_read_only_transaction()


def test_explain_plan_statement(d):
    q = QueryExpression(d, select=[Column(d, "id")], from_="t", where=Column(d, "id") == Literal(d, 1))
    assert ExplainExpression(d, q).to_sql() == ('EXPLAIN PLAN FOR SELECT "ID" FROM "T" WHERE "ID" = ?', (1,))
    assert not d.supports_explain_analyze()
    assert d.supports_explain_format("text")
    assert not d.supports_explain_format("json")


# --- capability answers ------------------------------------------------------------------------


def test_dialect_answers_follow_the_server(d):
    assert d.name == "Oracle"
    assert d.get_parameter_placeholder(3) == "?"
    assert d.get_server_version() == (19, 0, 0)
    assert not d.supports_native_boolean()
    assert not d.supports_native_json()
    d.adapt_to(server_info("23.4.0.24.5"))
    assert d.supports_native_boolean()
    assert d.supports_native_json()
    d.require_capability("merge")
    with pytest.raises(UnsupportedFeatureError, match="filter_clause"):
        d.require_capability("filter_clause")
    for name in (
        "supports_window_functions",
        "supports_window_frame_clause",
        "supports_rollup",
        "supports_cube",
        "supports_grouping_sets",
        "supports_inner_join",
        "supports_left_join",
        "supports_right_join",
        "supports_full_join",
        "supports_cross_join",
        "supports_natural_join",
        "supports_merge_statement",
        "supports_explain_plan",
    ):
        assert getattr(d, name)() is True, name
    assert d.supports_lateral_join() is False


# --- what the model layer builds (the compliance suite's own models) ----------------------------


@pytest.fixture
def suite_models(server):
    from rhosocial.activerecord.backend.impl.oracle import OracleBackend, OracleConnectionConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from rhosocial.activerecord.testsuite.feature.query.fixtures.models import Order, User
    config = OracleConnectionConfig(host="h", service_name="S")
    for model in (User, Order):
        model.configure(config, OracleBackend)
    yield User, Order
    for model in (User, Order):
        model.backend().disconnect()


def test_model_queries(suite_models, server, fake):
    User, _ = suite_models
    shapes = {
        "where": User.query().where(User.c.age > 18).order_by("username").limit(10).offset(5),
        "in": User.query().in_list("id", [1, 2]).like("username", "a%"),
        "between": User.query().between("age", 1, 5).is_null("email"),
        "join": User.query().inner_join("orders", "users.id = orders.user_id"),
        "group": User.query().select("age").group_by("age").having("COUNT(*) > ?", (1,)),
        "lock": User.query().where(User.c.id == 1).for_update(nowait=True),
        "union": User.query().where(User.c.id == 1).union(User.query().where(User.c.id == 2)),
        "intersect": User.query().intersect(User.query().where(User.c.id == 2)),
        "except": User.query().except_(User.query().where(User.c.id == 2)),
    }
    rendered = {k: oracle(q)[0] for k, q in shapes.items()}
    assert rendered["where"] == (
        'SELECT * FROM "USERS" WHERE "USERS"."AGE" > :1 ORDER BY "USERNAME" ASC OFFSET :2 ROWS FETCH NEXT :3 ROWS ONLY'
    )
    assert rendered["in"] == 'SELECT * FROM "USERS" WHERE "ID" IN (:1, :2) AND "USERNAME" LIKE :3'
    assert rendered["lock"].endswith("FOR UPDATE NOWAIT")
    assert " EXCEPT " in rendered["except"]  # the fake server reports 23ai
    for sql in rendered.values():
        assert_oracle_grammar(sql)
    server.on(r"COUNT\(\*\)", fake.Reply(columns=["AGG_0"], rows=[(3,)]))
    assert User.query().count() == 3
    assert server.statements[-1] == 'SELECT COUNT(*) "AGG_0" FROM "USERS"'


def test_model_save_uses_returning_into(suite_models, server, fake):
    import oracledb

    User, _ = suite_models
    server.on(r"WHERE 1 = 0", fake.Reply(columns=[("ID", oracledb.DB_TYPE_NUMBER, 0, 0, 0, -127)]))
    server.on(r"^INSERT", fake.Reply(rowcount=1, outs=[[Decimal(11)]]))
    user = User(username="ann", email="ann@example.com", age=30)
    user.save()
    assert user.id == 11
    insert = next(s for s in server.statements if s.startswith("INSERT"))
    assert insert.startswith('INSERT INTO "USERS" (')
    assert insert.endswith('RETURNING "ID" INTO :' + str(insert.count(":")))
    server.on(r"^UPDATE", fake.Reply(rowcount=1, outs=[[Decimal(11)]]))
    user.age = 31
    user.save()
    update = [s for s in server.statements if s.startswith("UPDATE")][-1]
    assert update.startswith('UPDATE "USERS" SET')
    assert '"AGE" = :' in update


def test_ilike_and_boolean_predicates(d):
    from rhosocial.activerecord.backend.expression.predicates import IsBooleanPredicate, LikePredicate

    col = Column(d, "name")
    assert col.ilike("a%").to_sql() == ('UPPER("NAME") LIKE UPPER(?)', ("a%",))
    assert LikePredicate(d, "NOT ILIKE", col, Literal(d, "a%")).to_sql() == ('UPPER("NAME") NOT LIKE UPPER(?)', ("a%",))
    assert col.like("a%").to_sql() == ('"NAME" LIKE ?', ("a%",))
    assert d.format_ilike_expression("name", "x%") == ('UPPER("NAME") LIKE UPPER(?)', ("x%",))
    assert d.format_ilike_expression(col, "x%", negate=True) == ('UPPER("NAME") NOT LIKE UPPER(?)', ("x%",))
    flag = Column(d, "is_active")
    assert IsBooleanPredicate(d, flag, True).to_sql() == ('"IS_ACTIVE" = 1', ())
    assert IsBooleanPredicate(d, flag, False, is_not=True).to_sql() == ('("IS_ACTIVE" IS NULL OR "IS_ACTIVE" <> 0)', ())
    assert d.supports_ilike()


def test_in_lists_respect_oracle_limits(d):
    col = Column(d, "id")
    assert d.format_in_predicate_with_literal_values(col, (1, 2)) == ('"ID" IN (?, ?)', (1, 2))
    assert d.format_in_predicate_with_literal_values(col, ()) == ("1 = 0", ())
    sql, params = d.format_in_predicate_with_literal_values(col, tuple(range(2500)))
    assert sql.count(" IN (") == 3
    assert sql.startswith('("ID" IN (')
    assert " OR " in sql
    assert params == tuple(range(2500))
    assert oracle(QueryExpression(d, select=[col], from_="t", where=col.in_([1, 2])))[0] == (
        'SELECT "ID" FROM "T" WHERE "ID" IN (:1, :2)'
    )


# --- issue #9: MERGE scoping and grammar, functions Oracle lacks, ANY/ALL -------------------------


def test_upsert_maps_excluded_to_the_source_row(d, grammar):
    expr = InsertExpression(
        d,
        into="users",
        source=ValuesSource(d, [[Literal(d, 1), Literal(d, "a")]]),
        columns=["id", "name"],
        on_conflict=OnConflictClause(
            d,
            conflict_target=["id"],
            update_assignments={"name": Column(d, "name", table="EXCLUDED") + Column(d, "name", table="users")},
            update_where=Column(d, "note") != Literal(d, '"EXCLUDED".x'),
        ),
    )
    sql, params = oracle(expr)
    assert sql == (
        'MERGE INTO "USERS" t USING (SELECT :1 "ID", :2 "NAME" FROM DUAL) s ON (t."ID" = s."ID") '
        'WHEN MATCHED THEN UPDATE SET t."NAME" = s."NAME" + t."NAME" WHERE t."NOTE" != :3 '
        'WHEN NOT MATCHED THEN INSERT ("ID", "NAME") VALUES (s."ID", s."NAME")'
    )
    assert params == (1, "a", '"EXCLUDED".x')  # a bound string is never rewritten
    assert grammar(sql) == "MERGE"
    key = InsertExpression(
        d,
        into="users",
        source=ValuesSource(d, [[Literal(d, 1)]]),
        columns=["id"],
        on_conflict=OnConflictClause(d, conflict_target=["id"], update_assignments={"id": Literal(d, 2)}),
    )
    with pytest.raises(UnsupportedFeatureError, match="ORA-38104"):
        key.to_sql()


def test_rescope_leaves_string_literals_alone():
    from rhosocial.activerecord.backend.impl.oracle.mixins.merge import rescope

    assert rescope('"EXCLUDED"."A" || \'"EXCLUDED".b\' || "B"', {'"EXCLUDED"': "s"}, "t") == (
        's."A" || \'"EXCLUDED".b\' || t."B"'
    )
    assert rescope('"X"."A"', {}, None) == '"X"."A"'


def _merge(d, **kwargs):
    from rhosocial.activerecord.backend.expression.statements import MergeExpression

    base = {
        "target_table": TableExpression(d, "products", alias="tgt"),
        "source": TableExpression(d, "staging", alias="src"),
        "on_condition": Column(d, "id", "tgt") == Column(d, "id", "src"),
    }
    base.update(kwargs)
    return MergeExpression(d, **base)


def test_merge_expression_parenthesises_on_and_moves_conditions_to_where(d, grammar):
    from rhosocial.activerecord.backend.expression.query_sources import ValuesExpression
    from rhosocial.activerecord.backend.expression.statements import MergeAction, MergeActionType

    update = MergeAction(
        MergeActionType.UPDATE,
        assignments={"price": Column(d, "price", "src")},
        condition=Column(d, "price", "tgt") != Column(d, "price", "src"),
    )
    insert = MergeAction(
        MergeActionType.INSERT,
        assignments={"id": Column(d, "id", "src"), "price": Column(d, "price", "src")},
        condition=Column(d, "price", "src") > Literal(d, 0),
    )
    sql, params = oracle(_merge(d, when_matched=[update], when_not_matched=[insert]))
    assert sql == (
        'MERGE INTO "PRODUCTS" "TGT" USING "STAGING" "SRC" ON ("TGT"."ID" = "SRC"."ID") '
        'WHEN MATCHED THEN UPDATE SET "PRICE" = "SRC"."PRICE" WHERE "TGT"."PRICE" != "SRC"."PRICE" '
        'WHEN NOT MATCHED THEN INSERT ("ID", "PRICE") VALUES ("SRC"."ID", "SRC"."PRICE") WHERE "SRC"."PRICE" > :1'
    )
    assert params == (0,)
    assert grammar(sql) == "MERGE"
    values = ValuesExpression(d, [(1, 9.5), (2, 3.0)], "src", ["id", "price"])
    sql, params = oracle(_merge(d, source=values, when_not_matched=[insert]))
    assert sql.startswith(
        'MERGE INTO "PRODUCTS" "TGT" USING (SELECT :1 "ID", :2 "PRICE" FROM DUAL UNION ALL '
        'SELECT :3 "ID", :4 "PRICE" FROM DUAL) "SRC" ON ('
    )
    assert params == (1, 9.5, 2, 3.0, 0)
    grammar(sql)


def test_merge_shapes_oracle_has_no_spelling_for(d):
    from rhosocial.activerecord.backend.expression.query_sources import ValuesExpression
    from rhosocial.activerecord.backend.expression.statements import MergeAction, MergeActionType

    upd = MergeAction(MergeActionType.UPDATE, assignments={"a": Literal(d, 1)})
    cases = {
        "BY SOURCE": {"when_not_matched_by_source": [MergeAction(MergeActionType.DELETE)]},
        "several": {"when_matched": [upd, upd]},
        "THEN DELETE": {"when_matched": [MergeAction(MergeActionType.DELETE)]},
        "without INSERT": {"when_not_matched": [MergeAction(MergeActionType.INSERT)]},
    }
    for match, kwargs in cases.items():
        with pytest.raises(UnsupportedFeatureError, match=match):
            _merge(d, **kwargs).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="column names"):
        ValuesExpression(d, [(1,)], "v").to_sql()
    with pytest.raises(ValueError, match="one value per column"):
        ValuesExpression(d, [(1, 2)], "v", ["a"]).to_sql()
    assert ValuesExpression(d, [(1,)], None, ["a"]).to_sql() == ('(SELECT ? "A" FROM DUAL)', (1,))


@pytest.mark.parametrize(
    ("field", "fmt"),
    [("year", "YYYY"), ("month", "MM"), ("week", "IW"), ("day", "DD"), ("hour", "HH24"), ("minute", "MI")],
)
def test_date_trunc_becomes_trunc(d, field, fmt):
    assert F.date_trunc(d, field, Column(d, "t")).to_sql() == (f"TRUNC(\"T\", '{fmt}')", ())
    call = FunctionCall(d, "DATE_TRUNC", Literal(d, field), Column(d, "t"), alias="p")
    assert to_oracle_sql(call.to_sql()[0]) == f'TRUNC("T", \'{fmt}\') "P"'


def test_date_trunc_refused_where_trunc_differs(d):
    for field in ("second", "dow", "doy"):
        with pytest.raises(UnsupportedFeatureError, match="DATE_TRUNC"):
            F.date_trunc(d, field, Column(d, "t")).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="literal field"):
        FunctionCall(d, "DATE_TRUNC", Column(d, "f"), Column(d, "t")).to_sql()


def test_repeat_is_exact_replace_of_rpad(d, grammar):
    sql, params = F.repeat(d, Literal(d, "ab"), 3).to_sql()
    assert sql == "REPLACE(RPAD('x', ?, 'x'), 'x', ?)"
    assert params == (3, "ab")  # bind order follows the text, not the core's argument order
    grammar(to_oracle_sql(f"SELECT {sql} FROM DUAL"))


def test_reordering_rules_keep_bind_order(d):
    assert FunctionCall(d, "POSITION", Literal(d, "x"), Literal(d, "abx")).to_sql() == ("INSTR(?, ?)", ("abx", "x"))


def test_any_all_take_parenthesised_lists_and_subqueries(d, grammar):
    from rhosocial.activerecord.backend.expression.advanced_functions import AllExpression, AnyExpression

    anyx = AnyExpression(d, Column(d, "id"), "=", Literal(d, [1, 2, 3]))
    assert anyx.to_sql() == ('("ID" = ANY (?, ?, ?))', (1, 2, 3))
    sub = QueryExpression(d, select=[Column(d, "id")], from_="x")
    assert AllExpression(d, Column(d, "id"), ">", sub).to_sql() == ('("ID" > ALL (SELECT "ID" FROM "X"))', ())
    q = QueryExpression(d, select=[Column(d, "id")], from_="users", where=anyx)
    grammar(oracle(q)[0])
    with pytest.raises(UnsupportedFeatureError, match="empty list"):
        AnyExpression(d, Column(d, "id"), "=", Literal(d, [])).to_sql()
