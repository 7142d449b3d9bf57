"""``execute_many`` of a plain INSERT through LOAD DATA LOCAL INFILE, when it stores what the INSERTs would.

The multi-row INSERT path costs the server a parse of every literal; LOAD DATA reads the same rows as
tab-separated text about twice as fast. The two store the same thing when every value reaches the
column as the same text: a ``str``, date or time value is a quoted literal in the INSERT and the
same text in the file; an integer or Decimal is a number literal, which converts like its text
into numeric and character columns only (into YEAR, BIT, ENUM or a temporal column a number and its
text differ). So the catalog is asked, once per call, for the target columns' types, and the path is
taken only for tables where a fallback stays exact: InnoDB base tables (a rollback undoes the load),
no triggers (a trigger could write somewhere a rollback does not reach), no generated target
columns, not on a Galera node, and with ``@@local_infile`` on.

LOAD DATA LOCAL turns what would be errors into warnings (duplicate keys, bad or too-long values:
the server cannot stop the client mid-file). The load therefore runs as one unit (a transaction,
or a savepoint inside the caller's), and any warning rolls it back and sends the same rows down the
INSERT path, which then stores or refuses exactly as it always does.

The file lives in a private directory (mode 0700, on ``/dev/shm`` when there is one) that is the
driver's ``allow_local_infile_in_path``: the driver sends no file from anywhere else, whatever the
server asks for. ``MySQLConnectionConfig(bulk_load_data=False)`` turns the path off and leaves the
session without LOCAL INFILE.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Optional

from .driver import server_text

# Fewer rows than this go as INSERTs: the catalog query and the file cost about a millisecond.
LOAD_DATA_MIN_ROWS = 1000
# Rows per load file: while the server loads one file (the driver waits without the GIL), the next
# is written in a worker thread; 100,000 rows in 4 files load in about 85% of the time of one.
CHUNK_ROWS = 25_000

_IDENT = r"(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)"
_PLAIN_INSERT = re.compile(
    rf"""^\s*INSERT\s+INTO\s+(?P<table>{_IDENT}(?:\s*\.\s*{_IDENT})?)\s*
    (?P<columns>\(\s*{_IDENT}(?:\s*,\s*{_IDENT})*\s*\))\s*VALUES\b""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL,
)
_ONE_IDENT = re.compile(_IDENT)
_CHARSET = re.compile(r"^[A-Za-z0-9_]+$")
_PLAIN_PATH = re.compile(r"^[^'\\\x00-\x1f]+$")  # no quote, backslash or control character

