"""Oracle-specific conformance cases (`@case(..., backends={"oracle"})`).

Import the backend package inside a case function.
"""

from __future__ import annotations
