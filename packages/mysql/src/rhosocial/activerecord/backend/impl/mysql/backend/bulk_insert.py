"""``execute_many`` of a plain ``INSERT ... VALUES (%s, ...)`` as multi-row INSERT statements.

The driver's own executemany rewrites such an INSERT into one statement too, but it formats every
row with a regular expression and sends all rows at once, whatever their size. Here the VALUES
group is split at its placeholders once per call, each row's values are turned into SQL literals
by the driver's own converter (the same bytes the one-row path sends), and rows are packed into
statements that stay under the server's ``max_allowed_packet`` (read once per connection).

Only an INSERT (or REPLACE) whose statement ends with one VALUES group of bare ``%s`` placeholders
qualifies; anything else (RETURNING, ON DUPLICATE KEY UPDATE, expressions, named parameters) goes
to the driver's executemany unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Optional

# INSERT [modifiers] [INTO] table [(columns)] VALUES (%s, ..., %s) -- nothing after the group.
_PLAIN_INSERT = re.compile(
    r"""^\s*(?P<head>(?:INSERT|REPLACE)\b[^;'"%]*?\bVALUES)\s*
        (?P<group>\(\s*%s(?:\s*,\s*%s)*\s*\))\s*$""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)

# Bytes kept free below max_allowed_packet: the packet header and the command byte, with room to spare.
_PACKET_MARGIN = 4096
# The largest statement sent even when the server allows more (memory on both sides, one round trip).
_MAX_STATEMENT = 16 * 1024 * 1024
# Rows formatted per call of the converter (bounds the arguments of one C call).
_CHUNK_ROWS = 5_000


class InsertTemplate:
    """The fixed parts of a qualifying INSERT: its head and the placeholder count of its VALUES group."""

    __slots__ = ("head", "width")

    def __init__(self, head: bytes, width: int) -> None:
        self.head = head
        self.width = width


def insert_template(sql: str, charset: str = "utf-8") -> Optional[InsertTemplate]:
    """The template of ``sql`` when it is a plain multi-row-able INSERT, else None."""
    match = _PLAIN_INSERT.match(sql)
    if match is None:
        return None
    return InsertTemplate((match.group("head") + " ").encode(charset), match.group("group").count("%s"))


def statement_budget(max_allowed_packet: Optional[int]) -> int:
    """How many bytes one multi-row INSERT may take on this server."""
    if not max_allowed_packet:
        max_allowed_packet = 4 * 1024 * 1024  # the MySQL 8 / MariaDB 10.x default of the client side
    return max(1024, min(max_allowed_packet, _MAX_STATEMENT) - _PACKET_MARGIN)


def statements(
    template: InsertTemplate, columns: list, groups_of: Callable[[list], list[bytes]], budget: int
) -> Iterator[tuple[bytes, int]]:
    """(statement, row count) for each batch of rows that fits in ``budget`` bytes.

    ``columns`` holds the parameter values column by column (``bind_columns``); ``groups_of`` turns
    a chunk of columns into each row's literals joined by commas (``1,'a',NULL``).
    """
    head = template.head
    count = len(columns[0]) if columns else 0
    batch: list[bytes] = []
    size = len(head)
    for start in range(0, count, _CHUNK_ROWS):
        for group in groups_of([column[start : start + _CHUNK_ROWS] for column in columns]):
            grown = size + len(group) + 3  # "(", ")" and the "," between groups
            if batch and grown > budget:
                yield _statement(head, batch), len(batch)
                batch = []
                grown = len(head) + len(group) + 3
            batch.append(group)
            size = grown
    if batch:
        yield _statement(head, batch), len(batch)


def _statement(head: bytes, groups: list[bytes]) -> bytes:
    return head + b"(" + b"),(".join(groups) + b")"


def c_extension_groups(convert: Callable[..., Any]) -> Callable[[list], list[bytes]]:
    """Row groups through the C extension's own converter (``convert_to_mysql``), one call per chunk.

    The same function formats the parameters of a one-row ``execute()`` on a C-extension session.
    The values go in row by row, interleaved from the columns by slice assignment.
    """

    def groups(columns: list) -> list[bytes]:
        width = len(columns)
        flat: list[Any] = [None] * (width * len(columns[0]))
        for i, column in enumerate(columns):
            flat[i::width] = column
        literals = convert(*flat)
        return list(map(b",".join, zip(*[iter(literals)] * width, strict=True)))

    return groups


def row_groups(literals: Callable[[Any], Any]) -> Callable[[list], list[bytes]]:
    """Row groups from a function that gives one row's literals."""
    return lambda columns: [b",".join(literals(row)) for row in zip(*columns, strict=True)]


def converter_literals(converter: Any, sql_mode: str) -> Callable[[Any], list]:
    """SQL literals for one row through a pure-Python mysql-connector converter.

    The steps of the driver's own parameter formatting: convert, escape (``sql_mode`` decides
    whether backslashes escape), quote everything but Decimal.
    """
    to_mysql = converter.to_mysql
    escape = converter.escape
    quote = converter.quote

    def literals(row: Any) -> list:
        out = []
        for value in row:
            text = escape(to_mysql(value), sql_mode)
            out.append(text if isinstance(value, Decimal) else quote(text))
        return out

    return literals


__all__ = [
    "InsertTemplate",
    "c_extension_groups",
    "converter_literals",
    "insert_template",
    "row_groups",
    "statement_budget",
    "statements",
]
