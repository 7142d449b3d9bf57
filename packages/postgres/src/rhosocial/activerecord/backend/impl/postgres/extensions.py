"""Extensions: ``CREATE EXTENSION`` / ``DROP EXTENSION`` as expressions, and what a server has.

``backend.extensions()`` reads ``pg_available_extensions`` once per connection (a reconnect reads it
again): name -> installed version, or None when the server offers it but this database has not
installed it. ``backend.has_extension("vector")`` answers from the same cache; ``CREATE EXTENSION``
through the backend refreshes it.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from rhosocial.activerecord.backend.expression.bases import BaseExpression
from rhosocial.activerecord.backend.schema import StatementType

from .mixins.options import checked

_NAME = re.compile(r"^[A-Za-z_][\w-]*$")
_VERSION = re.compile(r"[\w.\-]+")
EXTENSIONS_SQL = (
    "SELECT a.name, e.extversion AS installed FROM pg_available_extensions a "
    "LEFT JOIN pg_extension e ON e.extname = a.name"
)


def _name(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"extension name {name!r} is not a plain name")
    return name


class CreateExtensionExpression(BaseExpression):
    """``CREATE EXTENSION [IF NOT EXISTS] name [WITH SCHEMA s] [VERSION v] [CASCADE]``."""

    def __init__(
        self,
        dialect: Any,
        name: str,
        *,
        if_not_exists: bool = True,
        schema: Optional[str] = None,
        version: Optional[str] = None,
        cascade: bool = False,
    ) -> None:
        super().__init__(dialect)
        self.name, self.if_not_exists, self.schema, self.version, self.cascade = (
            _name(name),
            if_not_exists,
            schema,
            version,
            cascade,
        )

    @property
    def statement_type(self) -> StatementType:
        return StatementType.DDL

    def to_sql(self) -> tuple[str, tuple]:
        return self.dialect.format_create_extension_statement(self)


class DropExtensionExpression(BaseExpression):
    """``DROP EXTENSION [IF EXISTS] name [CASCADE]``."""

    def __init__(self, dialect: Any, name: str, *, if_exists: bool = True, cascade: bool = False) -> None:
        super().__init__(dialect)
        self.name, self.if_exists, self.cascade = _name(name), if_exists, cascade

    @property
    def statement_type(self) -> StatementType:
        return StatementType.DDL

    def to_sql(self) -> tuple[str, tuple]:
        return self.dialect.format_drop_extension_statement(self)


class PostgresExtensionDDLMixin:
    def format_create_extension_statement(self, expr: CreateExtensionExpression) -> tuple[str, tuple]:
        ident = self.format_identifier  # type: ignore[attr-defined]
        parts = ["CREATE EXTENSION"] + (["IF NOT EXISTS"] if expr.if_not_exists else []) + [ident(expr.name)]
        if expr.schema:
            parts.append(f"WITH SCHEMA {ident(expr.schema)}")
        if expr.version:
            parts.append(f"VERSION '{checked(_VERSION, expr.version, 'extension version')}'")
        if expr.cascade:
            parts.append("CASCADE")
        return " ".join(parts), ()

    def format_drop_extension_statement(self, expr: DropExtensionExpression) -> tuple[str, tuple]:
        parts = ["DROP EXTENSION"] + (["IF EXISTS"] if expr.if_exists else [])
        parts.append(self.format_identifier(expr.name))  # type: ignore[attr-defined]
        return " ".join(parts + (["CASCADE"] if expr.cascade else [])), ()


class _ExtensionCache:
    _extension_cache: Optional[tuple[Any, dict[str, Optional[str]]]] = None

    def _cached_extensions(self) -> Optional[dict[str, Optional[str]]]:
        cached = self._extension_cache
        if cached is not None and cached[0] is self._connection and self._connection is not None:  # type: ignore[attr-defined]
            return cached[1]
        return None

    def _store_extensions(self, rows: list[dict]) -> dict[str, Optional[str]]:
        found = {r["name"]: r["installed"] for r in rows}
        self._extension_cache = (self._connection, found)  # type: ignore[attr-defined]
        return found


class ExtensionsMixin(_ExtensionCache):
    def extensions(self, refresh: bool = False) -> dict[str, Optional[str]]:
        """Extension name -> installed version (None: available, not installed), read once per connection."""
        cached = None if refresh else self._cached_extensions()
        if cached is None:
            rows = self.fetch_all(EXTENSIONS_SQL)  # type: ignore[attr-defined]  # connects if needed
            cached = self._store_extensions(rows)
        return cached

    def has_extension(self, name: str) -> bool:
        return self.extensions().get(name) is not None

    def create_extension(self, name: str, **options: Any) -> None:
        self.execute(*CreateExtensionExpression(self.dialect, name, **options).to_sql())  # type: ignore[attr-defined]
        self.extensions(refresh=True)


class AsyncExtensionsMixin(_ExtensionCache):
    async def extensions(self, refresh: bool = False) -> dict[str, Optional[str]]:
        cached = None if refresh else self._cached_extensions()
        if cached is None:
            rows = await self.fetch_all(EXTENSIONS_SQL)  # type: ignore[attr-defined]
            cached = self._store_extensions(rows)
        return cached

    async def has_extension(self, name: str) -> bool:
        return (await self.extensions()).get(name) is not None

    async def create_extension(self, name: str, **options: Any) -> None:
        await self.execute(*CreateExtensionExpression(self.dialect, name, **options).to_sql())  # type: ignore[attr-defined]
        await self.extensions(refresh=True)
