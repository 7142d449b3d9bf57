"""Oracle-specific conformance cases (`@case(..., backends={"oracle"})`).

Each builds the statement from the core's DDL objects, renders it with the Oracle dialect (identity,
NOCYCLE, IF [NOT] EXISTS natively on 23ai or as an idempotent block below, inline DDL literals,
COMMENT ON COLUMN) and checks the effect in the data dictionary or the data. They run only where an
Oracle DSN is given.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.expression.statements import (
    AddColumn,
    AddTableConstraint,
    AlterColumn,
    AlterSequenceExpression,
    AlterTableExpression,
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateIndexExpression,
    CreateSequenceExpression,
    CreateTableExpression,
    CreateViewExpression,
    DropColumn,
    DropIndexExpression,
    DropSequenceExpression,
    DropTableConstraint,
    DropTableExpression,
    DropViewExpression,
    ReferentialAction,
    RenameColumn,
    RenameTable,
    TableConstraint,
    TableConstraintType,
)
from rhosocial.activerecord.backend.expression.types import BigIntType, BooleanType, IntegerType, JsonType, VarCharType
from rhosocial.activerecord.backend.impl.oracle.duality import CreateDualityView, DualityTable
from rhosocial.activerecord.backend.impl.oracle.vector import VectorType, to_vector, vector_distance

from ..build import col, lit, select
from ..context import Ctx
from ..registry import case

ORACLE = {"oracle"}
C = ColumnConstraintType


def _count(ctx: Ctx, view: str, where: str, *params: Any) -> int:
    return int(ctx.scalar(f"SELECT COUNT(*) FROM {view} WHERE {where}", params))


def _upper(name: str) -> str:
    return name.upper()  # the dialect's case policy for lower-case names


def _fails(ctx: Ctx, sql: str, params: tuple = ()) -> bool:
    try:
        ctx.execute(sql, params)
    except Exception:
        return True
    return False


@case(
    "supports_create_sequence",
    "supports_alter_sequence",
    "supports_drop_sequence",
    "supports_sequence",
    "supports_sequence_cycle",
    "supports_sequence_cache",
    "supports_sequence_order",
    "supports_sequence_if_not_exists",
    "supports_sequence_if_exists",
    backends=ORACLE,
)
def sequence_lifecycle(ctx: Ctx) -> None:
    d, name = ctx.dialect, ctx.name("seq")
    ctx.cleanup("SEQUENCE", name)
    create = CreateSequenceExpression(
        d, name, start=5, increment=5, minvalue=5, maxvalue=15, cycle=True, cache=2, order=True, if_not_exists=True
    )
    ctx.run(create)
    ctx.run(create)  # exists: IF NOT EXISTS (native or the block) ignores it
    row = ctx.execute(
        "SELECT cycle_flag, order_flag, cache_size, increment_by FROM user_sequences WHERE sequence_name = ?",
        (_upper(name),),
    )[0]
    assert (row["cycle_flag"], row["order_flag"], int(row["cache_size"]), int(row["increment_by"])) == ("Y", "Y", 2, 5)
    values = [int(ctx.scalar(f"SELECT {ctx.q(name)}.NEXTVAL FROM DUAL")) for _ in range(4)]
    assert values == [5, 10, 15, 5], values  # CYCLE wraps to MINVALUE
    ctx.run(AlterSequenceExpression(d, name, cycle=False, order=False, increment=1))
    row = ctx.execute("SELECT cycle_flag, order_flag FROM user_sequences WHERE sequence_name = ?", (_upper(name),))[0]
    assert (row["cycle_flag"], row["order_flag"]) == ("N", "N")
    drop = DropSequenceExpression(d, name, if_exists=True)
    ctx.run(drop)
    ctx.run(drop)  # gone: IF EXISTS ignores it
    assert _count(ctx, "user_sequences", "sequence_name = ?", _upper(name)) == 0


@case(
    "supports_create_table",
    "supports_drop_table",
    "supports_if_not_exists_table",
    "supports_if_exists_table",
    "supports_drop_table_cascade",
    "supports_primary_key_constraint",
    "supports_not_null_constraint",
    "supports_unique_constraint",
    "supports_check_constraint",
    "supports_foreign_key_constraint",
    "supports_fk_on_delete",
    "supports_deferrable_constraint",
    backends=ORACLE,
)
def table_with_identity_constraints_and_comments(ctx: Ctx) -> None:
    d = ctx.dialect
    parent, child = ctx.name("par"), ctx.name("chi")
    ctx.cleanup("TABLE", child)
    ctx.cleanup("TABLE", parent)
    key = ColumnDefinition("id", BigIntType(), [ColumnConstraint(C.PRIMARY_KEY, is_auto_increment=True)])
    ctx.run(CreateTableExpression(d, parent, [key], if_not_exists=True))
    ctx.run(CreateTableExpression(d, parent, [key], if_not_exists=True))  # idempotent
    columns = [
        ColumnDefinition(
            "id",
            BigIntType(),
            [ColumnConstraint(C.PRIMARY_KEY, is_auto_increment=True, dialect_options={"identity": "always"})],
        ),
        ColumnDefinition("code", VarCharType(10), [ColumnConstraint(C.NOT_NULL), ColumnConstraint(C.UNIQUE)]),
        ColumnDefinition(
            "qty",
            IntegerType(),
            [
                ColumnConstraint(C.CHECK, name=f"{child}_q", check_condition=col(ctx, "qty") >= lit(ctx, 0)),
                ColumnConstraint(C.DEFAULT, default_value=lit(ctx, 7)),
            ],
            comment="how many",
        ),
        ColumnDefinition(
            "parent_id",
            BigIntType(),
            [
                ColumnConstraint(
                    C.FOREIGN_KEY,
                    foreign_key_reference=(parent, ["id"]),
                    on_delete=ReferentialAction.CASCADE,
                    deferrable=True,
                    initially_deferred=False,
                )
            ],
        ),
    ]
    ctx.run(CreateTableExpression(d, child, columns))
    ctx.execute(f"INSERT INTO {ctx.q(parent)} ({ctx.q('id')}) VALUES (DEFAULT)")
    pid = ctx.scalar(f"SELECT MAX({ctx.q('id')}) FROM {ctx.q(parent)}")
    ctx.execute(f"INSERT INTO {ctx.q(child)} ({ctx.q('code')}, {ctx.q('parent_id')}) VALUES (?, ?)", ("a", pid))
    row = ctx.execute(f"SELECT {ctx.q('id')}, {ctx.q('qty')} FROM {ctx.q(child)}")[0]
    assert row["id"] is not None  # the identity numbered it
    assert int(row["qty"]) == 7  # DEFAULT 7, written inline
    assert _fails(ctx, f"INSERT INTO {ctx.q(child)} ({ctx.q('id')}, {ctx.q('code')}) VALUES (99, 'b')")  # ALWAYS
    assert _fails(ctx, f"INSERT INTO {ctx.q(child)} ({ctx.q('code')}, {ctx.q('qty')}) VALUES ('c', -1)")  # CHECK
    assert _fails(ctx, f"INSERT INTO {ctx.q(child)} ({ctx.q('code')}) VALUES ('a')")  # UNIQUE
    assert _fails(ctx, f"INSERT INTO {ctx.q(child)} ({ctx.q('qty')}) VALUES (1)")  # NOT NULL
    assert _fails(ctx, f"INSERT INTO {ctx.q(child)} ({ctx.q('code')}, {ctx.q('parent_id')}) VALUES ('d', -5)")  # FK
    comment = ctx.scalar(
        "SELECT comments FROM user_col_comments WHERE table_name = ? AND column_name = 'QTY'", (_upper(child),)
    )
    assert comment == "how many", comment
    deferrable = ctx.scalar(
        "SELECT deferrable FROM user_constraints WHERE table_name = ? AND constraint_type = 'R'", (_upper(child),)
    )
    assert deferrable == "DEFERRABLE", deferrable
    ctx.execute(f"DELETE FROM {ctx.q(parent)}")
    assert int(ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(child)}")) == 0  # ON DELETE CASCADE
    ctx.run(DropTableExpression(d, parent, if_exists=True, cascade=True))  # CASCADE CONSTRAINTS: child's FK goes
    ctx.run(DropTableExpression(d, parent, if_exists=True, cascade=True))
    assert _count(ctx, "user_tables", "table_name = ?", _upper(parent)) == 0
    assert _count(ctx, "user_constraints", "table_name = ? AND constraint_type = 'R'", _upper(child)) == 0


@case(
    "supports_alter_table",
    "supports_add_constraint",
    "supports_drop_constraint",
    "supports_drop_column",
    "supports_rename_column",
    "supports_rename_table",
    "supports_alter_column_type",
    backends=ORACLE,
)
def alter_table_actions(ctx: Ctx) -> None:
    d = ctx.dialect
    name = ctx.table([("a", "NUMBER(5)"), ("b", "VARCHAR2(5)")], "alt", rows=[(1, "x")])
    renamed = ctx.name("alt2")
    ctx.cleanup("TABLE", renamed)

    def alter(action: Any, table: str = name) -> None:
        ctx.run(AlterTableExpression(d, table, [action]))

    alter(AddColumn(d, column=ColumnDefinition("c", IntegerType(), [ColumnConstraint(C.DEFAULT, default_value=3)])))
    alter(AlterColumn(d, "b", "SET DATA TYPE", new_value="VARCHAR2(50)"))
    check = TableConstraint(TableConstraintType.CHECK, name=f"{name}_ck", check_condition=col(ctx, "a") > lit(ctx, 0))
    alter(AddTableConstraint(d, check))
    assert _fails(ctx, f"INSERT INTO {ctx.q(name)} ({ctx.q('a')}) VALUES (0)")
    alter(DropTableConstraint(d, f"{name}_ck"))
    alter(RenameColumn(d, "b", "label"))
    alter(AlterColumn(d, "a", "SET NOT NULL", new_value=None))
    alter(DropColumn(d, "c"))
    alter(RenameTable(d, name, renamed))
    cols = ctx.execute(
        "SELECT column_name, data_type, data_length, nullable FROM user_tab_columns WHERE table_name = ? "
        "ORDER BY column_id",
        (_upper(renamed),),
    )
    assert [(r["column_name"], r["nullable"]) for r in cols] == [("A", "N"), ("LABEL", "Y")], cols
    assert int(cols[1]["data_length"]) >= 50


@case("supports_create_view", "supports_drop_view", "supports_create_index", "supports_drop_index",
      "supports_unique_index", backends=ORACLE)  # fmt: skip
def view_and_index_with_literals(ctx: Ctx) -> None:
    d = ctx.dialect
    name = ctx.table([("n", "NUMBER(5)")], "vi", rows=[(1,), (5,), (9,)])
    view, index = ctx.name("v"), ctx.name("ix")
    ctx.cleanup("VIEW", view)
    query = select(ctx, [col(ctx, "n")], name, where=col(ctx, "n") > lit(ctx, 4))
    ctx.run(CreateViewExpression(d, view, query))  # the literal 4 is inlined: views take no binds
    assert [int(r[0]) for r in ctx.rows(f"SELECT * FROM {ctx.q(view)} ORDER BY 1")] == [5, 9]
    create = CreateIndexExpression(d, index, name, ["n"], unique=True, if_not_exists=True)
    ctx.run(create)
    ctx.run(create)
    assert ctx.scalar("SELECT uniqueness FROM user_indexes WHERE index_name = ?", (_upper(index),)) == "UNIQUE"
    assert _fails(ctx, f"INSERT INTO {ctx.q(name)} VALUES (5)")
    for _ in range(2):
        ctx.run(DropIndexExpression(d, index, if_exists=True))
        ctx.run(DropViewExpression(d, view, if_exists=True))
    assert _count(ctx, "user_indexes", "index_name = ?", _upper(index)) == 0
    assert _count(ctx, "user_views", "view_name = ?", _upper(view)) == 0


def _typed_table(ctx: Ctx, column: ColumnDefinition) -> tuple[str, str]:
    name = ctx.name("ty")
    ctx.cleanup("TABLE", name)
    ctx.run(CreateTableExpression(ctx.dialect, name, [column]))
    kind = ctx.scalar("SELECT data_type FROM user_tab_columns WHERE table_name = ?", (_upper(name),))
    return name, str(kind)


@case("supports_json_type", backends=ORACLE)
def json_column(ctx: Ctx) -> None:
    name, kind = _typed_table(ctx, ColumnDefinition("j", JsonType()))
    assert kind == ("JSON" if ctx.supports("supports_native_json") else "CLOB"), kind
    ctx.execute(f"INSERT INTO {ctx.q(name)} VALUES (?)", ('{"k": 1}',))
    assert int(ctx.scalar(f"SELECT JSON_VALUE({ctx.q('j')}, '$.k') FROM {ctx.q(name)}")) == 1


@case("supports_native_json", backends=ORACLE)
def native_json_column(ctx: Ctx) -> None:
    assert _typed_table(ctx, ColumnDefinition("j", JsonType()))[1] == "JSON"


@case("supports_native_boolean", backends=ORACLE)
def native_boolean_column(ctx: Ctx) -> None:
    name, kind = _typed_table(ctx, ColumnDefinition("b", BooleanType()))
    assert kind == "BOOLEAN", kind
    ctx.execute(f"INSERT INTO {ctx.q(name)} VALUES (TRUE)")
    assert int(ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(name)} WHERE {ctx.q('b')}")) == 1


# --- 23ai: rendered on 23ai, refused below it (the refusal builders run at 19c / 21c) --------------
def _vector_table(ctx: Ctx, name: str = "vec") -> CreateTableExpression:
    return CreateTableExpression(ctx.dialect, name, [ColumnDefinition("v", VectorType(3, "FLOAT32"))])


@case("supports_vector_type", backends=ORACLE, refusal=_vector_table)
def vector_column_and_distance(ctx: Ctx) -> None:
    d, name = ctx.dialect, ctx.name("vec")
    ctx.cleanup("TABLE", name)
    ctx.run(_vector_table(ctx, name))
    kind = ctx.scalar("SELECT data_type FROM user_tab_columns WHERE table_name = ?", (_upper(name),))
    assert kind == "VECTOR", kind
    for v in ([1.0, 0.0, 0.0], [0.0, 1.0, 0.0]):
        ctx.execute(f"INSERT INTO {ctx.q(name)} VALUES (?)", (to_vector(v, "FLOAT32"),))
    sql, params = vector_distance(d, col(ctx, "v"), [0.0, 1.0, 0.0], "COSINE", "FLOAT32").to_sql()
    distances = [float(r[0]) for r in ctx.rows(f"SELECT {sql} FROM {ctx.q(name)} ORDER BY 1", params)]
    assert distances[0] < distances[1]


def _duality(ctx: Ctx, table: str = "t", name: str = "dv") -> CreateDualityView:
    return CreateDualityView(ctx.dialect, name, DualityTable(table, {"_id": "n"}, allow=("INSERT",)))


@case("supports_json_duality_view", backends=ORACLE, refusal=_duality)
def json_duality_view(ctx: Ctx) -> None:
    table, view = ctx.table([("n", "NUMBER(5) PRIMARY KEY")], "du", rows=[(1,), (2,)]), ctx.name("dv")
    ctx.cleanup("VIEW", view)
    ctx.run(_duality(ctx, table, view))
    assert int(ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(view)}")) == 2


def _on_null(ctx: Ctx, name: str = "onnull") -> CreateTableExpression:
    default = ColumnConstraint(C.DEFAULT, default_value=lit(ctx, 7), dialect_options={"on_null": "insert and update"})
    return CreateTableExpression(ctx.dialect, name, [ColumnDefinition("n", IntegerType(), [default])])


@case("supports_default_on_null_for_update", backends=ORACLE, refusal=_on_null)
def default_on_null_for_insert_and_update(ctx: Ctx) -> None:
    table = ctx.name("onnull")
    ctx.cleanup("TABLE", table)
    ctx.run(_on_null(ctx, table))
    ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (NULL)")
    ctx.execute(f"UPDATE {ctx.q(table)} SET {ctx.q('n')} = NULL")
    assert int(ctx.scalar(f"SELECT {ctx.q('n')} FROM {ctx.q(table)}")) == 7
