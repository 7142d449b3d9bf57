"""Tables from the core's DDL objects: CREATE / DROP / ALTER TABLE, columns, constraints, generated columns."""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.expression.statements import (
    AddColumn,
    AddTableConstraint,
    AlterColumn,
    AlterTableExpression,
    ColumnAlterOperation,
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateTableExpression,
    DropColumn,
    DropTableConstraint,
    DropTableExpression,
    ForeignKeyConstraint,
    GeneratedColumnType,
    ReferentialAction,
    RenameColumn,
    RenameTable,
    TableConstraint,
    TableConstraintType,
)
from rhosocial.activerecord.backend.expression.types import IntegerType, VarCharType

from .. import catalog
from ..build import col, lit
from ..context import Ctx
from ..registry import case


def _int(name: str, *constraints: ColumnConstraint, **kw: Any) -> ColumnDefinition:
    return ColumnDefinition(name, IntegerType(), list(constraints), **kw)


def _text(name: str, *constraints: ColumnConstraint) -> ColumnDefinition:
    return ColumnDefinition(name, VarCharType(20), list(constraints))


def _pk() -> ColumnConstraint:
    return ColumnConstraint(ColumnConstraintType.PRIMARY_KEY)


def _create(ctx: Ctx, hint: str, columns: list[ColumnDefinition], **kw: Any) -> str:
    """Renders and runs CREATE TABLE; the table is dropped after the case."""
    name = ctx.name(hint)
    ctx.cleanup("TABLE", name)
    ctx.run(CreateTableExpression(ctx.dialect, name, columns, **kw))
    return name


def _insert(ctx: Ctx, table: str, columns: list[str], values: list[Any]) -> None:
    marks = ", ".join(ctx.placeholders(len(values)))
    names = ", ".join(ctx.q(c) for c in columns)
    ctx.execute(f"INSERT INTO {ctx.q(table)} ({names}) VALUES ({marks})", tuple(values))


def _rejected(ctx: Ctx, table: str, columns: list[str], values: list[Any]) -> bool:
    try:
        _insert(ctx, table, columns, values)
    except Exception:
        return True
    return False


# -- CREATE / DROP TABLE ----------------------------------------------------------------------------
@case("supports_create_table", "supports_primary_key_constraint", "supports_not_null_constraint")
def create_table(ctx: Ctx) -> None:
    not_null = ColumnConstraint(ColumnConstraintType.NOT_NULL)
    name = _create(ctx, "ct", [_int("id", _pk()), _text("v", not_null)])
    assert catalog.exists(ctx, "table", name)
    _insert(ctx, name, ["id", "v"], [1, "a"])
    assert _rejected(ctx, name, ["id", "v"], [1, "b"]), "PRIMARY KEY accepted a duplicate"
    assert _rejected(ctx, name, ["id"], [2]), "NOT NULL accepted a missing value"
    assert not catalog.nullable(ctx, name, "v")


def _build_if_not_exists(ctx: Ctx, name: str = "t") -> CreateTableExpression:
    return CreateTableExpression(ctx.dialect, name, [_int("id")], if_not_exists=True)


@case("supports_if_not_exists_table", refusal=_build_if_not_exists)
def create_table_if_not_exists(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT")], "ine", rows=[(1,)])
    ctx.run(_build_if_not_exists(ctx, name))  # exists: no error, nothing replaced
    assert ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(name)}") == 1


def _build_drop(ctx: Ctx, name: str = "t", **kw: Any) -> DropTableExpression:
    return DropTableExpression(ctx.dialect, name, **kw)


