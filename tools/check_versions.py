"""Check the release train is consistent before anything is committed or published.

    python tools/check_versions.py                      all checks
    python tools/check_versions.py --expect 1.0.0.dev2  ...and the train is at this version (release tags)

The four distributions are released together at one version (read from each package's
__about__.py, the file [tool.hatch.version] points at). A backend depends on the toolkit by a
compatible range of that train (`>=X,<Y`), never `==`: an exact pin would make every toolkit fix a
forced release of every backend, and a floor above the train could never be installed. The core
requirement must be the same everywhere, or the backends could not be installed side by side.
Every CHANGELOG.md must mention the version being released.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import InvalidVersion, Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # 3.10 has no tomllib; tomli is the same parser under its original name
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
TOOLKIT = "rhosocial-activerecord-toolkit"
CORE = "rhosocial-activerecord"
VERSION_RE = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def projects(root: Path) -> list[Path]:
    return [root / "shared" / "toolkit", *sorted(p.parent for p in (root / "packages").glob("*/pyproject.toml"))]


def rel(path: Path, root: Path) -> str:
    return str(path.relative_to(root))


def requirement(deps: list[str], name: str) -> Requirement | None:
    for dep in deps:
        req = Requirement(dep)
        if req.name.lower().replace("_", "-") == name:
            return req
    return None


def check(root: Path, expect: str | None = None) -> list[str]:
    problems: list[str] = []
    versions: dict[str, Version] = {}  # __about__.py path -> version
    core_pins: dict[str, str] = {}  # pyproject.toml path -> core specifier
    toolkit_reqs: dict[str, Requirement | None] = {}  # backend pyproject.toml path -> toolkit requirement

    for project in projects(root):
        pyproject = project / "pyproject.toml"
        with pyproject.open("rb") as f:
            meta = tomllib.load(f)
        about = project / meta["tool"]["hatch"]["version"]["path"]
        match = VERSION_RE.search(about.read_text(encoding="utf-8")) if about.is_file() else None
        if match is None:
            problems.append(f"{rel(about, root)}: no __version__ = '...' line")
            continue
        try:
            versions[rel(about, root)] = Version(match.group(1))
        except InvalidVersion:
            problems.append(f"{rel(about, root)}: {match.group(1)!r} is not a PEP 440 version")
            continue

        deps = meta["project"].get("dependencies", [])
        core = requirement(deps, CORE)
        if core is None:
            problems.append(f"{rel(pyproject, root)}: no dependency on {CORE}")
        else:
            # Compare as a sorted set of clauses, so ">=a,<b" and "<b,>=a" are the same pin.
            core_pins[rel(pyproject, root)] = ",".join(sorted(str(s) for s in core.specifier))
        if project.parent.name == "packages":
            toolkit_reqs[rel(pyproject, root)] = requirement(deps, TOOLKIT)

        changelog = project / "CHANGELOG.md"
        text = changelog.read_text(encoding="utf-8") if changelog.is_file() else ""
        # The version as a whole word: 1.0.0.dev1 must not be satisfied by 1.0.0.dev10.
        if not re.search(rf"(?<![\w.]){re.escape(match.group(1))}(?!\w|\.\w)", text):
            problems.append(f"{rel(changelog, root)}: does not mention the current version {match.group(1)}")

    if not versions:
        return problems
    train = next(iter(versions.values()))
    if len(set(versions.values())) > 1:
        listing = ", ".join(f"{path} = {v}" for path, v in versions.items())
        problems.append(f"release train out of step, all four must match: {listing}")
    if expect is not None and Version(expect) != train:
        problems.append(f"{next(iter(versions))}: release train is {train}, but {expect} was asked for (tag mismatch?)")

    if len(set(core_pins.values())) > 1:
        listing = "; ".join(f"{path}: {CORE}{pin}" for path, pin in core_pins.items())
        problems.append(f"core requirement differs between distributions: {listing}")

    for path, req in toolkit_reqs.items():
        problems += toolkit_problems(path, req, train)
    return problems


def toolkit_problems(path: str, req: Requirement | None, train: Version) -> list[str]:
    if req is None:
        return [f"{path}: no dependency on {TOOLKIT}"]
    specs = list(req.specifier)
    if any(s.operator in ("==", "===") for s in specs):
        return [f"{path}: {req} pins the toolkit exactly; use a compatible range such as '>={train},<X'"]
    floors = [Version(s.version) for s in specs if s.operator == ">="]
    problems = []
    if not floors or not any(s.operator == "<" for s in specs):
        problems.append(f"{path}: {req} must be a compatible range with a floor and a ceiling ('>=X,<Y')")
    if any(floor > train for floor in floors):
        problems.append(f"{path}: {req} has a floor above the release train {train}; it could never be installed")
    elif not req.specifier.contains(train, prereleases=True):
        problems.append(f"{path}: {req} does not admit the release train {train}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=REPO, help="repository root (default: %(default)s)")
    parser.add_argument("--expect", metavar="VERSION", help="fail unless the release train is at VERSION")
    args = parser.parse_args(argv)

    problems = check(args.root.resolve(), args.expect)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
