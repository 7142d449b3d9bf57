"""Catalog queries (pg_catalog / information_schema) for tables, columns, indexes and foreign keys."""

from .catalog import QUERIES, AsyncPostgresCatalog, PostgresCatalog

__all__ = ["QUERIES", "AsyncPostgresCatalog", "PostgresCatalog"]
