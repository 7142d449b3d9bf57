"""The Oracle benchmark module plugs into tools/benchmark.py (the skip without a DSN: test_benchmark_report)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import benchmark


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
