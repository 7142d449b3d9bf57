"""The statement log switched on for one test, and the statements it recorded (pytest's ``caplog``)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from ..log import SQL_LOGGER, log_statements


@contextlib.contextmanager
def statements_logged(caplog: Any) -> Iterator[Any]:
    """Every statement the backends run inside the block lands in ``caplog``; off again afterwards."""
    log_statements()
    caplog.set_level(logging.DEBUG, logger=SQL_LOGGER)
    try:
        yield caplog
    finally:
        log_statements(False)


def logged_statements(caplog: Any) -> list[str]:
    """The statement log's messages ``caplog`` holds, in order."""
    return [r.getMessage() for r in caplog.records if r.name == SQL_LOGGER]


__all__ = ["logged_statements", "statements_logged"]
