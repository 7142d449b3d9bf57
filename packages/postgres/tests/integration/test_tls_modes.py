"""libpq's sslmode semantics, kept as they are, against the TLS PostgreSQL with the right and a throwaway CA.

The outcome is read from ``pg_stat_ssl`` for the session itself.
"""

from __future__ import annotations

import os
from typing import Optional

import pytest

from rhosocial.activerecord.backend.errors import ConnectionError
from rhosocial.activerecord.backend.toolkit.testing.servers import SELECT_ENV, servers_for

from ..conftest import config_for

pytestmark = [pytest.mark.server, pytest.mark.fault]

# The TLS instance is used whatever server the run is narrowed to.
TLS_SERVERS = servers_for("postgres", tls=True, environ={k: v for k, v in os.environ.items() if k != SELECT_ENV})

TLS, PLAIN, REFUSED = "tls", "plain", "refused"

CASES = [
    ("verify-full", "right", TLS),
    ("verify-full", "wrong", REFUSED),
    ("verify-ca", "right", TLS),
    ("verify-ca", "wrong", REFUSED),
    ("require", None, TLS),  # encryption without a certificate check
    # libpq: with a root certificate given, require checks the chain like verify-ca.
    ("require", "wrong", REFUSED),
    ("disable", None, REFUSED),  # the server accepts only hostssl
]


@pytest.fixture(scope="module")
def wrong_ca(tmp_path_factory) -> str:
    import trustme

    path = tmp_path_factory.mktemp("wrong-ca") / "unrelated-ca.pem"
    trustme.CA(organization_name="unrelated test CA").cert_pem.write_to_path(str(path))
    return str(path)


def _config(server, sslmode: str, ca: Optional[str]):
    return config_for(server, sslmode=sslmode, sslrootcert=ca, connect_timeout=5)


def _outcome_sync(config) -> str:
    from rhosocial.activerecord.backend.impl.postgres import PostgresBackend

    b = PostgresBackend(config)
    try:
        b.connect()
    except ConnectionError:
        return REFUSED
    try:
        return TLS if b.fetch_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")["ssl"] else PLAIN
    finally:
        b.disconnect()


async def _outcome_async(config) -> str:
    from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend

    b = AsyncPostgresBackend(config)
    try:
        await b.connect()
    except ConnectionError:
        return REFUSED
    try:
        row = await b.fetch_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        return TLS if row["ssl"] else PLAIN
    finally:
        await b.disconnect()


@pytest.mark.parametrize(("sslmode", "ca", "expected"), CASES)
async def test_sslmode_on_tls_server(sslmode, ca, expected, wrong_ca):
    if not TLS_SERVERS:
        pytest.skip("no TLS PostgreSQL (pg15-tls): run `tools/localdb.py up`")
    server = TLS_SERVERS[0]
    config = _config(server, sslmode, {None: None, "right": server.tls["ca"], "wrong": wrong_ca}[ca])
    assert _outcome_sync(config) == expected
    assert await _outcome_async(config) == expected


async def test_verify_full_with_wrong_ca_names_the_certificate_problem(wrong_ca):
    if not TLS_SERVERS:
        pytest.skip("no TLS PostgreSQL (pg15-tls): run `tools/localdb.py up`")
    from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend, PostgresBackend

    config = _config(TLS_SERVERS[0], "verify-full", wrong_ca)
    with pytest.raises(ConnectionError, match="certificate verify failed"):
        PostgresBackend(config).connect()
    with pytest.raises(ConnectionError, match="certificate verify failed"):
        await AsyncPostgresBackend(config).connect()
