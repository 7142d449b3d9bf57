"""Hierarchical queries (``START WITH ... CONNECT BY [NOCYCLE] ... PRIOR ...``) on the core's query.

Attached through the query's ``dialect_options``; everything else is the core's QueryExpression::

    from rhosocial.activerecord.backend.impl.oracle.hierarchical import ConnectBy, level, prior, path

    q = QueryExpression(d, select=[Column(d, "name"), level(d), path(d, Column(d, "name"), "/")],
                        from_="employees",
                        order_by=OrderByClause(d, [Column(d, "name")]),
                        dialect_options={"connect_by": ConnectBy(
                            condition=prior(d, Column(d, "id")) == Column(d, "manager_id"),
                            start_with=Column(d, "manager_id").is_null(),
                            nocycle=True, order_siblings=True)})

renders ``SELECT ... FROM "EMPLOYEES" START WITH "MANAGER_ID" IS NULL CONNECT BY NOCYCLE PRIOR "ID" =
"MANAGER_ID" ORDER SIBLINGS BY "NAME"`` (SQL Language Reference, Hierarchical Queries: the clause
follows WHERE and precedes GROUP BY).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Optional

from rhosocial.activerecord.backend.expression.core import TableExpression
from rhosocial.activerecord.backend.expression.operators import RawSQLExpression, RawSQLPredicate
from rhosocial.activerecord.backend.expression.query_parts import OrderByClause, WhereClause


@dataclass(frozen=True)
class ConnectBy:
    """``condition``: the CONNECT BY predicate (use :func:`prior`); ``start_with``: the roots."""

    condition: Any
    start_with: Optional[Any] = None
    nocycle: bool = False
    order_siblings: bool = False


def prior(dialect: Any, expr: Any) -> RawSQLExpression:
    """``PRIOR expr``: the value in the parent row."""
    sql, params = expr.to_sql()
    return RawSQLExpression(dialect, f"PRIOR {sql}", params)


def _named(dialect: Any, sql: str, params: tuple, alias: Optional[str]) -> RawSQLExpression:
    if alias:
        sql = f"{sql} AS {dialect.format_identifier(alias)}"
    return RawSQLExpression(dialect, sql, params)


def connect_by_root(dialect: Any, expr: Any, alias: Optional[str] = None) -> RawSQLExpression:
    """``CONNECT_BY_ROOT expr``: the value in the root row of the hierarchy."""
    sql, params = expr.to_sql()
    return _named(dialect, f"CONNECT_BY_ROOT {sql}", params, alias)


def level(dialect: Any, alias: Optional[str] = None) -> RawSQLExpression:
    """The ``LEVEL`` pseudocolumn (1 for a root)."""
    return _named(dialect, "LEVEL", (), alias)


def path(dialect: Any, expr: Any, separator: str, alias: Optional[str] = None) -> RawSQLExpression:
    """``SYS_CONNECT_BY_PATH(expr, 'sep')``: the separator is a literal (Oracle wants a constant)."""
    sql, params = expr.to_sql()
    literal = separator.replace("'", "''")
    return _named(dialect, f"SYS_CONNECT_BY_PATH({sql}, '{literal}')", params, alias)


class RenderedSource(TableExpression):
    """A FROM source rendered with an Oracle clause after it (CONNECT BY without WHERE, PIVOT, ...)."""

    def __init__(self, dialect: Any, sql: str, params: tuple) -> None:
        super().__init__(dialect, "rendered_source")
        self._rendered = (sql, params)

    def to_sql(self) -> tuple[str, tuple]:
        return self._rendered


class _SiblingsOrder(OrderByClause):
    """ORDER SIBLINGS BY: the same items, ordered within each parent."""

    def to_sql(self) -> tuple[str, tuple]:
        sql, params = super().to_sql()
        return sql.replace("ORDER BY", "ORDER SIBLINGS BY", 1), params


def attach(dialect: Any, expr: Any, spec: ConnectBy) -> Any:
    """A copy of ``expr`` whose WHERE (or FROM, without WHERE) carries the hierarchical clause."""
    params: list[Any] = []
    clause = []
    if spec.start_with is not None:
        sql, p = spec.start_with.to_sql()
        clause.append(f"START WITH {sql}")
        params.extend(p)
    sql, p = spec.condition.to_sql()
    clause.append(f"CONNECT BY {'NOCYCLE ' if spec.nocycle else ''}{sql}")
    params.extend(p)
    text = " ".join(clause)
    out = copy.copy(expr)
    out.dialect_options = {k: v for k, v in (expr.dialect_options or {}).items() if k != "connect_by"}
    if expr.where is not None:
        where_sql, where_params = expr.where.to_sql()
        condition = where_sql[len("WHERE ") :] if where_sql.startswith("WHERE ") else where_sql
        out.where = WhereClause(dialect, RawSQLPredicate(dialect, f"{condition} {text}", (*where_params, *params)))
    else:
        source = dialect.format_identifier(expr.from_) if isinstance(expr.from_, str) else None
        from_sql, from_params = (source, ()) if source else expr.from_.to_sql()
        out.from_ = RenderedSource(dialect, f"{from_sql} {text}", (*from_params, *params))
    if spec.order_siblings:
        if expr.order_by is None:
            raise ValueError("order_siblings needs an order_by on the query")
        siblings = copy.copy(expr.order_by)
        siblings.__class__ = _SiblingsOrder
        out.order_by = siblings
    return out
