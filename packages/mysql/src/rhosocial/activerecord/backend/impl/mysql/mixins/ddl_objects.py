"""Views, schemas (databases), TRUNCATE and DROP TABLE in MySQL's grammar.

MySQL parses ``CASCADE``/``RESTRICT`` on DROP TABLE and DROP VIEW and ignores them, so asking for
CASCADE is refused rather than silently not cascading. Where MySQL's plain statement already has
the asked semantics it is written plainly: DROP DATABASE always drops the contents (CASCADE), and
TRUNCATE always resets AUTO_INCREMENT (RESTART IDENTITY).

CREATE VIEW: ``CREATE [OR REPLACE] [ALGORITHM = a] [DEFINER = 'u'@'h'] [SQL SECURITY s] VIEW v
[(cols)] AS query [WITH {CASCADED | LOCAL} CHECK OPTION]``; other ViewOptions have no spelling.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

# ViewOptions fields MySQL has no spelling for (name -> label in the error)
_VIEW_REFUSED = {
    "schemabinding": "WITH SCHEMABINDING",
    "encryption": "WITH ENCRYPTION",
    "materialized": "materialized views",
    "recursive": "RECURSIVE views",
    "force": "FORCE",
    "read_only": "WITH READ ONLY",
}


class MySQLObjectDDLMixin:
    def _refuse(self, *labels: str) -> None:
        if labels:
            raise UnsupportedFeatureError(self.server_label, ", ".join(labels))  # type: ignore[attr-defined]

    def format_create_view_statement(self, expr: Any) -> tuple[str, tuple]:
        options = expr.options
        self._refuse(
            *(["TEMPORARY views"] if expr.temporary else []),
            *(label for name, label in _VIEW_REFUSED.items() if getattr(options, name, False)),
        )
        self._refuse_options("CREATE VIEW", options.dialect_options)  # type: ignore[attr-defined]
        return self._inline(lambda: self._create_view_sql(expr))  # type: ignore[attr-defined]

    def _create_view_sql(self, expr: Any) -> tuple[str, tuple]:
        from rhosocial.activerecord.backend.expression.statements import ViewCheckOption

        from .ddl_table import mysql_literal

        options = expr.options
        fmt = self.format_identifier  # type: ignore[attr-defined]
        parts = ["CREATE OR REPLACE" if expr.replace else "CREATE"]
        if options.algorithm is not None:
            parts.append(f"ALGORITHM = {options.algorithm.value}")
        if options.definer:
            user, _, host = options.definer.partition("@")
            parts.append(f"DEFINER = {mysql_literal(user)}@{mysql_literal(host or '%')}")
        if options.security:
            security = options.security.upper()
            if security not in ("DEFINER", "INVOKER"):
                raise ValueError(f"SQL SECURITY must be DEFINER or INVOKER, not {options.security!r}")
            parts.append(f"SQL SECURITY {security}")
        parts.append(f"VIEW {fmt(expr.view_name)}")
        if expr.column_aliases:
            names = [getattr(a, "alias", None) or getattr(a, "name", a) for a in expr.column_aliases]
            parts.append(f"({', '.join(fmt(n) for n in names)})")
        query_sql, params = expr.query.to_sql()
        parts.append(f"AS {query_sql}")
        if options.check_option == ViewCheckOption.LOCAL:
            parts.append("WITH LOCAL CHECK OPTION")
        elif options.check_option == ViewCheckOption.CASCADED:
            parts.append("WITH CASCADED CHECK OPTION")
        return " ".join(parts), tuple(params)

    def format_drop_view_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse(*(["DROP VIEW ... CASCADE (parsed and ignored by MySQL)"] if expr.cascade else []))
        head = "DROP VIEW IF EXISTS" if expr.if_exists else "DROP VIEW"
        return f"{head} {self.format_identifier(expr.view_name)}", ()  # type: ignore[attr-defined]

    def format_create_schema_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse(*(["CREATE SCHEMA ... AUTHORIZATION"] if expr.authorization else []))
        self._refuse_options("CREATE SCHEMA", expr.dialect_options)  # type: ignore[attr-defined]
        head = "CREATE SCHEMA IF NOT EXISTS" if expr.if_not_exists else "CREATE SCHEMA"
        return f"{head} {self.format_identifier(expr.schema_name)}", ()  # type: ignore[attr-defined]

    def format_drop_schema_statement(self, expr: Any) -> tuple[str, tuple]:
        # DROP DATABASE removes everything in it: CASCADE's meaning, without the keyword.
        self._refuse_options("DROP SCHEMA", expr.dialect_options)  # type: ignore[attr-defined]
        head = "DROP SCHEMA IF EXISTS" if expr.if_exists else "DROP SCHEMA"
        return f"{head} {self.format_identifier(expr.schema_name)}", ()  # type: ignore[attr-defined]

    def format_truncate_statement(self, expr: Any) -> tuple[str, tuple]:
        # TRUNCATE resets AUTO_INCREMENT in MySQL: RESTART IDENTITY's meaning, without the keyword.
        self._refuse(*(["TRUNCATE ... CASCADE"] if expr.cascade else []))
        self._refuse_options("TRUNCATE", expr.dialect_options)  # type: ignore[attr-defined]
        return f"TRUNCATE TABLE {self.format_identifier(expr.table_name)}", ()  # type: ignore[attr-defined]
