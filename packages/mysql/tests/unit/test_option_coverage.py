"""No silent drops (MySQL / MariaDB): every option of the core's statement objects changes the SQL or raises.

The enumerator and the two tests are the toolkit's (`conformance.options.option_tests`, which says what
ALLOWED entries mean); this module holds the dialects checked and the allow-list.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.mysql import MariaDBDialect, MySQLDialect
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo
from rhosocial.activerecord.backend.toolkit.testing.conformance.options import option_tests

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


test_every_option_is_rendered_or_refused, test_allow_list_has_no_stale_entries = option_tests(DIALECTS, ALLOWED)
