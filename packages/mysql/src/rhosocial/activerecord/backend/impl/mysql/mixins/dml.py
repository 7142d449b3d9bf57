"""Upsert as ON DUPLICATE KEY UPDATE.

The portable ``OnConflictClause`` names the proposed row ``excluded`` (as PostgreSQL and
SQLite do). MySQL >= 8.0.19 gets a row alias with that very name (``AS excluded``), so
``excluded.col`` works as written; MariaDB and older MySQL get ``VALUES(col)`` instead.
MySQL cannot pick the conflict target: any unique key fires, so a target is accepted and
documented as ignored. DO NOTHING becomes a no-op assignment, which (unlike INSERT IGNORE)
does not turn other errors into warnings.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import bases
from rhosocial.activerecord.backend.expression.statements import DefaultValuesSource, ValuesSource

ROW_ALIAS = "excluded"
_EXCLUDED_REF = re.compile(r"`excluded`\.(`(?:[^`]|``)+`)", re.IGNORECASE)


# InsertExpression.dialect_options keys -> the verb they make (never silently ignored).
INSERT_VERBS = {"ignore": "INSERT IGNORE INTO", "replace": "REPLACE INTO"}


class MySQLDMLMixin:
    def format_insert_statement(self, expr: Any) -> tuple[str, tuple]:
        options = dict(expr.dialect_options or {})
        unknown = sorted(set(options) - set(INSERT_VERBS))
        if unknown:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"INSERT dialect_options {unknown}",
                f"known: {sorted(INSERT_VERBS)}; nothing was sent.",
            )
        chosen = [key for key in INSERT_VERBS if options.get(key)]
        if len(chosen) > 1:
            raise ValueError("INSERT dialect_options 'ignore' and 'replace' exclude each other")
        if chosen == ["replace"] and expr.on_conflict:
            raise ValueError("REPLACE INTO has no ON DUPLICATE KEY UPDATE; drop on_conflict or 'replace'")
        if isinstance(expr.source, DefaultValuesSource):
            # MySQL/MariaDB have no DEFAULT VALUES; "() VALUES ()" inserts a row of defaults.
            expr = copy.copy(expr)
            expr.columns, expr.source = [], ValuesSource(expr.dialect, [[]])
        sql, params = super().format_insert_statement(expr)  # type: ignore[misc]
        if chosen:
            sql = INSERT_VERBS[chosen[0]] + sql[len("INSERT INTO") :]
        return sql, params

    def get_upsert_syntax_type(self) -> str:
        return "ON DUPLICATE KEY"

    def uses_upsert_row_alias(self) -> bool:
        return self.capable("upsert_row_alias")  # type: ignore[attr-defined]

    def format_on_conflict_clauses(self, expr: Any) -> tuple[str, tuple]:
        if not expr.on_conflict:
            return "", ()
        if len(expr.on_conflict) > 1:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                "multiple ON CONFLICT clauses",
                "MySQL has one ON DUPLICATE KEY UPDATE per INSERT and it fires on any unique key.",
            )
        clause = expr.on_conflict[0]
        if clause.update_where is not None:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                "ON CONFLICT ... DO UPDATE ... WHERE",
                "Use IF()/CASE in the assignment instead; MySQL has no conditional upsert.",
            )
        return self.format_on_conflict_clause_for(clause, list(expr.columns or []))

    def format_on_conflict_clause(self, clause: Any) -> tuple[str, tuple]:
        return self.format_on_conflict_clause_for(clause, [])

    def format_on_conflict_clause_for(self, clause: Any, insert_columns: list[str]) -> tuple[str, tuple]:
        fmt = self.format_identifier  # type: ignore[attr-defined]
        params: list = []
        if clause.do_nothing or not clause.update_assignments:
            target = _first_name(clause.conflict_target) or (insert_columns[0] if insert_columns else None)
            if target is None:
                raise UnsupportedFeatureError(
                    self.server_label,  # type: ignore[attr-defined]
                    "DO NOTHING without a column",
                    "Give a conflict target or insert column so a no-op assignment can be written.",
                )
            body = f"{fmt(target)} = {fmt(target)}"
        else:
            parts = []
            for column, value in clause.update_assignments.items():
                if isinstance(value, bases.BaseExpression):
                    sql, p = value.to_sql()
                    parts.append(f"{fmt(column)} = {self._proposed_row_refs(sql)}")
                    params.extend(p)
                else:
                    parts.append(f"{fmt(column)} = {self.get_parameter_placeholder()}")  # type: ignore[attr-defined]
                    params.append(value)
            body = ", ".join(parts)
        prefix = f"AS {fmt(ROW_ALIAS)} " if self.uses_upsert_row_alias() else ""
        return f"{prefix}ON DUPLICATE KEY UPDATE {body}", tuple(params)

    def _proposed_row_refs(self, sql: str) -> str:
        if self.uses_upsert_row_alias():
            return sql
        return _EXCLUDED_REF.sub(lambda m: f"VALUES({m.group(1)})", sql)

    def upsert_value(self, column: str) -> str:
        """SQL for the value the INSERT proposed for ``column`` (for raw-SQL users)."""
        if self.uses_upsert_row_alias():
            return f"{self.format_identifier(ROW_ALIAS)}.{self.format_identifier(column)}"  # type: ignore[attr-defined]
        return f"VALUES({self.format_identifier(column)})"  # type: ignore[attr-defined]


def _first_name(target: Any) -> Any:
    if not target:
        return None
    first = target[0]
    return first if isinstance(first, str) else getattr(first, "name", None)
