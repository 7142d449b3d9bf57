"""AI Vector Search (23ai): VECTOR columns, VECTOR_DISTANCE, vector indexes.

- :class:`VectorType` is a column type for the core's DDL: ``VECTOR(dimensions, format)``.
- :func:`to_vector` turns a ``list[float]`` into the ``array.array`` python-oracledb binds as a
  VECTOR (a plain list would be bound as JSON text); VECTOR values are read back as lists.
- :func:`vector_distance` is ``VECTOR_DISTANCE(column, :n, METRIC)`` for the select list or ORDER BY.
- Vector indexes: ``CreateIndexExpression(..., dialect_options={"vector": VectorIndex(...)})``.

All of it needs Oracle 23ai (release and compatible level); below, each raises naming the version.
"""

from __future__ import annotations

import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression.operators import RawSQLExpression
from rhosocial.activerecord.backend.expression.types import CustomType

# Element formats and the array.array typecode python-oracledb binds for each.
FORMATS = {"FLOAT32": "f", "FLOAT64": "d", "INT8": "b", "BINARY": "B"}
METRICS = ("COSINE", "DOT", "EUCLIDEAN", "EUCLIDEAN_SQUARED", "HAMMING", "MANHATTAN", "JACCARD")
ORGANIZATIONS = ("NEIGHBOR PARTITIONS", "INMEMORY NEIGHBOR GRAPH")


def require_23ai(dialect: Any, what: str) -> None:
    if not dialect.has_capability("vector"):
        raise UnsupportedFeatureError(
            dialect.name, what, f"needs Oracle 23ai; the server is {dialect.server.describe()}"
        )


def _format(fmt: Optional[str]) -> Optional[str]:
    if fmt is None:
        return None
    upper = fmt.upper()
    if upper not in FORMATS:
        raise ValueError(f"vector format {fmt!r}: one of {', '.join(FORMATS)}")
    return upper


class VectorType(CustomType):
    """``VECTOR(dimensions, format)``; either may be None (``*``: any)."""

    def __init__(self, dimensions: Optional[int] = None, fmt: Optional[str] = None) -> None:
        self.dimensions = dimensions
        self.fmt = _format(fmt)
        dims = str(int(dimensions)) if dimensions is not None else "*"
        super().__init__(f"VECTOR({dims}, {self.fmt or '*'})")


def to_vector(values: Sequence[float], fmt: str = "FLOAT64") -> array.array:
    """The bind value for a VECTOR: ``array.array`` of the format's typecode."""
    return array.array(FORMATS[_format(fmt) or "FLOAT64"], values)


def vector_distance(
    dialect: Any, column: Any, values: Sequence[float], metric: str = "COSINE", fmt: str = "FLOAT64"
) -> RawSQLExpression:
    """``VECTOR_DISTANCE(column, :n, METRIC)``; order by it ascending for the nearest rows."""
    require_23ai(dialect, "VECTOR_DISTANCE")
    metric = metric.upper()
    if metric not in METRICS:
        raise ValueError(f"distance metric {metric!r}: one of {', '.join(METRICS)}")
    sql, params = column.to_sql()
    vector = values if isinstance(values, array.array) else to_vector(values, fmt)
    placeholder = dialect.get_parameter_placeholder()
    return RawSQLExpression(dialect, f"VECTOR_DISTANCE({sql}, {placeholder}, {metric})", (*params, vector))


@dataclass(frozen=True)
class VectorIndex:
    """``CREATE VECTOR INDEX ... ORGANIZATION ... DISTANCE ... WITH TARGET ACCURACY n``."""

    organization: str = "NEIGHBOR PARTITIONS"
    distance: str = "COSINE"
    accuracy: Optional[int] = None

    def clause(self) -> str:
        organization, distance = self.organization.upper(), self.distance.upper()
        if organization not in ORGANIZATIONS:
            raise ValueError(f"vector index organization {self.organization!r}: one of {', '.join(ORGANIZATIONS)}")
        if distance not in METRICS:
            raise ValueError(f"distance metric {self.distance!r}: one of {', '.join(METRICS)}")
        accuracy = f" WITH TARGET ACCURACY {int(self.accuracy)}" if self.accuracy is not None else ""
        return f"ORGANIZATION {organization} DISTANCE {distance}{accuracy}"


def vector_values(value: Any) -> Any:
    """Read side: python-oracledb returns ``array.array`` for VECTOR; the backend gives lists."""
    return list(value) if isinstance(value, array.array) else value


__all__ = ["VectorIndex", "VectorType", "require_23ai", "to_vector", "vector_distance", "vector_values"]
