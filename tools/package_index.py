"""What the package index already holds of a distribution, asked through pip.

pip is asked (`pip index versions NAME --pre`), so the index is the one pip is configured with
(pip.conf, PIP_INDEX_URL, or --index-url here): no host is named in this repository, and a mirror
or a private index works the same way. An index never accepts a version twice, and
`pip install --pre` installs the highest one, so a release must be above every published version.

"Not published" (pip found the index but no file of the name) and "the index could not be asked"
(network, TLS, proxy) are kept apart: the first is an empty list, the second an error, never
mistaken for an empty list.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from packaging.version import InvalidVersion, Version

# pip's own wording, stable across pip 21-25, for the two outcomes of a failed look-up
NOT_FOUND = "No matching distribution found"
UNREACHABLE = re.compile(
    r"Could not fetch URL|Max retries exceeded|NewConnectionError|ConnectTimeout|ProxyError|SSLError"
    r"|Read timed out|Temporary failure in name resolution|Name or service not known|Network is unreachable",
    re.IGNORECASE,
)
AVAILABLE = re.compile(r"^Available versions:\s*(?P<list>.*)$", re.MULTILINE)

Runner = Callable[..., Any]  # subprocess.run's shape: returns an object with returncode, stdout, stderr


class IndexUnavailable(Exception):
    """The index could not be asked; what it holds is unknown."""


def parse(name: str, returncode: int, stdout: str, stderr: str) -> list[Version]:
    """The versions in one `pip index versions` answer, lowest first; [] when the name has none."""
    if returncode != 0:
        unreachable = UNREACHABLE.search(stderr)
        if unreachable is not None or NOT_FOUND not in stderr:
            line = next((ln for ln in stderr.splitlines() if unreachable and unreachable.group(0) in ln), "")
            detail = line.strip() or (stderr.strip().splitlines() or ["no output"])[-1]
            raise IndexUnavailable(f"{name}: the package index could not be asked: {detail}")
        return []
    match = AVAILABLE.search(stdout)
    if match is None:
        raise IndexUnavailable(f"{name}: unexpected answer from pip index versions: {stdout.strip()[:200]!r}")
    versions = []
    for text in match["list"].split(","):
        try:
            versions.append(Version(text.strip()))
        except InvalidVersion:  # a legacy version string cannot be above a PEP 440 release of ours
            continue
    return sorted(versions)


def published_versions(
    name: str, *, index_url: str | None = None, python: str = sys.executable, runner: Runner = subprocess.run
) -> list[Version]:
    argv = [python, "-m", "pip", "index", "versions", name, "--pre", "--disable-pip-version-check"]
    if index_url:
        argv += ["--index-url", index_url]
    try:
        done = runner(argv, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise IndexUnavailable(f"{name}: pip index versions did not answer: {exc}") from exc
    return parse(name, done.returncode, done.stdout, done.stderr)


def published(
    names: Iterable[str], *, index_url: str | None = None, runner: Runner = subprocess.run
) -> dict[str, list[Version]]:
    return {name: published_versions(name, index_url=index_url, runner=runner) for name in names}


def highest(found: Mapping[str, list[Version]]) -> tuple[str, Version] | None:
    """The distribution holding the highest published version, and that version."""
    tops = [(versions[-1], name) for name, versions in found.items() if versions]
    if not tops:
        return None
    version, name = max(tops)
    return name, version


def blocking(found: Mapping[str, list[Version]], version: Version) -> list[str]:
    """Why ``version`` cannot be released: each distribution already at or above it."""
    return [
        f"{name} already has {versions[-1]} on the index"
        for name, versions in found.items()
        if versions and versions[-1] >= version
    ]


def main(argv: list[str] | None = None) -> int:
    """python tools/package_index.py VERSION NAME...: refuse VERSION when the index has a higher one.

    The release workflow runs this before uploading. The same version already published is allowed:
    a re-run after a partial upload skips what is there (the upload step uses skip-existing).
    """
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("version", type=Version)
    parser.add_argument("names", nargs="+")
    parser.add_argument("--index-url")
    args = parser.parse_args(argv)
    try:
        found = published(args.names, index_url=args.index_url)
    except IndexUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    above = [f"{name} has {v[-1]} on the index" for name, v in found.items() if v and v[-1] > args.version]
    for name, versions in found.items():
        print(f"{name}: {', '.join(map(str, versions[-3:])) or 'nothing published'}")
    if above:
        print(f"{args.version} is below what is published: {'; '.join(above)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
