"""From the core's statement text to what Oracle parses.

The core composes statements from fragments that each write ``?`` for a parameter, so numbers
can only be assigned once the whole statement exists. :func:`to_oracle_sql` walks the text once,
skipping string literals, quoted identifiers and comments, and

- turns each ``?`` into a numbered bind ``:1``, ``:2`` ... in order;
- drops ``AS`` in front of a quoted alias: Oracle rejects ``AS`` before a table alias, and
  the core writes ``(subquery) AS "t"`` in places no dialect hook reaches; without ``AS`` the
  alias is valid for columns and tables alike.

Statements without ``?`` (raw SQL already written with ``:1`` or ``:name``) pass through unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

_AS_BEFORE_QUOTED = re.compile(r"AS\s+\"", re.IGNORECASE)


@dataclass(frozen=True)
class OutBind:
    """Placeholder value for a ``RETURNING ... INTO`` target; the backend binds a driver variable."""

    column: str
    expression: str = ""
    table: str = ""


def to_oracle_sql(sql: str) -> str:
    if "?" not in sql and 'AS "' not in sql.upper():
        return sql
    out: list[str] = []
    i, n, number = 0, len(sql), 0
    while i < n:
        ch = sql[i]
        if ch == "'" or ch == '"':
            end = _closing(sql, i, ch)
            out.append(sql[i:end])
            i = end
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(sql[i:end])
            i = end
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(sql[i:end])
            i = end
        elif ch == "?":
            number += 1
            out.append(f":{number}")
            i += 1
        elif ch in "Aa" and _is_word_start(sql, i):
            match = _AS_BEFORE_QUOTED.match(sql, i)
            if match:
                # Keep the quote; drop "AS" and the space after it.
                i = match.end() - 1
                if out and not out[-1].endswith((" ", "\n", "\t")):
                    out.append(" ")
            else:
                out.append(ch)
                i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


# The same statement text converts the same way: done once per distinct text.
oracle_sql = lru_cache(maxsize=2048)(to_oracle_sql)


def _closing(sql: str, start: int, quote: str) -> int:
    """Index just past the literal or identifier opened at ``start`` (doubled quotes escape)."""
    i = start + 1
    n = len(sql)
    while i < n:
        if sql[i] == quote:
            if i + 1 < n and sql[i + 1] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    return n


def _is_word_start(sql: str, i: int) -> bool:
    return i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] in '_$#"')


def has_out_binds(params: Any) -> bool:
    """Whether any parameter is a RETURNING INTO target (the common statement has none)."""
    return bool(params) and any(type(v) is OutBind for v in params)


def split_out_binds(params: Optional[tuple]) -> tuple[list[Any], list[tuple[int, OutBind]]]:
    """Parameters as a list plus the positions of RETURNING INTO targets among them."""
    values = list(params or ())
    outs = [(pos, v) for pos, v in enumerate(values) if isinstance(v, OutBind)]
    return values, outs
