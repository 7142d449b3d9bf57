"""What the Oracle mixins use from the dialect they are mixed into (for type checkers only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional


class DialectHost:
    if TYPE_CHECKING:

        @property
        def name(self) -> str: ...

        @property
        def server_label(self) -> str: ...

        def format_identifier(self, identifier: str) -> str: ...

        def get_parameter_placeholder(self, position: int = 0) -> str: ...

        def has_capability(self, name: str) -> bool: ...

        @staticmethod
        def _escape_sql_string(value: str) -> str: ...

        def format_cast_expression(
            self, expr_sql: str, target_type: str, expr_params: tuple, alias: Optional[str] = None
        ) -> tuple[str, tuple]: ...

        server: Any  # the probed ServerInfo (capability checks, messages naming the version)
