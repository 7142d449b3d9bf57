"""Short builders over the core's expression objects, so cases read as the statement they build.

Only thin wrappers: every statement is still the core's object rendered by the backend's dialect.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, Union

from rhosocial.activerecord.backend.expression import core, query_parts
from rhosocial.activerecord.backend.expression.statements import QueryExpression

from .context import Ctx


def col(ctx: Ctx, name: str, table: Optional[str] = None, alias: Optional[str] = None) -> core.Column:
    return core.Column(ctx.dialect, name, table=table, alias=alias)


def lit(ctx: Ctx, value: Any) -> core.Literal:
    return core.Literal(ctx.dialect, value)


def table(ctx: Ctx, name: str, alias: Optional[str] = None) -> core.TableExpression:
    return core.TableExpression(ctx.dialect, name, alias=alias)


def func(ctx: Ctx, name: str, *args: Any, alias: Optional[str] = None) -> core.FunctionCall:
    return core.FunctionCall(ctx.dialect, name, *args, alias=alias)


def order(ctx: Ctx, *items: Union[Any, tuple[Any, str]]) -> query_parts.OrderByClause:
    return query_parts.OrderByClause(ctx.dialect, list(items))


def select(
    ctx: Ctx,
    columns: Sequence[Any],
    from_: Any = None,
    *,
    where: Any = None,
    order_by: Optional[Sequence[Any]] = None,
    group_by: Optional[Sequence[Any]] = None,
    having: Any = None,
    limit: Optional[int] = None,
    offset: Optional[int] = None,
    for_update: Optional[query_parts.ForUpdateClause] = None,
    **kwargs: Any,
) -> QueryExpression:
    """A ``QueryExpression``; a string ``from_`` is a table name."""
    source = table(ctx, from_) if isinstance(from_, str) else from_
    return QueryExpression(
        ctx.dialect,
        select=list(columns),
        from_=source,
        where=where,
        group_by_having=query_parts.GroupByHavingClause(ctx.dialect, group_by=list(group_by), having=having)
        if group_by
        else None,
        order_by=order(ctx, *order_by) if order_by else None,
        limit_offset=query_parts.LimitOffsetClause(ctx.dialect, limit=limit, offset=offset)
        if limit is not None or offset is not None
        else None,
        for_update=for_update,
        **kwargs,
    )
