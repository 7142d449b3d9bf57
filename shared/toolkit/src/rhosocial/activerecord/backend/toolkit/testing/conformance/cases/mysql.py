"""MySQL and MariaDB-specific conformance cases (`@case(..., backends={"mysql"})`).

Each builds the statement from the core's objects, renders it with our MySQL/MariaDB dialect, runs it
and checks the effect; several are the regression cases of issue 9 (AUTO_INCREMENT, generated columns,
sequences in MariaDB's grammar, JSON_TABLE quoting, SPATIAL and functional indexes, INSERT IGNORE /
REPLACE, COLLATE, literals inlined in DDL, triggers, views).
"""

from __future__ import annotations

from typing import Any

import pytest

from rhosocial.activerecord.backend.expression import TableExpression
from rhosocial.activerecord.backend.expression import statements as st
from rhosocial.activerecord.backend.expression.collation import CollateExpression
from rhosocial.activerecord.backend.expression.query_sources import JSONTableColumn, JSONTableExpression
from rhosocial.activerecord.backend.expression.statements import ddl_alter as al
from rhosocial.activerecord.backend.expression.types import (
    DateTimeType,
    IntegerType,
    JsonType,
    VarCharType,
)

from ..build import col, func, lit, select
from ..context import Ctx
from ..registry import case

MYSQL = {"mysql"}
C = st.ColumnConstraintType


def _column(name: str, data_type: Any, *constraints: st.ColumnConstraint, **kw: Any) -> st.ColumnDefinition:
    return st.ColumnDefinition(name, data_type, list(constraints), **kw)


def _create(ctx: Ctx, hint: str, *columns: st.ColumnDefinition, **kw: Any) -> str:
    """A table created by the rendered CREATE TABLE (dropped after the case)."""
    name = ctx.name(hint)
    ctx.cleanup("TABLE", name)
    ctx.run(st.CreateTableExpression(ctx.dialect, name, list(columns), **kw))
    return name


def _insert(ctx: Ctx, table: str, names: list[str], *rows: list[Any], **kw: Any) -> st.InsertExpression:
    d = ctx.dialect
    source = st.ValuesSource(d, [[lit(ctx, v) for v in row] for row in rows])
    return st.InsertExpression(d, table, source, names, **kw)


def _column_values(ctx: Ctx, table: str, *names: str) -> list[tuple[Any, ...]]:
    order = [col(ctx, names[0])]
    return [tuple(r.values()) for r in ctx.run(select(ctx, [col(ctx, n) for n in names], table, order_by=order))]


# -- CREATE TABLE: AUTO_INCREMENT, generated columns, literals ------------------------------------
@case("supports_create_table", "supports_primary_key_constraint", backends=MYSQL)
def auto_increment_assigns_keys(ctx: Ctx) -> None:
    key = st.ColumnConstraint(C.PRIMARY_KEY, is_auto_increment=True)
    name = _create(ctx, "ai", _column("id", IntegerType(), key), _column("v", IntegerType()))
    ctx.run(_insert(ctx, name, ["v"], [10], [20]))
    assert _column_values(ctx, name, "id", "v") == [(1, 10), (2, 20)]


def _generated(ctx: Ctx, kind: st.GeneratedColumnType, table_hint: str = "gen") -> tuple[str, st.CreateTableExpression]:
    name = ctx.name(table_hint)
    twice = col(ctx, "a") * lit(ctx, 2)
    columns = [
        _column("a", IntegerType()),
        _column("g", IntegerType(), generated_expression=twice, generated_type=kind),
    ]
    return name, st.CreateTableExpression(ctx.dialect, name, columns)


def _check_generated(ctx: Ctx, kind: st.GeneratedColumnType) -> None:
    name, create = _generated(ctx, kind)
    ctx.cleanup("TABLE", name)
    ctx.run(create)
    ctx.run(_insert(ctx, name, ["a"], [21]))
    assert _column_values(ctx, name, "g") == [(42,)]
    extra = ctx.scalar(
        "SELECT extra FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = %s "
        "AND column_name = 'g'",
        (name,),
    )
    assert kind.value in str(extra).upper(), extra


@case(
    "supports_generated_columns",
    "supports_stored_generated_columns",
    backends=MYSQL,
    refusal=lambda ctx: _generated(ctx, st.GeneratedColumnType.STORED)[1],
)
def generated_stored(ctx: Ctx) -> None:
    _check_generated(ctx, st.GeneratedColumnType.STORED)


@case(
    "supports_generated_columns",
    "supports_virtual_generated_columns",
    backends=MYSQL,
    refusal=lambda ctx: _generated(ctx, st.GeneratedColumnType.VIRTUAL)[1],
)
def generated_virtual(ctx: Ctx) -> None:
    _check_generated(ctx, st.GeneratedColumnType.VIRTUAL)


