"""Refuse to go on under a hatch older than the README's floor, with the fix in the message.

Hatch before 1.16 reads no ``[envs.*.workspace]`` table: it builds the environments without the
four packages, and everything fails later on a confusing ImportError. The test run and the demo
call :func:`check` before importing anything of ours; ``.ci/run`` pipes ``hatch --version`` into
``--stdin``. Outside ``hatch run`` (no HATCH_ENV_ACTIVE) there is nothing to check.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from typing import Optional

FLOOR = (1, 16)


def parse(text: str) -> Optional[tuple[int, ...]]:
    """``"Hatch, version 1.18.2"`` -> ``(1, 18, 2)``; None when no version is in the text."""
    match = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text)
    return tuple(int(part) for part in match.groups() if part is not None) if match else None


def problem(version_text: str) -> Optional[str]:
    """The message for a hatch below the floor (or of unknown version); None when it is new enough."""
    version = parse(version_text)
    floor = ".".join(map(str, FLOOR))
    if version is not None and version[:2] >= FLOOR:
        return None
    found = ".".join(map(str, version)) if version else f"unknown ({version_text.strip()!r})"
    return (
        f"hatch {found} is too old: this repository needs hatch >= {floor} (older versions build the "
        f'environments without the packages). Upgrade: pipx install --force "hatch>={floor}" '
        f'(or python3 -m pip install --user --upgrade "hatch>={floor}"), then: hatch env prune'
    )


def check() -> None:
    if not os.environ.get("HATCH_ENV_ACTIVE"):
        return
    hatch = shutil.which("hatch")
    if hatch is None:
        return  # run through a hatch that is not on PATH: nothing to ask
    out = subprocess.run([hatch, "--version"], capture_output=True, text=True, check=False).stdout
    message = problem(out)
    if message:
        sys.exit(message)


if __name__ == "__main__":
    if "--stdin" in sys.argv:  # .ci/run: `hatch --version | python3 tools/hatch_floor.py --stdin [--explain]`
        message = problem(sys.stdin.read())
        if message and "--explain" in sys.argv:
            print(message, file=sys.stderr)
        sys.exit(1 if message else 0)
    check()
