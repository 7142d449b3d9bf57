"""VECTOR columns (MySQL 9.0+, MariaDB 11.7+): type, conversions, distance, index, model fields.

- Column type: ``types.VectorType(n)`` renders ``VECTOR(n)``.
- :func:`to_vector` / :func:`vector_text`: MariaDB ``VEC_FromText(?)`` / ``VEC_ToText(v)``, MySQL
  ``STRING_TO_VECTOR(?)`` / ``VECTOR_TO_STRING(v)``; the text is a JSON array of numbers.
- :func:`vector_distance`: MariaDB ``VEC_DISTANCE_EUCLIDEAN`` / ``VEC_DISTANCE_COSINE``. MySQL
  Community has no distance function (``DISTANCE()`` is HeatWave's): refused.
- A vector index (MariaDB only): ``CreateIndexExpression(..., index_type="VECTOR",
  dialect_options={"m": 8, "distance": "cosine"})`` renders ``CREATE VECTOR INDEX ... M=8 DISTANCE=cosine``.
- :class:`VectorAdapter`: a ``list[float]`` model field on a VECTOR column; both servers store the
  value as little-endian 4-byte floats and take that binary form as a value. Declare the field
  ``Annotated[list[float], UseAdapter(VectorAdapter(), list)]`` on a model with ``ConvertOnSave``.

Below those versions every builder raises ``UnsupportedCapabilityError`` naming ``vector_type``
(or ``vector_index``) and the server's version.
"""

from __future__ import annotations

import array
import json
import struct
from collections.abc import Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression.core import FunctionCall, Literal
from rhosocial.activerecord.backend.type_adapter import BaseSQLTypeAdapter

from .capabilities import MARIADB, MYSQL

METRICS = ("euclidean", "cosine")
# flavour -> (from text, to text)
_TEXT_FUNCTIONS = {MARIADB: ("VEC_FromText", "VEC_ToText"), MYSQL: ("STRING_TO_VECTOR", "VECTOR_TO_STRING")}


def _functions(dialect: Any) -> tuple[str, str]:
    dialect.require("vector_type")
    return _TEXT_FUNCTIONS[dialect.flavour]


def vector_literal(values: Sequence[float]) -> str:
    """The text form both servers read: a JSON array of numbers."""
    return json.dumps([float(v) for v in values])


def to_vector(dialect: Any, values: Sequence[float]) -> FunctionCall:
    return FunctionCall(dialect, _functions(dialect)[0], Literal(dialect, vector_literal(values)))


def vector_text(dialect: Any, vector: Any, alias: Optional[str] = None) -> FunctionCall:
    return FunctionCall(dialect, _functions(dialect)[1], vector, alias=alias)


def vector_distance(dialect: Any, left: Any, right: Any, metric: str = "euclidean", alias: Optional[str] = None) -> Any:
    _functions(dialect)
    metric = metric.lower()
    if metric not in METRICS:
        raise ValueError(f"vector metric {metric!r}: one of {', '.join(METRICS)}")
    if dialect.flavour != MARIADB:
        raise UnsupportedFeatureError(
            dialect.server_label, "vector distance", "MySQL Community has no distance function (HeatWave's DISTANCE)."
        )
    return FunctionCall(dialect, f"VEC_DISTANCE_{metric.upper()}", left, right, alias=alias)


def vector_index_options(dialect: Any, options: Optional[dict[str, Any]]) -> str:
    """``M=n DISTANCE=metric`` of a MariaDB vector index (the keys ``m`` and ``distance``, both optional)."""
    dialect.require("vector_index")
    options = dict(options or {})
    unknown = sorted(set(options) - {"m", "distance"})
    if unknown:
        raise UnsupportedFeatureError(dialect.server_label, f"VECTOR INDEX options {unknown}", "known: m, distance")
    parts = []
    if "m" in options:
        m = int(options["m"])
        if not 3 <= m <= 200:
            raise ValueError(f"VECTOR INDEX M={m}: between 3 and 200")
        parts.append(f"M={m}")
    if "distance" in options:
        metric = str(options["distance"]).lower()
        if metric not in METRICS:
            raise ValueError(f"VECTOR INDEX DISTANCE={metric}: one of {', '.join(METRICS)}")
        parts.append(f"DISTANCE={metric}")
    return " ".join(parts)


class VectorAdapter(BaseSQLTypeAdapter):
    """``list[float]`` <-> a VECTOR value (little-endian 4-byte floats)."""

    def __init__(self) -> None:
        super().__init__()
        self._register_type(list, bytes)

    def write_value(self, values: Sequence[float]) -> bytes:
        return struct.pack(f"<{len(values)}f", *values)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        return self.write_value(value)

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, array.array):  # mysql-connector 9 decodes VECTOR itself
            return [float(v) for v in value]
        if isinstance(value, str):  # VEC_ToText / VECTOR_TO_STRING
            return [float(v) for v in json.loads(value)]
        raw = bytes(value)
        if len(raw) % 4:
            raise ValueError(f"a VECTOR value has 4 bytes per dimension, got {len(raw)}")
        return list(struct.unpack(f"<{len(raw) // 4}f", raw))


__all__ = [
    "METRICS",
    "VectorAdapter",
    "to_vector",
    "vector_distance",
    "vector_index_options",
    "vector_literal",
    "vector_text",
]
