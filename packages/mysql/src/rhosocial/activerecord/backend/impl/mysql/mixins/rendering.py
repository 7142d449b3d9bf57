"""Rendering a list of items into SQL fragments and their parameters, in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def render_each(items: Iterable[Any], render: Callable[[Any], tuple[str, Any]]) -> tuple[list[str], list[Any]]:
    """``render`` applied to each item: the fragments, and every fragment's parameters in one list."""
    parts: list[str] = []
    params: list[Any] = []
    for item in items:
        sql, p = render(item)
        parts.append(sql)
        params.extend(p)
    return parts, params


__all__ = ["render_each"]
