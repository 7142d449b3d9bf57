"""Every ``supports_*`` answer of both dialects over a version grid, against a recording.

``data/support_answers.json`` was recorded from the written-out methods before they became the
``SUPPORT_FLAGS`` table; a change of any answer for any version or flavour fails here. After a
deliberate change, re-record with ``python -m tests.unit.test_support_answers`` (from packages/mysql)
and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rhosocial.activerecord.backend.impl.mysql.dialect import MariaDBDialect, MySQLDialect
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo

RECORDING = Path(__file__).parent / "data" / "support_answers.json"
# each version a capability starts at, and the release before it
GRID: dict[str, list[tuple[int, int, int]]] = {
    "mysql": [(5, 7, 0), (8, 0, 0), (8, 0, 13), (8, 0, 14), (8, 0, 16), (8, 0, 30), (8, 0, 31), (8, 4, 0),
              (9, 0, 0), (9, 5, 0)],
    "mariadb": [(10, 2, 0), (10, 3, 0), (10, 3, 4), (10, 5, 0), (10, 6, 0), (10, 7, 0), (10, 10, 0), (10, 11, 0),
                (11, 4, 0), (11, 7, 0), (11, 8, 0)],
}  # fmt: skip
DIALECTS = {"mysql": MySQLDialect, "mariadb": MariaDBDialect}


def _answer(dialect: Any, method: str) -> str:
    try:
        value = getattr(dialect, method)()
    except TypeError:  # takes arguments: not a yes/no question
        return "-"
    if value is None:
        return "n"
    return {True: "1", False: "0"}[value] if isinstance(value, bool) else "?"  # ? a list or a mapping


def current_answers() -> dict[str, dict[str, str]]:
    """flavour -> method -> one character per GRID version (1 yes, 0 no, n None, - takes arguments)."""
    out: dict[str, dict[str, str]] = {}
    for flavour, versions in GRID.items():
        cls = DIALECTS[flavour]
        dialects = [cls(ServerInfo("mysql", flavour, v, "grid")) for v in versions]
        methods = sorted(n for n in dir(cls) if n.startswith("supports_"))
        out[flavour] = {m: "".join(_answer(d, m) for d in dialects) for m in methods}
    return out


def test_every_answer_matches_the_recording() -> None:
    recorded = json.loads(RECORDING.read_text())
    current = current_answers()
    for flavour, answers in recorded.items():
        changed = {m: (a, current[flavour].get(m)) for m, a in answers.items() if current[flavour].get(m) != a}
        assert not changed, f"{flavour}: method -> (recorded, now) over {GRID[flavour]}: {changed}"
        assert set(current[flavour]) == set(answers), set(current[flavour]) ^ set(answers)


if __name__ == "__main__":
    RECORDING.write_text(json.dumps(current_answers(), indent=1, sort_keys=True) + "\n")
