"""``Config.from_url("postgresql://user:pass@host:5432/db?sslmode=require")`` for every backend.

One parser for the three configs: the scheme picks the backend (a wrong one is refused, naming the
accepted ones), user and password are percent-decoded, the path is the database (Oracle: the
service name), and each query parameter must name a field of the config; its text is converted to
the field's type (int, float, bool), so ``?connect_timeout=5`` is the number 5. Anything else is
refused with a ConfigurationError naming the parameter.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, ClassVar, Optional, TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit

from .errors import ConfigurationError

C = TypeVar("C")
TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def convert_text(name: str, text: str, annotation: Any) -> Any:
    kinds = set(typing.get_args(annotation)) or {annotation}
    kinds.discard(type(None))
    try:
        if bool in kinds or annotation in ("bool", "Optional[bool]"):
            if text.lower() in TRUE | FALSE:
                return text.lower() in TRUE
            raise ValueError("must be true or false")
        if int in kinds or annotation in ("int", "Optional[int]"):
            return int(text)
        if float in kinds or annotation in ("float", "Optional[float]"):
            return float(text)
    except ValueError as exc:
        raise ConfigurationError(f"URL parameter {name}={text!r}: {exc}") from None
    return text


def config_from_url(
    config_type: type[C], url: str, schemes: tuple[str, ...], path_field: str = "database", **overrides: Any
) -> C:
    """A ``config_type`` from ``url``; keyword ``overrides`` win over what the URL says."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in schemes:
        raise ConfigurationError(f"URL scheme {parts.scheme or '(none)'!r}: expected one of {', '.join(schemes)}")
    fields = {f.name: f for f in dataclasses.fields(config_type)}  # type: ignore[arg-type]
    try:
        hints: dict[str, Any] = typing.get_type_hints(config_type)
    except Exception:  # an annotation that does not resolve here: fall back to the declared text
        hints = {name: f.type for name, f in fields.items()}
    values: dict[str, Any] = {}
    if parts.hostname:
        values["host"] = parts.hostname
    try:
        port: Optional[int] = parts.port
    except ValueError as exc:
        raise ConfigurationError(f"URL port: {exc}") from None
    if port is not None:
        values["port"] = port
    if parts.username is not None:
        values["username"] = unquote(parts.username)
    if parts.password is not None:
        values["password"] = unquote(parts.password)
    path = unquote(parts.path.lstrip("/"))
    if path:
        values[path_field] = path
    for name, text in parse_qsl(parts.query, keep_blank_values=True):
        if name not in fields or name in ("options",):
            raise ConfigurationError(f"URL parameter {name!r} is not a field of {config_type.__name__}")
        values[name] = convert_text(name, text, hints.get(name, str))
    values.update(overrides)
    return config_type(**values)


class FromUrlMixin:
    """``from_url`` for a backend's config dataclass, which names its URL schemes and the field the path fills."""

    URL_SCHEMES: ClassVar[tuple[str, ...]] = ()
    URL_PATH_FIELD: ClassVar[str] = "database"

    @classmethod
    def from_url(cls: type[C], url: str, **overrides: Any) -> C:
        """A config from ``scheme://user:password@host:port/path?field=value``.

        Query parameters name config fields (``?connect_timeout=5``); keyword ``overrides`` win.
        """
        schemes: tuple[str, ...] = cls.URL_SCHEMES  # type: ignore[attr-defined]
        return config_from_url(cls, url, schemes, path_field=cls.URL_PATH_FIELD, **overrides)  # type: ignore[attr-defined]
