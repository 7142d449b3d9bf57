"""tools/release.py: version bumps, the toolkit range the backends follow, changelog collection.

Everything that writes works on a copy of the repository's four projects in tmp_path.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import package_index
import release

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("current", "part", "expected"),
    [
        ("1.0.0.dev1", "dev", "1.0.0.dev2"),
        ("1.0.0.dev9", "dev", "1.0.0.dev10"),
        ("1.0.0rc1.dev3", "dev", "1.0.0rc1.dev4"),
        ("1.0.0rc1", "dev", "1.0.0rc2.dev1"),
        ("1.0.0", "dev", "1.0.1.dev1"),
        ("1.0.0.dev3", "patch", "1.0.0"),
        ("1.0.0", "patch", "1.0.1"),
        ("1.0.0.post1", "patch", "1.0.1"),
        ("1.0.0.dev3", "minor", "1.0.0"),
        ("1.2.3.dev1", "minor", "1.3.0"),
        ("1.2.0rc1", "minor", "1.2.0"),
        ("1.2.3", "minor", "1.3.0"),
        ("1.0.0.dev3", "major", "1.0.0"),
        ("1.2.0rc1", "major", "2.0.0"),
        ("1.2.3", "major", "2.0.0"),
        ("2", "patch", "2.0.1"),
    ],
)
def test_bump(current: str, part: str, expected: str) -> None:
    new = release.bump(Version(current), part)
    assert new == Version(expected)
    assert new > Version(current)


def test_unknown_bump_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown bump"):
        release.bump(Version("1.0.0"), "micro")


@pytest.mark.parametrize(
    ("version", "spec", "outside"),
    [
        ("1.0.0.dev2", ">=1.0.0.dev2,<1.1", ["1.0.0.dev1", "1.1.0.dev1", "1.1.0"]),
        ("1.0.0", ">=1.0.0,<1.1", ["1.0.0rc1", "1.1.0"]),
        ("2.3.4", ">=2.3.4,<2.4", ["2.3.3", "2.4.0"]),
    ],
)
def test_toolkit_range_admits_the_train_up_to_the_next_minor(version: str, spec: str, outside: list[str]) -> None:
    assert release.toolkit_range(Version(version)) == spec
    specifier = SpecifierSet(spec)
    assert specifier.contains(version, prereleases=True)
    assert specifier.contains("1.0.9" if version.startswith("1.0") else "2.3.9", prereleases=True)
    assert not any(specifier.contains(v, prereleases=True) for v in outside)
    assert "==" not in spec


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return release.copy_tree(ROOT, tmp_path / "tree")


def dependencies(pyproject: Path) -> list[str]:
    with pyproject.open("rb") as f:
        return tomllib.load(f)["project"]["dependencies"]


def test_the_backend_range_is_rewritten_in_place(tree: Path) -> None:
    pyproject = tree / "packages" / "mysql" / "pyproject.toml"
    before = pyproject.read_text(encoding="utf-8").splitlines()
    release.set_toolkit_range(pyproject, Version("1.0.0.dev7"))
    after = pyproject.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [(changed[0][0], '    "rhosocial-activerecord-toolkit>=1.0.0.dev7,<1.1",')]
    assert [d for d in dependencies(pyproject) if d.startswith("rhosocial-activerecord")] == [
        "rhosocial-activerecord>=1.0.0.dev29,<1.1",  # the core pin is not the toolkit's
        "rhosocial-activerecord-toolkit>=1.0.0.dev7,<1.1",
    ]


def test_an_exact_pin_is_replaced_by_a_range(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\ndependencies = ['rhosocial-activerecord-toolkit==1.0.0', 'x']\n")
    release.set_toolkit_range(pyproject, Version("1.2.0"))
    assert dependencies(pyproject) == ["rhosocial-activerecord-toolkit>=1.2.0,<1.3", "x"]


def test_a_backend_without_the_toolkit_requirement_fails_loudly(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\ndependencies = ["rhosocial-activerecord-toolkitx>=1"]\n')
    with pytest.raises(release.ReleaseError, match="exactly one requirement"):
        release.set_toolkit_range(pyproject, Version("1.2.0"))


def test_the_train_must_be_in_step(tree: Path) -> None:
    train = release.current_train(tree)
    release.set_version(release.about_file(tree / "packages" / "oracle"), Version("9.9.9"))
    with pytest.raises(release.ReleaseError, match="out of step"):
        release.current_train(tree)
    release.set_version(release.about_file(tree / "packages" / "oracle"), train)
    assert release.current_train(tree) == train


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_fragments_are_named_id_type_md(tmp_path: Path) -> None:
    project = tmp_path / "p"
    write(project / "changes" / "README.md", "not a fragment")
    write(project / "changes" / ".gitkeep", "")
    write(project / "changes" / "12.fixed.md", "Lost connections are not retried.\n")
    write(project / "changes" / "tls-crl.added.md", "TLS certificate revocation lists.\nWith a second line.\n")
    found = release.fragments(project)
    assert [(f.id, f.type) for f in found] == [("12", "fixed"), ("tls-crl", "added")]
    write(project / "changes" / "9.fixed.md", "Earlier.")
    write(project / "changes" / "13.batch-errors.added.md", "Batch errors per row.")
    write(project / "changes" / "10-lifecycle.fixed.md", "Lifecycle.")
    ordered = release.fragments(project)
    assert [f.path.name for f in ordered] == [  # issue numbers in order, then slugs
        "9.fixed.md",
        "10-lifecycle.fixed.md",
        "12.fixed.md",
        "13.batch-errors.added.md",
        "tls-crl.added.md",
    ]
    assert [f.entry().rsplit(" ", 1)[1] for f in ordered] == ["(#9)", "(#10)", "(#12)", "(#13)", "(tls-crl)"]
    for name in ("9.fixed.md", "13.batch-errors.added.md", "10-lifecycle.fixed.md"):
        (project / "changes" / name).unlink()
    assert found[0].entry() == "- Lost connections are not retried. (#12)"
    assert found[1].entry() == "- TLS certificate revocation lists.\n  With a second line. (tls-crl)"
    write(project / "changes" / "13.improved.md", "x")
    with pytest.raises(release.ReleaseError, match="added, changed, fixed, removed"):
        release.fragments(project)
    (project / "changes" / "13.improved.md").unlink()
    write(project / "changes" / "13.a.b.fixed.md", "x")
    with pytest.raises(release.ReleaseError, match=r"<id>\.<slug>\.<type>\.md"):
        release.fragments(project)


def test_an_empty_fragment_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "changes" / "1.added.md", "  \n")
    with pytest.raises(release.ReleaseError, match="empty"):
        release.fragments(tmp_path)


def test_changelog_takes_over_an_unreleased_heading(tmp_path: Path) -> None:
    frags = [
        release.Fragment(tmp_path / "a", "3", "removed", "Dropped X."),
        release.Fragment(tmp_path / "b", "1", "added", "Y."),
    ]
    old = "# Changelog\n\n## Unreleased\n\n- Hand-written note.\n\n## 1.0.0 (2026-01-01)\n\n- First.\n"
    assert release.update_changelog(old, Version("1.1.0"), "2026-02-02", frags) == (
        "# Changelog\n\n## 1.1.0 (2026-02-02)\n\n- Hand-written note.\n\n"
        "### Added\n\n- Y. (#1)\n\n### Removed\n\n- Dropped X. (#3)\n\n"
        "## 1.0.0 (2026-01-01)\n\n- First.\n"
    )


def test_changelog_gets_a_new_section_above_the_last_release(tmp_path: Path) -> None:
    old = "# Changelog\n\nIntro.\n\n## 1.0.0 (2026-01-01)\n\n- First.\n"
    frag = release.Fragment(tmp_path / "a", "7", "fixed", "Z.")
    assert release.update_changelog(old, Version("1.0.1"), "2026-02-02", [frag]) == (
        "# Changelog\n\nIntro.\n\n## 1.0.1 (2026-02-02)\n\n### Fixed\n\n- Z. (#7)\n\n"
        "## 1.0.0 (2026-01-01)\n\n- First.\n"
    )
    # a distribution with nothing of its own is still released with the train, and says so
    assert "released with the rest of the train" in release.update_changelog(old, Version("1.0.1"), "d", [])


def test_prepare_bumps_ranges_and_collects_on_the_copy_only(tree: Path) -> None:
    originals = {p: p.read_bytes() for p in ROOT.glob("*/*/CHANGELOG.md")}
    originals.update({p: p.read_bytes() for p in ROOT.glob("*/*/pyproject.toml")})
    write(tree / "packages" / "postgres" / "changes" / "41.added.md", "COPY ... FROM STDIN for bulk inserts.")
    write(tree / "shared" / "toolkit" / "changes" / "40.fixed.md", "ORA-00060 maps to DeadlockError.")
    new = release.bump(release.current_train(tree), "dev")

    touched = release.prepare(tree, new, "2026-11-23")

    assert release.current_train(tree) == new
    for backend in release.BACKENDS:
        deps = dependencies(tree / "packages" / backend / "pyproject.toml")
        assert f"{release.TOOLKIT}{release.toolkit_range(new)}" in deps
    postgres_log = (tree / "packages" / "postgres" / "CHANGELOG.md").read_text()
    assert f"## {new} (2026-11-23)\n\n" in postgres_log
    # the copy may hold the package's own fragments too: look inside the new "Added" subsection
    added = postgres_log.split("### Added\n\n", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    assert "- COPY ... FROM STDIN for bulk inserts. (#41)\n" in added
    assert "- ORA-00060 maps to DeadlockError. (#40)" in (tree / "shared" / "toolkit" / "CHANGELOG.md").read_text()
    assert not (tree / "packages" / "postgres" / "changes" / "41.added.md").exists()
    assert (tree / "packages" / "postgres" / "changes" / "README.md").exists()
    assert "packages/postgres/changes/41.added.md" in touched
    assert "packages/postgres/pyproject.toml" in touched
    assert "shared/toolkit/pyproject.toml" not in touched  # the toolkit requires no toolkit
    patch = release.diff(ROOT, tree, touched)
    assert f'+__version__ = "{new}"' in patch
    assert "-COPY ... FROM STDIN for bulk inserts." not in patch  # the fragment is new in the copy only
    assert {p: p.read_bytes() for p in originals} == originals  # the working tree is untouched

    checker = ROOT / "tools" / "check_versions.py"
    if checker.is_file():  # the repository's own consistency check agrees with the result
        done = subprocess.run(
            [sys.executable, str(checker), "--root", str(tree), "--expect", str(new)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr


def test_one_tag_for_the_whole_train() -> None:
    # GitHub starts no workflow for a push of more than three tags; one tag is one run
    assert release.tags(Version("1.0.0.dev20")) == ["v1.0.0.dev20"]


# --- the package index ----------------------------------------------------------------------

PIP_FOUND = "rhosocial-activerecord-mysql (1.0.0.dev19)\nAvailable versions: 1.0.0.dev19, 1.0.0.dev2, 1.0.0.dev1\n"
PIP_NOT_FOUND = "ERROR: No matching distribution found for rhosocial-activerecord-toolkit\n"
PIP_OFFLINE = (
    "WARNING: Retrying (Retry(total=4)) after connection broken by 'NewConnectionError(...: "
    "Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')'\n"
    "ERROR: Could not find a version that satisfies the requirement x\n"
    "ERROR: No matching distribution found for x\n"
)


def test_pip_answers_are_read_as_versions_or_as_nothing_published() -> None:
    assert package_index.parse("m", 0, PIP_FOUND, "") == [Version(f"1.0.0.dev{n}") for n in (1, 2, 19)]
    assert package_index.parse("t", 1, "", PIP_NOT_FOUND) == []


def test_an_unreachable_index_is_an_error_not_an_empty_list() -> None:
    with pytest.raises(package_index.IndexUnavailable, match=r"could not be asked.*name resolution"):
        package_index.parse("x", 1, "", PIP_OFFLINE)
    with pytest.raises(package_index.IndexUnavailable):
        package_index.parse("x", 2, "", "Traceback ...\nKeyError: 'boom'\n")
    with pytest.raises(package_index.IndexUnavailable, match="unexpected answer"):
        package_index.parse("x", 0, "something else\n", "")


FOUND = {
    "rhosocial-activerecord-toolkit": [],
    "rhosocial-activerecord-postgres": [Version(f"1.0.0.dev{n}") for n in range(1, 17)],
    "rhosocial-activerecord-mysql": [Version(f"1.0.0.dev{n}") for n in range(1, 20)],
    "rhosocial-activerecord-oracle": [Version("1.0.0.dev1"), Version("1.0.0.dev2")],
}


def test_the_train_starts_above_everything_published() -> None:
    assert release.choose_version(Version("1.0.0.dev1"), "dev", None, FOUND) == Version("1.0.0.dev20")
    assert release.choose_version(Version("1.0.0.dev1"), "patch", None, FOUND) == Version("1.0.0")
    assert release.choose_version(Version("1.0.0.dev25"), "dev", None, FOUND) == Version("1.0.0.dev26")
    assert release.choose_version(Version("1.0.0.dev1"), "dev", None, None) == Version("1.0.0.dev2")  # --offline


def test_an_explicit_version_not_above_the_index_is_refused_with_a_proposal() -> None:
    with pytest.raises(release.ReleaseError, match=r"mysql already has 1.0.0.dev19.*use 1.0.0.dev20 or higher"):
        release.choose_version(Version("1.0.0.dev1"), "dev", Version("1.0.0.dev19"), FOUND)
    assert release.choose_version(Version("1.0.0.dev1"), "dev", Version("1.0.0rc1"), FOUND) == Version("1.0.0rc1")


def test_offline_is_refused_for_a_real_release(capsys: pytest.CaptureFixture[str]) -> None:
    assert release.main(["--offline", "--execute"]) == 2
    assert "--offline is for dry runs" in capsys.readouterr().err


def test_the_configured_index_is_asked() -> None:
    """The live look-up through pip; skipped (with the reason) when the index cannot be reached."""
    try:
        found = package_index.published(["rhosocial-activerecord-mysql", "rhosocial-activerecord-toolkit"])
    except package_index.IndexUnavailable as exc:
        pytest.skip(str(exc))
    assert found["rhosocial-activerecord-mysql"], "the mysql name has published versions"
    proposal = release.choose_version(release.current_train(ROOT), "dev", None, found)
    assert proposal > found["rhosocial-activerecord-mysql"][-1]


# --- the workflow -----------------------------------------------------------------------------


def workflow(name: str) -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def test_one_tag_starts_one_run_that_gates_on_ci_and_publishes_the_toolkit_first() -> None:
    flow = workflow("release.yml")
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as a boolean
    assert triggers == {"push": {"tags": ["v*"]}}
    jobs = flow["jobs"]
    assert jobs["build"]["needs"] == "ci-passed"
    assert "ci.yml" in "".join(step.get("run", "") for step in jobs["ci-passed"]["steps"])
    assert jobs["publish-toolkit"]["needs"] == "build"
    assert "publish-toolkit" in jobs["publish-backends"]["needs"]
    assert jobs["publish-backends"]["strategy"]["matrix"]["name"] == list(release.BACKENDS)
    for job in ("publish-toolkit", "publish-backends"):
        assert jobs[job]["permissions"] == {"id-token": "write"}  # trusted publishing, no token
        assert "password" not in str(jobs[job])
    assert jobs["publish-toolkit"]["steps"][-1]["with"]["packages-dir"] == "dist/toolkit/"
    assert flow["permissions"] == {"contents": "read"}


def test_every_action_is_pinned_to_a_commit(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "check_actions.py")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    bad = write(
        tmp_path / "w.yml",
        "steps:\n  - uses: actions/checkout@v4\n  - uses: ./local\n"
        "  - uses: pypa/gh-action-pypi-publish@dc37677b2e1c63e2034f94d8a5b11f265b73ba33\n",
    )
    import check_actions

    found = check_actions.problems(bad)
    assert len(found) == 2
    assert "w.yml:2: actions/checkout@v4: not pinned" in found[0]
    assert "w.yml:4" in found[1]
    assert "comment" in found[1]


# --- what PyPI shows ------------------------------------------------------------------------


@pytest.mark.parametrize("rel", list(release.PROJECTS.values()))
def test_project_urls_and_readme_links_are_absolute(rel: str) -> None:
    with (ROOT / rel / "pyproject.toml").open("rb") as f:
        urls = tomllib.load(f)["project"]["urls"]
    assert {"Homepage", "Documentation", "Changelog", "Source", "Issues"} <= set(urls)
    assert urls["Changelog"].endswith(f"/blob/main/{rel}/CHANGELOG.md")
    assert (ROOT / rel / "CHANGELOG.md").is_file()
    documented = urls["Documentation"].split("/blob/main/", 1)[1]
    assert (ROOT / documented).is_file(), documented
    readme = (ROOT / rel / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", readme)
    assert links, "the README links its documentation and changelog"
    assert [link for link in links if not link.startswith("https://")] == []  # PyPI renders no relative link
    assert urls["Changelog"] in links


def test_ci_runs_the_wheel_install_test_once_and_builds_the_docs_strictly() -> None:
    jobs = workflow("ci.yml")["jobs"]
    runs = {name: "\n".join(step.get("run", "") for step in job.get("steps", [])) for name, job in jobs.items()}
    assert [name for name, text in runs.items() if "test_distributions.py" in text] == ["distributions"]
    for name, text in runs.items():  # everything else that runs the tests leaves the wheel-install test out
        if "hatch run test:" in text:
            assert '-m "not distributions"' in text, name
    assert "hatch run docs:build" in runs["docs"]
    with (ROOT / "hatch.toml").open("rb") as f:
        assert "--strict" in tomllib.load(f)["envs"]["docs"]["scripts"]["build"]


def test_ci_runs_the_tls_cases_against_verifying_servers_and_fails_on_a_skip() -> None:
    job = workflow("ci.yml")["jobs"]["tls"]
    text = "\n".join(step.get("run", "") for step in job["steps"])
    assert "localdb.py up --only pg-tls,mariadb-tls --strict" in text  # a server that cannot start fails the job
    for backend in ("postgres", "mysql"):
        assert f"packages/{backend}/tests/integration/test_tls_modes.py" in text
    assert "skipped" in job["steps"][-1]["run"]  # the last step fails when any TLS case was skipped
    assert job["services"]["plain"]["image"].startswith("mariadb:10.")  # a server without TLS for the refusals
