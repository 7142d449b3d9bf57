"""The plan drivers (toolkit/plans.py) and the shared LIMIT/OFFSET rendering (toolkit/limit_offset.py)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from rhosocial.activerecord.backend.toolkit.limit_offset import LimitOffsetRendering
from rhosocial.activerecord.backend.toolkit.plans import (
    advance,
    call_step,
    call_step_async,
    run_plan,
    run_plan_async,
)


def _plan(log: list) -> Any:
    """Two steps; a failed second step is undone, then re-raised; the finally always runs."""
    try:
        first = yield "one"
        try:
            second = yield "two"
        except ValueError:
            log.append("undo")
            raise
        return first + second
    finally:
        log.append("done")


def test_advance_sends_throws_and_finishes() -> None:
    log: list = []
    plan = _plan(log)
    assert advance(plan, None) == (False, "one")
    assert advance(plan, 1) == (False, "two")
    assert advance(plan, 2) == (True, 3)
    plan = _plan(log)
    advance(plan, None)
    advance(plan, 1)
    with pytest.raises(ValueError):
        advance(plan, ValueError("boom"))
    assert log == ["done", "undo", "done"]


def test_run_plan_sync_and_async() -> None:
    log: list = []
    outcomes = {"one": 1, "two": 2}
    assert run_plan(_plan(log), outcomes.__getitem__) == 3

    async def attempt(step: str) -> int:
        return outcomes[step]

    assert asyncio.run(run_plan_async(_plan(log), attempt)) == 3
    assert log == ["done", "done"]


def test_run_plan_closes_the_plan_on_an_escaping_error() -> None:
    log: list = []

    def interrupted(step: str) -> int:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_plan(_plan(log), interrupted)
    assert log == ["done"]  # the finally ran, the except Exception did not


def test_call_step_returns_value_or_exception() -> None:
    assert call_step((lambda a, b: a + b, (1, 2))) == 3
    failed = call_step((int, ("x",)))
    assert isinstance(failed, ValueError)

    async def add(a: int, b: int) -> int:
        return a + b

    async def fail() -> None:
        raise RuntimeError("no")

    assert asyncio.run(call_step_async((add, (1, 2)))) == 3
    assert isinstance(asyncio.run(call_step_async((fail, ()))), RuntimeError)


class _Dialect(LimitOffsetRendering):
    def get_parameter_placeholder(self, position: int = 0) -> str:
        return "?"


class _NoLimitDialect(_Dialect):
    OFFSET_ONLY_LIMIT = 99


def _clause(limit: Any = None, offset: Any = None) -> Any:
    return SimpleNamespace(limit=limit, offset=offset)


def test_limit_offset_values_and_expressions() -> None:
    d = _Dialect()
    assert d.format_limit_offset_clause(_clause(5, 10)) == ("LIMIT ? OFFSET ?", (5, 10))
    assert d.format_limit_offset_clause(_clause(offset=3)) == ("OFFSET ?", (3,))
    assert d.format_limit_offset_clause(_clause()) == ("", ())
    expr = SimpleNamespace(to_sql=lambda: ("(? + 1)", (4,)))
    assert d.format_limit_offset_clause(_clause(expr)) == ("LIMIT (? + 1)", (4,))


def test_offset_only_limit_for_servers_without_bare_offset() -> None:
    d = _NoLimitDialect()
    assert d.format_limit_offset_clause(_clause(offset=3)) == ("LIMIT ? OFFSET ?", (99, 3))
    assert d.format_limit_offset_clause(_clause(2)) == ("LIMIT ?", (2,))
