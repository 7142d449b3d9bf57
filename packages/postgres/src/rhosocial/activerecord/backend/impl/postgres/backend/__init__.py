"""The sync and async backends; ``common.py`` holds what they share."""

from .async_ import AsyncPostgresBackend
from .sync import PostgresBackend

__all__ = ["AsyncPostgresBackend", "PostgresBackend"]
