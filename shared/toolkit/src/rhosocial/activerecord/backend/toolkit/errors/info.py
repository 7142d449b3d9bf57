"""Per-driver extraction of what the mapping needs from a driver exception (layer 3).

The toolkit never imports a driver: every extractor reads attributes by duck typing, so
the toolkit installs and tests without psycopg, mysql-connector or oracledb present.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True)
class DriverErrorInfo:
    """What one driver exception tells us, normalised across drivers.

    ``code`` is the database's own code as a string key of the code tables: a SQLSTATE
    (``"23505"``), a MySQL errno (``"1062"``) or an Oracle full code (``"ORA-00001"``,
    ``"DPY-4011"``). ``session_dead`` is True when the connection can no longer be used
    and must be discarded; the backend then never reuses it.
    """

    code: Optional[str]
    sqlstate: Optional[str]
    message: str
    session_dead: bool = False


ErrorExtractor = Callable[[BaseException], DriverErrorInfo]


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


# --- psycopg 3 -------------------------------------------------------------------

# SQLSTATE classes and codes after which the server has closed the session: connection
# exceptions, the 57P0x shutdowns, dropped database, idle_session_timeout (57P05) and
# idle_in_transaction_session_timeout (25P03) - all FATAL on the server side.
_PG_DEAD_SQLSTATES = ("08", "57P01", "57P02", "57P03", "57P04", "57P05", "25P03")

# psycopg classes raised without SQLSTATE when the connection was lost or never made
# ("the connection is closed", "connection failed: ...", connect_timeout expired). Not
# InterfaceError: psycopg raises it for a closed cursor or a missing loader, on a live session.
_PG_DEAD_CLASSES = ("OperationalError", "ConnectionTimeout")


def extract_psycopg(error: BaseException) -> DriverErrorInfo:
    """psycopg 3: ``sqlstate`` on the exception; a closed connection has no SQLSTATE."""
    sqlstate = getattr(error, "sqlstate", None)
    pgconn = getattr(error, "pgconn", None)
    dead = bool(sqlstate and sqlstate.startswith(_PG_DEAD_SQLSTATES))
    if pgconn is not None and getattr(pgconn, "status", 0) != 0:
        # libpq CONNECTION_BAD (1): the socket is gone whatever the SQLSTATE says.
        dead = True
    if sqlstate is None and type(error).__name__ in _PG_DEAD_CLASSES:
        dead = True
    message = _first_line(error)
    # The server's DETAIL line says which row or key (e.g. "Key (email)=(a@b) already exists").
    detail = getattr(getattr(error, "diag", None), "message_detail", None)
    if isinstance(detail, str) and detail and detail not in message:
        message = f"{message} DETAIL: {detail}"
    return DriverErrorInfo(code=sqlstate, sqlstate=sqlstate, message=message, session_dead=dead)


# --- mysql-connector-python ----------------------------------------------------------

# Client-side errnos (CR_*) and server errnos that mean the session is gone.
_MYSQL_DEAD_ERRNOS = frozenset({2002, 2003, 2006, 2013, 2055, 4031, 1927, 1053, 3169})

# mysql-connector's client-side timeouts. They reuse errno 3024, which is also the server's
# ER_QUERY_TIMEOUT (max_execution_time), but carry no SQLSTATE; the reply they interrupted is
# still on its way, so the session cannot be read in step again.
_MYSQL_CLIENT_TIMEOUTS = {
    "ConnectionTimeoutError": "connect timeout",
    "ReadTimeoutError": "read timeout",
    "WriteTimeoutError": "write timeout",
}


def extract_mysql_connector(error: BaseException) -> DriverErrorInfo:
    """mysql-connector-python: ``errno`` and ``sqlstate`` attributes, message in ``msg``."""
    errno = getattr(error, "errno", None)
    sqlstate = getattr(error, "sqlstate", None)
    msg = getattr(error, "msg", None) or _first_line(error)
    timeout = _MYSQL_CLIENT_TIMEOUTS.get(type(error).__name__)
    if timeout is not None and sqlstate is None:
        text = " ".join(str(msg).split())
        return DriverErrorInfo(code=None, sqlstate=None, message=f"client {timeout}: {text}", session_dead=True)
    code = str(errno) if isinstance(errno, int) and errno > 0 else None
    dead = isinstance(errno, int) and errno in _MYSQL_DEAD_ERRNOS
    return DriverErrorInfo(code=code, sqlstate=sqlstate, message=str(msg), session_dead=dead)


# --- python-oracledb ------------------------------------------------------------------

_ORACLE_CODE = re.compile(r"\b((?:ORA|DPY|DPI)-\d{4,5})\b")


def extract_oracledb(error: BaseException) -> DriverErrorInfo:
    """python-oracledb: ``error.args[0]`` is an ``_Error`` with ``full_code`` and ``isrecoverable``.

    The code comes from the error object; the message is only a fallback for objects
    that predate ``full_code``.
    """
    obj: Any = error.args[0] if error.args else None
    full_code = getattr(obj, "full_code", None)
    message = str(getattr(obj, "message", "") or _first_line(error))
    if not full_code:
        code_no = getattr(obj, "code", None)
        if isinstance(code_no, int) and code_no > 0:
            full_code = f"ORA-{code_no:05d}"
        else:
            found = _ORACLE_CODE.search(message)
            full_code = found.group(1) if found else None
    # "recoverable" means the call may be retried on a new session, not that this one is dead.
    dead = full_code in ORACLE_SESSION_DEAD_CODES or bool(getattr(obj, "is_session_dead", False))
    return DriverErrorInfo(code=full_code, sqlstate=None, message=message.splitlines()[0], session_dead=dead)


# ORA/DPY codes after which the session cannot be used any more.
ORACLE_SESSION_DEAD_CODES = frozenset(
    {
        "ORA-00028",  # your session has been killed
        "ORA-01012",  # not logged on
        "ORA-03113",  # end-of-file on communication channel
        "ORA-03114",  # not connected to ORACLE
        "ORA-03135",  # connection lost contact
        "ORA-12514",  # listener does not know of service
        "ORA-12541",  # no listener
        "DPY-1001",  # not connected to database
        "DPY-4011",  # the database or network closed the connection
        "DPY-6005",  # cannot connect to database
    }
)
