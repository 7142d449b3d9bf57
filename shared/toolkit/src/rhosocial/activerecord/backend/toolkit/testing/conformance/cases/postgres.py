"""PostgreSQL-specific conformance cases (`@case(..., backends={"postgres"})`).

Import the backend package inside a case function.
"""

from __future__ import annotations
