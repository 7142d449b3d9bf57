"""Schema introspection from information_schema (the same queries on MySQL and MariaDB).

The SQL builders are ours (explicit column aliases, so parsing never depends on the server's
case of information_schema column names); the parsers are pure functions shared by the sync and
async introspectors.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    collect,
    database_info,
    foreign_keys,
    index_type,
    nullability,
)

from .status import AsyncMySQLStatusIntrospector, SyncMySQLStatusIntrospector

_SYSTEM_SCHEMAS = ("mysql", "information_schema", "performance_schema", "sys")


class _MySQLIntrospection(CatalogParsing):
    _backend: Any

    def _get_default_schema(self) -> str:
        return self._backend.config.database or ""

    def _schema(self, schema: Optional[str]) -> str:
        return schema if schema is not None else self._get_default_schema()

    # -- SQL ------------------------------------------------------------------------------
    def _build_database_info_sql(self) -> tuple[str, tuple]:
        return (
            "SELECT DATABASE() AS name, VERSION() AS version, @@character_set_database AS encoding, "
            "@@collation_database AS collation_name, @@session.time_zone AS timezone, "
            "(SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()) AS table_count",
            (),
        )

    def _build_table_list_sql(
        self, schema: Optional[str], include_system: bool, include_views: bool = True, table_type: Optional[str] = None
    ) -> tuple[str, tuple]:
        sql = (
            "SELECT table_name AS name, table_schema AS `schema`, table_type AS type, table_comment AS comment, "
            "table_rows AS row_count, data_length + index_length AS size_bytes, auto_increment AS auto_increment, "
            "create_time AS create_time, update_time AS update_time FROM information_schema.tables "
            "WHERE table_schema = %s"
        )
        params: list = [self._schema(schema)]
        if not include_views:
            sql += " AND table_type = 'BASE TABLE'"
        if table_type:
            sql += " AND table_type = %s"
            params.append(table_type)
        return sql + " ORDER BY table_name", tuple(params)

    def _build_column_info_sql(self, table_name: str, schema: Optional[str]) -> tuple[str, tuple]:
        return (
            "SELECT column_name AS name, ordinal_position AS pos, data_type AS data_type, column_type AS full_type, "
            "is_nullable AS nullable, column_default AS default_value, column_key AS column_key, extra AS extra, "
            "column_comment AS comment, character_maximum_length AS char_len, numeric_precision AS num_prec, "
            "numeric_scale AS num_scale, datetime_precision AS dt_prec, character_set_name AS charset, "
            "collation_name AS collation, generation_expression AS gen_expr "
            "FROM information_schema.columns WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
            (self._schema(schema), table_name),
        )

    def _build_index_info_sql(self, table_name: str, schema: Optional[str]) -> tuple[str, tuple]:
        return (
            "SELECT index_name AS name, non_unique AS non_unique, seq_in_index AS seq, column_name AS column_name, "
            "collation AS collation, index_type AS index_type, index_comment AS comment, sub_part AS prefix "
            "FROM information_schema.statistics WHERE table_schema = %s AND table_name = %s "
            "ORDER BY index_name, seq_in_index",
            (self._schema(schema), table_name),
        )

    def _build_foreign_key_sql(self, table_name: str, schema: Optional[str]) -> tuple[str, tuple]:
        return (
            "SELECT k.constraint_name AS name, k.column_name AS column_name, k.referenced_table_schema AS ref_schema, "
            "k.referenced_table_name AS ref_table, k.referenced_column_name AS ref_column, "
            "r.update_rule AS on_update, r.delete_rule AS on_delete "
            "FROM information_schema.key_column_usage k JOIN information_schema.referential_constraints r "
            "ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name "
            "AND r.table_name = k.table_name "
            "WHERE k.table_schema = %s AND k.table_name = %s ORDER BY k.constraint_name, k.ordinal_position",
            (self._schema(schema), table_name),
        )

    def _build_view_list_sql(self, schema: Optional[str], include_system: bool) -> tuple[str, tuple]:
        return self._view_sql(schema, None)

    def _build_view_info_sql(self, view_name: str, schema: Optional[str]) -> tuple[str, tuple]:
        return self._view_sql(schema, view_name)

    def _view_sql(self, schema: Optional[str], name: Optional[str]) -> tuple[str, tuple]:
        sql = (
            "SELECT table_name AS name, table_schema AS `schema`, view_definition AS definition, "
            "is_updatable AS updatable, check_option AS check_option FROM information_schema.views "
            "WHERE table_schema = %s"
        )
        params: list = [self._schema(schema)]
        if name is not None:
            sql += " AND table_name = %s"
            params.append(name)
        return sql + " ORDER BY table_name", tuple(params)

    def _build_trigger_list_sql(self, table_name: Optional[str], schema: Optional[str]) -> tuple[str, tuple]:
        sql = (
            "SELECT trigger_name AS name, event_object_table AS table_name, trigger_schema AS `schema`, "
            "action_timing AS timing, event_manipulation AS event, action_orientation AS level, "
            "action_statement AS definition FROM information_schema.triggers WHERE trigger_schema = %s"
        )
        params: list = [self._schema(schema)]
        if table_name:
            sql += " AND event_object_table = %s"
            params.append(table_name)
        return sql + " ORDER BY trigger_name", tuple(params)

    # -- parsing --------------------------------------------------------------------------
    def _parse_database_info(self, rows: list[dict[str, Any]]) -> DatabaseInfo:
        server = self._backend.server_info
        vendor = "MariaDB" if server and server.flavour == "mariadb" else "MySQL"
        return database_info(rows, vendor=vendor, release=server.version if server else ())

    def _parse_tables(self, rows: list[dict[str, Any]], schema: Optional[str]) -> list[TableInfo]:
        kinds = {"BASE TABLE": TableType.BASE_TABLE, "VIEW": TableType.VIEW, "SYSTEM VIEW": TableType.SYSTEM_TABLE}
        return [
            TableInfo(
                name=r["name"],
                schema=r["schema"],
                table_type=kinds.get(r["type"], TableType.BASE_TABLE),
                comment=r.get("comment") or None,
                row_count=r.get("row_count"),
                size_bytes=r.get("size_bytes"),
                auto_increment=r.get("auto_increment"),
                create_time=str(r["create_time"]) if r.get("create_time") else None,
                update_time=str(r["update_time"]) if r.get("update_time") else None,
            )
            for r in rows
        ]

    def _parse_columns(self, rows: list[dict[str, Any]], table_name: str, schema: str) -> list[ColumnInfo]:
        return [
            ColumnInfo(
                name=r["name"],
                table_name=table_name,
                schema=schema,
                ordinal_position=r["pos"],
                data_type=str(r["data_type"]).lower(),
                data_type_full=r["full_type"],
                nullable=nullability(r["nullable"] == "YES"),
                default_value=r["default_value"],
                is_primary_key=r["column_key"] == "PRI",
                is_unique=r["column_key"] == "UNI",
                is_auto_increment="auto_increment" in (r["extra"] or "").lower(),
                is_generated=bool(r.get("gen_expr")),
                generated_expression=r.get("gen_expr") or None,
                comment=r.get("comment") or None,
                character_maximum_length=r.get("char_len"),
                numeric_precision=r.get("num_prec"),
                numeric_scale=r.get("num_scale"),
                datetime_precision=r.get("dt_prec"),
                charset=r.get("charset"),
                collation=r.get("collation"),
                extra=_column_extra(r),
            )
            for r in rows
        ]

    def _parse_indexes(self, rows: list[dict[str, Any]], table_name: str, schema: str) -> list[IndexInfo]:
        def index(r: dict[str, Any]) -> IndexInfo:
            return IndexInfo(
                name=r["name"],
                table_name=table_name,
                schema=schema,
                is_unique=not int(r["non_unique"]),
                is_primary=r["name"] == "PRIMARY",
                index_type=index_type(r["index_type"]),
                comment=r.get("comment") or None,
            )

        def column(found: IndexInfo, r: dict[str, Any]) -> None:
            column = IndexColumnInfo(
                name=r["column_name"] or "", ordinal_position=r["seq"], is_descending=r["collation"] == "D"
            )
            found.columns.append(column)
            if r.get("prefix") is not None:  # KEY (name(5)): the core's column info has no prefix field
                found.extra.setdefault("prefix_lengths", {})[column.name] = int(r["prefix"])

        return collect(rows, index, column)

    def _parse_foreign_keys(self, rows: list[dict[str, Any]], table_name: str, schema: str) -> list[ForeignKeyInfo]:
        return foreign_keys(rows, table_name, schema)

    def _parse_views(self, rows: list[dict[str, Any]], schema: str) -> list[ViewInfo]:
        return [
            ViewInfo(
                name=r["name"],
                schema=r["schema"],
                definition=r.get("definition"),
                is_updatable=r.get("updatable") == "YES",
                check_option=r.get("check_option"),
            )
            for r in rows
        ]

    def _parse_triggers(self, rows: list[dict[str, Any]], schema: str) -> list[TriggerInfo]:
        return [
            TriggerInfo(
                name=r["name"],
                table_name=r["table_name"],
                schema=r["schema"],
                timing=r["timing"],
                events=[r["event"]],
                level=r.get("level") or "ROW",
                definition=r.get("definition"),
            )
            for r in rows
        ]

    # -- beyond the core's introspector: partitions and MariaDB sequences ----------------
    def _build_partition_sql(self, table_name: str, schema: Optional[str]) -> tuple[str, tuple]:
        return (
            "SELECT partition_name AS name, subpartition_name AS subpartition, partition_method AS method, "
            "partition_expression AS expression, partition_description AS description, "
            "partition_ordinal_position AS position, table_rows AS row_count "
            "FROM information_schema.partitions WHERE table_schema = %s AND table_name = %s "
            "AND partition_name IS NOT NULL ORDER BY partition_ordinal_position, subpartition_ordinal_position",
            (self._schema(schema), table_name),
        )

    def _build_sequence_sql(self, schema: Optional[str]) -> tuple[str, tuple]:
        return (
            "SELECT table_name AS name FROM information_schema.tables "
            "WHERE table_schema = %s AND table_type = 'SEQUENCE' ORDER BY table_name",
            (self._schema(schema),),
        )

    def _parse_partitions(self, rows: list[dict[str, Any]]) -> list[PartitionInfo]:
        return [
            PartitionInfo(
                name=r["name"],
                method=r["method"],
                expression=r.get("expression"),
                description=r.get("description"),
                position=int(r["position"]),
                subpartition=r.get("subpartition"),
                row_count=r.get("row_count"),
            )
            for r in rows
        ]


@dataclass
class PartitionInfo:
    """One partition of a table (``introspector.list_partitions``)."""

    name: str
    method: str  # RANGE, LIST, HASH, KEY, RANGE COLUMNS, LINEAR HASH, ...
    expression: Optional[str]
    description: Optional[str]  # the VALUES LESS THAN / IN bound, MAXVALUE
    position: int
    subpartition: Optional[str] = None
    row_count: Optional[int] = None


def _column_extra(row: dict[str, Any]) -> dict[str, Any]:
    """What the core's ColumnInfo has no field for: UNSIGNED/ZEROFILL, VIRTUAL/STORED, ON UPDATE."""
    full = str(row.get("full_type") or "").lower()
    extra_text = str(row.get("extra") or "")
    found: dict[str, Any] = {}
    if "unsigned" in full:
        found["unsigned"] = True
    if "zerofill" in full:
        found["zerofill"] = True
    upper = extra_text.upper()
    if "VIRTUAL" in upper:
        found["generated"] = "VIRTUAL"
    elif "STORED" in upper or "PERSISTENT" in upper:
        found["generated"] = "STORED"
    if "ON UPDATE" in upper:
        found["on_update"] = extra_text[upper.index("ON UPDATE") + len("ON UPDATE ") :].strip()
    if "INVISIBLE" in upper:
        found["invisible"] = True
    return found


