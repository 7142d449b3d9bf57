"""Turn shared/matrix.toml into the CI include list.

    python tools/matrix.py                                   table of the nightly matrix
    python tools/matrix.py --tier pr --format json           {"include": [...]} for one matrix
    python tools/matrix.py --changed packages/mysql/src/x.py only the backends a change touches
    python tools/matrix.py --changed-from-git origin/main --format github >> "$GITHUB_OUTPUT"

The list is sparse on purpose: entry k pairs server k with Python k (both cycling), so every
server version and every Python appears at least once and the list is as long as the longer of
the two, not their product. Pairings are made before the backend and path filters are applied,
so a given server keeps its Python whatever else changed in the same pull request.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # 3.10 has no tomllib; tomli is the same parser under its original name
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
MATRIX_FILE = REPO / "shared" / "matrix.toml"

BACKENDS = ("postgres", "mysql", "oracle")

# Path filtering. A change under packages/<backend>/ concerns that backend only; these prefixes
# are shared by every backend (the toolkit, the tooling, the workspace and CI definitions, the
# cross-backend tests), so a change there runs everything.
SHARED_PREFIXES = ("shared/", "tools/", "tests/", ".github/", "hatch.toml", "pyproject.toml")
# Documentation cannot break a test run. Anything matching neither list runs everything: an
# unknown path is safer to over-test than to skip.
DOC_PREFIXES = ("docs/",)
DOC_SUFFIXES = (".md", ".rst")


@dataclass(frozen=True)
class Entry:
    """One CI job: one server version on one Python. Flat scalars only, as GitHub matrices want."""

    backend: str  # package under test: postgres | mysql | oracle
    product: str  # server product: postgres | mysql | mariadb | oracle
    label: str  # e.g. "MariaDB 11.4"
    version: str
    tier: str
    python: str
    image: str
    port: int
    options: str  # docker create options for the service container: health check and env
    dsn_env: str
    dsn: str
    name: str  # job display name
    # the image's superuser, used once to create the non-superuser test login ("" if the image's
    # own user already is one)
    admin_dsn: str = ""


def load(path: Path = MATRIX_FILE) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def servers(config: dict[str, Any], tier: str) -> list[dict[str, Any]]:
    """Flatten [servers.*] into one dict per version, product defaults overridden per version."""
    tiers = config["tiers"]
    if tier not in tiers:
        raise SystemExit(f"unknown tier {tier!r}; shared/matrix.toml defines {tiers}")
    wanted = set(tiers[: tiers.index(tier) + 1])
    flat = []
    for product, spec in config["servers"].items():
        defaults = {k: v for k, v in spec.items() if k != "versions"}
        for version in spec["versions"]:
            server = {**defaults, **version, "product": product}
            if server["tier"] not in tiers:
                raise SystemExit(f"shared/matrix.toml: {product} {server['version']}: unknown tier {server['tier']!r}")
            if server["tier"] in wanted:
                flat.append(server)
    return flat


def docker_options(server: dict[str, Any]) -> str:
    """Options for `docker create`: GitHub waits for the health check before running steps."""
    parts = [f'--health-cmd "{server["health_cmd"]}"']
    for key in ("interval", "timeout", "retries", "start_period"):
        if f"health_{key}" in server:
            parts.append(f"--health-{key.replace('_', '-')} {server[f'health_{key}']}")
    # Env goes in as -e so the workflow needs no per-product env keys: this file stays the only
    # place that knows what each image wants.
    parts += [f"-e {k}={v}" for k, v in server.get("env", {}).items()]
    return " ".join(parts)


def pair(config: dict[str, Any], tier: str = "nightly") -> list[Entry]:
    """Round-robin pairing: len = max(servers, pythons), so both sides are fully covered."""
    flat = servers(config, tier)
    pythons = config["python"]["versions"]
    if not flat:
        return []
    entries = []
    for k in range(max(len(flat), len(pythons))):
        s = flat[k % len(flat)]
        py = pythons[k % len(pythons)]
        label = f"{s['label']} {s['version']}"
        entries.append(
            Entry(
                backend=s["backend"],
                product=s["product"],
                label=label,
                version=str(s["version"]),
                tier=s["tier"],
                python=py,
                image=s["image"],
                port=int(s["port"]),
                options=docker_options(s),
                dsn_env=s["dsn_env"],
                dsn=s["dsn"],
                name=f"{label} / Python {py}",
                admin_dsn=s.get("admin_dsn", ""),
            )
        )
    return entries


def backends_for_paths(paths: list[str]) -> set[str]:
    """Which backends a set of changed paths (relative to the repo root) needs tested."""
    selected: set[str] = set()
    for raw in paths:
        path = raw.strip().replace("\\", "/").removeprefix("./")
        if not path:
            continue
        if path.startswith(SHARED_PREFIXES):
            return set(BACKENDS)
        if path.startswith(DOC_PREFIXES) or path.endswith(DOC_SUFFIXES):
            continue
        parts = path.split("/")
        if parts[0] == "packages" and len(parts) > 2 and parts[1] in BACKENDS:
            selected.add(parts[1])
            continue
        return set(BACKENDS)  # unknown territory: run everything
    return selected


def changed_from_git(base: str, cwd: Path = REPO) -> list[str] | None:
    """Paths changed since the merge base with `base`; None if git cannot tell (then test all)."""
    try:
        out = subprocess.run(
            ["git", "diff", "--name-only", f"{base}...HEAD"],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        print(f"matrix.py: cannot diff against {base!r} ({detail}); selecting every backend", file=sys.stderr)
        return None
    return out.splitlines()


def select(entries: list[Entry], backends: set[str]) -> list[Entry]:
    return [e for e in entries if e.backend in backends]


def include(entries: list[Entry]) -> dict[str, list[dict[str, Any]]]:
    return {"include": [asdict(e) for e in entries]}


def github_outputs(entries: list[Entry], config: dict[str, Any]) -> list[str]:
    """key=value lines for $GITHUB_OUTPUT: one include list per backend job plus run flags."""
    lines = []
    chosen = []
    for backend in BACKENDS:
        mine = [e for e in entries if e.backend == backend]
        lines.append(f"{backend}={json.dumps(include(mine), separators=(',', ':'))}")
        lines.append(f"run_{backend}={'true' if mine else 'false'}")
        if mine:
            chosen.append(backend)
    lines.append(f"backends={json.dumps(chosen)}")
    lines.append(f"any={'true' if chosen else 'false'}")
    lines.append(f"unit_python={json.dumps(config['python']['unit'])}")
    return lines


def table(entries: list[Entry]) -> str:
    if not entries:
        return "no jobs: the change touches no backend"
    columns = ("backend", "label", "python", "tier", "image", "port", "dsn_env")
    rows = [columns] + [tuple(str(getattr(e, c)) for c in columns) for e in entries]
    widths = [max(len(r[i]) for r in rows) for i in range(len(columns))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    pythons = sorted({e.python for e in entries}, key=lambda v: tuple(map(int, v.split("."))))
    lines.append(f"\n{len(entries)} jobs; Python {', '.join(pythons)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--matrix", type=Path, default=MATRIX_FILE, help="matrix file (default: %(default)s)")
    parser.add_argument("--tier", default="nightly", help="pr or nightly (default: %(default)s)")
    parser.add_argument("--backend", choices=BACKENDS, action="append", help="only this backend (repeatable)")
    changes = parser.add_mutually_exclusive_group()
    changes.add_argument("--changed", nargs="*", metavar="PATH", help="changed paths; selects the backends they touch")
    changes.add_argument("--changed-from-git", metavar="BASE", help="select by `git diff --name-only BASE...HEAD`")
    parser.add_argument("--format", choices=("table", "json", "github"), default="table")
    args = parser.parse_args(argv)

    config = load(args.matrix)
    backends = set(args.backend or BACKENDS)
    paths = args.changed
    if args.changed_from_git:
        paths = changed_from_git(args.changed_from_git)
    if paths is not None:
        backends &= backends_for_paths(paths)

    entries = select(pair(config, args.tier), backends)
    if args.format == "json":
        print(json.dumps(include(entries), separators=(",", ":")))
    elif args.format == "github":
        print("\n".join(github_outputs(entries, config)))
    else:
        print(table(entries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
