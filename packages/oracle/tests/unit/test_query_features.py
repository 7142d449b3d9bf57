"""PIVOT / UNPIVOT, flashback AS OF, Oracle Text and partitioning, rendered from the core's objects and
checked against the documented grammar; what Oracle cannot spell is refused (issue #13)."""

from __future__ import annotations

from datetime import datetime

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import (
    Column,
    FunctionCall,
    QueryExpression,
    RawSQLExpression,
    TableExpression,
)
from rhosocial.activerecord.backend.expression.query_parts import JoinExpression, OrderByClause, WhereClause
from rhosocial.activerecord.backend.expression.statements import (
    ColumnDefinition,
    CreateIndexExpression,
    CreateTableExpression,
    DeleteExpression,
)
from rhosocial.activerecord.backend.expression.statements.ddl_partition import PartitionClause, PartitionStrategy
from rhosocial.activerecord.backend.expression.types import DateType, IntegerType, VarCharType
from rhosocial.activerecord.backend.impl.oracle import OracleDialect
from rhosocial.activerecord.backend.impl.oracle.binds import to_oracle_sql
from rhosocial.activerecord.backend.impl.oracle.partitioning import ListPartition, OraclePartitionClause, RangePartition
from rhosocial.activerecord.backend.impl.oracle.query_clauses import Pivot, Unpivot, constant, contains, score


@pytest.fixture
def d() -> OracleDialect:
    return OracleDialect()


def rendered(expr) -> tuple[str, tuple]:
    sql, params = expr.to_sql()
    return to_oracle_sql(sql), params


# --- PIVOT / UNPIVOT ---------------------------------------------------------------------------------
def test_pivot(d, grammar):
    q = QueryExpression(
        d,
        select=[RawSQLExpression(d, "*")],
        from_="sales",
        where=WhereClause(d, Column(d, "year") == 2024),
        dialect_options={
            "pivot": Pivot(
                [(FunctionCall(d, "SUM", Column(d, "amount")), "total")],
                Column(d, "quarter"),
                [("Q1", "q1"), ("Q2", "q2"), (3, "q3")],
            )
        },
    )
    sql, params = rendered(q)
    assert sql == (
        # the backend drops AS before quoted aliases (optional in pivot_clause too)
        'SELECT * FROM "SALES" PIVOT (SUM("AMOUNT") "TOTAL" FOR "QUARTER" IN (\'Q1\' "Q1", \'Q2\' "Q2", '
        '3 "Q3")) WHERE "YEAR" = :1'
    )
    assert params == (2024,)
    assert grammar(sql) == "SELECT"


def test_unpivot_over_a_subquery(d, grammar):
    inner = QueryExpression(d, select=[Column(d, "id"), Column(d, "q1"), Column(d, "q2")], from_="wide")
    q = QueryExpression(
        d,
        select=[Column(d, "id"), Column(d, "quarter"), Column(d, "amount")],
        from_=inner,
        dialect_options={"unpivot": Unpivot("amount", "quarter", [("q1", "Q1"), ("q2", "Q2")], include_nulls=True)},
    )
    sql, _ = rendered(q)
    assert 'UNPIVOT INCLUDE NULLS ("AMOUNT" FOR "QUARTER" IN ("Q1" AS \'Q1\', "Q2" AS \'Q2\'))' in sql
    assert sql.startswith('SELECT "ID", "QUARTER", "AMOUNT" FROM (SELECT "ID", "Q1", "Q2" FROM "WIDE")')
    assert grammar(sql) == "SELECT"


def test_pivot_refusals(d):
    spec = Pivot([(FunctionCall(d, "SUM", Column(d, "a")), "s")], Column(d, "k"), [("x", "x")])
    both = {"pivot": spec, "unpivot": Unpivot("v", "n", [("a", "A")])}
    with pytest.raises(UnsupportedFeatureError, match="PIVOT and UNPIVOT"):
        QueryExpression(d, select=[Column(d, "a")], from_="t", dialect_options=both).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="without a FROM"):
        QueryExpression(d, select=[Column(d, "a")], dialect_options={"pivot": spec}).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="constant"):
        constant(None)
    with pytest.raises(UnsupportedFeatureError, match="constant"):
        constant(True)
    with pytest.raises(ValueError, match="aggregate"):
        QueryExpression(
            d, select=[Column(d, "a")], from_="t", dialect_options={"pivot": Pivot([], Column(d, "k"), [])}
        ).to_sql()
    with pytest.raises(ValueError, match="one column"):
        QueryExpression(
            d, select=[Column(d, "a")], from_="t", dialect_options={"unpivot": Unpivot("v", "n", [])}
        ).to_sql()
    assert constant(1.5) == "1.5"
    assert constant("it's") == "'it''s'"


