"""PostgreSQL DDL the core has no statement for: enum types, domains, row-level security, VACUUM,
ANALYZE and REINDEX, as expressions rendered by the dialect (literals inline: DDL takes no parameters).

    CreateEnumTypeExpression(d, "mood", ["sad", "ok"])
    AlterEnumTypeExpression(d, "mood", add_value="happy", after="ok")
    AlterEnumTypeExpression(d, "mood", rename_value=("sad", "blue"))
    CreateDomainExpression(d, "positive_int", IntegerType(), check=domain_value(d) > Literal(d, 0))
    RowLevelSecurityExpression(d, "docs", enable=True, force=True)
    CreatePolicyExpression(d, "own_rows", "docs", using=Column(d, "owner") == RawSQLExpression(d, "current_user"))
    VacuumExpression(d, ["docs"], analyze=True);  AnalyzeExpression(d, ["docs"])
    ReindexExpression(d, "TABLE", "docs", concurrently=True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Optional, Union

from rhosocial.activerecord.backend.expression import RawSQLExpression
from rhosocial.activerecord.backend.expression.bases import BaseExpression
from rhosocial.activerecord.backend.schema import StatementType

_COMMANDS = ("ALL", "SELECT", "INSERT", "UPDATE", "DELETE")
_ROLE = re.compile(r"^[A-Za-z_][\w$]*$")


def domain_value(dialect: Any) -> RawSQLExpression:
    """``VALUE``: the value being checked in a domain's CHECK constraint."""
    return RawSQLExpression(dialect, "VALUE")


class _DDL(BaseExpression):
    _formatter = ""

    @property
    def statement_type(self) -> StatementType:
        return StatementType.DDL

    def to_sql(self) -> tuple[str, tuple]:
        return getattr(self.dialect, self._formatter)(self)


class CreateEnumTypeExpression(_DDL):
    _formatter = "format_create_enum_type_statement"

    def __init__(self, dialect: Any, name: str, labels: Sequence[str]) -> None:
        super().__init__(dialect)
        self.name, self.labels = name, list(labels)


class AlterEnumTypeExpression(_DDL):
    """``ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']`` or ``RENAME VALUE 'a' TO 'b'``."""

    _formatter = "format_alter_enum_type_statement"

    def __init__(
        self,
        dialect: Any,
        name: str,
        *,
        add_value: Optional[str] = None,
        before: Optional[str] = None,
        after: Optional[str] = None,
        if_not_exists: bool = False,
        rename_value: Optional[tuple[str, str]] = None,
    ) -> None:
        super().__init__(dialect)
        if (add_value is None) == (rename_value is None):
            raise ValueError("ALTER TYPE: give add_value or rename_value (one of them)")
        if before is not None and after is not None:
            raise ValueError("ALTER TYPE ADD VALUE: BEFORE or AFTER, not both")
        self.name, self.add_value, self.before, self.after = name, add_value, before, after
        self.if_not_exists, self.rename_value = if_not_exists, rename_value


class DropTypeExpression(_DDL):
    _formatter = "format_drop_type_statement"

    def __init__(self, dialect: Any, name: str, *, if_exists: bool = True, cascade: bool = False) -> None:
        super().__init__(dialect)
        self.name, self.if_exists, self.cascade = name, if_exists, cascade


class CreateDomainExpression(_DDL):
    """``CREATE DOMAIN name AS type [DEFAULT v] [NOT NULL] [CHECK (...)]``; ``check`` uses :func:`domain_value`."""

    _formatter = "format_create_domain_statement"

    def __init__(
        self,
        dialect: Any,
        name: str,
        data_type: Any,
        *,
        default: Any = None,
        not_null: bool = False,
        check: Optional[Any] = None,
        constraint_name: Optional[str] = None,
    ) -> None:
        super().__init__(dialect)
        self.name, self.data_type, self.default, self.not_null = name, data_type, default, not_null
        self.check, self.constraint_name = check, constraint_name


class RowLevelSecurityExpression(_DDL):
    """``ALTER TABLE t ENABLE|DISABLE ROW LEVEL SECURITY`` and/or ``[NO] FORCE ROW LEVEL SECURITY``."""

    _formatter = "format_row_level_security_statement"

    def __init__(self, dialect: Any, table: str, *, enable: Optional[bool] = True, force: Optional[bool] = None):
        super().__init__(dialect)
        if enable is None and force is None:
            raise ValueError("row level security: nothing to change (enable and force are both None)")
        self.table, self.enable, self.force = table, enable, force


