"""DECIMAL results of scale 0 come back as ``int``, as on PostgreSQL and Oracle.

MySQL and MariaDB type ``SUM()`` of an integer column (and ``SUM(DISTINCT)``, integer arithmetic on
DECIMAL(p,0)) as DECIMAL with scale 0; mysql-connector reads every DECIMAL as ``Decimal`` and keeps no
scale in ``cursor.description``. The text protocol writes every value of a column with the column's
scale, so the first non-NULL value of a DECIMAL column tells the column's scale: the decision is made
once per column, and a result without DECIMAL columns costs one look at the description.
Columns the caller gave an adapter for (a model field's declared type) are left to that adapter;
AVG() and DECIMAL(p,s>0) keep ``Decimal``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

# mysql-connector's FieldType.DECIMAL and FieldType.NEWDECIMAL
DECIMAL_TYPE_CODES = frozenset({0, 246})


def ints_for_scale_zero_decimals(
    description: Any, data: Optional[list], column_adapters: Optional[dict], column_mapping: Optional[dict]
) -> Optional[list]:
    """Turn the values of scale-0 DECIMAL columns into ``int`` in place; returns ``data``."""
    if not data or not description:
        return data
    adapted = column_adapters or {}
    mapping = column_mapping or {}
    for column in description:
        if column[1] not in DECIMAL_TYPE_CODES or column[0] in adapted:
            continue
        key = mapping.get(column[0], column[0])
        first = next((row[key] for row in data if row.get(key) is not None), None)
        if isinstance(first, Decimal) and first.as_tuple().exponent == 0:
            for row in data:
                value = row[key]
                if value is not None:
                    row[key] = int(value)
    return data
