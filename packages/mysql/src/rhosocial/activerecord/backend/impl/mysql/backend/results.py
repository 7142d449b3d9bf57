"""What decides whether a session's next statement can trust what it reads: pure logic, no I/O.

The backend reuses one buffered cursor, so the driver's own "unread result" check never fires.
A statement is therefore tracked from sending until its whole result (every result set of a
CALL) is read; one abandoned half-way (timeout, cancellation, an error outside the protocol)
leaves bytes in the socket that belong to it, and that session is discarded, never read again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from rhosocial.activerecord.backend.toolkit.errors import DataError


def is_complete_server_error(error: BaseException) -> bool:
    """True when the server answered with an error packet: the exchange is over, the session is in step.

    Client-side errors (2xxx, the driver's timeout classes, which carry no SQLSTATE) mean the reply
    was not read to its end.
    """
    errno = getattr(error, "errno", None)
    sqlstate = getattr(error, "sqlstate", None)
    if not isinstance(errno, int) or sqlstate is None:
        return False
    return not 2000 <= errno < 3000


def refuse_non_finite(params: Iterable[tuple[Any, Any]]) -> None:
    """Raise DataError for a NaN or infinite float parameter (``params`` yields position/name and value).

    MySQL and MariaDB have no such values: mysql-connector sends NaN as NULL and inf as the bare
    word ``inf``, which the server reads as a column name.
    """
    for where, value in params:
        if type(value) is float and not math.isfinite(value):
            label = f"parameter {where}" if isinstance(where, int) else f"parameter {where!r}"
            raise DataError(
                f"{label} is {value!r}: MySQL and MariaDB cannot store NaN or Infinity in a numeric column; "
                "pass None or a finite value"
            )


__all__ = ["is_complete_server_error", "refuse_non_finite"]
