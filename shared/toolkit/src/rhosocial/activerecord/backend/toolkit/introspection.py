"""Executors for the core's introspectors that go through the backend's own query path.

The core's executors run the SQL on a raw driver cursor, bypassing the backend's placeholder
conversion, result-name folding and error translation; these call ``backend.fetch_all`` instead,
so introspection SQL is written like any other statement of the backend.

Also the row-parsing pieces every backend's introspector shares (:func:`collect`,
:class:`CatalogParsing`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional, TypeVar

Row = dict[str, Any]
Rows = list[Row]
T = TypeVar("T")


def collect(rows: Rows, first: Callable[[Row], T], each: Callable[[T, Row], None], key: str = "name") -> list[T]:
    """One object per distinct ``row[key]`` (in first-seen order) from a one-row-per-column listing.

    ``first(row)`` builds the object from its first row (an index, a foreign key); ``each(obj, row)``
    adds what every row contributes (a column).
    """
    found: dict[Any, T] = {}
    for row in rows:
        item = found.get(row[key])
        if item is None:
            item = found[row[key]] = first(row)
        each(item, row)
    return list(found.values())


class CatalogParsing:
    """Parsing the core's introspector asks for that is the same on every backend."""

    def _parse_view_info(self, rows: Rows, view_name: str, schema: str) -> Optional[Any]:
        # the view listing's SQL, narrowed to one name: its first (only) row
        views = self._parse_views(rows, schema)  # type: ignore[attr-defined]
        return views[0] if views else None


class BackendExecutor:
    def __init__(self, backend: Any) -> None:
        self._backend = backend

    def execute(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
        return list(self._backend.fetch_all(sql, params or None))


class AsyncBackendExecutor(BackendExecutor):
    async def execute(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:  # type: ignore[override]
        return list(await self._backend.fetch_all(sql, params or None))