@case("supports_check_constraint", "supports_create_table", backends=MYSQL)
def ddl_literals_are_inlined(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.errors import IntegrityError

    d = ctx.dialect
    positive = st.ColumnConstraint(C.CHECK, check_condition=col(ctx, "n") > lit(ctx, 0))
    default = st.ColumnConstraint(C.DEFAULT, default_value=lit(ctx, "it's \\ ok"))
    name = ctx.name("lit")
    create = st.CreateTableExpression(
        d, name, [_column("n", IntegerType(), positive), _column("s", VarCharType(20), default)]
    )
    sql, params = ctx.render(create)
    assert params == (), (sql, params)  # DDL takes no bind parameters
    ctx.cleanup("TABLE", name)
    ctx.execute(sql)
    ctx.run(_insert(ctx, name, ["n"], [5]))
    assert _column_values(ctx, name, "n", "s") == [(5, "it's \\ ok")]
    try:
        ctx.run(_insert(ctx, name, ["n"], [-1]))
    except IntegrityError:
        pass
    else:
        raise AssertionError("CHECK (n > 0) accepted -1")


@case("supports_foreign_key_constraint", "supports_fk_on_delete", backends=MYSQL)
def column_foreign_key_is_enforced(ctx: Ctx) -> None:
    # MySQL < 9 parses and ignores an inline REFERENCES: the dialect writes it at table level.
    from rhosocial.activerecord.backend.errors import IntegrityError

    parent = _create(ctx, "par", _column("id", IntegerType(), st.ColumnConstraint(C.PRIMARY_KEY)))
    ctx.execute(f"INSERT INTO {ctx.q(parent)} VALUES (1)")
    fk = st.ColumnConstraint(
        C.FOREIGN_KEY, foreign_key_reference=(parent, ["id"]), on_delete=st.ReferentialAction.CASCADE
    )
    child = _create(ctx, "chi", _column("pid", IntegerType(), fk))
    ctx.run(_insert(ctx, child, ["pid"], [1]))
    with pytest.raises(IntegrityError):
        ctx.run(_insert(ctx, child, ["pid"], [99]))
    ctx.execute(f"DELETE FROM {ctx.q(parent)}")
    assert ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(child)}") == 0  # ON DELETE CASCADE


@case("supports_table_like_syntax", backends=MYSQL)
def create_table_like(ctx: Ctx) -> None:
    source = _create(ctx, "src", _column("v", VarCharType(7), st.ColumnConstraint(C.NOT_NULL)))
    copy = ctx.name("like")
    ctx.cleanup("TABLE", copy)
    ctx.run(st.CreateTableExpression(ctx.dialect, copy, [], dialect_options={"like_table": source}))
    got = ctx.rows(
        "SELECT column_type, is_nullable FROM information_schema.columns WHERE table_schema = DATABASE() "
        "AND table_name = %s",
        (copy,),
    )
    assert got == [("varchar(7)", "NO")], got


@case("supports_alter_table", "supports_alter_column_type", backends=MYSQL)
def modify_column_changes_type(ctx: Ctx) -> None:
    name = _create(ctx, "mod", _column("v", IntegerType()))
    modify = al.ModifyColumn(ctx.dialect, _column("v", VarCharType(12), st.ColumnConstraint(C.NOT_NULL)))
    ctx.run(al.AlterTableExpression(ctx.dialect, name, [modify]))
    got = ctx.rows(
        "SELECT column_type, is_nullable FROM information_schema.columns WHERE table_schema = DATABASE() "
        "AND table_name = %s",
        (name,),
    )
    assert got == [("varchar(12)", "NO")], got


@case("supports_json_type", backends=MYSQL)
def json_column(ctx: Ctx) -> None:
    name = _create(ctx, "js", _column("doc", JsonType()))
    ctx.run(_insert(ctx, name, ["doc"], ['{"a": [1, 2]}']))
    assert ctx.scalar(f"SELECT JSON_EXTRACT(doc, '$.a[1]') FROM {ctx.q(name)}") in (2, "2")


@case("supports_microsecond_timestamp", backends=MYSQL)
def microsecond_datetime(ctx: Ctx) -> None:
    from datetime import datetime

    name = _create(ctx, "us", _column("at", DateTimeType(precision=6)))
    stamp = datetime(2024, 2, 29, 23, 59, 58, 123456)
    ctx.run(_insert(ctx, name, ["at"], [stamp]))
    assert ctx.scalar(f"SELECT MICROSECOND(at) FROM {ctx.q(name)}") == 123456


# -- sequences (MariaDB 10.3+) -----------------------------------------------------------------
def _sequence(ctx: Ctx, name: str = "s", **kw: Any) -> st.CreateSequenceExpression:
    return st.CreateSequenceExpression(ctx.dialect, name, **kw)


def _next(ctx: Ctx, name: str, count: int) -> list[int]:
    return [int(ctx.scalar(f"SELECT NEXTVAL({ctx.q(name)})")) for _ in range(count)]


