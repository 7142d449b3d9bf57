"""A statement sequence written once as a generator, driven by a tiny sync or async loop.

The plan yields a step (what to send to the server), receives its outcome (a value, or the exception it
raised, thrown back in) and returns the result; only the driver differs between sync and async.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from typing import Any


def advance(plan: Generator[Any, Any, Any], outcome: Any) -> tuple[bool, Any]:
    """Feed a step's outcome (value or exception) to ``plan``: (finished, next step or result)."""
    try:
        return False, plan.throw(outcome) if isinstance(outcome, Exception) else plan.send(outcome)
    except StopIteration as done:
        return True, done.value


def run_plan(plan: Generator[Any, Any, Any], attempt: Callable[[Any], Any]) -> Any:
    """Do what ``plan`` yields, one step at a time (``attempt`` is the I/O, returning value or exception)."""
    try:
        finished, step = advance(plan, None)
        while not finished:
            finished, step = advance(plan, attempt(step))
        return step
    finally:
        plan.close()  # on KeyboardInterrupt or a cancelled await, the plan's finally blocks still run


async def run_plan_async(plan: Generator[Any, Any, Any], attempt: Callable[[Any], Awaitable[Any]]) -> Any:
    """``run_plan`` with an awaited ``attempt``."""
    try:
        finished, step = advance(plan, None)
        while not finished:
            finished, step = advance(plan, await attempt(step))
        return step
    finally:
        plan.close()  # on KeyboardInterrupt or a cancelled await, the plan's finally blocks still run


def call_step(step: tuple[Callable[..., Any], tuple]) -> Any:
    """Attempt a ``(callable, args)`` step: its return value, or the exception it raised."""
    call, args = step
    try:
        return call(*args)
    except Exception as error:
        return error


async def call_step_async(step: tuple[Callable[..., Awaitable[Any]], tuple]) -> Any:
    """``call_step`` with an awaited callable."""
    call, args = step
    try:
        return await call(*args)
    except Exception as error:
        return error
