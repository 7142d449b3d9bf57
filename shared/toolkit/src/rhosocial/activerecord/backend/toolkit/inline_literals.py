"""Literal values written into DDL text instead of bound as parameters.

DDL (CHECK, DEFAULT, a partial index's WHERE, a view's query) cannot take bind parameters on the
servers we support: PostgreSQL answers ``there is no parameter $1``, Oracle and MySQL refuse or store
the placeholder. The core's expressions still render their values as placeholders, so a dialect renders
its DDL inside ``inlining()``: while active, ``placeholder(default)`` hands out a marker that cannot
occur in SQL text (it holds NUL characters), and ``substitute()`` replaces each marker, in order, by
the value written as a literal. Only values whose literal form is unambiguous are accepted; anything
else raises ``InlineLiteralError`` naming the type, never a guess.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

MARKER = "\x00rhosocial-literal\x00"

_active: ContextVar[bool] = ContextVar("rhosocial_inline_literals", default=False)


class InlineLiteralError(ValueError):
    """A value that cannot be written into DDL text as a literal."""


def placeholder(default: str) -> str:
    """The dialect's placeholder, or the inline marker while ``inlining()`` is active."""
    return MARKER if _active.get() else default


@contextmanager
def inlining() -> Iterator[None]:
    """Within this block, placeholders are markers to be replaced by ``substitute()``."""
    token = _active.set(True)
    try:
        yield
    finally:
        _active.reset(token)


def render_literal(
    value: Any,
    *,
    backslash_escapes: bool = False,
    booleans: tuple[str, str] | None = ("TRUE", "FALSE"),
) -> str:
    """``value`` as an SQL literal: strings quoted (quotes doubled), numbers as written, NULL.

    ``backslash_escapes``: the server treats ``\\`` in string literals as an escape (MySQL without
    NO_BACKSLASH_ESCAPES), so it is doubled too. ``booleans``: the words for True/False, or None when
    the server has no boolean literal (they are then refused). Negative numbers are parenthesised so
    that ``a - -1`` can never become the comment ``a--1``.
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        if booleans is None:
            raise InlineLiteralError("this server has no boolean literal to write a bool into DDL")
        return booleans[0] if value else booleans[1]
    if isinstance(value, str):
        if "\x00" in value:
            raise InlineLiteralError("a string with a NUL character cannot be written into DDL")
        text = value.replace("'", "''")
        if backslash_escapes:
            text = text.replace("\\", "\\\\")
        return f"'{text}'"
    if isinstance(value, int):
        number = str(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise InlineLiteralError(f"the float {value!r} has no SQL literal")
        number = repr(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise InlineLiteralError(f"the Decimal {value!r} has no SQL literal")
        number = str(value)
    else:
        raise InlineLiteralError(
            f"a {type(value).__name__} value cannot be written into DDL as a literal "
            "(supported: str, int, float, Decimal, bool, None); use an expression instead"
        )
    return f"({number})" if number.startswith("-") else number


def substitute(sql: str, params: Sequence[Any], render: Callable[[Any], str] = render_literal) -> str:
    """Replace each marker in ``sql`` by the next value of ``params`` written by ``render``."""
    pieces = sql.split(MARKER)
    if len(pieces) - 1 != len(params):
        raise InlineLiteralError(
            f"{len(pieces) - 1} inline literal markers but {len(params)} values: "
            "a placeholder was rendered outside the dialect's placeholder hook"
        )
    out = [pieces[0]]
    for value, piece in zip(params, pieces[1:], strict=True):
        out.append(render(value))
        out.append(piece)
    return "".join(out)


def render_inline(
    build: Callable[[], tuple[str, Sequence[Any]]], render: Callable[[Any], str] = render_literal
) -> tuple[str, tuple]:
    """Run ``build`` (a dialect's normal formatter) with markers on; returns the SQL with no parameters."""
    with inlining():
        sql, params = build()
    return substitute(sql, tuple(params), render), ()
