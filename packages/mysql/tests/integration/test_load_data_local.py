"""LOAD DATA LOCAL INFILE: off by default, an allow-list of directories, the driver's switch kept narrow."""

from __future__ import annotations

import inspect
import os

import pytest

from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend
from rhosocial.activerecord.backend.impl.mysql.config import build_connect_args
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

TABLE = "ld_people"


async def run(value):
    return await value if inspect.isawaitable(value) else value


@pytest.fixture
def allowed(tmp_path):
    folder = tmp_path / "imports"
    folder.mkdir()
    (folder / "people.csv").write_text('id,name\n1,"Ada, Countess"\n2,Grace\n', encoding="utf-8")
    (tmp_path / "secret.csv").write_text("3,Mallory\n", encoding="utf-8")
    return folder


@pytest.fixture(params=["sync", "async"])
async def either(request, make_config, backend, allowed):
    backend.execute(f"DROP TABLE IF EXISTS {TABLE}")
    backend.execute(f"CREATE TABLE {TABLE} (id INT PRIMARY KEY, name VARCHAR(40))")
    config = make_config(local_infile_dirs=[str(allowed)])
    b = MySQLBackend(config) if request.param == "sync" else AsyncMySQLBackend(config)
    await run(b.connect())
    yield b
    await run(b.disconnect())
    backend.execute(f"DROP TABLE IF EXISTS {TABLE}")


def test_off_by_default_and_the_driver_switch_stays_narrow(make_config, tmp_path):
    plain = build_connect_args(make_config())
    assert plain["allow_local_infile"] is False
    assert "allow_local_infile_in_path" not in plain
    narrowed = build_connect_args(make_config(local_infile_dirs=[str(tmp_path)]))
    assert narrowed["allow_local_infile"] is False
    assert narrowed["allow_local_infile_in_path"] == os.path.realpath(tmp_path)


@pytest.mark.server
def test_refused_without_an_allow_list(backend, allowed):
    with pytest.raises(ConfigurationError, match="local_infile_dirs"):
        backend.load_data_local(str(allowed / "people.csv"), TABLE)


@pytest.mark.server
async def test_loads_a_file_from_an_allowed_directory(either, allowed):
    result = await run(either.load_data_local(str(allowed / "people.csv"), TABLE, ["id", "name"], ignore_lines=1))
    assert result.affected_rows == 2
    rows = await run(either.fetch_all(f"SELECT id, name FROM {TABLE} ORDER BY id"))
    assert [(r["id"], r["name"]) for r in rows] == [(1, "Ada, Countess"), (2, "Grace")]
    (allowed / "update.tsv").write_text("2\tGrace Hopper\n", encoding="utf-8")
    await run(
        either.load_data_local(
            str(allowed / "update.tsv"), TABLE, fields_terminated_by="\t", enclosed_by=None, on_duplicate="replace"
        )
    )
    assert (await run(either.fetch_one(f"SELECT name FROM {TABLE} WHERE id = 2")))["name"] == "Grace Hopper"


@pytest.mark.server
async def test_paths_outside_the_allow_list_are_refused(either, allowed):
    outside = allowed.parent / "secret.csv"
    with pytest.raises(ConfigurationError, match="outside local_infile_dirs"):
        await run(either.load_data_local(str(outside), TABLE))
    link = allowed / "escape.csv"
    link.symlink_to(outside)  # a link inside the folder pointing out of it
    with pytest.raises(ConfigurationError, match="outside local_infile_dirs"):
        await run(either.load_data_local(str(link), TABLE))
    with pytest.raises(ConfigurationError, match="outside local_infile_dirs"):
        await run(either.load_data_local(str(allowed / ".." / "secret.csv"), TABLE))
    assert (await run(either.fetch_one(f"SELECT COUNT(*) AS n FROM {TABLE}")))["n"] == 0
