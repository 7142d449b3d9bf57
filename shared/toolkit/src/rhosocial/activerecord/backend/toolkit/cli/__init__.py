"""One command line for every backend: ``python -m rhosocial.activerecord.backend.impl.<name> <command>``.

Commands: info, query, explain, introspect, capabilities, status, connect-args. Output is a table
for people and ``--format json|csv`` for scripts; errors go to stderr with exit status 1 (2 for a
usage error). The connection comes from ``--url`` (or ``DATABASE_URL`` when its scheme is the
backend's), from flags, or both (flags win); the password only from the URL or the backend's
environment variable, never from a flag. A backend supplies a small :class:`Adapter`: what differs.
"""

from collections.abc import Callable, Sequence
from typing import Optional

from .adapter import Adapter, column_row, status_query
from .main import build_parser, run


def command_line(adapter: Adapter) -> Callable[[Optional[Sequence[str]]], int]:
    """The backend's ``main(argv)`` (``python -m ...impl.<name>``)."""

    def main(argv: Optional[Sequence[str]] = None) -> int:
        return run(adapter, argv)

    return main


__all__ = ["Adapter", "build_parser", "column_row", "command_line", "run", "status_query"]
