"""DDL rendered with its literals inline: PostgreSQL cannot bind parameters in utility statements
(``there is no parameter $1``), so CHECK, DEFAULT, generated expressions, partial-index predicates,
view queries and trigger conditions are written as quoted literals (toolkit ``inline_literals``).

The statement formatters (mixins ``ddl_table``, ``ddl_index``, ``ddl_view``, ``routines``) render
inside ``inline_ddl``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rhosocial.activerecord.backend.toolkit.inline_literals import placeholder, render_inline, render_literal


class PostgresDDLLiteralsMixin:
    def get_parameter_placeholder(self, position: int = 0) -> str:
        return placeholder("%s")

    def sql_literal(self, value: Any) -> str:
        """``value`` as a PostgreSQL literal; backslashes doubled only if the server still treats them as escapes."""
        settings = self.server.settings or {}  # type: ignore[attr-defined]
        return render_literal(value, backslash_escapes=settings.get("standard_conforming_strings") == "off")

    def inline_ddl(self, build: Callable[[], tuple[str, Sequence[Any]]]) -> tuple[str, tuple]:
        return render_inline(build, self.sql_literal)
