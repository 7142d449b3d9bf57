"""Dialect pieces where PostgreSQL's SQL differs from the core's standard mixins."""
