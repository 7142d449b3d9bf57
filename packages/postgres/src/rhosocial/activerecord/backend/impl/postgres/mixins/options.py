"""``dialect_options`` checking: a key this dialect does not render is an error, never silently ignored."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional


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
