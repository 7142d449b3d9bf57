"""The core's generic functions under Oracle's names.

Each rule takes the rendered argument list and returns Oracle SQL; everything else goes to the
core's formatter unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

from ._host import DialectHost

Rule = Callable[[list[str]], str]


def _extract(field: str) -> Rule:
    return lambda a: f"EXTRACT({field} FROM {a[0]})"


def _concat(args: list[str]) -> str:
    # Oracle's CONCAT takes exactly two arguments; || takes any number.
    return "(" + " || ".join(args) + ")" if len(args) != 2 else f"CONCAT({args[0]}, {args[1]})"


def _json_path(func: str) -> Rule:
    return lambda a: f"{func}({a[0]}, {a[1]})"


FUNCTION_RULES: dict[str, Rule] = {
    "SUBSTRING": lambda a: f"SUBSTR({', '.join(a)})",
    "STRPOS": lambda a: f"INSTR({a[0]}, {a[1]})",
    "POSITION": lambda a: f"INSTR({a[1]}, {a[0]})",
    "LEFT": lambda a: f"SUBSTR({a[0]}, 1, {a[1]})",
    "RIGHT": lambda a: f"SUBSTR({a[0]}, -({a[1]}))",
    "CHAR_LENGTH": lambda a: f"LENGTH({a[0]})",
    "CHARACTER_LENGTH": lambda a: f"LENGTH({a[0]})",
    "OCTET_LENGTH": lambda a: f"LENGTHB({a[0]})",
    "CONCAT": _concat,
    "NOW": lambda a: "SYSTIMESTAMP",
    "CURRENT_TIMESTAMP": lambda a: f"CURRENT_TIMESTAMP({a[0]})" if a else "CURRENT_TIMESTAMP",
    "LOCALTIMESTAMP": lambda a: f"LOCALTIMESTAMP({a[0]})" if a else "LOCALTIMESTAMP",
    "CURRENT_DATE": lambda a: "CURRENT_DATE",
    "CURRENT_TIME": lambda a: "CURRENT_TIMESTAMP",
    "YEAR": _extract("YEAR"),
    "MONTH": _extract("MONTH"),
    "DAY": _extract("DAY"),
    "HOUR": _extract("HOUR"),
    "MINUTE": _extract("MINUTE"),
    "SECOND": _extract("SECOND"),
    "IFNULL": lambda a: f"NVL({a[0]}, {a[1]})",
    "RANDOM": lambda a: "DBMS_RANDOM.VALUE",
    "RAND": lambda a: "DBMS_RANDOM.VALUE",
    "CEILING": lambda a: f"CEIL({a[0]})",
    "LOG10": lambda a: f"LOG(10, {a[0]})",
    "TRUNCATE": lambda a: f"TRUNC({', '.join(a)})",
    "JSON_EXTRACT": _json_path("JSON_QUERY"),
    "JSON_EXTRACT_PATH_TEXT": _json_path("JSON_VALUE"),
    "JSON_UNQUOTE": lambda a: a[0],
    "GROUP_CONCAT": lambda a: f"LISTAGG({a[0]}, {a[1] if len(a) > 1 else chr(39) + ',' + chr(39)})",
    "STRING_AGG": lambda a: f"LISTAGG({a[0]}, {a[1]})",
    # s repeated n times, exactly: n ASCII 'x' (RPAD pads by display width, 1 for 'x'), each replaced
    # by s. n <= 0 or s NULL gives NULL, which is Oracle's empty string.
    "REPEAT": lambda a: f"REPLACE(RPAD('x', {a[1]}, 'x'), 'x', {a[0]})",
}

# DATE_TRUNC fields with a TRUNC(date, fmt) of the same meaning; others are refused. TRUNC returns
# DATE (fractional seconds and time zone dropped, which truncation to a minute or more loses anyway).
TRUNC_FORMATS = {
    "year": "YYYY",
    "quarter": "Q",
    "month": "MM",
    "week": "IW",
    "day": "DD",
    "hour": "HH24",
    "minute": "MI",
}

_ARG = re.compile("\x01(\\d+)\x01")


def apply_rule(rule: Rule, rendered: list[tuple[str, tuple]]) -> tuple[str, tuple]:
    """The rule's SQL with each argument's parameters in the order the arguments appear in it."""
    template = rule([f"\x01{i}\x01" for i in range(len(rendered))])
    params: list[Any] = []

    def put(match: re.Match) -> str:
        sql, p = rendered[int(match.group(1))]
        params.extend(p)
        return sql

    return _ARG.sub(put, template), tuple(params)


def trunc_format(dialect: str, field: Any) -> str:
    name = str(getattr(field, "value", field)).lower()
    if name not in TRUNC_FORMATS:
        raise UnsupportedFeatureError(
            dialect, f"DATE_TRUNC to {name!r}", f"TRUNC covers {', '.join(TRUNC_FORMATS)} with the same meaning"
        )
    return TRUNC_FORMATS[name]


class OracleFunctionMixin(DialectHost):
    def format_function_call(self, expr: Any, filter_predicate: Optional[Any] = None) -> tuple[str, tuple]:
        name = expr.func_name.upper()
        rule = FUNCTION_RULES.get(name)
        if rule is None or getattr(expr, "is_distinct", False) or filter_predicate is not None:
            if name == "DATE_TRUNC":
                return self._date_trunc_call(expr)
            return super().format_function_call(expr, filter_predicate)  # type: ignore[misc]
        sql, params_tuple = apply_rule(rule, [arg.to_sql() for arg in expr.args])
        return self._modifiers(sql, list(params_tuple), expr)

    def _date_trunc_call(self, expr: Any) -> tuple[str, tuple]:
        """``FunctionCall("DATE_TRUNC", Literal(field), value)``: the field becomes TRUNC's format."""
        field = getattr(expr.args[0], "value", None) if expr.args else None
        if len(expr.args) != 2 or not isinstance(field, str):
            raise UnsupportedFeatureError(self.name, "DATE_TRUNC without a literal field name")
        fmt = trunc_format(self.name, field)
        sql, params = expr.args[1].to_sql()
        return self._modifiers(f"TRUNC({sql}, '{fmt}')", list(params), expr)

    def format_date_trunc_expression(self, expr: Any) -> tuple[str, tuple]:
        fmt = trunc_format(self.name, expr.field)
        source_sql, params = expr.source.to_sql()
        return self._apply_value_expression_modifiers(  # type: ignore[attr-defined]
            f"TRUNC({source_sql}, '{fmt}')", params, expr
        )

    def _modifiers(self, sql: str, params: list, expr: Any) -> tuple[str, tuple]:
        for target_type in expr.cast_types:
            sql, cast_params = self.format_cast_expression(sql, target_type, tuple(params), None)
            params = list(cast_params)
        if expr.alias:
            sql = f"{sql} AS {self.format_identifier(expr.alias)}"
        return sql, tuple(params)

    def format_json_function_expression(self, expr: Any) -> tuple[str, tuple]:
        """``->`` is JSON_QUERY (a JSON fragment), ``->>`` is JSON_VALUE (a scalar as text)."""
        if hasattr(expr.column, "to_sql"):
            col_sql, params = expr.column.to_sql()
        else:
            col_sql, params = self.format_identifier(str(expr.column)), ()
        path = self._escape_sql_string(expr.path)
        func = "JSON_QUERY" if expr.operation == "->" else "JSON_VALUE"
        sql = f"{func}({col_sql}, '{path}')"
        for target_type in expr.cast_types:
            sql, params = self.format_cast_expression(sql, target_type, params, None)
        if expr.alias:
            sql = f"{sql} AS {self.format_identifier(expr.alias)}"
        return sql, params

    def supports_json_arrow_operators(self) -> bool:
        # No -> / ->> in Oracle: JSONPathMode.ARROW is refused by the core, AUTO uses the functions above.
        return False

    def supports_json_type(self) -> bool:
        return True

    def supports_filter_clause(self) -> bool:
        return False

    def format_cast_expression(
        self, expr_sql: str, target_type: str, expr_params: tuple, alias: Optional[str] = None
    ) -> tuple[str, tuple]:
        # Core type names without an Oracle equivalent.
        mapped = CAST_TYPES.get(target_type.upper(), target_type)
        return super().format_cast_expression(expr_sql, mapped, expr_params, alias)  # type: ignore[misc]


CAST_TYPES = {
    "TEXT": "VARCHAR2(4000)",
    "VARCHAR": "VARCHAR2(4000)",
    "INTEGER": "NUMBER(19)",
    "INT": "NUMBER(19)",
    "BIGINT": "NUMBER(19)",
    "SIGNED": "NUMBER(19)",
    "REAL": "BINARY_DOUBLE",
    "DOUBLE PRECISION": "BINARY_DOUBLE",
    "BOOLEAN": "NUMBER(1)",
    "DATETIME": "TIMESTAMP",
}
