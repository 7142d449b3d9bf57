"""``Ctx``: what a case gets. Setup helpers, rendering through our dialect, live execution, effect checks."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator, Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.schema import StatementType

from ...probe import ServerInfo
from ..servers import ServerTarget
from .binding import Binding

_serial = itertools.count(1)


def unique_name(hint: str) -> str:
    """A lower-case identifier no concurrent run uses (pid + counter), at most 30 characters (Oracle)."""
    return f"cf_{hint[:12]}_{os.getpid() % 100000}_{next(_serial)}".lower()


class OfflineError(RuntimeError):
    """A server-free case asked for something that needs the server."""


class Ctx:
    """One case's view of the backend.

    ``backend`` is None for server-free cases; ``dialect`` is then a dialect built for ``server``.
    Everything created through :meth:`table` / :meth:`name` + :meth:`cleanup` is dropped afterwards.
    """

    def __init__(
        self,
        binding: Binding,
        backend: Any,
        dialect: Any,
        server: ServerInfo,
        target: Optional[ServerTarget] = None,
    ) -> None:
        self.binding = binding
        self.backend = backend
        self.dialect = dialect
        self.server = server
        self.target = target
        self._cleanups: list[str] = []
        self._others: list[Any] = []

    # -- names and cleanup ------------------------------------------------------------------
    @property
    def backend_name(self) -> str:
        return self.binding.backend

    @property
    def flavour(self) -> str:
        return self.server.flavour

    def name(self, hint: str = "obj") -> str:
        return unique_name(hint)

    def quote(self, name: str) -> str:
        return self.dialect.format_identifier(name)

    def cleanup(self, kind: str, name: str) -> None:
        """Drop ``kind`` (``TABLE``, ``VIEW``, ``INDEX``, ...) ``name`` after the case (newest first)."""
        self._cleanups.append(self.binding.cleanup_sql(kind, name))

    def cleanup_sql(self, sql: str) -> None:
        """A hand-written cleanup statement (errors ignored)."""
        self._cleanups.append(sql)

    def table(self, columns_sql: str, name_hint: str = "t", *, rows: Sequence[Sequence[Any]] = ()) -> str:
        """Creates a table from hand-written column SQL (setup, not proof); returns its unquoted name.

        ``rows`` are inserted with bound parameters, in column order.
        """
        name = self.name(name_hint)
        self.cleanup("TABLE", name)
        self.execute(f"CREATE TABLE {self.quote(name)} ({columns_sql})")
        if rows:
            marks = ", ".join(self.placeholders(len(rows[0])))
            for row in rows:
                self.execute(f"INSERT INTO {self.quote(name)} VALUES ({marks})", tuple(row))
        return name

    def placeholders(self, count: int) -> list[str]:
        return [self.dialect.get_parameter_placeholder(i + 1) for i in range(count)]

    # -- rendering and execution --------------------------------------------------------
    def sql_of(self, expr: Any) -> str:
        """The SQL text our dialect renders for ``expr`` (parameters not inlined)."""
        sql, _ = expr.to_sql()
        return sql

    def render(self, expr: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = expr.to_sql()
        return sql, tuple(params or ())

    def _live(self) -> Any:
        if self.backend is None:
            raise OfflineError("this case is server-free: it has no backend to run statements on")
        return self.backend

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Runs one statement (hand-written or rendered); returns its rows (empty without a result set)."""
        result = self._live().execute(
            sql, tuple(params) or None, options=ExecutionOptions(stmt_type=StatementType.DQL, process_result_set=True)
        )
        return list(result.data or []) if result is not None else []

    def run(self, expr: Any) -> list[dict[str, Any]]:
        """Renders ``expr`` with our dialect (``expr.to_sql()``) and executes it; returns rows."""
        sql, params = self.render(expr)
        return self.execute(sql, params)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a hand-written effect check, as tuples in column order."""
        return [tuple(row.values()) for row in self.execute(sql, params)]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.rows(sql, params)
        return found[0][0] if found else None

    # -- more sessions --------------------------------------------------------------------
    def second(self) -> Any:
        """Another connected sync backend on the same server (lock checks); closed after the case."""
        if self.target is None:
            raise OfflineError("a second session needs a server")
        other = self.binding.connect(self.target)
        self._others.append(other)
        return other

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self._live().transaction():
            yield

    # -- teardown -------------------------------------------------------------------------
    def close(self) -> None:
        for other in reversed(self._others):
            with contextlib.suppress(Exception):
                other.disconnect()
        if self.backend is None:
            return
        for _ in range(8):  # a case may leave nested transactions open
            try:
                if not self.backend.in_transaction:
                    break
                self.backend.rollback_transaction()
            except Exception:
                break
        for sql in reversed(self._cleanups):
            with contextlib.suppress(Exception):
                self.backend.execute(sql)
        self._cleanups.clear()
