"""tools/matrix.py: coverage of every version by the sparse include list, and path filtering."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _load(name: str):
    # tools/ is not a package; load the script by path (registered so dataclasses can resolve it).
    spec = importlib.util.spec_from_file_location(f"_tools_{name}", REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


matrix = _load("matrix")
CONFIG = matrix.load()
PYTHONS = {"3.10", "3.11", "3.12", "3.13", "3.14"}
ALL = set(matrix.BACKENDS)


def server_keys(config, tier="nightly"):
    return {(s["product"], str(s["version"])) for s in matrix.servers(config, tier)}


# --- shared/matrix.toml itself ---------------------------------------------------------------


def test_supported_versions_are_declared():
    assert set(CONFIG["python"]["versions"]) == PYTHONS
    assert set(CONFIG["python"]["unit"]) <= PYTHONS
    declared = server_keys(CONFIG)
    expected = {("postgres", v) for v in ("13", "14", "15", "16", "17", "18")}
    expected |= {("mysql", v) for v in ("8.0", "8.4")} | {("mariadb", v) for v in ("10.6", "10.11", "11.4", "11.8")}
    assert expected <= declared
    assert any(p == "mysql" and v.startswith("9.") for p, v in declared)
    images = {s["image"] for s in matrix.servers(CONFIG, "nightly")}
    assert {"gvenzl/oracle-xe:21-slim", "gvenzl/oracle-free:23-slim"} <= images


@pytest.mark.parametrize(
    ("product", "dsn_env", "scheme"),
    [
        ("postgres", "RHOSOCIAL_POSTGRES_DSN", "postgresql://"),
        ("mysql", "RHOSOCIAL_MYSQL_DSN", "mysql://"),
        ("mariadb", "RHOSOCIAL_MARIADB_DSN", "mysql://"),
        ("oracle", "RHOSOCIAL_ORACLE_DSN", "oracle://"),
    ],
)
def test_dsn_contract(product, dsn_env, scheme):
    for server in matrix.servers(CONFIG, "nightly"):
        if server["product"] == product:
            assert server["dsn_env"] == dsn_env
            assert server["dsn"].startswith(scheme)
            assert f"@127.0.0.1:{server['port']}/" in server["dsn"]
            assert server["health_cmd"]
            assert server["env"]


# --- pairing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("tier", ["pr", "nightly"])
def test_every_python_and_server_appears_at_least_once(tier):
    entries = matrix.pair(CONFIG, tier)
    assert {e.python for e in entries} == PYTHONS
    assert {(e.product, e.version) for e in entries} == server_keys(CONFIG, tier)


def test_include_list_is_sparse_not_a_cross_product():
    entries = matrix.pair(CONFIG, "nightly")
    servers = server_keys(CONFIG)
    assert len(entries) == max(len(servers), len(PYTHONS))
    assert len(entries) <= 20
    assert len({(e.product, e.version, e.python) for e in entries}) == len(entries)  # no duplicate jobs


def test_pr_tier_is_a_subset_of_nightly():
    assert server_keys(CONFIG, "pr") < server_keys(CONFIG, "nightly")


def test_fewer_servers_than_pythons_still_covers_every_python():
    config = {
        "tiers": ["pr"],
        "python": {"versions": sorted(PYTHONS), "unit": ["3.10"]},
        "servers": {
            "oracle": {
                "backend": "oracle",
                "label": "Oracle",
                "port": 1521,
                "dsn_env": "X",
                "dsn": "oracle://u:p@127.0.0.1:1521/FREEPDB1",
                "health_cmd": "healthcheck.sh",
                "versions": [{"version": "23", "image": "img", "tier": "pr"}],
            }
        },
    }
    entries = matrix.pair(config, "pr")
    assert {e.python for e in entries} == PYTHONS
    assert {e.version for e in entries} == {"23"}


def test_unknown_tier_is_rejected():
    with pytest.raises(SystemExit):
        matrix.pair(CONFIG, "weekly")


def test_service_options_carry_health_check_and_env():
    entry = next(e for e in matrix.pair(CONFIG) if e.product == "postgres")
    assert entry.options.startswith('--health-cmd "pg_isready')
    assert "--health-retries" in entry.options
    assert "-e POSTGRES_PASSWORD=" in entry.options


# --- path filtering ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["packages/postgres/src/rhosocial/activerecord/backend/impl/postgres/dialect.py"], {"postgres"}),
        (["packages/mysql/tests/unit/test_x.py", "packages/oracle/pyproject.toml"], {"mysql", "oracle"}),
        (["shared/toolkit/src/rhosocial/activerecord/backend/toolkit/errors.py"], ALL),
        (["shared/matrix.toml"], ALL),
        (["tools/localdb.py"], ALL),
        (["hatch.toml"], ALL),
        (["pyproject.toml"], ALL),
        ([".github/workflows/ci.yml"], ALL),
        (["tests/test_matrix.py"], ALL),
        (["docs/postgres.md"], set()),
        (["docs/postgres.md", "README.md", "packages/mysql/CHANGELOG.md"], set()),
        (["docs/index.md", "packages/oracle/src/x.py"], {"oracle"}),
        (["packages/postgres/x.py", "tools/matrix.py"], ALL),
        (["some/unknown/file.py"], ALL),
        ([], set()),
        (["./packages/postgres/README.rst"], set()),
    ],
)
def test_backends_for_paths(paths, expected):
    assert matrix.backends_for_paths(paths) == expected


def test_docs_only_change_emits_no_jobs(capsys):
    assert matrix.main(["--changed", "docs/index.md", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"include": []}


def test_backend_filter(capsys):
    matrix.main(["--backend", "mysql", "--format", "json"])
    entries = json.loads(capsys.readouterr().out)["include"]
    assert {e["backend"] for e in entries} == {"mysql"}
    assert {e["product"] for e in entries} == {"mysql", "mariadb"}


def test_filters_keep_pairings_stable():
    full = {(e.product, e.version): e.python for e in matrix.pair(CONFIG)}
    only_oracle = matrix.select(matrix.pair(CONFIG), {"oracle"})
    assert only_oracle
    assert all(full[(e.product, e.version)] == e.python for e in only_oracle)


def test_github_output_format(capsys):
    matrix.main(["--changed", "packages/postgres/src/x.py", "--format", "github"])
    outputs = dict(line.split("=", 1) for line in capsys.readouterr().out.splitlines())
    assert outputs["run_postgres"] == "true"
    assert outputs["run_mysql"] == outputs["run_oracle"] == "false"
    assert json.loads(outputs["mysql"]) == {"include": []}
    assert {e["backend"] for e in json.loads(outputs["postgres"])["include"]} == {"postgres"}
    assert json.loads(outputs["backends"]) == ["postgres"]
    assert outputs["any"] == "true"
    assert set(json.loads(outputs["unit_python"])) <= PYTHONS


def test_table_is_the_default(capsys):
    matrix.main([])
    out = capsys.readouterr().out
    assert "PostgreSQL 18" in out
    assert "Oracle 23 Free" in out
    assert "15 jobs" in out


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_from_git(tmp_path):
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "config", "user.email", "t@example.invalid")
    _git(tmp_path, "config", "user.name", "t")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("a\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "base")
    _git(tmp_path, "checkout", "-q", "-b", "feature")
    (tmp_path / "packages" / "mysql").mkdir(parents=True)
    (tmp_path / "packages" / "mysql" / "x.py").write_text("x = 1\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "change")
    assert matrix.changed_from_git("main", cwd=tmp_path) == ["packages/mysql/x.py"]
    assert matrix.changed_from_git("no-such-ref", cwd=tmp_path) is None  # caller then tests everything
