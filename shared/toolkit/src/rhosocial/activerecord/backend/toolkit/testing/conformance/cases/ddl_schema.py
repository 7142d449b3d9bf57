"""Schemas and sequences from the core's DDL objects."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.expression.statements import (
    AlterSequenceExpression,
    CreateSchemaExpression,
    CreateSequenceExpression,
    DropSchemaExpression,
    DropSequenceExpression,
)

from .. import catalog
from ..context import Ctx
from ..registry import case


# -- schemas ---------------------------------------------------------------------------------------
def _schema(ctx: Ctx, name: str = "s", **kw: Any) -> CreateSchemaExpression:
    return CreateSchemaExpression(ctx.dialect, name, **kw)


def _schema_name(ctx: Ctx) -> str:
    # named after the test database: where the test user may only create databases matching its
    # name (MySQL grants such as `rhosocial\_test%`), a schema must be named alike
    prefix = f"{ctx.target.database}_" if ctx.target and ctx.backend_name == "mysql" else ""
    return prefix + ctx.name("sc")


def _create_schema(ctx: Ctx, **kw: Any) -> str:
    name = _schema_name(ctx)
    ctx.cleanup("SCHEMA", name)
    ctx.run(_schema(ctx, name, **kw))
    return name


@case(
    "supports_create_schema",
    "supports_drop_schema",
    refusal={
        "supports_create_schema": _schema,
        "supports_drop_schema": lambda ctx: DropSchemaExpression(ctx.dialect, "s"),
    },
)
def create_and_drop_schema(ctx: Ctx) -> None:
    name = _create_schema(ctx)
    assert catalog.exists(ctx, "schema", name)
    ctx.run(DropSchemaExpression(ctx.dialect, name))
    assert not catalog.exists(ctx, "schema", name)


@case(
    "supports_schema_if_not_exists", "supports_schema_if_exists", refusal=lambda ctx: _schema(ctx, if_not_exists=True)
)
def schema_if_exists(ctx: Ctx) -> None:
    name = _create_schema(ctx, if_not_exists=True)
    ctx.run(_schema(ctx, name, if_not_exists=True))  # exists: no error
    ctx.run(DropSchemaExpression(ctx.dialect, name, if_exists=True))
    ctx.run(DropSchemaExpression(ctx.dialect, name, if_exists=True))  # gone: no error
    assert not catalog.exists(ctx, "schema", name)


@case("supports_schema_cascade", refusal=lambda ctx: DropSchemaExpression(ctx.dialect, "s", cascade=True))
def drop_schema_cascade(ctx: Ctx) -> None:
    name = _create_schema(ctx)
    ctx.execute(f"CREATE TABLE {ctx.q(name)}.{ctx.q('inside')} (id INT)")
    ctx.run(DropSchemaExpression(ctx.dialect, name, cascade=True))
    assert not catalog.exists(ctx, "schema", name)


@case("supports_schema_authorization", refusal=lambda ctx: _schema(ctx, authorization="someone"))
def schema_authorization(ctx: Ctx) -> None:
    user = ctx.target.user if ctx.target else "rhosocial"
    name = _create_schema(ctx, authorization=user)
    owner = ctx.scalar("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = %s", (name,))
    assert str(owner).strip('"') == user, owner


# -- sequences -------------------------------------------------------------------------------------
def _sequence(ctx: Ctx, name: str = "q", **kw: Any) -> CreateSequenceExpression:
    return CreateSequenceExpression(ctx.dialect, name, **kw)


def _create_sequence(ctx: Ctx, **kw: Any) -> str:
    name = ctx.name("sq")
    ctx.cleanup("SEQUENCE", name)
    ctx.run(_sequence(ctx, name, **kw))
    return name


def _next(ctx: Ctx, name: str) -> int:
    sql = {
        "postgres": "SELECT nextval(%s)",
        "mysql": f"SELECT NEXTVAL({ctx.q(name)})",
        "oracle": f"SELECT {ctx.q(name)}.NEXTVAL FROM DUAL",
    }[ctx.backend_name]
    params = (ctx.q(name),) if ctx.backend_name == "postgres" else ()
    return int(ctx.scalar(sql, params))


@case(
    "supports_sequence",
    "supports_create_sequence",
    "supports_drop_sequence",
    refusal={
        "supports_sequence": _sequence,
        "supports_create_sequence": _sequence,
        "supports_drop_sequence": lambda ctx: DropSequenceExpression(ctx.dialect, "q"),
    },
)
def create_and_drop_sequence(ctx: Ctx) -> None:
    name = _create_sequence(ctx, start=5, increment=3)
    assert [_next(ctx, name), _next(ctx, name)] == [5, 8]
    ctx.run(DropSequenceExpression(ctx.dialect, name))
    assert not catalog.exists(ctx, "sequence", name)


@case(
    "supports_sequence_if_not_exists",
    "supports_sequence_if_exists",
    refusal={
        "supports_sequence_if_not_exists": lambda ctx: _sequence(ctx, if_not_exists=True),
        "supports_sequence_if_exists": lambda ctx: DropSequenceExpression(ctx.dialect, "q", if_exists=True),
    },
)
def sequence_if_exists(ctx: Ctx) -> None:
    name = _create_sequence(ctx, if_not_exists=True)
    ctx.run(_sequence(ctx, name, if_not_exists=True, start=100))  # exists: no error, not replaced
    assert _next(ctx, name) == 1
    ctx.run(DropSequenceExpression(ctx.dialect, name, if_exists=True))
    ctx.run(DropSequenceExpression(ctx.dialect, name, if_exists=True))


@case("supports_alter_sequence", refusal=lambda ctx: AlterSequenceExpression(ctx.dialect, "q", restart=50))
def alter_sequence(ctx: Ctx) -> None:
    name = _create_sequence(ctx)
    ctx.run(AlterSequenceExpression(ctx.dialect, name, restart=50, increment=5))
    assert [_next(ctx, name), _next(ctx, name)] == [50, 55]


@case("supports_sequence_cycle", refusal=lambda ctx: _sequence(ctx, cycle=True, minvalue=1, maxvalue=2))
def sequence_cycle(ctx: Ctx) -> None:
    name = _create_sequence(ctx, cycle=True, minvalue=1, maxvalue=2, cache=1 if ctx.backend_name != "mysql" else None)
    assert [_next(ctx, name) for _ in range(3)] == [1, 2, 1]


@case("supports_sequence_cache", refusal=lambda ctx: _sequence(ctx, cache=20))
def sequence_cache(ctx: Ctx) -> None:
    name = _create_sequence(ctx, cache=20)
    if ctx.backend_name == "postgres":
        assert ctx.scalar("SELECT cache_size FROM pg_sequences WHERE sequencename = %s", (name,)) == 20


@case("supports_sequence_owned_by", refusal=lambda ctx: _sequence(ctx, owned_by="t.id"))
def sequence_owned_by(ctx: Ctx) -> None:
    table = ctx.table([("id", "INT")], "own")
    name = _create_sequence(ctx, owned_by=f"{table}.id")  # the dialect quotes each part
    ctx.execute(f"DROP TABLE {ctx.q(table)}")
    assert not catalog.exists(ctx, "sequence", name), "the owned sequence outlived its table"


@case("supports_sequence_order", refusal=lambda ctx: _sequence(ctx, order=True))
def sequence_order(ctx: Ctx) -> None:
    name = _create_sequence(ctx, order=True)
    assert _next(ctx, name) == 1
