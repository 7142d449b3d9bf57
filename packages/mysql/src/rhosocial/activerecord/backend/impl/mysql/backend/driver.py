"""Which mysql-connector implementation a connection uses, the cursor classes that match it, and its text.

mysql-connector returns a ``CMySQLConnection`` (its C extension) when the extension loads and the
caller did not ask for ``use_pure=True``, and a pure-Python ``MySQLConnection`` otherwise (the
extension is missing, or it does not load: 26.x's needs OpenSSL >= 3.2). The two take different
cursor classes: a pure cursor over the C connection fails at its first statement. The asyncio
client (``mysql.connector.aio``) is pure Python only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mysql.connector.cursor import MySQLCursor, MySQLCursorBuffered

try:  # the C extension is optional: its absence (or a library it cannot load) means pure Python
    from mysql.connector.connection_cext import CMySQLConnection
    from mysql.connector.cursor_cext import CMySQLCursor, CMySQLCursorBuffered
except ImportError:  # pragma: no cover - depends on the installed driver
    CMySQLConnection = None  # type: ignore[assignment,misc]

# server_info.settings["driver_implementation"]: the same key on every backend
C_EXTENSION = "c"
PURE_PYTHON = "python"


def raw_connection(connection: Any) -> Any:
    """The protocol-level connection behind a pooled one."""
    return getattr(connection, "_cnx", connection)


def is_c_extension(connection: Any) -> bool:
    return CMySQLConnection is not None and isinstance(raw_connection(connection), CMySQLConnection)


def implementation(connection: Any) -> str:
    """``"c"`` for the C extension, ``"python"`` for the pure-Python protocol."""
    return C_EXTENSION if is_c_extension(connection) else PURE_PYTHON


def buffered_cursor(connection: Any) -> Any:
    """A buffered tuple cursor of the connection's implementation, built directly.

    ``connection.cursor()`` pings the server every time; the backend never pings before statements.
    """
    raw = raw_connection(connection)
    if is_c_extension(raw):
        return CMySQLCursorBuffered(raw)
    return MySQLCursorBuffered(raw)


def unbuffered_cursor(connection: Any) -> Any:
    """An unbuffered tuple cursor (rows stay on the socket until read; see streaming.py)."""
    raw = raw_connection(connection)
    if is_c_extension(raw):
        return CMySQLCursor(raw)
    return MySQLCursor(raw)


def more_results_check(connection: Any, *, guarded: bool = True) -> Callable[[], bool]:
    """A no-argument ``more_results_pending`` for one open connection, bound once per session.

    ``guarded=False`` is for right after a statement succeeded: the C client raises when asked on
    a closed session, which cannot be the case then.
    """
    raw = raw_connection(connection)
    cmysql = getattr(raw, "_cmysql", None)
    if cmysql is not None:
        connected, more = cmysql.connected, cmysql.more_results  # the C client's flags: no I/O
        return (lambda: connected() and more()) if guarded else more
    return lambda: raw._have_next_result


def more_results_pending(connection: Any) -> bool:
    """True while the server has further result sets of the last statement (CALL) queued."""
    raw = raw_connection(connection)
    cmysql = getattr(raw, "_cmysql", None)  # the C extension's session (is_connected() would ping)
    if cmysql is not None:
        return bool(cmysql.connected() and cmysql.more_results())
    return bool(getattr(raw, "_have_next_result", False))


def server_text(value: Any) -> str:
    """A text value as the driver hands it back (``str``, or bytes: the C extension, MySQL 8's
    information_schema), as ``str``; NULL is the empty string."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    return "" if value is None else str(value)


__all__ = [
    "C_EXTENSION",
    "PURE_PYTHON",
    "buffered_cursor",
    "implementation",
    "is_c_extension",
    "more_results_check",
    "more_results_pending",
    "raw_connection",
    "server_text",
    "unbuffered_cursor",
]
