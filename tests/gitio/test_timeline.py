"""samkit.gitio.timeline on real repositories: commits by date, plan files in a commit, shallow clones."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from samkit.gitio.git import GitError, is_shallow, resolve_revision
from samkit.gitio.timeline import commit_on_or_before, earliest_commit, end_of_day, plan_files_at
from tests.gitrepo import GitRepo, git_environment


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo.create(tmp_path / "repo")


def test_commit_on_or_before_the_end_of_a_day(repo: GitRepo) -> None:
    assert commit_on_or_before(repo.root, date(2026, 1, 1)) is None  # no commits yet
    first = repo.commit("first", date="2026-01-05T23:59:59")
    second = repo.commit("second", date="2026-01-06T00:00:00")
    assert commit_on_or_before(repo.root, date(2026, 1, 4)) is None
    found = commit_on_or_before(repo.root, date(2026, 1, 5))
    assert found is not None and found.commit == first and found.day == date(2026, 1, 5)
    found = commit_on_or_before(repo.root, date(2026, 1, 6))
    assert found is not None and found.commit == second
    assert found.timestamp <= end_of_day(date(2026, 1, 6))
    oldest = earliest_commit(repo.root)
    assert oldest is not None and oldest.commit == first


def test_plan_files_at_lists_plan_blobs_under_the_pathspecs(repo: GitRepo) -> None:
    repo.write("plans/a.yaml", "a: 1\n")
    repo.write("plans/sub/b.YML", "b: 1\n")
    repo.write("plans/.hidden/c.yaml", "c: 1\n")
    repo.write("plans/readme.md", "no\n")
    repo.write("plans/naïve name.yaml", "d: 1\n")
    repo.write("other/e.yaml", "e: 1\n")
    commit = repo.commit("files")
    (repo.root / "plans" / "link.yaml").symlink_to("a.yaml")
    with_link = repo.commit("a symbolic link")
    assert [entry.path for entry in plan_files_at(repo.root, commit, ["plans"])] == [
        "plans/a.yaml",
        "plans/naïve name.yaml",
        "plans/sub/b.YML",
    ]
    assert [entry.path for entry in plan_files_at(repo.root, with_link, ["plans"])] == [
        "plans/a.yaml",
        "plans/naïve name.yaml",
        "plans/sub/b.YML",
    ]
    everything = [entry.path for entry in plan_files_at(repo.root, commit, ["."])]
    assert "other/e.yaml" in everything and "plans/.hidden/c.yaml" not in everything
    assert [entry.path for entry in plan_files_at(repo.root, commit, ["plans/a.yaml"])] == ["plans/a.yaml"]
    blob = repo.git("rev-parse", f"{commit}:plans/a.yaml").strip()
    assert plan_files_at(repo.root, commit, ["plans/a.yaml"])[0].blob == blob


def test_plan_files_at_refuses_anything_but_a_commit_id(repo: GitRepo) -> None:
    repo.commit("first")
    with pytest.raises(GitError, match="expected a commit id"):
        plan_files_at(repo.root, "HEAD", ["plans"])


def test_shallow_clone_is_detected_and_unknown_revisions_say_so(repo: GitRepo, tmp_path: Path) -> None:
    repo.write("a.yaml", "a: 1\n")
    repo.commit("one", date="2026-01-01T10:00:00")
    repo.write("a.yaml", "a: 2\n")
    repo.commit("two", date="2026-02-01T10:00:00")
    assert not is_shallow(repo.root)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", f"file://{repo.root}", str(clone)],
        env=git_environment(),
        check=True,
        capture_output=True,
    )
    assert is_shallow(clone)
    assert commit_on_or_before(clone, date(2026, 1, 15)) is None
    found = commit_on_or_before(clone, date(2026, 2, 1))
    assert found is not None
    with pytest.raises(GitError, match=r"shallow clone.*git fetch --unshallow.*fetch-depth: 0"):
        resolve_revision("HEAD~1", clone)
    with pytest.raises(GitError, match="no commit by that name"):
        resolve_revision("no-such-branch", repo.root)
