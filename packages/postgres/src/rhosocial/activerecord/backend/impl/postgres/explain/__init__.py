"""Typed EXPLAIN results for PostgreSQL (text lines or the JSON plan tree)."""

from .result import PostgresExplainResult, parse_explain

__all__ = ["PostgresExplainResult", "parse_explain"]
