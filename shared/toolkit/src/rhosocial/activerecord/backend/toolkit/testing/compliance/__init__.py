"""Compliance-suite wiring shared by the backends.

A backend supplies a :class:`BackendSpec` (its classes, a config per server, a SQL type map) in
``packages/<backend>/tests/compliance/registry.py``::

    provider_registry = build_registry(SPEC)

and runs ``python -m rhosocial.activerecord.backend.toolkit.testing.compliance --backend <name> --server <server>``.
"""

from .registry import build_registry, provider_classes
from .schema import SchemaBuilder, TypeMap, model_columns, standard_types
from .spec import BackendSpec

__all__ = [
    "BackendSpec",
    "SchemaBuilder",
    "TypeMap",
    "build_registry",
    "model_columns",
    "provider_classes",
    "standard_types",
]
