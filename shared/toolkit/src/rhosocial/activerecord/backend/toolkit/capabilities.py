"""Capability gates declared as data: feature -> minimum version per flavour.

A backend declares one :class:`CapabilityTable`; its dialect answers ``supports_*`` from
it, and its tests prove every "yes" against the live server and every "no" raises
:class:`UnsupportedCapabilityError` with the reason (``needs mariadb >= 10.6, found 10.5.2``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

from .probe import ServerInfo, Version, format_version

# A flavour missing from a capability's ``minimum`` never has it; ``ALWAYS`` means every
# supported version has it.
ALWAYS: Version = (0,)


@dataclass(frozen=True)
class Capability:
    """One feature and the first server version of each flavour that has it.

    ``maximum`` (exclusive) covers features a later version removed.
    """

    name: str
    minimum: Mapping[str, Version]
    description: str = ""
    maximum: Mapping[str, Version] = field(default_factory=dict)

    def check(self, server: ServerInfo) -> Optional[str]:
        """None when ``server`` has the feature, else the reason it does not."""
        first = self.minimum.get(server.flavour)
        if first is None:
            return f"{self.name} is not available on {server.flavour}"
        # asked per statement (supports_* answers): the reason text is built only for a "no"
        if server.version < first:
            return (
                f"{self.name} needs {server.flavour} >= {format_version(first)}, found {format_version(server.version)}"
            )
        last = self.maximum.get(server.flavour)
        if last is not None and server.version >= last:
            found = format_version(server.version)
            return f"{self.name} was removed in {server.flavour} {format_version(last)}, found {found}"
        return None


class UnsupportedCapabilityError(UnsupportedFeatureError):
    """Raised by :meth:`CapabilityTable.require`; the message says what was needed and found."""

    def __init__(self, dialect_name: str, feature: str, reason: str):
        super().__init__(dialect_name, feature)
        self.reason = reason
        # The core's message only says "does not support"; ours also says why.
        self.args = (f"'{dialect_name}' dialect does not support {feature}: {reason}",)


class CapabilityTable:
    """All capabilities of one backend, answered for one probed server."""

    def __init__(self, dialect_name: str, capabilities: Iterable[Capability]):
        self.dialect_name = dialect_name
        self._by_name: dict[str, Capability] = {}
        for capability in capabilities:
            if capability.name in self._by_name:
                raise ValueError(f"capability {capability.name!r} declared twice in {dialect_name}")
            self._by_name[capability.name] = capability

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self):
        return iter(self._by_name.values())

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def get(self, name: str) -> Capability:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"unknown capability {name!r} for {self.dialect_name}; known: {self.names()}") from None

    def supports(self, server: ServerInfo, name: str) -> bool:
        return self.get(name).check(server) is None

    def require(self, server: ServerInfo, name: str) -> None:
        reason = self.get(name).check(server)
        if reason is not None:
            raise UnsupportedCapabilityError(self.dialect_name, name, reason)

    def report(self, server: ServerInfo) -> dict[str, Optional[str]]:
        """Every capability -> None (supported) or the reason it is not; for CLIs and docs."""
        return {name: self._by_name[name].check(server) for name in self.names()}


class CapabilityGates:
    """The capability questions a dialect answers from its table for its probed ``server``.

    The dialect sets ``CAPABILITIES``; the same three names on every backend (the CLI's
    ``capabilities`` command reads ``capability_report()``).
    """

    CAPABILITIES: ClassVar[CapabilityTable]
    server: ServerInfo

    def has_capability(self, name: str) -> bool:
        # Asked per statement (the supports_* answers behind every INSERT/SELECT rendering): worked out
        # once per probed server and name; a new ``server`` (reconnect, version override) starts afresh.
        server = self.server
        answers = self.__dict__.get("_capability_answers")
        if answers is None or answers[0] is not server:
            fresh: dict[str, bool] = {}
            answers = self._capability_answers = (server, fresh)
        found = answers[1].get(name)
        if found is None:
            found = answers[1][name] = self.CAPABILITIES.supports(server, name)
        return found

    def require_capability(self, name: str) -> None:
        """Raise ``UnsupportedCapabilityError`` ("needs postgresql >= 15.0.0, found 13.4.0") unless supported."""
        self.CAPABILITIES.require(self.server, name)

    def capability_report(self) -> dict[str, Optional[str]]:
        return self.CAPABILITIES.report(self.server)
