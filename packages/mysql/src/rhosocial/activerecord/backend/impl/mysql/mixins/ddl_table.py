"""CREATE/ALTER TABLE and column definitions in MySQL's grammar.

- ``is_auto_increment`` becomes the column attribute ``AUTO_INCREMENT``;
- a generated column is ``GENERATED ALWAYS AS (expr) [VIRTUAL | STORED]`` right after its type;
- literals inside DDL (CHECK, DEFAULT, generated expressions; a view's query in ddl_objects.py) are
  written into the text: DDL takes no bind parameters, and a prepared DDL statement refuses them;
- what MySQL has no spelling for (INHERITS, unknown ``dialect_options``) raises instead of vanishing.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression.core import FunctionCall, Literal
from rhosocial.activerecord.backend.expression.operators import RawSQLExpression
from rhosocial.activerecord.backend.toolkit.inline_literals import render_inline, render_literal
from rhosocial.activerecord.backend.toolkit.table_elements import table_elements

from ..galera import check_create_table

# ColumnDefinition.dialect_options: {"invisible": True} -> INVISIBLE (MySQL 8.0.23+, MariaDB 10.3.3+),
# left out of SELECT * and of an INSERT without a column list.
_COLUMN_OPTION_KEYS = frozenset({"invisible"})

# Table options (CreateTableExpression.storage_options) are written KEY=value; keys are words.
_OPTION_KEY = re.compile(r"[A-Za-z][A-Za-z_ ]*")
_OPTION_WORD = re.compile(r"[A-Za-z0-9_]+")
# Options whose value is a name (ENGINE=InnoDB); every other string value is a quoted literal.
_NAME_OPTIONS = {
    "ENGINE", "ROW_FORMAT", "CHARSET", "CHARACTER SET", "DEFAULT CHARSET", "DEFAULT CHARACTER SET",
    "COLLATE", "DEFAULT COLLATE", "INSERT_METHOD",
}  # fmt: skip


def mysql_literal(value: Any) -> str:
    """A value written as a MySQL literal (backslash escapes on, as in the default sql_mode)."""
    return render_literal(value, backslash_escapes=True)


# Defaults every MySQL/MariaDB version takes bare, without expression-default parentheses.
_TIMESTAMP_DEFAULTS = {"CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP"}


def _is_current_timestamp(value: Any) -> bool:
    return isinstance(value, FunctionCall) and value.func_name.upper() in _TIMESTAMP_DEFAULTS


def _hoisted(constraint: Any) -> bool:
    """A column constraint written at table level (see ``column_table_constraints``)."""
    from rhosocial.activerecord.backend.expression.statements import ColumnConstraintType as C

    kind = constraint.constraint_type
    return kind == C.FOREIGN_KEY or (bool(constraint.name) and kind in (C.CHECK, C.UNIQUE, C.PRIMARY_KEY))


class MySQLTableDDLMixin:
    # Set by the backend from its config (galera.py): "warn" / "error" for tables without a primary key.
    primary_key_policy: Optional[str] = None

    def _inline(self, build: Any) -> tuple[str, tuple]:
        return render_inline(build, mysql_literal)

    def _refuse_options(self, what: str, options: Any, known: frozenset = frozenset()) -> None:
        if not options:  # every statement a model builds
            return
        unknown = sorted(set(options) - known)
        if unknown:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"{what} dialect_options {unknown}",
                f"{self.name} has no rendering for these keys; nothing was sent.",  # type: ignore[attr-defined]
            )

    # -- statements ---------------------------------------------------------------------------
    def format_create_table_statement(self, expr: Any) -> tuple[str, tuple]:
        if expr.inherits:
            raise UnsupportedFeatureError(self.server_label, "CREATE TABLE ... INHERITS")  # type: ignore[attr-defined]
        self._refuse_options("CREATE TABLE", expr.dialect_options, self.create_table_option_keys)  # type: ignore[attr-defined]
        check_create_table(expr, self.primary_key_policy)
        if expr.dialect_options.get("like_table"):
            return self.format_create_table_like(expr)
        return self._inline(lambda: self._create_table_sql(expr))

    def format_create_table_like(self, expr: Any) -> tuple[str, tuple]:
        """``CREATE TABLE t LIKE source`` from ``dialect_options={"like_table": "source"}``."""
        extra = [
            name
            for name, present in (
                ("columns", bool(expr.columns)),
                ("table_constraints", bool(expr.table_constraints)),
                ("indexes", bool(expr.indexes)),
                ("storage_options", bool(expr.storage_options)),
                ("tablespace", bool(expr.tablespace)),
                ("partition", expr.partition is not None),
                ("as_query", expr.as_query is not None),
            )
            if present
        ]
        if extra:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"CREATE TABLE ... LIKE with {', '.join(extra)}",
                "LIKE copies the source's definition as is; alter the new table afterwards.",
            )
        head, params = self._create_table_head(expr)
        return f"{head} LIKE {self.format_identifier(expr.dialect_options['like_table'])}", params  # type: ignore[attr-defined]

    def _create_table_sql(self, expr: Any) -> tuple[str, tuple]:
        if expr.as_query is not None and not expr.columns:
            head, head_params = self._create_table_head(expr)
            query_sql, query_params = expr.as_query.to_sql()
            return f"{head} AS {query_sql}", head_params + tuple(query_params)
        parts, params = table_elements(self, expr, self.column_table_constraints)
        for index in expr.indexes:
            parts.append(self._inline_index_sql(index))
        head, head_params = self._create_table_head(expr)
        sql = f"{head} ({', '.join(parts)})"
        options = self._table_options_sql(expr)
        if options:
            sql += f" {options}"
        if expr.partition is not None:
            partition_sql, partition_params = expr.partition.to_sql()
            sql += partition_sql
            params.extend(partition_params)
        if expr.as_query is not None:
            query_sql, query_params = expr.as_query.to_sql()
            sql += f" AS {query_sql}"
            params.extend(query_params)
        return sql, head_params + tuple(params)

    def _create_table_head(self, expr: Any) -> tuple[str, tuple]:
        table_sql, table_params = expr.table.to_sql()
        temporary = "TEMPORARY " if expr.temporary else ""
        if_not_exists = "IF NOT EXISTS " if expr.if_not_exists else ""
        return f"CREATE {temporary}TABLE {if_not_exists}{table_sql}", tuple(table_params)

    def _table_options_sql(self, expr: Any) -> str:
        options = []
        for key, value in (expr.storage_options or {}).items():
            if not _OPTION_KEY.fullmatch(key):
                raise ValueError(f"invalid MySQL table option name {key!r}")
            name = " ".join(key.upper().split())
            if name in _NAME_OPTIONS:
                if not (isinstance(value, str) and _OPTION_WORD.fullmatch(value)):
                    raise ValueError(f"table option {name} takes a name, not {value!r}")
                written = value
            else:
                written = mysql_literal(value)
            options.append(f"{name}={written}")
        if expr.tablespace:
            self.require("table_tablespace")  # type: ignore[attr-defined]
            options.append(f"TABLESPACE {self.format_identifier(expr.tablespace)}")  # type: ignore[attr-defined]
        options.extend(self.extra_table_options(expr))  # type: ignore[attr-defined]  # flavour-specific
        return " ".join(options)

    def _inline_index_sql(self, index: Any) -> str:
        if index.partial_condition is not None or index.include_columns:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                "partial index / INCLUDE columns",
                "MySQL and MariaDB index every row and have no INCLUDE.",
            )
        self._refuse_options("index", index.dialect_options)
        kind = (index.type or "").upper()
        prefix, using = self._index_kind(kind, index.unique)  # type: ignore[attr-defined]
        columns = ", ".join(self.format_identifier(c) for c in index.columns)  # type: ignore[attr-defined]
        sql = f"{prefix}INDEX {self.format_identifier(index.name)} ({columns})"  # type: ignore[attr-defined]
        return f"{sql} USING {using}" if using else sql

    def format_alter_table_statement(self, expr: Any) -> tuple[str, tuple]:
        self._refuse_options("ALTER TABLE", expr.dialect_options)
        return self._inline(lambda: super(MySQLTableDDLMixin, self).format_alter_table_statement(expr))  # type: ignore[misc]

    # -- columns ------------------------------------------------------------------------------
    def format_column_definition(self, col_def: Any) -> tuple[str, tuple]:
        self._refuse_options(f"column {col_def.name!r}", col_def.dialect_options, _COLUMN_OPTION_KEYS)
        type_sql, _ = col_def.data_type.to_sql(self)
        sql = f"{self.format_identifier(col_def.name)} {type_sql}"  # type: ignore[attr-defined]
        params: list = []
        # AUTO_INCREMENT goes right after the type, the position every MySQL/MariaDB version accepts.
        if any(c.is_auto_increment for c in col_def.constraints):
            sql += " AUTO_INCREMENT"
        if col_def.generated_expression is not None:
            expr_sql, expr_params = col_def.generated_expression.to_sql()
            sql += f" GENERATED ALWAYS AS ({expr_sql})"
            params.extend(expr_params)
            if col_def.generated_type is not None:
                sql += f" {col_def.generated_type.value}"
        elif col_def.generated_type is not None:
            raise ValueError(f"column {col_def.name!r}: generated_type without generated_expression")
        for constraint in col_def.constraints:
            self._check_column_constraint(col_def.name, constraint)
            if _hoisted(constraint):
                continue  # written at table level by column_table_constraints()
            suffix, p = self.format_column_constraint(constraint)  # type: ignore[attr-defined]
            sql += suffix
            params.extend(p)
        if (col_def.dialect_options or {}).get("invisible"):
            self.require("invisible_columns")  # type: ignore[attr-defined]
            sql += " INVISIBLE"
        if col_def.comment:
            sql += f" COMMENT {mysql_literal(col_def.comment)}"
        return sql, tuple(params)

    def _check_column_constraint(self, column: str, constraint: Any) -> None:
        from rhosocial.activerecord.backend.expression.statements import ColumnConstraintType as C

        self._refuse_options(f"constraint on {column!r}", constraint.dialect_options)
        if constraint.deferrable is not None or constraint.initially_deferred is not None:
            raise UnsupportedFeatureError(self.server_label, "DEFERRABLE constraints")  # type: ignore[attr-defined]
        if constraint.name and constraint.constraint_type in (C.NOT_NULL, C.NULL, C.DEFAULT):
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"a name on a {constraint.constraint_type.value} column constraint",
            )

    def column_table_constraints(self, col_def: Any) -> list[tuple[str, tuple]]:
        """The column's constraints MySQL must see at table level.

        MySQL before 9.0 parses and ignores an inline REFERENCES, and a column constraint has
        no place for its name; both are written as table constraints instead.
        """
        from rhosocial.activerecord.backend.expression.statements import ColumnConstraintType as C

        fmt = self.format_identifier  # type: ignore[attr-defined]
        out = []
        for constraint in col_def.constraints:
            if not _hoisted(constraint):
                continue
            head = f"CONSTRAINT {fmt(constraint.name)} " if constraint.name else ""
            ctype = constraint.constraint_type
            if ctype == C.FOREIGN_KEY:
                body, params = self.format_column_fk_constraint(constraint)  # type: ignore[attr-defined]
                out.append((f"{head}FOREIGN KEY ({fmt(col_def.name)}){body}", tuple(params)))
            elif ctype == C.CHECK:
                body, params = self.format_column_check_constraint(constraint)  # type: ignore[attr-defined]
                out.append((f"{head}{body.strip()}", tuple(params)))
            else:  # named PRIMARY KEY / UNIQUE
                out.append((f"{head}{ctype.value} ({fmt(col_def.name)})", ()))
        return out

    def format_table_constraint_sql(self, t_const: Any) -> tuple[str, tuple]:
        from rhosocial.activerecord.backend.expression.statements import TableConstraintType

        self._refuse_options("table constraint", t_const.dialect_options)
        refused = [
            label
            for label, present in (
                ("EXCLUDE constraints", t_const.constraint_type == TableConstraintType.EXCLUDE),
                ("DEFERRABLE constraints", t_const.deferrable is not None or t_const.initially_deferred is not None),
                ("FOREIGN KEY ... MATCH", bool(getattr(t_const, "match_type", None))),
                (
                    f"a CHECK condition on a {t_const.constraint_type.value} constraint",
                    t_const.check_condition is not None and t_const.constraint_type != TableConstraintType.CHECK,
                ),
            )
            if present
        ]
        if refused:
            raise UnsupportedFeatureError(self.server_label, ", ".join(refused))  # type: ignore[attr-defined]
        return super().format_table_constraint_sql(t_const)  # type: ignore[misc]

    def format_default_constraint(self, constraint: Any) -> tuple[str, tuple]:
        value = constraint.default_value
        if value is None:
            raise ValueError("DEFAULT constraint must have a default value specified.")
        if not hasattr(value, "to_sql"):
            return f" DEFAULT {mysql_literal(value)}", ()
        sql, params = value.to_sql()
        if isinstance(value, (Literal, RawSQLExpression)) or _is_current_timestamp(value):
            return f" DEFAULT {sql}", tuple(params)
        # Any other expression is an expression default: MySQL 8.0.13+ wants it in parentheses.
        self.require("expression_default")  # type: ignore[attr-defined]
        return f" DEFAULT ({sql})", tuple(params)

    def format_column_check_constraint(self, constraint: Any) -> tuple[str, tuple]:
        self.require("check_constraints")  # type: ignore[attr-defined]  # older MySQL parses and ignores CHECK
        return super().format_column_check_constraint(constraint)  # type: ignore[misc]

    def format_table_check_constraint(self, t_const: Any) -> tuple[str, tuple]:
        self.require("check_constraints")  # type: ignore[attr-defined]
        return super().format_table_check_constraint(t_const)  # type: ignore[misc]
