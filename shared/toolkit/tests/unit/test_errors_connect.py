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


class OperationalError(Exception):
    """Stands in for a driver's PEP 249 OperationalError (matched by class name)."""


LIBPQ_FAILURES = [
    ('connection to server at "h", port 1 failed: Connection refused', "ServerUnreachableError", "host/port"),
    ("failed to resolve host 'nohost': Name or service not known", "ServerUnreachableError", "host/port"),
    ("connection timeout expired", "ConnectTimeoutError", "connect_timeout"),
    ('failed: FATAL:  database "nodb" does not exist', "UnknownDatabaseError", "database"),
    ('failed: FATAL:  password authentication failed for user "u"', "AuthenticationError", "username/password"),
    ("failed: server does not support SSL, but SSL was required", "TlsError", "ssl options"),
    ('failed: FATAL:  no pg_hba.conf entry for host "h", user "u", no encryption', "TlsError", "ssl options"),
    ("failed: something nobody has seen", "ConnectFailedError", None),
]


@pytest.mark.parametrize(("message", "kind", "field"), LIBPQ_FAILURES)
def test_libpq_connect_messages(message, kind, field):
    from rhosocial.activerecord.backend.toolkit.errors import ErrorTranslator, extract_psycopg
    from rhosocial.activerecord.backend.toolkit.errors.tables.sqlstate import LIBPQ_CONNECT_MESSAGES, POSTGRES_ERRORS

    translator = ErrorTranslator(POSTGRES_ERRORS, extract_psycopg, "SQLSTATE", LIBPQ_CONNECT_MESSAGES)
    error = OperationalError(message)
    translated = translator.translate(error, connecting=True)
    assert type(translated).__name__ == kind
    assert str(translated).endswith(f"(check {field})" if field else message)
    # the same text on a running session is not a connect failure
    assert not isinstance(translator.translate(error), ConnectFailedError)
