"""Connect failures are ConnectionError subclasses naming the field, provoked for real (the same classes
as PostgreSQL's; see packages/postgres/tests/fault/test_error_classes.py)."""

from __future__ import annotations

import socket

import pytest

from rhosocial.activerecord.backend.errors import ConnectionError
from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend
from rhosocial.activerecord.backend.toolkit.errors import AuthenticationError, ServerUnreachableError

pytestmark = [pytest.mark.server, pytest.mark.fault]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_wrong_port_is_server_unreachable(make_config):
    with pytest.raises(ServerUnreachableError) as info:
        MySQLBackend(make_config(port=_free_port(), connect_timeout=3)).connect()
    assert str(info.value).endswith("(check host/port)")


def test_wrong_password_is_an_authentication_error(make_config):
    with pytest.raises(AuthenticationError) as info:
        MySQLBackend(make_config(password="definitely-wrong")).connect()
    assert "1045" in str(info.value)
    assert str(info.value).endswith("(check username/password)")


async def test_async_connect_failures_use_the_same_classes(make_config):
    with pytest.raises(ServerUnreachableError):
        await AsyncMySQLBackend(make_config(port=_free_port(), connect_timeout=3)).connect()
    with pytest.raises(AuthenticationError):
        await AsyncMySQLBackend(make_config(password="definitely-wrong")).connect()
    assert issubclass(AuthenticationError, ConnectionError)