@case("supports_drop_table", refusal=_build_drop)
def drop_table(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT")], "dt")
    ctx.run(_build_drop(ctx, name))
    assert not catalog.exists(ctx, "table", name)


@case("supports_if_exists_table", refusal=lambda ctx: _build_drop(ctx, if_exists=True))
def drop_table_if_exists(ctx: Ctx) -> None:
    expr = _build_drop(ctx, ctx.name("missing"), if_exists=True)
    assert "IF EXISTS" in ctx.sql_of(expr).upper(), ctx.sql_of(expr)
    ctx.run(expr)


def _parent_child(ctx: Ctx) -> tuple[str, str]:
    parent = ctx.table([("id", "INT NOT NULL PRIMARY KEY")], "par", rows=[(1,)])
    child = ctx.table(f"{ctx.q('pid')} INT REFERENCES {ctx.q(parent)} ({ctx.q('id')})", "chi", rows=[(1,)])
    return parent, child


@case("supports_drop_table_cascade", refusal=lambda ctx: _build_drop(ctx, cascade=True))
def drop_table_cascade(ctx: Ctx) -> None:
    parent, child = _parent_child(ctx)
    ctx.run(_build_drop(ctx, parent, cascade=True))  # drops the referencing constraint with it
    assert not catalog.exists(ctx, "table", parent)
    assert catalog.exists(ctx, "table", child)


@case("supports_drop_table_restrict", refusal=lambda ctx: _build_drop(ctx, cascade=False))
def drop_table_restrict(ctx: Ctx) -> None:
    parent, _child = _parent_child(ctx)
    expr = _build_drop(ctx, parent, cascade=False)
    assert "RESTRICT" in ctx.sql_of(expr).upper(), ctx.sql_of(expr)
    refused = None
    try:
        ctx.run(expr)
    except Exception as exc:
        refused = exc
    assert refused is not None, "DROP TABLE ... RESTRICT dropped a referenced table"
    assert catalog.exists(ctx, "table", parent)


def _build_temporary(ctx: Ctx, name: str = "t") -> CreateTableExpression:
    return CreateTableExpression(ctx.dialect, name, [_int("id")], temporary=True)


@case("supports_temporary_table", refusal=_build_temporary)
def temporary_table(ctx: Ctx) -> None:
    name = ctx.name("tmp")
    ctx.cleanup("TABLE", name)
    ctx.run(_build_temporary(ctx, name))
    _insert(ctx, name, ["id"], [1])
    other = ctx.second()
    try:
        other.execute(f"SELECT * FROM {ctx.q(name)}")
        seen = True
    except Exception:
        seen = False
    assert not seen, "another session sees the temporary table"


def _build_tablespace(ctx: Ctx, name: str = "t") -> CreateTableExpression:
    return CreateTableExpression(ctx.dialect, name, [_int("id")], tablespace=ctx.default_tablespace())


@case("supports_table_tablespace", refusal=_build_tablespace)
def table_tablespace(ctx: Ctx) -> None:
    name = ctx.name("tsp")
    ctx.cleanup("TABLE", name)
    expr = _build_tablespace(ctx, name)
    assert "TABLESPACE" in ctx.sql_of(expr).upper()
    ctx.run(expr)
    assert catalog.exists(ctx, "table", name)


def _build_like(ctx: Ctx, name: str = "t", source: str = "s") -> CreateTableExpression:
    return CreateTableExpression(ctx.dialect, name, [], dialect_options={"like_table": source})


@case("supports_table_like_syntax", refusal=_build_like)
def create_table_like(ctx: Ctx) -> None:
    source = ctx.table([("id", "INT NOT NULL"), ("v", "VARCHAR(5)")], "lsrc")
    name = ctx.name("like")
    ctx.cleanup("TABLE", name)
    ctx.run(_build_like(ctx, name, source))
    assert catalog.exists(ctx, "column", name, "v")


# -- constraints -----------------------------------------------------------------------------------
@case("supports_unique_constraint")
def unique_constraint(ctx: Ctx) -> None:
    uq = TableConstraint(TableConstraintType.UNIQUE, name=ctx.name("uq"), columns=["v"])
    name = _create(ctx, "uq", [_int("id"), _text("v")], table_constraints=[uq])
    _insert(ctx, name, ["id", "v"], [1, "a"])
    assert _rejected(ctx, name, ["id", "v"], [2, "a"]), "UNIQUE accepted a duplicate"


@case("supports_check_constraint")
def check_constraint(ctx: Ctx) -> None:
    check = ColumnConstraint(ColumnConstraintType.CHECK, check_condition=col(ctx, "n") > lit(ctx, 0))
    name = _create(ctx, "ck", [_int("n", check)])
    _insert(ctx, name, ["n"], [1])
    assert _rejected(ctx, name, ["n"], [-1]), "CHECK (n > 0) accepted -1"


def _fk_tables(ctx: Ctx, **fk: Any) -> tuple[str, str]:
    parent = ctx.table([("id", "INT NOT NULL PRIMARY KEY")], "fkp", rows=[(1,), (2,)])
    constraint = ForeignKeyConstraint(
        name=ctx.name("fk"), columns=["pid"], foreign_key_table=parent, foreign_key_columns=["id"], **fk
    )
    child = _create(ctx, "fkc", [_int("id"), _int("pid")], table_constraints=[constraint])
    return parent, child


@case("supports_foreign_key_constraint")
def foreign_key(ctx: Ctx) -> None:
    _parent, child = _fk_tables(ctx)
    _insert(ctx, child, ["id", "pid"], [1, 1])
    assert _rejected(ctx, child, ["id", "pid"], [2, 99]), "FOREIGN KEY accepted a missing parent"


def _fk_create(ctx: Ctx, **fk: Any) -> CreateTableExpression:
    constraint = ForeignKeyConstraint(
        name="fk", columns=["pid"], foreign_key_table="p", foreign_key_columns=["id"], **fk
    )
    return CreateTableExpression(ctx.dialect, "c", [_int("pid")], table_constraints=[constraint])


@case(
    "supports_fk_on_delete",
    "supports_fk_on_update",
    refusal={
        "supports_fk_on_delete": lambda ctx: _fk_create(ctx, on_delete=ReferentialAction.CASCADE),
        "supports_fk_on_update": lambda ctx: _fk_create(ctx, on_update=ReferentialAction.CASCADE),
    },
)
def foreign_key_actions(ctx: Ctx) -> None:
    parent, child = _fk_tables(ctx, on_delete=ReferentialAction.CASCADE, on_update=ReferentialAction.CASCADE)
    _insert(ctx, child, ["id", "pid"], [1, 1])
    _insert(ctx, child, ["id", "pid"], [2, 2])
    ctx.execute(f"UPDATE {ctx.q(parent)} SET {ctx.q('id')} = 5 WHERE {ctx.q('id')} = 2")
    ctx.execute(f"DELETE FROM {ctx.q(parent)} WHERE {ctx.q('id')} = 1")
    rows = ctx.rows(f"SELECT {ctx.q('id')}, {ctx.q('pid')} FROM {ctx.q(child)}")
    assert [(int(a), int(b)) for a, b in rows] == [(2, 5)], rows


@case("supports_fk_match", refusal=lambda ctx: _fk_create(ctx, match_type="FULL"))
def foreign_key_match_full(ctx: Ctx) -> None:
    parent = ctx.table(
        f"{ctx.q('a')} INT NOT NULL, {ctx.q('b')} INT NOT NULL, PRIMARY KEY ({ctx.q('a')}, {ctx.q('b')})",
        "mfp",
        rows=[(1, 1)],
    )
    constraint = ForeignKeyConstraint(
        name=ctx.name("fkm"),
        columns=["a", "b"],
        foreign_key_table=parent,
        foreign_key_columns=["a", "b"],
        match_type="FULL",
    )
    child = _create(ctx, "mfc", [_int("a"), _int("b")], table_constraints=[constraint])
    # MATCH SIMPLE would accept a half-null key; MATCH FULL must not
    assert _rejected(ctx, child, ["a", "b"], [1, None]), "MATCH FULL accepted a partly null key"


@case("supports_deferrable_constraint", refusal=lambda ctx: _fk_create(ctx, deferrable=True, initially_deferred=True))
def deferrable_constraint(ctx: Ctx) -> None:
    parent, child = _fk_tables(ctx, deferrable=True, initially_deferred=True)
    with ctx.transaction():
        _insert(ctx, child, ["id", "pid"], [1, 7])  # checked at COMMIT, not now
        _insert(ctx, parent, ["id"], [7])


@case("supports_constraint_enforced", backends={"postgres", "mysql"})
def constraint_enforced(ctx: Ctx) -> None:
    # the default (enforced) is what every backend renders; a NOT ENFORCED request is in the option test
    uq = TableConstraint(TableConstraintType.UNIQUE, name=ctx.name("uqe"), columns=["v"])
    name = _create(ctx, "enf", [_int("id"), _text("v")], table_constraints=[uq])
    _insert(ctx, name, ["id", "v"], [1, "a"])
    assert _rejected(ctx, name, ["id", "v"], [2, "a"])


# -- ALTER TABLE -----------------------------------------------------------------------------------
def _alter(ctx: Ctx, name: str, *actions: Any) -> AlterTableExpression:
    return AlterTableExpression(ctx.dialect, name, list(actions))


@case(
    "supports_alter_table",
    "supports_add_column_if_not_exists",
    "supports_drop_column_if_exists",
    refusal={
        "supports_add_column_if_not_exists": lambda ctx: _alter(
            ctx, "t", AddColumn(ctx.dialect, _int("extra"), if_not_exists=True)
        ),
        "supports_drop_column_if_exists": lambda ctx: _alter(ctx, "t", DropColumn(ctx.dialect, "x", if_exists=True)),
    },
)
def add_and_drop_column_if_exists(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT")], "alt")
    ctx.run(_alter(ctx, name, AddColumn(ctx.dialect, _int("extra"), if_not_exists=True)))
    ctx.run(_alter(ctx, name, AddColumn(ctx.dialect, _int("extra"), if_not_exists=True)))  # no error
    assert catalog.exists(ctx, "column", name, "extra")
    ctx.run(_alter(ctx, name, DropColumn(ctx.dialect, "extra", if_exists=True)))
    ctx.run(_alter(ctx, name, DropColumn(ctx.dialect, "extra", if_exists=True)))  # no error
    assert not catalog.exists(ctx, "column", name, "extra")


@case("supports_alter_table", "supports_drop_column")
def drop_column(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT"), ("gone", "INT")], "dc")
    ctx.run(_alter(ctx, name, DropColumn(ctx.dialect, "gone")))
    assert not catalog.exists(ctx, "column", name, "gone")


# MySQL changes a type only by restating the whole column (ModifyColumn; SET DATA TYPE is refused there
# since it would drop NOT NULL, DEFAULT, ...): proven by ``mysql.modify_column_changes_type``.
@case("supports_alter_table", "supports_alter_column_type", backends={"postgres", "oracle"})
def alter_column_type(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT"), ("v", "INT")], "act", rows=[(1, 5)])
    # the core's spelling: operation "SET DATA TYPE" with the type as text
    ctx.run(_alter(ctx, name, AlterColumn(ctx.dialect, "v", "SET DATA TYPE", new_value="VARCHAR(30)")))
    assert "char" in catalog.column_type(ctx, name, "v"), catalog.column_type(ctx, name, "v")


@case("supports_alter_table")
def alter_column_default(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT"), ("v", "INT")], "acd")
    ctx.run(_alter(ctx, name, AlterColumn(ctx.dialect, "v", ColumnAlterOperation.SET_DEFAULT, new_value=lit(ctx, 42))))
    _insert(ctx, name, ["id"], [1])
    assert ctx.scalar(f"SELECT {ctx.q('v')} FROM {ctx.q(name)}") == 42


@case("supports_alter_table", "supports_rename_column")
def rename_column(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT"), ("old", "INT")], "rc")
    ctx.run(_alter(ctx, name, RenameColumn(ctx.dialect, "old", "new")))
    assert catalog.exists(ctx, "column", name, "new")
    assert not catalog.exists(ctx, "column", name, "old")


@case("supports_alter_table", "supports_rename_table")
def rename_table(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT")], "rt")
    new = ctx.name("rt2")
    ctx.cleanup("TABLE", new)
    ctx.run(_alter(ctx, name, RenameTable(ctx.dialect, name, new)))
    assert catalog.exists(ctx, "table", new)
    assert not catalog.exists(ctx, "table", name)


@case("supports_alter_table", "supports_add_constraint", "supports_drop_constraint")
def add_and_drop_constraint(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT"), ("v", "INT")], "adc", rows=[(1, 1)])
    cname = ctx.name("uqa")
    uq = TableConstraint(TableConstraintType.UNIQUE, name=cname, columns=["v"])
    ctx.run(_alter(ctx, name, AddTableConstraint(ctx.dialect, uq)))
    assert _rejected(ctx, name, ["id", "v"], [2, 1]), "the added UNIQUE constraint does not hold"
    ctx.run(_alter(ctx, name, DropTableConstraint(ctx.dialect, cname)))
    _insert(ctx, name, ["id", "v"], [2, 1])


@case(
    "supports_alter_table",
    "supports_drop_constraint_if_exists",
    refusal={
        "supports_drop_constraint_if_exists": lambda ctx: _alter(
            ctx, "t", DropTableConstraint(ctx.dialect, "c", if_exists=True)
        )
    },
)
def drop_constraint_if_exists(ctx: Ctx) -> None:
    name = ctx.table([("id", "INT")], "dce")
    expr = _alter(ctx, name, DropTableConstraint(ctx.dialect, ctx.name("nope"), if_exists=True))
    assert "IF EXISTS" in ctx.sql_of(expr).upper(), ctx.sql_of(expr)
    ctx.run(expr)


# -- generated columns -----------------------------------------------------------------------------


def _build_generated(ctx: Ctx, name: str = "t", kind: Optional[GeneratedColumnType] = None) -> CreateTableExpression:
    doubled = _int("doubled", generated_expression=col(ctx, "n") * lit(ctx, 2), generated_type=kind)
    return CreateTableExpression(ctx.dialect, name, [_int("n"), doubled])


def _generated(ctx: Ctx, kind: Optional[GeneratedColumnType]) -> None:
    name = ctx.name("gen")
    ctx.cleanup("TABLE", name)
    ctx.run(_build_generated(ctx, name, kind))
    _insert(ctx, name, ["n"], [21])
    assert ctx.scalar(f"SELECT {ctx.q('doubled')} FROM {ctx.q(name)}") == 42, "the generated column is not computed"


@case(
    "supports_generated_columns",
    "supports_stored_generated_columns",
    refusal=lambda ctx: _build_generated(ctx, kind=GeneratedColumnType.STORED),
)
def stored_generated_column(ctx: Ctx) -> None:
    _generated(ctx, GeneratedColumnType.STORED)


@case(
    "supports_generated_columns",
    "supports_virtual_generated_columns",
    refusal=lambda ctx: _build_generated(ctx, kind=GeneratedColumnType.VIRTUAL),
)
def virtual_generated_column(ctx: Ctx) -> None:
    _generated(ctx, GeneratedColumnType.VIRTUAL)


# -- keys the server numbers -------------------------------------------------------------------------
@case("supports_create_table", name="ddl_table.auto_increment_key")
def auto_increment_key(ctx: Ctx) -> None:
    key = ColumnConstraint(ColumnConstraintType.PRIMARY_KEY, is_auto_increment=True)
    name = _create(ctx, "ai", [_int("id", key), _text("v")])
    _insert(ctx, name, ["v"], ["a"])
    _insert(ctx, name, ["v"], ["b"])
    ids = sorted(int(r[0]) for r in ctx.rows(f"SELECT {ctx.q('id')} FROM {ctx.q(name)}"))
    assert ids == [1, 2], ids
