"""Where conformance runs leave their JSON results, and reading them back for the capability page."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional

from ..servers import repo_root

REPORTS_ENV = "RHOSOCIAL_CONFORMANCE_REPORTS"


def reports_dir(root: Optional[Path] = None) -> Path:
    """``.reports/conformance`` at the checkout root (``RHOSOCIAL_CONFORMANCE_REPORTS`` overrides)."""
    explicit = os.environ.get(REPORTS_ENV)
    if explicit:
        return Path(explicit)
    base = root or repo_root() or repo_root(Path(__file__).parent) or Path.cwd()
    return base / ".reports" / "conformance"


def write_report(report: dict[str, Any], directory: Optional[Path] = None) -> Path:
    folder = directory or reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{report['backend']}-{report['server']}.json"
    path.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    return path


def read_reports(backend: str, directory: Optional[Path] = None) -> list[dict[str, Any]]:
    """Every report of ``backend``, live runs first, then by flavour and version."""
    folder = directory or reports_dir()
    found = []
    for path in sorted(folder.glob(f"{backend}-*.json")):
        data = json.loads(path.read_text())
        if data.get("backend") == backend:
            found.append(data)

    def order(r: dict[str, Any]) -> tuple[Any, ...]:
        version = tuple(int(p) for p in str(r.get("version", "0")).split(".") if p.isdigit())
        return (not r.get("live"), r.get("flavour", ""), version, r.get("server", ""))

    return sorted(found, key=order)
