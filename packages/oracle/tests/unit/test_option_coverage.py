"""No silent drops (Oracle): every option of the core's statement objects changes the SQL or raises.

The enumerator and the two tests are the toolkit's (`conformance.options.option_tests`, which says what
ALLOWED entries mean); this module holds the dialects checked and the allow-list.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.oracle import OracleDialect
from rhosocial.activerecord.backend.impl.oracle.capabilities import server_info
from rhosocial.activerecord.backend.toolkit.testing.conformance.options import option_tests

DIALECTS = {
    "oracle 19c": OracleDialect(server_info("19.0.0")),
    "oracle 23ai": OracleDialect(server_info("23.0.0")),
}

ALLOWED: dict[str, str] = {
    # Options that render identically on Oracle for a reason (the issue 9 defects here are fixed).
    "DropIndexExpression.table_name": "Oracle index names are unique per schema: DROP INDEX names no table",
    "WithQueryExpression.recursive": "Oracle has no RECURSIVE keyword: a CTE naming itself is recursive",
}


test_every_option_is_rendered_or_refused, test_allow_list_has_no_stale_entries = option_tests(DIALECTS, ALLOWED)