@case(
    "supports_sequence",
    "supports_create_sequence",
    "supports_drop_sequence",
    "supports_sequence_cache",
    backends=MYSQL,
    refusal=_sequence,
)
def sequence_numbers(ctx: Ctx) -> None:
    name = ctx.name("seq")
    ctx.cleanup("SEQUENCE", name)
    ctx.run(_sequence(ctx, name, start=5, increment=2, cache=10))
    assert _next(ctx, name, 2) == [5, 7]
    ctx.run(st.DropSequenceExpression(ctx.dialect, name))
    assert ctx.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = %s", (name,)) == 0


@case("supports_sequence_cycle", backends=MYSQL, refusal=lambda ctx: _sequence(ctx, cycle=True))
def sequence_cycle_and_nocycle(ctx: Ctx) -> None:
    cycling = ctx.name("cyc")
    ctx.cleanup("SEQUENCE", cycling)
    ctx.run(_sequence(ctx, cycling, start=1, minvalue=1, maxvalue=2, cycle=True, cache=0))
    assert _next(ctx, cycling, 3) == [1, 2, 1]
    bounded = ctx.name("nocyc")
    ctx.cleanup("SEQUENCE", bounded)
    ctx.run(_sequence(ctx, bounded, start=1, minvalue=1, maxvalue=2, cycle=False, cache=0))
    assert _next(ctx, bounded, 2) == [1, 2]
    with pytest.raises(Exception, match="run out"):  # NOCYCLE: no value past MAXVALUE
        _next(ctx, bounded, 1)


@case(
    "supports_sequence_if_not_exists",
    "supports_sequence_if_exists",
    "supports_alter_sequence",
    backends=MYSQL,
    refusal=lambda ctx: st.AlterSequenceExpression(ctx.dialect, "s", restart=1),
)
def sequence_if_exists_and_alter(ctx: Ctx) -> None:
    name = ctx.name("seqx")
    ctx.cleanup("SEQUENCE", name)
    ctx.run(_sequence(ctx, name, if_not_exists=True))
    ctx.run(_sequence(ctx, name, if_not_exists=True, start=50))  # exists already: a no-op
    assert _next(ctx, name, 1) == [1]
    ctx.run(st.AlterSequenceExpression(ctx.dialect, name, restart=40, increment=10))
    assert _next(ctx, name, 2) == [40, 50]
    ctx.run(st.DropSequenceExpression(ctx.dialect, name, if_exists=True))
    ctx.run(st.DropSequenceExpression(ctx.dialect, name, if_exists=True))  # gone: a no-op


# -- queries ---------------------------------------------------------------------------------------
def _json_table(ctx: Ctx) -> Any:
    doc = lit(ctx, '[{"a": 5, "b": "x"}, {"a": 6, "b": "y"}]')
    columns = [JSONTableColumn("a", "INT", "$.a"), JSONTableColumn("b", "VARCHAR(10)", "$.b")]
    source = JSONTableExpression(ctx.dialect, doc, "$[*]", columns, alias="j")
    return select(ctx, [col(ctx, "a", "j"), col(ctx, "b", "j")], source)


@case("supports_json_table", backends=MYSQL, refusal=_json_table)
def json_table_rows(ctx: Ctx) -> None:
    rows = ctx.run(_json_table(ctx))
    assert [(r["a"], r["b"]) for r in rows] == [(5, "x"), (6, "y")], rows


@case("supports_collate_expression", backends=MYSQL)
def collate_compares_binary(ctx: Ctx) -> None:
    name = ctx.table(
        "s VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci", "coll", rows=[("abc",), ("ABC",)]
    )
    exact = CollateExpression(ctx.dialect, col(ctx, "s"), "utf8mb4_bin") == lit(ctx, "abc")
    assert [r["s"] for r in ctx.run(select(ctx, [col(ctx, "s")], name, where=exact))] == ["abc"]
    try:
        CollateExpression(ctx.dialect, col(ctx, "s"), "utf8mb4_bin; DROP TABLE x").to_sql()
    except ValueError:
        pass
    else:
        raise AssertionError("an invalid collation name was rendered")


@case("supports_upsert", backends=MYSQL)
def insert_ignore_and_replace(ctx: Ctx) -> None:
    key = st.ColumnConstraint(C.PRIMARY_KEY)
    name = _create(ctx, "ign", _column("id", IntegerType(), key), _column("v", IntegerType()))
    ctx.run(_insert(ctx, name, ["id", "v"], [1, 10]))
    ctx.run(_insert(ctx, name, ["id", "v"], [1, 11], [2, 20], dialect_options={"ignore": True}))
    assert _column_values(ctx, name, "id", "v") == [(1, 10), (2, 20)]
    ctx.run(_insert(ctx, name, ["id", "v"], [1, 12], dialect_options={"replace": True}))
    assert _column_values(ctx, name, "id", "v") == [(1, 12), (2, 20)]


