"""Every Python block in the documentation runs, against the local servers, as a user would run it.

The blocks of one page form one script, top to bottom (a page is a tutorial or a set of
independent examples). A marker in an HTML comment on the line before a block says how it runs:

    <!-- doc-test: skip: why -->        not runnable (the reason is required)
    <!-- doc-test: postgres -->         only in the page's postgres run (also mysql, oracle; a list)
    <!-- doc-test: ddl -->              creates tables through the core (see below)

A page with backend-marked blocks runs once per backend, with DATABASE_URL pointing at that
backend's first non-TLS server from the servers file; Oracle without a DSN is skipped with the
usual reason. A page without them runs once, with no server. Each script is written to a file and
run by the test environment's Python in a subprocess.

``ddl`` blocks build CREATE TABLE from the core's expressions with an auto-increment key, rendered
by the backend's dialect; test_tables_through_the_core checks every dialect renders that key
(issue #9 made them), so a regression shows there by name and not only as a failed page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pytest

from rhosocial.activerecord.backend.toolkit.testing.servers import ServerTarget, no_server_reason, servers_for

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md", *sorted(ROOT.glob("*/*/README.md"))]
BACKENDS = ("postgres", "mysql", "oracle")
SCHEME = {"postgres": "postgresql", "mysql": "mysql", "oracle": "oracle"}
FENCE = re.compile(r"^```(\w*)\s*$")
MARKER = re.compile(r"^<!--\s*doc-test:\s*(?P<what>.+?)\s*-->\s*$")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    code: str
    marker: str  # "" when unmarked

    @property
    def backends(self) -> tuple[str, ...]:
        names = tuple(n.strip() for n in self.marker.split(","))
        return names if names and all(n in BACKENDS for n in names) else ()


def blocks(page: Path) -> list[Block]:
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if fence is None:
            index += 1
            continue
        start = index
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("```")), len(lines))
        if fence.group(1) == "python":
            before = next((lines[i] for i in range(start - 1, -1, -1) if lines[i].strip()), "")
            marked = MARKER.match(before)
            found.append(Block(page, start + 1, "\n".join(lines[start + 1 : end]), marked["what"] if marked else ""))
        index = end + 1
    return found


def page_runs() -> list[Any]:
    params = []
    for page in PAGES:
        found = blocks(page)
        for block in found:  # every marker is one we know, and a skip says why
            assert block.marker in ("", "ddl") or block.backends or re.match(r"skip: \S", block.marker), (
                f"{page.relative_to(ROOT)}:{block.line}: unknown doc-test marker {block.marker!r}"
            )
        runnable = [b for b in found if not b.marker.startswith("skip")]
        if not runnable:
            continue
        wanted = sorted({name for b in runnable for name in b.backends}, key=BACKENDS.index)
        for backend in wanted or [None]:
            rel = str(page.relative_to(ROOT))
            params.append(pytest.param(page, backend, id=f"{rel}-{backend}" if backend else rel))
    return params


def server_for(backend: str) -> Optional[ServerTarget]:
    servers = servers_for(backend, tls=False)
    return servers[0] if servers else None


def url(backend: str, server: ServerTarget) -> str:
    return f"{SCHEME[backend]}://{server.user}:{server.password}@{server.host}:{server.port}/{server.database}"


def renders_auto_increment(backend: str) -> bool:
    """Whether the backend's dialect renders the core's is_auto_increment (issue #9)."""
    import importlib

    from rhosocial.activerecord.backend.expression import (
        ColumnConstraint,
        ColumnConstraintType,
        ColumnDefinition,
        CreateTableExpression,
    )
    from rhosocial.activerecord.backend.expression.types import IntegerType

    module = importlib.import_module(f"rhosocial.activerecord.backend.impl.{backend}")
    dialect = getattr(
        module, {"postgres": "PostgresDialect", "mysql": "MySQLDialect", "oracle": "OracleDialect"}[backend]
    )()
    key = ColumnConstraint(ColumnConstraintType.PRIMARY_KEY, is_auto_increment=True)
    sql, _ = CreateTableExpression(dialect, "t", columns=[ColumnDefinition("id", IntegerType(), [key])]).to_sql()
    return any(word in sql.upper() for word in ("AUTO_INCREMENT", "IDENTITY", "SERIAL"))


def script(page: Path, backend: Optional[str]) -> str:
    parts = []
    for block in blocks(page):
        if block.marker.startswith("skip") or (block.backends and backend not in block.backends):
            continue
        parts.append(f"# --- {page.name}:{block.line}\n{block.code}\n")
    return "\n".join(parts)


@pytest.mark.parametrize(("page", "backend"), page_runs())
def test_doc_page_runs(page: Path, backend: Optional[str], tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if backend is not None:
        server = server_for(backend)
        if server is None:
            pytest.skip(no_server_reason(backend))
        env["DATABASE_URL"] = url(backend, server)
    path = tmp_path / f"{page.stem}_{backend or 'offline'}.py"
    path.write_text(script(page, backend), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=180, cwd=tmp_path, env=env
    )
    assert done.returncode == 0, f"{path.name} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("backend", BACKENDS)
def test_tables_through_the_core(backend: str) -> None:
    """The tutorial's CREATE TABLE route needs the dialect to render the core's is_auto_increment."""
    assert renders_auto_increment(backend), f"{backend}: the dialect drops is_auto_increment; the tutorial cannot run"


def test_every_python_block_is_runnable_or_says_why_not() -> None:
    skipped = [b for page in PAGES for b in blocks(page) if b.marker.startswith("skip")]
    assert all(len(b.marker) > len("skip: ") + 5 for b in skipped)
