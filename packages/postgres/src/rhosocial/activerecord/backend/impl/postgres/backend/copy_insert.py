"""``execute_many`` of a plain INSERT through COPY, when COPY stores exactly what the INSERTs would.

The INSERT path sends each adapted parameter with the type psycopg's dumper gives it; the server
then either takes the value as is (the column has that type), parses its text with the column's
input function (``unknown``, e.g. every ``str``), or applies an assignment cast. COPY (text format)
always parses the text psycopg writes for the value with the column's input function. Both agree
when the parameter's type is ``unknown`` or the column's own type, and for the few casts that are
exact (integers into integer/numeric columns, integer arrays into integer/numeric arrays, json into
jsonb). Any other pair (a float into ``real`` or ``numeric``, an aware datetime into ``timestamp``,
a domain...) keeps the INSERT path for the whole call. So do statements that are not a plain
``INSERT INTO t (cols) VALUES (%s, ...)`` (RETURNING, ON CONFLICT, expressions, DEFAULT, SELECT),
tables COPY treats differently (views, foreign tables, rules, row-level security, user statement
triggers, which fire once per COPY but once per INSERT), columns an INSERT may not write (GENERATED
ALWAYS identity, generated columns: COPY would write the first), and calls with fewer rows than
``COPY_MIN_ROWS`` (the catalog look-up would cost more than it saves).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Optional

from psycopg.adapt import PyFormat, Transformer
from psycopg.types.range import Range

from rhosocial.activerecord.backend.toolkit.log import log_statement
from rhosocial.activerecord.backend.toolkit.log import statements as _statement_log

COPY_MIN_ROWS = 32

_IDENT = r'(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")'
_NAME = rf"{_IDENT}(?:\s*\.\s*{_IDENT})?"
_PLAIN_INSERT = re.compile(
    rf"""\s*INSERT\s+INTO\s+(?P<table>{_NAME})\s*
    \(\s*(?P<columns>{_IDENT}(?:\s*,\s*{_IDENT})*)\s*\)\s*
    VALUES\s*\(\s*(?P<values>%s(?:\s*,\s*%s)*)\s*\)\s*""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_ONE_IDENT = re.compile(_IDENT)

# Catalog facts that decide whether COPY is an INSERT's equal on this table (no privilege needed).
CATALOG_SQL = """SELECT c.relkind::text AS kind, c.relhasrules AS rules, c.relrowsecurity AS rls,
  EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal
          AND t.tgtype & 1 = 0 AND t.tgtype & 4 <> 0) AS statement_triggers,
  array_agg(a.atttypid::int ORDER BY array_position(%s::text[], a.attname::text)) AS types,
  bool_or(a.attidentity = 'a' OR a.attgenerated <> '') AS system_values,
  count(a.attname) AS found
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.oid = to_regclass(%s) AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = ANY(%s::text[])
GROUP BY c.oid, c.relkind, c.relhasrules, c.relrowsecurity"""

_INTS = frozenset({21, 23, 20, 1700})  # int2, int4, int8, numeric
_INT_ARRAYS = frozenset({1005, 1007, 1016, 1231})  # their arrays
_JSON, _JSONB = 114, 3802
# types whose dumper (so the parameter's type) depends on the value, not only on its Python type
_VALUE_DEPENDENT = (datetime, list, tuple, Range)


@dataclass(frozen=True)
class InsertTarget:
    """A plain INSERT's table and columns, and the COPY statement that loads the same columns."""

    table: str
    columns: tuple[str, ...]  # as the catalog names them (unquoted, case kept)
    copy_sql: str

    def catalog_params(self) -> tuple:
        return list(self.columns), self.table, list(self.columns)


def _catalog_name(identifier: str) -> str:
    if identifier.startswith('"'):
        return identifier[1:-1].replace('""', '"')
    return identifier.lower()  # unquoted names fold to lower case


@lru_cache(maxsize=256)
def plain_insert(sql: str) -> Optional[InsertTarget]:
    """The target of ``INSERT INTO t (a, b) VALUES (%s, %s)`` (nothing else in the statement), else None."""
    match = _PLAIN_INSERT.fullmatch(sql)
    if match is None:
        return None
    written = _ONE_IDENT.findall(match.group("columns"))
    if len(written) != match.group("values").count("%s"):
        return None
    columns = tuple(_catalog_name(c) for c in written)
    if len(set(columns)) != len(columns):
        return None
    table = match.group("table")
    return InsertTarget(table, columns, f"COPY {table} ({', '.join(written)}) FROM STDIN")


