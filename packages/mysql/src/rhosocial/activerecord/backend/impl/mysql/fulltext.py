"""MATCH ... AGAINST as a predicate of the core's query builder (both flavours; needs a FULLTEXT index).

    QueryExpression(d, [Column(d, "id")], from_=..., where=MatchAgainst(d, ["body"], "+quick -fox", "BOOLEAN"))

``mode`` is None (natural language), ``"BOOLEAN"`` or ``"QUERY EXPANSION"``; anything else raises.
As a select item it is the relevance score.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.expression.bases import SQLPredicate


class MatchAgainst(SQLPredicate):
    def __init__(self, dialect: Any, columns: Sequence[str], term: str, mode: Optional[str] = None) -> None:
        super().__init__(dialect)
        self.columns = list(columns)
        self.term = term
        self.mode = mode

    def to_sql(self) -> tuple[str, tuple]:
        return self.dialect.format_fulltext_match(self.columns, self.term, self.mode)


__all__ = ["MatchAgainst"]
