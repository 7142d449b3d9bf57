"""23ai features gated by release and compatible level: rendered (and grammar-checked) at 23ai,
refused naming the version below it (issue #13)."""

from __future__ import annotations

import array

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column, FunctionCall, Literal, QueryExpression
from rhosocial.activerecord.backend.expression.query_parts import GroupByHavingClause, OrderByClause
from rhosocial.activerecord.backend.expression.statements import (
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateIndexExpression,
    CreateTableExpression,
)
from rhosocial.activerecord.backend.expression.types import BooleanType, VarCharType
from rhosocial.activerecord.backend.impl.oracle import OracleDialect
from rhosocial.activerecord.backend.impl.oracle.binds import to_oracle_sql
from rhosocial.activerecord.backend.impl.oracle.capabilities import server_info
from rhosocial.activerecord.backend.impl.oracle.duality import CreateDualityView, DualityTable
from rhosocial.activerecord.backend.impl.oracle.query_clauses import group_by_alias
from rhosocial.activerecord.backend.impl.oracle.vector import (
    VectorIndex,
    VectorType,
    to_vector,
    vector_distance,
    vector_values,
)

V19, V21, V23 = server_info("19.22.0"), server_info("21.3.0"), server_info("23.6.0.24.10", "23.6.0")
BELOW = [V19, V21, server_info("23.6.0", "19.0.0")]  # a 23ai binary at compatible 19 is still below


@pytest.fixture
def d23() -> OracleDialect:
    return OracleDialect(V23)


def sql_of(expr) -> tuple[str, tuple]:
    sql, params = expr.to_sql()
    return to_oracle_sql(sql), params


# --- BOOLEAN -------------------------------------------------------------------------------------
def test_boolean_column_native_at_23ai_number1_below(d23, grammar):
    table = CreateTableExpression(d23, "flags", [ColumnDefinition("on", BooleanType())])
    sql, _ = table.to_sql()
    assert sql == 'CREATE TABLE "FLAGS" ("ON" BOOLEAN)'
    assert grammar(sql, version=23) == "CREATE TABLE"
    below = CreateTableExpression(OracleDialect(V19), "flags", [ColumnDefinition("on", BooleanType())]).to_sql()[0]
    assert below == 'CREATE TABLE "FLAGS" ("ON" NUMBER(1))'  # the documented 1/0 mapping, not a silent loss
    assert grammar(below, version=19) == "CREATE TABLE"


# --- VECTOR ----------------------------------------------------------------------------------------
def test_vector_column_distance_ordering_and_index(d23, grammar):
    table = CreateTableExpression(d23, "docs", [ColumnDefinition("emb", VectorType(3, "float32"))]).to_sql()[0]
    assert table == 'CREATE TABLE "DOCS" ("EMB" VECTOR(3, FLOAT32))'
    assert grammar(table, version=23) == "CREATE TABLE"
    distance = vector_distance(d23, Column(d23, "emb"), [0.1, 0.2, 0.3], "euclidean", fmt="FLOAT32")
    q = QueryExpression(
        d23,
        select=[Column(d23, "id")],
        from_="docs",
        order_by=OrderByClause(d23, [distance]),
        limit_offset=None,
    )
    sql, params = sql_of(q)
    assert sql == 'SELECT "ID" FROM "DOCS" ORDER BY VECTOR_DISTANCE("EMB", :1, EUCLIDEAN)'
    assert isinstance(params[0], array.array)
    assert params[0].typecode == "f"  # python-oracledb binds array.array('f') as VECTOR(*, FLOAT32)
    assert grammar(sql, version=23) == "SELECT"
    index = CreateIndexExpression(
        d23, "docs_emb", "docs", ["emb"], dialect_options={"vector": VectorIndex(distance="cosine", accuracy=95)}
    ).to_sql()[0]
    assert index == (
        'CREATE VECTOR INDEX "DOCS_EMB" ON "DOCS" ("EMB") ORGANIZATION NEIGHBOR PARTITIONS DISTANCE COSINE '
        "WITH TARGET ACCURACY 95"
    )
    assert grammar(index, version=23) == "CREATE VECTOR INDEX"
    graph = CreateIndexExpression(
        d23,
        "docs_emb",
        "docs",
        ["emb"],
        if_not_exists=True,
        dialect_options={"vector": VectorIndex("inmemory neighbor graph", "dot")},
    ).to_sql()[0]
    assert graph.startswith('CREATE VECTOR INDEX IF NOT EXISTS "DOCS_EMB"')
    assert grammar(graph, version=23) == "CREATE VECTOR INDEX"


