"""Executors for the core's introspectors that go through the backend's own query path.

The core's executors run the SQL on a raw driver cursor, bypassing the backend's placeholder
conversion, result-name folding and error translation; these call ``backend.fetch_all`` instead,
so introspection SQL is written like any other statement of the backend.

Also the row-parsing pieces every backend's introspector shares (:func:`collect`,
:class:`CatalogParsing`, :func:`foreign_keys` and the catalog names of the core's enums).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Optional, TypeVar

from rhosocial.activerecord.backend.introspection.types import (
    ColumnNullable,
    DatabaseInfo,
    ForeignKeyInfo,
    IndexType,
    ReferentialAction,
)

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


_INDEX_TYPES = {**{t.value: t for t in IndexType}, "RTREE": IndexType.SPATIAL}
_ACTIONS = {a.value: a for a in ReferentialAction}


def database_info(rows: Rows, *, vendor: str, release: Sequence[int], version: Optional[str] = None) -> DatabaseInfo:
    """The core's DatabaseInfo from the database listing's first row (keys ``name``, ``version``, ``encoding``,
    ``collation_name``, ``timezone``, and where the backend lists them ``table_count``, ``size_bytes``,
    ``schema_name``); ``release``: the server's version numbers, padded to three; ``version``: the server's
    version string, where the listing does not carry it."""
    row = rows[0] if rows else {}
    return DatabaseInfo(
        name=row.get("name") or "",
        version=version if version is not None else str(row.get("version") or ""),
        version_tuple=tuple([*release, 0, 0, 0][:3]),  # type: ignore[arg-type]
        vendor=vendor,
        encoding=row.get("encoding"),
        collation=row.get("collation_name"),
        timezone=row.get("timezone"),
        size_bytes=row.get("size_bytes"),
        table_count=row.get("table_count"),
        extra={"schema": row["schema_name"]} if "schema_name" in row else {},
    )


def index_type(method: Optional[str]) -> IndexType:
    """The core's index type for a catalog's access-method name (``BTREE``, ``gin``, ``RTREE``...)."""
    return _INDEX_TYPES.get((method or "").upper(), IndexType.UNKNOWN)


def nullability(nullable: Any) -> ColumnNullable:
    """The core's nullability for a catalog's flag, already read as true/false."""
    return ColumnNullable.NULLABLE if nullable else ColumnNullable.NOT_NULL


def referential_action(rule: Optional[str]) -> ReferentialAction:
    """The core's action for an information_schema-style rule name (``SET NULL``...); none given: NO ACTION."""
    return _ACTIONS.get(rule or "", ReferentialAction.NO_ACTION)


def _same(name: str) -> str:
    return name


def foreign_keys(
    rows: Rows, table_name: str, schema: str, fold: Callable[[str], str] = _same, **fields: Callable[[Row], Any]
) -> list[ForeignKeyInfo]:
    """One ForeignKeyInfo per constraint from a one-row-per-column listing.

    Row keys: ``name``, ``column_name``, ``ref_schema``, ``ref_table``, ``ref_column``, ``on_update`` and
    ``on_delete`` (rule names; a server without one leaves it out). ``fold``: the backend's name folding;
    ``fields``: further ForeignKeyInfo fields, each read from the constraint's first row.
    """

    def key(r: Row) -> ForeignKeyInfo:
        return ForeignKeyInfo(
            name=fold(r["name"]),
            table_name=table_name,
            schema=schema,
            referenced_table=fold(r["ref_table"]),
            referenced_schema=r["ref_schema"],
            on_update=referential_action(r.get("on_update")),
            on_delete=referential_action(r.get("on_delete")),
            **{field: read(r) for field, read in fields.items()},
        )

    def column(found: ForeignKeyInfo, r: Row) -> None:
        found.columns.append(fold(r["column_name"]))
        found.referenced_columns.append(fold(r["ref_column"]))

    return collect(rows, key, column)


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
