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


def checked(pattern: re.Pattern[str], value: Any, what: str) -> str:
    """``value`` as text when ``pattern`` matches all of it (it goes into the SQL as written), else ValueError."""
    text = str(value)
    if not pattern.fullmatch(text):
        raise ValueError(f"PostgreSQL {what} {text!r} is not valid")
    return text


def storage_parameters(values: dict, literal: Callable[[Any], str]) -> str:
    """``WITH (name = value, ...)`` for indexes and materialized views; names checked, values as literals."""
    items = []
    for name, value in dict(values).items():
        if not _PARAMETER.fullmatch(str(name)):
            raise ValueError(f"PostgreSQL storage parameter name {name!r} is not valid")
        items.append(f"{name} = {literal(value)}")
    return f"WITH ({', '.join(items)})"


def unsupported(dialect: Any, feature: str, suggestion: Optional[str] = None) -> Exception:
    """The core's ``UnsupportedFeatureError`` for ``feature``, naming the server version it was asked on."""
    from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
    from rhosocial.activerecord.backend.toolkit.probe import format_version

    return UnsupportedFeatureError(
        "postgres", f"{feature} (PostgreSQL {format_version(dialect.server.version)})", suggestion
    )


# core formatter -> statement name, for expressions whose dialect_options PostgreSQL renders none of
NO_OPTIONS = {
    # format_query_statement checks its own: "distinct_on" (mixins/distinct_on.py)
    "format_join_expression": "JOIN",
    "format_insert_statement": "INSERT",
    "format_update_statement": "UPDATE",
    "format_delete_statement": "DELETE",
    "format_returning_clause": "RETURNING",
    "format_truncate_statement": "TRUNCATE",
    "format_drop_table_statement": "DROP TABLE",
    "format_drop_materialized_view_statement": "DROP MATERIALIZED VIEW",
    "format_refresh_materialized_view_statement": "REFRESH MATERIALIZED VIEW",
    "format_create_schema_statement": "CREATE SCHEMA",
    "format_drop_schema_statement": "DROP SCHEMA",
    "format_drop_sequence_statement": "DROP SEQUENCE",
    "format_drop_function_statement": "DROP FUNCTION",
    "format_drop_trigger_statement": "DROP TRIGGER",
}


def _refusing(method: Callable, statement: str) -> Callable:
    def formatter(self: Any, expr: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(expr, "dialect_options", None):  # the usual empty dict costs one attribute read
            check_options(statement, expr.dialect_options, ())
        return method(self, expr, *args, **kwargs)

    formatter.__name__ = method.__name__
    formatter.__doc__ = method.__doc__
    return formatter


def refuse_unknown_options(cls: Any) -> Any:
    """Class decorator: the core formatters in :data:`NO_OPTIONS` raise on any ``dialect_options`` key."""
    for name, statement in NO_OPTIONS.items():
        setattr(cls, name, _refusing(getattr(cls, name), statement))
    return cls
