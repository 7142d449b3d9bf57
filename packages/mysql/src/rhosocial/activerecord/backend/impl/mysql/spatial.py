"""Geometry in and out as WKB or WKT, through the core's function expressions and model fields.

- :func:`geom_from_wkb` / :func:`geom_from_wkt` build ``ST_GeomFromWKB(CAST(? AS BINARY)[, srid])`` /
  ``ST_GeomFromText(?[, srid])`` for INSERT values and predicates. The CAST matters: the driver
  sends bytes as a character string, and MariaDB refuses a string argument to ST_GeomFromWKB
  ("Illegal parameter data type varchar").
- :func:`as_wkb` / :func:`as_wkt` are ``ST_AsWKB(g)`` / ``ST_AsText(g)`` for the select list.
- :class:`WKBAdapter`: a model field of WKB ``bytes`` on a geometry column. The server stores and
  returns geometry as a 4-byte little-endian SRID followed by the WKB, and accepts that form as a
  value; the adapter strips the prefix on read and writes it (with its ``srid``) on save. Declare the
  field ``Annotated[bytes, UseAdapter(WKBAdapter(), bytes)]`` on a model that also has
  :class:`~rhosocial.activerecord.backend.impl.mysql.fields.ConvertOnSave`.
"""

from __future__ import annotations

import struct
from typing import Any, Optional, Union

from rhosocial.activerecord.backend.expression.core import FunctionCall, Literal
from rhosocial.activerecord.backend.type_adapter import BaseSQLTypeAdapter

_SRID = struct.Struct("<I")


def _value(dialect: Any, value: Any) -> Any:
    return value if hasattr(value, "to_sql") else Literal(dialect, value)


def _with_srid(dialect: Any, name: str, geometry: Any, srid: Optional[int]) -> FunctionCall:
    args = [geometry] if srid is None else [geometry, Literal(dialect, int(srid))]
    return FunctionCall(dialect, name, *args)


def geom_from_wkb(dialect: Any, wkb: Union[bytes, Any], srid: Optional[int] = None) -> FunctionCall:
    """``ST_GeomFromWKB(CAST(wkb AS BINARY)[, srid])``: ``wkb`` is bytes or an expression."""
    return _with_srid(dialect, "ST_GeomFromWKB", _value(dialect, wkb).cast("BINARY"), srid)


def geom_from_wkt(dialect: Any, wkt: Union[str, Any], srid: Optional[int] = None) -> FunctionCall:
    return _with_srid(dialect, "ST_GeomFromText", _value(dialect, wkt), srid)


def as_wkb(dialect: Any, geometry: Any, alias: Optional[str] = None) -> FunctionCall:
    return FunctionCall(dialect, "ST_AsWKB", geometry, alias=alias)


def as_wkt(dialect: Any, geometry: Any, alias: Optional[str] = None) -> FunctionCall:
    return FunctionCall(dialect, "ST_AsText", geometry, alias=alias)


class WKBAdapter(BaseSQLTypeAdapter):
    """WKB ``bytes`` <-> the server's geometry value (SRID prefix + WKB)."""

    def __init__(self, srid: int = 0) -> None:
        super().__init__()
        self.srid = int(srid)
        self._register_type(bytes, bytes)

    def write_value(self, wkb: bytes) -> bytes:
        """What a model field's WKB is saved as (used by ``ConvertOnSave``)."""
        return _SRID.pack(self.srid) + bytes(wkb)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        return self.write_value(value)

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        stored = bytes(value)
        if len(stored) < 9:  # prefix + byte order + geometry type at least
            raise ValueError(f"not a geometry value ({len(stored)} bytes)")
        return stored[_SRID.size :]


__all__ = ["WKBAdapter", "as_wkb", "as_wkt", "geom_from_wkb", "geom_from_wkt"]
