"""The conformance cases again through a backend's async class: every feature live, sync and async.

A backend's ``tests/conformance/test_conformance_async.py`` is::

    from rhosocial.activerecord.backend.toolkit.testing.conformance import async_conformance_tests
    from .test_conformance import BINDING
    globals().update(async_conformance_tests(BINDING, AsyncXBackend, config_for))

The harness is sync: each connection is the async backend on a loop of its own behind a sync facade
(:mod:`..blocking`), so every live case builds its statements with the same dialect and runs them through
the async backend's I/O. Server-free cases render only and are not run twice. Per server, the async
backend's probed dialect must answer every claim as the sync one does. No report or capability page is
written from this run (the sync run owns them); a case failing here fails its test.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from ..blocking import connect_blocking
from ..servers import ServerTarget
from .binding import Binding
from .pytest_entry import outcome
from .registry import cases_for
from .runner import Session


def async_binding(
    binding: Binding, backend_class: Callable[[Any], Any], config_for: Callable[[ServerTarget], Any]
) -> Binding:
    """``binding`` connecting ``backend_class(config_for(server))`` (an async backend) behind a sync facade."""
    return dataclasses.replace(binding, connect=lambda server: connect_blocking(backend_class, config_for(server)))


def async_conformance_tests(
    binding: Binding, backend_class: Callable[[Any], Any], config_for: Callable[[ServerTarget], Any]
) -> dict[str, Callable[..., Any]]:
    """The test functions (and the module fixture closing the sessions) of ``binding``'s async twin."""
    twin = async_binding(binding, backend_class, config_for)
    targets = twin.servers()
    sessions = {target.name: Session(twin, target) for target in targets}
    sync_sessions = {target.name: Session(binding, target) for target in targets}
    live_cases = sorted(case.name for case in cases_for(twin.backend) if case.live)
    skip = pytest.mark.skip(reason=twin.skip_reason())
    case_params = [pytest.param(label, name, id=f"{label}::{name}") for label in sessions for name in live_cases]
    case_params = case_params or [pytest.param("", "", id="live-cases", marks=skip)]
    server_params = [pytest.param(label, id=label) for label in sessions] or [pytest.param("", marks=skip)]

    @pytest.fixture(scope="module", autouse=True)
    def _close_async_sessions():
        yield
        for session in (*sessions.values(), *sync_sessions.values()):
            session.close()

    # each call is its own task on the loop, so a transaction begun in one call and used in the next looks
    # "shared across tasks" to the core's async transaction manager; the calls are strictly serial here
    @pytest.mark.filterwarnings("ignore:Shared async backend instance detected:UserWarning")
    @pytest.mark.parametrize(("label", "case_name"), case_params)
    def test_case_async(label: str, case_name: str) -> None:
        outcome(sessions[label].run_case(case_name), f"{case_name} on {label} (async)")

    @pytest.mark.parametrize("label", server_params)
    def test_claims_match_sync(label: str) -> None:
        """The async backend probes the server itself: its dialect must answer as the sync backend's does."""
        answers, expected = sessions[label].answers(), sync_sessions[label].answers()
        differing = sorted(
            f"{name}: async {answers.get(name)!r}, sync {expected.get(name)!r}"
            for name in answers.keys() | expected.keys()
            if answers.get(name) != expected.get(name)
        )
        assert not differing, f"{label}: the async dialect answers differently:\n" + "\n".join(differing)

    return {
        "_close_async_sessions": _close_async_sessions,
        "test_case_async": test_case_async,
        "test_claims_match_sync": test_claims_match_sync,
    }
