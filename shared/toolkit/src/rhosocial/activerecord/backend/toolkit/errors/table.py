"""Code tables (layer 2): a database's error code to the most specific exception.

Tables are data. Each entry names the exception class and says, in a short comment-like
description, what the code means; the description also ends up in the error message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Optional

from rhosocial.activerecord.backend.errors import DatabaseError


@dataclass(frozen=True)
class ErrorRule:
    """One table entry: which exception a code maps to and what the code means."""

    exception: type[DatabaseError]
    meaning: str


@dataclass(frozen=True)
class ErrorTable:
    """Exact codes first, then the longest matching prefix (e.g. a SQLSTATE class).

    ``prefixes`` lets ``"23"`` cover every integrity violation while ``"23505"`` can still
    say "unique violation" exactly.
    """

    name: str
    exact: Mapping[str, ErrorRule] = field(default_factory=dict)
    prefixes: Mapping[str, ErrorRule] = field(default_factory=dict)

    def lookup(self, code: Optional[str]) -> Optional[ErrorRule]:
        if not code:
            return None
        rule = self.exact.get(code)
        if rule is not None:
            return rule
        for length in range(len(code) - 1, 0, -1):
            rule = self.prefixes.get(code[:length])
            if rule is not None:
                return rule
        return None


@dataclass(frozen=True)
class MessageRule:
    """For errors that come without any code (libpq's connect failures): a message pattern to a rule."""

    pattern: str
    rule: ErrorRule

    def matches(self, message: str) -> bool:
        return re.search(self.pattern, message) is not None
