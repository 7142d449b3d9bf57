"""JSON relational duality views (23ai): DDL built from a description of the document.

    CreateDualityView(d, "dept_dv", DualityTable("departments", {"_id": "id", "name": "name"},
                      children={"employees": DualityTable("employees", {"empId": "id", "name": "name"},
                                                          join=("dept_id", "id"))}),
                      allow=("INSERT", "UPDATE", "DELETE")).to_sql()

renders ``CREATE JSON RELATIONAL DUALITY VIEW "DEPT_DV" AS SELECT JSON {'_id' : "DEPARTMENTS"."ID", ...
'employees' : [SELECT JSON {...} FROM "EMPLOYEES" WITH INSERT UPDATE DELETE WHERE
"EMPLOYEES"."DEPT_ID" = "DEPARTMENTS"."ID"]} FROM "DEPARTMENTS" WITH INSERT UPDATE DELETE``
(JSON-Relational Duality Developer's Guide, the SQL form of CREATE JSON RELATIONAL DUALITY VIEW).
Below 23ai it raises naming the version. The document's field names are literals, not binds (DDL).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

OPERATIONS = ("INSERT", "UPDATE", "DELETE", "NOINSERT", "NOUPDATE", "NODELETE")


@dataclass(frozen=True)
class DualityTable:
    """One table of the document: ``fields`` maps JSON key -> column; ``children`` nests tables as
    arrays, each ``join`` = (its column, the parent's column); ``allow`` the operations through it."""

    table: str
    fields: Mapping[str, str]
    children: Mapping[str, DualityTable] = field(default_factory=dict)
    join: Optional[tuple[str, str]] = None
    allow: Sequence[str] = ()


def _key(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _operations(allow: Sequence[str]) -> str:
    upper = [a.upper() for a in allow]
    bad = sorted(set(upper) - set(OPERATIONS))
    if bad:
        raise ValueError(f"duality view operations {bad}: from {', '.join(OPERATIONS)}")
    return f" WITH {' '.join(upper)}" if upper else ""


def _select(dialect: Any, spec: DualityTable, parent: Optional[str]) -> str:
    table = dialect.format_identifier(spec.table)
    members = [f"{_key(k)} : {table}.{dialect.format_identifier(c)}" for k, c in spec.fields.items()]
    for key, child in spec.children.items():
        members.append(f"{_key(key)} : [{_select(dialect, child, table)}]")
    where = ""
    if parent is not None:
        if spec.join is None:
            raise ValueError(f"nested duality table {spec.table!r} needs join=(its column, the parent's column)")
        mine, theirs = (dialect.format_identifier(c) for c in spec.join)
        where = f" WHERE {table}.{mine} = {parent}.{theirs}"
    return f"SELECT JSON {{{', '.join(members)}}} FROM {table}{_operations(spec.allow)}{where}"


@dataclass
class CreateDualityView:
    dialect: Any
    name: str
    root: DualityTable
    or_replace: bool = False

    def to_sql(self) -> tuple[str, tuple]:
        d = self.dialect
        if not d.has_capability("duality_views"):
            raise UnsupportedFeatureError(
                d.name, "JSON RELATIONAL DUALITY VIEW", f"needs Oracle 23ai; the server is {d.server.describe()}"
            )
        replace = "OR REPLACE " if self.or_replace else ""
        view = d.format_identifier(self.name)
        return f"CREATE {replace}JSON RELATIONAL DUALITY VIEW {view} AS {_select(d, self.root, None)}", ()


__all__ = ["CreateDualityView", "DualityTable"]
