"""The statement-log helpers the backends' tests share."""

from __future__ import annotations

import logging

from rhosocial.activerecord.backend.toolkit.log import log_statement, statements
from rhosocial.activerecord.backend.toolkit.testing.statements import logged_statements, statements_logged


def test_statements_are_recorded_inside_the_block_only(caplog):
    with statements_logged(caplog):
        log_statement("SELECT 1")
        logging.getLogger("elsewhere").warning("not a statement")
    log_statement("SELECT 2")
    assert logged_statements(caplog) == ["SELECT 1"]
    assert not statements.isEnabledFor(logging.DEBUG)
