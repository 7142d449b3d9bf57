"""ALTER TABLE actions with PostgreSQL's IF [NOT] EXISTS modifiers, which the core's standard forms omit,
and full-text matching through tsvector/tsquery instead of MySQL's MATCH ... AGAINST."""

from __future__ import annotations


class PostgresDDLMixin:
    def format_add_column_action(self, action) -> tuple[str, tuple]:
        column_sql, params = self.format_column_definition(action.column)  # type: ignore[attr-defined]
        guard = "IF NOT EXISTS " if getattr(action, "if_not_exists", None) else ""
        return f"ADD COLUMN {guard}{column_sql}", tuple(params)

    def format_drop_table_constraint_action(self, action) -> tuple[str, tuple]:
        guard = "IF EXISTS " if getattr(action, "if_exists", None) else ""
        sql = f"DROP CONSTRAINT {guard}{self.format_identifier(action.constraint_name)}"  # type: ignore[attr-defined]
        if getattr(action, "cascade", None):
            sql += " CASCADE"
        return sql, ()

    def format_fulltext_match(self, columns: list[str], search_term: str, mode=None) -> tuple[str, tuple]:
        """``to_tsvector(a || ' ' || b) @@ plainto_tsquery(%s)``; BOOLEAN mode takes web-search syntax."""
        document = " || ' ' || ".join(f"coalesce({self.format_identifier(c)}::text, '')" for c in columns)  # type: ignore[attr-defined]
        parser = "websearch_to_tsquery" if mode and str(mode).upper() == "BOOLEAN" else "plainto_tsquery"
        return f"to_tsvector({document}) @@ {parser}(%s)", (search_term,)
