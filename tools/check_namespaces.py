"""Keep the core's namespace packages free of our files.

    python tools/check_namespaces.py                 check the source trees
    python tools/check_namespaces.py --wheels dist   also check built wheels

`rhosocial/`, `rhosocial/activerecord/`, `.../backend/` and `.../backend/impl/` are PEP 420
namespaces shared with the core distribution. One stray `__init__.py` at any of those levels turns
the namespace into a regular package and hides every other distribution's leaf (in editable
installs the whole src/ tree is importable, so the source trees matter as much as the wheels).
Each wheel must therefore hold only its own leaf, plus its .dist-info.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

NAMESPACES = (
    "rhosocial",
    "rhosocial/activerecord",
    "rhosocial/activerecord/backend",
    "rhosocial/activerecord/backend/impl",
)
INIT_FILES = ("__init__.py", "__init__.pyi")


def distributions(root: Path = REPO) -> dict[str, tuple[Path, str]]:
    """Wheel-style distribution name -> (project directory, leaf package path)."""
    found = {"rhosocial_activerecord_toolkit": (root / "shared" / "toolkit", "rhosocial/activerecord/backend/toolkit")}
    for project in sorted((root / "packages").glob("*/pyproject.toml")):
        name = project.parent.name
        found[f"rhosocial_activerecord_{name}"] = (project.parent, f"rhosocial/activerecord/backend/impl/{name}")
    return found


def source_problems(root: Path = REPO) -> list[str]:
    """Every file sitting at a namespace level of a src/ tree, reported relative to `root`."""
    problems = []
    for project, leaf in distributions(root).values():
        src = project / "src"
        if not (src / leaf).is_dir():
            problems.append(f"{(src / leaf).relative_to(root)}: the distribution's own package is missing")
        for level in NAMESPACES:
            directory = src / level
            if not directory.is_dir():
                continue
            for child in sorted(directory.iterdir()):
                if child.is_dir():
                    continue  # sub-namespaces and leaves are checked on their own
                where = child.relative_to(root)
                if child.name in INIT_FILES:
                    problems.append(f"{where}: {level}/ is a PEP 420 namespace shared with the core; delete this file")
                elif not child.name.endswith((".pyc", ".pyo")):
                    problems.append(f"{where}: files at namespace level {level}/ belong in the package's own leaf")
    return problems


def wheel_problems(wheel: Path, leaf: str) -> list[str]:
    """Members of `wheel` that are neither under `leaf`/ nor in its .dist-info directory."""
    problems = []
    with zipfile.ZipFile(wheel) as zf:
        for member in zf.namelist():
            top = member.split("/", 1)[0]
            if member.startswith(leaf + "/") or top.endswith(".dist-info"):
                continue
            problems.append(f"{wheel.name}: {member} is outside the package's own leaf {leaf}/")
    return problems


def wheels_problems(directory: Path, root: Path = REPO) -> list[str]:
    known = distributions(root)
    problems = []
    wheels = sorted(directory.glob("*.whl"))
    if not wheels:
        problems.append(f"{directory}: no wheels found")
    for wheel in wheels:
        dist = wheel.name.split("-", 1)[0].lower()
        if dist not in known:
            print(f"check_namespaces: skipping {wheel.name} (not built from this repository)", file=sys.stderr)
            continue
        problems += wheel_problems(wheel, known[dist][1])
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=REPO, help="repository root (default: %(default)s)")
    parser.add_argument("--wheels", type=Path, metavar="DIR", help="also inspect the wheels in DIR")
    args = parser.parse_args(argv)

    problems = source_problems(args.root)
    if args.wheels:
        problems += wheels_problems(args.wheels, args.root)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