# --- flashback -----------------------------------------------------------------------------------------
def test_flashback_goes_between_table_and_alias(d, grammar):
    when = datetime(2024, 5, 1, 12, 0)
    orders = TableExpression(d, "orders", alias="o", temporal_options={"as_of_timestamp": when})
    q = QueryExpression(d, select=[Column(d, "id", table="o")], from_=orders)
    sql, params = rendered(q)
    assert sql == 'SELECT "O"."ID" FROM "ORDERS" AS OF TIMESTAMP :1 "O"'
    assert params == (when,)
    assert grammar(sql) == "SELECT"
    scn = TableExpression(d, "orders", temporal_options={"as_of_scn": 123456})
    assert rendered(QueryExpression(d, select=[Column(d, "id")], from_=scn))[0] == (
        'SELECT "ID" FROM "ORDERS" AS OF SCN :1'
    )
    # the generic (core) placement, after the alias, is what the checker rejects
    with pytest.raises(AssertionError, match="after the table alias"):
        grammar('SELECT "O"."ID" FROM "ORDERS" "O" AS OF TIMESTAMP :1')


def test_flashback_in_a_join_and_with_an_expression(d, grammar):
    past = TableExpression(
        d,
        "items",
        alias="i",
        temporal_options={"as_of_timestamp": RawSQLExpression(d, "SYSTIMESTAMP - INTERVAL '1' HOUR")},
    )
    join = JoinExpression(
        d,
        TableExpression(d, "orders", alias="o"),
        past,
        "INNER JOIN",
        condition=Column(d, "order_id", table="i") == Column(d, "id", table="o"),
    )
    sql, _ = rendered(QueryExpression(d, select=[Column(d, "id", table="o")], from_=join))
    assert '"ITEMS" AS OF TIMESTAMP SYSTIMESTAMP - INTERVAL \'1\' HOUR "I"' in sql
    assert grammar(sql) == "SELECT"


def test_flashback_refusals(d):
    two = TableExpression(d, "t", temporal_options={"as_of_scn": 1, "as_of_timestamp": 2})
    with pytest.raises(UnsupportedFeatureError, match="one of as_of_timestamp"):
        QueryExpression(d, select=[Column(d, "a")], from_=two).to_sql()
    system_time = TableExpression(d, "t", temporal_options={"as_of": 1})
    with pytest.raises(UnsupportedFeatureError, match="temporal_options"):
        QueryExpression(d, select=[Column(d, "a")], from_=system_time).to_sql()
    target = TableExpression(d, "t", temporal_options={"as_of_scn": 1})
    with pytest.raises(UnsupportedFeatureError, match="in a SELECT's FROM only"):
        DeleteExpression(d, target, where=Column(d, "a") == 1).to_sql()


# --- Oracle Text ----------------------------------------------------------------------------------------
def test_text_index_and_contains_with_score(d, grammar):
    index = CreateIndexExpression(d, "docs_body_ctx", "docs", ["body"], dialect_options={"indextype": "ctxsys.context"})
    sql, _ = index.to_sql()
    assert sql == 'CREATE INDEX "DOCS_BODY_CTX" ON "DOCS" ("BODY") INDEXTYPE IS CTXSYS.CONTEXT'
    assert grammar(sql) == "CREATE INDEX"
    q = QueryExpression(
        d,
        select=[Column(d, "id"), score(d, 1, "relevance")],
        from_="docs",
        where=WhereClause(d, contains(d, Column(d, "body"), "oracle AND python", label=1)),
        order_by=OrderByClause(d, [(score(d, 1), "DESC")]),
    )
    sql, params = rendered(q)
    assert sql == (
        'SELECT "ID", SCORE(1) "RELEVANCE" FROM "DOCS" WHERE CONTAINS("BODY", :1, 1) > 0 ORDER BY SCORE(1) DESC'
    )
    assert params == ("oracle AND python",)
    assert grammar(sql) == "SELECT"
    with pytest.raises(UnsupportedFeatureError, match="indextype"):
        CreateIndexExpression(d, "i", "docs", ["body"], dialect_options={"indextype": "ctxsys.context; DROP"}).to_sql()
    assert rendered(
        QueryExpression(
            d, select=[Column(d, "id")], from_="docs", where=WhereClause(d, contains(d, Column(d, "body"), "x"))
        )
    )[0].endswith('WHERE CONTAINS("BODY", :1) > 0')


# --- partitioning -----------------------------------------------------------------------------------------
def _table(d, partition):
    return CreateTableExpression(
        d,
        "events",
        [
            ColumnDefinition("id", IntegerType()),
            ColumnDefinition("day", DateType()),
            ColumnDefinition("region", VarCharType(10)),
        ],
        partition=partition,
    )


