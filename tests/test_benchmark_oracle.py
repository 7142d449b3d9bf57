"""The Oracle benchmark module: it plugs into tools/benchmark.py and skips without an Oracle DSN."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import benchmark


def test_without_a_dsn_the_run_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "servers.json"
    empty.write_text('{"servers": []}')
    monkeypatch.setenv("RHOSOCIAL_SERVERS_FILE", str(empty))
    for name in ("RHOSOCIAL_ORACLE_DSN", "RHOSOCIAL_TEST_SERVER"):
        monkeypatch.delenv(name, raising=False)
    args = argparse.Namespace(server=None, impl=None, profile=False, no_published=True)
    [result] = benchmark.bench_backend("oracle", args)
    assert result.status == "skipped"
    assert result.reason.startswith("no Oracle DSN")


def test_module_plugs_in() -> None:
    module = benchmark._load("oracle")
    assert module is not None
    assert benchmark.IMPLEMENTATIONS["oracle"] == module.IMPLEMENTATIONS
    with pytest.raises(module.Unavailable, match="no earlier published"):
        module.open_kit({}, "thin", published=True)
    with pytest.raises(module.Unavailable, match="unknown implementation"):
        module.open_kit({}, "cext")
    # what the backend reports in server_info decides the "used" column
    told = SimpleNamespace(server_info=SimpleNamespace(settings={"driver_implementation": "thick"}))
    assert module.used_implementation(told) == ("thick", "server_info.driver_implementation")