class CreatePolicyExpression(_DDL):
    """``CREATE POLICY name ON table [AS RESTRICTIVE] [FOR cmd] [TO roles] [USING (...)] [WITH CHECK (...)]``."""

    _formatter = "format_create_policy_statement"

    def __init__(
        self,
        dialect: Any,
        name: str,
        table: str,
        *,
        command: str = "ALL",
        permissive: bool = True,
        roles: Optional[Sequence[str]] = None,
        using: Optional[Any] = None,
        with_check: Optional[Any] = None,
    ) -> None:
        super().__init__(dialect)
        if command.upper() not in _COMMANDS:
            raise ValueError(f"policy command {command!r} is not one of {_COMMANDS}")
        self.name, self.table, self.command, self.permissive = name, table, command.upper(), permissive
        self.roles, self.using, self.with_check = list(roles or []), using, with_check


class DropPolicyExpression(_DDL):
    _formatter = "format_drop_policy_statement"

    def __init__(self, dialect: Any, name: str, table: str, *, if_exists: bool = True) -> None:
        super().__init__(dialect)
        self.name, self.table, self.if_exists = name, table, if_exists


class VacuumExpression(_DDL):
    """``VACUUM [(FULL, ANALYZE, VERBOSE)] [tables]`` (cannot run inside a transaction block)."""

    _formatter = "format_vacuum_statement"

    def __init__(
        self,
        dialect: Any,
        tables: Sequence[str] = (),
        *,
        full: bool = False,
        analyze: bool = False,
        verbose: bool = False,
    ) -> None:
        super().__init__(dialect)
        self.tables, self.full, self.analyze, self.verbose = list(tables), full, analyze, verbose


class AnalyzeExpression(_DDL):
    _formatter = "format_analyze_statement"

    def __init__(self, dialect: Any, tables: Sequence[str] = (), *, verbose: bool = False) -> None:
        super().__init__(dialect)
        self.tables, self.verbose = list(tables), verbose


class ReindexExpression(_DDL):
    """``REINDEX [(VERBOSE)] INDEX|TABLE|SCHEMA|DATABASE [CONCURRENTLY] name``."""

    _formatter = "format_reindex_statement"

    def __init__(self, dialect: Any, kind: str, name: str, *, concurrently: bool = False) -> None:
        super().__init__(dialect)
        if kind.upper() not in ("INDEX", "TABLE", "SCHEMA", "DATABASE"):
            raise ValueError(f"REINDEX {kind!r}: one of INDEX, TABLE, SCHEMA, DATABASE")
        self.kind, self.name, self.concurrently = kind.upper(), name, concurrently


Predicate = Union[BaseExpression, None]


