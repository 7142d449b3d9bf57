"""Transactions through the backend's transaction manager, whose statements our dialect renders:
savepoints, isolation level and access mode in BEGIN, DEFERRABLE."""

from __future__ import annotations

from rhosocial.activerecord.backend.expression.transaction import (
    BeginTransactionExpression,
    CommitTransactionExpression,
)
from rhosocial.activerecord.backend.transaction import IsolationLevel, TransactionMode

from ..context import Ctx
from ..registry import case


def _log(ctx: Ctx) -> str:
    return ctx.table([("id", "INT NOT NULL")], "tx")


def _ids(ctx: Ctx, name: str, backend: object = None) -> list[int]:
    sql = f"SELECT {ctx.q('id')} FROM {ctx.q(name)} ORDER BY {ctx.q('id')}"
    if backend is None:
        return [int(r[0]) for r in ctx.rows(sql)]
    result = backend.execute(sql, None, options=None)  # type: ignore[attr-defined]
    return [int(next(iter(r.values()))) for r in (result.data or [])]


class _Undo(Exception):
    pass


@case("supports_savepoint")
def savepoint_rolls_back_inner_only(ctx: Ctx) -> None:
    name = _log(ctx)
    insert = f"INSERT INTO {ctx.q(name)} VALUES (%d)"
    with ctx.transaction():
        ctx.execute(insert % 1)
        try:
            with ctx.transaction():  # nested: a savepoint rendered by our dialect
                ctx.execute(insert % 2)
                raise _Undo
        except _Undo:
            pass
        ctx.execute(insert % 3)
    assert _ids(ctx, name) == [1, 3]


def _begin(ctx: Ctx, **what: bool) -> BeginTransactionExpression:
    begin = BeginTransactionExpression(ctx.dialect)
    if what.get("isolation"):
        begin.isolation_level(IsolationLevel.SERIALIZABLE)
    if what.get("read_only"):
        begin.read_only()
    if what.get("deferrable"):
        begin.deferrable(True)
    return begin


@case(
    "supports_read_only_transaction",
    "supports_transaction_mode",
    refusal=lambda ctx: _begin(ctx, read_only=True),
)
def read_only_transaction_refuses_writes(ctx: Ctx) -> None:
    name = _log(ctx)
    refused = None
    manager = ctx.backend.transaction_manager
    try:
        with manager.transaction(mode=TransactionMode.READ_ONLY):
            ctx.execute(f"INSERT INTO {ctx.q(name)} VALUES (1)")
    except Exception as exc:
        refused = exc
    assert refused is not None, "a write inside a READ ONLY transaction was accepted"
    assert _ids(ctx, name) == []


@case("supports_isolation_level_in_begin", refusal=lambda ctx: _begin(ctx, isolation=True))
def isolation_level_gives_a_stable_snapshot(ctx: Ctx) -> None:
    name = _log(ctx)
    other = ctx.second()
    level = IsolationLevel.SERIALIZABLE if ctx.backend_name == "oracle" else IsolationLevel.REPEATABLE_READ
    manager = ctx.backend.transaction_manager
    with manager.transaction(isolation_level=level):
        before = _ids(ctx, name)
        other.execute(f"INSERT INTO {ctx.q(name)} VALUES (7)")
        if ctx.backend_name == "oracle":
            other.execute("COMMIT")
        during = _ids(ctx, name)
    after = _ids(ctx, name)
    assert before == during == [], f"the snapshot moved inside {level.name}: {before} -> {during}"
    assert after == [7], after
    # and the default level (READ COMMITTED here) does see it: the level above is what made the difference
    with manager.transaction(isolation_level=IsolationLevel.READ_COMMITTED):
        _ids(ctx, name)
        other.execute(f"INSERT INTO {ctx.q(name)} VALUES (8)")
        if ctx.backend_name == "oracle":
            other.execute("COMMIT")
        assert _ids(ctx, name) == [7, 8]


@case(
    "supports_deferrable_transaction", refusal=lambda ctx: _begin(ctx, isolation=True, read_only=True, deferrable=True)
)
def deferrable_transaction(ctx: Ctx) -> None:
    begin = BeginTransactionExpression(ctx.dialect).isolation_level(IsolationLevel.SERIALIZABLE).read_only()
    begin.deferrable(True)
    sql = ctx.sql_of(begin)
    assert "DEFERRABLE" in sql.upper(), sql
    ctx.run(begin, fetch=False)
    try:
        if ctx.backend_name == "postgres":
            assert ctx.scalar("SHOW transaction_deferrable") == "on"
            assert ctx.scalar("SHOW transaction_isolation") == "serializable"
    finally:
        ctx.run(CommitTransactionExpression(ctx.dialect), fetch=False)
