"""``backend.introspector`` for Oracle: the core's introspection API over the data dictionary.

Names follow the backend's case policy (:mod:`..naming`): ``list_columns("users")`` looks up
``USERS`` and reports ``id``, ``name``; a mixed-case name is exact both ways. The schema defaults
to the session's current schema. The SQL is in :mod:`.queries`, the row parsing here (pure, shared
by the sync and async introspectors); Oracle-only listings (sequences, synonyms, materialized
views) are extra methods with the same sync/async split.
"""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.introspection.base import AsyncAbstractIntrospector, SyncAbstractIntrospector
from rhosocial.activerecord.backend.introspection.types import (
    ColumnInfo,
    DatabaseInfo,
    ForeignKeyInfo,
    IndexColumnInfo,
    IndexInfo,
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
    collect,
    database_info,
    foreign_keys,
    index_type,
    nullability,
)

from ..naming import from_oracle, to_oracle
from . import queries
from .types import full_type

_TABLE_KINDS = {"BASE TABLE": TableType.BASE_TABLE, "TEMPORARY": TableType.TEMPORARY, "VIEW": TableType.VIEW}


def _text(value: Any) -> Optional[str]:
    """LONG/VARCHAR2 text as str with Oracle's trailing blanks and newlines removed (None stays None)."""
    return None if value is None else str(value).rstrip() or None


class _OracleIntrospection(CatalogParsing):
    _backend: Any

    def _get_default_schema(self) -> str:
        # The connecting user's schema (unquoted user names are stored upper case).
        return str(self._backend.config.username or "").upper()

    def _owner(self, schema: Optional[str]) -> str:
        return to_oracle(schema) if schema is not None else self._get_default_schema()

    # --- SQL (the core's builders, overridden) ----------------------------------------------
    def _build_database_info_sql(self) -> queries.SQL:
        return queries.DATABASE_INFO, ()

    def _build_table_list_sql(
        self, schema: Optional[str], include_system: bool, include_views: bool = True, table_type: Optional[str] = None
    ) -> queries.SQL:
        return queries.tables(self._owner(schema), include_views, table_type)

    def _build_column_info_sql(self, table_name: str, schema: Optional[str]) -> queries.SQL:
        return queries.columns(self._owner(schema), to_oracle(table_name))

    def _build_index_info_sql(self, table_name: str, schema: Optional[str]) -> queries.SQL:
        return queries.indexes(self._owner(schema), to_oracle(table_name))

    def _build_foreign_key_sql(self, table_name: str, schema: Optional[str]) -> queries.SQL:
        return queries.foreign_keys(self._owner(schema), to_oracle(table_name))

    def _build_view_list_sql(self, schema: Optional[str], include_system: bool) -> queries.SQL:
        return queries.views(self._owner(schema), None)

    def _build_view_info_sql(self, view_name: str, schema: Optional[str]) -> queries.SQL:
        return queries.views(self._owner(schema), to_oracle(view_name))

    def _build_trigger_list_sql(self, table_name: Optional[str], schema: Optional[str]) -> queries.SQL:
        return queries.triggers(self._owner(schema), to_oracle(table_name) if table_name else None)

    # --- parsing ------------------------------------------------------------------------------
    def _parse_database_info(self, rows: Rows) -> DatabaseInfo:
        server = self._backend.dialect.server
        release = server.settings.get("release", server.version)  # the binary release, not the compatible level
        return database_info(rows, vendor="Oracle", release=release, version=server.version_string)

    def _parse_tables(self, rows: Rows, schema: Optional[str]) -> list[TableInfo]:
        return [
            TableInfo(
                name=from_oracle(r["name"]),
                schema=r["schema_name"],
                table_type=_TABLE_KINDS.get(r["kind"], TableType.BASE_TABLE),
                comment=_text(r.get("comments")),
                row_count=r.get("row_count"),
            )
            for r in rows
        ]

    def _parse_columns(self, rows: Rows, table_name: str, schema: str) -> list[ColumnInfo]:
        parse_type = getattr(self._backend.dialect, "parse_type", None)
        out = []
        for r in rows:
            spelled = full_type(r)
            generated = r.get("virtual_column") == "YES"
            default = _text(r.get("default_value"))
            identity = r.get("identity_column") == "YES"
            out.append(
                ColumnInfo(
                    name=from_oracle(r["name"]),
                    table_name=table_name,
                    schema=schema,
                    ordinal_position=int(r["pos"] or 0),
                    data_type=str(r["data_type"]).lower(),
                    data_type_full=spelled,
                    parsed_data_type=parse_type(spelled) if parse_type else None,
                    nullable=nullability(r["nullable"] == "Y"),
                    # A virtual column's DATA_DEFAULT is its expression; an identity's is the sequence call.
                    default_value=None if generated or identity else default,
                    is_primary_key=bool(r.get("is_pk")),
                    is_unique=bool(r.get("is_unique")),
                    is_auto_increment=identity,
                    is_generated=generated,
                    generated_expression=default if generated else None,
                    comment=_text(r.get("comments")),
                    character_maximum_length=r.get("char_length") or None,
                    numeric_precision=r.get("num_prec"),
                    numeric_scale=r.get("num_scale"),
                    collation=r.get("collation_name"),
                    extra={
                        k: v
                        for k, v in (
                            ("identity_generation", r.get("identity_generation")),
                            ("identity_options", r.get("identity_options")),
                        )
                        if v is not None
                    },
                )
            )
        return out

    def _parse_indexes(self, rows: Rows, table_name: str, schema: str) -> list[IndexInfo]:
        def index(r: dict[str, Any]) -> IndexInfo:
            kind = str(r["index_type"])
            return IndexInfo(
                name=from_oracle(r["name"]),
                table_name=table_name,
                schema=schema,
                is_unique=r["uniqueness"] == "UNIQUE",
                is_primary=bool(r.get("is_primary")),
                index_type=index_type("BTREE" if "NORMAL" in kind else None),
                extra={"oracle_index_type": kind},
            )

        def column(found: IndexInfo, r: dict[str, Any]) -> None:
            expression = _text(r.get("expression"))
            name = expression if expression else from_oracle(r["column_name"])
            found.columns.append(
                IndexColumnInfo(name=name, ordinal_position=int(r["pos"]), is_descending=r.get("descend") == "DESC")
            )
            if expression:
                found.extra.setdefault("expressions", []).append(expression)

        return collect(rows, index, column)

    def _parse_foreign_keys(self, rows: Rows, table_name: str, schema: str) -> list[ForeignKeyInfo]:
        # Oracle has no ON UPDATE action: the listing has no on_update, read as NO ACTION
        return foreign_keys(
            rows,
            table_name,
            schema,
            from_oracle,
            deferrable=lambda r: r.get("deferrable") == "DEFERRABLE",
            deferred=lambda r: r.get("deferred") == "DEFERRED",
        )

    def _parse_views(self, rows: Rows, schema: str) -> list[ViewInfo]:
        return [
            ViewInfo(
                name=from_oracle(r["name"]),
                schema=r["schema_name"],
                definition=_text(r.get("definition")),
                comment=_text(r.get("comments")),
            )
            for r in rows
        ]

    def _parse_triggers(self, rows: Rows, schema: str) -> list[TriggerInfo]:
        out = []
        for r in rows:
            kind = str(r.get("trigger_type") or "")  # e.g. "BEFORE EACH ROW", "AFTER STATEMENT"
            out.append(
                TriggerInfo(
                    name=from_oracle(r["name"]),
                    table_name=from_oracle(r["table_name"] or ""),
                    schema=r["schema_name"],
                    timing=kind.split(" ")[0] if kind else "",
                    events=[e.strip() for e in str(r.get("event") or "").split(" OR ") if e.strip()],
                    level="ROW" if "EACH ROW" in kind else "STATEMENT",
                    condition=_text(r.get("condition")),
                    definition=_text(r.get("definition")),
                    status=r.get("status") or "ENABLED",
                )
            )
        return out

    # --- Oracle-only listings (plain dicts, names folded like the rest) -------------------------
    @staticmethod
    def _named(rows: Rows) -> Rows:
        return [{**r, "name": from_oracle(r["name"])} for r in rows]


