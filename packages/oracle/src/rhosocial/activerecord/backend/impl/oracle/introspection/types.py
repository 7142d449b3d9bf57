"""A column's type as Oracle spells it in DDL, from ALL_TAB_COLS' parts."""

from __future__ import annotations

from typing import Any

_SIZED_CHAR = {"VARCHAR2", "NVARCHAR2", "CHAR", "NCHAR"}


def full_type(row: dict[str, Any]) -> str:
    """``NUMBER(10,2)``, ``VARCHAR2(50 CHAR)``, ``RAW(16)``, ``TIMESTAMP(6) WITH TIME ZONE`` ..."""
    name = str(row["data_type"])
    if name == "NUMBER":
        precision, scale = row.get("num_prec"), row.get("num_scale")
        if precision is None:
            return "NUMBER" if scale is None else f"NUMBER(*,{int(scale)})"
        return f"NUMBER({int(precision)},{int(scale)})" if scale else f"NUMBER({int(precision)})"
    if name == "FLOAT" and row.get("num_prec") is not None:
        return f"FLOAT({int(row['num_prec'])})"
    if name in _SIZED_CHAR:
        unit = " CHAR" if row.get("char_used") == "C" and name in ("VARCHAR2", "CHAR") else ""
        return f"{name}({int(row.get('char_length') or row.get('data_length') or 1)}{unit})"
    if name == "RAW":
        return f"RAW({int(row.get('data_length') or 1)})"
    return name  # DATE, CLOB, BLOB, JSON, BOOLEAN, BINARY_DOUBLE and TIMESTAMP(n) ... already spelled out
