"""One command line for every backend: ``python -m rhosocial.activerecord.backend.impl.<name> <command>``.

Commands: info, query, explain, introspect, capabilities, status, connect-args. Output is a table
for people and ``--format json|csv`` for scripts; errors go to stderr with exit status 1 (2 for a
usage error). The connection comes from ``--url`` (or ``DATABASE_URL`` when its scheme is the
backend's), from flags, or both (flags win); the password only from the URL or the backend's
environment variable, never from a flag. A backend supplies a small :class:`Adapter`: what differs.
"""

from collections.abc import Sequence
from typing import Optional, Protocol

from .adapter import Adapter, column_row, status_query
from .main import build_parser, run


class CommandLine(Protocol):
    """A backend's ``main``: argv defaults to the process's own arguments."""

    def __call__(self, argv: Optional[Sequence[str]] = None) -> int: ...


def command_line(adapter: Adapter) -> CommandLine:
    """The backend's ``main(argv)`` (``python -m ...impl.<name>``)."""

    def main(argv: Optional[Sequence[str]] = None) -> int:
        return run(adapter, argv)

    return main


__all__ = ["Adapter", "CommandLine", "build_parser", "column_row", "command_line", "run", "status_query"]
