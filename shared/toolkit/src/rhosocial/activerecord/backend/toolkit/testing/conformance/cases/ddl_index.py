"""Indexes from ``CreateIndexExpression`` / ``DropIndexExpression``; effects read from the catalogs."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.expression.statements import CreateIndexExpression, DropIndexExpression

from .. import catalog
from ..build import col, func
from ..context import Ctx
from ..registry import case


def _base(ctx: Ctx) -> str:
    return ctx.table(
        [("id", "INT NOT NULL"), ("v", "VARCHAR(20)"), ("w", "INT")], "ix", rows=[(1, "a", 1), (2, "b", 2)]
    )


def _index(ctx: Ctx, table: str = "t", columns: Any = ("v",), **kw: Any) -> CreateIndexExpression:
    name = kw.pop("name", None) or ctx.name("ix")
    return CreateIndexExpression(ctx.dialect, name, table, list(columns), **kw)


def _create(ctx: Ctx, table: str, columns: Any = ("v",), **kw: Any) -> str:
    expr = _index(ctx, table, columns, **kw)
    ctx.run(expr)
    return expr.index_name


def _pg_index(ctx: Ctx, name: str, what: str) -> Any:
    """One pg_index / pg_class / pg_am fact about index ``name`` (PostgreSQL only)."""
    return ctx.scalar(
        f"SELECT {what} FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
        " WHERE c.relname = %s",
        (name,),
    )


def _rejected(ctx: Ctx, table: str, row: tuple[Any, ...]) -> bool:
    try:
        ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES ({', '.join(ctx.placeholders(len(row)))})", row)
    except Exception:
        return True
    return False


@case("supports_create_index", refusal=_index)
def create_index(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create(ctx, table)
    assert catalog.exists(ctx, "index", name)


@case("supports_drop_index", refusal=lambda ctx: DropIndexExpression(ctx.dialect, "i", "t"))
def drop_index(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create(ctx, table)
    ctx.run(DropIndexExpression(ctx.dialect, name, table))
    assert not catalog.exists(ctx, "index", name)


@case("supports_index_if_exists", refusal=lambda ctx: DropIndexExpression(ctx.dialect, "i", "t", if_exists=True))
def drop_index_if_exists(ctx: Ctx) -> None:
    table = _base(ctx)
    ctx.run(DropIndexExpression(ctx.dialect, ctx.name("none"), table, if_exists=True))


@case("supports_unique_index", refusal=lambda ctx: _index(ctx, unique=True))
def unique_index(ctx: Ctx) -> None:
    table = _base(ctx)
    _create(ctx, table, unique=True)
    assert _rejected(ctx, table, (3, "a", 3)), "the UNIQUE index accepted a duplicate"


@case("supports_index_if_not_exists", refusal=lambda ctx: _index(ctx, if_not_exists=True))
def create_index_if_not_exists(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create(ctx, table, if_not_exists=True)
    ctx.run(_index(ctx, table, ("w",), name=name, if_not_exists=True))  # exists: no error, not replaced
    if ctx.backend_name == "postgres":
        assert _pg_index(ctx, name, "pg_get_indexdef(i.indexrelid)").endswith("(v)")


def _index_type(ctx: Ctx) -> str:
    return "HASH" if ctx.backend_name == "postgres" else "BTREE"


@case("supports_index_type", refusal=lambda ctx: _index(ctx, index_type=_index_type(ctx)))
def index_type(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create(ctx, table, index_type=_index_type(ctx))
    if ctx.backend_name == "postgres":
        found = _pg_index(ctx, name, "a.amname")
    else:
        found = ctx.scalar(
            "SELECT index_type FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name = %s",
            (name,),
        )
    assert str(found).upper() == _index_type(ctx), found


@case("supports_partial_index", refusal=lambda ctx: _index(ctx, where=col(ctx, "w").is_not_null()))
def partial_index(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create(ctx, table, ("v",), unique=True, where=col(ctx, "w").is_not_null())
    # unique only where w is set: a duplicate with w NULL is allowed, with w set it is not
    assert not _rejected(ctx, table, (3, "a", None)), "the partial index covered a row outside its WHERE"
    assert _rejected(ctx, table, (4, "b", 9)), "the partial unique index accepted a duplicate"
    if ctx.backend_name == "postgres":
        assert _pg_index(ctx, name, "i.indpred IS NOT NULL")


@case("supports_functional_index", refusal=lambda ctx: _index(ctx, columns=[func(ctx, "LOWER", col(ctx, "v"))]))
def functional_index(ctx: Ctx) -> None:
    table = _base(ctx)
    _create(ctx, table, [func(ctx, "LOWER", col(ctx, "v"))], unique=True)
    assert _rejected(ctx, table, (3, "A", 3)), "the unique index on LOWER(v) accepted 'A' beside 'a'"


@case("supports_index_include", refusal=lambda ctx: _index(ctx, include=["w"]))
def index_include(ctx: Ctx) -> None:
    table = _base(ctx)
    name = _create(ctx, table, ("v",), include=["w"])
    if ctx.backend_name == "postgres":
        assert (_pg_index(ctx, name, "i.indnatts"), _pg_index(ctx, name, "i.indnkeyatts")) == (2, 1)


@case("supports_index_tablespace", refusal=lambda ctx: _index(ctx, tablespace=ctx.default_tablespace()))
def index_tablespace(ctx: Ctx) -> None:
    table = _base(ctx)
    expr = _index(ctx, table, tablespace=ctx.default_tablespace())
    assert "TABLESPACE" in ctx.sql_of(expr).upper(), ctx.sql_of(expr)
    ctx.run(expr)
    assert catalog.exists(ctx, "index", expr.index_name)


@case("supports_concurrent_index", refusal=lambda ctx: _index(ctx, concurrent=True))
def concurrent_index(ctx: Ctx) -> None:
    table = _base(ctx)
    expr = _index(ctx, table, concurrent=True)
    # the server refuses CONCURRENTLY inside a transaction block: proof that it reached the server
    refused = None
    with ctx.transaction():
        try:
            ctx.run(expr)
        except Exception as exc:
            refused = exc
    assert refused is not None, f"no CONCURRENTLY reached the server: {ctx.sql_of(expr)}"
    ctx.run(expr)
    if ctx.backend_name == "postgres":
        assert _pg_index(ctx, expr.index_name, "i.indisvalid") is True
