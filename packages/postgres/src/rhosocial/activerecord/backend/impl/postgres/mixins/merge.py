"""MERGE arrived in PostgreSQL 15: the core's renderer writes it for any server, so an older one is
refused here, naming the capability and the server version, instead of failing at the server."""

from __future__ import annotations

from typing import Any


class PostgresMergeMixin:
    def format_merge_statement(self, expr: Any) -> tuple[str, tuple]:
        self.require_capability("merge")  # type: ignore[attr-defined]
        return super().format_merge_statement(expr)  # type: ignore[misc]
