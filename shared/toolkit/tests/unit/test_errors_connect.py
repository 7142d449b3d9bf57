"""Plain Python exceptions raised while connecting become the ConnectFailedError subclass naming the field."""

from __future__ import annotations

import socket
import ssl

import pytest

from rhosocial.activerecord.backend.toolkit.errors import (
    ConnectFailedError,
    ConnectTimeoutError,
    ServerUnreachableError,
    TlsError,
    connect_failure,
)


@pytest.mark.parametrize(
    ("error", "kind", "hint"),
    [
        (ConnectionRefusedError(111, "Connection refused"), ServerUnreachableError, "(check host/port)"),
        (socket.gaierror(-2, "Name or service not known"), ServerUnreachableError, "(check host/port)"),
        (TimeoutError("timed out"), ConnectTimeoutError, "(check connect_timeout)"),
        (ssl.SSLCertVerificationError("certificate verify failed"), TlsError, "(check ssl options)"),
        (RuntimeError("odd"), ConnectFailedError, "odd"),
    ],
)
def test_connect_failure_classes(error, kind, hint):
    failure = connect_failure(error, "db:3306")
    assert type(failure) is kind
    assert str(failure).startswith("cannot connect to db:3306: ")
    assert str(failure).endswith(hint)
    assert failure.__cause__ is error
