"""Compliance wiring without a server: catalog references, generated providers, runner arguments, datasets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from rhosocial.activerecord.backend.toolkit.testing.compliance import catalog, runner
from rhosocial.activerecord.backend.toolkit.testing.compliance.datasets import RELATION_BOUNDARY_DATASETS
from rhosocial.activerecord.backend.toolkit.testing.compliance.registry import build_registry, provider_classes
from rhosocial.activerecord.backend.toolkit.testing.compliance.schema import SchemaBuilder, TypeMap, standard_types
from rhosocial.activerecord.backend.toolkit.testing.compliance.spec import BackendSpec
from rhosocial.activerecord.backend.toolkit.testing.servers import ServerTarget

pytest.importorskip("rhosocial.activerecord.testsuite")

SPEC = BackendSpec(
    name="nosuchbackend",
    sync_backend="rhosocial.activerecord.backend.impl.sqlite:SQLiteBackend",
    async_backend="rhosocial.activerecord.backend.impl.sqlite:AsyncSQLiteBackend",
    config_class="rhosocial.activerecord.backend.impl.sqlite.config:SQLiteConnectionConfig",
    config_kwargs=lambda server: {"database": ":memory:"},
    schema=SchemaBuilder(TypeMap(standard_types(), auto_increment_key="INTEGER PRIMARY KEY")),
    dialect_class="rhosocial.activerecord.backend.impl.sqlite:SQLiteDialect",
    ddl_in_one_call=True,
)


@pytest.mark.parametrize("area", [catalog.BASIC, catalog.EVENTS, catalog.MIXINS, catalog.QUERY, catalog.RELATION])
def test_every_catalog_reference_loads_a_model(area):
    for fixture in area.values():
        for asynchronous in (False, True):
            for model in catalog.models(fixture, asynchronous):
                assert model.__table_name__


def test_providers_cover_every_interface_method():
    classes = provider_classes(SPEC)
    assert len(classes) == 13
    for provider in classes.values():
        instance = provider()  # abstract methods left would raise TypeError here
        assert instance.spec is SPEC


def test_registry_answers_every_key_the_suite_asks_for():
    registry = build_registry(SPEC)
    for key in provider_classes(SPEC):
        assert registry.get_provider(key) is not None


def test_worker_params_are_plain_data(monkeypatch):
    server = ServerTarget(
        name="s1", backend="nosuchbackend", flavour="x", host="h", port=1, user="u", password="p", database="d"
    )
    monkeypatch.setattr(BackendSpec, "servers", lambda self: [server])
    provider = build_registry(SPEC).get_provider("feature.basic.IBasicSyncProvider")()
    params = provider.get_worker_connection_params("s1", "async_user")
    assert params["backend_class_name"] == "AsyncSQLiteBackend"
    assert params["config_kwargs"] == {"database": ":memory:"}
    assert params["schema_sql"]
    assert "users" in params["schema_sql"][0]
    assert "users" in provider.get_worker_schema_sql("s1", "users")


def test_ddl_batches():
    assert SPEC.ddl_batches(["a", "b"]) == ["a;\nb"]
    assert dataclasses.replace(SPEC, ddl_in_one_call=False).ddl_batches(["a", "b"]) == ["a", "b"]


def test_runner_arguments_collect_the_installed_suite_in_place(tmp_path):
    suite = runner.suite_dir()
    args = runner.pytest_args(suite, ["-x", "feature/basic/crud"], timeout=60)
    assert args[0] == str(suite / "feature/basic/crud")
    assert "--import-mode=importlib" in args
    assert "asyncio_mode=auto" in args
    assert "consider_namespace_packages=true" in args
    assert "-x" in args
    assert "--timeout=60" in args
    assert runner.pytest_args(suite, [], timeout=1)[0] == str(suite / "feature")


def test_runner_splits_extra_arguments():
    options, extra = runner.parse(["--backend", "postgres", "--server", "pg15", "--", "-k", "crud"])
    assert (options.backend, options.server, extra) == ("postgres", "pg15", ["-k", "crud"])


def test_runner_needs_the_backend_wiring(tmp_path):
    (tmp_path / "packages" / "b" / "tests").mkdir(parents=True)
    with pytest.raises(SystemExit, match="no compliance wiring"):
        runner.backend_tests_dir("b", tmp_path)
    wiring = tmp_path / "packages" / "b" / "tests" / "compliance"
    wiring.mkdir()
    (wiring / "registry.py").write_text("")
    assert runner.backend_tests_dir("b", tmp_path) == Path(tmp_path / "packages" / "b" / "tests")


@pytest.mark.parametrize("name", sorted(RELATION_BOUNDARY_DATASETS))
def test_datasets_name_every_id_they_promise(name):
    ids: dict[str, int] = {}
    for counter, (key, kind, values) in enumerate(RELATION_BOUNDARY_DATASETS[name](ids), start=1):
        assert kind in ("owner", "profile", "post")
        assert isinstance(values, dict)
        if key:
            ids[key] = counter
    assert ids
