"""Re-typing the table references of a query's FROM source, for dialects that place a clause differently.

The core's ``TableExpression.to_sql`` appends ``temporal_options`` after the alias; a dialect whose
grammar wants its clause between the table and the alias (MariaDB's FOR SYSTEM_TIME, Oracle's AS OF)
renders those tables through its own ``TableExpression`` subclass. :func:`retype_tables` swaps the
class on copies, through joins and comma lists; the caller's expression is left untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from rhosocial.activerecord.backend.expression.core import TableExpression


def retype_tables(source: Any, cls: type[TableExpression], wanted: Callable[[TableExpression], bool]) -> Any:
    """``source`` with every table ``wanted`` selects rendered by ``cls`` (the same object when none is)."""
    if isinstance(source, list):
        items = [retype_tables(item, cls, wanted) for item in source]
        return items if any(a is not b for a, b in zip(items, source, strict=True)) else source
    if isinstance(source, TableExpression):
        if isinstance(source, cls) or not wanted(source):
            return source
        clone = copy.copy(source)
        clone.__class__ = cls
        return clone
    if hasattr(source, "left_table") and hasattr(source, "right_table"):
        left = retype_tables(source.left_table, cls, wanted)
        right = retype_tables(source.right_table, cls, wanted)
        if left is not source.left_table or right is not source.right_table:
            source = copy.copy(source)
            source.left_table, source.right_table = left, right
    return source


__all__ = ["retype_tables"]
