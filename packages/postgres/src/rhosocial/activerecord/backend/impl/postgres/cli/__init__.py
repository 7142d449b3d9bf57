"""``python -m rhosocial.activerecord.backend.impl.postgres {info,query,introspect}``."""

from .main import main

__all__ = ["main"]
