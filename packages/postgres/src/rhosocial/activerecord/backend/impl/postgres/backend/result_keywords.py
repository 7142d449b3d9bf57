"""``execute(sql, column_mapping=..., column_adapters=...)``: the result keywords users of the earlier
backend pass directly, folded into the core's ``ExecutionOptions``."""

from __future__ import annotations

import dataclasses
from typing import Optional

from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.schema import StatementType


def with_result_keywords(
    options: Optional[ExecutionOptions], column_mapping: Optional[dict], column_adapters: Optional[dict]
) -> ExecutionOptions:
    """``options`` with the keywords applied; without options the result set, if any, is read."""
    base = options or ExecutionOptions(stmt_type=StatementType.DQL)
    changes = {}
    if column_mapping is not None:
        changes["column_mapping"] = column_mapping
    if column_adapters is not None:
        changes["column_adapters"] = column_adapters
    return dataclasses.replace(base, **changes)
