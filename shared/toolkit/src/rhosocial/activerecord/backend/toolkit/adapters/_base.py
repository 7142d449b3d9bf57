"""Helpers every adapter module uses."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.type_adapter import BaseSQLTypeAdapter


def type_name(target: Any) -> str:
    return getattr(target, "__name__", repr(target))


def cannot(value: Any, target: Any) -> TypeError:
    """The one error every adapter raises for a pair it does not handle; names both sides."""
    return TypeError(f"Cannot convert {type(value).__name__} value {value!r:.60} to {type_name(target)}")


class Adapter(BaseSQLTypeAdapter):
    """Base that registers its (python type, driver type) pairs from a class attribute."""

    pairs: tuple[tuple[type, type], ...] = ()

    def __init__(self) -> None:
        super().__init__()
        for py_type, db_type in self.pairs:
            self._register_type(py_type, db_type)
