"""One ``ProviderRegistry`` holding a provider for every interface of the suite, for one backend."""

from __future__ import annotations

import importlib

from . import catalog
from .providers import make_pool_provider, make_provider
from .spec import BackendSpec

SUITE = "rhosocial.activerecord.testsuite.feature"

# area -> (sync interface, async interface, setup methods, worker fixture types)
AREAS = {
    "basic": ("IBasicSyncProvider", "IBasicAsyncProvider", catalog.BASIC, {"user": catalog.BASIC["setup_user_model"]}),
    "events": ("IEventsSyncProvider", "IEventsAsyncProvider", catalog.EVENTS, {}),
    "mixins": ("IMixinsSyncProvider", "IMixinsAsyncProvider", catalog.MIXINS, {}),
    "query": (
        "IQuerySyncProvider",
        "IQueryAsyncProvider",
        catalog.QUERY,
        {"order": catalog.QUERY["setup_order_fixtures"]},
    ),
    "relation": ("IRelationSyncProvider", "IRelationAsyncProvider", catalog.RELATION, {}),
}

POOL_INTERFACES = {
    "feature.basic.connection.IBasicConnectionProvider": "basic.connection.interfaces:IBasicConnectionProvider",
    "feature.basic.transaction.ITransactionBasicProvider": "basic.transaction.interfaces:ITransactionBasicProvider",
    "feature.query.connection.IQueryConnectionProvider": "query.connection.interfaces:IQueryConnectionProvider",
}


def _interface(ref: str) -> type:
    module, name = ref.split(":")
    return getattr(importlib.import_module(f"{SUITE}.{module}"), name)


def provider_classes(spec: BackendSpec) -> dict[str, type]:
    """Registry key -> provider class, for every interface."""
    from rhosocial.activerecord.testsuite.core.protocols import WorkerTestProtocol

    classes: dict[str, type] = {}
    for area, (sync_name, async_name, fixtures, workers) in AREAS.items():
        for name, asynchronous in ((sync_name, False), (async_name, True)):
            provider = make_provider(
                _interface(f"{area}.interfaces:{name}"), spec, fixtures, asynchronous, worker_fixtures=workers
            )
            assert isinstance(provider(), WorkerTestProtocol)
            classes[f"feature.{area}.{name}"] = provider
    for key, ref in POOL_INTERFACES.items():
        classes[key] = make_pool_provider(_interface(ref), spec)
    return classes


def build_registry(spec: BackendSpec):
    from rhosocial.activerecord.testsuite.core.registry import ProviderRegistry

    registry = ProviderRegistry()
    for key, provider in provider_classes(spec).items():
        registry.register(key, provider)
    return registry
