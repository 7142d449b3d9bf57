"""CREATE / DROP INDEX in PostgreSQL's grammar order, with CONCURRENTLY, storage parameters and
NULLS NOT DISTINCT; literals in the predicate are inline.

``CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table [USING method] (keys)
[INCLUDE (...)] [NULLS NOT DISTINCT] [WITH (...)] [TABLESPACE ts] [WHERE predicate]``

CONCURRENTLY cannot run inside a transaction block; the server says so (SQLSTATE 25001) and the error
reaches the caller: the keyword is never dropped to make the statement "work".
"""

from __future__ import annotations

import re

from rhosocial.activerecord.backend.expression.bases import ToSQLProtocol

from .options import check_options, storage_parameters

INDEX_OPTIONS = ("with", "nulls_not_distinct", "opclasses")
_OPCLASS = re.compile(r"^[A-Za-z_][\w.]*$")
DROP_INDEX_OPTIONS = ("concurrent", "cascade")


class PostgresIndexMixin:
    def format_create_index_statement(self, expr) -> tuple[str, tuple]:
        options = check_options("CREATE INDEX", expr.dialect_options, INDEX_OPTIONS)
        return self.inline_ddl(lambda: self._create_index_sql(expr, options))  # type: ignore[attr-defined]

    def _create_index_sql(self, expr, options: dict) -> tuple[str, tuple]:
        ident = self.format_identifier  # type: ignore[attr-defined]
        params: list = []
        parts = ["CREATE UNIQUE INDEX" if expr.unique else "CREATE INDEX"]
        if expr.concurrent:
            parts.append("CONCURRENTLY")
        if expr.if_not_exists:
            parts.append("IF NOT EXISTS")
        parts += [ident(expr.index_name), "ON", ident(expr.table_name)]
        if expr.index_type:
            method = str(expr.index_type).upper()
            if method not in self.get_supported_index_types():  # type: ignore[attr-defined]
                raise ValueError(f"PostgreSQL CREATE INDEX: unknown index method {expr.index_type!r}")
            parts.append(f"USING {method}")
        keys = []
        opclasses = dict(options.get("opclasses") or {})  # key column name -> operator class
        for column in expr.columns:
            if isinstance(column, ToSQLProtocol):
                sql, p = column.to_sql()
                # A plain column is a key as it is; any other expression needs its own parentheses.
                keys.append(sql if type(column).__name__ == "Column" else f"({sql})")
                params.extend(p)
                name = getattr(column, "name", None)
            else:
                name = str(column)
                keys.append(ident(name))
            opclass = opclasses.pop(name, None) if name is not None else None
            if opclass is not None:
                if not _OPCLASS.match(str(opclass)):
                    raise ValueError(f"PostgreSQL CREATE INDEX: operator class {opclass!r} is not a plain name")
                keys[-1] += f" {opclass}"
        if opclasses:
            raise ValueError(f"PostgreSQL CREATE INDEX: opclasses for columns not in the index: {sorted(opclasses)}")
        parts.append(f"({', '.join(keys)})")
        if expr.include:
            parts.append(f"INCLUDE ({', '.join(ident(c) for c in expr.include)})")
        if options.get("nulls_not_distinct"):
            self.require_capability("unique_nulls_not_distinct")  # type: ignore[attr-defined]
            parts.append("NULLS NOT DISTINCT")
        if options.get("with"):
            parts.append(storage_parameters(options["with"], self.sql_literal))  # type: ignore[attr-defined]
        if expr.tablespace:
            parts.append(f"TABLESPACE {ident(expr.tablespace)}")
        if expr.where is not None:
            sql, p = expr.where.to_sql()
            parts.append(f"WHERE {sql}")
            params.extend(p)
        return " ".join(parts), tuple(params)

    def format_drop_index_statement(self, expr) -> tuple[str, tuple]:
        """``DROP INDEX [CONCURRENTLY] [IF EXISTS] name [CASCADE]``.

        ``table_name`` is not rendered: PostgreSQL names an index by itself (unique within its schema),
        and ``DROP INDEX ... ON table`` is not its syntax.
        """
        options = check_options("DROP INDEX", expr.dialect_options, DROP_INDEX_OPTIONS)
        parts = ["DROP INDEX"]
        if options.get("concurrent"):
            parts.append("CONCURRENTLY")
        if expr.if_exists:
            parts.append("IF EXISTS")
        parts.append(self.format_identifier(expr.index_name))  # type: ignore[attr-defined]
        if options.get("cascade"):
            parts.append("CASCADE")
        return " ".join(parts), ()