def test_range_interval_list_hash_partitioning(d, grammar):
    interval = OraclePartitionClause(
        d,
        PartitionStrategy.RANGE,
        [Column(d, "day")],
        partitions=[RangePartition("p0", "DATE '2024-01-01'")],
        interval="NUMTOYMINTERVAL(1, 'MONTH')",
    )
    sql = _table(d, interval).to_sql()[0]
    assert sql.endswith(
        "PARTITION BY RANGE (\"DAY\") INTERVAL (NUMTOYMINTERVAL(1, 'MONTH')) "
        "(PARTITION \"P0\" VALUES LESS THAN (DATE '2024-01-01'))"
    )
    assert grammar(sql) == "CREATE TABLE"
    ranged = OraclePartitionClause(
        d,
        PartitionStrategy.RANGE,
        [Column(d, "id")],
        partitions=[RangePartition("low", 1000), RangePartition("rest", "maxvalue")],
    )
    sql = _table(d, ranged).to_sql()[0]
    assert sql.endswith('(PARTITION "LOW" VALUES LESS THAN (1000), PARTITION "REST" VALUES LESS THAN (MAXVALUE))')
    assert grammar(sql) == "CREATE TABLE"
    listed = OraclePartitionClause(
        d,
        PartitionStrategy.LIST,
        [Column(d, "region")],
        partitions=[ListPartition("eu", ["DE", "FR"]), ListPartition("other", ["default"])],
    )
    sql = _table(d, listed).to_sql()[0]
    assert sql.endswith(
        'PARTITION BY LIST ("REGION") (PARTITION "EU" VALUES (\'DE\', \'FR\'), PARTITION "OTHER" VALUES (DEFAULT))'
    )
    assert grammar(sql) == "CREATE TABLE"
    hashed = _table(d, OraclePartitionClause(d, PartitionStrategy.HASH, [Column(d, "id")], hash_partitions=8)).to_sql()[
        0
    ]
    assert hashed.endswith('PARTITION BY HASH ("ID") PARTITIONS 8')
    assert grammar(hashed) == "CREATE TABLE"
    core = _table(d, PartitionClause(d, PartitionStrategy.HASH, [Column(d, "id")])).to_sql()[0]
    assert core.endswith('PARTITION BY HASH ("ID")')  # the core's own clause, as it is
    assert grammar(core) == "CREATE TABLE"


def test_partitioning_refusals(d):
    cases = [
        (PartitionClause(d, PartitionStrategy.RANGE, [Column(d, "id")]), "without partitions"),
        (PartitionClause(d, PartitionStrategy.HASH, [Column(d, "id")], dialect_options={"x": 1}), "dialect_options"),
        (
            OraclePartitionClause(
                d, PartitionStrategy.LIST, [Column(d, "id")], interval="1", partitions=[ListPartition("a", [1])]
            ),
            "INTERVAL with LIST",
        ),
        (
            OraclePartitionClause(d, PartitionStrategy.HASH, [Column(d, "id")], partitions=[RangePartition("a", 1)]),
            "named HASH",
        ),
        (
            OraclePartitionClause(
                d, PartitionStrategy.RANGE, [Column(d, "id")], hash_partitions=2, partitions=[RangePartition("a", 1)]
            ),
            "hash_partitions with RANGE",
        ),
        (
            OraclePartitionClause(d, PartitionStrategy.RANGE, [Column(d, "id")], partitions=[ListPartition("a", [1])]),
            "ListPartition in RANGE",
        ),
        (
            OraclePartitionClause(
                d, PartitionStrategy.RANGE, [Column(d, "id")], partitions=[RangePartition("a", None)]
            ),
            "partition bound",
        ),
        (
            OraclePartitionClause(
                d, PartitionStrategy.RANGE, [Column(d, "id")], partitions=[RangePartition("a", True)]
            ),
            "partition bound",
        ),
        (OraclePartitionClause(d, PartitionStrategy.HASH, [Column(d, "id") + 1]), "bind values"),
    ]
    for clause, message in cases:
        with pytest.raises(UnsupportedFeatureError, match=message):
            _table(d, clause).to_sql()
    temp = _table(d, PartitionClause(d, PartitionStrategy.HASH, [Column(d, "id")]))
    temp.temporary, temp.dialect_options = True, {"on_commit": "delete rows"}
    with pytest.raises(UnsupportedFeatureError, match="partitioned GLOBAL TEMPORARY"):
        temp.to_sql()
    assert (
        OraclePartitionClause(d, PartitionStrategy.RANGE, [Column(d, "id")], partitions=[RangePartition("a", 2.5)])
        .partitions[0]
        .bound
        == 2.5
    )