_NUMERIC = frozenset({"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "float", "double"})
_TEXT = frozenset({"char", "varchar", "tinytext", "text", "mediumtext", "longtext"})
_TEMPORAL = frozenset({"date", "datetime", "timestamp", "time"})
_TEXTUAL_VALUE_INTO = _NUMERIC | _TEXT | _TEMPORAL  # a quoted literal and its text convert alike
_NUMBER_VALUE_INTO = _NUMERIC | _TEXT  # a number literal and its text convert alike

# Why the driver or the server refused LOCAL INFILE (nothing was loaded): the path is then off.
INFILE_REFUSED = frozenset({1148, 2068, 3948, 3950})

_NULL = "\\N"


@dataclass(frozen=True)
class InfileTarget:
    """The INSERT's table and columns, as written (for the LOAD statement) and unquoted (for the catalog)."""

    table_sql: str
    columns_sql: str
    schema: Optional[str]
    table: str
    columns: tuple[str, ...]


def _unquote(identifier: str) -> str:
    return identifier[1:-1].replace("``", "`") if identifier.startswith("`") else identifier


def infile_target(sql: str) -> Optional[InfileTarget]:
    """The target of a plain ``INSERT INTO t (cols) VALUES ...`` (no modifiers), else None."""
    match = _PLAIN_INSERT.match(sql)
    if match is None or "%" in match.group("table") + match.group("columns"):  # the driver would unescape %%
        return None
    names = [_unquote(n) for n in _ONE_IDENT.findall(match.group("table"))]
    columns = tuple(_unquote(c) for c in _ONE_IDENT.findall(match.group("columns")))
    schema, table = (names[0], names[1]) if len(names) == 2 else (None, names[0])
    return InfileTarget(match.group("table"), match.group("columns"), schema, table, columns)


def catalog_sql(mariadb: bool) -> str:
    """One row per column of the target table, with the table facts the path depends on.

    Its parameters are ``catalog_params()``. Written as subqueries, not a join: MariaDB opens every
    table of the server for a join of TABLES and COLUMNS (16 ms here against 1 ms).
    """
    wsrep = (
        "(SELECT v.VARIABLE_VALUE FROM information_schema.SESSION_VARIABLES v WHERE v.VARIABLE_NAME = 'WSREP_ON')"
        if mariadb
        else "NULL"
    )
    this = "TABLE_SCHEMA = COALESCE(%s, DATABASE()) AND {p}TABLE_NAME = %s"
    table = this.format(p="t.")
    return (
        "SELECT c.COLUMN_NAME, c.DATA_TYPE, c.EXTRA, "
        f"(SELECT t.ENGINE FROM information_schema.TABLES t WHERE t.{table}), "
        f"(SELECT t.TABLE_TYPE FROM information_schema.TABLES t WHERE t.{table}), @@local_infile, "
        "EXISTS (SELECT 1 FROM information_schema.TRIGGERS g WHERE g.EVENT_OBJECT_SCHEMA = COALESCE(%s, DATABASE()) "
        f"AND g.EVENT_OBJECT_TABLE = %s), {wsrep} "
        f"FROM information_schema.COLUMNS c WHERE c.{this.format(p='c.')}"
    )


def catalog_params(target: InfileTarget) -> tuple:
    """The parameters of ``catalog_sql``: the target's schema and table, once per subquery."""
    return (target.schema, target.table) * 4


def column_types(target: InfileTarget, catalog: Optional[list]) -> Optional[list[str]]:
    """The target columns' data types when the table qualifies (see the module text), else None."""
    if not catalog:
        return None
    _name, _type, _extra, engine, kind, local_infile, triggers, wsrep = catalog[0]
    if server_text(engine).lower() != "innodb" or server_text(kind).upper() != "BASE TABLE":
        return None
    if not local_infile or local_infile in ("0", b"0") or triggers or server_text(wsrep).upper() == "ON":
        return None
    found = {server_text(row[0]).lower(): (server_text(row[1]).lower(), server_text(row[2]).upper()) for row in catalog}
    types = []
    for column in target.columns:
        data_type, extra = found.get(column.lower(), ("", ""))
        if data_type not in _TEXTUAL_VALUE_INTO or "GENERATED" in extra:
            return None
        types.append(data_type)
    return types


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\x00", "\\0")


def _strings(values: list) -> list:
    joined = "".join(values)  # one scan decides whether any value needs escaping
    if "\\" in joined or "\t" in joined or "\n" in joined or "\x00" in joined:
        return [_escaped(v) for v in values]
    return values


def _numbers(values: list, as_text: Any, forbidden: str) -> Optional[list]:
    texts = list(map(as_text, values))
    joined = "".join(texts)
    return None if any(c in joined for c in forbidden) else texts


def _moments(values: list, kind: type) -> Optional[list]:
    if kind is date:
        return None if any(v.year < 1000 for v in values) else [v.isoformat() for v in values]
    if any(v.tzinfo is not None for v in values):  # the driver drops the zone; leave that to its path
        return None
    if kind is datetime:
        return None if any(v.year < 1000 for v in values) else [v.isoformat(" ") for v in values]
    return [v.isoformat() for v in values]


def _column_text(values: list, data_type: str) -> Optional[list]:
    """Each value's field text (``\\N`` for NULL), or None when a value could store differently."""
    kinds = set(map(type, values))
    nulls = type(None) in kinds
    kinds.discard(type(None))
    if len(kinds) > 1:
        return None
    present = [v for v in values if v is not None] if nulls else values
    kind = kinds.pop() if kinds else str
    if kind is str:
        texts: Optional[list] = _strings(present)
    elif data_type not in _NUMBER_VALUE_INTO and kind in (int, bool, Decimal, float):
        return None
    elif kind is int:
        texts = list(map(str, present))
    elif kind is bool:
        texts = ["1" if v else "0" for v in present]
    elif kind is Decimal:  # no exponent, NaN or Infinity: the INSERT sends those as something else
        texts = _numbers(present, str, "EINn")
    elif kind is float:
        texts = _numbers(present, repr, "ein")
    elif kind in (datetime, date, time):
        texts = _moments(present, kind)
    else:
        return None
    if texts is None or not nulls:
        return texts
    it = iter(texts)
    return [_NULL if v is None else next(it) for v in values]


def infile_bytes(columns: list, data_types: list[str], encoding: str) -> Optional[bytes]:
    """The rows as LOAD DATA text (tab-separated, backslash escapes), or None to keep the INSERT path."""
    width = len(columns)
    count = len(columns[0]) if columns else 0
    # field, separator, field, ..., newline: interleaved by slice assignment, joined once
    parts: list = [None] * (2 * width * count)
    for i, (values, data_type) in enumerate(zip(columns, data_types, strict=True)):
        column = _column_text(values, data_type)
        if column is None:
            return None
        parts[2 * i :: 2 * width] = column
        parts[2 * i + 1 :: 2 * width] = ["\t" if i < width - 1 else "\n"] * count
    body = "".join(parts)
    try:
        return body.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates: the INSERT path reports them
        return None


def single_typed(columns: list) -> bool:
    """Whether each column holds values of one type (and NULLs): a call mixing types keeps INSERT."""
    return all(len(set(map(type, column)) - {type(None)}) <= 1 for column in columns)


def chunked(columns: list, size: Optional[int] = None) -> list[list]:
    """``columns`` cut into runs of ``size`` (default ``CHUNK_ROWS``) rows, one load file each; the
    columns themselves when they fit in one."""
    size = size or CHUNK_ROWS
    count = len(columns[0]) if columns else 0
    if count <= size:
        return [columns]
    return [[column[start : start + size] for column in columns] for start in range(0, count, size)]


class LoadFileJob(Future):
    """``make(columns)``: a load file's path, or None when a value keeps the INSERT path.

    The plan makes the next file while the server loads the current one. Such a job is made
    ``ahead``: its worker thread starts at once and waits until the executor ``begin()``s it, as it
    sends that LOAD; the worker then formats while the driver waits for the server without the GIL.
    (A thread started at that moment would take the GIL the LOAD needs to start, for up to a switch
    interval, 5 ms.) ``made()`` waits for the path, making it in the calling thread when the job was
    not begun (the first file; an async backend calls it off the event loop).
    """

    def __init__(self, make: Callable[[list], Optional[str]], columns: list, ahead: bool = False) -> None:
        super().__init__()
        self._work: Optional[tuple[Callable[[list], Optional[str]], list]] = (make, columns)
        self._go = threading.Event()
        self._ahead = ahead
        if ahead:
            threading.Thread(target=self._in_worker, name="rhosocial-load-file", daemon=True).start()

    def begin(self) -> None:
        """Let a job made ahead make its file in its worker (a job without one is made by ``made()``)."""
        if self._ahead:
            self._go.set()

    def made(self) -> Optional[str]:
        """The path (or None); made in this thread unless the job was begun."""
        if not self._go.is_set():
            work, self._work = self._work, None
            self._go.set()  # a worker started ahead finds nothing to do
            if work is not None:
                self._settle(work)
        return self.result()

    def discard(self) -> None:
        """The file is not needed after all: a job not begun never runs, a begun one's file goes once made."""
        if not self._go.is_set():
            self._work = None
            self.cancel()
            self._go.set()
        else:
            self.add_done_callback(_remove_made)

    def _in_worker(self) -> None:
        self._go.wait()
        work, self._work = self._work, None
        if work is not None:
            self._settle(work)

    def _settle(self, work: tuple[Callable[[list], Optional[str]], list]) -> None:
        if not self.set_running_or_notify_cancel():
            return
        make, columns = work
        try:
            self.set_result(make(columns))
        except BaseException as e:  # handed to whoever waits for the job
            self.set_exception(e)


def _remove_made(job: Future) -> None:
    if job.exception() is None and job.result() is not None:
        with contextlib.suppress(OSError):
            os.unlink(job.result())


def python_encoding(charset: Any) -> Optional[str]:
    """The Python codec of the session's character set when the path supports it (UTF-8 only)."""
    name = server_text(charset).lower()
    return "utf-8" if name in ("utf8mb4", "utf8mb3", "utf8") else None


def load_statement(target: InfileTarget, path: str, charset: str) -> str:
    """The LOAD DATA statement for ``path``, without parameters or backslashes.

    The terminators are hex literals and the path (``InfileDir``'s: no quote, no backslash) is
    written as is, so the text reads the same whether or not the session has NO_BACKSLASH_ESCAPES,
    which the pure-Python driver does not track when it is set after connecting.
    """
    if not _CHARSET.match(charset):
        raise ValueError(f"unexpected character set name {charset!r}")
    if not _PLAIN_PATH.match(path):
        raise ValueError(f"unexpected load file name {path!r}")
    return (
        f"LOAD DATA LOCAL INFILE '{path}' INTO TABLE {target.table_sql} CHARACTER SET {charset} "
        f"FIELDS TERMINATED BY X'09' ESCAPED BY X'5C' LINES TERMINATED BY X'0A' {target.columns_sql}"
    )


def refused_errno(error: BaseException) -> Optional[int]:
    """The driver or server error number when it says LOCAL INFILE is not allowed here, else None."""
    for candidate in (error, error.__cause__):
        errno = getattr(candidate, "errno", None)
        if errno in INFILE_REFUSED:
            return errno
    return None


def _default_base() -> Optional[str]:
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


class InfileDir:
    """A private directory for the load files; removed with its owner (or at exit)."""

    def __init__(self, base: Optional[str] = None) -> None:
        self.path = os.path.realpath(tempfile.mkdtemp(prefix="rhosocial-load-", dir=base or _default_base()))
        self._remove = weakref.finalize(self, shutil.rmtree, self.path, True)
        if not _PLAIN_PATH.match(self.path):  # it is written into the statement (load_statement)
            self.remove()
            raise OSError(f"the load directory {self.path!r} has a quote, backslash or control character")

    def load_file(self, columns: list, data_types: list[str], encoding: str) -> Optional[str]:
        """A file holding ``columns`` as LOAD DATA text, by its path; None when a value keeps the INSERT path."""
        data = infile_bytes(columns, data_types, encoding)
        return None if data is None else self.write(data)

    def write(self, data: bytes) -> str:
        """A new file holding ``data`` (mode 0600), by its path."""
        fd, name = tempfile.mkstemp(suffix=".tsv", dir=self.path)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        except BaseException:
            os.unlink(name)
            raise
        return name

    def remove(self) -> None:
        self._remove()


__all__ = [
    "CHUNK_ROWS",
    "INFILE_REFUSED",
    "LOAD_DATA_MIN_ROWS",
    "InfileDir",
    "InfileTarget",
    "LoadFileJob",
    "catalog_params",
    "catalog_sql",
    "chunked",
    "column_types",
    "infile_bytes",
    "infile_target",
    "load_statement",
    "python_encoding",
    "refused_errno",
    "single_typed",
]
