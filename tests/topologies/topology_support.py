"""Helpers of the topology tests: each module brings its topology up through tools/topologies.py (idempotent) and
skips with the recorded reason when it cannot run here. ``RHOSOCIAL_TOPOLOGIES=0`` skips them all."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import topologies


def bring_up(name: str) -> dict:
    if os.environ.get("RHOSOCIAL_TOPOLOGIES", "1") == "0":
        pytest.skip("topology tests disabled (RHOSOCIAL_TOPOLOGIES=0)")
    entry = topologies.up(name)
    if entry["status"] != "up":
        pytest.skip(f"topology {name} cannot run here: {entry['reason']}")
    return entry


def node_port(entry: dict, name: str) -> int:
    return next(n["port"] for n in entry["nodes"] if n["name"] == name)
