"""No silent drops (PostgreSQL): every option of the core's statement objects changes the SQL or raises.

The enumerator and the two tests are the toolkit's (`conformance.options.option_tests`, which says what
ALLOWED entries mean); this module holds the dialects checked and the allow-list.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.postgres import PostgresDialect
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo
from rhosocial.activerecord.backend.toolkit.testing.conformance.options import option_tests

DIALECTS = {
    "postgresql 13": PostgresDialect(ServerInfo("postgresql", "postgresql", (13, 0, 0))),
    "postgresql 16": PostgresDialect(ServerInfo("postgresql", "postgresql", (16, 0, 0))),
}

ALLOWED: dict[str, str] = {
    # render identically on purpose
    "DropIndexExpression.table_name": "index names are unique per schema: DROP INDEX takes no table",
    # the core hands format_with_query() the parts, not the expression: no dialect sees these
    "WithQueryExpression.dialect_options": "open: the core does not pass the expression to format_with_query()",
}


test_every_option_is_rendered_or_refused, test_allow_list_has_no_stale_entries = option_tests(DIALECTS, ALLOWED)
