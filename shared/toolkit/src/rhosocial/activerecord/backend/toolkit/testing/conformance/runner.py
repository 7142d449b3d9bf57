"""One conformance run: a backend on one server (live) or at one declared version (server-free).

For the server it
(a) runs every case that applies (a live case runs when all of its capabilities answer yes, and
    proves them all when it passes);
(b) checks every ``supports_*`` answering yes has a passing live case ("claim without proof" otherwise);
(c) checks every ``supports_*`` answering no: where a case declares a ``refusal`` builder, rendering
    that statement must raise the core's ``UnsupportedFeatureError``; a statement rendered anyway is a
    silent downgrade. A "no" that no case can build yet is reported as unchecked.
Results are kept per case and per claim and written as JSON for the capability page.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import traceback
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

from ...probe import ServerInfo, format_version
from ..servers import ServerTarget
from .binding import Binding
from .claims import Claim, claims_of
from .context import Ctx
from .registry import Case, cases_for

PASSED = "passed"
FAILED = "failed"
XFAILED = "xfailed"  # failed, as its xfail_reason says it will (a known open defect)
XPASSED = "xpassed"  # passed although declared xfail: the declaration is stale, a failure
SKIPPED = "skipped"


@dataclass
class CaseResult:
    name: str
    status: str
    capabilities: list[str]
    proves: list[str] = field(default_factory=list)
    message: str = ""
    live: bool = True


@dataclass
class ClaimResult:
    name: str
    answer: bool
    status: str  # proven | unproven | refused | silent | unchecked | wrong-error | offline
    capabilities: list[str] = field(default_factory=list)
    minimum: Optional[str] = None
    cases: list[str] = field(default_factory=list)
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("proven", "refused", "unchecked", "offline")


def _short(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 600 else text[:600] + "..."


class Session:
    """The conformance state of one backend on one server (``target``) or at one offline version."""

    def __init__(self, binding: Binding, target: Optional[ServerTarget] = None, info: Optional[ServerInfo] = None):
        if target is None and info is None:
            raise ValueError("a session needs a server target or an offline ServerInfo")
        self.binding = binding
        self.target = target
        self._declared = info if info is not None else binding.declared(target)  # type: ignore[arg-type]
        self._backend: Any = None
        self._offline_dialect: Any = None
        self.cases: dict[str, Case] = {c.name: c for c in cases_for(binding.backend)}
        self.case_results: dict[str, CaseResult] = {}
        self.claim_results: dict[str, ClaimResult] = {}

    # -- identity -------------------------------------------------------------------------
    @property
    def live(self) -> bool:
        return self.target is not None

    @property
    def label(self) -> str:
        if self.target is not None:
            return self.target.name
        return f"{self._declared.flavour}-{format_version(self._declared.version)}-offline"

    @property
    def declared(self) -> ServerInfo:
        """The server as the server list (or the offline version) declares it, before any probe."""
        return self._declared

    @property
    def backend(self) -> Any:
        if self.target is None:
            return None
        if self._backend is None:
            self._backend = self.binding.connect(self.target)
        return self._backend

    @property
    def dialect(self) -> Any:
        if self.live:
            return self.backend.dialect
        if self._offline_dialect is None:
            self._offline_dialect = self.binding.dialect_for(self._declared)
        return self._offline_dialect

    @property
    def server(self) -> ServerInfo:
        """The probed server (live) or the declared one (offline)."""
        if self.live:
            return getattr(self.dialect, "server", None) or self._declared
        return self._declared

    def close(self) -> None:
        if self._backend is not None:
            with contextlib.suppress(Exception):
                self._backend.disconnect()
            self._backend = None

    # -- claims ---------------------------------------------------------------------------
    def claims(self) -> list[Claim]:
        return claims_of(self.dialect, self.server)

    def answers(self) -> dict[str, bool]:
        return {c.name: c.answer for c in self.claims()}

    def supports(self, name: str) -> bool:
        """The dialect's answer to ``supports_x`` / ``supports_x(ARG)``; other labels (protocols) count as yes."""
        if not name.startswith("supports_"):
            return True
        method, _, arg = name.partition("(")
        func = getattr(self.dialect, method, None)
        if func is None:
            return False
        return bool(func(arg.rstrip(")")) if arg else func())

    # -- cases ----------------------------------------------------------------------------
    def context(self) -> Ctx:
        return Ctx(self.binding, self.backend, self.dialect, self.server, self.target)

    def run_case(self, name: str) -> CaseResult:
        """Runs the case once per session (cached); see :class:`CaseResult` for the statuses."""
        if name in self.case_results:
            return self.case_results[name]
        case = self.cases[name]
        result = self._run(case)
        self.case_results[name] = result
        return result

    def _run(self, case: Case) -> CaseResult:
        caps = list(case.capabilities)
        xfail = case.xfail_for(self.binding.backend)
        if case.live and not self.live:
            return CaseResult(case.name, SKIPPED, caps, message=self.binding.skip_reason(), live=True)
        no = [c for c in caps if not self.supports(c)]
        if no:
            reason = f"{self.server.describe()}: the dialect answers no to {', '.join(no)} (see its refusal check)"
            return CaseResult(case.name, SKIPPED, caps, message=reason, live=case.live)
        yes = caps
        ctx = self.context()
        try:
            case.func(ctx)
        except Exception as exc:
            detail = _short(exc) if isinstance(exc, AssertionError) else traceback.format_exc(limit=6)
            if xfail:
                return CaseResult(case.name, XFAILED, caps, message=f"{xfail} | {_short(exc)}", live=case.live)
            return CaseResult(case.name, FAILED, caps, message=detail, live=case.live)
        finally:
            ctx.close()
        if xfail:
            note = f"passes although declared xfail ({xfail}): remove the declaration"
            return CaseResult(case.name, XPASSED, caps, message=note, live=case.live)
        return CaseResult(case.name, PASSED, caps, proves=yes if case.live else [], live=case.live)

    def run_all(self) -> list[CaseResult]:
        return [self.run_case(name) for name in sorted(self.cases)]

    # -- claim checks ---------------------------------------------------------------------
    def _claim(self, name: str) -> Claim:
        for claim in self.claims():
            if claim.name == name:
                return claim
        raise KeyError(f"{self.label}: the dialect has no claim {name!r}")

    def check_claim(self, name: str) -> ClaimResult:
        """Proof of a yes, refusal of a no (running the cases it needs first)."""
        if name in self.claim_results:
            return self.claim_results[name]
        claim = self._claim(name)
        base = dict(name=name, answer=claim.answer, capabilities=list(claim.capabilities), minimum=claim.minimum)
        relevant = [c for c in self.cases.values() if name in c.capabilities]
        if claim.answer:
            result = self._check_yes(name, relevant, base)
        else:
            result = self._check_no(name, relevant, base)
        if claim.raw is not None and not isinstance(claim.raw, bool):
            result.message = f"answers {claim.raw!r}, not a bool. " + result.message
        self.claim_results[name] = result
        return result

    def _check_yes(self, name: str, relevant: list[Case], base: dict[str, Any]) -> ClaimResult:
        live_cases = [c for c in relevant if c.live]
        if not self.live:
            return ClaimResult(
                **base, status="offline", cases=[c.name for c in live_cases], message=self.binding.skip_reason()
            )
        results = [self.run_case(c.name) for c in live_cases]
        proving = [r.name for r in results if r.status == PASSED and name in r.proves]
        if proving:
            return ClaimResult(**base, status="proven", cases=proving)
        if not results:
            return ClaimResult(**base, status="unproven", message=f"claim without proof: {name} (no case)")
        failures = "; ".join(f"{r.name}: {r.status}" for r in results)
        return ClaimResult(
            **base,
            status="unproven",
            cases=[r.name for r in results],
            message=f"claim without proof: {name} ({failures})",
        )

    def _check_no(self, name: str, relevant: list[Case], base: dict[str, Any]) -> ClaimResult:
        builders = [c for c in relevant if c.refusal_for(name) is not None]
        if not builders:
            return ClaimResult(**base, status="unchecked", message="no case builds this statement yet")
        result = ClaimResult(**base, status="unchecked")
        for case in builders:
            xfail = case.xfail_for(self.binding.backend)
            ctx = Ctx(self.binding, None, self.dialect, self.server, self.target)
            try:
                expr = case.refusal_for(name)(ctx)  # type: ignore[misc]
                sql = ctx.sql_of(expr) if hasattr(expr, "to_sql") else str(expr)
            except UnsupportedFeatureError as exc:
                version = format_version(self.server.version)
                note = "" if version in str(exc) else " (message does not name the server version)"
                result = ClaimResult(**base, status="refused", cases=[case.name], message=f"{exc}{note}")
                continue
            except Exception as exc:
                status = "unchecked" if xfail else "wrong-error"
                prefix = f"{xfail} | " if xfail else ""
                return ClaimResult(**base, status=status, cases=[case.name], message=prefix + _short(exc))
            status = "unchecked" if xfail else "silent"
            prefix = f"{xfail} | " if xfail else ""
            message = f"{prefix}answers no, yet renders without error: {sql}"
            return ClaimResult(**base, status=status, cases=[case.name], message=message)
        return result

    def check_all_claims(self) -> list[ClaimResult]:
        return [self.check_claim(c.name) for c in self.claims()]

    # -- report ---------------------------------------------------------------------------
    def report(self) -> dict[str, Any]:
        server = self.server
        return {
            "backend": self.binding.backend,
            "server": self.label,
            "live": self.live,
            "flavour": server.flavour,
            "version": format_version(server.version),
            "version_string": server.version_string,
            "generated": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "cases": {name: asdict(r) for name, r in sorted(self.case_results.items())},
            "claims": {name: asdict(r) for name, r in sorted(self.claim_results.items())},
        }