def test_vector_values_both_ways():
    assert to_vector([1, 2], "int8").typecode == "b"
    assert to_vector([1.5]).typecode == "d"
    assert vector_values(array.array("f", [1.0, 2.0])) == [1.0, 2.0]
    assert vector_values("x") == "x"
    with pytest.raises(ValueError, match="vector format"):
        VectorType(3, "float16")
    assert VectorType().raw == "VECTOR(*, *)"


def test_vector_options_checked(d23):
    with pytest.raises(ValueError, match="distance metric"):
        vector_distance(d23, Column(d23, "emb"), [1.0], "nearest")
    with pytest.raises(ValueError, match="organization"):
        VectorIndex("hnsw").clause()
    with pytest.raises(ValueError, match="distance metric"):
        VectorIndex(distance="l2").clause()
    with pytest.raises(UnsupportedFeatureError, match="CREATE UNIQUE"):
        CreateIndexExpression(
            d23, "i", "docs", ["emb"], unique=True, dialect_options={"vector": VectorIndex()}
        ).to_sql()
    assert vector_distance(d23, Column(d23, "emb"), array.array("d", [1.0])).to_sql()[1][0].typecode == "d"
    assert d23.parse_type("VECTOR(*, *)") == VectorType()
    assert (VectorType, "VECTOR(*, *)") in d23.supports_data_types()
    assert VectorType not in [t for t, _ in OracleDialect(V19).supports_data_types()]


@pytest.mark.parametrize("server", BELOW, ids=lambda s: s.describe())
def test_vector_refused_below_23ai_naming_the_version(server):
    d = OracleDialect(server)
    with pytest.raises(UnsupportedFeatureError, match=r"needs Oracle 23ai; the server is oracle (19|21)"):
        CreateTableExpression(d, "docs", [ColumnDefinition("emb", VectorType(3))]).to_sql()
    with pytest.raises(UnsupportedFeatureError, match=r"VECTOR_DISTANCE.*23ai"):
        vector_distance(d, Column(d, "emb"), [1.0])
    with pytest.raises(UnsupportedFeatureError, match=r"CREATE VECTOR INDEX.*23ai"):
        CreateIndexExpression(d, "i", "docs", ["emb"], dialect_options={"vector": VectorIndex()}).to_sql()


# --- JSON relational duality views -----------------------------------------------------------------
def test_duality_view_ddl(d23, grammar):
    view = CreateDualityView(
        d23,
        "dept_dv",
        DualityTable(
            "departments",
            {"_id": "id", "name": "name"},
            children={
                "employees": DualityTable(
                    "employees", {"empId": "id", "name": "name"}, join=("dept_id", "id"), allow=("insert", "update")
                )
            },
            allow=("INSERT", "UPDATE", "DELETE"),
        ),
        or_replace=True,
    )
    sql, params = view.to_sql()
    assert sql == (
        'CREATE OR REPLACE JSON RELATIONAL DUALITY VIEW "DEPT_DV" AS SELECT JSON {\'_id\' : "DEPARTMENTS"."ID", '
        '\'name\' : "DEPARTMENTS"."NAME", \'employees\' : [SELECT JSON {\'empId\' : "EMPLOYEES"."ID", '
        '\'name\' : "EMPLOYEES"."NAME"} FROM "EMPLOYEES" WITH INSERT UPDATE WHERE "EMPLOYEES"."DEPT_ID" = '
        '"DEPARTMENTS"."ID"]} FROM "DEPARTMENTS" WITH INSERT UPDATE DELETE'
    )
    assert params == ()
    assert grammar(sql, version=23) == "CREATE OR REPLACE JSON RELATIONAL DUALITY VIEW"
    plain = CreateDualityView(d23, "t_dv", DualityTable("t", {"_id": "id"})).to_sql()[0]
    assert grammar(plain, version=23) == "CREATE JSON RELATIONAL DUALITY VIEW"


