"""Old public names kept working for a while, each use saying what replaced it."""

from __future__ import annotations

import warnings
from typing import Any


class deprecated_alias:
    """A read-only class attribute forwarding to ``new_name`` with a DeprecationWarning."""

    def __init__(self, new_name: str) -> None:
        self.new_name = new_name
        self.old_name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.old_name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        warnings.warn(
            f"{type(instance).__name__}.{self.old_name} is deprecated; use .{self.new_name}",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(instance, self.new_name)
