"""The element list of ``CREATE TABLE (...)``, collected the same way by every dialect.

Each dialect renders a column definition and a table constraint its own way; what is shared is the
order and the bookkeeping: column definitions first, then any constraint a column adds at table
level (MySQL's inline REFERENCES, which the server would ignore on the column), then the table
constraints. A constraint the dialect renders as empty text (nothing to say on that server) is left
out rather than leaving an empty element behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Optional

Fragment = tuple[str, Any]


def render_each(items: Iterable[Any], render: Callable[[Any], Fragment]) -> tuple[list[str], list[Any]]:
    """``render`` applied to each item: the fragments, and every fragment's parameters in one list."""
    parts: list[str] = []
    params: list[Any] = []
    for item in items:
        sql, p = render(item)
        parts.append(sql)
        params.extend(p)
    return parts, params


def table_elements(
    dialect: Any, expr: Any, column_constraints: Optional[Callable[[Any], Iterable[Fragment]]] = None
) -> tuple[list[str], list[Any]]:
    """The elements of a CreateTableExpression's column list and their parameters, in order."""
    parts, params = render_each(expr.columns, dialect.format_column_definition)
    if column_constraints is not None:
        for column in expr.columns:
            for sql, p in column_constraints(column):
                parts.append(sql)
                params.extend(p)
    for constraint in expr.table_constraints:
        sql, p = dialect.format_table_constraint_sql(constraint)
        if sql:
            parts.append(sql)
            params.extend(p)
    return parts, params


__all__ = ["render_each", "table_elements"]