# -- indexes ---------------------------------------------------------------------------------------
def _index_type(ctx: Ctx, table: str, index: str) -> Any:
    return ctx.scalar(
        "SELECT index_type FROM information_schema.statistics WHERE table_schema = DATABASE() "
        "AND table_name = %s AND index_name = %s",
        (table, index),
    )


@case("supports_create_index", "supports_index_type", "supports_drop_index", backends=MYSQL)
def spatial_and_hash_indexes(ctx: Ctx) -> None:
    d = ctx.dialect
    name = ctx.table("id INT PRIMARY KEY, g GEOMETRY NOT NULL, v INT", "sp")
    ctx.run(st.CreateIndexExpression(d, "cf_sp", name, ["g"], index_type="SPATIAL"))
    assert _index_type(ctx, name, "cf_sp") == "SPATIAL"
    ctx.run(st.CreateIndexExpression(d, "cf_bt", name, ["v"], index_type="BTREE"))
    assert _index_type(ctx, name, "cf_bt") == "BTREE"
    ctx.run(st.DropIndexExpression(d, "cf_sp", name))
    assert _index_type(ctx, name, "cf_sp") is None


@case("supports_unique_index", "supports_index_if_not_exists", "supports_index_if_exists", backends=MYSQL)
def unique_index_if_not_exists(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.errors import IntegrityError

    d = ctx.dialect
    name = ctx.table("v INT", "ui", rows=[(1,)])
    index = st.CreateIndexExpression(d, "cf_ui", name, ["v"], unique=True, if_not_exists=True)
    ctx.run(index)
    ctx.run(index)  # exists already: a no-op
    try:
        ctx.execute(f"INSERT INTO {ctx.q(name)} VALUES (1)")
    except IntegrityError:
        pass
    else:
        raise AssertionError("the UNIQUE index did not refuse a duplicate")
    ctx.run(st.DropIndexExpression(d, "cf_ui", name, if_exists=True))
    ctx.run(st.DropIndexExpression(d, "cf_ui", name, if_exists=True))  # gone: a no-op
    assert _index_type(ctx, name, "cf_ui") is None


def _functional_index(ctx: Ctx, table: str = "t") -> st.CreateIndexExpression:
    return st.CreateIndexExpression(ctx.dialect, "cf_fx", table, [func(ctx, "LOWER", col(ctx, "s"))])


@case("supports_functional_index", backends=MYSQL, refusal=_functional_index)
def functional_index(ctx: Ctx) -> None:
    name = ctx.table("s VARCHAR(20)", "fx")
    ctx.run(_functional_index(ctx, name))
    expression = ctx.scalar(
        "SELECT expression FROM information_schema.statistics WHERE table_schema = DATABASE() "
        "AND table_name = %s AND index_name = 'cf_fx'",
        (name,),
    )
    assert "lower" in str(expression).lower(), expression


@case(
    "supports_fulltext_index",
    "supports_fulltext_search",
    "supports_fulltext_boolean_mode",
    "supports_fulltext_query_expansion",
    backends=MYSQL,
)
def fulltext_index_and_search(ctx: Ctx) -> None:
    d = ctx.dialect
    name = ctx.table(
        "id INT PRIMARY KEY, body TEXT",
        "ft",
        rows=[(1, "the quick brown fox"), (2, "lazy dogs sleep all day"), (3, "quick thinking wins")],
    )
    ctx.run(st.CreateFulltextIndexExpression(d, "cf_ft", name, ["body"]))
    assert _index_type(ctx, name, "cf_ft") == "FULLTEXT"

    def found(term: str, mode: Any = None) -> list[int]:
        match_sql, params = d.format_fulltext_match(["body"], term, mode)
        return sorted(r[0] for r in ctx.rows(f"SELECT id FROM {ctx.q(name)} WHERE {match_sql}", params))

    assert found("quick") == [1, 3]
    assert found("+quick -fox", "BOOLEAN") == [3]
    assert 1 in found("fox", "QUERY EXPANSION")


# -- triggers and views ------------------------------------------------------------------------------
@case("supports_trigger", "supports_create_trigger", "supports_drop_trigger", backends=MYSQL)
def trigger_calls_procedure(ctx: Ctx) -> None:
    d = ctx.dialect
    name = ctx.table("v INT", "trg")
    log = ctx.table("n INT", "log")
    procedure, trigger = ctx.name("proc"), ctx.name("trg")
    ctx.cleanup("PROCEDURE", procedure)
    ctx.execute(f"CREATE PROCEDURE {ctx.q(procedure)}() INSERT INTO {ctx.q(log)} VALUES (1)")
    events = [st.TriggerEvent.INSERT]
    ctx.run(st.CreateTriggerExpression(d, trigger, name, st.TriggerTiming.AFTER, events, procedure))
    ctx.run(_insert(ctx, name, ["v"], [7]))
    assert ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(log)}") == 1
    ctx.run(st.DropTriggerExpression(d, trigger, name))
    ctx.run(_insert(ctx, name, ["v"], [8]))
    assert ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(log)}") == 1


