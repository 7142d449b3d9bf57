"""CREATE FUNCTION and CREATE TRIGGER as PostgreSQL writes them.

- ``CREATE OR REPLACE FUNCTION name(args) RETURNS type LANGUAGE lang AS $tag$body$tag$``, with a
  dollar-quote tag the body does not contain.
- ``CREATE TRIGGER ... EXECUTE FUNCTION name()`` (the core writes ``EXECUTE "name"``, which no
  PostgreSQL accepts); the WHEN condition's literals are inline.
"""

from __future__ import annotations

import re

from .options import check_options, checked, unsupported

_TYPE = re.compile(r"[A-Za-z0-9_\s(),.\[\]]+")
_LANGUAGE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def dollar_quote(body: str) -> str:
    tag, n = "$$", 0
    while tag in body or (body.endswith("$") and tag == "$$"):
        n += 1
        tag = f"$fn{n}$"
    return f"{tag}{body}{tag}"


def _type(text: str, what: str) -> str:
    if not _TYPE.fullmatch(text):
        raise ValueError(f"PostgreSQL CREATE FUNCTION: invalid {what} {text!r}")
    return text


class PostgresRoutinesMixin:
    def format_create_function_statement(self, expr) -> tuple[str, tuple]:
        check_options("CREATE FUNCTION", expr.dialect_options, ())
        ident = self.format_identifier  # type: ignore[attr-defined]
        args = []
        for p in expr.parameters or ():
            name, ptype = p.get("name", ""), _type(p.get("type", ""), "parameter type")
            args.append(f"{ident(name)} {ptype}" if name else ptype)
        parts = ["CREATE OR REPLACE FUNCTION" if expr.or_replace else "CREATE FUNCTION"]
        parts.append(f"{ident(expr.function_name)}({', '.join(args)})")
        if expr.returns:
            parts.append(f"RETURNS {_type(expr.returns, 'return type')}")
        if expr.language:
            parts.append(f"LANGUAGE {checked(_LANGUAGE, expr.language, 'CREATE FUNCTION language')}")
        parts.append(f"AS {dollar_quote(expr.body or '')}")
        return " ".join(parts), ()

    def format_create_trigger_statement(self, expr) -> tuple[str, tuple]:
        check_options("CREATE TRIGGER", expr.dialect_options, ())
        if expr.if_not_exists:
            raise unsupported(
                self, "CREATE TRIGGER IF NOT EXISTS", "DROP TRIGGER IF EXISTS first, or CREATE OR REPLACE"
            )
        sql, params = self.inline_ddl(  # type: ignore[attr-defined]
            lambda: super(PostgresRoutinesMixin, self).format_create_trigger_statement(expr)  # type: ignore[misc]
        )
        tail = f" EXECUTE {self.format_identifier(expr.function_name)}"  # type: ignore[attr-defined]
        if not sql.endswith(tail):  # the core's layout changed: refuse rather than guess
            raise ValueError(f"unexpected CREATE TRIGGER layout from the core: {sql[-80:]!r}")
        return sql[: -len(tail)] + f" EXECUTE FUNCTION {self.format_identifier(expr.function_name)}()", params  # type: ignore[attr-defined]
