"""Generic providers for every interface of the compliance suite, parameterised by a :class:`BackendSpec`.

A provider instance lives for one fixture: it opens one backend per scenario, (re)creates the tables
of the models it is asked for, binds those models to that backend (so models of one fixture share a
connection and its transactions) and closes the backend in ``cleanup``. The sync and async providers
share everything except the awaits, which live in ``_SyncIO``/``_AsyncIO``.
"""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from . import catalog
from .datasets import RELATION_BOUNDARY_DATASETS
from .models import AsyncContextUser, ContextUser
from .spec import BackendSpec


def bind(model: type[Any], backend: Any, config: Any) -> None:
    """What ``Model.configure`` does, but onto an existing backend instance (no extra connection)."""
    model.__connection_config__ = config
    model.__backend_class__ = type(backend)
    model.__backend__ = backend
    if getattr(model, "_dummy_backend", None) is not None:
        model._dummy_backend = None


class ProviderCore:
    """Non-I/O helpers shared by every provider."""

    spec: ClassVar[BackendSpec]
    asynchronous: ClassVar[bool] = False
    # fixture_type of the worker protocol (without "async_") -> catalog entry holding its models
    worker_fixtures: ClassVar[dict[str, catalog.Fixture]] = {}

    def __init__(self) -> None:
        self._backends: dict[str, Any] = {}

    def get_test_scenarios(self) -> list[str]:
        return [server.name for server in self.spec.servers()]

    def get_yes_no_adapter(self) -> Any:
        return catalog.load("basic.fixtures.models:YesOrNoBooleanAdapter")()

    def supports_orphan_relations(self) -> bool:
        return True

    def _new_backend(self, scenario: str, asynchronous: bool) -> Any:
        return self.spec.backend_class(asynchronous)(connection_config=self.spec.config(scenario))

    def _ddl(self, models: list[type[Any]]) -> list[str]:
        return self.spec.ddl_batches(self.spec.schema.reset_statements(models))

    def _bind_all(self, scenario: str, models: list[type[Any]], backend: Any) -> None:
        config = backend.config
        for model in models:
            bind(model, backend, config)

    # --- WorkerTestProtocol ----------------------------------------------------------------

    def get_worker_connection_params(self, scenario_name: str, fixture_type: Optional[str] = None) -> dict:
        kind = fixture_type or "user"
        asynchronous = kind.startswith("async_")
        kind = kind.removeprefix("async_")
        backend_ref = self.spec.async_backend if asynchronous else self.spec.sync_backend
        config_module, config_name = self.spec.config_class.split(":")
        backend_module, backend_name = backend_ref.split(":")
        fixture = self.worker_fixtures.get(kind)
        models = catalog.models(fixture, asynchronous) if fixture else []
        return {
            "backend_module": backend_module,
            "backend_class_name": backend_name,
            "config_class_module": config_module,
            "config_class_name": config_name,
            "config_kwargs": self.spec.config_kwargs(self.spec.server(scenario_name)),
            "schema_sql": [self.spec.schema.create_table(m) for m in models],
        }

    def get_worker_schema_sql(self, scenario_name: str, table_name: str) -> str:
        for fixture in self.worker_fixtures.values():
            for model in catalog.models(fixture, self.asynchronous):
                if model.__table_name__ == table_name:
                    return self.spec.schema.create_table(model)
        raise LookupError(f"no worker table {table_name!r}")


class _SyncIO(ProviderCore):
    def _backend(self, scenario: str) -> Any:
        backend = self._backends.get(scenario)
        if backend is None:
            backend = self._new_backend(scenario, False)
            backend.connect()
            backend.introspect_and_adapt()
            self._backends[scenario] = backend
        return backend

    def _setup(self, scenario: str, models: list[type[Any]]) -> list[type[Any]]:
        backend = self._backend(scenario)
        for sql in self._ddl(models):
            backend.execute(sql)
        self._bind_all(scenario, models, backend)
        return models

    def get_dialect(self, scenario_name: str) -> Any:
        """The dialect as adapted to the scenario's server; a bare one for unknown scenarios."""
        if scenario_name not in self.get_test_scenarios():
            return self.spec.dialect()
        return self._backend(scenario_name).dialect

    def _fixture(self, scenario: str, fixture: catalog.Fixture):
        models = self._setup(scenario, catalog.models(fixture, False))
        return tuple(models) if fixture.many else models[0]

    def cleanup_after_test(self, scenario_name: str) -> None:
        backends, self._backends = self._backends, {}
        for backend in backends.values():
            backend.disconnect()

    def load_relation_boundary_dataset(self, scenario_name: str, dataset_name: str) -> dict[str, int]:
        owner, profile, post = catalog.models(catalog.RELATION["setup_relation_boundary_fixtures"], False)
        ids: dict[str, int] = {}
        for key, kind, values in RELATION_BOUNDARY_DATASETS[dataset_name](ids):
            record = {"owner": owner, "profile": profile, "post": post}[kind](**values)
            record.save()
            if key:
                ids[key] = record.id
        return ids