class SyncOracleIntrospector(_OracleIntrospection, SyncAbstractIntrospector):
    """``OracleBackend.introspector``."""

    def list_sequences(self, schema: Optional[str] = None) -> Rows:
        return self._named(self._executor.execute(*queries.sequences(self._owner(schema))))

    def list_synonyms(self, schema: Optional[str] = None) -> Rows:
        return self._named(self._executor.execute(*queries.synonyms(self._owner(schema))))

    def list_materialized_views(self, schema: Optional[str] = None) -> Rows:
        return self._named(self._executor.execute(*queries.materialized_views(self._owner(schema))))


class AsyncOracleIntrospector(_OracleIntrospection, AsyncAbstractIntrospector):
    """``AsyncOracleBackend.introspector``."""

    async def list_sequences(self, schema: Optional[str] = None) -> Rows:
        return self._named(await self._executor.execute(*queries.sequences(self._owner(schema))))

    async def list_synonyms(self, schema: Optional[str] = None) -> Rows:
        return self._named(await self._executor.execute(*queries.synonyms(self._owner(schema))))

    async def list_materialized_views(self, schema: Optional[str] = None) -> Rows:
        return self._named(await self._executor.execute(*queries.materialized_views(self._owner(schema))))


__all__ = ["AsyncBackendExecutor", "AsyncOracleIntrospector", "BackendExecutor", "SyncOracleIntrospector"]
