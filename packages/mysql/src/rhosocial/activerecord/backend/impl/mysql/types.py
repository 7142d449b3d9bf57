"""MySQL/MariaDB column types the core has no class for, as the core's ``DataType`` subclasses.

Use them in ``ColumnDefinition`` like the core's types::

    ColumnDefinition("status", EnumType(Status))          # ENUM('new','done') from a Python Enum
    ColumnDefinition("tags", SetType(["a", "b"]))          # SET('a','b'); values come back as a set
    ColumnDefinition("hits", UnsignedType(BigIntType()))  # BIGINT UNSIGNED
    ColumnDefinition("flags", BitType(8)), ColumnDefinition("y", YearType())
    ColumnDefinition("body", SizedTextType("medium")), ColumnDefinition("raw", SizedBlobType("long"))
    ColumnDefinition("at", SpatialType("POINT"))           # with a SPATIAL index: NOT NULL
    ColumnDefinition("emb", VectorType(3))                 # VECTOR(3): MySQL 9.0+, MariaDB 11.7+
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, Union

from rhosocial.activerecord.backend.expression.types import DataType

_SIZES = ("tiny", "medium", "long")
_SPATIAL = ("GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
            "GEOMETRYCOLLECTION")  # fmt: skip


def _labels(values: Union[type[Enum], Iterable[Any]]) -> tuple[str, ...]:
    if isinstance(values, type) and issubclass(values, Enum):
        values = [member.value for member in values]
    labels = tuple(str(v) for v in values)
    if not labels:
        raise ValueError("ENUM / SET need at least one value")
    return labels


class _ValueType(DataType):
    def __init__(self, dialect: Any = None) -> None:
        super().__init__(dialect)

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self._type_params() == other._type_params()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self._type_params()))


class EnumType(_ValueType):
    def __init__(self, values: Union[type[Enum], Iterable[Any]], dialect: Any = None) -> None:
        super().__init__(dialect)
        self.values = _labels(values)

    def _type_params(self) -> tuple:
        return self.values


class SetType(_ValueType):
    def __init__(self, values: Union[type[Enum], Iterable[Any]], dialect: Any = None) -> None:
        super().__init__(dialect)
        self.values = _labels(values)
        if any("," in v for v in self.values):
            raise ValueError("SET values cannot contain a comma (MySQL stores the set as 'a,b')")

    def _type_params(self) -> tuple:
        return self.values


class UnsignedType(_ValueType):
    def __init__(self, base: DataType, dialect: Any = None) -> None:
        super().__init__(dialect)
        self.base = base

    def _type_params(self) -> tuple:
        return (type(self.base), self.base._type_params())


class BitType(_ValueType):
    def __init__(self, length: int = 1, dialect: Any = None) -> None:
        super().__init__(dialect)
        if not 1 <= int(length) <= 64:
            raise ValueError("BIT length is 1 to 64")
        self.length = int(length)

    def _type_params(self) -> tuple:
        return (self.length,)


class YearType(_ValueType):
    def _type_params(self) -> tuple:
        return ()


class SizedTextType(_ValueType):
    def __init__(self, size: str, dialect: Any = None) -> None:
        super().__init__(dialect)
        if size not in _SIZES:
            raise ValueError(f"size is one of {_SIZES}")
        self.size = size

    def _type_params(self) -> tuple:
        return (self.size,)


class SizedBlobType(SizedTextType):
    pass


class SpatialType(_ValueType):
    def __init__(self, kind: str = "GEOMETRY", dialect: Any = None) -> None:
        super().__init__(dialect)
        kind = kind.upper()
        if kind not in _SPATIAL:
            raise ValueError(f"kind is one of {_SPATIAL}")
        self.kind = kind

    def _type_params(self) -> tuple:
        return (self.kind,)


class VectorType(_ValueType):
    """``VECTOR(n)``: n single-precision floats (MySQL 9.0+, MariaDB 11.7+; refused below)."""

    def __init__(self, dimensions: int, dialect: Any = None) -> None:
        super().__init__(dialect)
        if int(dimensions) < 1:
            raise ValueError("a VECTOR needs at least one dimension")
        self.dimensions = int(dimensions)

    def _type_params(self) -> tuple:
        return (self.dimensions,)


__all__ = [
    "BitType",
    "EnumType",
    "SetType",
    "SizedBlobType",
    "SizedTextType",
    "SpatialType",
    "UnsignedType",
    "VectorType",
    "YearType",
]
