"""mysql-connector exceptions -> core exceptions, by errno (the table is toolkit data)."""

from __future__ import annotations

from rhosocial.activerecord.backend.errors import ConnectionError, DatabaseError
from rhosocial.activerecord.backend.toolkit.errors import ConnectFailedError, ErrorTranslator, extract_mysql_connector
from rhosocial.activerecord.backend.toolkit.errors.tables import (
    MYSQL_CONNECT_ERRORS,
    MYSQL_CONNECT_MESSAGES,
    MYSQL_ERRORS,
)

TRANSLATOR = ErrorTranslator(MYSQL_ERRORS, extract_mysql_connector, "MySQL errno", messages=MYSQL_CONNECT_MESSAGES)
# What a failed connect means when the code's usual class is not a connection error (1044).
CONNECT_TRANSLATOR = ErrorTranslator(MYSQL_CONNECT_ERRORS, extract_mysql_connector, "MySQL errno")


def translate(error: BaseException, connecting: bool = False) -> DatabaseError:
    """The most specific core exception for ``error``, chained to it (``__cause__``).

    ``connecting``: every failure to open a session is a ConnectionError subclass.
    """
    translated = TRANSLATOR.translate(error, connecting=connecting)
    if connecting and not isinstance(translated, ConnectionError):
        if MYSQL_CONNECT_ERRORS.lookup(getattr(translated, "code", None)) is not None:
            return CONNECT_TRANSLATOR.translate(error, connecting=True)
        failure = ConnectFailedError(f"cannot connect: {translated}")
        failure.__dict__.update(translated.__dict__)
        failure.__cause__ = error
        return failure
    return translated


def is_driver_error(error: BaseException) -> bool:
    """True for exceptions raised by mysql-connector (they all carry ``errno``)."""
    if type(error).__module__.startswith("mysql.connector"):
        return True
    return hasattr(error, "errno") and hasattr(error, "sqlstate")


__all__ = ["CONNECT_TRANSLATOR", "TRANSLATOR", "is_driver_error", "translate"]
