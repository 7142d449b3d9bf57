"""Schema snapshots and diffs (the core's ``backend.schema``) for Oracle."""

from .differ import OracleSchemaDiffer

__all__ = ["OracleSchemaDiffer"]
