"""Schema introspection through the catalog: the SQL is shared, only the awaiting differs."""

from __future__ import annotations

from typing import Any, Optional

QUERIES = {
    "tables": (
        "SELECT c.relname AS name, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
        "WHEN 'p' THEN 'partitioned table' ELSE 'table' END AS kind, c.reltuples::bigint AS estimated_rows "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname"
    ),
    "columns": (
        "SELECT column_name AS name, data_type, is_nullable = 'YES' AS nullable, column_default AS default, "
        "is_identity = 'YES' AS identity, is_generated <> 'NEVER' AS generated "
        "FROM information_schema.columns WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position"
    ),
    "indexes": (
        "SELECT i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary, "
        "pg_get_indexdef(ix.indexrelid) AS definition "
        "FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = %s AND t.relname = %s ORDER BY i.relname"
    ),
    "foreign_keys": (
        "SELECT con.conname AS name, pg_get_constraintdef(con.oid) AS definition "
        "FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
        "WHERE con.contype = 'f' AND n.nspname = %s AND t.relname = %s ORDER BY con.conname"
    ),
}


class _CatalogBase:
    def __init__(self, backend: Any, schema: Optional[str] = None) -> None:
        self.backend = backend
        self.schema = schema or backend.get_default_schema()


class PostgresCatalog(_CatalogBase):
    def tables(self) -> list[dict]:
        return self.backend.fetch_all(QUERIES["tables"], (self.schema,))

    def describe(self, table: str) -> dict[str, list[dict]]:
        """Columns, indexes and foreign keys of one table."""
        return {
            part: self.backend.fetch_all(QUERIES[part], (self.schema, table))
            for part in ("columns", "indexes", "foreign_keys")
        }


class AsyncPostgresCatalog(_CatalogBase):
    async def tables(self) -> list[dict]:
        return await self.backend.fetch_all(QUERIES["tables"], (self.schema,))

    async def describe(self, table: str) -> dict[str, list[dict]]:
        return {
            part: await self.backend.fetch_all(QUERIES[part], (self.schema, table))
            for part in ("columns", "indexes", "foreign_keys")
        }
