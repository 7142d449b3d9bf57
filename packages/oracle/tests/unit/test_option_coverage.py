"""No silent drops (Oracle): every option of the core's statement objects changes the SQL or raises.

The enumerator is the toolkit's (`conformance.options`). ALLOWED lists what this dialect does not
cover yet, each with the reason: "open: issue 9 ..." entries are defects still to fix (the test reports
them and passes; when one is fixed the test asks for its entry to be removed). An option that renders
identically for a good reason gets an entry with that reason instead.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.oracle import OracleDialect
from rhosocial.activerecord.backend.impl.oracle.capabilities import server_info
from rhosocial.activerecord.backend.toolkit.testing.conformance.options import option_report

DIALECTS = {
    "oracle 19c": OracleDialect(server_info("19.0.0")),
    "oracle 23ai": OracleDialect(server_info("23.0.0")),
}

ALLOWED: dict[str, str] = {
    # Options that render identically on Oracle for a reason (the issue 9 defects here are fixed).
    "DropIndexExpression.table_name": "Oracle index names are unique per schema: DROP INDEX names no table",
    "WithQueryExpression.recursive": "Oracle has no RECURSIVE keyword: a CTE naming itself is recursive",
}


def test_every_option_is_rendered_or_refused() -> None:
    report = option_report(DIALECTS, ALLOWED)
    assert not report.failures, "options dropped silently or crashing:\n" + "\n".join(report.failures)


def test_allow_list_has_no_stale_entries() -> None:
    report = option_report(DIALECTS, ALLOWED)
    assert not report.stale, "\n".join(report.stale)
