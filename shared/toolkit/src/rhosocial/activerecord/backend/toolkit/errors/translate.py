"""Turning a driver exception into the most specific core exception.

Three layers, most specific wins:
  3. the driver's own attributes give a code and "is the session dead" (``info.py``);
  2. the database's code table maps the code to an exception (``table.py``, ``tables/``);
  1. otherwise the PEP 249 class of the driver exception decides (by class name, so no driver import).
The driver exception is always kept as ``__cause__`` and the message names the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from rhosocial.activerecord.backend.errors import (
    ConnectionError,
    DatabaseError,
    IntegrityError,
    OperationalError,
    QueryError,
)

from .exceptions import ConnectFailedError, DataError
from .info import DriverErrorInfo, ErrorExtractor
from .table import ErrorRule, ErrorTable, MessageRule

# PEP 249 exception class names to core exceptions (layer 1). Looked up along the MRO,
# so a driver subclass such as psycopg.errors.UniqueViolation falls back to IntegrityError.
PEP249_CLASSES: dict[str, type[DatabaseError]] = {
    "IntegrityError": IntegrityError,
    "DataError": DataError,
    "ProgrammingError": QueryError,
    "NotSupportedError": QueryError,
    "OperationalError": OperationalError,
    "InterfaceError": ConnectionError,
    "InternalError": DatabaseError,
    "DatabaseError": DatabaseError,
}


def _by_class(error: BaseException) -> type[DatabaseError]:
    for klass in type(error).__mro__:
        mapped = PEP249_CLASSES.get(klass.__name__)
        if mapped is not None:
            return mapped
    return DatabaseError


@dataclass(frozen=True)
class ErrorTranslator:
    """Binds one database's code table to one driver's extractor.

    ``label`` prefixes the code in messages (``SQLSTATE``, ``MySQL errno``, ``Oracle``).
    ``messages`` classify connect failures that carry no code at all (``translate(..., connecting=True)``).
    """

    table: ErrorTable
    extract: ErrorExtractor
    label: str
    messages: tuple[MessageRule, ...] = ()

    def translate(self, error: BaseException, connecting: bool = False) -> DatabaseError:
        """Return (not raise) the core exception for ``error``, with ``__cause__`` set.

        Callers ``raise translator.translate(e) from e``; setting ``__cause__`` here as well
        keeps the chain when the result is stored and raised later.
        """
        if isinstance(error, DatabaseError):
            return error
        info = self.extract(error)
        rule = self.table.lookup(info.code)
        if rule is None and info.sqlstate and info.sqlstate != info.code:
            rule = self.table.lookup(info.sqlstate)
        if rule is None and connecting and not info.code and not info.sqlstate:
            rule = self._by_message(info.message)
        exc_type = rule.exception if rule is not None else _by_class(error)
        if info.session_dead and not issubclass(exc_type, ConnectionError):
            exc_type = ConnectionError
        if connecting and exc_type in (ConnectionError, OperationalError, DatabaseError):
            exc_type = ConnectFailedError  # no session was made: nothing of any unit of work ran
        translated = exc_type(self.format_message(info, rule.meaning if rule else None, exc_type))
        _annotate(translated, info, error)
        translated.__cause__ = error
        return translated

    def _by_message(self, message: str) -> Optional[ErrorRule]:
        for candidate in self.messages:
            if candidate.matches(message):
                return candidate.rule
        return None

    def format_message(self, info: DriverErrorInfo, meaning: Optional[str], exc_type: type = DatabaseError) -> str:
        text = self._format(info, meaning)
        if issubclass(exc_type, ConnectFailedError) and exc_type.field:
            # connect failures name the configuration field to look at
            text += f" (check {exc_type.field})"
        return text

    def _format(self, info: DriverErrorInfo, meaning: Optional[str]) -> str:
        parts = []
        if info.code:
            parts.append(f"{self.label} {info.code}")
        if meaning:
            parts.append(meaning)
        head = ", ".join(parts)
        return f"[{head}] {info.message}" if head else info.message


def _annotate(translated: DatabaseError, info: DriverErrorInfo, error: BaseException) -> None:
    # Plain attributes so callers can branch on codes without parsing messages.
    translated.code = info.code  # type: ignore[attr-defined]
    translated.sqlstate = info.sqlstate  # type: ignore[attr-defined]
    translated.session_dead = info.session_dead  # type: ignore[attr-defined]
    translated.driver_error = error  # type: ignore[attr-defined]