def column_types(target: InsertTarget, catalog: Optional[dict]) -> Optional[list[int]]:
    """The columns' type oids in INSERT order, or None when COPY would not do what the INSERTs do."""
    if catalog is None or catalog["found"] != len(target.columns):
        return None  # no such table (the INSERT path reports it) or a column it does not have
    if catalog["kind"] not in ("r", "p") or catalog["rules"] or catalog["rls"] or catalog["statement_triggers"]:
        return None
    if catalog["system_values"]:  # COPY writes GENERATED ALWAYS identity columns an INSERT may not
        return None
    return list(catalog["types"])


def same_value(value: Any, parameter_oid: int, column_oid: int) -> bool:
    """Whether COPY's text of ``value`` becomes what the INSERT's parameter of that type becomes."""
    if parameter_oid == 0 or parameter_oid == column_oid:
        return True
    if type(value) is int:
        return column_oid in _INTS
    if parameter_oid == _JSON:
        return column_oid == _JSONB
    return parameter_oid in _INT_ARRAYS and column_oid in _INT_ARRAYS


class CopyRows:
    """Adapts each row as the INSERT path does and checks it can go through COPY."""

    def __init__(self, oids: Sequence[int], transformer: Any, adapt: Callable[[Any], Any]) -> None:
        self._oids = list(oids)
        self._transformer = transformer
        self._adapt = adapt
        self._checked: dict[tuple, bool] = {}  # row of Python types -> every value safe

    def _value_safe(self, index: int, value: Any) -> bool:
        if value is None:
            return True
        if type(value) is int:  # any integer dumper: only the column decides
            return self._oids[index] in _INTS
        oid = self._transformer.get_dumper(value, PyFormat.AUTO).oid
        return same_value(value, oid, self._oids[index])

    def rows(self, params_list: Sequence[Sequence[Any]]) -> Optional[list]:
        """The adapted rows, or None as soon as one value could be stored differently."""
        out = []
        checked = self._checked
        width = len(self._oids)
        for params in params_list:
            row = self._adapt(params)
            if row is None or len(row) != width or isinstance(row, dict):
                return None
            kinds = tuple(map(type, row))
            safe = checked.get(kinds)
            if safe is None:
                safe = all(self._value_safe(i, v) for i, v in enumerate(row))
                if not any(issubclass(k, _VALUE_DEPENDENT) for k in kinds):
                    checked[kinds] = safe
            if not safe:
                return None
            out.append(row)
        return out


class CopyInsertMixin:
    """The shared half of the backends' ``execute_many`` (the I/O is in sync.py / async_.py)."""

    # execute_many of a plain INSERT with at least this many rows goes through COPY; None: never
    copy_min_rows: Optional[int] = COPY_MIN_ROWS

    def _start_many(self, sql: str, params_list) -> tuple[list, Optional[InsertTarget]]:
        """The rows as a list, and the INSERT's target when the call may go through COPY."""
        if ";" in sql:
            self._refuse_multiple_statements(sql)  # type: ignore[attr-defined]
        self._cancel_requested = False  # type: ignore[attr-defined]
        rows = params_list if isinstance(params_list, list) else list(params_list)
        limit = self.copy_min_rows
        # behind a transaction-pooling PgBouncer the session settings come with each statement
        # (pooled_settings.py), which a COPY would run without: INSERTs there
        if limit is None or len(rows) < limit or self.config.transaction_pooling:  # type: ignore[attr-defined]
            return rows, None
        target = plain_insert(sql)
        return rows, target

    def _copy_rows(self, sql: str, target: InsertTarget, catalog: Optional[dict], rows: list) -> Optional[list]:
        """The adapted rows if every one can go through COPY unchanged, else None (the INSERT path)."""
        oids = column_types(target, catalog)
        if oids is None:
            return None
        return CopyRows(oids, Transformer(self._connection), lambda p: self._driver_params(p, sql)).rows(rows)  # type: ignore

    def _insert_rows(self, sql: str, rows: list) -> list:
        return [self._driver_params(p, sql) for p in rows]  # type: ignore[attr-defined]

    @staticmethod
    def _log_many(sql: str, count: int, copy: bool) -> None:
        if _statement_log.isEnabledFor(logging.DEBUG):
            log_statement(f"{sql} -- {count} rows{' through COPY' if copy else ''}")
