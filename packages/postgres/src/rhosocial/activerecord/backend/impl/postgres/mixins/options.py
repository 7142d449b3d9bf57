"""``dialect_options`` checking: a key this dialect does not render is an error, never silently ignored."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Optional

_PARAMETER = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def check_options(statement: str, options: Optional[dict[str, Any]], known: Iterable[str]) -> dict[str, Any]:
    """``options`` (or ``{}``) after checking every key is one of ``known``; the error names the key."""
    options = options or {}
    allowed = set(known)
    unknown = sorted(k for k in options if k not in allowed)
    if unknown:
        accepted = ", ".join(sorted(allowed)) or "none"
        raise ValueError(
            f"PostgreSQL {statement}: dialect_options key(s) {', '.join(map(repr, unknown))} not supported "
            f"(accepted: {accepted})"
        )
    return options


def storage_parameters(values: dict, literal: Callable[[Any], str]) -> str:
    """``WITH (name = value, ...)`` for indexes and materialized views; names checked, values as literals."""
    items = []
    for name, value in dict(values).items():
        if not _PARAMETER.fullmatch(str(name)):
            raise ValueError(f"PostgreSQL storage parameter name {name!r} is not valid")
        items.append(f"{name} = {literal(value)}")
    return f"WITH ({', '.join(items)})"
