"""COPY as an API: rows in and out, files in and out, in text, CSV or binary format.

``copy_from(table, rows)`` loads tuples or dicts; ``copy_to(table | query=...)`` iterates typed rows;
``copy_from_file`` / ``copy_to_file`` move a file's bytes (CSV with a header, text, binary) as they are.
A COPY is one statement: outside a transaction it stores all rows or none; inside one, its failure
leaves the transaction failed like any other failed statement (a nested transaction's savepoint
undoes it). The sync and async mixins differ only in the I/O.
"""

from __future__ import annotations

import io
import os
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Optional, Union

from psycopg import sql

FORMATS = ("text", "csv", "binary")
ROW_FORMATS = ("text", "binary")  # psycopg writes and reads rows in these two
CHUNK = 1 << 16

TableName = Union[str, Sequence[str]]
FileLike = Union[str, "os.PathLike[str]", Any]


def table_identifier(table: TableName) -> sql.Composable:
    """``"schema"."table"`` from ``"schema.table"``, ``("schema", "table")`` or ``"table"``."""
    parts = table.split(".") if isinstance(table, str) else list(table)
    if not 1 <= len(parts) <= 2 or not all(parts):
        raise ValueError(f"a table is 'name', 'schema.name' or ('schema', 'name'), not {table!r}")
    return sql.Identifier(*parts)


def _options(format: str, header: bool, delimiter: Optional[str], allowed: Sequence[str]) -> sql.Composable:
    if format not in allowed:
        raise ValueError(f"COPY format {format!r}: use one of {', '.join(allowed)}")
    if header and format != "csv":
        raise ValueError("COPY HEADER needs format='csv'")
    if delimiter is not None and format == "binary":
        raise ValueError("COPY DELIMITER does not apply to format='binary'")
    options: list[sql.Composable] = [sql.SQL("FORMAT {}").format(sql.SQL(format.upper()))]
    if header:
        options.append(sql.SQL("HEADER"))
    if delimiter is not None:
        options.append(sql.SQL("DELIMITER {}").format(sql.Literal(delimiter)))
    return sql.SQL(" ({})").format(sql.SQL(", ").join(options))


def _columns(columns: Optional[Sequence[str]]) -> sql.Composable:
    if not columns:
        return sql.SQL("")
    return sql.SQL(" ({})").format(sql.SQL(", ").join(sql.Identifier(c) for c in columns))


def copy_in_statement(
    table: TableName, columns: Optional[Sequence[str]], format: str, header: bool = False, delimiter=None
) -> sql.Composable:
    return sql.SQL("COPY {}{} FROM STDIN{}").format(
        table_identifier(table), _columns(columns), _options(format, header, delimiter, FORMATS)
    )


def source(table: Optional[TableName], query: Optional[str], columns: Optional[Sequence[str]]) -> sql.Composable:
    """What COPY ... TO reads: a table (with columns) or a query in parentheses."""
    if (table is None) == (query is None):
        raise ValueError("copy out of either a table or a query=")
    if query is not None:
        if columns:
            raise ValueError("columns= applies to a table; name the columns in the query")
        return sql.SQL("({})").format(sql.SQL(query))  # type: ignore[arg-type]
    return sql.SQL("{}{}").format(table_identifier(table), _columns(columns))  # type: ignore[arg-type]


def copy_out_statement(what: sql.Composable, format: str, header: bool = False, delimiter=None) -> sql.Composable:
    return sql.SQL("COPY {} TO STDOUT{}").format(what, _options(format, header, delimiter, FORMATS))


def describe_statement(table: Optional[TableName], query: Optional[str], columns) -> sql.Composable:
    """A statement with no rows whose result columns are those COPY ... TO sends (for their types)."""
    if query is not None:
        return sql.SQL("SELECT * FROM ({}) AS copied LIMIT 0").format(sql.SQL(query))  # type: ignore[arg-type]
    names = sql.SQL(", ").join(sql.Identifier(c) for c in columns) if columns else sql.SQL("*")
    return sql.SQL("SELECT {} FROM {} LIMIT 0").format(names, table_identifier(table))  # type: ignore[arg-type]


