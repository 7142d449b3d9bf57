"""What a dialect claims: every ``supports_*`` answer for one server, and where the answer comes from.

Answers are read from the dialect itself (``supports_*`` methods taking no argument). Methods taking
arguments are asked with the values listed in :data:`ARGUMENT_PROBES` and reported as
``supports_x(ARG)``; the rest are listed in :data:`NOT_CLAIMS` with the reason they are not a yes/no
question. The minimum version shown on the capability page is found by watching which entries of the
backend's :class:`~...capabilities.CapabilityTable` the method consults.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Optional

from ...capabilities import CapabilityTable
from ...probe import ServerInfo, format_version

# supports_* methods that take an argument: the values asked (each answer is its own claim).
ARGUMENT_PROBES: dict[str, tuple[str, ...]] = {
    "supports_explain_format": ("TEXT", "JSON", "XML", "YAML", "TREE"),
}

# supports_* names that are not a yes/no capability question, and why.
NOT_CLAIMS: dict[str, str] = {
    "supports_capability": "our dialects' lookup into their capability table; its answers are the supports_* above",
    "supports_functions": "a per-function catalogue (dict), not one yes/no; functions are rendered by the cases",
    "supports_data_types": "a list of type names, not one yes/no; types are exercised by the DDL cases",
}


@dataclass(frozen=True)
class Claim:
    """One answer: ``name`` (``supports_x`` or ``supports_x(ARG)``), yes/no, and its capability entries."""

    name: str
    answer: bool
    capabilities: tuple[str, ...] = ()
    minimum: Optional[str] = None
    raw: Any = None

    @property
    def method(self) -> str:
        return self.name.split("(", 1)[0]


@contextlib.contextmanager
def _watch_capabilities() -> Iterator[list[tuple[CapabilityTable, str]]]:
    """Records every ``CapabilityTable.supports``/``require`` lookup made inside the block."""
    seen: list[tuple[CapabilityTable, str]] = []
    original_supports = CapabilityTable.supports
    original_require = CapabilityTable.require

    def supports(self: CapabilityTable, server: ServerInfo, name: str) -> bool:
        seen.append((self, name))
        return original_supports(self, server, name)

    def require(self: CapabilityTable, server: ServerInfo, name: str) -> None:
        seen.append((self, name))
        original_require(self, server, name)

    CapabilityTable.supports = supports  # type: ignore[method-assign]
    CapabilityTable.require = require  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        CapabilityTable.supports = original_supports  # type: ignore[method-assign]
        CapabilityTable.require = original_require  # type: ignore[method-assign]


def _minimum(seen: list[tuple[CapabilityTable, str]], flavour: str) -> tuple[tuple[str, ...], Optional[str]]:
    names: list[str] = []
    firsts: list[tuple[int, ...]] = []
    for table, name in seen:
        if name in names or name not in table:
            continue
        names.append(name)
        first = table.get(name).minimum.get(flavour)
        if first is not None:
            firsts.append(tuple(first))
    minimum = format_version(max(firsts)) if firsts and max(firsts) > (0,) else None
    return tuple(names), minimum


def _ask(dialect: Any, method: str, args: tuple[Any, ...], flavour: str, label: str) -> Claim:
    # answers remembered per server (CapabilityGates) would hide the lookups the minimum is read from
    vars(dialect).pop("_capability_answers", None)
    with _watch_capabilities() as seen:
        raw = getattr(dialect, method)(*args)
    names, minimum = _minimum(seen, flavour)
    return Claim(label, bool(raw) if isinstance(raw, bool) or raw is None else True, names, minimum, raw)


def claims_of(dialect: Any, server: ServerInfo) -> list[Claim]:
    """Every yes/no ``supports_*`` answer of ``dialect`` (answering for ``server``), sorted by name.

    A method answering something other than a bool (None included) is reported with ``raw`` so the
    harness can flag it; None counts as "no".
    """
    found: list[Claim] = []
    for method in sorted(n for n in dir(dialect) if n.startswith("supports_")):
        if method in NOT_CLAIMS:
            continue
        func = getattr(dialect, method)
        if not callable(func):
            continue
        required = [
            p
            for p in inspect.signature(func).parameters.values()
            if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        if not required:
            found.append(_ask(dialect, method, (), server.flavour, method))
            continue
        for value in ARGUMENT_PROBES.get(method, ()):
            found.append(_ask(dialect, method, (value,), server.flavour, f"{method}({value})"))
    return found


def unasked(dialect: Any) -> list[str]:
    """``supports_*`` methods taking arguments that :data:`ARGUMENT_PROBES` does not cover (a gap to close)."""
    gaps = []
    for method in sorted(n for n in dir(dialect) if n.startswith("supports_")):
        if method in NOT_CLAIMS or method in ARGUMENT_PROBES:
            continue
        func = getattr(dialect, method)
        if callable(func) and any(p.default is p.empty for p in inspect.signature(func).parameters.values()):
            gaps.append(method)
    return gaps
