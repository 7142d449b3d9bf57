"""``backend.introspector`` for PostgreSQL: the core's introspection API over pg_catalog.

The SQL is in :mod:`.queries`, the row parsing here (pure, shared by the sync and async
introspectors). Beyond the core's listings: sequences, enums, materialized views and extensions,
with the same sync/async split. Results are cached by the core; ``invalidate_cache()`` after DDL
(the core's snapshot builder does so itself).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from rhosocial.activerecord.backend.introspection.backend_mixin import IntrospectorBackendMixin
from rhosocial.activerecord.backend.introspection.base import AsyncAbstractIntrospector, SyncAbstractIntrospector
from rhosocial.activerecord.backend.introspection.types import (
    ColumnInfo,
    DatabaseInfo,
    ForeignKeyInfo,
    IndexColumnInfo,
    IndexInfo,
    ReferentialAction,
    TableInfo,
    TableType,
    TriggerInfo,
    ViewInfo,
)
from rhosocial.activerecord.backend.toolkit.introspection import (
    AsyncBackendExecutor,
    BackendExecutor,
    CatalogParsing,
    Rows,
    database_info,
    index_type,
    nullability,
)

from . import queries

_TABLE_KINDS = {"r": TableType.BASE_TABLE, "p": TableType.BASE_TABLE, "v": TableType.VIEW, "m": TableType.VIEW}
_ACTIONS = {
    "a": ReferentialAction.NO_ACTION,
    "r": ReferentialAction.RESTRICT,
    "c": ReferentialAction.CASCADE,
    "n": ReferentialAction.SET_NULL,
    "d": ReferentialAction.SET_DEFAULT,
}
_WHEN = re.compile(r"\bWHEN \((.*)\) EXECUTE ", re.DOTALL)
_EVENTS = ((4, "INSERT"), (8, "DELETE"), (16, "UPDATE"), (32, "TRUNCATE"))


def _timing(tgtype: int) -> str:
    return "INSTEAD OF" if tgtype & 64 else "BEFORE" if tgtype & 2 else "AFTER"


class _PostgresIntrospection(CatalogParsing):
    _backend: Any

    def _get_default_schema(self) -> str:
        return str(self._backend.get_default_schema())

    def _schema(self, schema: Optional[str]) -> str:
        return schema or self._get_default_schema()

    # --- SQL (the core's builders, overridden) ----------------------------------------------
    def _build_database_info_sql(self) -> queries.SQL:
        return queries.DATABASE_INFO, ()

    def _build_table_list_sql(
        self, schema: Optional[str], include_system: bool, include_views: bool = True, table_type: Optional[str] = None
    ) -> queries.SQL:
        return queries.tables(self._schema(schema), include_views, table_type)

    def _build_column_info_sql(self, table_name: str, schema: Optional[str]) -> queries.SQL:
        return queries.columns(self._schema(schema), table_name)

    def _build_index_info_sql(self, table_name: str, schema: Optional[str]) -> queries.SQL:
        return queries.indexes(self._schema(schema), table_name)

    def _build_foreign_key_sql(self, table_name: str, schema: Optional[str]) -> queries.SQL:
        return queries.foreign_keys(self._schema(schema), table_name)

    def _build_view_list_sql(self, schema: Optional[str], include_system: bool) -> queries.SQL:
        return queries.views(self._schema(schema), None)

    def _build_view_info_sql(self, view_name: str, schema: Optional[str]) -> queries.SQL:
        return queries.views(self._schema(schema), view_name)

    def _build_trigger_list_sql(self, table_name: Optional[str], schema: Optional[str]) -> queries.SQL:
        return queries.triggers(self._schema(schema), table_name)

    # --- parsing ------------------------------------------------------------------------------
    def _parse_database_info(self, rows: Rows) -> DatabaseInfo:
        server = self._backend.dialect.server
        return database_info(rows, vendor="PostgreSQL", release=server.version, version=server.version_string)

    def _parse_tables(self, rows: Rows, schema: Optional[str]) -> list[TableInfo]:
        return [
            TableInfo(
                name=r["name"],
                schema=r["schema_name"],
                table_type=_TABLE_KINDS.get(r["kind"], TableType.EXTERNAL),
                comment=r.get("comments"),
                # reltuples is -1 (14+) or 0 before the first ANALYZE: unknown, not empty
                row_count=r["row_count"] if (r.get("row_count") or 0) > 0 else None,
                extra={"relkind": r["kind"], "partitioned": r["kind"] == "p", "partition": bool(r["is_partition"])},
            )
            for r in rows
        ]

    def _parse_columns(self, rows: Rows, table_name: str, schema: str) -> list[ColumnInfo]:
        dialect = self._backend.dialect
        out = []
        for r in rows:
            parsed = dialect.parse_type(r["type_full"])
            generated = r.get("generated") == "s"
            identity = r.get("identity") or ""
            default = r.get("default_value")
            serial = bool(default) and str(default).startswith("nextval(")
            extra: dict[str, Any] = {"type_kind": r["type_kind"], "type_name": r["type_name"]}
            if identity:
                extra["identity_generation"] = "ALWAYS" if identity == "a" else "BY DEFAULT"
            out.append(
                ColumnInfo(
                    name=r["name"],
                    table_name=table_name,
                    schema=schema,
                    ordinal_position=int(r["pos"]),
                    data_type=r["type_full"].split("(")[0].split("[")[0].strip(),
                    data_type_full=r["type_full"],
                    parsed_data_type=parsed,
                    nullable=nullability(r["nullable"]),
                    default_value=None if generated else default,
                    is_primary_key=bool(r["is_pk"]),
                    is_unique=bool(r["is_unique"]),
                    is_auto_increment=bool(identity) or serial,
                    is_generated=generated,
                    generated_expression=default if generated else None,
                    comment=r.get("comments"),
                    character_maximum_length=getattr(parsed, "length", None),
                    numeric_precision=getattr(parsed, "precision", None),
                    numeric_scale=getattr(parsed, "scale", None),
                    collation=r.get("collation_name"),
                    extra=extra,
                )
            )
        return out

    def _parse_indexes(self, rows: Rows, table_name: str, schema: str) -> list[IndexInfo]:
        out = []
        for r in rows:
            keys = int(r["key_count"])
            items, expressions = list(r["items"]), list(r["expression_items"])
            columns = [
                IndexColumnInfo(
                    name=items[k],
                    ordinal_position=k + 1,
                    is_descending=bool(r["descending"][k]),
                    is_nulls_first=bool(r["nulls_first"][k]),
                )
                for k in range(keys)
            ]
            extra: dict[str, Any] = {
                "method": r["method"],
                "definition": r["definition"],
                "include": items[keys:],
                "expressions": [items[k] for k in range(keys) if expressions[k]],
                "opclasses": [o or None for o in r["opclasses"]],
                "nulls_not_distinct": bool(r.get("nulls_not_distinct")),
            }
            if r.get("storage"):
                extra["storage"] = dict(option.split("=", 1) for option in r["storage"])
            out.append(
                IndexInfo(
                    name=r["name"],
                    table_name=table_name,
                    schema=schema,
                    is_unique=bool(r["is_unique"]),
                    is_primary=bool(r["is_primary"]),
                    index_type=index_type(r["method"]),
                    columns=columns,
                    filter_condition=r.get("predicate"),
                    comment=r.get("comments"),
                    extra=extra,
                )
            )
        return out

    def _parse_foreign_keys(self, rows: Rows, table_name: str, schema: str) -> list[ForeignKeyInfo]:
        return [
            ForeignKeyInfo(
                name=r["name"],
                table_name=table_name,
                schema=schema,
                columns=list(r["columns"]),
                referenced_table=r["ref_table"],
                referenced_schema=r["ref_schema"],
                referenced_columns=list(r["ref_columns"]),
                on_update=_ACTIONS.get(r["on_update"], ReferentialAction.NO_ACTION),
                on_delete=_ACTIONS.get(r["on_delete"], ReferentialAction.NO_ACTION),
                deferrable=bool(r["deferrable"]),
                deferred=bool(r["deferred"]),
                extra={"match": {"f": "FULL", "p": "PARTIAL"}.get(r["match_type"], "SIMPLE")},
            )
            for r in rows
        ]

    def _parse_views(self, rows: Rows, schema: str) -> list[ViewInfo]:
        return [
            ViewInfo(
                name=r["name"],
                schema=r["schema_name"],
                definition=r.get("definition"),
                is_updatable=None if r.get("is_updatable") is None else r["is_updatable"] == "YES",
                is_insertable=None if r.get("is_insertable_into") is None else r["is_insertable_into"] == "YES",
                check_option=None if r.get("check_option") in (None, "NONE") else r["check_option"],
                comment=r.get("comments"),
                extra={"materialized": r["kind"] == "m", "populated": r.get("populated")},
            )
            for r in rows
        ]

    def _parse_triggers(self, rows: Rows, schema: str) -> list[TriggerInfo]:
        out = []
        for r in rows:
            tgtype = int(r["tgtype"])
            when = _WHEN.search(r["definition"] or "")
            out.append(
                TriggerInfo(
                    name=r["name"],
                    table_name=r["table_name"],
                    schema=r["schema_name"],
                    timing=_timing(tgtype),
                    events=[event for bit, event in _EVENTS if tgtype & bit],
                    level="ROW" if tgtype & 1 else "STATEMENT",
                    condition=when.group(1) if when else None,
                    definition=r["definition"],
                    status="DISABLED" if r["enabled"] == "D" else "ENABLED",
                )
            )
        return out

    @staticmethod
    def _enums(rows: Rows) -> dict[str, list[str]]:
        return {r["name"]: list(r["labels"]) for r in rows}


class SyncPostgresIntrospector(_PostgresIntrospection, SyncAbstractIntrospector):
    """``PostgresBackend.introspector``."""

    def list_sequences(self, schema: Optional[str] = None) -> Rows:
        return self._executor.execute(*queries.sequences(self._schema(schema)))

    def list_enums(self, schema: Optional[str] = None) -> dict[str, list[str]]:
        """Enum type name -> labels in their sort order."""
        return self._enums(self._executor.execute(*queries.enums(self._schema(schema))))

    def list_materialized_views(self, schema: Optional[str] = None) -> list[ViewInfo]:
        return self._parse_views(self._executor.execute(*queries.views(self._schema(schema), None, "m")), "")

    def list_extensions(self) -> Rows:
        """Every extension the server offers: name, default_version, installed_version (None: not installed)."""
        return self._executor.execute(queries.EXTENSIONS, ())


class AsyncPostgresIntrospector(_PostgresIntrospection, AsyncAbstractIntrospector):
    """``AsyncPostgresBackend.introspector``."""

    async def list_sequences(self, schema: Optional[str] = None) -> Rows:
        return await self._executor.execute(*queries.sequences(self._schema(schema)))

    async def list_enums(self, schema: Optional[str] = None) -> dict[str, list[str]]:
        return self._enums(await self._executor.execute(*queries.enums(self._schema(schema))))

    async def list_materialized_views(self, schema: Optional[str] = None) -> list[ViewInfo]:
        return self._parse_views(await self._executor.execute(*queries.views(self._schema(schema), None, "m")), "")

    async def list_extensions(self) -> Rows:
        return await self._executor.execute(queries.EXTENSIONS, ())


class PostgresIntrospectorMixin(IntrospectorBackendMixin):
    """``backend.introspector`` on the sync backend."""

    def _create_introspector(self) -> SyncPostgresIntrospector:
        return SyncPostgresIntrospector(self, BackendExecutor(self))  # type: ignore[arg-type]


class AsyncPostgresIntrospectorMixin(IntrospectorBackendMixin):
    """``backend.introspector`` on the async backend."""

    def _create_introspector(self) -> AsyncPostgresIntrospector:
        return AsyncPostgresIntrospector(self, AsyncBackendExecutor(self))  # type: ignore[arg-type]
