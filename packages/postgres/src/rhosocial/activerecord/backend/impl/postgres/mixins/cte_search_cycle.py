"""``WITH RECURSIVE ... SEARCH {DEPTH|BREADTH} FIRST BY ... SET ...`` and ``CYCLE ... SET ... USING ...`` (14+)
through the core's CTEExpression ``dialect_options``::

    CTEExpression(d, "tree", union, columns=["id", "parent"], dialect_options={
        "search": {"order": "depth", "by": ["id"], "set": "ord"},
        "cycle": {"columns": ["id"], "set": "is_cycle", "using": "path"}})
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.toolkit.cte import CTEHooksMixin

from .options import check_options

CTE_OPTIONS = ("search", "cycle")


class PostgresCTESearchCycleMixin(CTEHooksMixin):
    def format_cte_options(self, options: dict[str, Any]) -> str:
        options = check_options("WITH (CTE)", options, CTE_OPTIONS)
        if not options:
            return ""
        sql = ""
        self.require_capability("cte_search_cycle")  # type: ignore[attr-defined]
        ident = self.format_identifier  # type: ignore[attr-defined]
        names = lambda cols: ", ".join(ident(c) for c in cols)  # noqa: E731
        if "search" in options:
            search = check_options("CTE SEARCH", options["search"], ("order", "by", "set"))
            order = str(search.get("order", "depth")).upper()
            if order not in ("DEPTH", "BREADTH"):
                raise ValueError(f"CTE SEARCH order {order!r} is not DEPTH or BREADTH")
            sql += f" SEARCH {order} FIRST BY {names(search['by'])} SET {ident(search['set'])}"
        if "cycle" in options:
            cycle: dict[str, Any] = check_options("CTE CYCLE", options["cycle"], ("columns", "set", "using", "mark"))
            sql += f" CYCLE {names(cycle['columns'])} SET {ident(cycle['set'])}"
            if cycle.get("mark") is not None:
                mark, default = cycle["mark"]
                sql += f" TO {self.sql_literal(mark)} DEFAULT {self.sql_literal(default)}"  # type: ignore[attr-defined]
            sql += f" USING {ident(cycle.get('using', 'path'))}"
        return sql