@case(
    "supports_create_view",
    "supports_or_replace_view",
    "supports_view_check_option",
    "supports_drop_view",
    "supports_if_exists_view",
    backends=MYSQL,
)
def view_options(ctx: Ctx) -> None:
    d = ctx.dialect
    name = ctx.table("v INT", "vw")
    view = ctx.name("view")
    ctx.cleanup("VIEW", view)
    query = select(ctx, [col(ctx, "v")], name, where=col(ctx, "v") > lit(ctx, 1))
    options = st.ViewOptions(
        algorithm=st.ViewAlgorithm.MERGE, security="INVOKER", check_option=st.ViewCheckOption.LOCAL
    )
    ctx.run(st.CreateViewExpression(d, view, query, options=options))
    ctx.run(st.CreateViewExpression(d, view, query, replace=True, options=options))
    got = ctx.rows(
        "SELECT check_option, security_type FROM information_schema.views WHERE table_schema = DATABASE() "
        "AND table_name = %s",
        (view,),
    )
    assert got == [("LOCAL", "INVOKER")], got
    ctx.execute(f"INSERT INTO {ctx.q(view)} VALUES (5)")
    with pytest.raises(Exception, match=r"(?i)check option"):  # outside the view's WHERE
        ctx.execute(f"INSERT INTO {ctx.q(view)} VALUES (0)")
    ctx.run(st.DropViewExpression(d, view, if_exists=True))
    ctx.run(st.DropViewExpression(d, view, if_exists=True))
    assert ctx.scalar("SELECT COUNT(*) FROM information_schema.views WHERE table_name = %s", (view,)) == 0


# -- EXPLAIN (MySQL: EXPLAIN [ANALYZE] [FORMAT=...]; MariaDB: ANALYZE [FORMAT=JSON] for executed plans) --
def _explain(ctx: Ctx, table: str = "t", **options: Any) -> st.ExplainExpression:
    query = select(ctx, [col(ctx, "v")], table, where=col(ctx, "v") > lit(ctx, 1))
    return st.ExplainExpression(ctx.dialect, query, st.ExplainOptions(**options) if options else None)


@case("supports_explain_plan", "supports_explain_format(TEXT)", backends=MYSQL)
def explain_plan(ctx: Ctx) -> None:
    name = ctx.table("v INT", "ex", rows=[(1,), (2,)])
    for expr in (_explain(ctx, name), _explain(ctx, name, format=st.ExplainFormat.TEXT)):
        rows = ctx.run(expr, fetch=True)
        assert any(name in str(r.values()) for r in rows), rows  # the plan names the table


@case("supports_explain_format(JSON)", backends=MYSQL)
def explain_json(ctx: Ctx) -> None:
    import json

    name = ctx.table("v INT", "exj", rows=[(1,)])
    rows = ctx.run(_explain(ctx, name, format=st.ExplainFormat.JSON), fetch=True)
    plan = json.loads(next(iter(rows[0].values())))
    assert "query_block" in plan, plan


@case("supports_explain_analyze", backends=MYSQL, refusal=lambda ctx: _explain(ctx, analyze=True))
def explain_analyze(ctx: Ctx) -> None:
    name = ctx.table("v INT", "exa", rows=[(1,), (2,), (3,)])
    rows = ctx.run(_explain(ctx, name, analyze=True), fetch=True)
    text = " ".join(str(v) for r in rows for v in r.values()).lower()
    # executed plans report measured rows: MariaDB's r_rows column, MySQL's "actual ... rows="
    assert "r_rows" in {k.lower() for r in rows for k in r} or "actual" in text, rows


# -- schemas (a MySQL schema is a database) ----------------------------------------------------------
@case(
    "supports_create_schema",
    "supports_drop_schema",
    "supports_schema_if_not_exists",
    "supports_schema_if_exists",
    backends=MYSQL,
)
def schema_is_a_database(ctx: Ctx) -> None:
    d = ctx.dialect
    current = ctx.scalar("SELECT DATABASE()")
    schema = f"{current}_{ctx.name('s')}"[:64]  # inside the test user's database grant
    ctx.cleanup("SCHEMA", schema)
    ctx.run(st.CreateSchemaExpression(d, schema, if_not_exists=True))
    ctx.run(st.CreateSchemaExpression(d, schema, if_not_exists=True))
    ctx.execute(f"CREATE TABLE {ctx.q(schema)}.t (v INT)")
    assert ctx.scalar("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = %s", (schema,)) == 1
    ctx.run(st.DropSchemaExpression(d, schema, if_exists=True))
    ctx.run(st.DropSchemaExpression(d, schema, if_exists=True))
    assert ctx.scalar("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = %s", (schema,)) == 0


