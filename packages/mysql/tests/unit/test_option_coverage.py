"""No silent drops (MySQL / MariaDB): every option of the core's statement objects changes the SQL or raises.

The enumerator is the toolkit's (`conformance.options`). ALLOWED lists what this dialect does not
them and passes; when one is fixed the test asks for its entry to be removed). An option that renders
identically for a good reason gets an entry with that reason instead.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.mysql import MariaDBDialect, MySQLDialect
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo
from rhosocial.activerecord.backend.toolkit.testing.conformance.options import option_report

DIALECTS = {
    "mysql 8.0": MySQLDialect(ServerInfo("mysql", "mysql", (8, 0, 36))),
    "mariadb 10.11": MariaDBDialect(ServerInfo("mysql", "mariadb", (10, 11, 0))),
}

ALLOWED: dict[str, str] = {
    # render identically on purpose
    "TruncateExpression.restart_identity": "TRUNCATE always restarts AUTO_INCREMENT: it is what it does",
    "DropSchemaExpression.cascade": "DROP DATABASE always drops what it holds: it is what the statement does",
    "DropTriggerExpression.table_name": "trigger names are unique per schema: DROP TRIGGER takes no table",
}


def test_every_option_is_rendered_or_refused() -> None:
    report = option_report(DIALECTS, ALLOWED)
    assert not report.failures, "options dropped silently or crashing:\n" + "\n".join(report.failures)


def test_allow_list_has_no_stale_entries() -> None:
    report = option_report(DIALECTS, ALLOWED)
    assert not report.stale, "\n".join(report.stale)
