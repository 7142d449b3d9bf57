"""mysql-connector exceptions -> core exceptions, by errno (the table is toolkit data)."""

from __future__ import annotations

from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.toolkit.errors import ErrorTranslator, extract_mysql_connector
from rhosocial.activerecord.backend.toolkit.errors.tables import MYSQL_ERRORS

TRANSLATOR = ErrorTranslator(MYSQL_ERRORS, extract_mysql_connector, "MySQL errno")


def translate(error: BaseException, connecting: bool = False) -> DatabaseError:
    """The most specific core exception for ``error``, chained to it (``__cause__``)."""
    return TRANSLATOR.translate(error, connecting=connecting)


def is_driver_error(error: BaseException) -> bool:
    """True for exceptions raised by mysql-connector (they all carry ``errno``)."""
    if type(error).__module__.startswith("mysql.connector"):
        return True
    return hasattr(error, "errno") and hasattr(error, "sqlstate")


__all__ = ["TRANSLATOR", "is_driver_error", "translate"]
