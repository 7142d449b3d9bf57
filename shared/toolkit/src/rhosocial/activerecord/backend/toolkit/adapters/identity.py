"""UUIDs as the server's native type, as text (CHAR(36)/VARCHAR2) or as 16 raw bytes (BINARY(16)/RAW(16))."""

from __future__ import annotations

from typing import Any, Optional
from uuid import UUID

from ._base import Adapter, cannot


class UUIDAdapter(Adapter):
    pairs = ((UUID, UUID), (UUID, str), (UUID, bytes))

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, str):
            try:
                value = UUID(value)
            except ValueError as e:  # the uuid module's message does not quote the text
                raise ValueError(f"{value!r} is not a UUID: {e}") from e
        if not isinstance(value, UUID):
            raise cannot(value, target_type)
        if target_type is str:
            return str(value)
        if target_type is bytes:
            return value.bytes
        return value

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, UUID):
            return value
        try:
            if isinstance(value, (bytes, bytearray, memoryview)):
                raw = bytes(value)
                # 16 bytes is RAW(16)/BINARY(16); anything else is UUID text stored as bytes.
                return UUID(bytes=raw) if len(raw) == 16 else UUID(raw.decode("ascii"))
            if isinstance(value, str):
                return UUID(value)
        except ValueError as e:
            raise TypeError(f"Cannot convert {value!r} to UUID: {e}") from e
        raise cannot(value, target_type)
