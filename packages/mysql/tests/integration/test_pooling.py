"""Optional pooling through mysql-connector's own pool (sync backend)."""

import pytest

pytestmark = pytest.mark.server


def test_pooled_backends_reuse_sessions(make_config):
    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend

    config = make_config(pool_size=1, pool_name="rhosocial-test-pool", sql_mode="PIPES_AS_CONCAT")
    first = MySQLBackend(config)
    first_id = first.fetch_one("SELECT CONNECTION_ID() AS id")["id"]
    first.disconnect()  # back to the pool, not closed
    second = MySQLBackend(config)
    try:
        assert second.fetch_one("SELECT CONNECTION_ID() AS id")["id"] == first_id
        # The pool resets the session; our session setup is applied again on checkout.
        assert "PIPES_AS_CONCAT" in second.fetch_one("SELECT @@SESSION.sql_mode AS m")["m"]
        assert second.server_info is not None
    finally:
        second.disconnect()
