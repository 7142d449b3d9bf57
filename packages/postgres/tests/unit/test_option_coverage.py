"""No silent drops (PostgreSQL): every option of the core's statement objects changes the SQL or raises.

The enumerator is the toolkit's (`conformance.options`). ALLOWED lists what this dialect does not
cover yet, each with the reason: "open: issue 9 ..." entries are defects still to fix (the test reports
them and passes; when one is fixed the test asks for its entry to be removed). An option that renders
identically for a good reason gets an entry with that reason instead.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.postgres import PostgresDialect
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo
from rhosocial.activerecord.backend.toolkit.testing.conformance.options import option_report

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


def test_every_option_is_rendered_or_refused() -> None:
    report = option_report(DIALECTS, ALLOWED)
    assert not report.failures, "options dropped silently or crashing:\n" + "\n".join(report.failures)


def test_allow_list_has_no_stale_entries() -> None:
    report = option_report(DIALECTS, ALLOWED)
    assert not report.stale, "\n".join(report.stale)
