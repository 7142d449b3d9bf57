"""Functions and triggers from the core's DDL objects (the trigger's effect: it fires)."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.expression.statements import (
    CreateFunctionExpression,
    CreateTriggerExpression,
    DropFunctionExpression,
    DropTriggerExpression,
    TriggerEvent,
    TriggerLevel,
    TriggerTiming,
)

from .. import catalog
from ..build import col, lit
from ..context import Ctx
from ..registry import case

# The generic trigger cases build a PL/pgSQL trigger function; MySQL's triggers CALL a procedure and are
# proven by ``mysql.trigger_calls_procedure``. On MySQL the cases below only serve their refusals.
FUNCTION_TRIGGERS = {"postgres", "oracle"}


# -- functions -------------------------------------------------------------------------------------
def _function(ctx: Ctx, name: str = "f", **kw: Any) -> CreateFunctionExpression:
    return CreateFunctionExpression(
        ctx.dialect,
        name,
        parameters=[{"name": "x", "type": "integer"}],
        returns="integer",
        body="BEGIN RETURN x + 1; END;",
        **kw,
    )


def _create_function(ctx: Ctx, **kw: Any) -> str:
    name = ctx.name("fn")
    ctx.cleanup_sql(f"DROP FUNCTION IF EXISTS {ctx.q(name)}(integer)")
    ctx.run(_function(ctx, name, **kw))
    return name


def _call(ctx: Ctx, name: str, value: int) -> int:
    return int(ctx.scalar(f"SELECT {ctx.q(name)}({value})"))


@case("supports_function", "supports_create_function", "supports_function_parameters", refusal=_function)
def create_function(ctx: Ctx) -> None:
    name = _create_function(ctx)
    assert _call(ctx, name, 41) == 42


@case("supports_function", "supports_drop_function", refusal=lambda ctx: DropFunctionExpression(ctx.dialect, "f"))
def drop_function(ctx: Ctx) -> None:
    name = _create_function(ctx)
    ctx.run(DropFunctionExpression(ctx.dialect, name, if_exists=True, parameters=["integer"]))
    assert not catalog.exists(ctx, "function", name)


@case("supports_function_or_replace", refusal=lambda ctx: _function(ctx, or_replace=True))
def create_or_replace_function(ctx: Ctx) -> None:
    name = _create_function(ctx)
    replaced = CreateFunctionExpression(
        ctx.dialect,
        name,
        parameters=[{"name": "x", "type": "integer"}],
        returns="integer",
        body="BEGIN RETURN x + 2; END;",
        or_replace=True,
    )
    ctx.run(replaced)
    assert _call(ctx, name, 40) == 42


# -- triggers --------------------------------------------------------------------------------------
def _trigger_function(ctx: Ctx, body: str) -> str:
    """A trigger function (hand-written setup: the function DDL is proven above)."""
    name = ctx.name("tf")
    ctx.cleanup_sql(f"DROP FUNCTION IF EXISTS {ctx.q(name)}() CASCADE")
    ctx.execute(f"CREATE FUNCTION {ctx.q(name)}() RETURNS trigger LANGUAGE plpgsql AS $$ {body} $$")
    return name


def _doubling(ctx: Ctx) -> tuple[str, str]:
    table = ctx.table([("n", "INT")], "trg")
    function = _trigger_function(ctx, f"BEGIN NEW.{ctx.q('n')} := NEW.{ctx.q('n')} * 2; RETURN NEW; END;")
    return table, function


def _trigger(ctx: Ctx, table: str = "t", function: str = "f", **kw: Any) -> CreateTriggerExpression:
    timing = kw.pop("timing", TriggerTiming.BEFORE)
    events = kw.pop("events", [TriggerEvent.INSERT])
    return CreateTriggerExpression(ctx.dialect, ctx.name("tg"), table, timing, events, function, **kw)


def _values(ctx: Ctx, table: str) -> list[int]:
    return sorted(int(r[0]) for r in ctx.rows(f"SELECT {ctx.q('n')} FROM {ctx.q(table)}"))


@case("supports_trigger", "supports_create_trigger", refusal=_trigger, backends=FUNCTION_TRIGGERS)
def create_trigger_fires(ctx: Ctx) -> None:
    table, function = _doubling(ctx)
    ctx.run(_trigger(ctx, table, function))
    ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (21)")
    assert _values(ctx, table) == [42], "the trigger did not fire"


@case(
    "supports_trigger",
    "supports_trigger_when",
    refusal=lambda ctx: _trigger(ctx, condition=col(ctx, "n", "NEW") > lit(ctx, 10)),
)
def trigger_when(ctx: Ctx) -> None:
    table, function = _doubling(ctx)
    ctx.run(_trigger(ctx, table, function, condition=col(ctx, "n", "NEW") > lit(ctx, 10)))
    ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (5)")
    ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (21)")
    assert _values(ctx, table) == [5, 42], "WHEN did not limit the trigger"


def _counter(ctx: Ctx) -> tuple[str, str, str]:
    table = ctx.table([("n", "INT")], "trs")
    log = ctx.table([("c", "INT")], "trl")
    function = _trigger_function(ctx, f"BEGIN INSERT INTO {ctx.q(log)} VALUES (1); RETURN NULL; END;")
    return table, log, function


@case(
    "supports_trigger",
    "supports_statement_trigger",
    refusal=lambda ctx: _trigger(ctx, level=TriggerLevel.STATEMENT, timing=TriggerTiming.AFTER),
)
def statement_trigger(ctx: Ctx) -> None:
    table, log, function = _counter(ctx)
    ctx.run(_trigger(ctx, table, function, level=TriggerLevel.STATEMENT, timing=TriggerTiming.AFTER))
    ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (1), (2), (3)")
    assert int(ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(log)}")) == 1, "the trigger fired per row"


@case(
    "supports_trigger",
    "supports_trigger_referencing",
    refusal=lambda ctx: _trigger(ctx, referencing="REFERENCING NEW TABLE AS fresh", timing=TriggerTiming.AFTER),
)
def trigger_referencing(ctx: Ctx) -> None:
    table = ctx.table([("n", "INT")], "trr")
    log = ctx.table([("c", "INT")], "trl")
    function = _trigger_function(ctx, f"BEGIN INSERT INTO {ctx.q(log)} SELECT COUNT(*) FROM fresh; RETURN NULL; END;")
    expr = _trigger(
        ctx,
        table,
        function,
        referencing="REFERENCING NEW TABLE AS fresh",
        timing=TriggerTiming.AFTER,
        level=TriggerLevel.STATEMENT,
    )
    ctx.run(expr)
    ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (1), (2)")
    assert int(ctx.scalar(f"SELECT {ctx.q('c')} FROM {ctx.q(log)}")) == 2


@case(
    "supports_trigger",
    "supports_instead_of_trigger",
    refusal=lambda ctx: _trigger(ctx, timing=TriggerTiming.INSTEAD_OF),
)
def instead_of_trigger(ctx: Ctx) -> None:
    table = ctx.table([("n", "INT")], "tri")
    view = ctx.name("triv")
    ctx.cleanup("VIEW", view)
    ctx.execute(f"CREATE VIEW {ctx.q(view)} AS SELECT {ctx.q('n')} FROM {ctx.q(table)}")
    function = _trigger_function(
        ctx, f"BEGIN INSERT INTO {ctx.q(table)} VALUES (NEW.{ctx.q('n')} + 100); RETURN NEW; END;"
    )
    ctx.run(_trigger(ctx, view, function, timing=TriggerTiming.INSTEAD_OF))
    ctx.execute(f"INSERT INTO {ctx.q(view)} VALUES (1)")
    assert _values(ctx, table) == [101]


@case("supports_trigger", "supports_drop_trigger", refusal=lambda ctx: DropTriggerExpression(ctx.dialect, "tg", "t"))
def drop_trigger(ctx: Ctx) -> None:
    table = ctx.table([("n", "INT")], "trd")
    name = ctx.name("tg")
    if ctx.backend_name == "postgres":
        function = _trigger_function(ctx, "BEGIN RETURN NEW; END;")
        run = f"EXECUTE FUNCTION {ctx.q(function)}()"
        ctx.execute(f"CREATE TRIGGER {ctx.q(name)} BEFORE INSERT ON {ctx.q(table)} FOR EACH ROW {run}")
    else:
        ctx.execute(
            f"CREATE TRIGGER {ctx.q(name)} BEFORE INSERT ON {ctx.q(table)} FOR EACH ROW SET NEW.{ctx.q('n')} = 1"
        )
    assert catalog.exists(ctx, "trigger", name)
    ctx.run(DropTriggerExpression(ctx.dialect, name, table, if_exists=True))
    assert not catalog.exists(ctx, "trigger", name)


@case("supports_trigger", "supports_trigger_if_not_exists", refusal=lambda ctx: _trigger(ctx, if_not_exists=True))
def trigger_if_not_exists(ctx: Ctx) -> None:
    table, function = _doubling(ctx)
    expr = _trigger(ctx, table, function, if_not_exists=True)
    ctx.run(expr)
    ctx.run(expr)  # exists: no error
    ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (21)")
    assert _values(ctx, table) == [42]
