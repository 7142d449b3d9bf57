"""psycopg row factories that build the dicts the core needs while psycopg loads each row.

No second pass over the rows: column names (mapped to field names) and column adapters are resolved
once per result, when psycopg calls the factory, and each row becomes its dict straight away.
``dict_rows`` is the common case (no mapping, no adapters); ``result_rows()`` builds one for a call
that has them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Optional

from psycopg import pq

_TUPLES_OK = pq.ExecStatus.TUPLES_OK


def _names(cursor: Any) -> Optional[list[str]]:
    """Column names of the current result (None for a statement without rows); no Column objects."""
    result = cursor.pgresult
    if result is None or result.status != _TUPLES_OK:
        return None
    encoding = cursor._encoding  # psycopg's own row factories read it the same way
    return [result.fname(i).decode(encoding) for i in range(result.nfields)]


def _no_rows(values: Sequence[Any]) -> dict[str, Any]:  # never called: fetch refuses first
    raise TypeError("the statement returned no rows")


def dict_rows(cursor: Any) -> Callable[[Sequence[Any]], dict[str, Any]]:
    """Each row as ``{column: value}``."""
    names = _names(cursor)
    if names is None:
        return _no_rows

    def make(values: Sequence[Any]) -> dict[str, Any]:
        return dict(zip(names, values))  # noqa: B905 (strict= costs a keyword call per row)

    return make


def result_rows(adapters: Optional[dict], mapping: Optional[dict]):
    """A row factory applying ``column_adapters`` ({column: (adapter, type)}) and ``column_mapping``."""
    if not adapters and not mapping:
        return dict_rows

    def factory(cursor: Any) -> Callable[[Sequence[Any]], dict[str, Any]]:
        names = _names(cursor)
        if names is None:
            return _no_rows
        keys = [mapping.get(n, n) for n in names] if mapping else names
        converters = []
        for index, name in enumerate(names):
            found = adapters.get(name) if adapters else None
            if found is not None:
                converters.append((index, found[0].from_database, found[1]))
        if not converters:

            def make(values: Sequence[Any]) -> dict[str, Any]:
                return dict(zip(keys, values))  # noqa: B905 (strict= costs a keyword call per row)

            return make

        def make_converted(values: Sequence[Any]) -> dict[str, Any]:
            values = list(values)
            for index, convert, target in converters:
                values[index] = convert(values[index], target)
            return dict(zip(keys, values))  # noqa: B905 (strict= costs a keyword call per row)

        return make_converted

    return factory


def has_rows(cursor: Any) -> bool:
    """Whether the last statement produced a result set (cheaper than ``cursor.description``)."""
    result = cursor.pgresult
    return result is not None and result.status == _TUPLES_OK
