"""The case catalogue: ``@case(...)`` registers a function that proves capability answers.

A case builds a statement from the core's expression / DDL objects, renders it with the backend's
dialect (``ctx.run(expr)``), runs it live and checks the effect; it raises ``AssertionError`` when the
effect is not there. Case modules live in ``conformance/cases/`` and are found by :func:`discover`.

The "no" side of a capability: ``refusal=builder`` gives a function ``builder(ctx) -> expression``
that builds the statement a user would write; where the dialect answers "no", rendering it must
raise the core's ``UnsupportedFeatureError`` (never render something that silently does less).
A case proving several claims may give ``refusal={claim: builder}`` so each "no" builds its own
statement; a single builder is used for every claim of the case.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, Union

if TYPE_CHECKING:
    from .context import Ctx

BACKENDS = frozenset({"postgres", "mysql", "oracle"})

CaseFunc = Callable[["Ctx"], None]
RefusalBuilder = Callable[["Ctx"], Any]


@dataclass(frozen=True)
class Case:
    """One registered case.

    ``capabilities``: the ``supports_*`` names (or protocol names) it proves when it passes; it runs
    only where the dialect answers yes to all of them.
    ``backends``: where it applies (all three when not narrowed).
    ``live``: False for server-free cases that only check rendering (``ctx.backend`` is None).
    ``refusal``: builds the statement whose rendering must raise where the dialect answers "no".
    ``xfail_reason``: a known defect ("open: issue 9 ..."), for every backend or as ``{backend: reason}``:
    the case runs, a failure is reported as expected, and its capabilities count as unproven either way.
    """

    name: str
    capabilities: tuple[str, ...]
    func: CaseFunc
    backends: frozenset[str]
    live: bool = True
    refusal: Union[RefusalBuilder, Mapping[str, RefusalBuilder], None] = None
    xfail_reason: Union[str, Mapping[str, str], None] = None

    def refusal_for(self, claim: str) -> Optional[RefusalBuilder]:
        """The builder whose statement must be refused where ``claim`` answers no."""
        if isinstance(self.refusal, Mapping):
            return self.refusal.get(claim)
        return self.refusal

    def applies_to(self, backend: str) -> bool:
        return backend in self.backends

    def xfail_for(self, backend: str) -> Optional[str]:
        """The known-defect reason on ``backend`` (None: the case must pass there)."""
        if isinstance(self.xfail_reason, Mapping):
            return self.xfail_reason.get(backend)
        return self.xfail_reason


_REGISTRY: dict[str, Case] = {}


def case(
    *capabilities: str,
    backends: Optional[Iterable[str]] = None,
    name: Optional[str] = None,
    live: bool = True,
    refusal: Union[RefusalBuilder, Mapping[str, RefusalBuilder], None] = None,
    xfail_reason: Union[str, Mapping[str, str], None] = None,
) -> Callable[[CaseFunc], CaseFunc]:
    """Registers the decorated ``func(ctx)`` as a case proving ``capabilities``."""
    if not capabilities:
        raise ValueError("a case proves at least one capability")
    chosen = frozenset(backends) if backends is not None else BACKENDS
    unknown = chosen - BACKENDS
    if unknown:
        raise ValueError(f"unknown backends {sorted(unknown)}; known: {sorted(BACKENDS)}")

    def register(func: CaseFunc) -> CaseFunc:
        module = func.__module__.rsplit(".", 1)[-1]
        case_name = name or f"{module}.{func.__name__}"
        if case_name in _REGISTRY and _REGISTRY[case_name].func is not func:
            raise ValueError(f"conformance case {case_name!r} registered twice")
        xfail = dict(xfail_reason) if isinstance(xfail_reason, Mapping) else xfail_reason
        refusals = dict(refusal) if isinstance(refusal, Mapping) else refusal
        _REGISTRY[case_name] = Case(case_name, tuple(capabilities), func, chosen, live, refusals, xfail)
        return func

    return register


def discover() -> list[Case]:
    """Imports every module under ``conformance.cases`` and returns all cases, in name order."""
    from . import cases

    for info in pkgutil.walk_packages(cases.__path__, f"{cases.__name__}."):
        importlib.import_module(info.name)
    return sorted(_REGISTRY.values(), key=lambda c: c.name)


def cases_for(backend: str) -> list[Case]:
    return [c for c in discover() if c.applies_to(backend)]
