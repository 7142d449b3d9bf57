"""Predicates Oracle spells differently: IN lists over 1000, ILIKE, IS [NOT] TRUE/FALSE."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

from ._host import DialectHost

# ORA-01795: at most 1000 expressions in a list.
IN_LIST_LIMIT = 1000


class OraclePredicateMixin(DialectHost):
    def format_in_predicate_with_literal_values(self, expr: Any, literal_values: tuple) -> tuple[str, tuple]:
        expr_sql, expr_params = expr.to_sql()
        values = tuple(literal_values)
        if not values:
            return "1 = 0", ()  # "x IN ()" is a syntax error; an empty list matches nothing
        parts = []
        params: list[Any] = []
        for start in range(0, len(values), IN_LIST_LIMIT):
            chunk = values[start : start + IN_LIST_LIMIT]
            parts.append(f"{expr_sql} IN ({', '.join(self.get_parameter_placeholder() for _ in chunk)})")
            params.extend(expr_params)
            params.extend(chunk)
        sql = parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
        return sql, tuple(params)

    def supports_ilike(self) -> bool:
        return True

    def format_like_predicate(self, op: str, expr: Any, pattern: Any) -> tuple[str, tuple]:
        expr_sql, expr_params = expr.to_sql()
        pattern_sql, pattern_params = pattern.to_sql()
        upper = op.upper()
        if upper.endswith("ILIKE"):
            # No ILIKE in Oracle: compare upper-cased (NLS-aware) on both sides.
            negate = "NOT " if upper.startswith("NOT") else ""
            return f"UPPER({expr_sql}) {negate}LIKE UPPER({pattern_sql})", tuple(expr_params) + tuple(pattern_params)
        return f"{expr_sql} {op} {pattern_sql}", tuple(expr_params) + tuple(pattern_params)

    def format_ilike_expression(self, column: Any, pattern: str, negate: bool = False) -> tuple[str, tuple]:
        col_sql = self.format_identifier(column) if isinstance(column, str) else column.to_sql()[0]
        ph = self.get_parameter_placeholder()
        return f"UPPER({col_sql}) {'NOT ' if negate else ''}LIKE UPPER({ph})", (pattern,)

    def format_is_boolean_predicate(self, expr: Any, value: bool, is_not: bool) -> tuple[str, tuple]:
        # IS TRUE/FALSE only exists from 23ai; 1/0 compares with NUMBER(1) and BOOLEAN alike.
        expr_sql, params = expr.to_sql()
        target = 1 if value else 0
        if is_not:
            return f"({expr_sql} IS NULL OR {expr_sql} <> {target})", tuple(params) + tuple(params)
        return f"{expr_sql} = {target}", tuple(params)

    # --- ANY / ALL: Oracle wants ``expr op ANY (list or subquery)`` with the parentheses -----------
    def format_any_expression(self, expr: Any, op: str, array_expr: Any) -> tuple[str, tuple]:
        return self._quantified(expr, op, "ANY", array_expr)

    def format_all_expression(self, expr: Any, op: str, array_expr: Any) -> tuple[str, tuple]:
        return self._quantified(expr, op, "ALL", array_expr)

    def _quantified(self, expr: Any, op: str, quantifier: str, array_expr: Any) -> tuple[str, tuple]:
        expr_sql, expr_params = expr.to_sql()
        values = getattr(array_expr, "value", None)
        if isinstance(values, (list, tuple)):
            if not values:
                raise UnsupportedFeatureError(self.name, f"{quantifier} over an empty list")
            # Oracle binds no arrays into SQL: one bind per element.
            inner = ", ".join(self.get_parameter_placeholder() for _ in values)
            return f"({expr_sql} {op} {quantifier} ({inner}))", tuple(expr_params) + tuple(values)
        array_sql, array_params = array_expr.to_sql()
        if not array_sql.lstrip().startswith("("):
            array_sql = f"({array_sql})"
        return f"({expr_sql} {op} {quantifier} {array_sql})", tuple(expr_params) + tuple(array_params)
