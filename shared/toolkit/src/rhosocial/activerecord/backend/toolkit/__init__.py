"""Internal toolkit shared by the rhosocial-activerecord database backends.

Modules, one concern each:
- ``errors``: driver exception -> core exception, by code tables (data) and PEP 249 classes;
- ``probe`` and ``capabilities``: server identity from one probe and version-gated features;
- ``adapters``: type adapters whose semantics every backend shares;
- ``config_map``: config fields -> driver connect arguments, secrets masked;
- ``testing``: compliance-suite providers and server discovery for the test suites.
"""

from .__about__ import __version__

__all__ = ["__version__"]
