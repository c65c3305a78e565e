"""The pre-commit hook definition, run for real with `pre-commit try-repo` against a temporary git repository.

pre-commit installs samkit (and its dependencies) from the package registry into a fresh environment; without
network access that cannot work, and the test is skipped saying so.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO
from tests.rules.plans import TODAY, PlanSpec, days_ago

OFFLINE_SIGNS = (
    "No matching distribution found",
    "Could not find a version",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "Max retries exceeded",
    "Read timed out",
)
SKIP_DIRS = {".venv", ".git", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", "__pycache__", "out"}


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def committed_copy_of_samkit(destination: Path) -> Path:
    """A git repository holding this checkout as it is now (pre-commit clones a repo at a commit)."""
    shutil.copytree(REPO, destination, ignore=lambda _folder, names: [n for n in names if n in SKIP_DIRS])
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "samkit under test")
    return destination


def test_hook_definition_is_well_formed() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "samkit-lint"
    assert hook["entry"] == "samkit lint --pre-commit"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed")
def test_pre_commit_try_repo_runs_samkit_lint(tmp_path: Path) -> None:
    source = committed_copy_of_samkit(tmp_path / "samkit")
    work = tmp_path / "accounts"
    (work / "plans").mkdir(parents=True)
    plan = work / "plans" / "acme.yaml"
    unmitigated = (
        PlanSpec().with_person(2, last_contact=days_ago(91)).yaml().replace("    mitigation:\n      - Show ROI\n", "")
    )
    plan.write_text(unmitigated, encoding="utf-8")
    (work / "README.md").write_text("not a plan\n", encoding="utf-8")
    git(work, "init", "-q")
    git(work, "add", "-A")  # staged, not committed: the commit under test adds the plan
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "SAMKIT_TODAY": TODAY.isoformat(),
        "NO_COLOR": "1",
    }

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(source), "samkit-lint", "--all-files"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    failing = try_repo()
    output = failing.stdout + failing.stderr
    if "samkit lint..." not in output:
        log = tmp_path / "pre-commit-home" / "pre-commit.log"
        details = output + (log.read_text(encoding="utf-8", errors="replace") if log.is_file() else "")
        if any(sign in details for sign in OFFLINE_SIGNS):
            pytest.skip("pre-commit could not install samkit from the package registry (offline?)")
        pytest.fail(f"pre-commit did not run the hook:\n{details[-3000:]}")
    assert failing.returncode == 1, output
    assert "samkit lint" in output and "Failed" in output
    assert "plans/acme.yaml:" in output and "SAM304" in output and "SAM101 error: Person 3:" in output
    assert "README.md" not in output  # only plan files are passed to the hook

    # the risk mitigated: the stale contact alone (time-based) is shown but does not block the commit
    plan.write_text(PlanSpec().with_person(2, last_contact=days_ago(91)).yaml(), encoding="utf-8")
    git(work, "add", "-A")
    passing = try_repo()
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
