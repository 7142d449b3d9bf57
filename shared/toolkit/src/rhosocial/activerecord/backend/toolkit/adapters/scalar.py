"""Booleans, bytes and enums."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any, Optional

from ._base import Adapter, cannot

_TRUE_TEXT = frozenset({"1", "t", "true", "y", "yes", "on"})
_FALSE_TEXT = frozenset({"0", "f", "false", "n", "no", "off"})


class BooleanAdapter(Adapter):
    """bool <-> native boolean, 0/1 (MySQL TINYINT(1), Oracle NUMBER(1) before 23ai) or text."""

    pairs = ((bool, bool), (bool, int), (bool, str))

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if not isinstance(value, bool):
            raise cannot(value, target_type)
        if target_type is int:
            return int(value)
        if target_type is str:
            return "true" if value else "false"
        return value

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float, Decimal)):  # Decimal: NUMBER(1), DECIMAL(1) columns
            if value in (0, 1):
                return bool(value)
            raise ValueError(f"{value!r} is not a boolean (expected 0 or 1)")
        if isinstance(value, str):
            text = value.strip().lower()
            if text in _TRUE_TEXT:
                return True
            if text in _FALSE_TEXT:
                return False
            raise ValueError(f"{value!r} is not a boolean")
        raise cannot(value, target_type)


class BytesAdapter(Adapter):
    """bytes <-> BYTEA/BLOB/VARBINARY; memoryview, bytearray and LOB objects come back as bytes."""

    pairs = ((bytes, bytes),)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        raise cannot(value, target_type)

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if hasattr(value, "read"):
            value = value.read()
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        raise cannot(value, target_type)


class EnumAdapter(Adapter):
    """Enum <-> its name (text columns) or its value (integer columns), as the core's adapter does.

    Kept compatible with the core's choice so models move between backends unchanged;
    ``options={"by": "value"}`` stores a str-valued enum by value instead.
    """

    pairs = ((Enum, str), (Enum, int))

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if not isinstance(value, Enum):
            raise cannot(value, target_type)
        if target_type is int:
            return value.value
        if options and options.get("by") == "value":
            return value.value
        return value.name

    def _do_from_database(self, value: Any, target_type: Any, options: Optional[dict]) -> Any:
        if isinstance(value, target_type):
            return value
        try:
            if isinstance(value, str):
                if value in target_type.__members__:
                    return target_type[value]
                return target_type(value)
            return target_type(value)
        except (ValueError, KeyError) as e:
            raise ValueError(f"{value!r} is not a member of {target_type.__name__}") from e
