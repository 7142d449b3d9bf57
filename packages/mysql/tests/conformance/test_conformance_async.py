"""The conformance cases again on AsyncMySQLBackend (see the toolkit's ``conformance.async_twin``)."""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend
from rhosocial.activerecord.backend.toolkit.testing.conformance import async_conformance_tests

from ..conftest import config_for
from .test_conformance import BINDING

globals().update(async_conformance_tests(BINDING, AsyncMySQLBackend, config_for))
