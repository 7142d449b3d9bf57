"""The sync and async backends; ``common.py`` holds what they share.

Each is imported on first use (PEP 562), so a sync-only process never loads the async one.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .async_ import AsyncPostgresBackend
    from .sync import PostgresBackend

_LAZY = {"PostgresBackend": ".sync", "AsyncPostgresBackend": ".async_"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = ["AsyncPostgresBackend", "PostgresBackend"]
