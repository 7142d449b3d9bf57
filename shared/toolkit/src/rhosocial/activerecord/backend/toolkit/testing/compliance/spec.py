"""What a backend tells the generic compliance wiring: its classes, a config per server, its SQL types."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..servers import ServerTarget, servers_for
from .schema import SchemaBuilder


def _load(ref: str) -> Any:
    module, name = ref.split(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class BackendSpec:
    """One backend's answers. Class references are "module:Class" strings so worker processes can import them.

    ``config_kwargs(server)`` gives the keyword arguments of ``config_class`` for one server;
    ``ddl_in_one_call`` says whether the driver accepts several DDL statements in one ``execute``.
    """

    name: str
    sync_backend: str
    async_backend: str
    config_class: str
    config_kwargs: Callable[[ServerTarget], dict[str, Any]]
    schema: SchemaBuilder
    dialect_class: str = ""
    ddl_in_one_call: bool = False

    def servers(self) -> list[ServerTarget]:
        return servers_for(self.name)

    def server(self, scenario: str) -> ServerTarget:
        for server in self.servers():
            if server.name == scenario:
                return server
        raise LookupError(f"no {self.name} server named {scenario!r} (known: {[s.name for s in self.servers()]})")

    def config(self, scenario: str) -> Any:
        return _load(self.config_class)(**self.config_kwargs(self.server(scenario)))

    def dialect(self) -> Any:
        """A dialect not yet adapted to any server (the oldest supported version)."""
        return _load(self.dialect_class)()

    def backend_class(self, asynchronous: bool) -> type:
        return _load(self.async_backend if asynchronous else self.sync_backend)

    def ddl_batches(self, statements: list[str]) -> list[str]:
        return [";\n".join(statements)] if self.ddl_in_one_call and statements else statements
