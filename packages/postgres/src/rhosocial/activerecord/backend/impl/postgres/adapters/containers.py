"""PostgreSQL arrays and ranges.

Lists default to JSON (the core's convention, so models move between backends unchanged); a
column that really is ``integer[]``/``text[]`` opts in with ``UseAdapter(PostgresArrayAdapter(), list)``.
Ranges use psycopg's ``Range`` objects; a ``(lower, upper)`` tuple is accepted as ``[lower, upper)``
(a tuple parameter of any other length is passed to psycopg unchanged).

The core applies a field's ``UseAdapter`` only to values it reads. ``driver_value()`` is what the
backend applies to values it writes (insert/update) for fields declared with these adapters, so an
array field is sent as an array, not as the JSON text a plain list becomes.
"""

from __future__ import annotations

from typing import Any, Optional

from psycopg.types.range import Range

from rhosocial.activerecord.backend.type_adapter import BaseSQLTypeAdapter


class PgArray(list):
    """A list meant as a PostgreSQL array.

    Plain lists are JSON by default (see the package docstring); this subclass is passed to psycopg
    untouched, which sends any list as an array.
    """


class PostgresArrayAdapter(BaseSQLTypeAdapter):
    """list/tuple <-> a native PostgreSQL array (psycopg adapts Python lists to arrays)."""

    def __init__(self) -> None:
        super().__init__()
        self._register_type(list, list)
        self._register_type(tuple, list)

    def driver_value(self, value: Any) -> Any:
        return PgArray(value) if isinstance(value, (list, tuple)) else value

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, (list, tuple)):
            return PgArray(value)
        raise TypeError(f"Cannot convert {type(value).__name__} to a PostgreSQL array")

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
            # pgvector's vector/halfvec text form, read into the list[float] field declared over it
            value = [float(v) for v in value[1:-1].split(",")] if len(value) > 2 else []
        if isinstance(value, list):
            return tuple(value) if target_type is tuple else value
        raise TypeError(f"Cannot convert {type(value).__name__} to {getattr(target_type, '__name__', target_type)}")


class PostgresRangeAdapter(BaseSQLTypeAdapter):
    """psycopg ``Range`` <-> range columns (int4range, numrange, tstzrange, daterange...)."""

    def __init__(self) -> None:
        super().__init__()
        self._register_type(Range, Range)
        self._register_type(tuple, Range)

    def driver_value(self, value: Any) -> Any:
        if isinstance(value, (tuple, list)) and len(value) == 2:
            return Range(value[0], value[1], "[)")
        return value

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, Range):
            return value
        if isinstance(value, tuple):
            # psycopg would send a tuple as a record, which a range column reads as "(lower,upper)",
            # i.e. with an exclusive lower bound; a 2-tuple is meant as [lower, upper).
            return self.driver_value(value)
        raise TypeError(f"Cannot convert {type(value).__name__} to a PostgreSQL range")

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, Range):
            return (value.lower, value.upper) if target_type is tuple else value
        if target_type is tuple:
            return value  # a tuple field over a column that is not a range: psycopg's value as it is
        raise TypeError(f"Cannot convert {type(value).__name__} to a range")
