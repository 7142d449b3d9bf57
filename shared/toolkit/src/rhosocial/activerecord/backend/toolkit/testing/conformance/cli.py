"""``python -m rhosocial.activerecord.backend.toolkit.testing.conformance``:

run  --backend B [--server NAME] [-- pytest args]   the backend's conformance tests (writes .reports/conformance/)
page [--backend B ...]                             regenerates docs/capabilities/<backend>.md from those results
list [--backend B]                                 the registered cases and the capabilities they prove
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from typing import Optional

from ..servers import SELECT_ENV, repo_root
from .page import page_path, render_page
from .registry import BACKENDS, cases_for
from .reports import read_reports


def _run(backend: str, server: Optional[str], extra: list[str]) -> int:
    root = repo_root()
    if root is None:
        print("run this from the repository checkout", file=sys.stderr)
        return 2
    env = dict(os.environ)
    if server:
        env[SELECT_ENV] = server
    tests = root / "packages" / backend / "tests" / "conformance"
    return subprocess.run([sys.executable, "-m", "pytest", str(tests), "-q", *extra], cwd=root, env=env).returncode


def _page(backends: list[str]) -> int:
    for backend in backends:
        path = page_path(backend)
        path.parent.mkdir(parents=True, exist_ok=True)
        reports = read_reports(backend)
        path.write_text(render_page(backend, reports))
        print(f"{path}: {len(reports)} run(s)")
    return 0


def _list(backends: list[str]) -> int:
    for backend in backends:
        print(f"[{backend}]")
        for case in cases_for(backend):
            flags = ("" if case.live else " (server-free)") + (
                f" [xfail: {case.xfail_reason}]" if case.xfail_reason else ""
            )
            refusal = " +refusal" if case.refusal else ""
            print(f"  {case.name}{flags}{refusal}: {', '.join(case.capabilities)}")
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a backend's conformance tests")
    run.add_argument("--backend", required=True, choices=sorted(BACKENDS))
    run.add_argument("--server", help="one server name from the server list")
    run.add_argument("pytest_args", nargs="*")
    page = sub.add_parser("page", help="write docs/capabilities/<backend>.md from .reports/conformance/")
    page.add_argument("--backend", action="append", choices=sorted(BACKENDS))
    listing = sub.add_parser("list", help="list the registered cases")
    listing.add_argument("--backend", action="append", choices=sorted(BACKENDS))
    args = parser.parse_args(argv)
    if args.command == "run":
        return _run(args.backend, args.server, args.pytest_args)
    chosen = args.backend or sorted(BACKENDS)
    return _page(chosen) if args.command == "page" else _list(chosen)
