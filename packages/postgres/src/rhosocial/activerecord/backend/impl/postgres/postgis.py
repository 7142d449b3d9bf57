"""PostGIS from the query builder: geometry/geography values from WKT, WKB or GeoJSON and the ST_ functions
through the core's function API (``FunctionCall``). Index: the core's ``CreateIndexExpression(...,
index_type="gist")``.

    pt = postgis.from_wkt(d, "POINT(13.4 52.5)", srid=4326)
    near = postgis.st(d, "ST_DWithin", Column(d, "geom"), pt, Literal(d, 0.1))
    boxed = postgis.bbox_intersects(d, Column(d, "geom"), postgis.st(d, "ST_MakeEnvelope", 13, 52, 14, 53, 4326))
    QueryExpression(d, select=[postgis.st(d, "ST_AsGeoJSON", Column(d, "geom")).as_("json")], where=near, ...)

A value read back is PostGIS's hex WKB text (``geometry``'s output); select ``ST_AsText`` / ``ST_AsGeoJSON``
for text, or parse the WKB with a library such as shapely.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional

from rhosocial.activerecord.backend.expression import FunctionCall, Literal, RawSQLExpression
from rhosocial.activerecord.backend.expression.bases import BaseExpression
from rhosocial.activerecord.backend.expression.predicates import ComparisonPredicate

_FUNCTION = re.compile(r"^(ST|PostGIS)_[A-Za-z0-9_]+$")


def _value(dialect: Any, value: Any) -> BaseExpression:
    return value if isinstance(value, BaseExpression) else Literal(dialect, value)


def st(dialect: Any, name: str, *args: Any) -> FunctionCall:
    """``ST_name(args...)``: any PostGIS function (the name is checked to be one); Python values are parameters."""
    if not _FUNCTION.match(name):
        raise ValueError(f"{name!r} is not a PostGIS function name (ST_...)")
    return FunctionCall(dialect, name, *(_value(dialect, a) for a in args))


def _with_srid(dialect: Any, geometry: FunctionCall, srid: Optional[int], geography: bool) -> Any:
    expr: Any = geometry if srid is None else st(dialect, "ST_SetSRID", geometry, int(srid))
    if geography:
        sql, params = expr.to_sql()
        return RawSQLExpression(dialect, f"({sql})::geography", params)
    return expr


def from_wkt(dialect: Any, wkt: str, srid: Optional[int] = None, geography: bool = False) -> Any:
    return _with_srid(dialect, st(dialect, "ST_GeomFromText", wkt), srid, geography)


def from_wkb(dialect: Any, wkb: bytes, srid: Optional[int] = None, geography: bool = False) -> Any:
    return _with_srid(dialect, st(dialect, "ST_GeomFromWKB", bytes(wkb)), srid, geography)


def from_geojson(dialect: Any, geojson: Any, srid: Optional[int] = None, geography: bool = False) -> Any:
    text = geojson if isinstance(geojson, str) else json.dumps(geojson)
    return _with_srid(dialect, st(dialect, "ST_GeomFromGeoJSON", text), srid, geography)


def bbox_intersects(dialect: Any, left: Any, right: Any) -> ComparisonPredicate:
    """``left && right``: the bounding boxes intersect (the operator a GiST index answers directly)."""
    return ComparisonPredicate(dialect, "&&", _value(dialect, left), _value(dialect, right))
