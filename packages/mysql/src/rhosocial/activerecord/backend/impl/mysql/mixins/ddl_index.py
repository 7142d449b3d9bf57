"""CREATE/DROP INDEX in MySQL's grammar.

``CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX name ON t (key_part, ...) [USING {BTREE | HASH}]``;
an expression key part is written ``((expr))`` (MySQL 8.0.13+). Partial indexes, INCLUDE,
index tablespaces and CONCURRENTLY have no MySQL/MariaDB spelling and are refused.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression.core import Column

from .rendering import render_each

# index_type given by the user -> (keyword before INDEX, USING method after the key parts)
_KINDS: dict[str, tuple[str, str]] = {
    "": ("", ""),
    "BTREE": ("", "BTREE"),
    "HASH": ("", "HASH"),
    "FULLTEXT": ("FULLTEXT ", ""),
    "SPATIAL": ("SPATIAL ", ""),
    "VECTOR": ("VECTOR ", ""),  # MariaDB 11.7+; options M / DISTANCE from dialect_options (vector.py)
}


_FULLTEXT_MODES = {None: None, "NATURAL": None, "NATURAL LANGUAGE": None, "BOOLEAN": "BOOLEAN",
                   "QUERY EXPANSION": "QUERY EXPANSION", "WITH QUERY EXPANSION": "QUERY EXPANSION"}  # fmt: skip


class MySQLIndexMixin:
    def format_fulltext_match(self, columns: Any, search_term: str, mode: Any = None) -> tuple[str, tuple]:
        """MATCH ... AGAINST; an unknown ``mode`` raises (the core's version falls back to natural language)."""
        key = mode.upper() if isinstance(mode, str) else mode
        if key not in _FULLTEXT_MODES:
            raise ValueError(f"full-text mode {mode!r}: use None, 'NATURAL LANGUAGE', 'BOOLEAN' or 'QUERY EXPANSION'")
        return super().format_fulltext_match(columns, search_term, _FULLTEXT_MODES[key])  # type: ignore[misc]

    def get_supported_index_types(self) -> list[str]:
        return [kind for kind in _KINDS if kind]

    def _index_kind(self, kind: str, unique: bool) -> tuple[str, str]:
        if kind not in _KINDS:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"index type {kind}",
                f"{self.name} index types: {', '.join(self.get_supported_index_types())}.",  # type: ignore[attr-defined]
            )
        prefix, using = _KINDS[kind]
        if unique:
            if prefix:
                raise UnsupportedFeatureError(self.server_label, f"UNIQUE {prefix.strip()} index")  # type: ignore[attr-defined]
            prefix = "UNIQUE "
        return prefix, using

    def _refuse_index_options(self, expr: Any) -> None:
        refused = [
            label
            for label, present in (
                ("partial index (WHERE)", expr.where is not None),
                ("INCLUDE columns", bool(expr.include)),
                ("index TABLESPACE", bool(expr.tablespace)),
                ("CREATE INDEX CONCURRENTLY", bool(expr.concurrent)),
            )
            if present
        ]
        if refused:
            raise UnsupportedFeatureError(self.server_label, ", ".join(refused))  # type: ignore[attr-defined]
        if (expr.index_type or "").upper() != "VECTOR":  # a vector index's options are checked where rendered
            self._refuse_options("CREATE INDEX", expr.dialect_options)  # type: ignore[attr-defined]

    def _key_part(self, part: Any) -> tuple[str, tuple]:
        if isinstance(part, str):
            return self.format_identifier(part), ()  # type: ignore[attr-defined]
        if isinstance(part, Column) and not part.table and not getattr(part, "alias", None):
            return self.format_identifier(part.name), ()  # type: ignore[attr-defined]
        self.require("functional_index")  # type: ignore[attr-defined]
        sql, params = part.to_sql()
        return f"({sql})", tuple(params)

    def _index_head(self, verb: str, expr: Any) -> list[str]:
        """``verb [IF [NOT] EXISTS] name ON table`` (the guard: MariaDB 10.1.4+, refused elsewhere)."""
        parts = [verb]
        guard = "IF NOT EXISTS" if verb.startswith("CREATE") else "IF EXISTS"
        if getattr(expr, "if_not_exists" if verb.startswith("CREATE") else "if_exists", False):
            self.require("if_not_exists_index")  # type: ignore[attr-defined]
            parts.append(guard)
        fmt = self.format_identifier  # type: ignore[attr-defined]
        return [*parts, fmt(expr.index_name), "ON", fmt(expr.table_name)]

    def format_create_index_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_index_options(expr)
        return self._inline(lambda: self._create_index_sql(expr))  # type: ignore[attr-defined]

    def _create_index_sql(self, expr: Any) -> tuple[str, tuple]:
        prefix, using = self._index_kind((expr.index_type or "").upper(), expr.unique)
        parts = self._index_head(f"CREATE {prefix}INDEX", expr)
        keys, params = render_each(expr.columns, self._key_part)
        parts.append(f"({', '.join(keys)})")
        if using:
            parts.append(f"USING {using}")
        if prefix == "VECTOR ":
            from ..vector import vector_index_options

            options = vector_index_options(self, expr.dialect_options)
            parts += [options] if options else []
        return " ".join(parts), tuple(params)

    def format_drop_index_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_options("DROP INDEX", expr.dialect_options)  # type: ignore[attr-defined]
        if not expr.table_name:
            raise ValueError("MySQL/MariaDB DROP INDEX needs the table: give DropIndexExpression(table_name=...)")
        return " ".join(self._index_head("DROP INDEX", expr)), ()

    def format_create_fulltext_index_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_options("CREATE FULLTEXT INDEX", expr.dialect_options)  # type: ignore[attr-defined]
        parts = self._index_head("CREATE FULLTEXT INDEX", expr)
        fmt = self.format_identifier  # type: ignore[attr-defined]
        parts.append(f"({', '.join(fmt(c) for c in expr.columns)})")
        if expr.parser:
            # Parser plugins (ngram, MeCab) are installed per server; not claimed, so refused.
            raise UnsupportedFeatureError(self.server_label, f"FULLTEXT WITH PARSER {expr.parser}")  # type: ignore[attr-defined]
        return " ".join(parts), ()

    def format_drop_fulltext_index_statement(self, expr: Any) -> tuple[str, tuple]:
        return self.format_drop_index_statement(expr)
