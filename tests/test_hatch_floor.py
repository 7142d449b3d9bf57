"""The test command stops at once, with the fix in the message, under a hatch older than the floor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import hatch_floor  # noqa: E402


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Hatch, version 1.16.0", True),
        ("Hatch, version 1.18.2", True),
        ("Hatch, version 2.0", True),
        ("Hatch, version 1.15.1", False),
        ("Hatch, version 1.9.4", False),
        ("garbage", False),
    ],
)
def test_floor(text: str, ok: bool) -> None:
    message = hatch_floor.problem(text)
    assert (message is None) is ok
    if not ok:
        assert ">= 1.16" in message
        assert "pipx install" in message


def _fake_hatch(tmp_path: Path, version: str) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "hatch"
    fake.write_text(f"#!/bin/sh\necho 'Hatch, version {version}'\n")
    fake.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "HATCH_ENV_ACTIVE": "test"}


def test_test_command_refuses_an_old_hatch(tmp_path: Path) -> None:
    env = _fake_hatch(tmp_path, "1.14.2")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "run_tests.py"), "--only", "unit", "--backend", "postgres"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "hatch 1.14.2 is too old" in done.stderr
    assert "===" not in done.stdout  # no step started


def test_pre_install_check_passes_a_new_hatch(tmp_path: Path) -> None:
    env = _fake_hatch(tmp_path, "1.16.1")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "hatch_floor.py")], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_ci_and_readme_name_the_same_floor() -> None:
    floor = ".".join(map(str, hatch_floor.FLOOR))
    assert f'HATCH_FLOOR="{floor}"' in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"hatch>={floor}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_check_reads_hatch_version_from_stdin() -> None:
    script = str(ROOT / "tools" / "hatch_floor.py")
    for text, code in (("Hatch, version 1.16.0", 0), ("Hatch, version 1.15.9", 1)):
        done = subprocess.run([sys.executable, script, "--stdin"], input=text, capture_output=True, text=True)
        assert done.returncode == code, text
