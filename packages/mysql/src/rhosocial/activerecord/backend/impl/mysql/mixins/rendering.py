"""Rendering a list of items into SQL fragments and their parameters, in order (shared in the toolkit)."""

from __future__ import annotations

from rhosocial.activerecord.backend.toolkit.table_elements import render_each

__all__ = ["render_each"]
