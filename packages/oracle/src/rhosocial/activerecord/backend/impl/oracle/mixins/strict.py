"""Options the core's objects carry that Oracle has no spelling for: refused by name, never dropped.

Found by the option-coverage check (issue #9 item 2): each formatter here either renders the option
the Oracle way or raises ``UnsupportedFeatureError``, then hands over to the formatter behind it.
Statement kinds this dialect does not render at all (schemas, PL/SQL functions and triggers from the
core's objects, QUALIFY, LATERAL, temporal tables) raise the same error instead of an
``AttributeError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

from ._host import DialectHost


def refuse_options(dialect: str, what: str, options: Optional[Mapping[str, Any]], known: Iterable[str] = ()) -> None:
    """Unknown ``dialect_options`` keys are an error (an option the caller thinks took effect)."""
    unknown = sorted(set(options or {}) - set(known))
    if unknown:
        raise UnsupportedFeatureError(dialect, f"{what} dialect_options {unknown}")


def constraint_state(deferrable: Optional[bool], initially_deferred: Optional[bool]) -> str:
    """Oracle's constraint_state: ``[NOT] DEFERRABLE [INITIALLY {IMMEDIATE|DEFERRED}]``."""
    parts = []
    if deferrable is not None:
        parts.append("DEFERRABLE" if deferrable else "NOT DEFERRABLE")
    if initially_deferred is not None:
        parts.append("INITIALLY DEFERRED" if initially_deferred else "INITIALLY IMMEDIATE")
    return " ".join(parts)


class OracleStrictMixin(DialectHost):
    # --- queries and DML: unknown dialect_options --------------------------------------------
    def format_query_statement(self, expr: Any) -> tuple[str, tuple]:
        refuse_options(
            self.name, "SELECT", getattr(expr, "dialect_options", None), known=("connect_by", "pivot", "unpivot")
        )
        return super().format_query_statement(expr)  # type: ignore[misc]

    def format_for_update_clause(self, clause: Any) -> tuple[str, tuple]:
        refuse_options(self.name, "FOR UPDATE", getattr(clause, "dialect_options", None), known=("wait",))
        return super().format_for_update_clause(clause)  # type: ignore[misc]

    def format_join_expression(self, join_expr: Any) -> tuple[str, tuple]:
        refuse_options(self.name, "JOIN", getattr(join_expr, "dialect_options", None))
        return super().format_join_expression(join_expr)  # type: ignore[misc]

    def format_with_query(
        self,
        cte_sql_parts: list,
        main_query_sql: str,
        dialect_options: Optional[dict] = None,
        has_recursive: bool = False,
    ) -> str:
        # RECURSIVE has no keyword in Oracle: a CTE naming itself (with a column list) is recursive.
        refuse_options(self.name, "WITH", dialect_options)
        return super().format_with_query(cte_sql_parts, main_query_sql, dialect_options, has_recursive)  # type: ignore[misc]

    def format_insert_statement(self, expr: Any) -> tuple[str, tuple]:
        refuse_options(self.name, "INSERT", getattr(expr, "dialect_options", None))
        return super().format_insert_statement(expr)  # type: ignore[misc]

    def format_update_statement(self, expr: Any) -> tuple[str, tuple]:
        refuse_options(self.name, "UPDATE", getattr(expr, "dialect_options", None))
        return super().format_update_statement(expr)  # type: ignore[misc]

    def format_delete_statement(self, expr: Any) -> tuple[str, tuple]:
        refuse_options(self.name, "DELETE", getattr(expr, "dialect_options", None))
        return super().format_delete_statement(expr)  # type: ignore[misc]

    def format_returning_into(self, clause: Any, table_sql: str) -> tuple[str, tuple]:
        if getattr(clause, "alias", None):
            raise UnsupportedFeatureError(self.name, "RETURNING ... alias", "name the returned columns instead")
        refuse_options(self.name, "RETURNING", getattr(clause, "dialect_options", None))
        return super().format_returning_into(clause, table_sql)  # type: ignore[misc]

    # --- EXPLAIN ----------------------------------------------------------------------------------
    def format_explain_statement(self, expr: Any) -> tuple[str, tuple]:
        from rhosocial.activerecord.backend.expression.statements import ExplainOptions

        options = getattr(expr, "options", None)
        if options is not None and options != ExplainOptions():
            raise UnsupportedFeatureError(
                self.name, "EXPLAIN options", "EXPLAIN PLAN takes none; read the plan with DBMS_XPLAN"
            )
        return super().format_explain_statement(expr)  # type: ignore[misc]

    # --- statement kinds not rendered from the core's objects --------------------------------------
    def format_qualify_clause(self, clause: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(self.name, "QUALIFY", "filter a window function in an outer query")

    def format_temporal_options(self, options: Any) -> tuple[str, tuple]:
        # Reached only where no flashback applies: a SELECT's tables are rendered by
        # query_clauses.FlashbackTable (AS OF before the alias); DML targets have no AS OF.
        raise UnsupportedFeatureError(
            self.name,
            f"temporal table options {sorted(options) if isinstance(options, dict) else options} here",
            "Oracle reads a table AS OF TIMESTAMP/SCN in a SELECT's FROM only (as_of_timestamp / as_of_scn)",
        )

    def format_lateral_expression(self, *args: Any, **kwargs: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(self.name, "LATERAL from the core's LateralExpression")

    def format_create_schema_statement(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(self.name, "CREATE SCHEMA", "an Oracle schema is a user: CREATE USER")

    def format_drop_schema_statement(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(self.name, "DROP SCHEMA", "an Oracle schema is a user: DROP USER")

    def format_create_function_statement(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(self.name, "CREATE FUNCTION from the core's object", "write the PL/SQL")

    def format_drop_function_statement(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(self.name, "DROP FUNCTION from the core's object", "write the PL/SQL")

    def format_create_trigger_statement(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(self.name, "CREATE TRIGGER from the core's object", "write the PL/SQL")

    def format_drop_trigger_statement(self, expr: Any) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(self.name, "DROP TRIGGER from the core's object", "write the PL/SQL")

    def format_truncate_statement(self, expr: Any) -> tuple[str, tuple]:
        if getattr(expr, "restart_identity", False):
            raise UnsupportedFeatureError(
                self.name, "TRUNCATE ... RESTART IDENTITY", "ALTER TABLE ... MODIFY (col GENERATED ... (START WITH 1))"
            )
        refuse_options(self.name, "TRUNCATE", getattr(expr, "dialect_options", None))
        cascade = " CASCADE" if getattr(expr, "cascade", False) else ""  # 12c+: ON DELETE CASCADE children
        return f"TRUNCATE TABLE {self.format_identifier(expr.table_name)}{cascade}", ()
