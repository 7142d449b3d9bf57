"""JSON access in PostgreSQL's form.

The core hands JSON paths in the SQL/JSON style other databases use (``$.a.b[0]``); PostgreSQL's
operators take a path array instead, so ``col->>'$.a.b[0]'`` becomes ``(col)::jsonb #>> '{a,b,0}'``.
The cast lets the same expression work on json, jsonb and JSON stored as text.
"""

from __future__ import annotations

import re

from rhosocial.activerecord.backend.expression import bases

_STEP = re.compile(r"\.([A-Za-z_][\w$]*)|\.\"((?:[^\"\\]|\\.)*)\"|\[(\d+)\]")


def path_elements(path: str) -> list[str]:
    """``$.a."b c"[0]`` -> ``['a', 'b c', '0']``; a bare key (``name``) is one element."""
    text = path.strip()
    if not text.startswith("$"):
        return [text] if text else []
    elements, at = [], 1
    while at < len(text):
        match = _STEP.match(text, at)
        if match is None:
            raise ValueError(f'unsupported JSON path {path!r} (use $.key, $."key" and [index] steps)')
        elements.append(next(g for g in match.groups() if g is not None))
        at = match.end()
    return elements


def path_literal(elements: list[str]) -> str:
    quoted = []
    for element in elements:
        if element == "" or re.search(r'[\s,{}"\\]', element):
            element = '"' + element.replace("\\", "\\\\").replace('"', '\\"') + '"'
        quoted.append(element)
    return "'{" + ",".join(quoted).replace("'", "''") + "}'"


class PostgresJSONMixin:
    def format_json_arrow_expression(self, expr) -> tuple[str, tuple]:
        if isinstance(expr.column, bases.BaseExpression):
            col_sql, params = expr.column.to_sql()
        else:
            col_sql, params = self.format_identifier(str(expr.column)), ()  # type: ignore[attr-defined]
        operator = "#>>" if expr.operation == "->>" else "#>"
        sql = f"({col_sql})::jsonb {operator} {path_literal(path_elements(expr.path))}"
        for target_type in expr.cast_types or ():
            sql, params = self.format_cast_expression(sql, target_type, params, None)  # type: ignore[attr-defined]
        if expr.alias:
            sql = f"{sql} AS {self.format_identifier(expr.alias)}"  # type: ignore[attr-defined]
        return sql, tuple(params)

    # PostgreSQL has no JSON_EXTRACT(); the operator form is its function form too.
    format_json_function_expression = format_json_arrow_expression

    def format_json_table_expression(self, json_col_sql, path, columns, alias, params) -> tuple[str, tuple]:
        self.require_capability("json_table")  # type: ignore[attr-defined]  # the error names the version
        # The core's JSONTableExpression hands over names it already quoted and its formatter quotes them
        # again ("""x"""): undo the first quoting so each column name is quoted once.
        columns = [{**c, "name": _unquoted(c["name"])} for c in columns]
        return super().format_json_table_expression(json_col_sql, path, columns, alias, params)  # type: ignore[misc]


def _unquoted(name: str) -> str:
    if len(name) >= 2 and name[0] == name[-1] == '"':
        return name[1:-1].replace('""', '"')
    return name
