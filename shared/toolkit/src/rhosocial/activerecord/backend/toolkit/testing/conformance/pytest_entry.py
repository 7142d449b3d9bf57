"""The pytest face of the harness: each backend's ``tests/conformance/test_conformance.py`` is::

    from rhosocial.activerecord.backend.toolkit.testing.conformance import conformance_tests
    BINDING = Binding(...)
    globals().update(conformance_tests(BINDING))

which gives one test per case per server (``pg15::query.cte``), one per claim per server
(``pg15::supports_merge_statement``), a per-server test that nothing went unlisted, and the check that
the committed capability page matches the dialect. Claims are listed at collection time from the
dialect built for each server's declared version; the probed server has the last word at run time.
Results are written to ``.reports/conformance/`` when the module finishes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

import pytest

from .binding import Binding
from .claims import claims_of
from .page import page_path, stale_answers
from .registry import cases_for
from .reports import write_report
from .runner import FAILED, SKIPPED, XFAILED, XPASSED, Session


def outcome(result: Any, where: str) -> None:
    """A case's result as the pytest outcome: skipped (a refusal or a missing server feature, with the
    case's reason), xfailed (a case the registry marks as a known defect, with its reason) or failed."""
    if result.status == SKIPPED:
        pytest.skip(result.message)
    if result.status == XFAILED:
        pytest.xfail(result.message)
    if result.status in (FAILED, XPASSED):
        pytest.fail(f"{where}: {result.message}", pytrace=False)


def _sessions(binding: Binding) -> list[Session]:
    sessions = [Session(binding, target) for target in binding.servers()]
    sessions += [Session(binding, info=info) for info in binding.offline]
    return sessions


def conformance_tests(binding: Binding, *, page: Optional[Path] = None) -> dict[str, Callable[..., Any]]:
    """The test functions (and the module fixture writing the reports) for ``binding``'s backend."""
    sessions = _sessions(binding)
    by_label = {s.label: s for s in sessions}
    cases = cases_for(binding.backend)
    live_targets = [s for s in sessions if s.live]

    case_params = []
    for session in sessions:
        for case in cases:
            if case.live and not session.live:
                continue  # offline sessions render only
            case_params.append(pytest.param(session.label, case.name, id=f"{session.label}::{case.name}"))
    if not live_targets:
        case_params.append(pytest.param("", "", id="live-cases", marks=pytest.mark.skip(reason=binding.skip_reason())))

    claim_params = []
    for session in sessions:
        declared = claims_of(binding.dialect_for(session.declared), session.declared)
        for claim in declared:
            claim_params.append(pytest.param(session.label, claim.name, id=f"{session.label}::{claim.name}"))

    @pytest.fixture(scope="module", autouse=True)
    def _conformance_reports():
        yield
        for session in sessions:
            if session.case_results or session.claim_results:
                write_report(session.report())
            session.close()

    @pytest.mark.parametrize(("label", "case_name"), case_params)
    def test_case(label: str, case_name: str) -> None:
        outcome(by_label[label].run_case(case_name), f"{case_name} on {label}")

    @pytest.mark.parametrize(("label", "claim"), claim_params)
    def test_claim(label: str, claim: str) -> None:
        session = by_label[label]
        if session.live:
            try:
                session.backend  # noqa: B018 - connect (and probe) before asking the dialect
            except Exception as exc:  # an unreachable server is a failure, never a skip
                pytest.fail(f"cannot connect to {label}: {exc}", pytrace=False)
        names = {c.name for c in session.claims()}
        if claim not in names:
            pytest.fail(f"{label}: probed {session.server.describe()} does not answer {claim}", pytrace=False)
        result = session.check_claim(claim)
        known = binding.open_reason(session.server.flavour, claim)
        if known and not result.ok:
            pytest.xfail(f"{known} | {result.status}: {result.message}")
        if known and result.status in ("proven", "refused"):
            pytest.fail(f"{label}: {claim} is listed in open_claims ({known}) but is {result.status}: remove it")
        if result.status == "offline":
            pytest.skip(f"{claim}: yes, proof needs a live server ({result.message})")
        if result.status == "unchecked":
            pytest.skip(f"{claim}: no; refusal not checked: {result.message}")
        if not result.ok:
            pytest.fail(f"{label}: {claim}: {result.status}: {result.message}", pytrace=False)

    @pytest.mark.parametrize("label", [s.label for s in sessions] or [pytest.param("", marks=pytest.mark.skip)])
    def test_every_claim_listed(label: str) -> None:
        """The probed server may answer more than the declared version did: those must be checked too."""
        session = by_label[label]
        listed = {p.values[1] for p in claim_params if p.values[0] == label}
        extra = sorted(c.name for c in session.claims() if c.name not in listed)
        failures = []
        for name in extra:
            result = session.check_claim(name)
            if not result.ok and not binding.open_reason(session.server.flavour, name):
                failures.append(f"{name}: {result.status}: {result.message}")
        assert not failures, f"{label}: claims of the probed server not proven / refused:\n" + "\n".join(failures)

    def test_capability_page_matches_dialect() -> None:
        path = page or page_path(binding.backend)
        if not path.is_file():
            pytest.fail(f"{path} is missing: run `python -m {__package__} page --backend {binding.backend}`")
        stale = stale_answers(binding, path.read_text())
        assert not stale, f"{path} disagrees with the dialect:\n" + "\n".join(stale)

    return {
        "_conformance_reports": _conformance_reports,
        "test_case": test_case,
        "test_claim": test_claim,
        "test_every_claim_listed": test_every_claim_listed,
        "test_capability_page_matches_dialect": test_capability_page_matches_dialect,
    }
