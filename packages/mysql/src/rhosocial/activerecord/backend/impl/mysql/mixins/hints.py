"""Rendering for ``hints.py``: index hints on both flavours, optimizer hints where the server reads them."""

from __future__ import annotations

import re
from typing import Optional

_HINT = re.compile(r"[A-Za-z_]+\s*\([^*;]*\)|[A-Za-z_]+")


class MySQLHintMixin:
    def format_index_hints(self, hints: list[tuple[str, list[str]]], scope: Optional[str]) -> str:
        fmt = self.format_identifier  # type: ignore[attr-defined]
        suffix = f" FOR {scope}" if scope else ""
        parts = [f" {kind} INDEX{suffix} ({', '.join(fmt(i) for i in names)})" for kind, names in hints if names]
        return "".join(parts)

    def with_optimizer_hints(self, sql: str, hints: list[str]) -> str:
        if not hints:
            return sql
        self.require("optimizer_hints")  # type: ignore[attr-defined]  # MariaDB: a comment, hints silently lost
        for hint in hints:
            if not _HINT.fullmatch(hint.strip()):
                raise ValueError(f"not an optimizer hint: {hint!r} (NAME or NAME(args), no comments)")
        if not sql.startswith("SELECT "):
            raise ValueError("optimizer hints go on a SELECT")
        return f"SELECT /*+ {' '.join(h.strip() for h in hints)} */ {sql[len('SELECT ') :]}"


__all__ = ["MySQLHintMixin"]
