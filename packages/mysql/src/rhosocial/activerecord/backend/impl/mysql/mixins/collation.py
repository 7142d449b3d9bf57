"""Expression-level COLLATE: ``expr COLLATE name`` with the name checked before it is written."""

from __future__ import annotations

import re
from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

# MySQL/MariaDB collation names: charset_name[_variant...], e.g. utf8mb4_0900_ai_ci, binary.
_COLLATION = re.compile(r"[A-Za-z0-9_]{1,64}")


class MySQLCollationMixin:
    def validate_collation_name(self, expr: Any) -> str:
        if expr.collation_options:
            raise UnsupportedFeatureError(
                self.server_label,  # type: ignore[attr-defined]
                f"COLLATE options {sorted(expr.collation_options)}",
                "MySQL/MariaDB collations take no options; pick the collation by name.",
            )
        name = expr.collation_name
        if not _COLLATION.fullmatch(name):
            raise ValueError(f"invalid collation name {name!r}: letters, digits and '_' only, at most 64")
        return name
