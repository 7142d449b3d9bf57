"""What one round trip at connect tells us about the server.

Backends fill a :class:`ServerInfo` from a single query run right after connecting (for
example ``SELECT version(), current_setting('server_version_num'), ...``) and keep it for
the life of the connection; nothing re-probes per statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Optional

Version = tuple[int, ...]

_VERSION = re.compile(r"\d+(?:\.\d+)*")


def parse_version(text: str, *, parts: int = 3) -> Version:
    """The first dotted number in ``text`` as a tuple padded to ``parts`` items.

    ``"10.11.19-MariaDB-0+deb12u1"`` -> ``(10, 11, 19)``; ``"16.4 (Debian 16.4-1)"`` -> ``(16, 4, 0)``.
    Raises ``ValueError`` naming the text when no version is found.
    """
    match = _VERSION.search(text or "")
    if match is None:
        raise ValueError(f"no version number found in {text!r}")
    numbers = [int(n) for n in match.group(0).split(".")]
    return tuple((numbers + [0] * parts)[:parts])


def format_version(version: Version) -> str:
    return ".".join(str(n) for n in version)


def server_label(dialect: Any) -> str:
    """Product and version for refusals (``MariaDB 10.11.19``, ``Oracle 19.0.0``) from ``name`` and ``server``."""
    return f"{dialect.name} {format_version(dialect.server.version)}"


@dataclass(frozen=True)
class ServerInfo:
    """The server as probed once per connection.

    ``product`` is the database family the backend speaks to (``postgresql``, ``mysql``,
    ``oracle``); ``flavour`` is the concrete server (``postgresql``, ``cockroachdb``,
    ``mysql``, ``mariadb``, ``tidb``, ``aurora-mysql``, ``oracle``...). Capability tables
    are keyed by flavour. ``settings`` holds the server settings capabilities depend on
    (e.g. Oracle's ``compatible`` level, MySQL's ``sql_mode``).
    """

    product: str
    flavour: str
    version: Version
    version_string: str = ""
    settings: Mapping[str, Any] = field(default_factory=dict)

    def at_least(self, *minimum: int) -> bool:
        return self.version >= tuple(minimum)

    def describe(self) -> str:
        return f"{self.flavour} {format_version(self.version)}"

    @property
    def driver_implementation(self) -> Optional[str]:
        """Which implementation of the driver the session runs on (``settings["driver_implementation"]``,
        e.g. psycopg's ``binary``/``python``), None when the backend does not say."""
        found = self.settings.get("driver_implementation")
        return None if found is None else str(found)


def target_server(
    server: Any,
    version: Any = None,
    *,
    assumed: ServerInfo,
    build: Optional[Callable[[Version], ServerInfo]] = None,
) -> ServerInfo:
    """The server a dialect renders for, the same way on every backend.

    ``server`` is a probe result, or offline a version tuple (``Dialect((14, 0))``) like ``version=``;
    with neither, ``assumed`` (the oldest supported release, so nothing is over-claimed). A version
    becomes ``build(version)``, by default ``assumed`` with that version.
    """
    if isinstance(server, (tuple, list)):
        server, version = None, server
    if server is not None:
        return server
    if version is None:
        return assumed
    full = tuple((*tuple(version), 0, 0, 0)[:3])
    if build is not None:
        return build(full)
    return replace(assumed, version=full, version_string=format_version(full))
