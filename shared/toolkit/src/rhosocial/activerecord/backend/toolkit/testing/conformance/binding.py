"""What a backend tells the conformance harness: how to connect, how to build an offline dialect, how to clean up."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from ...probe import ServerInfo, parse_version
from ..servers import ServerTarget, no_server_reason, servers_for

Connect = Callable[[ServerTarget], Any]


def drop_if_exists(kind: str, name: str) -> str:
    """The cleanup statement for one object (standard double-quoted name); backends differing pass their own."""
    return f'DROP {kind} IF EXISTS "{name}"'


def connected(
    backend_type: Callable[[Any], Any], config_for: Callable[[ServerTarget], Any]
) -> Callable[[ServerTarget], Any]:
    """``Binding.connect`` for a backend built from ``config_for(server)`` and connected."""

    def connect(server: ServerTarget) -> Any:
        backend = backend_type(config_for(server))
        backend.connect()
        return backend

    return connect


def declared_server(product: str) -> Callable[[str, str], ServerInfo]:
    """``Binding.server_info`` for a product whose version string parses as it is (``15.4``, ``10.11.6``)."""
    return lambda flavour, version: ServerInfo(product, flavour, parse_version(version))


@dataclass(frozen=True)
class Binding:
    """One backend's answers to the harness.

    ``connect(server)``: a connected sync backend on ``server`` (the helper's database).
    ``dialect_for(info)``: a dialect answering for ``info`` without a connection (server-free half,
    the capability page check).
    ``server_info(flavour, version_string)``: the :class:`ServerInfo` for a declared server (a server
    list entry, a capability page section) without asking the server.
    ``offline``: server versions the server-free cases render for even where no server runs.
    ``cleanup_sql(kind, name)``: the statement that removes a case's object (``name`` unquoted; errors ignored).
    ``no_server``: the skip reason where this backend has no server here.
    ``open_claims``: claim checks known to fail, ``supports_x`` or ``flavour:supports_x`` -> the reason
    ("open: issue 9 ..."): reported as expected failures (and on the capability page as they are); a
    listed claim that passes fails its test until the entry is removed.
    """

    backend: str
    connect: Callable[[ServerTarget], Any]
    dialect_for: Callable[[ServerInfo], Any]
    server_info: Callable[[str, str], ServerInfo]
    offline: Sequence[ServerInfo] = ()
    cleanup_sql: Callable[[str, str], str] = drop_if_exists
    no_server: str = field(default="")
    open_claims: Mapping[str, str] = field(default_factory=dict)

    def open_reason(self, flavour: str, claim: str) -> Optional[str]:
        return self.open_claims.get(f"{flavour}:{claim}") or self.open_claims.get(claim)

    def servers(self) -> list[ServerTarget]:
        """The plain (non-TLS) servers of this backend, narrowed by ``RHOSOCIAL_TEST_SERVER``."""
        return servers_for(self.backend, tls=False)

    def declared(self, target: ServerTarget) -> ServerInfo:
        """What the server list says about ``target`` (the probe at connect has the last word)."""
        return self.server_info(target.flavour, target.version or "0")

    def skip_reason(self) -> str:
        return self.no_server or no_server_reason(self.backend)
