"""``executescript()`` and the one-statement rule of ``execute()``, for every backend, sync and async.

A backend mixes one of these in and answers :meth:`ScriptMixin._script_syntax` with its lexical rules;
the two differ only in awaiting ``execute()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .statements import (
    ScriptSyntax,
    Statement,
    refuse_client_commands,
    refuse_multiple_statements,
    script_error,
    split_statements,
)


class ScriptMixin:
    """Statement splitting and the one-statement check.

    The host backend provides ``execute`` and ``_script_syntax()`` (its :class:`ScriptSyntax`,
    which may depend on session settings such as MySQL's sql_mode).
    """

    _script_syntax: Callable[[], ScriptSyntax]

    def _refuse_multiple_statements(self, sql: str) -> None:
        """Raise MultipleStatementsError when ``sql`` holds more than one statement."""
        if ";" in sql:  # the common case costs one substring search
            refuse_multiple_statements(sql, self._script_syntax())

    def script_statements(self, script: str) -> list[Statement]:
        """The statements ``executescript(script)`` would run, in order (client commands refused)."""
        syntax = self._script_syntax()
        statements = split_statements(script, syntax).statements
        refuse_client_commands(statements, syntax)
        return statements

    def executescript(self, script: str) -> None:
        """Run a migration-style script (DDL and DML, no DELIMITER lines), one statement at a time.

        No implicit transaction: each statement runs as ``execute()`` would run it. On the first
        failure the error (same class as ``execute()`` raises) names the statement's position and
        first line; the statements before it have run.
        """
        statements = self.script_statements(script)
        for statement in statements:
            try:
                self.execute(statement.text)  # type: ignore[attr-defined]
            except Exception as e:
                _reraise(e, statement, len(statements))


class AsyncScriptMixin(ScriptMixin):
    async def executescript(self, script: str) -> None:  # type: ignore[override]
        """See :meth:`ScriptMixin.executescript`."""
        statements = self.script_statements(script)
        for statement in statements:
            try:
                await self.execute(statement.text)  # type: ignore[attr-defined]
            except Exception as e:
                _reraise(e, statement, len(statements))


def _reraise(error: Exception, statement: Statement, total: int) -> Any:
    restated = script_error(error, statement, total)
    if restated is error:
        raise error
    raise restated from error


__all__ = ["AsyncScriptMixin", "ScriptMixin"]
