"""Every action a workflow uses is pinned to a full commit SHA, with its release in a comment.

    python tools/check_actions.py            the workflows under .github/workflows
    python tools/check_actions.py FILE...    these files

A tag or branch (`@v4`, `@release/v1`) can be moved to other code after review; a commit SHA
cannot. The comment (`# v7.0.0`) is what a reader and a bump need: docs/releasing.md says how to
find the SHA of a new release. Local actions (`./...`) and digest-pinned images are fine as they are.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USES = re.compile(r"^\s*(?:-\s*)?uses:\s*(?P<ref>[^\s#]+)\s*(?:#\s*(?P<comment>.*))?$")
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
RELEASE_COMMENT = re.compile(r"^v\d+(\.\d+)*\b")


def problems(path: Path) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = USES.match(line)
        if match is None:
            continue
        ref, comment = match["ref"].strip("'\""), (match["comment"] or "").strip()
        if ref.startswith("./") or (ref.startswith("docker://") and "@sha256:" in ref):
            continue
        where = f"{path}:{number}: {ref}"
        if not PINNED.match(ref):
            found.append(f"{where}: not pinned to a full commit SHA")
        elif not RELEASE_COMMENT.match(comment):
            found.append(f"{where}: say which release the SHA is, as a comment (# vX.Y.Z)")
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    files = [Path(a) for a in args] or sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
    found = [p for f in files for p in problems(f)]
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
