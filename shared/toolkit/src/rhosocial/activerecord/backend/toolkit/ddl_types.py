"""Column types spelled from a table: one mechanism, a table per backend.

The core's ``DDLTypeMixin`` dispatches ``format_data_type`` to methods tagged with ``@handles``.
Most of a backend's spellings are data (``IntType`` is ``INT`` here, ``NUMBER(10)`` there), so a
backend declares ``TYPE_SPELLINGS``: data type class -> fixed text, or a function
``(dialect, data_type) -> text`` for spellings that depend on the value or the server. When the
class is defined, each entry becomes a tagged method, so the core's dispatch, ``supports_data_types``
and any further ``@handles`` methods (in the same or another mixin) work unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Union

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.dialect.mixins.ddl_type import DDLTypeMixin

Spelling = Union[str, Callable[[Any, Any], str]]


def sized(base: str, attribute: str, default: int | None = None, suffix: str = "") -> Callable[[Any, Any], str]:
    """``BASE(n)suffix`` with n the data type's ``attribute`` (or ``default``); bare ``BASE`` when neither."""

    def spell(dialect: Any, data_type: Any) -> str:
        value = getattr(data_type, attribute, None)
        if value is None:
            value = default
        return (base if value is None else f"{base}({int(value)})") + suffix

    return spell


def raw(dialect: Any, data_type: Any) -> str:
    """A ``CustomType``'s text as the user wrote it."""
    return str(data_type.raw)


def _formatter(spelling: Spelling, data_types: tuple[type, ...]) -> Callable[[Any, Any], tuple[str, tuple]]:
    def format_data_type_entry(self: Any, data_type: Any) -> tuple[str, tuple]:
        return (spelling if isinstance(spelling, str) else spelling(self, data_type)), ()

    return DDLTypeMixin.handles(*data_types)(format_data_type_entry)


class SpelledTypesMixin(DDLTypeMixin):
    """``format_data_type`` from the class's ``TYPE_SPELLINGS`` table."""

    TYPE_SPELLINGS: ClassVar[Mapping[type, Spelling]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Only a class that declares its own table gets methods; subclasses inherit them.
        for data_type, spelling in cls.__dict__.get("TYPE_SPELLINGS", {}).items():
            setattr(cls, f"format_data_type_{data_type.__name__.lower()}", _formatter(spelling, (data_type,)))
        super().__init_subclass__(**kwargs)

    def supports_data_types(self) -> list[tuple[type, str]]:
        """The core's registry listing, without the types this server refuses (they raise)."""
        listed = []
        seen: set = set()
        for klass in type(self).__mro__:
            for data_type, method_name in getattr(klass, "_type_formatters", {}).items():
                if data_type in seen:
                    continue
                seen.add(data_type)
                try:
                    sql_name, _ = getattr(self, method_name)(data_type())
                except TypeError:
                    sql_name = data_type.__name__
                except UnsupportedFeatureError:
                    continue
                listed.append((data_type, sql_name))
        return listed
