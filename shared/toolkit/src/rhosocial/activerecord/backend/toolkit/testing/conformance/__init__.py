"""The conformance harness: every capability claim proven through the dialect, every "no" refused.

- :func:`case` registers a case (modules in ``cases/``, found automatically);
- :class:`Ctx` is what a case gets (backend, dialect, server, setup and effect helpers);
- :class:`Binding` is what a backend gives the harness (connect, offline dialect, cleanup);
- :class:`Session` runs one backend on one server; :func:`conformance_tests` is its pytest face,
  :func:`async_conformance_tests` the same live cases again through the backend's async class;
- ``python -m rhosocial.activerecord.backend.toolkit.testing.conformance page`` writes the capability pages;
- :mod:`.options` is the server-free no-silent-drops check of every option of the core's expressions.
"""

from .binding import Binding, connected, declared_server, drop_if_exists
from .claims import ARGUMENT_PROBES, NOT_CLAIMS, Claim, claims_of
from .context import Ctx, OfflineError, unique_name
from .registry import Case, case, cases_for, discover
from .runner import CaseResult, ClaimResult, Session

__all__ = [
    "ARGUMENT_PROBES",
    "NOT_CLAIMS",
    "Binding",
    "Case",
    "CaseResult",
    "Claim",
    "ClaimResult",
    "Ctx",
    "OfflineError",
    "Session",
    "async_conformance_tests",
    "case",
    "cases_for",
    "claims_of",
    "conformance_tests",
    "connected",
    "declared_server",
    "discover",
    "drop_if_exists",
    "unique_name",
]


def __getattr__(name: str):
    # pytest is imported only by the test modules that ask for their tests
    if name == "conformance_tests":
        from .pytest_entry import conformance_tests

        return conformance_tests
    if name == "async_conformance_tests":
        from .async_twin import async_conformance_tests

        return async_conformance_tests
    raise AttributeError(name)
