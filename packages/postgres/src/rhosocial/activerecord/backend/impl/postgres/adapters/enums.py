"""A Python ``Enum`` field bound to a PostgreSQL ``ENUM`` type by member value or member name.

Without a declaration a member is stored by name (the core's convention, shared by every backend so a
model moves between them unchanged); a ``str``-mixin Enum is a string to psycopg and goes by value.
A field declares its binding with the core's ``UseAdapter``::

    status: Annotated[Status, enum_binding(Status, by="value")]   # 'open' for Status.OPEN = "open"
    status: Annotated[Status, enum_binding(Status, by="name")]    # 'OPEN'

The binding belongs to the Enum class: a member in a filter (``Model.c.status == Status.OPEN``) or in
any statement parameter carries no field, so it is bound as its class was declared. Two declarations
of one class that disagree are refused when the second model is defined.
"""

from __future__ import annotations

import threading
from enum import Enum
from typing import Any, Literal, Optional

from rhosocial.activerecord.backend.toolkit.adapters import EnumAdapter
from rhosocial.activerecord.base.fields import UseAdapter

Binding = Literal["value", "name"]
_BINDINGS = ("value", "name")


class EnumBindingAdapter(EnumAdapter):
    """One Enum class, bound by value or by name; reads accept the bound form (and the other, for rows
    written before a binding changed)."""

    def __init__(self, enum_class: type[Enum], by: Binding) -> None:
        super().__init__()
        self.enum_class = enum_class
        self.by = by

    def driver_value(self, member: Enum) -> Any:
        return member.value if self.by == "value" else member.name

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if not isinstance(value, self.enum_class):
            return super()._do_to_database(value, target_type, options)
        return self.driver_value(value)

    def _do_from_database(self, value: Any, target_type: Any, options: Optional[dict]) -> Any:
        if isinstance(value, self.enum_class):
            return value
        if self.by == "value":
            try:
                return self.enum_class(value)
            except ValueError:
                pass
        return super()._do_from_database(value, self.enum_class, options)


class _Declarations:
    """Enum class -> its binding adapter; ``generation`` changes whenever one is added, so a backend knows
    when to rebuild its parameter map."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._adapters: dict[type[Enum], EnumBindingAdapter] = {}
        self.generation = 0

    def declare(self, enum_class: type[Enum], by: str) -> EnumBindingAdapter:
        if not (isinstance(enum_class, type) and issubclass(enum_class, Enum)):
            raise TypeError(f"enum_binding() needs an Enum class, got {enum_class!r}")
        if by not in _BINDINGS:
            raise ValueError(f"enum_binding(by={by!r}): expected 'value' or 'name'")
        with self._lock:
            known = self._adapters.get(enum_class)
            if known is not None:
                if known.by != by:
                    raise ValueError(
                        f"{enum_class.__name__} is already bound by {known.by!r}; a member in a filter has no "
                        f"field, so one Enum class has one binding (declared here by {by!r})"
                    )
                return known
            adapter = EnumBindingAdapter(enum_class, by)  # type: ignore[arg-type]
            self._adapters[enum_class] = adapter
            self.generation += 1
            return adapter

    def parameter_map(self) -> dict[type, tuple[EnumBindingAdapter, type]]:
        with self._lock:
            return {cls: (adapter, str) for cls, adapter in self._adapters.items()}


DECLARED = _Declarations()


def enum_binding(enum_class: type[Enum], by: Binding = "value") -> UseAdapter:
    """The ``Annotated`` metadata binding a field of ``enum_class`` by member value or name."""
    return UseAdapter(DECLARED.declare(enum_class, by), str)