def test_duality_view_checks(d23):
    with pytest.raises(ValueError, match="needs join"):
        CreateDualityView(d23, "v", DualityTable("a", {"_id": "id"}, children={"b": DualityTable("b", {})})).to_sql()
    with pytest.raises(ValueError, match="operations"):
        CreateDualityView(d23, "v", DualityTable("a", {"_id": "id"}, allow=("MERGE",))).to_sql()
    with pytest.raises(UnsupportedFeatureError, match=r"DUALITY VIEW.*23ai; the server is oracle 21"):
        CreateDualityView(OracleDialect(V21), "v", DualityTable("a", {"_id": "id"})).to_sql()


# --- SELECT without FROM, GROUP BY alias -----------------------------------------------------------
def test_select_without_from_at_23ai_dual_below(d23, grammar):
    assert QueryExpression(d23, select=[Literal(d23, 1)]).to_sql()[0] == "SELECT ?"
    assert grammar("SELECT :1", version=23) == "SELECT"
    d19 = OracleDialect(V19)
    assert QueryExpression(d19, select=[Literal(d19, 1)]).to_sql()[0] == 'SELECT ? FROM "DUAL"'
    with pytest.raises(AssertionError):
        grammar("SELECT :1", version=19)


def test_group_by_alias_at_23ai_refused_below(d23, grammar):
    year = FunctionCall(d23, "EXTRACT_YEAR", Column(d23, "created")).as_("yr")
    q = QueryExpression(
        d23,
        select=[year, FunctionCall(d23, "COUNT", Literal(d23, 1)).as_("n")],
        from_="orders",
        group_by_having=GroupByHavingClause(d23, group_by=[group_by_alias(d23, "yr")]),
    )
    sql, _ = sql_of(q)
    assert sql.endswith('FROM "ORDERS" GROUP BY "YR"')
    assert grammar(sql, version=23) == "SELECT"
    for server in BELOW:
        with pytest.raises(UnsupportedFeatureError, match=r"GROUP BY a select-list alias.*needs Oracle 23ai"):
            group_by_alias(OracleDialect(server), "yr")


# --- DEFAULT ON NULL -------------------------------------------------------------------------------
def _status(d, on_null):
    default = ColumnConstraint(
        ColumnConstraintType.DEFAULT, default_value=Literal(d, "new"), dialect_options={"on_null": on_null}
    )
    return CreateTableExpression(d, "jobs", [ColumnDefinition("status", VarCharType(10), [default])]).to_sql()[0]


def test_default_on_null_for_insert_and_update(d23, grammar):
    sql = _status(d23, "insert and update")
    assert sql == 'CREATE TABLE "JOBS" ("STATUS" VARCHAR2(10) DEFAULT ON NULL FOR INSERT AND UPDATE \'new\')'
    assert grammar(sql, version=23) == "CREATE TABLE"
    d19 = OracleDialect(V19)
    insert_only = _status(d19, True)
    assert insert_only == 'CREATE TABLE "JOBS" ("STATUS" VARCHAR2(10) DEFAULT ON NULL \'new\')'
    assert grammar(insert_only, version=19) == "CREATE TABLE"
    assert _status(d19, "insert") == insert_only
    assert _status(d19, False) == 'CREATE TABLE "JOBS" ("STATUS" VARCHAR2(10) DEFAULT \'new\')'
    with pytest.raises(
        UnsupportedFeatureError, match=r"FOR INSERT AND UPDATE.*needs Oracle 23ai; the server is oracle 19"
    ):
        _status(d19, "insert and update")
    with pytest.raises(UnsupportedFeatureError, match="on_null='always'"):
        _status(d23, "always")
    default = ColumnConstraint(ColumnConstraintType.DEFAULT, default_value=Literal(d23, 1), dialect_options={"x": 1})
    with pytest.raises(UnsupportedFeatureError, match=r"DEFAULT dialect_options \['x'\]"):
        CreateTableExpression(d23, "t", [ColumnDefinition("n", VarCharType(1), [default])]).to_sql()


def test_grammar_checker_rejects_23ai_syntax_below_23(grammar):
    for sql in (
        'CREATE TABLE "T" ("V" VECTOR(3, FLOAT32))',
        'CREATE TABLE "T" ("B" BOOLEAN)',
        'CREATE TABLE "T" ("S" VARCHAR2(1) DEFAULT ON NULL FOR INSERT AND UPDATE \'x\')',
        'SELECT "ID" FROM "T" ORDER BY VECTOR_DISTANCE("V", :1, COSINE)',
    ):
        grammar(sql, version=23)
        with pytest.raises(AssertionError, match="needs 23ai"):
            grammar(sql, version=19)