def row_columns(rows: Iterable[Any], columns: Optional[Sequence[str]]) -> tuple[Iterator[Any], Optional[list[str]]]:
    """The rows as an iterator and the columns: given, or the keys of the first row when rows are dicts."""
    iterator = iter(rows)
    if columns is not None:
        return iterator, list(columns)
    try:
        first = next(iterator)
    except StopIteration:
        return iter(()), None
    names = list(first) if isinstance(first, dict) else None

    def chained() -> Iterator[Any]:
        yield first
        yield from iterator

    return chained(), names


def rows_in(table: TableName, rows: Iterable[Any], columns: Optional[Sequence[str]], format: str):
    """(rows, columns, COPY statement) of ``copy_from``."""
    if format not in ROW_FORMATS:
        raise ValueError(f"copy_from(rows) writes format {' or '.join(ROW_FORMATS)}; for CSV use copy_from_file")
    rows, columns = row_columns(rows, columns)
    return rows, columns, copy_in_statement(table, columns, format)


def as_tuple(row: Any, columns: Optional[Sequence[str]]) -> Sequence[Any]:
    if isinstance(row, dict):
        if columns is None:
            raise ValueError("dict rows need columns= (or every row's keys in the first row)")
        try:
            return tuple(row[c] for c in columns)
        except KeyError as e:
            raise ValueError(f"copy_from: a row has no {e.args[0]!r} (columns: {', '.join(columns)})") from None
    return row


@contextmanager
def opened(file: FileLike, mode: str):
    """A path opened in binary mode (and closed after), or the caller's file object as it is."""
    if isinstance(file, (str, os.PathLike)):
        with open(file, mode) as handle:
            yield handle
    else:
        yield file


def is_text(file: Any) -> bool:
    return isinstance(file, io.TextIOBase)


class _CopyCalls:
    """The public COPY methods, written once: each checks its arguments and builds its statement, then
    hands the I/O to the sync or async mixin's ``_load_rows`` / ``_rows_out`` / ``_load_file`` /
    ``_write_file`` (on the async backend the result is awaited, or iterated with ``async for``)."""

    def copy_from(
        self, table: TableName, rows: Iterable[Any], columns: Optional[Sequence[str]] = None, *, format: str = "text"
    ) -> Any:
        """Load ``rows`` (tuples in ``columns`` order, or dicts) into ``table``; returns the number loaded."""
        rows, columns, statement = rows_in(table, rows, columns, format)
        return self._load_rows(table, rows, columns, statement, format == "binary")  # type: ignore[attr-defined]

    def copy_to(
        self,
        table: Optional[TableName] = None,
        *,
        query: Optional[str] = None,
        params: Optional[Sequence[Any]] = None,
        columns: Optional[Sequence[str]] = None,
    ) -> Any:
        """Rows of ``table`` (or of ``query``) as typed tuples, streamed; iterate to the end (or close it)
        before the next statement on this backend."""
        statement = copy_out_statement(source(table, query, columns), "binary")
        return self._rows_out(statement, params, describe_statement(table, query, columns))  # type: ignore[attr-defined]

    def copy_from_file(
        self,
        table: TableName,
        file: FileLike,
        columns: Optional[Sequence[str]] = None,
        *,
        format: str = "csv",
        header: bool = False,
        delimiter: Optional[str] = None,
    ) -> Any:
        """Load a file (path or file object) in ``format``; returns the number of rows loaded."""
        return self._load_file(copy_in_statement(table, columns, format, header, delimiter), file)  # type: ignore[attr-defined]

    def copy_to_file(
        self,
        file: FileLike,
        table: Optional[TableName] = None,
        *,
        query: Optional[str] = None,
        params: Optional[Sequence[Any]] = None,
        columns: Optional[Sequence[str]] = None,
        format: str = "csv",
        header: bool = False,
        delimiter: Optional[str] = None,
    ) -> Any:
        """Write ``table`` (or ``query``) to a file (path or file object); returns the number of rows."""
        statement = copy_out_statement(source(table, query, columns), format, header, delimiter)
        return self._write_file(statement, params, file)  # type: ignore[attr-defined]


