"""Build the four wheels and install each backend alone: no leaked drivers, no namespace clashes.

Slow (three virtualenvs, packages from PyPI), so it carries its own marker:
    pytest tests/test_distributions.py          or    pytest -m distributions tests/
pip's normal cache is used, so repeated runs only download what changed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.distributions

# backend -> (driver distribution, driver module); each backend must bring its own and no other.
DRIVERS = {
    "postgres": ("psycopg", "psycopg"),
    "mysql": ("mysql-connector-python", "mysql.connector"),
    "oracle": ("oracledb", "oracledb"),
}


def _load(name: str):
    # tools/ is not a package; load the script by path.
    spec = importlib.util.spec_from_file_location(f"_tools_{name}", REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check_namespaces = _load("check_namespaces")


def _run(*cmd: str | Path, cwd: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_REQUIRE_VIRTUALENV")}
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> dict[str, Path]:
    """Wheel-style distribution name -> built wheel."""
    if importlib.util.find_spec("build") is None:
        pytest.skip("the 'build' package is not installed (pip install build)")
    # With hatchling importable we build in this interpreter: no isolated env to provision 4 times.
    no_isolation = ["--no-isolation"] if importlib.util.find_spec("hatchling") else []
    out = tmp_path_factory.mktemp("wheels")
    for project, _leaf in check_namespaces.distributions(REPO).values():
        _run(sys.executable, "-m", "build", "--wheel", *no_isolation, "--outdir", out, project)
    built = {w.name.split("-", 1)[0].lower(): w for w in out.glob("*.whl")}
    assert set(built) == set(check_namespaces.distributions(REPO))
    return built


def test_each_wheel_holds_only_its_own_leaf(wheels):
    known = check_namespaces.distributions(REPO)
    for dist, wheel in wheels.items():
        assert check_namespaces.wheel_problems(wheel, known[dist][1]) == []
    assert check_namespaces.wheels_problems(next(iter(wheels.values())).parent, REPO) == []


PROBE = textwrap.dedent(
    """
    import importlib, importlib.metadata, importlib.util, json, sys
    installed = {d.metadata["Name"].lower() for d in importlib.metadata.distributions()}
    def importable(name):
        try:
            return importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:  # parent package missing (mysql for mysql.connector)
            return False
    module = importlib.import_module(sys.argv[1])
    print(json.dumps({
        "installed": sorted(installed),
        "importable": {m: importable(m) for m in sys.argv[2:]},
        "location": list(getattr(module, "__path__", [])),
    }))
    """
)


@pytest.mark.parametrize("backend", sorted(DRIVERS))
def test_backend_installs_alone(backend, wheels, tmp_path):
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # pip drives the new environment from outside (--python), which saves seeding pip into it.
    pip = [sys.executable, "-m", "pip", "--python", python, "--disable-pip-version-check"]
    _run(
        *pip,
        "install",
        "--pre",
        wheels["rhosocial_activerecord_toolkit"],
        wheels[f"rhosocial_activerecord_{backend}"],
    )
    _run(*pip, "check")

    module = f"rhosocial.activerecord.backend.impl.{backend}"
    own_dist, own_module = DRIVERS[backend]
    others = {dist: mod for name, (dist, mod) in DRIVERS.items() if name != backend}
    # Run from an empty directory so the repository's src trees cannot be picked up instead.
    report = json.loads(_run(python, "-c", PROBE, module, own_module, *others.values(), cwd=tmp_path))

    assert own_dist in report["installed"]
    assert report["importable"][own_module]
    for dist, mod in others.items():
        assert dist not in report["installed"], f"{backend} pulled in {dist}"
        assert not report["importable"][mod], f"{mod} is importable next to the {backend} backend"
    assert report["location"]
    assert all(str(venv) in path for path in report["location"]), report["location"]
