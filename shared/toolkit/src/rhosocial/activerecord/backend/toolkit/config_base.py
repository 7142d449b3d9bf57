"""The base every backend's connection config dataclass shares: URL parsing, masked repr, field checks.

A backend's config names its URL schemes and its ``FIELD_CHECKS`` (field -> check from
:mod:`.config_checks`); the checks run when the config is built, before the backend's own
``__post_init__`` steps, so a bad value fails naming its field and never reaches the driver.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rhosocial.activerecord.backend.config import ConnectionConfig

from .config_checks import Check, check_fields
from .config_map import RedactedReprMixin
from .urls import FromUrlMixin


@dataclass(repr=False)
class CheckedConnectionConfig(FromUrlMixin, RedactedReprMixin, ConnectionConfig):
    FIELD_CHECKS: ClassVar[Mapping[str, Check]] = {}

    def __post_init__(self) -> None:
        super().__post_init__()
        check_fields(self, self.FIELD_CHECKS)


__all__ = ["CheckedConnectionConfig"]