class _AsyncIO(ProviderCore):
    asynchronous = True

    async def _backend(self, scenario: str) -> Any:
        backend = self._backends.get(scenario)
        if backend is None:
            backend = self._new_backend(scenario, True)
            await backend.connect()
            await backend.introspect_and_adapt()
            self._backends[scenario] = backend
        return backend

    async def _setup(self, scenario: str, models: list[type[Any]]) -> list[type[Any]]:
        backend = await self._backend(scenario)
        for sql in self._ddl(models):
            await backend.execute(sql)
        self._bind_all(scenario, models, backend)
        return models

    async def get_dialect(self, scenario_name: str) -> Any:
        if scenario_name not in self.get_test_scenarios():
            return self.spec.dialect()
        return (await self._backend(scenario_name)).dialect

    async def _fixture(self, scenario: str, fixture: catalog.Fixture):
        models = await self._setup(scenario, catalog.models(fixture, True))
        return tuple(models) if fixture.many else models[0]

    async def cleanup_after_test(self, scenario_name: str) -> None:
        backends, self._backends = self._backends, {}
        for backend in backends.values():
            await backend.disconnect()

    async def load_relation_boundary_dataset(self, scenario_name: str, dataset_name: str) -> dict[str, int]:
        owner, profile, post = catalog.models(catalog.RELATION["setup_relation_boundary_fixtures"], True)
        ids: dict[str, int] = {}
        for key, kind, values in RELATION_BOUNDARY_DATASETS[dataset_name](ids):
            record = {"owner": owner, "profile": profile, "post": post}[kind](**values)
            await record.save()
            if key:
                ids[key] = record.id
        return ids


def _sync_method(name: str, fixture: catalog.Fixture):
    def method(self, scenario_name: str = ""):
        return self._fixture(scenario_name or self.get_test_scenarios()[0], fixture)

    method.__name__ = name
    return method


def _async_method(name: str, fixture: catalog.Fixture):
    async def method(self, scenario_name: str = ""):
        return await self._fixture(scenario_name or self.get_test_scenarios()[0], fixture)

    method.__name__ = name
    return method


def make_provider(
    interface: type, spec: BackendSpec, fixtures: dict[str, catalog.Fixture], asynchronous: bool, **extra: Any
) -> type:
    """A concrete provider class for ``interface``: one setup method per catalog entry."""
    base = _AsyncIO if asynchronous else _SyncIO
    factory = _async_method if asynchronous else _sync_method
    namespace: dict[str, Any] = {name: factory(name, fixture) for name, fixture in fixtures.items()}
    namespace.update(spec=spec, **extra)
    name = f"{spec.name.title()}{interface.__name__.removeprefix('I')}"
    return type(name, (base, interface), namespace)


# --- pool / context providers (connection, query.connection, transaction) -------------------


class PoolProviderBase(ProviderCore):
    """``setup_{sync,async}_pool_and_model``: a core BackendPool of our backends plus ``ContextUser``."""

    pool_min_size: ClassVar[int] = 1
    pool_max_size: ClassVar[int] = 4

    def __init__(self) -> None:
        super().__init__()
        self._async_backends: dict[str, Any] = {}

    def _pool_config(self, scenario: str, asynchronous: bool):
        from rhosocial.activerecord.connection.pool import PoolConfig

        backend_class = self.spec.backend_class(asynchronous)
        config = self.spec.config(scenario)
        return PoolConfig(
            min_size=self.pool_min_size,
            max_size=self.pool_max_size,
            backend_factory=lambda: backend_class(connection_config=config),
        )

    def setup_sync_pool_and_model(self, scenario_name: str):
        from rhosocial.activerecord.connection.pool import BackendPool

        backend = self._new_backend(scenario_name, False)
        backend.connect()
        self._backends[scenario_name] = backend
        for sql in self._ddl([ContextUser]):
            backend.execute(sql)
        self._bind_all(scenario_name, [ContextUser], backend)
        return BackendPool.create(self._pool_config(scenario_name, False)), ContextUser

    async def setup_async_pool_and_model(self, scenario_name: str):
        from rhosocial.activerecord.connection.pool import AsyncBackendPool

        backend = self._new_backend(scenario_name, True)
        await backend.connect()
        self._async_backends[scenario_name] = backend
        for sql in self._ddl([AsyncContextUser]):
            await backend.execute(sql)
        self._bind_all(scenario_name, [AsyncContextUser], backend)
        return await AsyncBackendPool.create(self._pool_config(scenario_name, True)), AsyncContextUser

    setup_sync_pool_for_crud = setup_sync_pool_and_model
    setup_async_pool_for_crud = setup_async_pool_and_model

    def cleanup_sync(self, scenario_name: str, pool: Any) -> None:
        try:
            pool.close()
        finally:
            backends, self._backends = self._backends, {}
            for backend in backends.values():
                backend.disconnect()

    async def cleanup_async(self, scenario_name: str, pool: Any) -> None:
        try:
            await pool.close()
        finally:
            backends, self._async_backends = self._async_backends, {}
            for backend in backends.values():
                await backend.disconnect()


def make_pool_provider(interface: type, spec: BackendSpec) -> type:
    name = f"{spec.name.title()}{interface.__name__.removeprefix('I')}"
    return type(name, (PoolProviderBase, interface), {"spec": spec})
