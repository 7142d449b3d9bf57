"""Run the installed compliance suite against one backend (and optionally one server).

    python -m rhosocial.activerecord.backend.toolkit.testing.compliance --backend postgres --server pg15 [-- -x -k crud]

The backend's wiring lives in ``packages/<backend>/tests/compliance/registry.py`` (``provider_registry``).
The suite is collected in place from site-packages (``--import-mode=importlib``, so the core's own
``logging`` package never shadows the standard library's in worker processes), sync and async alike,
with pytest-asyncio in auto mode. The exit code is pytest's.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional

from ..servers import SELECT_ENV, ServerTarget, no_server_reason, repo_root, servers_for

REGISTRY_ENV = "TESTSUITE_PROVIDER_REGISTRY"
REGISTRY_REF = "compliance.registry:provider_registry"


def suite_dir() -> Path:
    spec = importlib.util.find_spec("rhosocial.activerecord.testsuite")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "rhosocial-activerecord-testsuite is not installed (pip install rhosocial-activerecord-testsuite)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def backend_tests_dir(backend: str, root: Optional[Path] = None) -> Path:
    root = root or repo_root() or repo_root(Path(__file__).parent)
    if root is None:
        raise SystemExit("cannot find the repository root (a folder with hatch.toml and packages/)")
    path = root / "packages" / backend / "tests"
    if not (path / "compliance" / "registry.py").is_file():
        raise SystemExit(
            f"{path / 'compliance' / 'registry.py'} not found: backend {backend!r} has no compliance wiring"
        )
    return path


def pytest_args(suite: Path, extra: list[str], *, timeout: int) -> list[str]:
    # Extra arguments naming suite paths ("feature/basic/crud") narrow the run to them.
    targets = [str(suite / a) for a in extra if a.startswith("feature") and (suite / a.split("::")[0]).exists()]
    extra = [a for a in extra if str(suite / a) not in targets]
    return [
        *(targets or [str(suite / "feature")]),
        f"--rootdir={suite}",
        "--import-mode=importlib",
        "-p",
        "no:cacheprovider",
        "-o",
        "asyncio_mode=auto",
        "-o",
        # The suite has namespace folders; this names test modules by their importable dotted path
        # so worker processes can unpickle task functions defined in them.
        "consider_namespace_packages=true",
        "-o",
        "asyncio_default_fixture_loop_scope=function",
        f"--timeout={timeout}",
        *extra,
    ]


def prepare_environment(backend: str, server: Optional[str]) -> Path:
    """Set the variables the suite and its worker processes read; returns the backend's tests folder."""
    tests = backend_tests_dir(backend)
    os.environ[REGISTRY_ENV] = REGISTRY_REF
    if server:
        os.environ[SELECT_ENV] = server
    # Worker processes are spawned fresh: they find the registry package through PYTHONPATH.
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(tests), os.environ.get("PYTHONPATH", "")) if p)
    if str(tests) not in sys.path:
        sys.path.insert(0, str(tests))
    return tests


SPEC_MODULE = "compliance.spec"  # each backend's BackendSpec, as SPEC, beside its registry


def server_label(server: ServerTarget) -> str:
    """The header's name for a server, with its version: servers.json knows it; a server given by
    DSN is asked, through the backend itself, so the header names what really ran."""
    if server.version:
        return server.label
    try:
        spec = importlib.import_module(SPEC_MODULE).SPEC
        backend = spec.backend_class(False)(spec.config(server.name))
        backend.connect()
        try:
            version = ".".join(str(part) for part in backend.get_server_version())
        finally:
            backend.disconnect()
    except Exception as exc:  # the header must not stop the run: the tests report the real error
        return f"{server.label} [version not probed: {type(exc).__name__}: {exc}]"
    return replace(server, version=version).label


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    extra: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1 :]
    parser = argparse.ArgumentParser(prog="python -m rhosocial.activerecord.backend.toolkit.testing.compliance")
    parser.add_argument("--backend", required=True, help="postgres, mysql or oracle")
    parser.add_argument("--server", help="server name from .localdb/servers.json or a DSN variable")
    parser.add_argument("--timeout", type=int, default=300, help="per-test timeout in seconds (hang guard)")
    return parser.parse_args(argv), extra


def main(argv: Optional[list[str]] = None) -> int:
    args, extra = parse(list(sys.argv[1:] if argv is None else argv))
    prepare_environment(args.backend, args.server)
    servers = servers_for(args.backend)
    if not servers:
        print(
            f"compliance: {no_server_reason(args.backend)}" + (f" (asked for {args.server!r})" if args.server else "")
        )
    else:
        print(f"compliance: {args.backend} on {', '.join(server_label(s) for s in servers)}")
    import pytest

    return int(pytest.main(pytest_args(suite_dir(), extra, timeout=args.timeout)))
