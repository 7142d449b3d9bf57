"""Which of the core's function constructors render to something MySQL/MariaDB can run.

Data, not logic: a core function missing from ``UNSUPPORTED`` is available; entries say why not.
"""

from __future__ import annotations

import copy
from typing import Any

# core function name -> why MySQL/MariaDB cannot run what the core renders
UNSUPPORTED: dict[str, str] = {
    "initcap": "no INITCAP()",
    "overlay": "no OVERLAY() (INSERT() instead)",
    "translate": "no TRANSLATE()",
    "chr_": "CHR() is MariaDB-only; MySQL has CHAR()",
    "date_part": "no DATE_PART() (EXTRACT instead)",
    "date_trunc": "no DATE_TRUNC()",
    "json_build_object": "JSON_OBJECT() instead",
    "json_array_elements": "no set-returning JSON functions (JSON_TABLE instead)",
    "array_agg": "no arrays",
    "unnest": "no arrays",
    "array_length": "no arrays",
    "to_char": "DATE_FORMAT() instead",
    "to_number": "CAST instead",
    "to_date": "STR_TO_DATE() instead",
    "grouping_sets": "only GROUP BY ... WITH ROLLUP",
    "cube": "only GROUP BY ... WITH ROLLUP",
}

# SQL/XML constructors are expressions, not functions; no MySQL server has them.
_XML = {
    "xmlagg", "xmlattributes", "xmlcomment", "xmlconcat", "xmlelement", "xmlexists",
    "xmlforest", "xmlparse", "xmlpi", "xmlquery", "xmlroot", "xmlserialize", "xmltable",
}  # fmt: skip


# core function name -> (MySQL function, argument order): same meaning, another spelling.
RENAMED: dict[str, tuple[str, tuple[int, ...]]] = {
    "STRPOS": ("LOCATE", (1, 0)),  # STRPOS(str, sub) = LOCATE(sub, str)
}


class MySQLFunctionMixin:
    def format_function_call(self, expr: Any, *args: Any, **kwargs: Any) -> tuple[str, tuple]:
        renamed = RENAMED.get(getattr(expr, "func_name", "").upper())
        if renamed is not None and len(expr.args) == len(renamed[1]):
            name, order = renamed
            original, expr = expr, copy.copy(expr)  # keeps alias, casts, DISTINCT
            expr.func_name, expr.args = name, [original.args[i] for i in order]
        return super().format_function_call(expr, *args, **kwargs)  # type: ignore[misc]

    def supports_functions(self) -> dict[str, bool]:
        from rhosocial.activerecord.backend.expression.functions import __all__ as core_functions

        return {name: name not in UNSUPPORTED for name in core_functions if name not in _XML}
