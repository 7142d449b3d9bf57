"""The release train: bump, collect changelogs, build, check and install-test all four distributions.

    python tools/release.py                      dry run of the next dev release (--bump dev)
    python tools/release.py --bump patch         1.0.0.dev3 -> 1.0.0, 1.0.0 -> 1.0.1
    python tools/release.py --version 1.0.0rc1   an explicit version (above every published one)
    python tools/release.py --execute            the same, then write the tree, commit and tag

The toolkit and the three backends share one version. Each step:
  0. the package index (the one pip is configured with) is asked for every version already
     published of each of the four distributions; the release must be above all of them, since an
     index never takes a version twice and `pip install --pre` picks the highest. --bump starts
     from the highest of the train and the published versions; --version below one is refused;
  1. the new version goes into the four __about__.py files, and each backend's requirement on
     rhosocial-activerecord-toolkit becomes `>=NEW,<NEXT_MINOR` (a compatible range, never ==);
  2. changelog fragments, `<package>/changes/<id>.<type>.md` with type added / changed / fixed /
     removed, go into the package's CHANGELOG.md under the new version's heading (an "unreleased"
     heading at the top is taken over), and the fragments are deleted;
  3. every sdist and wheel is built into .reports/release/dist and checked with `twine check`;
  4. each backend wheel is installed alone (with the toolkit wheel, `pip install --pre`) into a
     fresh virtualenv and imported; the other backends' drivers must not come with it;
  5. the release procedure is printed: ONE tag, vX, whose push starts ONE run of
     .github/workflows/release.yml; that run waits for CI to have passed on the tagged commit,
     builds all four, publishes the toolkit first and the backends after it.
Steps 1-2 always run on a temporary copy of the packages. A dry run leaves the working tree as it
is. --execute copies the result back only when every check passed, commits it and tags the
commit. Nothing is ever pushed or uploaded: pushing the tag is yours.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from packaging.version import InvalidVersion, Version

sys.path.insert(0, str(Path(__file__).resolve().parent))
import package_index  # a sibling module of this script

if sys.version_info >= (3, 11):
    import tomllib
else:  # 3.10 has no tomllib; tomli is the same parser under its original name
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / ".reports" / "release" / "dist"
# tag prefix -> project folder; the toolkit first, it is what the backends require
PROJECTS = {
    "toolkit": "shared/toolkit",
    "postgres": "packages/postgres",
    "mysql": "packages/mysql",
    "oracle": "packages/oracle",
}
BACKENDS = ("postgres", "mysql", "oracle")
TOOLKIT = "rhosocial-activerecord-toolkit"
# What a user imports from each backend (docs/architecture.md), and the driver it brings.
PUBLIC = {
    "postgres": ("PostgresBackend", "AsyncPostgresBackend", "PostgresConnectionConfig", "PostgresDialect"),
    "mysql": ("MySQLBackend", "AsyncMySQLBackend", "MySQLConnectionConfig", "MySQLDialect"),
    "oracle": ("OracleBackend", "AsyncOracleBackend", "OracleConnectionConfig", "OracleDialect"),
}
DRIVERS = {"postgres": "psycopg", "mysql": "mysql.connector", "oracle": "oracledb"}
FRAGMENT_TYPES = ("added", "changed", "fixed", "removed")  # also the order of the CHANGELOG subsections
# <id>.<type>.md, or <id>.<slug>.<type>.md for several changes under one issue; an id that is an
# issue number, alone or as "12-slug", becomes a "(#12)" reference
FRAGMENT_RE = re.compile(r"^(?P<id>[A-Za-z0-9_-]+)(?:\.(?P<slug>[A-Za-z0-9_-]+))?\.(?P<type>[a-z]+)\.md$")
ISSUE_RE = re.compile(r"^(?P<issue>\d+)(?:-|$)")
NOT_FRAGMENTS = {"README.md", ".gitkeep"}
VERSION_RE = re.compile(r"""^(__version__\s*=\s*["'])([^"']+)(["'])""", re.MULTILINE)
TOOLKIT_REQ_RE = re.compile(rf"""(["']){re.escape(TOOLKIT)}(?![\w.-])[^"';\[]*\1""")
COPY_IGNORE = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache", "build", "dist", ".mypy_cache")


class ReleaseError(Exception):
    """Something that stops a release before anything is built."""


# ---------------------------------------------------------------------------------------------
# Versions


def about_file(project: Path) -> Path:
    with (project / "pyproject.toml").open("rb") as f:
        return project / tomllib.load(f)["tool"]["hatch"]["version"]["path"]


def read_version(project: Path) -> Version:
    about = about_file(project)
    match = VERSION_RE.search(about.read_text(encoding="utf-8"))
    if match is None:
        raise ReleaseError(f"{about}: no __version__ = '...' line")
    try:
        return Version(match.group(2))
    except InvalidVersion as exc:
        raise ReleaseError(f"{about}: {exc}") from exc


def current_train(root: Path) -> Version:
    versions = {name: read_version(root / rel) for name, rel in PROJECTS.items()}
    if len(set(versions.values())) != 1:
        listing = ", ".join(f"{name} {v}" for name, v in versions.items())
        raise ReleaseError(f"the train is out of step ({listing}); give the release version with --version")
    return versions["toolkit"]


def bump(version: Version, part: str) -> Version:
    """dev: the next dev release; patch/minor/major: the next such release.

    A pre-release bumps to its own final release when that already is a patch/minor/major step
    (1.0.0.dev3 --bump patch/minor/major -> 1.0.0; 1.2.0rc1 --bump minor -> 1.2.0, --bump major -> 2.0.0).
    A dev bump of a final release starts the next patch's dev series (1.0.0 -> 1.0.1.dev1).
    """
    major, minor, micro = (*version.release, 0, 0)[:3]
    final = version.pre is None and version.dev is None  # a post-release counts as final
    if part == "dev":
        if version.dev is not None:
            return Version(f"{version.base_version}{_pre(version)}.dev{version.dev + 1}")
        if version.pre is not None:
            return Version(f"{version.base_version}{version.pre[0]}{version.pre[1] + 1}.dev1")
        return Version(f"{major}.{minor}.{micro + 1}.dev1")
    if part == "patch":
        return Version(f"{major}.{minor}.{micro}" if not final else f"{major}.{minor}.{micro + 1}")
    if part == "minor":
        return Version(f"{major}.{minor}.0" if not final and micro == 0 else f"{major}.{minor + 1}.0")
    if part == "major":
        return Version(f"{major}.0.0" if not final and (minor, micro) == (0, 0) else f"{major + 1}.0.0")
    raise ValueError(f"unknown bump {part!r}: choose from dev, patch, minor, major")


def _pre(version: Version) -> str:
    return f"{version.pre[0]}{version.pre[1]}" if version.pre else ""


def toolkit_range(version: Version) -> str:
    """The backends' requirement on the toolkit of train ``version``: this release up to the next minor."""
    major, minor = (*version.release, 0)[:2]
    return f">={version},<{major}.{minor + 1}"


def set_version(about: Path, version: Version) -> None:
    text = about.read_text(encoding="utf-8")
    new, count = VERSION_RE.subn(lambda m: f"{m.group(1)}{version}{m.group(3)}", text, count=1)
    if count != 1:
        raise ReleaseError(f"{about}: no __version__ = '...' line")
    about.write_text(new, encoding="utf-8")


def set_toolkit_range(pyproject: Path, version: Version) -> None:
    """Rewrite the one ``rhosocial-activerecord-toolkit...`` dependency string, keeping the file's layout."""
    text = pyproject.read_text(encoding="utf-8")
    new, count = TOOLKIT_REQ_RE.subn(lambda m: f"{m.group(1)}{TOOLKIT}{toolkit_range(version)}{m.group(1)}", text)
    if count != 1:
        raise ReleaseError(f"{pyproject}: expected exactly one requirement on {TOOLKIT}, found {count}")
    pyproject.write_text(new, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Changelog fragments


@dataclass(frozen=True)
class Fragment:
    path: Path
    id: str
    type: str
    text: str

    @property
    def issue(self) -> Optional[int]:
        match = ISSUE_RE.match(self.id)
        return int(match["issue"]) if match else None

    def entry(self) -> str:
        ref = f"#{self.issue}" if self.issue is not None else self.id
        lines = self.text.splitlines()
        lines[-1] += f" ({ref})"  # after the last line: a fragment may be wrapped prose
        return "\n".join([f"- {lines[0]}", *(f"  {line}" if line else "" for line in lines[1:])])


def fragments(project: Path) -> list[Fragment]:
    folder = project / "changes"
    found: list[Fragment] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name in NOT_FRAGMENTS or path.name.startswith("."):
            continue
        match = FRAGMENT_RE.match(path.name)
        if match is None or match["type"] not in FRAGMENT_TYPES:
            raise ReleaseError(
                f"{path}: a fragment is named <id>.<type>.md or <id>.<slug>.<type>.md "
                f"with type in {', '.join(FRAGMENT_TYPES)}"
            )
        text = path.read_text(encoding="utf-8").strip()
        if not text:
            raise ReleaseError(f"{path}: empty changelog fragment")
        found.append(Fragment(path, match["id"], match["type"], text))
    return sorted(found, key=lambda f: (f.issue is None, f.issue or 0, f.path.name))


def changelog_section(version: Version, date: str, frags: list[Fragment], carried: str = "") -> str:
    lines = [f"## {version} ({date})", ""]
    if carried.strip():
        lines += [carried.strip(), ""]
    for kind in FRAGMENT_TYPES:
        entries = [f.entry() for f in frags if f.type == kind]
        if entries:
            lines += [f"### {kind.capitalize()}", "", *entries, ""]
    if not carried.strip() and not frags:
        lines += ["- No changes of its own; released with the rest of the train.", ""]
    return "\n".join(lines)


def update_changelog(text: str, version: Version, date: str, frags: list[Fragment]) -> str:
    """The new release's section goes above the first ``## `` heading; an "unreleased" one is taken over."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    head, rest = lines[:first], lines[first:]
    carried = ""
    if rest and "unreleased" in rest[0].lower():
        end = next((i for i, line in enumerate(rest[1:], 1) if line.startswith("## ")), len(rest))
        carried, rest = "\n".join(rest[1:end]), rest[end:]
    head_text = "\n".join(head).rstrip() + "\n\n" if head else ""
    rest_text = "\n".join(rest).strip()
    return head_text + changelog_section(version, date, frags, carried) + ("\n" + rest_text + "\n" if rest_text else "")


# ---------------------------------------------------------------------------------------------
# Preparing a tree


def copy_tree(root: Path, dest: Path) -> Path:
    """The four projects under ``dest``, laid out as in the repository."""
    for rel in PROJECTS.values():
        shutil.copytree(root / rel, dest / rel, ignore=COPY_IGNORE)
    return dest


def prepare(tree: Path, version: Version, date: str) -> list[str]:
    """Bump, re-range and collect changelogs in ``tree`` (a copy); the touched paths, relative."""
    touched: list[str] = []
    for name, rel in PROJECTS.items():
        project = tree / rel
        about = about_file(project)
        set_version(about, version)
        touched.append(str(about.relative_to(tree)))
        if name in BACKENDS:
            set_toolkit_range(project / "pyproject.toml", version)
            touched.append(f"{rel}/pyproject.toml")
        frags = fragments(project)
        changelog = project / "CHANGELOG.md"
        old = changelog.read_text(encoding="utf-8") if changelog.is_file() else "# Changelog\n"
        changelog.write_text(update_changelog(old, version, date, frags), encoding="utf-8")
        touched.append(f"{rel}/CHANGELOG.md")
        for frag in frags:
            frag.path.unlink()
            touched.append(str(frag.path.relative_to(tree)))
    return touched


def diff(root: Path, tree: Path, touched: list[str]) -> str:
    out: list[str] = []
    for rel in touched:
        before = (root / rel).read_text(encoding="utf-8").splitlines(True) if (root / rel).exists() else []
        after = (tree / rel).read_text(encoding="utf-8").splitlines(True) if (tree / rel).exists() else []
        out += difflib.unified_diff(before, after, f"a/{rel}", f"b/{rel}")
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Building and checking


def run(argv: list[str], what: str, cwd: Path = ROOT) -> bool:
    """Run quietly; show the output only when it fails."""
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"!!! {what} failed (exit {done.returncode}):\n{done.stdout[-4000:]}{done.stderr[-4000:]}")
    return done.returncode == 0


def build(tree: Path, dist: Path) -> bool:
    shutil.rmtree(dist, ignore_errors=True)
    dist.mkdir(parents=True)
    ok = True
    for name, rel in PROJECTS.items():
        print(f"--- build {name}: sdist, then the wheel from the sdist", flush=True)
        ok &= run([sys.executable, "-m", "build", "--outdir", str(dist), str(tree / rel)], f"building {name}")
    return ok


def artifacts(dist: Path, version: Version) -> dict[str, list[Path]]:
    """project -> [sdist, wheel] for the release version; a missing one is a failed build."""
    found = {}
    for name in PROJECTS:
        stem = f"rhosocial_activerecord_{name}-{version}"
        found[name] = sorted(dist.glob(f"{stem}.tar.gz")) + sorted(dist.glob(f"{stem}-*.whl"))
    return found


INSTALL_PROBE = """
import importlib, importlib.metadata as md, importlib.util, json, sys
backend, names, drivers = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
module = importlib.import_module("rhosocial.activerecord.backend.impl." + backend)
print(json.dumps({
    "version": md.version("rhosocial-activerecord-" + backend),
    "toolkit": md.version("rhosocial-activerecord-toolkit"),
    "core": md.version("rhosocial-activerecord"),
    "missing": [n for n in names if not hasattr(module, n)],
    "foreign_drivers": [d for d in drivers if importlib.util.find_spec(d.split(".")[0]) is not None],
}))
"""


def install_check(backend: str, wheels: dict[str, list[Path]], version: Version) -> bool:
    """The backend wheel alone (plus the toolkit wheel) in a fresh virtualenv, imported."""
    wheel = [p for p in wheels[backend] if p.suffix == ".whl"]
    toolkit = [p for p in wheels["toolkit"] if p.suffix == ".whl"]
    if not wheel or not toolkit:
        print(f"!!! {backend}: no wheel to install")
        return False
    with tempfile.TemporaryDirectory(prefix=f"release-{backend}-") as tmp:
        python = str(Path(tmp) / "bin" / "python")
        pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--pre"]
        if not (
            run([sys.executable, "-m", "venv", tmp], "venv")
            and run([*pip, str(wheel[0]), str(toolkit[0])], f"installing {backend}")
        ):
            return False
        foreign = [DRIVERS[b] for b in BACKENDS if b != backend]
        probe = [python, "-c", INSTALL_PROBE, backend, ",".join(PUBLIC[backend]), ",".join(foreign)]
        done = subprocess.run(probe, capture_output=True, text=True, cwd=tmp)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        print(f"!!! {backend}: import failed: {last}")
        return False
    got = json.loads(done.stdout)
    problems = [f"missing public names {', '.join(got['missing'])}"] if got["missing"] else []
    problems += (
        [f"pulled other backends' drivers {', '.join(got['foreign_drivers'])}"] if got["foreign_drivers"] else []
    )
    if {got["version"], got["toolkit"]} != {str(version)}:
        problems.append(f"installed versions {got['version']} / toolkit {got['toolkit']}, expected {version}")
    verdict = "; ".join(problems) or "ok"
    print(f"    {backend} {got['version']} with toolkit {got['toolkit']}, core {got['core']}: {verdict}")
    return not problems


# ---------------------------------------------------------------------------------------------
# Main


def check_versions(tree: Path, version: Version) -> bool:
    """tools/check_versions.py on the prepared tree, when the repository has it."""
    tool = ROOT / "tools" / "check_versions.py"
    if not tool.is_file():
        return True
    return run([sys.executable, str(tool), "--root", str(tree), "--expect", str(version)], "check_versions")


def tags(version: Version) -> list[str]:
    """One tag for the whole train: GitHub starts no workflow for a push of more than three tags,
    and one run is what orders the uploads (toolkit first) and gates them on CI."""
    return [f"v{version}"]


def distribution(name: str) -> str:
    return f"rhosocial-activerecord-{name}"


def choose_version(
    current: Version, part: str, explicit: Version | None, found: dict[str, list[Version]] | None
) -> Version:
    """The release version: above the train and, when the index was asked, above everything on it."""
    top = package_index.highest(found) if found else None
    if explicit is None:
        return bump(max(current, top[1]) if top else current, part)
    if explicit < current:
        raise ReleaseError(f"--version {explicit} is lower than the current {current}")
    taken = package_index.blocking(found or {}, explicit)
    if taken and top is not None:
        raise ReleaseError(
            f"--version {explicit} is not above every published version ({'; '.join(taken)}); "
            f"the index would refuse it or `pip install --pre` would not pick it: use {bump(top[1], part)} or higher"
        )
    return explicit


def procedure(version: Version, executed: bool) -> str:
    tag = tags(version)[0]
    first = "The release commit and the tag exist locally." if executed else "Run with --execute: it commits and tags."
    return "\n".join(
        [
            "release procedure (one tag, one workflow run):",
            f"  1. {first}",
            "  2. git push origin HEAD:main      # CI runs on the release commit; wait until it passed",
            f"  3. git push origin {tag}",
            "     -> ONE run of .github/workflows/release.yml: it refuses unless CI passed on the tagged commit,",
            "        builds and checks all four, publishes rhosocial-activerecord-toolkit, then the three backends.",
        ]
    )


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def existing_tags(version: Version) -> list[str]:
    try:
        return git("tag", "--list", *tags(version)).split()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: no tag to clash with
        return []


def execute(tree: Path, touched: list[str], version: Version) -> None:
    """Copy the prepared files back, commit them and tag the commit (never pushes)."""
    for rel in touched:
        src, dst = tree / rel, ROOT / rel
        if src.exists():
            shutil.copy2(src, dst)
        else:
            dst.unlink()
    git("add", "-A", "--", *touched)
    git("commit", "-q", "-m", f"Release {version}", "--", *touched)
    for tag in tags(version):
        git("tag", "-a", tag, "-m", f"rhosocial-activerecord backends {version}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--bump", choices=("dev", "patch", "minor", "major"), default="dev")
    target.add_argument("--version", type=Version, help="release exactly this version (above every published one)")
    parser.add_argument("--date", default=datetime.now(timezone.utc).date().isoformat(), help="CHANGELOG date")
    parser.add_argument("--execute", action="store_true", help="write the tree, commit and tag (never pushes)")
    parser.add_argument("--index-url", help="ask this index instead of the one pip is configured with")
    parser.add_argument(
        "--offline", action="store_true", help="do not ask the package index (dry run only: the version is unchecked)"
    )
    return parser.parse_args(argv)


def ask_index(args: argparse.Namespace) -> dict[str, list[Version]] | None:
    if args.offline:
        if args.execute:
            raise ReleaseError("--offline is for dry runs: a release must be checked against the index")
        print("!!! --offline: the package index was NOT asked; the index may refuse this version")
        return None
    try:
        found = package_index.published([distribution(n) for n in PROJECTS], index_url=args.index_url)
    except package_index.IndexUnavailable as exc:
        raise ReleaseError(f"{exc}\n(retry when the index answers, or pass --offline for a dry run)") from exc
    print("--- published on the package index:")
    for name, versions in found.items():
        shown = f"{len(versions)} versions, highest {versions[-1]}" if versions else "nothing yet"
        print(f"    {name}: {shown}")
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        found = ask_index(args)
        if args.version is not None:
            current = max(read_version(ROOT / rel) for rel in PROJECTS.values())
        else:
            current = current_train(ROOT)
        version = choose_version(current, args.bump, args.version, found)
        existing = existing_tags(version)
        if existing:
            raise ReleaseError(f"already tagged: {', '.join(existing)}; choose another version")
        if args.execute:
            dirty = git("status", "--porcelain", "--", *PROJECTS.values()).strip()
            if dirty:
                raise ReleaseError(f"uncommitted changes in the packages; commit or stash them first:\n{dirty}")
        print(f"=== release train {current} -> {version} ({'EXECUTE' if args.execute else 'dry run'})")
        with tempfile.TemporaryDirectory(prefix="release-tree-") as tmp:
            tree = copy_tree(ROOT, Path(tmp))
            touched = prepare(tree, version, args.date)
            print(diff(ROOT, tree, touched))
            ok = check_versions(tree, version)
            ok = build(tree, DIST) and ok
            built = artifacts(DIST, version)
            files = [p for paths in built.values() for p in paths]
            if len(files) != 2 * len(PROJECTS):
                print(f"!!! expected an sdist and a wheel per distribution, got {', '.join(p.name for p in files)}")
                ok = False
            ok &= run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)], "twine check")
            print("--- install each backend wheel alone (+ toolkit wheel) into a fresh virtualenv and import it")
            for backend in BACKENDS:
                ok &= install_check(backend, built, version)
            if not ok:
                print(f"\nrelease {version}: checks FAILED; nothing was written, committed or tagged")
                return 1
            if args.execute:
                execute(tree, touched, version)
    except ReleaseError as exc:
        print(f"release: {exc}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:  # git refused (commit or tag): say what it said
        print(f"release: {' '.join(exc.cmd)} failed: {exc.stderr or exc.stdout}", file=sys.stderr)
        return 2
    print(f"\nartifacts in {DIST.relative_to(ROOT)}:", *(p.name for p in sorted(DIST.iterdir())), sep="\n  ")
    print("\n" + procedure(version, args.execute))
    return 0


if __name__ == "__main__":
    sys.exit(main())
