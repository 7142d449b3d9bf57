"""hatch.toml keeps its promises: uv installs, the shared environment is declared the same everywhere."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
ENVS = tomllib.loads((ROOT / "hatch.toml").read_text(encoding="utf-8"))["envs"]
SHARED = ("lint", "types", "docs", "release")


def test_uv_installs() -> None:
    assert ENVS["default"]["installer"] == "uv"
    for name, env in ENVS.items():  # nobody falls back to pip
        assert env.get("installer", "uv") == "uv", name


def test_shared_env_is_one_declaration() -> None:
    # Same path with different dependency lists would make hatch re-sync the venv at every switch.
    first = ENVS[SHARED[0]]
    for name in SHARED:
        env = ENVS[name]
        assert env["path"] == ".hatch/dev", name
        assert env.get("template", "default") == first.get("template", "default"), name
        assert env["extra-dependencies"] == first["extra-dependencies"], name
        assert "dependencies" not in env, name
    assert ".hatch/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
