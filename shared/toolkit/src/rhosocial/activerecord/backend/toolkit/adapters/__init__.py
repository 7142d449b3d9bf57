"""Type adapters shared by the backends, on the core's ``BaseSQLTypeAdapter``.

One module per type family. A backend registers the ones whose semantics it shares and
overrides the rest (see :func:`register_adapters`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rhosocial.activerecord.backend.type_adapter import SQLTypeAdapter

from .document import JSONAdapter
from .identity import UUIDAdapter
from .numeric import ExactDecimalAdapter
from .scalar import BooleanAdapter, BytesAdapter, EnumAdapter
from .temporal import AwareDateTimeAdapter, DateAdapter, IntervalAdapter, TimeAdapter


def portable_adapters() -> list[SQLTypeAdapter]:
    """Fresh instances of the adapters every backend registers as they are (its own ones come after)."""
    return [
        DateAdapter(),
        IntervalAdapter(),
        ExactDecimalAdapter(),
        UUIDAdapter(),
        JSONAdapter(),
        BooleanAdapter(),
        BytesAdapter(),
        EnumAdapter(),
    ]


def register_adapters(registry, adapters: Iterable[SQLTypeAdapter]) -> None:
    """Register every (python type, driver type) pair of ``adapters``, replacing the core's defaults."""
    for adapter in adapters:
        for py_type, db_types in adapter.supported_types.items():
            for db_type in db_types:
                registry.register(adapter, py_type, db_type, allow_override=True)


__all__ = [
    "AwareDateTimeAdapter",
    "BooleanAdapter",
    "BytesAdapter",
    "DateAdapter",
    "EnumAdapter",
    "ExactDecimalAdapter",
    "IntervalAdapter",
    "JSONAdapter",
    "TimeAdapter",
    "UUIDAdapter",
    "portable_adapters",
    "register_adapters",
]
