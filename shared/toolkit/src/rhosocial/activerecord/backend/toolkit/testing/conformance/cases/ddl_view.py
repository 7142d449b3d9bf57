"""Views and materialized views from the core's view DDL objects."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.expression.statements import (
    CreateMaterializedViewExpression,
    CreateViewExpression,
    DropMaterializedViewExpression,
    DropViewExpression,
    RefreshMaterializedViewExpression,
    ViewCheckOption,
    ViewOptions,
)

from .. import catalog
from ..build import col, lit, select
from ..context import Ctx
from ..registry import case


def _base(ctx: Ctx) -> str:
    return ctx.table([("id", "INT NOT NULL"), ("n", "INT")], "vb", rows=[(1, 5), (2, 50)])


def _query(ctx: Ctx, table: str = "t", *, where: Any = None) -> Any:
    return select(ctx, [col(ctx, "id"), col(ctx, "n")], table, where=where)


def _view(ctx: Ctx, table: str = "t", name: str = "", **kw: Any) -> CreateViewExpression:
    where = kw.pop("where", None)
    return CreateViewExpression(ctx.dialect, name or ctx.name("v"), _query(ctx, table, where=where), **kw)


def _create(ctx: Ctx, table: str, **kw: Any) -> str:
    expr = _view(ctx, table, **kw)
    ctx.cleanup("VIEW", expr.view_name)
    ctx.run(expr)
    return expr.view_name


def _count(ctx: Ctx, name: str) -> int:
    return int(ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(name)}"))


@case("supports_create_view", refusal=_view)
def create_view(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create(ctx, table)
    assert catalog.exists(ctx, "view", name)
    assert _count(ctx, name) == 2


@case("supports_or_replace_view", refusal=lambda ctx: _view(ctx, replace=True))
def create_or_replace_view(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create(ctx, table)
    ctx.run(_view(ctx, table, name, replace=True, where=col(ctx, "id") == col(ctx, "id")))
    ctx.run(
        CreateViewExpression(
            ctx.dialect,
            name,
            select(ctx, [col(ctx, "id"), col(ctx, "n")], table, where=col(ctx, "n").is_null()),
            replace=True,
        )
    )
    assert _count(ctx, name) == 0, "OR REPLACE did not replace the view"


@case("supports_temporary_view", refusal=lambda ctx: _view(ctx, temporary=True))
def temporary_view(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create(ctx, table, temporary=True)
    assert _count(ctx, name) == 2
    other = ctx.second()
    try:
        other.execute(f"SELECT * FROM {ctx.q(name)}")
        seen = True
    except Exception:
        seen = False
    assert not seen, "another session sees the temporary view"


def _drop(ctx: Ctx, name: str = "v", **kw: Any) -> DropViewExpression:
    return DropViewExpression(ctx.dialect, name, **kw)


@case("supports_drop_view", refusal=_drop)
def drop_view(ctx: Ctx) -> None:
    name = _create(ctx, _base(ctx))
    ctx.run(_drop(ctx, name))
    assert not catalog.exists(ctx, "view", name)


@case("supports_if_exists_view", refusal=lambda ctx: _drop(ctx, if_exists=True))
def drop_view_if_exists(ctx: Ctx) -> None:
    expr = _drop(ctx, ctx.name("none"), if_exists=True)
    assert "IF EXISTS" in ctx.sql_of(expr).upper()
    ctx.run(expr)


@case("supports_cascade_view", refusal=lambda ctx: _drop(ctx, cascade=True))
def drop_view_cascade(ctx: Ctx) -> None:
    base = _create(ctx, _base(ctx))
    dependent = ctx.name("vd")
    ctx.cleanup("VIEW", dependent)
    ctx.run(CreateViewExpression(ctx.dialect, dependent, select(ctx, [col(ctx, "id")], base)))
    ctx.run(_drop(ctx, base, cascade=True))
    assert not catalog.exists(ctx, "view", dependent), "CASCADE left the dependent view"


def _checked(ctx: Ctx, table: str = "t") -> CreateViewExpression:
    return _view(
        ctx, table, where=col(ctx, "n") < lit(ctx, 10), options=ViewOptions(check_option=ViewCheckOption.CASCADED)
    )


@case("supports_view_check_option", refusal=_checked)
def view_check_option(ctx: Ctx) -> None:
    table = _base(ctx)
    expr = _checked(ctx, table)
    ctx.cleanup("VIEW", expr.view_name)
    ctx.run(expr)
    try:
        ctx.execute(f"INSERT INTO {ctx.q(expr.view_name)} VALUES (3, 99)")
        accepted = True
    except Exception:
        accepted = False
    assert not accepted, "WITH CHECK OPTION accepted a row the view cannot see"


# -- materialized views ----------------------------------------------------------------------------
def _matview(ctx: Ctx, table: str = "t", **kw: Any) -> CreateMaterializedViewExpression:
    return CreateMaterializedViewExpression(ctx.dialect, ctx.name("mv"), _query(ctx, table), **kw)


def _create_matview(ctx: Ctx, table: str, **kw: Any) -> str:
    expr = _matview(ctx, table, **kw)
    ctx.cleanup("MATERIALIZED VIEW", expr.view_name)
    ctx.run(expr)
    return expr.view_name


@case("supports_materialized_view", refusal=_matview)
def materialized_view(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create_matview(ctx, table)
    ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (3, 7)")
    assert _count(ctx, name) == 2, "the materialized view is not a snapshot"
    ctx.run(DropMaterializedViewExpression(ctx.dialect, name))
    assert not catalog.exists(ctx, "view", name)


@case("supports_refresh_materialized_view", refusal=lambda ctx: RefreshMaterializedViewExpression(ctx.dialect, "m"))
def refresh_materialized_view(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create_matview(ctx, table, with_data=False)
    ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (3, 7)")
    ctx.run(RefreshMaterializedViewExpression(ctx.dialect, name))
    assert _count(ctx, name) == 3


@case(
    "supports_materialized_view_tablespace",
    refusal=lambda ctx: _matview(ctx, tablespace=ctx.default_tablespace()),
)
def materialized_view_tablespace(ctx: Ctx) -> None:
    expr = _matview(ctx, _base(ctx), tablespace=ctx.default_tablespace())
    ctx.cleanup("MATERIALIZED VIEW", expr.view_name)
    assert "TABLESPACE" in ctx.sql_of(expr).upper()
    ctx.run(expr)
    assert catalog.exists(ctx, "view", expr.view_name)


@case(
    "supports_materialized_view_storage_options",
    refusal=lambda ctx: _matview(ctx, storage_options={"fillfactor": 70}),
)
def materialized_view_storage_options(ctx: Ctx) -> None:
    name = _create_matview(ctx, _base(ctx), storage_options={"fillfactor": 70})
    options = ctx.scalar("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = %s", (name,))
    assert "fillfactor=70" in str(options), options
