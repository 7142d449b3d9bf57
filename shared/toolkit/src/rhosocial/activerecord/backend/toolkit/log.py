"""Quiet by default: what the backends log, and the one switch for statement logging.

A library must not decide what an application sees. The backends' loggers
(``rhosocial.activerecord.backend.<class name>``, e.g. ``...backend.postgres``) start at WARNING,
so with ``logging.basicConfig()`` an application sees a warning or worse only. An exception the
caller receives is not logged at all: the caller decides.

Statements go to one dedicated logger, ``rhosocial.activerecord.backend.sql``, off by default::

    from rhosocial.activerecord.backend.toolkit.log import log_statements
    log_statements()                    # every statement at DEBUG, parameters masked
    log_statements(parameters=True)     # ... with the parameter values (never in production)
    log_statements(False)               # off again

The message is formatted only when a handler takes it (lazily), and parameters show as ``?``
unless asked for. ``logging.getLogger("rhosocial.activerecord.backend.sql").setLevel(logging.DEBUG)``
works too (parameters stay masked).
"""

from __future__ import annotations

import logging
from typing import Any

from rhosocial.activerecord.logging import LoggingConfig

SQL_LOGGER = "rhosocial.activerecord.backend.sql"

statements = logging.getLogger(SQL_LOGGER)
if statements.level == logging.NOTSET:  # an application that set a level before importing us keeps it
    statements.setLevel(logging.WARNING)

# The core's per-backend logging configuration, at WARNING: its loggers have their own handler
# (the core's formatter) and do not propagate, so anything below WARNING would bypass the
# application's root level.
BACKEND_LOGGING = LoggingConfig(default_level=logging.WARNING)

_show_parameters = False


def log_statements(enabled: bool = True, *, parameters: bool = False, level: int = logging.DEBUG) -> None:
    """Turn statement logging on (at ``level``) or off; ``parameters=True`` shows bound values."""
    global _show_parameters
    _show_parameters = parameters
    statements.setLevel(level if enabled else logging.WARNING)


class _Statement:
    """Formats on demand: nothing is built when no handler takes the record."""

    __slots__ = ("params", "sql")

    def __init__(self, sql: str, params: Any) -> None:
        self.sql = sql
        self.params = params

    def __str__(self) -> str:
        if not self.params:
            return self.sql
        if _show_parameters:
            return f"{self.sql} -- parameters: {self.params!r}"
        count = len(self.params) if hasattr(self.params, "__len__") else "?"
        return f"{self.sql} -- {count} parameter(s), masked"


def log_statement(sql: str, params: Any = None) -> None:
    """One statement about to run, on the statement logger (a no-op unless switched on)."""
    if statements.isEnabledFor(logging.DEBUG):
        statements.debug("%s", _Statement(sql, params))


class QuietLogging:
    """Mixed into every backend before the core's storage backend: its logger starts at WARNING."""

    def _get_logging_config(self) -> LoggingConfig:
        return getattr(self, "_logging_config", None) or BACKEND_LOGGING
