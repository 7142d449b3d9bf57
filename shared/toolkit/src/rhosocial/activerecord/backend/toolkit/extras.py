"""Optional dependencies behind a package extra: a missing one names the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import ConfigurationError


def require_extra(module: str, distribution: str, extra: str, wanted_by: str) -> ModuleType:
    """Import ``module``; if missing, say which field asked for it and which extra brings it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigurationError(
            f"{wanted_by} needs {module}, which is not installed: pip install '{distribution}[{extra}]'"
        ) from exc
