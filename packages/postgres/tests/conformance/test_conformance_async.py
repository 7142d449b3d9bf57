"""The conformance cases again on AsyncPostgresBackend (issue 11: every feature live, sync and async).

The harness is sync; ``blocking.py`` runs the async backend on a loop of its own behind a sync facade, so each
case builds its statements with the same dialect and runs them through the async backend's I/O. No report
or capability page is written from this run (the sync run owns them); a case failing here fails the test.
"""

from __future__ import annotations

import dataclasses

import pytest

from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend
from rhosocial.activerecord.backend.toolkit.testing.conformance.registry import cases_for
from rhosocial.activerecord.backend.toolkit.testing.conformance.runner import (
    FAILED,
    SKIPPED,
    XFAILED,
    XPASSED,
    Session,
)

from ..conftest import config_for
from .blocking import connect_blocking
from .test_conformance import BINDING

ASYNC_BINDING = dataclasses.replace(
    BINDING,
    connect=lambda server: connect_blocking(
        AsyncPostgresBackend, config_for(server, application_name="rhosocial-conformance-async")
    ),
)

_SESSIONS = {target.name: Session(ASYNC_BINDING, target) for target in ASYNC_BINDING.servers()}
_LIVE_CASES = sorted(case.name for case in cases_for(ASYNC_BINDING.backend) if case.live)
_PARAMS = [pytest.param(label, name, id=f"{label}::{name}") for label in _SESSIONS for name in _LIVE_CASES] or [
    pytest.param("", "", id="live-cases", marks=pytest.mark.skip(reason=ASYNC_BINDING.skip_reason()))
]


@pytest.fixture(scope="module", autouse=True)
def _close_sessions():
    yield
    for session in _SESSIONS.values():
        session.close()


@pytest.mark.server
# each call is its own task on the loop, so a transaction begun in one call and used in the next looks
# "shared across tasks" to the core's async transaction manager; the calls are strictly serial here
@pytest.mark.filterwarnings("ignore:Shared async backend instance detected:UserWarning")
@pytest.mark.parametrize(("label", "case_name"), _PARAMS)
def test_case_async(label: str, case_name: str) -> None:
    result = _SESSIONS[label].run_case(case_name)
    if result.status == SKIPPED:
        pytest.skip(result.message)
    if result.status == XFAILED:
        pytest.xfail(result.message)
    if result.status in (FAILED, XPASSED):
        pytest.fail(f"{case_name} on {label} (async): {result.message}", pytrace=False)
