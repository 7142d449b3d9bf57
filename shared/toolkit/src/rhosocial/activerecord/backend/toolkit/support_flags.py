"""``supports_*`` answers installed from a table instead of written out one method each.

A backend maps each core question to a constant (what every supported version has or lacks) or to
a capability name, answered for the connected server by the dialect's own capability method
(``supports_capability``, ``has_capability``, ...). Methods the class writes out itself win.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, Union

Flag = Union[str, bool]
C = TypeVar("C", bound=type)


def _answer(flag: Flag, ask: str) -> Callable[[Any], bool]:
    if isinstance(flag, bool):
        return lambda self: flag
    return lambda self: bool(getattr(self, ask)(flag))


def support_flags(flags: Mapping[str, Flag], *, ask: str, product: str) -> Callable[[C], C]:
    """Class decorator: one ``supports_*`` method per ``flags`` entry the class does not define itself."""

    def install(cls: C) -> C:
        for method, flag in flags.items():
            if method in vars(cls):
                continue
            func = _answer(flag, ask)
            func.__name__ = method
            func.__doc__ = f"{product}: {flag if isinstance(flag, str) else ('always' if flag else 'never')}."
            setattr(cls, method, func)
        return cls

    return install
