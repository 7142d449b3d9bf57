"""The capability table is data: well-formed, and the probe maps servers onto it."""

import pytest

from rhosocial.activerecord.backend.impl.mysql.backend.common import server_from_probe
from rhosocial.activerecord.backend.impl.mysql.capabilities import CAPABILITIES, MARIADB, MYSQL
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo


def test_every_capability_names_only_known_flavours():
    for capability in CAPABILITIES:
        assert set(capability.minimum) <= {MYSQL, MARIADB}, capability.name
        assert capability.description


@pytest.mark.parametrize(
    ("row", "flavour", "version"),
    [
        (("10.11.19-MariaDB-0+deb12u1", "Debian 12", "STRICT_TRANS_TABLES", 0), "mariadb", (10, 11, 19)),
        (("11.4.2-MariaDB", "mariadb.org binary distribution", "", 0), "mariadb", (11, 4, 2)),
        (("8.4.3", "MySQL Community Server - GPL", "ONLY_FULL_GROUP_BY", 0), "mysql", (8, 4, 3)),
        (("9.1.0", "MySQL Community Server - GPL", "", 0), "mysql", (9, 1, 0)),
        (("8.0.11-TiDB-v7.5.0", "TiDB Server", "", 0), "tidb", (8, 0, 11)),
        ((b"5.5.5-10.6.0-MariaDB", b"x", b"", 1), "mariadb", (5, 5, 5)),
    ],
)
def test_probe_row_to_server(row, flavour, version):
    server = server_from_probe(row)
    assert server.flavour == flavour
    assert server.version[:3] == version


def test_report_gives_reasons():
    report = CAPABILITIES.report(ServerInfo("mysql", MARIADB, (10, 11, 19)))
    assert report["cte"] is None
    assert report["lateral_join"] == "lateral_join is not available on mariadb"
    assert "needs mysql >= 8.0.14" in CAPABILITIES.report(ServerInfo("mysql", MYSQL, (8, 0, 13)))["lateral_join"]
