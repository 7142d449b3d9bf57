"""JSON documents: dict and list to JSON text, and back from text, bytes or already-parsed values."""

from __future__ import annotations

import json
from typing import Any, Optional

from ._base import Adapter, cannot


class JSONAdapter(Adapter):
    """dict/list <-> JSON.

    ``to_database`` gives compact JSON text (UTF-8 kept as is, so 4-byte characters survive
    servers that store JSON as utf8mb4 text). Drivers that parse JSON themselves (psycopg
    jsonb, oracledb native JSON) hand back dict/list, which pass through unchanged.
    """

    pairs = ((dict, str), (list, str))

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if not isinstance(value, (dict, list)):
            raise cannot(value, target_type)
        try:
            # allow_nan=False: NaN/Infinity are not JSON and every server rejects them.
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError) as e:
            raise TypeError(f"value is not JSON serialisable: {e}") from e

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, (dict, list)):
            return value
        if hasattr(value, "read"):  # a LOB from oracledb
            value = value.read()
        if isinstance(value, (bytes, bytearray, memoryview)):
            value = bytes(value).decode("utf-8")
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError as e:
                raise TypeError(f"column does not hold valid JSON: {e}") from e
        raise cannot(value, target_type)
