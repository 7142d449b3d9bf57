"""tools/check_namespaces.py on the real source trees, and on synthetic bad ones."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _load(name: str):
    # tools/ is not a package; load the script by path.
    spec = importlib.util.spec_from_file_location(f"_tools_{name}", REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check_namespaces = _load("check_namespaces")


def test_source_trees_leave_the_namespaces_alone():
    assert check_namespaces.source_problems(REPO) == []


def test_every_distribution_is_known():
    names = set(check_namespaces.distributions(REPO))
    assert {f"rhosocial_activerecord_{n}" for n in ("toolkit", "postgres", "mysql", "oracle")} <= names


def _fake_repo(root: Path) -> None:
    (root / "shared/toolkit/src/rhosocial/activerecord/backend/toolkit").mkdir(parents=True)
    leaf = root / "packages/postgres/src/rhosocial/activerecord/backend/impl/postgres"
    leaf.mkdir(parents=True)
    (leaf / "__init__.py").write_text("")
    (root / "packages/postgres/pyproject.toml").write_text("")


def test_stray_init_is_reported(tmp_path):
    _fake_repo(tmp_path)
    assert check_namespaces.source_problems(tmp_path) == []
    bad = tmp_path / "packages/postgres/src/rhosocial/activerecord/backend/impl/__init__.py"
    bad.write_text("")
    problems = check_namespaces.source_problems(tmp_path)
    assert len(problems) == 1
    assert "packages/postgres/src/rhosocial/activerecord/backend/impl/__init__.py" in problems[0]
    assert check_namespaces.main(["--root", str(tmp_path)]) == 1


def test_init_at_top_level_of_toolkit_is_reported(tmp_path):
    _fake_repo(tmp_path)
    (tmp_path / "shared/toolkit/src/rhosocial/__init__.py").write_text("")
    assert any("shared/toolkit/src/rhosocial/__init__.py" in p for p in check_namespaces.source_problems(tmp_path))


def _wheel(path: Path, members: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for member in members:
            zf.writestr(member, "")
    return path


def test_wheel_with_only_its_leaf_passes(tmp_path):
    _fake_repo(tmp_path)
    dist = tmp_path / "dist"
    dist.mkdir()
    _wheel(
        dist / "rhosocial_activerecord_postgres-1.0.0.dev1-py3-none-any.whl",
        [
            "rhosocial/activerecord/backend/impl/postgres/__init__.py",
            "rhosocial_activerecord_postgres-1.0.0.dev1.dist-info/METADATA",
        ],
    )
    _wheel(dist / "rhosocial_activerecord-1.0.0.dev29-py3-none-any.whl", ["rhosocial/__init__.py"])  # not ours: skipped
    assert check_namespaces.wheels_problems(dist, tmp_path) == []


def test_wheel_shipping_a_namespace_init_fails(tmp_path):
    _fake_repo(tmp_path)
    dist = tmp_path / "dist"
    dist.mkdir()
    _wheel(
        dist / "rhosocial_activerecord_postgres-1.0.0.dev1-py3-none-any.whl",
        [
            "rhosocial/activerecord/backend/impl/postgres/__init__.py",
            "rhosocial/activerecord/backend/impl/__init__.py",
            "rhosocial/activerecord/backend/impl/mysql/__init__.py",
        ],
    )
    problems = check_namespaces.wheels_problems(dist, tmp_path)
    assert len(problems) == 2
    assert check_namespaces.main(["--root", str(tmp_path), "--wheels", str(dist)]) == 1