# -- partitions (the mysql package's PartitionClause subclass; imported where the case runs) -------
def _partition_rows(ctx: Ctx, table: str) -> dict[str, int]:
    rows = ctx.rows(
        "SELECT partition_name, table_rows FROM information_schema.partitions WHERE table_schema = DATABASE() "
        "AND table_name = %s ORDER BY partition_ordinal_position",
        (table,),
    )
    return {r[0]: int(r[1] or 0) for r in rows}


def _count_in(ctx: Ctx, table: str, partition: str) -> int:
    return int(ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(table)} PARTITION ({ctx.q(partition)})"))


@case(
    "supports_table_partitioning",
    "supports_partitioned_table_creation",
    "supports_range_table_partitioning",
    "supports_add_partition",
    "supports_drop_partition",
    "supports_truncate_partition",
    "supports_reorganize_partition",
    backends=MYSQL,
)
def range_partitions_with_maxvalue_and_maintenance(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.impl.mysql.partitions import (
        MAXVALUE,
        AlterPartitionExpression,
        MySQLPartitionClause,
        MySQLPartitionMethod,
        PartitionDefinition,
    )

    d = ctx.dialect
    partition = MySQLPartitionClause(
        d,
        MySQLPartitionMethod.RANGE,
        [col(ctx, "y")],
        partitions=[PartitionDefinition("p2020", less_than=[2021]), PartitionDefinition("pmax", less_than=MAXVALUE)],
    )
    name = _create(ctx, "rng", _column("id", IntegerType()), _column("y", IntegerType()), partition=partition)
    ctx.run(_insert(ctx, name, ["id", "y"], [1, 2019], [2, 2020], [3, 2022], [4, 2031]))
    assert (_count_in(ctx, name, "p2020"), _count_in(ctx, name, "pmax")) == (2, 2)
    split = [PartitionDefinition("p2025", less_than=[2026]), PartitionDefinition("pmax", less_than=MAXVALUE)]
    ctx.run(AlterPartitionExpression(d, name, "REORGANIZE", names=["pmax"], partitions=split))
    assert (_count_in(ctx, name, "p2025"), _count_in(ctx, name, "pmax")) == (1, 1)
    ctx.run(AlterPartitionExpression(d, name, "TRUNCATE", names=["p2020"]))
    assert _count_in(ctx, name, "p2020") == 0
    ctx.run(AlterPartitionExpression(d, name, "DROP", names=["p2025"]))
    assert list(_partition_rows(ctx, name)) == ["p2020", "pmax"]
    assert [r[0] for r in ctx.rows(f"SELECT id FROM {ctx.q(name)} ORDER BY id")] == [4]


@case("supports_list_table_partitioning", "supports_hash_table_partitioning", "supports_add_partition", backends=MYSQL)
def list_columns_and_key_partitions(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.impl.mysql.partitions import (
        AlterPartitionExpression,
        MySQLPartitionClause,
        MySQLPartitionMethod,
        PartitionDefinition,
    )

    d = ctx.dialect
    by_region = MySQLPartitionClause(
        d,
        MySQLPartitionMethod.LIST_COLUMNS,
        [col(ctx, "region")],
        partitions=[PartitionDefinition("p_eu", values_in=["de", "fr"]), PartitionDefinition("p_us", values_in=["us"])],
    )
    name = _create(ctx, "lst", _column("id", IntegerType()), _column("region", VarCharType(4)), partition=by_region)
    ctx.run(_insert(ctx, name, ["id", "region"], [1, "de"], [2, "us"], [3, "fr"]))
    assert (_count_in(ctx, name, "p_eu"), _count_in(ctx, name, "p_us")) == (2, 1)
    ctx.run(AlterPartitionExpression(d, name, "ADD", partitions=[PartitionDefinition("p_jp", values_in=["jp"])]))
    ctx.run(_insert(ctx, name, ["id", "region"], [4, "jp"]))
    assert _count_in(ctx, name, "p_jp") == 1
    hashed = MySQLPartitionClause(d, MySQLPartitionMethod.KEY, [col(ctx, "id")], count=4)
    keyed = _create(ctx, "key", _column("id", IntegerType(), st.ColumnConstraint(C.PRIMARY_KEY)), partition=hashed)
    ctx.run(_insert(ctx, keyed, ["id"], *[[i] for i in range(1, 21)]))
    assert len(_partition_rows(ctx, keyed)) == 4
    assert sum(_count_in(ctx, keyed, p) for p in _partition_rows(ctx, keyed)) == 20


@case("supports_partition_info", "supports_partition_metadata_introspection", backends=MYSQL)
def partitions_are_introspected(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.impl.mysql.partitions import (
        MAXVALUE,
        MySQLPartitionClause,
        MySQLPartitionMethod,
        PartitionDefinition,
    )

    d = ctx.dialect
    bounds = [PartitionDefinition("p0", less_than=[10]), PartitionDefinition("pmax", less_than=MAXVALUE)]
    partition = MySQLPartitionClause(d, MySQLPartitionMethod.RANGE, [col(ctx, "v")], partitions=bounds)
    name = _create(ctx, "pin", _column("v", IntegerType()), partition=partition)
    found = ctx.backend.introspector.list_partitions(name)
    assert [(p.name, p.method, p.description) for p in found] == [("p0", "RANGE", "10"), ("pmax", "RANGE", "MAXVALUE")]


@case(
    "supports_introspection",
    "supports_database_info",
    "supports_table_introspection",
    "supports_column_introspection",
    "supports_index_introspection",
    "supports_foreign_key_introspection",
    "supports_view_introspection",
    "supports_trigger_introspection",
    backends=MYSQL,
)
def introspector_reads_every_scope(ctx: Ctx) -> None:
    d = ctx.dialect
    parent = ctx.table("id INT PRIMARY KEY", "ipar")
    child = ctx.table(
        f"id INT PRIMARY KEY, p INT, KEY ix_p (p), FOREIGN KEY (p) REFERENCES {ctx.q(parent)} (id)", "ichd"
    )
    view, trigger = ctx.name("iv"), ctx.name("itr")
    ctx.cleanup("VIEW", view)
    ctx.run(st.CreateViewExpression(d, view, select(ctx, [col(ctx, "id")], child)))
    ctx.execute(f"CREATE TRIGGER {ctx.q(trigger)} BEFORE INSERT ON {ctx.q(child)} FOR EACH ROW SET NEW.p = NEW.p")
    inspector = ctx.backend.introspector
    inspector.invalidate_cache()
    assert inspector.get_database_info().name == ctx.scalar("SELECT DATABASE()")
    assert {parent, child, view} <= {t.name for t in inspector.list_tables()}
    assert [c.name for c in inspector.list_columns(child)] == ["id", "p"]
    assert {i.name for i in inspector.list_indexes(child)} >= {"PRIMARY", "ix_p"}
    assert [k.referenced_table for k in inspector.list_foreign_keys(child)] == [parent]
    assert [v.name for v in inspector.list_views()] == [view]
    assert [t.name for t in inspector.list_triggers(child)] == [trigger]


# -- system-versioned tables (MariaDB) ---------------------------------------------------------------
def _as_of(ctx: Ctx, name: str = "t") -> object:
    from datetime import datetime

    source = TableExpression(ctx.dialect, name, temporal_options={"as_of": datetime(2020, 1, 1)})
    return select(ctx, [col(ctx, "v")], source)


@case("supports_temporal_tables", backends=MYSQL, refusal=_as_of)
def system_versioned_history(ctx: Ctx) -> None:
    import time

    d = ctx.dialect
    key = st.ColumnConstraint(C.PRIMARY_KEY)
    name = _create(
        ctx,
        "sv",
        _column("id", IntegerType(), key),
        _column("v", IntegerType()),
        dialect_options={"system_versioning": True},
    )
    ctx.run(_insert(ctx, name, ["id", "v"], [1, 10]))
    time.sleep(0.01)
    before = ctx.scalar("SELECT NOW(6)")
    time.sleep(0.01)
    ctx.execute(f"UPDATE {ctx.q(name)} SET v = 11 WHERE id = 1")
    after = ctx.scalar("SELECT NOW(6)")

    def values(**options: Any) -> list[int]:
        source = TableExpression(d, name, temporal_options=options)
        return sorted(r["v"] for r in ctx.run(select(ctx, [col(ctx, "v")], source)))

    assert values(as_of=before) == [10]
    assert values(as_of=after) == [11]
    assert values(all=True) == [10, 11]
    assert values(between=(before, after)) == [10, 11]


# -- MySQL-only column types (the mysql package's DataType subclasses) --------------------------------
@case("supports_create_table", backends=MYSQL)
def mysql_column_types(ctx: Ctx) -> None:
    from enum import Enum

    from rhosocial.activerecord.backend.expression.types import BigIntType
    from rhosocial.activerecord.backend.impl.mysql.types import (
        BitType,
        EnumType,
        SetType,
        SizedBlobType,
        SizedTextType,
        SpatialType,
        UnsignedType,
        YearType,
    )

    class Status(Enum):
        NEW = "new"
        DONE = "done"

    not_null = st.ColumnConstraint(C.NOT_NULL)
    name = _create(
        ctx,
        "mty",
        _column("status", EnumType(Status)),
        _column("tags", SetType(["a", "b", "c"])),
        _column("hits", UnsignedType(BigIntType())),
        _column("flags", BitType(8)),
        _column("y", YearType()),
        _column("body", SizedTextType("medium")),
        _column("raw", SizedBlobType("long")),
        _column("at", SpatialType("POINT"), not_null),
    )
    types = dict(
        ctx.rows(
            "SELECT column_name, column_type FROM information_schema.columns WHERE table_schema = DATABASE() "
            "AND table_name = %s",
            (name,),
        )
    )
    assert types == {
        "status": "enum('new','done')",
        "tags": "set('a','b','c')",
        "hits": "bigint(20) unsigned" if "bigint(20)" in types["hits"] else "bigint unsigned",
        "flags": "bit(8)",
        "y": "year(4)" if "(4)" in types["y"] else "year",
        "body": "mediumtext",
        "raw": "longblob",
        "at": "point",
    }, types
    point = func(ctx, "ST_GeomFromText", lit(ctx, "POINT(1 2)"))
    source = st.ValuesSource(
        ctx.dialect,
        [[lit(ctx, "done"), lit(ctx, "a,c"), lit(ctx, 2**64 - 1), lit(ctx, 5), lit(ctx, 2024), lit(ctx, "x"),
          lit(ctx, b"\x00\x01"), point]],
    )  # fmt: skip
    names = ["status", "tags", "hits", "flags", "y", "body", "raw", "at"]
    ctx.run(st.InsertExpression(ctx.dialect, name, source, names))
    row = ctx.rows(f"SELECT status, tags, hits, flags + 0, y, ST_AsText(at) FROM {ctx.q(name)}")[0]
    assert row == ("done", {"a", "c"}, 2**64 - 1, 5, 2024, "POINT(1 2)"), row  # the driver reads SET as a set


@case("supports_fulltext_search", "supports_fulltext_boolean_mode", "supports_fulltext_query_expansion", backends=MYSQL)
def match_against_in_the_query_builder(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.impl.mysql.fulltext import MatchAgainst

    d = ctx.dialect
    rows = [(1, "the quick brown fox"), (2, "lazy dogs sleep all day"), (3, "quick thinking wins")]
    name = ctx.table("id INT PRIMARY KEY, body TEXT", "ftq", rows=rows)
    ctx.run(st.CreateFulltextIndexExpression(d, ctx.name("ftx"), name, ["body"]))

    def found(term: str, mode: Any = None) -> list[int]:
        query = select(ctx, [col(ctx, "id")], name, where=MatchAgainst(d, ["body"], term, mode))
        return sorted(r["id"] for r in ctx.run(query))

    assert found("quick") == [1, 3]
    assert found("+quick -fox", "BOOLEAN") == [3]
    assert 1 in found("fox", "QUERY EXPANSION")
    with pytest.raises(ValueError, match="FUZZY"):  # the core's spelling would search in natural mode
        MatchAgainst(d, ["body"], "quick", "FUZZY").to_sql()


@case("supports_returning_insert", backends=MYSQL)
def replace_returning(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.statements.dml import ReturningClause

    key = st.ColumnConstraint(C.PRIMARY_KEY)
    name = _create(ctx, "rret", _column("id", IntegerType(), key), _column("v", IntegerType()))
    ctx.run(_insert(ctx, name, ["id", "v"], [1, 10]))
    returning = ReturningClause(ctx.dialect, [col(ctx, "id"), col(ctx, "v")])
    rows = ctx.run(_insert(ctx, name, ["id", "v"], [1, 11], dialect_options={"replace": True}, returning=returning))
    assert [(r["id"], r["v"]) for r in rows] == [(1, 11)]
    assert _column_values(ctx, name, "id", "v") == [(1, 11)]


# -- transactions: the isolation level goes in SET TRANSACTION, before START TRANSACTION ---------------
def _second_session_blocked(ctx: Ctx, table: str, level: Any) -> bool:
    """Reads row 1 inside a managed transaction at ``level``; True when another session then cannot update it."""
    other = ctx.second()
    other.execute("SET SESSION innodb_lock_wait_timeout = 1")
    with ctx.backend.transaction_manager.transaction(isolation_level=level):
        ctx.rows(f"SELECT {ctx.q('v')} FROM {ctx.q(table)} WHERE {ctx.q('id')} = 1")
        try:
            other.execute(f"UPDATE {ctx.q(table)} SET {ctx.q('v')} = {ctx.q('v')} + 1 WHERE {ctx.q('id')} = 1")
        except Exception:
            return True  # lock wait timeout: the read took a shared lock
    return False


@case("supports_transaction_mode", backends=MYSQL)
def serializable_reaches_the_transaction(ctx: Ctx) -> None:
    """The dialect refuses an isolation level in START TRANSACTION; the manager sends SET TRANSACTION first.
    InnoDB's SERIALIZABLE turns a plain read into a shared-lock read: that lock is the proof the level took."""
    from rhosocial.activerecord.backend.transaction import IsolationLevel

    key = st.ColumnConstraint(C.PRIMARY_KEY)
    name = _create(ctx, "iso", _column("id", IntegerType(), key), _column("v", IntegerType()))
    ctx.run(_insert(ctx, name, ["id", "v"], [1, 0]))
    assert _second_session_blocked(ctx, name, IsolationLevel.SERIALIZABLE), "SERIALIZABLE read took no lock"
    # the default level reads a snapshot without locks: the level asked for above made the difference
    assert not _second_session_blocked(ctx, name, IsolationLevel.REPEATABLE_READ)
