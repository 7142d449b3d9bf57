"""Issue #13 on a real Oracle, each statement built from the core's objects and rendered by our dialect:
23ai features (run on 23ai, refused naming the version on 21c), PIVOT/UNPIVOT, flashback, Oracle
Text, partitioning, LOB streaming and sessionless transactions (23.6+). Skips without a DSN."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import (
    Column,
    FunctionCall,
    Literal,
    QueryExpression,
    RawSQLExpression,
    TableExpression,
)
from rhosocial.activerecord.backend.expression.query_parts import OrderByClause, WhereClause
from rhosocial.activerecord.backend.expression.statements import (
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateIndexExpression,
    CreateTableExpression,
)
from rhosocial.activerecord.backend.expression.statements.ddl_partition import PartitionStrategy
from rhosocial.activerecord.backend.expression.types import BooleanType, IntegerType, VarCharType
from rhosocial.activerecord.backend.impl.oracle.ddl import drop_if_exists
from rhosocial.activerecord.backend.impl.oracle.duality import CreateDualityView, DualityTable
from rhosocial.activerecord.backend.impl.oracle.partitioning import OraclePartitionClause, RangePartition
from rhosocial.activerecord.backend.impl.oracle.query_clauses import Pivot, Unpivot, contains
from rhosocial.activerecord.backend.impl.oracle.vector import VectorIndex, VectorType, to_vector, vector_distance

pytestmark = pytest.mark.server


@pytest.fixture
def ddl(backend):
    """Runs a core DDL expression through the backend; drops the named tables/views afterwards."""
    made: list[tuple[str, str]] = []

    def run(expr, *drops: tuple[str, str]) -> None:
        for kind, name in drops:
            backend.execute(drop_if_exists(kind, name))
            made.append((kind, name))
        sql, params = expr.to_sql()
        backend.execute(sql, params)

    yield run
    for kind, name in reversed(made):
        backend.execute(drop_if_exists(kind, name))


def _23ai(backend) -> bool:
    return backend.dialect.has_capability("vector")


def test_boolean_and_vector_columns_with_distance_ordering_and_index(backend, ddl):
    d = backend.dialect
    table = CreateTableExpression(
        d,
        "hq_docs",
        [
            ColumnDefinition("id", IntegerType(), [ColumnConstraint(ColumnConstraintType.PRIMARY_KEY)]),
            ColumnDefinition("ok", BooleanType()),
            ColumnDefinition("emb", VectorType(3, "FLOAT32")),
        ],
    )
    if not _23ai(backend):
        with pytest.raises(UnsupportedFeatureError, match="23ai"):
            table.to_sql()
        return
    ddl(table, ("table", "hq_docs"))
    for key, vec in ((1, [1.0, 0.0, 0.0]), (2, [0.0, 1.0, 0.0]), (3, [0.9, 0.1, 0.0])):
        backend.execute(
            'INSERT INTO "HQ_DOCS" ("ID", "OK", "EMB") VALUES (?, ?, ?)', (key, True, to_vector(vec, "FLOAT32"))
        )
    nearest = QueryExpression(
        d,
        select=[Column(d, "id"), Column(d, "emb")],
        from_="hq_docs",
        order_by=OrderByClause(d, [vector_distance(d, Column(d, "emb"), [1.0, 0.0, 0.0], "COSINE", "FLOAT32")]),
    )
    sql, params = nearest.to_sql()
    rows = backend.fetch_all(sql, params)
    assert [r["id"] for r in rows] == [1, 3, 2]
    assert rows[0]["emb"] == [1.0, 0.0, 0.0]  # read back as a list
    ddl(
        CreateIndexExpression(
            d, "hq_docs_emb", "hq_docs", ["emb"], dialect_options={"vector": VectorIndex(accuracy=90)}
        )
    )
    found = backend.fetch_one("SELECT index_type FROM user_indexes WHERE index_name = 'HQ_DOCS_EMB'")
    assert found is not None


def test_duality_view_and_default_on_null_for_update(backend, ddl):
    d = backend.dialect
    status = ColumnConstraint(
        ColumnConstraintType.DEFAULT, default_value=Literal(d, "new"), dialect_options={"on_null": "insert and update"}
    )
    table = CreateTableExpression(
        d,
        "hq_jobs",
        [
            ColumnDefinition("id", IntegerType(), [ColumnConstraint(ColumnConstraintType.PRIMARY_KEY)]),
            ColumnDefinition("status", VarCharType(10), [status]),
        ],
    )
    view = CreateDualityView(
        d,
        "hq_jobs_dv",
        DualityTable("hq_jobs", {"_id": "id", "status": "status"}, allow=("INSERT", "UPDATE", "DELETE")),
    )
    if not _23ai(backend):
        with pytest.raises(UnsupportedFeatureError, match="23ai"):
            table.to_sql()
        with pytest.raises(UnsupportedFeatureError, match="23ai"):
            view.to_sql()
        return
    ddl(table, ("table", "hq_jobs"))
    backend.execute('INSERT INTO "HQ_JOBS" ("ID", "STATUS") VALUES (?, ?)', (1, None))
    backend.execute('UPDATE "HQ_JOBS" SET "STATUS" = ? WHERE "ID" = ?', (None, 1))
    assert backend.fetch_one('SELECT "STATUS" FROM "HQ_JOBS"')["status"] == "new"
    ddl(view, ("view", "hq_jobs_dv"))
    doc = backend.fetch_one('SELECT JSON_SERIALIZE(DATA) AS "DOC" FROM "HQ_JOBS_DV"')
    assert '"status":"new"' in doc["doc"].replace(" ", "")


def test_select_without_from_on_23ai(backend):
    d = backend.dialect
    sql, params = QueryExpression(d, select=[Literal(d, 7).as_("n")]).to_sql()
    assert ("FROM" in sql) is not _23ai(backend)
    assert backend.fetch_one(sql, params)["n"] == 7


def test_pivot_unpivot_text_and_partitioning(backend, ddl, table):
    d = backend.dialect
    part = OraclePartitionClause(
        d,
        PartitionStrategy.RANGE,
        [Column(d, "yr")],
        partitions=[RangePartition("p_old", 2020), RangePartition("p_new", "MAXVALUE")],
    )
    sales = CreateTableExpression(
        d,
        "hq_sales",
        [
            ColumnDefinition("yr", IntegerType()),
            ColumnDefinition("qtr", VarCharType(2)),
            ColumnDefinition("amount", IntegerType()),
        ],
        partition=part,
    )
    ddl(sales, ("table", "hq_sales"))
    assert backend.fetch_one("SELECT COUNT(*) AS n FROM user_tab_partitions WHERE table_name = 'HQ_SALES'")["n"] == 2
    for row in ((2019, "Q1", 5), (2024, "Q1", 10), (2024, "Q2", 20), (2024, "Q2", 1)):
        backend.execute('INSERT INTO "HQ_SALES" ("YR", "QTR", "AMOUNT") VALUES (?, ?, ?)', row)
    pivot = QueryExpression(
        d,
        select=[RawSQLExpression(d, "*")],
        from_="hq_sales",
        where=WhereClause(d, Column(d, "yr") == 2024),
        dialect_options={
            "pivot": Pivot(
                [(FunctionCall(d, "SUM", Column(d, "amount")), "total")], Column(d, "qtr"), [("Q1", "q1"), ("Q2", "q2")]
            )
        },
    )
    sql, params = pivot.to_sql()
    row = backend.fetch_one(sql, params)
    assert (row["q1_total"], row["q2_total"]) == (10, 21)
    unpivot = QueryExpression(
        d,
        select=[Column(d, "k"), Column(d, "v")],
        from_=QueryExpression(d, select=[Literal(d, 1).as_("a"), Literal(d, 2).as_("b")]),
        dialect_options={"unpivot": Unpivot("v", "k", [("a", "A"), ("b", "B")])},
    )
    sql, params = unpivot.to_sql()
    assert sorted((r["k"], r["v"]) for r in backend.fetch_all(sql, params)) == [("A", 1), ("B", 2)]
    table("HQ_TEXT", 'CREATE TABLE "HQ_TEXT" ("ID" NUMBER(10), "BODY" VARCHAR2(200))')
    backend.execute('INSERT INTO "HQ_TEXT" VALUES (?, ?)', (1, "oracle text search"))
    try:
        ddl(
            CreateIndexExpression(
                d, "hq_text_ctx", "hq_text", ["body"], dialect_options={"indextype": "CTXSYS.CONTEXT"}
            )
        )
    except Exception as e:  # Oracle Text is an option some images leave out
        pytest.skip(f"Oracle Text not available: {e}")
    q = QueryExpression(
        d, select=[Column(d, "id")], from_="hq_text", where=WhereClause(d, contains(d, Column(d, "body"), "search"))
    )
    sql, params = q.to_sql()
    assert [r["id"] for r in backend.fetch_all(sql, params)] == [1]


def test_flashback_reads_the_past(backend, table):
    d = backend.dialect
    table("HQ_FLASH", 'CREATE TABLE "HQ_FLASH" ("ID" NUMBER(10))')
    backend.execute('INSERT INTO "HQ_FLASH" VALUES (1)')
    scn = backend.fetch_one("SELECT DBMS_FLASHBACK.GET_SYSTEM_CHANGE_NUMBER AS scn FROM DUAL")
    if scn is None:
        pytest.skip("needs EXECUTE on DBMS_FLASHBACK")
    backend.execute('DELETE FROM "HQ_FLASH"')
    past = TableExpression(d, "hq_flash", alias="f", temporal_options={"as_of_scn": int(scn["scn"])})
    sql, params = QueryExpression(d, select=[Column(d, "id", table="f")], from_=past).to_sql()
    assert [r["id"] for r in backend.fetch_all(sql, params)] == [1]


def test_lob_streaming_sync(backend, table):
    table("HQ_LOBS", 'CREATE TABLE "HQ_LOBS" ("ID" NUMBER(10), "DOC" CLOB)')
    backend.execute('INSERT INTO "HQ_LOBS" VALUES (1, EMPTY_CLOB())')
    text = "abcdefghij" * 50_000
    chunks = [text[i : i + 65_536] for i in range(0, len(text), 65_536)]
    assert backend.write_lob('SELECT "DOC" FROM "HQ_LOBS" WHERE "ID" = ? FOR UPDATE', (1,), chunks) == len(text)
    back = "".join(backend.read_lob('SELECT "DOC" FROM "HQ_LOBS" WHERE "ID" = ?', (1,), chunk_size=100_000))
    assert back == text


async def test_lob_streaming_async(async_backend, backend, table):
    table("HQ_LOBS", 'CREATE TABLE "HQ_LOBS" ("ID" NUMBER(10), "DATA" BLOB)')
    backend.execute('INSERT INTO "HQ_LOBS" VALUES (1, EMPTY_BLOB())')
    data = bytes(range(256)) * 4_000
    written = await async_backend.write_lob(
        'SELECT "DATA" FROM "HQ_LOBS" WHERE "ID" = ? FOR UPDATE', (1,), [data[:500_000], data[500_000:]]
    )
    assert written == len(data)
    back = b"".join(
        [c async for c in async_backend.read_lob('SELECT "DATA" FROM "HQ_LOBS" WHERE "ID" = ?', (1,), 300_000)]
    )
    assert back == data


def test_sessionless_transaction_across_backends(backend, oracle_config, table):
    from rhosocial.activerecord.backend.impl.oracle import OracleBackend

    if not backend.dialect.has_capability("sessionless_transactions"):
        with pytest.raises(UnsupportedFeatureError, match=r"23\.6"):
            backend.begin_sessionless()
        return
    table("HQ_SL", 'CREATE TABLE "HQ_SL" ("ID" NUMBER(10))')
    txid = backend.begin_sessionless(b"hq-sessionless-1")
    backend.execute('INSERT INTO "HQ_SL" VALUES (1)')
    backend.suspend_sessionless()
    other = OracleBackend(oracle_config)
    other.connect()
    try:
        other.resume_sessionless(txid)
        other.execute('INSERT INTO "HQ_SL" VALUES (2)')
        other.commit_sessionless()
    finally:
        other.disconnect()
    assert backend.fetch_one('SELECT COUNT(*) AS n FROM "HQ_SL"')["n"] == 2
