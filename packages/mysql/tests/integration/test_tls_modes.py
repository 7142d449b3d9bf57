"""Each ssl_mode against the TLS MariaDB and the plain one, with the right CA and a throwaway wrong CA.

The outcome is read from the session itself (``Ssl_cipher``), so a silent fall back to plain text fails.
"""

from __future__ import annotations

import os
from typing import Optional

import pytest

from rhosocial.activerecord.backend.errors import ConnectionError
from rhosocial.activerecord.backend.toolkit.testing.servers import SELECT_ENV, servers_for

pytestmark = [pytest.mark.server, pytest.mark.fault]

# The TLS instance is used whatever server the run is narrowed to (as in test_faults.py).
TLS_SERVERS = servers_for("mysql", tls=True, environ={k: v for k, v in os.environ.items() if k != SELECT_ENV})

TLS, PLAIN, REFUSED = "tls", "plain", "refused"

# (ssl_mode, which CA, outcome) against a server that has TLS on and requires secure transport.
ON_TLS_SERVER = [
    ("disabled", None, REFUSED),  # the server refuses insecure transport
    ("preferred", "wrong", TLS),  # no certificate check under preferred / required
    ("required", "wrong", TLS),
    ("verify_ca", "right", TLS),
    ("verify_ca", "wrong", REFUSED),
    ("verify_identity", "right", TLS),
    ("verify_identity", "wrong", REFUSED),
    (None, "right", TLS),  # ssl_ca alone implies verify_ca...
    (None, "wrong", REFUSED),  # ...so an unrelated CA is refused
]
# Against a server with TLS off.
ON_PLAIN_SERVER = [
    ("disabled", None, PLAIN),
    ("preferred", "right", PLAIN),
    ("required", None, REFUSED),
    ("verify_ca", "right", REFUSED),
    ("verify_identity", "right", REFUSED),
    (None, "right", REFUSED),  # ssl_ca alone: TLS required, never plain text
]


@pytest.fixture(scope="module")
def wrong_ca(tmp_path_factory) -> str:
    import trustme

    path = tmp_path_factory.mktemp("wrong-ca") / "unrelated-ca.pem"
    trustme.CA(organization_name="unrelated test CA").cert_pem.write_to_path(str(path))
    return str(path)


def _config(server, mode: Optional[str], ca: Optional[str]):
    from rhosocial.activerecord.backend.impl.mysql import MySQLConnectionConfig

    fields = dict(host=server.host, port=server.port, database=server.database, username=server.user)
    return MySQLConnectionConfig(password=server.password, ssl_mode=mode, ssl_ca=ca, connect_timeout=5, **fields)


def _ca(kind: Optional[str], right: Optional[str], wrong: str) -> Optional[str]:
    return {None: None, "right": right, "wrong": wrong}[kind]


def _outcome_sync(config) -> str:
    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend

    b = MySQLBackend(config)
    try:
        b.connect()
    except ConnectionError:
        return REFUSED
    try:
        return TLS if b.fetch_one("SHOW SESSION STATUS LIKE 'Ssl_cipher'")["Value"] else PLAIN
    finally:
        b.disconnect()


async def _outcome_async(config) -> str:
    from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend

    b = AsyncMySQLBackend(config)
    try:
        await b.connect()
    except ConnectionError:
        return REFUSED
    try:
        return TLS if (await b.fetch_one("SHOW SESSION STATUS LIKE 'Ssl_cipher'"))["Value"] else PLAIN
    finally:
        await b.disconnect()


def _tls_server():
    if not TLS_SERVERS:
        pytest.skip("no TLS MariaDB: run `tools/localdb.py up`")
    return TLS_SERVERS[0]


@pytest.mark.parametrize(("mode", "ca", "expected"), ON_TLS_SERVER)
async def test_mode_on_tls_server(mode, ca, expected, wrong_ca):
    server = _tls_server()
    config = _config(server, mode, _ca(ca, server.tls["ca"], wrong_ca))
    assert _outcome_sync(config) == expected
    assert await _outcome_async(config) == expected


@pytest.fixture
def plain_server(server):
    """The non-TLS server; skipped when it offers TLS after all (a MySQL container generates certificates)."""
    if _outcome_sync(_config(server, "preferred", None)) == TLS:
        pytest.skip(f"{server.name} offers TLS: the plain-server cases need one with TLS off")
    return server


@pytest.mark.parametrize(("mode", "ca", "expected"), ON_PLAIN_SERVER)
async def test_mode_on_plain_server(plain_server, mode, ca, expected, wrong_ca):
    right = TLS_SERVERS[0].tls["ca"] if TLS_SERVERS else wrong_ca
    config = _config(plain_server, mode, _ca(ca, right, wrong_ca))
    assert _outcome_sync(config) == expected
    assert await _outcome_async(config) == expected


async def test_refusal_names_the_mode_and_the_way_out(plain_server):
    from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend

    config = _config(plain_server, "required", None)
    with pytest.raises(ConnectionError, match=r"ssl_mode='required' requires TLS.*ssl_mode='preferred'"):
        MySQLBackend(config).connect()
    with pytest.raises(ConnectionError, match=r"ssl_mode='required' requires TLS"):
        await AsyncMySQLBackend(config).connect()
