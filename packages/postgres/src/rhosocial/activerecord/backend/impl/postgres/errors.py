"""psycopg exceptions -> core exceptions, by SQLSTATE (exact, then class), through the toolkit translator."""

from __future__ import annotations

import re
from typing import Optional

from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.toolkit.errors import (
    ErrorTranslator,
    QueryCanceledError,
    StatementTimeoutError,
    extract_psycopg,
)
from rhosocial.activerecord.backend.toolkit.errors.tables.sqlstate import LIBPQ_CONNECT_MESSAGES, POSTGRES_ERRORS

TRANSLATOR = ErrorTranslator(POSTGRES_ERRORS, extract_psycopg, "SQLSTATE", LIBPQ_CONNECT_MESSAGES)

QUERY_CANCELED = "57014"

# Statements that change the session's statement_timeout (tracked so 57014 can be told apart without
# reading the server's localised message text).
_SET_TIMEOUT = re.compile(r"^\s*set\s+(?:session\s+|local\s+)?statement_timeout\s*(?:=|to)\s*'?(\w+)'?", re.I)


def timeout_from_set_statement(sql: str) -> Optional[bool]:
    """True/False when ``sql`` sets statement_timeout to a non-zero/zero value; None when it does not set it."""
    match = _SET_TIMEOUT.match(sql)
    if match is None:
        return None
    value = match.group(1).lower()
    return value not in ("0", "default")


def translate(
    error: BaseException,
    *,
    statement_timeout_active: bool = False,
    cancel_requested: bool = False,
    connecting: bool = False,
):
    """The core exception for ``error``; ``__cause__`` is the psycopg exception.

    SQLSTATE 57014 covers both a cancel request and statement_timeout. It becomes
    ``StatementTimeoutError`` when a statement timeout is in force on the session and this
    backend did not itself request a cancel; otherwise ``QueryCanceledError``.
    """
    translated: DatabaseError = TRANSLATOR.translate(error, connecting=connecting)
    if (
        getattr(translated, "sqlstate", None) == QUERY_CANCELED
        and isinstance(translated, QueryCanceledError)
        and statement_timeout_active
        and not cancel_requested
    ):
        refined = StatementTimeoutError(str(translated).replace("query canceled", "statement timeout", 1))
        for name in ("code", "sqlstate", "session_dead", "driver_error"):
            setattr(refined, name, getattr(translated, name))
        refined.__cause__ = error
        return refined
    return translated
