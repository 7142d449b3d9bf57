"""Sync and async Oracle backends (shared logic in ``common``)."""

from .async_ import AsyncOracleBackend
from .sync import OracleBackend

__all__ = ["AsyncOracleBackend", "OracleBackend"]
