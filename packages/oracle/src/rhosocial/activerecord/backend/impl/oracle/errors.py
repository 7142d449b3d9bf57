"""Oracle errors: codes come from the driver's error object (``full_code``), never message text."""

from __future__ import annotations

from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.toolkit.errors import ErrorTranslator, extract_oracledb
from rhosocial.activerecord.backend.toolkit.errors.tables.oracle import ORACLE_ERRORS

TRANSLATOR = ErrorTranslator(ORACLE_ERRORS, extract_oracledb, "Oracle")


def translate(error: BaseException) -> DatabaseError:
    """The most specific core exception for ``error``, with the driver exception as ``__cause__``."""
    return TRANSLATOR.translate(error)


def is_session_dead(error: BaseException) -> bool:
    """True when the session behind ``error`` cannot be used again (the backend then drops it)."""
    return bool(getattr(translate(error), "session_dead", False))
