"""Config dataclass fields -> driver connect arguments, declared once per backend.

Each backend writes a :class:`ConnectArgMap` listing every config field and the driver
argument it becomes. A test in each backend checks :meth:`ConnectArgMap.unmapped` is
empty, so a new field cannot be added without reaching the driver. Keys in the config's
``options`` dict are accepted only when the map names them; anything else fails at
connect with a :class:`ConfigurationError` naming the key and the known ones.
Secrets are masked in every repr and message this module produces.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Optional

from .errors.exceptions import ConfigurationError

MASK = "***"

# Field names whose values are never shown.
SECRET_NAMES = frozenset({"password", "passwd", "wallet_password", "ssl_password", "sslpassword", "token"})


def is_secret(name: str) -> bool:
    return name in SECRET_NAMES or name.endswith("_password")


def redact(values: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``values`` safe to log: secrets replaced by ``***``."""
    return {k: (MASK if is_secret(k) and v is not None else v) for k, v in values.items()}


class RedactedReprMixin:
    """Put first in a config dataclass's bases (and use ``@dataclass(repr=False)``) to mask secrets in repr."""

    def __repr__(self) -> str:
        shown = []
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if not f.repr:
                continue
            value = getattr(self, f.name)
            if f.name == "options" and isinstance(value, Mapping):
                value = redact(value)
            elif is_secret(f.name) and value is not None:
                value = MASK
            shown.append(f"{f.name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"


Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class DriverArg:
    """One config field and the driver argument it becomes.

    ``arg=None`` marks a field the backend consumes itself (pool sizes, probe settings):
    it is still declared so the completeness test knows it is handled on purpose.
    ``convert`` turns the config value into what the driver wants (``str``, seconds, a path...).
    """

    field: str
    arg: Optional[str]
    convert: Optional[Convert] = None
    note: str = ""


def same_name(*fields: str, convert: Optional[Convert] = None) -> list[DriverArg]:
    """Fields the driver takes under their own name, each through ``convert`` (if any)."""
    return [DriverArg(name, name, convert) for name in fields]


def kept(**notes: str) -> list[DriverArg]:
    """Fields the backend consumes itself (``arg=None``), each with a note saying where."""
    return [DriverArg(name, None, note=note) for name, note in notes.items()]


class ConnectArgMap:
    def __init__(
        self,
        driver: str,
        args: Iterable[DriverArg],
        *,
        options: Iterable[DriverArg] = (),
        inherited: Iterable[str] = ("options", "driver_type", "user", "version"),
    ) -> None:
        """``args`` cover dataclass fields; ``options`` are the keys allowed in ``config.options``.

        ``inherited`` lists fields of the core's base config that the backend deliberately
        leaves unused (``user`` is an alias the core folds into ``username``).
        """
        self.driver = driver
        self.args = {a.field: a for a in args}
        self.options = {a.field: a for a in options}
        self.inherited = frozenset(inherited)

    def build(self, config: Any) -> dict[str, Any]:
        """The driver's connect keyword arguments for ``config``; ``None`` values are left out."""
        kwargs: dict[str, Any] = {}
        for spec in self.args.values():
            self._put(kwargs, spec, getattr(config, spec.field, None))
        extra = getattr(config, "options", None) or {}
        unknown = sorted(set(extra) - set(self.options))
        if unknown:
            raise ConfigurationError(
                f"unknown {self.driver} option(s) {', '.join(map(repr, unknown))} in {type(config).__name__}.options; "
                f"known options: {', '.join(sorted(self.options)) or 'none'}"
            )
        for key, value in extra.items():
            self._put(kwargs, self.options[key], value)
        return kwargs

    def _put(self, kwargs: dict[str, Any], spec: DriverArg, value: Any) -> None:
        if value is None or spec.arg is None:
            return
        if spec.convert is not None:
            try:
                value = spec.convert(value)
            except (TypeError, ValueError) as e:
                if is_secret(spec.field):
                    # The converter's own message may quote the value (int("s3cret") does): leave it out.
                    raise ConfigurationError(f"invalid value {MASK} for {spec.field}: {type(e).__name__}") from None
                raise ConfigurationError(f"invalid value {value!r} for {spec.field}: {e}") from None
            if value is None:
                return
        kwargs[spec.arg] = value

    def unmapped(self, config_type: type) -> list[str]:
        """Dataclass fields of ``config_type`` this map does not declare (should be empty)."""
        names = [f.name for f in dataclasses.fields(config_type)]
        return [n for n in names if n not in self.args and n not in self.inherited]

    def describe(self, config: Any) -> dict[str, Any]:
        """``build(config)`` with secrets masked, for logs and CLIs."""
        return redact(self.build(config))


def positive_number(value: Any) -> float:
    number = float(value)
    if number <= 0:
        raise ValueError("must be a positive number")
    return number


def one_of(*allowed: str) -> Convert:
    def check(value: Any) -> str:
        text = str(value)
        if text not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return text

    return check
