"""Config values checked when the config is built, each failure naming its field.

A config is a plain dataclass, so nothing stops ``statement_timeout="soon"``; without a check the
value would surface later as a driver or server error that names no field. ``check_fields`` runs
the given checks on the fields that are set and raises ConfigurationError naming the first bad one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .config_map import one_of, positive_number
from .errors import ConfigurationError

Check = Callable[[Any], Any]


def whole_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError("must be a whole number")
    return int(value)


def non_negative_whole(value: Any) -> int:
    number = whole_number(value)
    if number < 0:
        raise ValueError("must be 0 or more")
    return number


def positive_whole(value: Any) -> int:
    number = whole_number(value)
    if number < 1:
        raise ValueError("must be 1 or more")
    return number


def check_fields(config: Any, checks: Mapping[str, Check]) -> None:
    for name, check in checks.items():
        value = getattr(config, name, None)
        if value is None:
            continue
        try:
            check(value)
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(f"invalid value {value!r} for {name}: {exc}") from None


__all__ = ["check_fields", "non_negative_whole", "one_of", "positive_number", "positive_whole", "whole_number"]
