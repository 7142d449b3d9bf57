"""psycopg row factories that build the dicts the core needs while psycopg loads each row.

No second pass over the rows: column names (mapped to field names) and column adapters are resolved
once per result, when psycopg calls the factory, and each row becomes its dict straight away.

The statement cursor keeps one :class:`RowShaper` for its life and is told each statement's column
adapters and mapping (``use``) instead of being given a new factory: psycopg calls a factory the moment
it is assigned to a cursor that holds a result, which would resolve the previous result's columns for
nothing. The shaper also keeps the plan of its last result and reuses it while the columns, adapters
and mapping stay the same (a model's find_one in a loop resolves its columns once).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Optional

import psycopg
from psycopg import pq

from rhosocial.activerecord.backend.toolkit.adapters.numeric import ExactDecimalAdapter

_TUPLES_OK = pq.ExecStatus.TUPLES_OK
_NUMERIC_OID = 1700
# the loaders psycopg installs for numeric (C or Python, per implementation): they load a Decimal
_DECIMAL_LOADERS = frozenset(psycopg.adapters.get_loader(_NUMERIC_OID, f) for f in (pq.Format.TEXT, pq.Format.BINARY))

MakeRow = Callable[[Sequence[Any]], dict[str, Any]]


def _names(cursor: Any) -> Optional[list[str]]:
    """Column names of the current result (None for a statement without rows); no Column objects."""
    result = cursor.pgresult
    if result is None or result.status != _TUPLES_OK:
        return None
    encoding = cursor._encoding  # psycopg's own row factories read it the same way
    return [result.fname(i).decode(encoding) for i in range(result.nfields)]


def _no_rows(values: Sequence[Any]) -> dict[str, Any]:  # never called: fetch refuses first
    raise TypeError("the statement returned no rows")


def dict_rows(cursor: Any) -> MakeRow:
    """Each row as ``{column: value}``."""
    names = _names(cursor)
    if names is None:
        return _no_rows

    def make(values: Sequence[Any]) -> dict[str, Any]:
        return dict(zip(names, values))  # noqa: B905 (strict= costs a keyword call per row)

    return make


def passes_through(adapter: Any, target: Any, oid: int, loader: Any) -> bool:
    """True when ``adapter.from_database(value, target)`` would return every value of the column unchanged:
    an exact ``ExactDecimalAdapter`` to Decimal over a numeric column psycopg's own loader reads
    (it loads a Decimal, NaN and infinities included; NULL stays None either way)."""
    return (
        type(adapter) is ExactDecimalAdapter
        and target is Decimal
        and oid == _NUMERIC_OID
        and loader in _DECIMAL_LOADERS
    )


def _make_row(cursor: Any, names: list[str], adapters: Optional[dict], mapping: Optional[dict]) -> MakeRow:
    """The per-row function of one result: its dict keys, and the column adapters that change values."""
    keys = [mapping.get(n, n) for n in names] if mapping else names
    converters = []
    if adapters:
        result = cursor.pgresult
        loaders = cursor.adapters
        for index, name in enumerate(names):
            found = adapters.get(name)
            if found is None:
                continue
            adapter, target = found[0], found[1]
            oid = result.ftype(index)
            if passes_through(adapter, target, oid, loaders.get_loader(oid, result.fformat(index))):
                continue
            converters.append((index, adapter.from_database, target))
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


class RowShaper:
    """A cursor's row factory: rows as dicts with the current statement's ``column_adapters`` and
    ``column_mapping`` applied; the plan of the last result is kept while nothing it depends on changes."""

    __slots__ = ("_last", "adapters", "mapping")

    def __init__(self, adapters: Optional[dict] = None, mapping: Optional[dict] = None) -> None:
        self.adapters = adapters or None
        self.mapping = mapping or None
        self._last: Optional[tuple] = None  # (field names and types, adapters, mapping, make_row)

    def use(self, adapters: Optional[dict], mapping: Optional[dict]) -> None:
        """The next statement's adapters and mapping (psycopg calls the shaper when its result arrives)."""
        self.adapters = adapters or None
        self.mapping = mapping or None

    def __call__(self, cursor: Any) -> MakeRow:
        result = cursor.pgresult
        if result is None or result.status != _TUPLES_OK:
            return _no_rows
        adapters, mapping = self.adapters, self.mapping
        count = result.nfields
        fields = [result.fname(i) for i in range(count)]
        if adapters:  # whether an adapter is a no-op depends on the column's type
            fields += [result.ftype(i) for i in range(count)]
        last = self._last
        if last is not None and last[0] == fields and last[1] == adapters and last[2] == mapping:
            return last[3]
        encoding = cursor._encoding  # psycopg's own row factories read it the same way
        names = [name.decode(encoding) for name in fields[:count]]
        make = _make_row(cursor, names, adapters, mapping)
        # copies: a caller may change its dicts after the statement
        self._last = (fields, dict(adapters) if adapters else None, dict(mapping) if mapping else None, make)
        return make


def result_rows(adapters: Optional[dict], mapping: Optional[dict]) -> Callable[[Any], MakeRow]:
    """A row factory applying ``column_adapters`` ({column: (adapter, type)}) and ``column_mapping``."""
    if not adapters and not mapping:
        return dict_rows
    return RowShaper(adapters, mapping)


def has_rows(cursor: Any) -> bool:
    """Whether the last statement produced a result set (cheaper than ``cursor.description``)."""
    result = cursor.pgresult
    return result is not None and result.status == _TUPLES_OK