class CopyMixin(_CopyCalls):
    """COPY on the sync backend (see the module docstring)."""

    def _load_rows(self, table: TableName, rows: Iterable[Any], columns: Any, statement: Any, binary: bool) -> int:
        with self._copy_cursor() as cursor:
            types = self._copy_types(cursor, describe_statement(table, None, columns)) if binary else None
            with cursor.copy(statement) as copy:
                if types is not None:
                    copy.set_types(types)
                for row in rows:
                    copy.write_row(as_tuple(row, columns))
            return cursor.rowcount

    def _rows_out(self, statement: Any, params: Any, describe: Any) -> Iterator[tuple]:
        with self._copy_cursor() as cursor:
            types = self._copy_types(cursor, describe, params)
            with cursor.copy(statement, params) as copy:
                copy.set_types(types)
                yield from copy.rows()

    def _load_file(self, statement: Any, file: FileLike) -> int:
        with self._copy_cursor() as cursor, opened(file, "rb") as handle:
            with cursor.copy(statement) as copy:
                while data := handle.read(CHUNK):
                    copy.write(data)
            return cursor.rowcount

    def _write_file(self, statement: Any, params: Any, file: FileLike) -> int:
        with self._copy_cursor() as cursor, opened(file, "wb") as handle:
            text = is_text(handle)
            with cursor.copy(statement, params) as copy:
                for data in copy:
                    handle.write(bytes(data).decode() if text else data)
            return cursor.rowcount

    @contextmanager
    def _copy_cursor(self):
        """A cursor for one COPY, with the backend's error translation and session bookkeeping."""
        try:
            cursor = self._get_cursor()  # type: ignore[attr-defined]
            self._cancel_requested = False
            with cursor:
                yield cursor
        except Exception as e:
            self._handle_execution_error(e)  # type: ignore[attr-defined]

    @staticmethod
    def _copy_types(cursor, describe, params=None) -> list[int]:
        cursor.execute(describe, params)
        return [c.type_code for c in cursor.description]


class AsyncCopyMixin(_CopyCalls):
    """The same on the async backend (``await``, ``async for``)."""

    async def _load_rows(
        self, table: TableName, rows: Iterable[Any], columns: Any, statement: Any, binary: bool
    ) -> int:
        cursor = await self._copy_cursor()
        try:
            async with cursor:
                types = await self._copy_types(cursor, describe_statement(table, None, columns)) if binary else None
                async with cursor.copy(statement) as copy:
                    if types is not None:
                        copy.set_types(types)
                    for row in rows:
                        await copy.write_row(as_tuple(row, columns))
                return cursor.rowcount
        except Exception as e:
            return await self._handle_execution_error(e)  # type: ignore[attr-defined]

    async def _rows_out(self, statement: Any, params: Any, describe: Any) -> AsyncIterator[tuple]:
        cursor = await self._copy_cursor()
        try:
            async with cursor:
                types = await self._copy_types(cursor, describe, params)
                async with cursor.copy(statement, params) as copy:
                    copy.set_types(types)
                    async for row in copy.rows():
                        yield row
        except Exception as e:
            await self._handle_execution_error(e)  # type: ignore[attr-defined]

    async def _load_file(self, statement: Any, file: FileLike) -> int:
        cursor = await self._copy_cursor()
        try:
            async with cursor:
                with opened(file, "rb") as handle:
                    async with cursor.copy(statement) as copy:
                        while data := handle.read(CHUNK):
                            await copy.write(data)
                return cursor.rowcount
        except Exception as e:
            return await self._handle_execution_error(e)  # type: ignore[attr-defined]

    async def _write_file(self, statement: Any, params: Any, file: FileLike) -> int:
        cursor = await self._copy_cursor()
        try:
            async with cursor:
                with opened(file, "wb") as handle:
                    text = is_text(handle)
                    async with cursor.copy(statement, params) as copy:
                        async for data in copy:
                            handle.write(bytes(data).decode() if text else data)
                return cursor.rowcount
        except Exception as e:
            return await self._handle_execution_error(e)  # type: ignore[attr-defined]

    async def _copy_cursor(self):
        try:
            cursor = await self._get_cursor()  # type: ignore[attr-defined]
        except Exception as e:
            return await self._handle_execution_error(e)  # type: ignore[attr-defined]
        self._cancel_requested = False
        return cursor

    @staticmethod
    async def _copy_types(cursor, describe, params=None) -> list[int]:
        await cursor.execute(describe, params)
        return [c.type_code for c in cursor.description]
