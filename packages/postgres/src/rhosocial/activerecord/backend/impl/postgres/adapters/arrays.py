"""Where a Python list is a PostgreSQL array and where it stays JSON.

Per column, from the model field's declared type: ``list[int]``, ``list[str]``, ``list[UUID]`` (any
list of scalars psycopg adapts, nested lists of them included) is an array column; a bare ``list``,
``list[dict]``, ``list[Any]`` and ``dict`` stay JSON (the core's convention, portable across backends).
``UseAdapter(...)`` on a field still wins. A field typed with an ``Enum`` subclass gets the Enum adapter
(stored by name, as the core does, unless its class was declared by value: enums.py).

Per statement parameter: a plain list is JSON, except where the SQL can only mean an array: the
parameter of ``ANY(%s)`` / ``ALL(%s)``, or a parameter cast to an array type (``%s::int[]``).
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import re
import uuid
from decimal import Decimal
from enum import Enum
from typing import Any, get_args, get_origin

from .containers import PostgresArrayAdapter
from .enums import DECLARED as DECLARED_ENUMS

ARRAY_ELEMENTS = frozenset(
    {
        int,
        str,
        float,
        bool,
        bytes,
        Decimal,
        uuid.UUID,
        datetime.date,
        datetime.datetime,
        datetime.time,
        datetime.timedelta,
        ipaddress.IPv4Address,
        ipaddress.IPv6Address,
    }
)


def is_array_annotation(annotation: Any) -> bool:
    """``list[int]``, ``list[list[str]]``... -> True; ``list``, ``list[dict]``, ``dict`` -> False."""
    if get_origin(annotation) is not list:
        return False
    args = get_args(annotation)
    return len(args) == 1 and (args[0] in ARRAY_ELEMENTS or is_array_annotation(args[0]))


_NOTHING = object()  # remembered: the annotation has no suggestion


class AdapterSuggestions(dict):
    """The backend's python type -> (adapter, db type) map, answering array annotations too.

    The core looks a field's annotation up with ``.get()``; ``list[int]`` and friends are answered with
    the array adapter, so the field is sent and read as an array (see ``PostgresBackendCommon``).
    """

    def __init__(self, suggestions: dict, arrays: PostgresArrayAdapter) -> None:
        super().__init__(suggestions)
        self._arrays = arrays
        # annotation -> the array answer or _NOTHING; the core asks per field on every find/save
        self._derived: dict[Any, Any] = {}

    def get(self, key: Any, default: Any = None) -> Any:
        found = super().get(key)
        if found is not None:
            return found
        try:
            derived = self._derived.get(key)
        except TypeError:  # an unhashable annotation: answered every time
            derived = None
        if derived is not None:
            return default if derived is _NOTHING else derived
        try:
            if is_array_annotation(key):
                return self._remember(key, (self._arrays, list))
            if isinstance(key, type) and issubclass(key, Enum) and Enum in self:
                # not remembered: a field may declare a binding for its Enum class later
                declared = DECLARED_ENUMS.parameter_map().get(key)  # a binding declared on a field
                # else a model's own Enum class: stored by name, read back as a member
                return declared or super().get(Enum)
        except TypeError:  # an annotation typing cannot inspect
            return default
        self._remember(key, _NOTHING)
        return default

    def _remember(self, key: Any, answer: Any) -> Any:
        with contextlib.suppress(TypeError):
            self._derived[key] = answer
        return answer


# a positional placeholder, or %% (a literal percent sign, not a placeholder)
_PLACEHOLDER = re.compile(r"%%|%s")
_ARRAY_BEFORE = re.compile(r"\b(?:ANY|ALL)\s*\(\s*$", re.IGNORECASE)
_ARRAY_CAST_AFTER = re.compile(r"\s*\)?\s*::\s*[\w. ]+?(?:\(\d+(?:,\s*\d+)?\))?\s*\[\]")


def array_slots(sql: str) -> set[int]:
    """Indexes of the positional parameters the SQL uses as arrays (ANY/ALL operand, ``::type[]`` cast)."""
    slots: set[int] = set()
    index = 0
    for match in _PLACEHOLDER.finditer(sql):
        if match.group() == "%%":
            continue
        before = sql[max(0, match.start() - 16) : match.start()]
        if _ARRAY_BEFORE.search(before) or _ARRAY_CAST_AFTER.match(sql, match.end()):
            slots.add(index)
        index += 1
    return slots
