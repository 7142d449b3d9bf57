"""``TESTSUITE_PROVIDER_REGISTRY=compliance.registry:provider_registry`` (set by the toolkit's runner)."""

from rhosocial.activerecord.backend.toolkit.testing.compliance import build_registry

from .spec import SPEC

provider_registry = build_registry(SPEC)
