"""hstore <-> ``dict[str, str | None]``, in hstore's text form (no type lookup on the connection).

A dict is JSON by default (the core's convention); a field over an ``hstore`` column opts in with
``UseAdapter(HstoreAdapter(), dict)``. The backend applies ``driver_value`` when saving (see
``PostgresBackendCommon._with_driver_values``); reading parses the text psycopg returns.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from rhosocial.activerecord.backend.type_adapter import BaseSQLTypeAdapter

# "key"=>"value" or "key"=>NULL, with backslash escapes inside the quotes
_PAIR = re.compile(r'\s*"((?:[^"\\]|\\.)*)"\s*=>\s*(?:"((?:[^"\\]|\\.)*)"|(NULL))\s*(?:,|$)')
_UNESCAPE = re.compile(r"\\(.)")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_hstore(value: dict) -> str:
    pairs = []
    for key, item in value.items():
        if not isinstance(key, str) or not (item is None or isinstance(item, str)):
            raise TypeError(f"hstore holds str keys and str or None values, not {key!r}: {item!r}")
        pairs.append(f"{_quote(key)}=>{'NULL' if item is None else _quote(item)}")
    return ", ".join(pairs)


def from_hstore(text: str) -> dict[str, Optional[str]]:
    found: dict[str, Optional[str]] = {}
    position = 0
    while position < len(text):
        match = _PAIR.match(text, position)
        if match is None:
            raise ValueError(f"not hstore text at {position}: {text[position : position + 30]!r}")
        key = _UNESCAPE.sub(r"\1", match.group(1))
        found[key] = None if match.group(3) else _UNESCAPE.sub(r"\1", match.group(2))
        position = match.end()
    return found


class HstoreAdapter(BaseSQLTypeAdapter):
    def __init__(self) -> None:
        super().__init__()
        self._register_type(dict, str)

    def driver_value(self, value: Any) -> Any:
        return to_hstore(value) if isinstance(value, dict) else value

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        return to_hstore(value)

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        return from_hstore(value) if isinstance(value, str) else value