class PostgresDDLObjectsMixin:
    def _inline(self, expr: Predicate) -> str:
        sql, _ = self.inline_ddl(lambda: expr.to_sql())  # type: ignore[attr-defined,union-attr]
        return sql

    def format_create_enum_type_statement(self, expr: CreateEnumTypeExpression) -> tuple[str, tuple]:
        labels = ", ".join(self.sql_literal(str(v)) for v in expr.labels)  # type: ignore[attr-defined]
        return f"CREATE TYPE {self.format_identifier(expr.name)} AS ENUM ({labels})", ()  # type: ignore[attr-defined]

    def format_alter_enum_type_statement(self, expr: AlterEnumTypeExpression) -> tuple[str, tuple]:
        lit = self.sql_literal  # type: ignore[attr-defined]
        head = f"ALTER TYPE {self.format_identifier(expr.name)}"  # type: ignore[attr-defined]
        if expr.rename_value is not None:
            old, new = expr.rename_value
            return f"{head} RENAME VALUE {lit(old)} TO {lit(new)}", ()
        sql = f"{head} ADD VALUE {'IF NOT EXISTS ' if expr.if_not_exists else ''}{lit(expr.add_value)}"
        if expr.before is not None:
            sql += f" BEFORE {lit(expr.before)}"
        if expr.after is not None:
            sql += f" AFTER {lit(expr.after)}"
        return sql, ()

    def format_drop_type_statement(self, expr: DropTypeExpression) -> tuple[str, tuple]:
        sql = f"DROP TYPE {'IF EXISTS ' if expr.if_exists else ''}{self.format_identifier(expr.name)}"  # type: ignore[attr-defined]
        return sql + (" CASCADE" if expr.cascade else ""), ()

    def format_create_domain_statement(self, expr: CreateDomainExpression) -> tuple[str, tuple]:
        data_type = expr.data_type
        type_sql = data_type if isinstance(data_type, str) else self.format_data_type(data_type)[0]  # type: ignore[attr-defined]
        parts = [f"CREATE DOMAIN {self.format_identifier(expr.name)} AS {type_sql}"]  # type: ignore[attr-defined]
        if expr.default is not None:
            parts.append(f"DEFAULT {self.sql_literal(expr.default)}")  # type: ignore[attr-defined]
        if expr.not_null:
            parts.append("NOT NULL")
        if expr.check is not None:
            name = f"CONSTRAINT {self.format_identifier(expr.constraint_name)} " if expr.constraint_name else ""  # type: ignore[attr-defined]
            parts.append(f"{name}CHECK ({self._inline(expr.check)})")
        return " ".join(parts), ()

    def format_row_level_security_statement(self, expr: RowLevelSecurityExpression) -> tuple[str, tuple]:
        actions = []
        if expr.enable is not None:
            actions.append(f"{'ENABLE' if expr.enable else 'DISABLE'} ROW LEVEL SECURITY")
        if expr.force is not None:
            actions.append(f"{'' if expr.force else 'NO '}FORCE ROW LEVEL SECURITY")
        return f"ALTER TABLE {self.format_identifier(expr.table)} {', '.join(actions)}", ()  # type: ignore[attr-defined]

    def format_create_policy_statement(self, expr: CreatePolicyExpression) -> tuple[str, tuple]:
        ident = self.format_identifier  # type: ignore[attr-defined]
        parts = [f"CREATE POLICY {ident(expr.name)} ON {ident(expr.table)}"]
        if not expr.permissive:
            parts.append("AS RESTRICTIVE")
        parts.append(f"FOR {expr.command}")
        if expr.roles:
            roles = []
            for role in expr.roles:
                if role.upper() in ("PUBLIC", "CURRENT_USER", "SESSION_USER", "CURRENT_ROLE"):
                    roles.append(role.upper())
                elif _ROLE.match(role):
                    roles.append(ident(role))
                else:
                    raise ValueError(f"policy role {role!r} is not a plain name")
            parts.append(f"TO {', '.join(roles)}")
        if expr.using is not None:
            parts.append(f"USING ({self._inline(expr.using)})")
        if expr.with_check is not None:
            parts.append(f"WITH CHECK ({self._inline(expr.with_check)})")
        return " ".join(parts), ()

    def format_drop_policy_statement(self, expr: DropPolicyExpression) -> tuple[str, tuple]:
        ident = self.format_identifier  # type: ignore[attr-defined]
        return f"DROP POLICY {'IF EXISTS ' if expr.if_exists else ''}{ident(expr.name)} ON {ident(expr.table)}", ()

    def _tables(self, tables: Sequence[str]) -> str:
        return (" " + ", ".join(self.format_identifier(t) for t in tables)) if tables else ""  # type: ignore[attr-defined]

    def format_vacuum_statement(self, expr: VacuumExpression) -> tuple[str, tuple]:
        options = [
            name for name, on in (("FULL", expr.full), ("ANALYZE", expr.analyze), ("VERBOSE", expr.verbose)) if on
        ]
        head = f"VACUUM ({', '.join(options)})" if options else "VACUUM"
        return head + self._tables(expr.tables), ()

    def format_analyze_statement(self, expr: AnalyzeExpression) -> tuple[str, tuple]:
        return ("ANALYZE (VERBOSE)" if expr.verbose else "ANALYZE") + self._tables(expr.tables), ()

    def format_reindex_statement(self, expr: ReindexExpression) -> tuple[str, tuple]:
        concurrently = " CONCURRENTLY" if expr.concurrently else ""  # 12+: every supported version
        return f"REINDEX {expr.kind}{concurrently} {self.format_identifier(expr.name)}", ()  # type: ignore[attr-defined]
