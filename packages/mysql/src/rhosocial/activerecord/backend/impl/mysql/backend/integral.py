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
    for column in description:
        if column[1] in DECIMAL_TYPE_CODES:
            _scale_zero_to_int(column[0], data, column_adapters or {}, column_mapping or {})
    return data


def _scale_zero_to_int(name: str, data: list, adapted: dict, mapping: dict) -> None:
    if name in adapted:
        return
    key = mapping.get(name, name)
    for row in data:
        first = row[key]
        if first is not None:
            break
    else:
        return
    if isinstance(first, Decimal) and first.as_tuple().exponent == 0:
        for row in data:
            value = row[key]
            if value is not None:
                row[key] = int(value)
