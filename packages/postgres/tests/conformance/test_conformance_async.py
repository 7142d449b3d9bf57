"""The conformance cases again on AsyncPostgresBackend (see the toolkit's ``conformance.async_twin``)."""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend
from rhosocial.activerecord.backend.toolkit.testing.conformance import async_conformance_tests

from ..conftest import config_for
from .test_conformance import BINDING


def _config(server):
    return config_for(server, application_name="rhosocial-conformance-async")


globals().update(async_conformance_tests(BINDING, AsyncPostgresBackend, _config))
