"""Server discovery: the state file, DSN variables, RHOSOCIAL_TEST_SERVER and the TLS filter.

Every test passes its own environ dict and state file under tmp_path; where a function reads
``os.environ`` by default, monkeypatch sets every variable it looks at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rhosocial.activerecord.backend.toolkit.testing import servers
from rhosocial.activerecord.backend.toolkit.testing.servers import (
    DSN_ENVS,
    SELECT_ENV,
    SERVERS_FILE_ENV,
    ServerTarget,
    fault_servers,
    load_servers,
    no_server_reason,
    parse_dsn,
    repo_root,
    servers_file,
    servers_for,
    suite_servers,
)

TLS = {"ca": "/certs/ca.pem", "cert": "/certs/client.pem", "key": "/certs/client.key", "required": True}


def state_file(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "servers.json"
    path.write_text(json.dumps({"servers": list(entries)}))
    return path


def entry(name: str, backend: str, flavour: str, port: int, **extra) -> dict:
    return {
        "name": name,
        "backend": backend,
        "flavour": flavour,
        "host": "127.0.0.1",
        "port": port,
        "user": "rhosocial",
        "password": "pw",
        "database": "rhosocial_test",
        "version": "1.0",
        "origin": "system",
        **extra,
    }


@pytest.fixture
def state(tmp_path):
    return state_file(
        tmp_path,
        entry("pg15", "postgres", "postgresql", 5432, version="15.20"),
        entry("pg15-tls", "postgres", "postgresql", 55432, tls=TLS, written_by="localdb 2"),  # unknown key ignored
        entry("mariadb", "mysql", "mariadb", 3306),
    )


def test_load_servers_reads_the_state_file(state):
    found = load_servers({SERVERS_FILE_ENV: str(state)})

    assert [s.name for s in found] == ["pg15", "pg15-tls", "mariadb"]
    pg15 = found[0]
    assert pg15 == ServerTarget(
        name="pg15",
        backend="postgres",
        flavour="postgresql",
        host="127.0.0.1",
        port=5432,
        user="rhosocial",
        password="pw",
        database="rhosocial_test",
        version="15.20",
        origin="system",
    )
    assert found[1].tls == TLS
    assert pg15.label == "pg15 (postgresql 15.20 at 127.0.0.1:5432)"
    assert "pw" not in repr(pg15)  # the password is not in the repr


def test_explicit_path_wins_over_the_environment(state, tmp_path):
    (tmp_path / "other").mkdir()
    other = state_file(tmp_path / "other", entry("only", "oracle", "oracle", 1521))
    assert [s.name for s in load_servers({SERVERS_FILE_ENV: str(state)}, path=other)] == ["only"]


def test_missing_or_empty_state_file(tmp_path):
    assert load_servers({SERVERS_FILE_ENV: str(tmp_path / "absent.json")}) == []
    (tmp_path / "empty.json").write_text("{}")
    assert load_servers({SERVERS_FILE_ENV: str(tmp_path / "empty.json")}) == []


def test_dsn_variables_follow_the_state_file(state):
    environ = {
        SERVERS_FILE_ENV: str(state),
        "RHOSOCIAL_MYSQL_DSN": "mysql://root:@db.ci:3307/app",
        "RHOSOCIAL_ORACLE_DSN": "",  # empty: ignored
    }
    found = load_servers(environ)

    assert [s.name for s in found] == ["pg15", "pg15-tls", "mariadb", "mysql-dsn"]
    assert found[-1].origin == "dsn"


def test_parse_dsn_fields_defaults_and_quoting():
    target = parse_dsn(
        "RHOSOCIAL_POSTGRES_DSN", "postgresql://app%40corp:p%2Fss%3Aw@db.example/my%20db?sslmode=require&x=1"
    )
    assert (target.name, target.backend, target.flavour) == ("postgres-dsn", "postgres", "postgresql")
    assert (target.host, target.port) == ("db.example", 5432)  # default port per backend
    assert (target.user, target.password, target.database) == ("app@corp", "p/ss:w", "my db")
    assert target.params == {"sslmode": "require", "x": "1"}
    assert target.tls == {"ca": None, "cert": None, "key": None, "required": False, "sslmode": "require"}

    maria = parse_dsn("RHOSOCIAL_MARIADB_DSN", "mysql://root@127.0.0.1/test")
    assert (maria.backend, maria.flavour, maria.port, maria.password) == ("mysql", "mariadb", 3306, "")
    assert maria.tls is None
    oracle = parse_dsn("RHOSOCIAL_ORACLE_DSN", "oracle://system:pw@ora:1522/FREEPDB1")
    assert (oracle.port, oracle.database) == (1522, "FREEPDB1")
    assert parse_dsn("RHOSOCIAL_ORACLE_DSN", "oracle://u:p@ora/FREE").port == 1521


def test_parse_dsn_without_host_names_the_variable():
    with pytest.raises(ValueError, match=r"RHOSOCIAL_MYSQL_DSN has no host: expected scheme://user:password@host"):
        parse_dsn("RHOSOCIAL_MYSQL_DSN", "mysql:///test")
    with pytest.raises(KeyError):
        parse_dsn("RHOSOCIAL_SQLITE_DSN", "sqlite://x/y")


def test_servers_for_filters_by_backend(state, tmp_path):
    environ = {SERVERS_FILE_ENV: str(state), "RHOSOCIAL_MARIADB_DSN": "mysql://root@10.0.0.2/test"}

    assert [s.name for s in servers_for("postgres", environ=environ)] == ["pg15", "pg15-tls"]
    assert [s.name for s in servers_for("mysql", environ=environ)] == ["mariadb", "mariadb-dsn"]
    assert servers_for("oracle", environ=environ) == []


def test_test_server_variable_narrows_the_run(state):
    environ = {SERVERS_FILE_ENV: str(state), SELECT_ENV: " pg15-tls , mariadb,,"}

    assert [s.name for s in servers_for("postgres", environ=environ)] == ["pg15-tls"]
    assert [s.name for s in servers_for("mysql", environ=environ)] == ["mariadb"]
    narrowed_away = {SERVERS_FILE_ENV: str(state), SELECT_ENV: "oracle-dsn"}
    assert servers_for("postgres", environ=narrowed_away) == []


def test_tls_filter(state):
    environ = {SERVERS_FILE_ENV: str(state)}

    assert [s.name for s in servers_for("postgres", tls=True, environ=environ)] == ["pg15-tls"]
    assert [s.name for s in servers_for("postgres", tls=False, environ=environ)] == ["pg15"]
    assert [s.name for s in servers_for("mysql", tls=True, environ=environ)] == []


def test_fault_instances_run_only_when_named(tmp_path):
    path = state_file(
        tmp_path,
        entry("pg15", "postgres", "postgresql", 5432),
        entry("pg15-fault", "postgres", "postgresql", 55433, origin="fault"),
    )
    environ = {SERVERS_FILE_ENV: str(path)}

    assert [s.name for s in servers_for("postgres", environ=environ)] == ["pg15"]
    named = {**environ, SELECT_ENV: "pg15-fault"}
    assert [s.name for s in servers_for("postgres", environ=named)] == ["pg15-fault"]
    assert [s.name for s in fault_servers("postgres", environ={**environ, SELECT_ENV: "pg15"})] == ["pg15-fault"]
    assert fault_servers("mysql", environ=environ) == []


def test_repo_root_finds_the_checkout_marker(tmp_path):
    root = tmp_path / "checkout"
    (root / "packages" / "postgres" / "src").mkdir(parents=True)
    (root / "hatch.toml").write_text("")

    assert repo_root(root / "packages" / "postgres" / "src") == root.resolve()
    assert repo_root(root) == root.resolve()
    # hatch.toml alone (no packages/) is not this repository.
    lone = tmp_path / "other"
    lone.mkdir()
    (lone / "hatch.toml").write_text("")
    assert repo_root(lone) is None


def test_repo_root_defaults_to_the_cwd(tmp_path, monkeypatch):
    (tmp_path / "packages").mkdir()
    (tmp_path / "hatch.toml").write_text("")
    monkeypatch.chdir(tmp_path / "packages")
    assert repo_root() == tmp_path.resolve()


def test_servers_file_locations(tmp_path, monkeypatch):
    assert servers_file({SERVERS_FILE_ENV: "/elsewhere/s.json"}) == Path("/elsewhere/s.json")

    (tmp_path / "packages").mkdir()
    (tmp_path / "hatch.toml").write_text("")
    monkeypatch.chdir(tmp_path)
    assert servers_file({}) == tmp_path.resolve() / ".localdb" / "servers.json"

    # Outside any checkout the toolkit's own location is tried; with neither there is no file.
    monkeypatch.setattr(servers, "repo_root", lambda start=None: None)
    assert servers_file({}) is None
    assert load_servers({}) == []


def test_defaults_read_os_environ(state, monkeypatch):
    for name in (*DSN_ENVS, SELECT_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(SERVERS_FILE_ENV, str(state))
    monkeypatch.setenv("RHOSOCIAL_POSTGRES_DSN", "postgresql://u:p@ci-db/test")

    assert servers_file() == state
    assert [s.name for s in load_servers()] == ["pg15", "pg15-tls", "mariadb", "postgres-dsn"]
    assert [s.name for s in servers_for("postgres", tls=False)] == ["pg15", "postgres-dsn"]


@pytest.mark.parametrize(
    ("backend", "variables"),
    [
        ("postgres", "RHOSOCIAL_POSTGRES_DSN"),
        ("mysql", "RHOSOCIAL_MYSQL_DSN / RHOSOCIAL_MARIADB_DSN"),
        ("oracle", "RHOSOCIAL_ORACLE_DSN"),
    ],
)
def test_no_server_reason(backend, variables):
    assert no_server_reason(backend) == (
        f"no {backend} server: run `hatch run db:up` for local servers or set {variables} (see docs/contributing.md)"
    )


@pytest.mark.parametrize(
    ("env", "query", "tls"),
    [
        ("RHOSOCIAL_POSTGRES_DSN", "", None),
        ("RHOSOCIAL_POSTGRES_DSN", "?sslmode=prefer", None),
        (
            "RHOSOCIAL_POSTGRES_DSN",
            "?sslmode=verify-full&sslrootcert=/ca.pem&sslcert=/c.pem&sslkey=/c.key&tls_required=true",
            {"ca": "/ca.pem", "cert": "/c.pem", "key": "/c.key", "required": True, "sslmode": "verify-full"},
        ),
        (
            "RHOSOCIAL_MARIADB_DSN",
            "?ssl_ca=/ca.pem",
            {"ca": "/ca.pem", "cert": None, "key": None, "required": False, "sslmode": None},
        ),
        (
            "RHOSOCIAL_MYSQL_DSN",
            "?ssl_disabled=false",
            {"ca": None, "cert": None, "key": None, "required": False, "sslmode": None},
        ),
        ("RHOSOCIAL_MYSQL_DSN", "?ssl_disabled=true", None),
        ("RHOSOCIAL_ORACLE_DSN", "?sslmode=require", None),
    ],
)
def test_a_dsn_describes_a_tls_server(env, query, tls):
    scheme = {"RHOSOCIAL_POSTGRES_DSN": "postgresql", "RHOSOCIAL_ORACLE_DSN": "oracle"}.get(env, "mysql")
    assert parse_dsn(env, f"{scheme}://u:p@db/app{query}").tls == tls


def test_suites_run_on_plain_local_servers_and_on_every_dsn_server(tmp_path):
    state = state_file(
        tmp_path,
        entry("pg15", "postgres", "postgresql", 5432),
        entry("pg15-tls", "postgres", "postgresql", 55432, tls=TLS),
    )
    environ = {SERVERS_FILE_ENV: str(state), "RHOSOCIAL_POSTGRES_DSN": "postgresql://u:p@db/app?sslmode=require"}
    assert [s.name for s in suite_servers("postgres", environ=environ)] == ["pg15", "postgres-dsn"]
    assert [s.name for s in servers_for("postgres", tls=True, environ=environ)] == ["pg15-tls", "postgres-dsn"]


def test_config_fields_say_where_and_as_whom() -> None:
    target = ServerTarget(
        name="o", backend="oracle", flavour="oracle", host="h", port=1521, user="u", password="p", database="FREEPDB1"
    )
    assert target.config_fields() == {
        "host": "h",
        "port": 1521,
        "database": "FREEPDB1",
        "username": "u",
        "password": "p",
    }
    assert target.config_fields("service_name")["service_name"] == "FREEPDB1"
