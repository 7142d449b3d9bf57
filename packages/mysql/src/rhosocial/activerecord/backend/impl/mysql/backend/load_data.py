"""LOAD DATA LOCAL INFILE as an explicit opt-in: off unless ``local_infile_dirs`` lists directories.

The client reads a file the *server* names in its reply, so a hostile or compromised server could ask
for any file the process can read. Two checks stand in the way: ours (the path given to
``load_data_local`` must resolve inside one of the listed directories) and the driver's
(``allow_local_infile_in_path``: it refuses any file outside that directory, whatever the server
asks for). ``allow_local_infile`` itself is always False.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError


def infile_driver_args(dirs: Optional[Sequence[str]]) -> dict[str, Any]:
    """The driver's LOCAL INFILE switches for the allow-list (connect arguments)."""
    args: dict[str, Any] = {"allow_local_infile": False}
    if dirs:
        args["allow_local_infile_in_path"] = os.path.commonpath([os.path.realpath(d) for d in dirs])
    return args


def checked_path(path: str, dirs: Optional[Sequence[str]]) -> str:
    """``path`` resolved (symlinks followed) when it lies inside an allowed directory; raises otherwise."""
    if not dirs:
        raise ConfigurationError(
            "LOAD DATA LOCAL INFILE is off: list the directories it may read in "
            "MySQLConnectionConfig(local_infile_dirs=[...])"
        )
    real = os.path.realpath(path)
    for allowed in dirs:
        root = os.path.realpath(allowed)
        if os.path.commonpath([root, real]) == root:
            return real
    raise ConfigurationError(f"{path!r} is outside local_infile_dirs {list(dirs)}: LOAD DATA LOCAL refused")


def load_data_sql(
    dialect: Any,
    path: str,
    table: str,
    columns: Optional[Sequence[str]] = None,
    *,
    fields_terminated_by: str = ",",
    enclosed_by: Optional[str] = '"',
    escaped_by: str = "\\",
    lines_terminated_by: str = "\n",
    ignore_lines: int = 0,
    on_duplicate: Optional[str] = None,
    charset: str = "utf8mb4",
) -> tuple[str, tuple]:
    """The LOAD DATA LOCAL INFILE statement; ``on_duplicate`` is None, ``"replace"`` or ``"ignore"``."""
    if on_duplicate not in (None, "replace", "ignore"):
        raise ValueError(f"on_duplicate must be None, 'replace' or 'ignore', got {on_duplicate!r}")
    if int(ignore_lines) < 0:
        raise ValueError("ignore_lines must be >= 0")
    q = dialect.format_identifier
    params: list[Any] = [path]
    sql = "LOAD DATA LOCAL INFILE %s"
    if on_duplicate:
        sql += f" {on_duplicate.upper()}"
    sql += f" INTO TABLE {q(table)} CHARACTER SET {charset} FIELDS TERMINATED BY %s"
    params.append(fields_terminated_by)
    if enclosed_by:
        sql += " OPTIONALLY ENCLOSED BY %s"
        params.append(enclosed_by)
    sql += " ESCAPED BY %s LINES TERMINATED BY %s"
    params.extend([escaped_by, lines_terminated_by])
    if ignore_lines:
        sql += f" IGNORE {int(ignore_lines)} LINES"
    if columns:
        sql += " (" + ", ".join(q(c) for c in columns) + ")"
    return sql, tuple(params)


__all__ = ["checked_path", "infile_driver_args", "load_data_sql"]
