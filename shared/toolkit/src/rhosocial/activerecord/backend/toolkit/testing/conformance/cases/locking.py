"""Row locks: SELECT ... FOR UPDATE, NOWAIT, SKIP LOCKED, checked from a second session."""

from __future__ import annotations

import contextlib
from typing import Any

from rhosocial.activerecord.backend.expression.query_parts import ForUpdateClause

from ..build import col, lit, select
from ..context import Ctx
from ..registry import case


def _rows(ctx: Ctx) -> str:
    return ctx.table([("id", "INT NOT NULL PRIMARY KEY"), ("v", "INT")], "lk", rows=[(1, 10), (2, 20)])


def _locking(ctx: Ctx, name: str = "t", *, row: Any = None, **kw: Any) -> object:
    where = col(ctx, "id") == lit(ctx, row) if row is not None else None
    lock = ForUpdateClause(ctx.dialect, **kw)
    return select(ctx, [col(ctx, "id")], name, where=where, order_by=[col(ctx, "id")], for_update=lock)


def _blocked(ctx: Ctx, other: Any, name: str, row: int) -> bool:
    """Whether ``other`` finds ``row`` locked (a hand-written NOWAIT probe: the effect check)."""
    probe = f"SELECT {ctx.q('id')} FROM {ctx.q(name)} WHERE {ctx.q('id')} = {row} FOR UPDATE NOWAIT"
    try:
        other.execute(probe)
    except Exception:
        return True
    finally:
        # release whatever the probe took (autocommit sessions hold nothing; be explicit)
        with contextlib.suppress(Exception):
            other.execute("ROLLBACK")
    return False


@case("supports_for_update", refusal=_locking)
def for_update_locks_the_row(ctx: Ctx) -> None:
    name = _rows(ctx)
    other = ctx.second()
    with ctx.transaction():
        rows = ctx.run(_locking(ctx, name, row=1))
        assert [int(r["id"]) for r in rows] == [1]
        assert _blocked(ctx, other, name, 1), "row 1 is not locked by SELECT ... FOR UPDATE"
        assert not _blocked(ctx, other, name, 2), "row 2 was locked too"
    assert not _blocked(ctx, other, name, 1), "the lock outlived the transaction"


@case("supports_for_update", "supports_for_update_skip_locked", refusal=lambda ctx: _locking(ctx, skip_locked=True))
def skip_locked(ctx: Ctx) -> None:
    name = _rows(ctx)
    other = ctx.second()
    other.execute("BEGIN" if ctx.backend_name != "mysql" else "START TRANSACTION")
    try:
        other.execute(f"SELECT {ctx.q('id')} FROM {ctx.q(name)} WHERE {ctx.q('id')} = 1 FOR UPDATE")
        with ctx.transaction():
            rows = ctx.run(_locking(ctx, name, skip_locked=True))
        assert [int(r["id"]) for r in rows] == [2], rows
    finally:
        other.execute("ROLLBACK")


@case("supports_for_update", "supports_for_update_nowait", refusal=lambda ctx: _locking(ctx, nowait=True))
def nowait(ctx: Ctx) -> None:
    name = _rows(ctx)
    other = ctx.second()
    other.execute("BEGIN" if ctx.backend_name != "mysql" else "START TRANSACTION")
    try:
        other.execute(f"SELECT {ctx.q('id')} FROM {ctx.q(name)} WHERE {ctx.q('id')} = 1 FOR UPDATE")
        failed = None
        with ctx.transaction():
            try:
                ctx.run(_locking(ctx, name, row=1, nowait=True))
            except Exception as exc:  # the lock error, at once
                failed = exc
        assert failed is not None, "FOR UPDATE NOWAIT waited for / ignored the other session's lock"
    finally:
        other.execute("ROLLBACK")
