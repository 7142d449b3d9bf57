"""Identifiers and aliases: always quoted (see ``naming.py``), table aliases without ``AS``."""

from __future__ import annotations

from typing import Optional

from ..naming import quote
from ._host import DialectHost


class OracleIdentifierMixin(DialectHost):
    def format_identifier(self, identifier: str) -> str:
        return quote(identifier)

    def format_table(
        self, table_name: str, alias: Optional[str] = None, schema_name: Optional[str] = None
    ) -> tuple[str, tuple]:
        table_sql = quote(table_name) if not schema_name else f"{quote(schema_name)}.{quote(table_name)}"
        # Oracle rejects AS before a table alias.
        return (f"{table_sql} {quote(alias)}" if alias else table_sql), ()

    def format_subquery(self, subquery_sql: str, subquery_params: tuple, alias: str) -> tuple[str, tuple]:
        return f"{subquery_sql} {quote(alias)}", subquery_params
