from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.impl.postgres.probe import (
    check_supported,
    server_info_from_row,
    statement_timeout_active,
    version_from_num,
)
from rhosocial.activerecord.backend.toolkit.errors import UnsupportedServerError


@pytest.mark.parametrize(("num", "version"), [(150020, (15, 20, 0)), (160002, (16, 2, 0)), (90624, (9, 6, 24))])
def test_version_from_num(num, version):
    assert version_from_num(num) == version


def _row(num="150020", text="PostgreSQL 15.20 on x86_64", timeout="0"):
    return (num, text, timeout, "UTC", "on", "UTF8")


def test_probe_row_to_server_info():
    info = server_info_from_row(_row())
    assert (info.product, info.flavour, info.version) == ("postgresql", "postgresql", (15, 20, 0))
    assert info.settings["TimeZone"] == "UTC"
    assert not statement_timeout_active(info)
    assert statement_timeout_active(server_info_from_row(_row(timeout="5s")))


def test_forks_are_named():
    assert server_info_from_row(_row(text="PostgreSQL 13.0 CockroachDB CCL v23")).flavour == "cockroachdb"


def test_old_servers_are_rejected():
    with pytest.raises(UnsupportedServerError, match="needs PostgreSQL >= 13"):
        check_supported(server_info_from_row(_row(num="120005")))
