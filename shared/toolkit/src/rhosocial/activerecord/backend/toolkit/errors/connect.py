"""Connect failures a driver lets through as plain Python exceptions (asyncio sockets, ssl, timeouts)."""

from __future__ import annotations

import ssl

from .exceptions import (
    ConnectFailedError,
    ConnectTimeoutError,
    ServerUnreachableError,
    TlsError,
)


def connect_failure(error: BaseException, where: str) -> ConnectFailedError:
    """The ConnectFailedError subclass for a non-driver exception raised while connecting to ``where``."""
    kind: type[ConnectFailedError]
    if isinstance(error, ssl.SSLError):
        kind = TlsError
    elif isinstance(error, TimeoutError):
        kind = ConnectTimeoutError
    elif isinstance(error, OSError):
        kind = ServerUnreachableError  # refused, unknown host, no route
    else:
        kind = ConnectFailedError
    hint = f" (check {kind.field})" if kind.field else ""
    failure = kind(f"cannot connect to {where}: {type(error).__name__}: {error}{hint}")
    failure.__cause__ = error
    return failure


__all__ = ["connect_failure"]
