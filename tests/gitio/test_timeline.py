"""samkit.gitio.timeline on real repositories: commits by date, plan files in a commit, shallow clones."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from samkit.gitio import timeline
from samkit.gitio.git import GitError, is_shallow, resolve_revision
from samkit.gitio.timeline import (
    DatedCommit,
    commit_on_or_before,
    earliest_commit,
    last_commit_on_or_before,
    latest_instant,
    plan_files_at,
)
from tests.gitrepo import ZONES, GitRepo, commit_at, git_environment, machine_zone


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
    assert found.timestamp <= latest_instant(date(2026, 1, 6))
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


# --- a commit's day is its committer's own (the offset recorded in the commit), on every machine ----------------


@pytest.fixture(params=list(ZONES))
def zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The test runs once per machine time zone."""
    with machine_zone(request.param):
        yield request.param


def test_a_commit_is_of_the_day_its_committer_s_clock_showed_whatever_the_machine_s_zone(
    repo: GitRepo, zone: str
) -> None:
    """Three commits, each child after its parent, whose days differ by zone: the late one in Los Angeles is
    already 2026-02-01 in UTC, and the one just after midnight in Kiritimati is still 2026-01-31 in UTC (and
    before the Los Angeles one, in seconds). Every machine sees each on its committer's day."""
    repo.write("plans/a.yaml", "a: 1\n")
    early = commit_at(repo, "early", "2026-01-30T12:00:00+00:00")
    repo.write("plans/a.yaml", "a: 2\n")
    late_la = commit_at(repo, "late in Los Angeles", "2026-01-31T23:30:00-08:00")  # 2026-02-01T07:30Z
    repo.write("plans/a.yaml", "a: 3\n")
    kiritimati = commit_at(repo, "just after midnight", "2026-02-01T00:30:00+14:00")  # 2026-01-31T10:30Z
    found = {day: commit_on_or_before(repo.root, date(2026, 1, day)) for day in (29, 30, 31)}
    found[32] = commit_on_or_before(repo.root, date(2026, 2, 1))
    assert found[29] is None
    assert [(item.commit, item.day) for item in (found[30], found[31], found[32]) if item is not None] == [
        (early, date(2026, 1, 30)),
        (late_la, date(2026, 1, 31)),
        (kiritimati, date(2026, 2, 1)),
    ]
    oldest = earliest_commit(repo.root)
    assert oldest is not None and (oldest.commit, oldest.day) == (early, date(2026, 1, 30))
    reviewed = last_commit_on_or_before(repo.root, "plans/a.yaml", date(2026, 1, 31))
    assert reviewed is not None and reviewed.commit == late_la


def test_the_committer_date_counts_not_the_author_date(repo: GitRepo, zone: str) -> None:
    """A rebased commit keeps its author's date (2026-01-10) but enters the branch when committed (2026-02-05)."""
    repo.write("plans/a.yaml", "a: 1\n")
    first = commit_at(repo, "first", "2026-01-05T10:00:00+01:00")
    repo.write("plans/a.yaml", "a: 2\n")
    rebased = commit_at(repo, "rebased", "2026-02-05T10:00:00+01:00", authored="2026-01-10T10:00:00+01:00")
    found = commit_on_or_before(repo.root, date(2026, 1, 31))
    assert found is not None and found.commit == first
    found = commit_on_or_before(repo.root, date(2026, 2, 5))
    assert found is not None and found.commit == rebased
    reviewed = last_commit_on_or_before(repo.root, "plans/a.yaml", date(2026, 1, 31))
    assert reviewed is not None and reviewed.commit == first


def test_the_largest_offsets_git_records_are_found(repo: GitRepo) -> None:
    """-23:59 is the furthest west git records: 23:30 on 2026-01-31 there is 23:29 on 2026-02-01 in UTC."""
    far_east = commit_at(repo, "far east", "2026-01-31T00:30:00+23:59")  # 2026-01-30T00:31Z
    far_west = commit_at(repo, "far west", "2026-01-31T23:30:00-23:59")
    assert repo.git("log", "-1", "--format=%cI").strip() == "2026-01-31T23:30:00-23:59"
    found = commit_on_or_before(repo.root, date(2026, 1, 31))
    assert found is not None and found.commit == far_west
    assert commit_on_or_before(repo.root, date(2026, 1, 30)) is None
    assert latest_instant(date(2026, 1, 31)) >= found.timestamp
    assert earliest_commit(repo.root) == DatedCommit(far_east, 1769733060, date(2026, 1, 31))


def test_many_commits_of_a_later_own_day_are_read_past(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """When every commit of the first look is of a later own day, the next ones are read (more each time), and
    None comes back once git has no more."""
    monkeypatch.setattr(timeline, "FIRST_LOOK", 2)
    monkeypatch.setattr(timeline, "LOOK_FURTHER", 2)
    early = commit_at(repo, "early", "2026-01-30T09:00:00+00:00")
    for minute in range(7):  # 2026-02-01 in Kiritimati, 2026-01-31 in UTC
        commit_at(repo, f"east {minute}", f"2026-02-01T00:{minute:02}:00+14:00")
    found = commit_on_or_before(repo.root, date(2026, 1, 31))
    assert found is not None and found.commit == early
    assert commit_on_or_before(repo.root, date(2026, 1, 29)) is None
