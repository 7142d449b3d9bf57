"""Index hints (both flavours) and optimizer hints (MySQL 8.0+) as expressions.

``HintedTable`` is the core's ``TableExpression`` with USE / FORCE / IGNORE INDEX after it, so it goes
wherever a table does (FROM, joins)::

    HintedTable(d, "orders", alias="o", force=["ix_created"])   # `orders` AS `o` FORCE INDEX (`ix_created`)

``HintedQuery`` is the core's ``QueryExpression`` with ``/*+ ... */`` after SELECT. MariaDB reads that
as a plain comment and would drop the hints without a word, so it is refused there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.expression import TableExpression
from rhosocial.activerecord.backend.expression.statements import QueryExpression

_FOR = {None: "", "JOIN": " FOR JOIN", "ORDER BY": " FOR ORDER BY", "GROUP BY": " FOR GROUP BY"}


class HintedTable(TableExpression):
    def __init__(
        self,
        dialect: Any,
        name: str,
        schema_name: Optional[str] = None,
        alias: Optional[str] = None,
        *,
        use: Optional[Sequence[str]] = None,
        force: Optional[Sequence[str]] = None,
        ignore: Optional[Sequence[str]] = None,
        scope: Optional[str] = None,
    ) -> None:
        super().__init__(dialect, name, schema_name, alias)
        if scope not in _FOR:
            raise ValueError(f"scope must be None, 'JOIN', 'ORDER BY' or 'GROUP BY', got {scope!r}")
        self.hints = [("USE", list(use or [])), ("FORCE", list(force or [])), ("IGNORE", list(ignore or []))]
        self.scope = scope

    def to_sql(self) -> tuple[str, tuple]:
        sql, params = super().to_sql()
        return f"{sql}{self.dialect.format_index_hints(self.hints, self.scope)}", params


class HintedQuery(QueryExpression):
    def __init__(self, *args: Any, optimizer_hints: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optimizer_hints = list(optimizer_hints)

    def to_sql(self) -> tuple[str, tuple]:
        sql, params = super().to_sql()
        return self.dialect.with_optimizer_hints(sql, self.optimizer_hints), params


__all__ = ["HintedQuery", "HintedTable"]
