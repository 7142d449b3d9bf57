"""The core's ``CreateFulltextIndexExpression`` as a GIN index over ``to_tsvector(config, document)``.

An index expression must be immutable, so the text search configuration is always named:
``dialect_options={"config": ...}``, default ``'simple'``. The core's ``parser`` (MySQL's WITH PARSER) has
no PostgreSQL meaning and is refused. The document
is the one ``format_fulltext_match`` searches (columns as text, joined by a space); a query uses the index
when it calls ``to_tsvector`` with the same configuration (``PostgresFulltextMixin.tsvector_sql``).
"""

from __future__ import annotations

import re
from typing import Any

from .options import check_options, unsupported

_CONFIG = re.compile(r"^[A-Za-z_][\w.]*$")
FULLTEXT_INDEX_OPTIONS = ("config", "method")


def fulltext_document(dialect: Any, columns: list[str]) -> str:
    return " || ' ' || ".join(f"coalesce({dialect.format_identifier(c)}::text, '')" for c in columns)


class PostgresFulltextIndexMixin:
    def supports_fulltext_index(self) -> bool:
        return True

    def tsvector_sql(self, columns: list[str], config: str = "simple") -> str:
        """``to_tsvector('config', document)``: the indexed expression, for queries that should use the index."""
        if not _CONFIG.match(config):
            raise ValueError(f"text search configuration {config!r} is not a plain name")
        return f"to_tsvector('{config}'::regconfig, {fulltext_document(self, columns)})"

    def format_create_fulltext_index_statement(self, expr: Any) -> tuple[str, tuple]:
        options = expr.dialect_options or {}
        unknown = sorted(set(options) - set(FULLTEXT_INDEX_OPTIONS))
        if unknown:
            raise ValueError(f"PostgreSQL full-text index: unknown dialect_options {unknown}")
        method = str(options.get("method", "GIN")).upper()
        if method not in ("GIN", "GIST"):
            raise ValueError(f"PostgreSQL full-text index: method {method!r} is not GIN or GIST")
        if expr.parser:
            raise unsupported(self, f"FULLTEXT INDEX WITH PARSER {expr.parser}", 'use dialect_options={"config": ...}')
        config = options.get("config") or "simple"
        exists = " IF NOT EXISTS" if expr.if_not_exists else ""
        name = self.format_identifier(expr.index_name)  # type: ignore[attr-defined]
        table = self.format_identifier(expr.table_name)  # type: ignore[attr-defined]
        return f"CREATE INDEX{exists} {name} ON {table} USING {method} ({self.tsvector_sql(expr.columns, config)})", ()

    def format_drop_fulltext_index_statement(self, expr: Any) -> tuple[str, tuple]:
        # PostgreSQL index names are schema-wide: DROP INDEX takes no table.
        check_options("DROP FULLTEXT INDEX", expr.dialect_options, ())
        exists = " IF EXISTS" if expr.if_exists else ""
        return f"DROP INDEX{exists} {self.format_identifier(expr.index_name)}", ()  # type: ignore[attr-defined]