# The names the backends use; the toolkit's executors run introspection SQL through fetch_all.
SyncExecutor = BackendExecutor
AsyncExecutor = AsyncBackendExecutor


class SyncMySQLIntrospector(_MySQLIntrospection, SyncAbstractIntrospector):
    """``backend.introspector`` for :class:`MySQLBackend`."""

    _status: Optional[SyncMySQLStatusIntrospector] = None

    @property
    def status(self) -> SyncMySQLStatusIntrospector:
        """Server state from SHOW statements (variables, status counters, InnoDB, processlist)."""
        if self._status is None:
            self._status = SyncMySQLStatusIntrospector(self._backend)
        return self._status

    def list_partitions(self, table_name: str, schema: Optional[str] = None) -> list[PartitionInfo]:
        return self._parse_partitions(self._executor.execute(*self._build_partition_sql(table_name, schema)))

    def list_sequences(self, schema: Optional[str] = None) -> list[str]:
        """MariaDB's sequences (MySQL has none: an empty list)."""
        return [r["name"] for r in self._executor.execute(*self._build_sequence_sql(schema))]


class AsyncMySQLIntrospector(_MySQLIntrospection, AsyncAbstractIntrospector):
    """``backend.introspector`` for :class:`AsyncMySQLBackend`."""

    _status: Optional[AsyncMySQLStatusIntrospector] = None

    @property
    def status(self) -> AsyncMySQLStatusIntrospector:
        if self._status is None:
            self._status = AsyncMySQLStatusIntrospector(self._backend)
        return self._status

    async def list_partitions(self, table_name: str, schema: Optional[str] = None) -> list[PartitionInfo]:
        return self._parse_partitions(await self._executor.execute(*self._build_partition_sql(table_name, schema)))

    async def list_sequences(self, schema: Optional[str] = None) -> list[str]:
        return [r["name"] for r in await self._executor.execute(*self._build_sequence_sql(schema))]


__all__ = [
    "AsyncExecutor",
    "AsyncMySQLIntrospector",
    "AsyncMySQLStatusIntrospector",
    "PartitionInfo",
    "SyncExecutor",
    "SyncMySQLIntrospector",
    "SyncMySQLStatusIntrospector",
]
