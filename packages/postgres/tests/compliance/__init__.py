"""PostgreSQL wiring for the official compliance suite (everything generic is in the toolkit)."""
