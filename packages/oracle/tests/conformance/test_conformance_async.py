"""The live conformance cases again on AsyncOracleBackend (see the toolkit's ``conformance.async_twin``);
without ``RHOSOCIAL_ORACLE_DSN`` they skip with the sync run's reason. The server-free half runs once."""

from __future__ import annotations

from rhosocial.activerecord.backend.impl.oracle import AsyncOracleBackend
from rhosocial.activerecord.backend.toolkit.testing.conformance import async_conformance_tests

from .test_conformance import BINDING, config_for

globals().update(async_conformance_tests(BINDING, AsyncOracleBackend, config_for))
