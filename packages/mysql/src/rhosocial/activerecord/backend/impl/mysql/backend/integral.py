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


def decimal_columns(description: Any) -> tuple[int, ...]:
    """Positions of the DECIMAL columns of a result."""
    return tuple([i for i, column in enumerate(description) if column[1] in DECIMAL_TYPE_CODES])


def scale_zero_columns(rows: list, positions: tuple[int, ...]) -> list[int]:
    """Those of ``positions`` whose first non-NULL value in ``rows`` (driver tuples) has scale 0."""
    found = []
    for i in positions:
        for row in rows:
            first = row[i]
            if first is not None:
                # scale 0 <=> the text is digits only (``as_tuple().exponent`` says the same, 5x slower)
                if isinstance(first, Decimal) and str(first).lstrip("-").isdigit():
                    found.append(i)
                break
    return found


def ints_in(data: list[dict], keys: list) -> None:
    """Turn the values under ``keys`` into ``int`` in place (NULL stays None)."""
    for key in keys:
        for row in data:
            value = row[key]
            if value is not None:
                row[key] = int(value)


def ints_for_scale_zero_decimals(
    description: Any, data: Optional[list], column_adapters: Optional[dict], column_mapping: Optional[dict]
) -> Optional[list]:
    """Turn the values of scale-0 DECIMAL columns of ``data`` (dicts) into ``int`` in place; returns ``data``."""
    if not data or not description:
        return data
    adapted = column_adapters or {}
    mapping = column_mapping or {}
    names = [column[0] for column in description]
    keys = [mapping.get(name, name) for name in names]
    rows = [tuple(row[key] for key in keys) for row in data[:1]] + [tuple(row[key] for key in keys) for row in data[1:]]
    positions = tuple(i for i in decimal_columns(description) if names[i] not in adapted)
    ints_in(data, [keys[i] for i in scale_zero_columns(rows, positions)])
    return data
